"""Three languages: the first visit follows the browser, the person switches
in the top bar, every page follows at once, the choice survives a reload in
the tab, and a `lang` cookie is only written after functionality consent."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from helpers import assert_accessible, sign_up
from conftest import TIMEOUT_MS


def lang_cookie(page: Page) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == "lang"), None)


def test_switching_language_rerenders_every_page_and_is_kept_for_the_tab(page: Page, base_url: str) -> None:
    sign_up(page, base_url)
    expect(page.get_by_test_id("lang-en")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("nav-users")).to_have_text("Users")

    page.get_by_test_id("lang-nl").click()
    expect(page.get_by_test_id("lang-nl")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_attribute("lang", "nl-BE")
    expect(page.get_by_test_id("nav-users")).to_have_text("Gebruikers")
    expect(page.get_by_test_id("dashboard-tenant-status")).to_have_text("Gratis proefperiode")
    expect(page.get_by_test_id("dashboard-user-role")).to_have_text("Beheerder")
    assert_accessible(page, "dashboard in Dutch")

    # Money in Belgian Dutch on the order form.
    page.get_by_test_id("nav-subscription").click()
    page.get_by_test_id("order-term-length-year").check()
    expect(page.get_by_test_id("order-summary-total")).to_have_text(re.compile(r"^\d{1,3}(\.\d{3})*,\d{2}\u00a0€$"))

    # French (Belgium), then a reload: still French, from session storage.
    page.get_by_test_id("lang-fr").click()
    expect(page.get_by_test_id("nav-users")).to_have_text("Utilisateurs")
    expect(page.get_by_test_id("order-summary-total")).to_have_text(re.compile(r"^\d{1,3}(\u202f\d{3})*,\d{2}\u00a0€$"))
    page.reload()
    expect(page.get_by_test_id("nav-users")).to_have_text("Utilisateurs")
    expect(page.locator("html")).to_have_attribute("lang", "fr-BE")
    # No consent given: no cookie, only the tab's storage.
    assert lang_cookie(page) is None
    assert page.evaluate("() => sessionStorage.getItem('ecom.lang')") == "fr"


@pytest.mark.parametrize(
    ("locale", "title"),
    [("nl-BE", "Inloggen bij Ecom"), ("fr-BE", "Connexion à Ecom"), ("de-DE", "Log in to Ecom")],
)
def test_the_first_visit_follows_the_browser_language(browser: Browser, base_url: str, locale: str, title: str) -> None:
    context = browser.new_context(locale=locale)
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{base_url}/login")
        expect(page.locator("h1")).to_have_text(title)
    finally:
        context.close()


def test_the_cookie_is_written_only_with_functionality_consent(browser: Browser, base_url: str) -> None:
    context = browser.new_context(locale="en-GB")
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{base_url}/login")
        # Allow functionality cookies in the cookie banner.
        page.get_by_test_id("cookie-choose").click()
        page.get_by_test_id("cookie-category-functionality").check()
        page.get_by_test_id("cookie-save").click()
        expect(page.get_by_test_id("cookie-banner")).to_have_count(0)
        page.get_by_test_id("lang-nl").click()
        expect(page.locator("h1")).to_have_text("Inloggen bij Ecom")
        assert lang_cookie(page) == "nl"

        # A new tab of the same browser: the cookie brings Dutch back.
        other = context.new_page()
        other.set_default_timeout(TIMEOUT_MS)
        other.goto(f"{base_url}/login")
        expect(other.locator("h1")).to_have_text("Inloggen bij Ecom")

        # Consent withdrawn: the next choice removes the cookie.
        other.get_by_test_id("cookie-settings").click()
        other.get_by_test_id("cookie-reject-all").click()
        expect(other.get_by_test_id("cookie-banner")).to_have_count(0)
        other.get_by_test_id("lang-fr").click()
        expect(other.locator("h1")).to_have_text("Connexion à Ecom")
        assert lang_cookie(other) is None
    finally:
        context.close()


def test_problems_from_the_api_are_shown_in_the_persons_language(browser: Browser, base_url: str) -> None:
    context = browser.new_context(locale="nl-BE")
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{base_url}/login")
        expect(page.locator("h1")).to_have_text("Inloggen bij Ecom")
        page.get_by_test_id("login-email").fill("niemand@example.be")
        page.get_by_test_id("login-password").fill("niet het wachtwoord")
        page.get_by_test_id("login-submit").click()
        expect(page.get_by_test_id("form-error")).to_contain_text("Dit e-mailadres en wachtwoord horen niet bij elkaar.")
        # The same refusal in French once the person switches.
        page.get_by_test_id("lang-fr").click()
        page.get_by_test_id("login-email").fill("personne@example.be")
        page.get_by_test_id("login-password").fill("pas le mot de passe")
        page.get_by_test_id("login-submit").click()
        expect(page.get_by_test_id("form-error")).to_contain_text("Cette adresse e-mail et ce mot de passe ne correspondent pas.")
    finally:
        context.close()
