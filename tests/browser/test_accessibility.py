"""Zero serious or critical axe-core violations on every main page, logged
out, as a tenant's Administrator and as an operator; and the confirm dialog's
keyboard behaviour (focus inside, trapped, Escape returns it)."""

import pytest
from playwright.sync_api import Page, expect

from helpers import assert_accessible, log_in, sign_up


def test_public_pages_are_accessible(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/signup")
    expect(page.get_by_test_id("signup-accepted-terms")).to_be_enabled()
    assert_accessible(page, "sign-up")

    page.goto(f"{base_url}/login")
    expect(page.get_by_test_id("login-form")).to_be_visible()
    assert_accessible(page, "log-in")
    # A refused log-in shows its error accessibly too.
    log_in(page, "nobody@example.com", "not the password")
    expect(page.get_by_test_id("form-error")).to_be_visible()
    assert_accessible(page, "log-in with an error")

    page.goto(f"{base_url}/status")
    expect(page.get_by_test_id("status-overall")).to_be_visible()
    assert_accessible(page, "status")

    page.goto(f"{base_url}/no-such-page")
    assert_accessible(page, "not found")


@pytest.mark.viewport(375, 800)
def test_public_pages_are_accessible_on_a_phone(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/signup")
    expect(page.get_by_test_id("signup-accepted-terms")).to_be_enabled()
    assert_accessible(page, "sign-up at 375 px")
    # Nothing sticks out sideways at 375 px.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize("width", [375, 1920])
def test_no_page_scrolls_sideways_on_a_phone_or_a_wide_screen(browser, base_url: str, width: int) -> None:
    from conftest import TIMEOUT_MS

    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB", timezone_id="Europe/Brussels")
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        sign_up(page, base_url)
        for path, ready in [("/", "dashboard-company-name"), ("/users", "users-table"), ("/subscription", "order-submit"),
                            ("/api-keys", "api-keys-empty"), ("/status", "status-overall")]:
            page.goto(f"{base_url}{path}")
            expect(page.get_by_test_id(ready)).to_be_visible()
            overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at {width} px"
    finally:
        context.close()


def test_administrator_pages_are_accessible(page: Page, base_url: str) -> None:
    sign_up(page, base_url)
    assert_accessible(page, "dashboard")
    pages = [
        ("nav-users", "users-table"),
        ("nav-api-keys", "api-keys-empty"),
        ("nav-subscription", "order-submit"),
        ("nav-invoices", "invoices-empty"),
        ("nav-timeline", "timeline-empty"),
        ("nav-account", "change-password-form"),
    ]
    for nav, ready in pages:
        page.get_by_test_id(nav).click()
        expect(page.get_by_test_id(ready)).to_be_visible()
        expect(page.get_by_test_id("loading")).to_have_count(0)
        assert_accessible(page, nav.removeprefix("nav-"))


def test_the_confirm_dialog_traps_focus_and_gives_it_back(page: Page, base_url: str) -> None:
    sign_up(page, base_url)
    page.get_by_test_id("nav-api-keys").click()
    page.get_by_test_id("api-key-name").fill("Webshop sync")
    page.get_by_test_id("api-key-scope-crm-read").check()
    page.get_by_test_id("api-key-submit").click()
    page.get_by_test_id("api-key-secret-dismiss").click()
    revoke = page.locator("[data-testid^='api-key-'][data-testid$='-revoke']").first
    revoke.click()

    dialog = page.locator("[role='alertdialog']")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-modal", "true")
    assert_accessible(page, "confirm dialog")
    # The harmless choice has the focus; Tab and Shift+Tab stay inside.
    cancel = dialog.locator("[data-testid$='-cancel']")
    expect(cancel).to_be_focused()
    for key in ["Tab", "Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]:
        page.keyboard.press(key)
        assert page.evaluate("() => !!document.activeElement.closest('[role=alertdialog]')"), f"focus left the dialog after {key}"
    # Escape closes it without revoking, and the focus is back on the button.
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(revoke).to_be_focused()
    expect(page.locator(".badge-danger")).to_have_count(0)

    # Confirming revokes and says so in a toast.
    revoke.click()
    dialog.locator("[data-testid$='-confirm']").click()
    expect(page.get_by_test_id("toast")).to_contain_text("The key is revoked")
    assert_accessible(page, "api keys with a toast")


def test_operator_pages_are_accessible(page: Page, base_url: str, operator: tuple[str, str]) -> None:
    email, password = operator
    page.goto(f"{base_url}/operator/login")
    assert_accessible(page, "operator log-in")
    page.get_by_test_id("operator-login-email").fill(email)
    page.get_by_test_id("operator-login-password").fill(password)
    page.get_by_test_id("operator-login-submit").click()
    expect(page.get_by_test_id("operator-tenants")).to_be_visible()
    expect(page.get_by_test_id("loading")).to_have_count(0)
    assert_accessible(page, "operator tenants")
