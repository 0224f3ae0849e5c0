"""Steps shared by the journeys: signing up, logging in, ordering a plan."""

import datetime as dt
import json
import os
import pathlib
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


def open_nav(page: Page) -> None:
    """On a small screen the navigation hides behind the menu button: opens it
    (nothing to do on a wide screen, where the links are always shown)."""
    toggle = page.get_by_test_id("nav-toggle")
    # Wait for the app to render the layout first: `is_visible` does not wait,
    # and right after a page load the button may not be there yet.
    expect(toggle).to_be_attached()
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")


def create_company(page: Page, name: str) -> None:
    """Adds a company through the CRM page; ends on its detail page."""
    open_nav(page)
    page.get_by_test_id("nav-companies").click()
    page.get_by_test_id("company-new").click()
    page.get_by_test_id("company-name").fill(name)
    page.get_by_test_id("company-vat-number").fill("BE0417497106")
    page.get_by_test_id("company-email").fill(f"klant-{uuid.uuid4().hex[:8]}@example.com")
    page.get_by_test_id("company-city").fill("Gent")
    page.get_by_test_id("company-submit").click()
    expect(page.get_by_test_id("company-detail-name")).to_have_text(name)


def create_contact(page: Page, first_name: str, last_name: str) -> None:
    """Adds a contact (no company) through the CRM page; ends on its detail page."""
    open_nav(page)
    page.get_by_test_id("nav-contacts").click()
    page.get_by_test_id("contact-new").click()
    page.get_by_test_id("contact-first-name").fill(first_name)
    page.get_by_test_id("contact-last-name").fill(last_name)
    page.get_by_test_id("contact-submit").click()
    expect(page.get_by_test_id("contact-detail-name")).to_have_text(f"{first_name} {last_name}")


def euro(amount: Decimal) -> str:
    """As the SPA writes amounts in English: `€1,234.50` (`-€5.00`)."""
    rounded = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    return f"{sign}€{abs(rounded):,.2f}"


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
    open_nav(page)
    page.get_by_test_id("nav-subscription").click()
    expect(page).to_have_url(f"{base_url}/subscription")
    page.get_by_test_id("order-term-length-year").check()
    expect(page.get_by_test_id("order-summary-total")).to_have_text(euro(annual))
    page.get_by_test_id("order-submit").click()
    expect(page.get_by_test_id("subscription-done")).to_be_visible()
    expect(page.get_by_test_id("contract-status")).to_have_text("Active")
    return annual


AXE_JS = pathlib.Path(
    os.environ.get(
        "ECOM_AXE_JS",
        pathlib.Path(__file__).resolve().parents[2] / ".tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js",
    )
)
# WCAG 2.0/2.1/2.2 A and AA, plus axe's best practices (landmarks, one h1).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}


def axe_violations(page: Page) -> list[dict]:
    """Runs axe-core (npm, pinned in scripts/lib.sh, installed into
    .tools/axe) in the page as it is now; returns every violation."""
    if not AXE_JS.is_file():
        raise AssertionError(f"axe-core is missing at {AXE_JS}: run scripts/test (ensure_axe) or set ECOM_AXE_JS")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not as a <script> tag: the
        # app's Content Security Policy (rightly) refuses inline scripts.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        """async (tags) => {
            const result = await window.axe.run(document, {
                runOnly: { type: 'tag', values: tags },
                resultTypes: ['violations'],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => ({ target: n.target.join(' '), summary: n.failureSummary })),
            }));
        }""",
        AXE_TAGS,
    )
    return result


def assert_accessible(page: Page, where: str = "") -> None:
    """Fails on any serious or critical axe-core violation on the page as it
    is now (wait for the content first), naming each rule and element."""
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        raise AssertionError(
            f"accessibility violations on {where or page.url}:\n" + json.dumps(blocking, indent=2, ensure_ascii=False)
        )
