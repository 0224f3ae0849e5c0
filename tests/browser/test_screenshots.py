"""Screenshots of each main page at 1280×800 and 375×800, saved under
docs/screenshots/ for the README. Runs only with ECOM_SCREENSHOTS=1 (the
images are committed; refresh them after a visible change):

    ECOM_SCREENSHOTS=1 ECOM_BASE_URL=... ECOM_BIN=... ECOM_DATABASE_URL=... \\
      .tools/venv/bin/python -m pytest tests/browser/test_screenshots.py

Each page is also checked with axe-core before it is photographed.
"""

import os
import pathlib

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import TIMEOUT_MS
from helpers import assert_accessible, order_yearly_basic_plan, sign_up

SCREENSHOTS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = [(1280, 800), (375, 800)]

pytestmark = pytest.mark.skipif(
    os.environ.get("ECOM_SCREENSHOTS") != "1", reason="set ECOM_SCREENSHOTS=1 to refresh docs/screenshots/"
)


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

        sign_up(page, base_url)
        shoot(page, "dashboard")
        page.goto(f"{base_url}/users")
        expect(page.get_by_test_id("users-table")).to_be_visible()
        shoot(page, "users")
        page.goto(f"{base_url}/api-keys")
        page.get_by_test_id("api-key-name").fill("Webshop sync")
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
        expect(page.get_by_test_id("nav-subscription")).to_be_visible()
        order_yearly_basic_plan(page, base_url)
        shoot(page, "subscription")
        page.get_by_test_id("nav-invoices").click()
        expect(page.get_by_test_id("statement-total-open")).to_be_visible()
        shoot(page, "invoices")
        page.get_by_test_id("nav-timeline").click()
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
