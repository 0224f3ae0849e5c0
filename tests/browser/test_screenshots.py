"""Screenshots of each main page at 1280×800 and 375×800, saved under
docs/screenshots/ for the README with ECOM_SCREENSHOTS=1 (the images are
committed; refresh them after a visible change). Without it (every test run,
CI included) the same walk runs, checking every page with axe-core at both
sizes, and the images go to tests/browser/artifacts/screenshots/:

    ECOM_SCREENSHOTS=1 ECOM_BASE_URL=... ECOM_BIN=... ECOM_DATABASE_URL=... \\
      .tools/venv/bin/python -m pytest tests/browser/test_screenshots.py

Each page is also checked with axe-core before it is photographed.
"""

import os
import pathlib

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import TIMEOUT_MS
from helpers import assert_accessible, create_company, create_contact, open_nav, order_yearly_basic_plan, sign_up

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = (
    ROOT / "docs" / "screenshots"
    if os.environ.get("ECOM_SCREENSHOTS") == "1"
    else ROOT / "tests" / "browser" / "artifacts" / "screenshots"
)
SIZES = [(1280, 800), (375, 800)]


def shoot(page: Page, name: str) -> None:
    expect(page.get_by_test_id("loading")).to_have_count(0)
    assert_accessible(page, name)
    width = page.viewport_size["width"] if page.viewport_size else 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), animations="disabled", caret="hide")


def new_page(browser: Browser, width: int, height: int, locale: str = "en-GB") -> Page:
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale, timezone_id="Europe/Brussels")
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return context.new_page()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_screenshots_of_the_main_pages(browser: Browser, base_url: str, operator: tuple[str, str], width: int, height: int) -> None:
    page = new_page(browser, width, height)
    try:
        page.goto(f"{base_url}/signup")
        expect(page.get_by_test_id("signup-accepted-terms")).to_be_enabled()
        shoot(page, "signup")
        page.goto(f"{base_url}/login")
        shoot(page, "login")
        page.goto(f"{base_url}/status")
        expect(page.get_by_test_id("status-overall")).to_be_visible()
        shoot(page, "status")

        company, _ = sign_up(page, base_url)
        # The module pages with a little data in them (before ordering: the
        # trial includes every module).
        create_company(page, "Brouwerij De Klok")
        shoot(page, "company")
        page.goto(f"{base_url}/crm/companies")
        expect(page.get_by_test_id("company-link")).to_have_count(1)
        shoot(page, "companies")
        create_contact(page, "Els", "Claes")
        page.goto(f"{base_url}/crm/contacts")
        expect(page.get_by_test_id("contact-row")).to_have_count(1)
        shoot(page, "contacts")
        page.goto(f"{base_url}/crm/deals")
        page.get_by_test_id("deal-new").click()
        page.get_by_test_id("deal-title").fill("Taps for the new bar")
        page.get_by_test_id("deal-stage").select_option("proposal")
        page.get_by_test_id("deal-value").fill("12500")
        page.get_by_test_id("deal-company").select_option(label="Brouwerij De Klok")
        page.get_by_test_id("deal-submit").click()
        expect(page.get_by_test_id("deal-detail-title")).to_be_visible()
        page.goto(f"{base_url}/crm/deals")
        expect(page.get_by_test_id("pipeline-chart")).to_be_visible()
        shoot(page, "deals")
        page.goto(f"{base_url}/quotations/new")
        page.get_by_test_id("quotation-company").select_option(label="Brouwerij De Klok")
        page.get_by_test_id("quotation-title").fill("Taps and installation")
        page.get_by_test_id("line-0-description").fill("Beer taps")
        page.get_by_test_id("line-0-quantity").fill("4")
        page.get_by_test_id("line-0-unit-price").fill("650")
        page.get_by_test_id("quotation-save").click()
        expect(page.get_by_test_id("quotation-customer")).to_be_visible()
        shoot(page, "quotation")
        page.goto(f"{base_url}/quotations")
        expect(page.get_by_test_id("quotations-table")).to_be_visible()
        shoot(page, "quotations")
        page.goto(f"{base_url}/sales-invoices")
        expect(page.get_by_test_id("sales-invoice-new")).to_be_visible()
        shoot(page, "sales-invoices")
        page.goto(f"{base_url}/calendar")
        expect(page.get_by_test_id("calendar-range")).to_be_visible()
        shoot(page, "calendar")
        page.goto(f"{base_url}/projects")
        page.get_by_test_id("project-name").fill("Website")
        page.get_by_test_id("project-hourly-rate").fill("80")
        page.get_by_test_id("project-submit").click()
        page.goto(f"{base_url}/projects")
        expect(page.get_by_test_id("projects-table")).to_be_visible()
        shoot(page, "projects")
        page.goto(f"{base_url}/tickets")
        page.get_by_test_id("ticket-subject").fill("Invoice PDF does not open")
        page.get_by_test_id("ticket-requester").select_option(label="Els Claes")
        page.get_by_test_id("ticket-submit").click()
        expect(page.get_by_test_id("ticket-sla-first")).to_be_visible()
        page.goto(f"{base_url}/tickets")
        shoot(page, "tickets")
        page.goto(f"{base_url}/calls")
        expect(page.get_by_test_id("call-form")).to_be_visible()
        shoot(page, "calls")
        page.goto(f"{base_url}/privacy")
        expect(page.get_by_test_id("privacy-centre")).to_be_visible()
        shoot(page, "privacy")
        page.goto(f"{base_url}/")
        expect(page.get_by_test_id("dashboard-deals-count")).to_have_text("1")
        shoot(page, "dashboard")
        if width < 1280:
            open_nav(page)
            expect(page.get_by_test_id("nav-tickets")).to_be_visible()
            shoot(page, "navigation")
        page.goto(f"{base_url}/users")
        expect(page.get_by_test_id("users-table")).to_be_visible()
        shoot(page, "users")
        page.goto(f"{base_url}/api-keys")
        page.get_by_test_id("api-key-name").fill("Webshop sync")
        page.get_by_test_id("api-key-scope-crm-read").check()
        page.get_by_test_id("api-key-submit").click()
        page.get_by_test_id("api-key-secret-dismiss").click()
        expect(page.get_by_test_id("api-keys-table")).to_be_visible()
        shoot(page, "api-keys")
        page.goto(f"{base_url}/account")
        shoot(page, "account")
        page.goto(f"{base_url}/subscription")
        expect(page.get_by_test_id("order-submit")).to_be_visible()
        page.get_by_test_id("order-term-length-year").check()
        shoot(page, "order")
        page.goto(f"{base_url}/")
        order_yearly_basic_plan(page, base_url)
        shoot(page, "subscription")
        page.goto(f"{base_url}/invoices")
        expect(page.get_by_test_id("statement-total-open")).to_be_visible()
        shoot(page, "invoices")
        page.goto(f"{base_url}/timeline")
        expect(page.get_by_test_id("timeline")).to_be_visible()
        shoot(page, "timeline")
        if width >= 1280:
            page.get_by_test_id("lang-nl").click()
            page.get_by_test_id("nav-dashboard").click()
            shoot(page, "dashboard-nl")
            page.get_by_test_id("lang-fr").click()
            shoot(page, "dashboard-fr")
            page.get_by_test_id("lang-en").click()
        page.get_by_test_id("logout").click()
        expect(page.get_by_test_id("login-form")).to_be_visible()

        email, password = operator
        page.goto(f"{base_url}/operator/login")
        page.get_by_test_id("operator-login-email").fill(email)
        page.get_by_test_id("operator-login-password").fill(password)
        page.get_by_test_id("operator-login-submit").click()
        expect(page.get_by_test_id("operator-tenants-table")).to_be_visible()
        shoot(page, "operator")
    finally:
        page.context.close()
