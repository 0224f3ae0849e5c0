"""Steps shared by the journeys: signing up, logging in, ordering a plan."""

import datetime as dt
import random
import uuid
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

PASSWORD = "correct horse battery staple"
BRUSSELS = ZoneInfo("Europe/Brussels")


def belgian_vat_number() -> str:
    """A random Belgian VAT number (enterprise number 0xxx.xxx.xxx or 1xxx...)
    with valid check digits: the last two are 97 - (first eight mod 97).

    Random so that reruns do not hit the rule that refuses a second trial for
    a VAT number within two years.
    """
    first_eight = random.randrange(2_000_000, 19_999_999)
    return f"BE{first_eight:08d}{97 - first_eight % 97:02d}"


def unique_email() -> str:
    return f"e2e-{uuid.uuid4().hex[:12]}@example.com"


def fill_signup(page: Page, *, company: str, email: str, password: str, vat: str) -> None:
    page.get_by_test_id("signup-company-name").fill(company)
    page.get_by_test_id("signup-company-country").select_option("BE")
    page.get_by_test_id("signup-company-vat-number").fill(vat)
    page.get_by_test_id("signup-company-street").fill("Kerkstraat 1")
    page.get_by_test_id("signup-company-postal-code").fill("9000")
    page.get_by_test_id("signup-company-city").fill("Gent")
    page.get_by_test_id("signup-administrator-first-name").fill("An")
    page.get_by_test_id("signup-administrator-last-name").fill("Peeters")
    page.get_by_test_id("signup-administrator-email").fill(email)
    page.get_by_test_id("signup-administrator-password").fill(password)
    page.get_by_test_id("signup-administrator-function").fill("Zaakvoerder")
    page.get_by_test_id("signup-administrator-phone").fill("+32 9 123 45 67")
    # The boxes are enabled once the current policy versions have loaded.
    for policy in ("terms", "privacy", "data-processing"):
        box = page.get_by_test_id(f"signup-accepted-{policy}")
        expect(box).to_be_enabled()
        box.check()


def expect_dashboard(page: Page, company: str) -> None:
    expect(page.get_by_test_id("dashboard-company-name")).to_have_text(company)
    expect(page.get_by_test_id("dashboard-user-name")).to_have_text("An Peeters")
    expect(page.get_by_test_id("dashboard-user-role")).to_have_text("Administrator")


def log_in(page: Page, email: str, password: str) -> None:
    page.get_by_test_id("login-email").fill(email)
    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()


def sign_up(page: Page, base_url: str) -> tuple[str, str]:
    """Registers a new company for the trial through the form; returns its
    name and the Administrator's e-mail. Ends on the dashboard, logged in."""
    company = f"Bakkerij {uuid.uuid4().hex[:8]} BV"
    email = unique_email()
    page.goto(f"{base_url}/signup")
    fill_signup(page, company=company, email=email, password=PASSWORD, vat=belgian_vat_number())
    page.get_by_test_id("signup-submit").click()
    expect_dashboard(page, company)
    return company, email


def euro(amount: Decimal) -> str:
    """As the SPA writes amounts: `€ 1,234.50`."""
    return f"€ {amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"


def day_of(page: Page, testid: str) -> dt.date:
    """The date in a `<time datetime=...>`, checked to be shown as dd/mm/yyyy."""
    element = page.get_by_test_id(testid)
    day = dt.date.fromisoformat(element.get_attribute("datetime") or "")
    expect(element).to_have_text(day.strftime("%d/%m/%Y"))
    return day


def order_yearly_basic_plan(page: Page, base_url: str) -> Decimal:
    """Orders the basic plan for a year from the subscription page, as a
    signed-up Administrator; returns the year's price excluding VAT. Ends on
    the subscription page with the contract shown."""
    catalogue = page.request.get(f"{base_url}/api/v1/catalogue").json()
    annual = Decimal(catalogue["basic"]["annual_price"])
    page.get_by_test_id("nav-subscription").click()
    expect(page).to_have_url(f"{base_url}/subscription")
    page.get_by_test_id("order-term-length-year").check()
    expect(page.get_by_test_id("order-summary-total")).to_have_text(euro(annual))
    page.get_by_test_id("order-submit").click()
    expect(page.get_by_test_id("subscription-done")).to_be_visible()
    expect(page.get_by_test_id("contract-status")).to_have_text("Active")
    return annual
