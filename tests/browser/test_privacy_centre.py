"""The privacy centre: consent ticked at sign-up shows there, the person
changes it per list and sees the history, and the legal pages show the
document's version, effective date and history."""

import uuid

from playwright.sync_api import Page, expect

from helpers import PASSWORD, belgian_vat_number, expect_dashboard, fill_signup, unique_email


def test_marketing_consent_from_sign_up_to_the_privacy_centre(page: Page, base_url: str) -> None:
    company = f"Bakkerij {uuid.uuid4().hex[:8]} BV"
    page.goto(f"{base_url}/signup")
    page.get_by_test_id("cookie-reject-all").click()
    fill_signup(page, company=company, email=unique_email(), password=PASSWORD, vat=belgian_vat_number())
    expect(page.get_by_test_id("signup-marketing-newsletter")).not_to_be_checked()
    page.get_by_test_id("signup-marketing-newsletter").check()
    page.get_by_test_id("signup-submit").click()
    expect_dashboard(page, company)

    page.get_by_test_id("nav-privacy").click()
    expect(page.get_by_test_id("privacy-my-data")).to_contain_text("An Peeters")
    expect(page.get_by_test_id("privacy-requests-link")).to_have_attribute("href", "/privacy/requests")
    expect(page.get_by_test_id("consent-newsletter")).to_be_checked()
    expect(page.get_by_test_id("consent-events")).not_to_be_checked()
    history = page.get_by_test_id("consent-history")
    expect(history.locator("tbody tr")).to_have_count(1)
    expect(history).to_contain_text("sign-up form")

    page.get_by_test_id("consent-newsletter").uncheck()
    page.get_by_test_id("consent-events").check()
    page.get_by_test_id("consent-save").click()
    expect(page.get_by_test_id("consent-saved")).to_be_visible()
    expect(history.locator("tbody tr")).to_have_count(3)
    expect(history).to_contain_text("privacy centre")
    page.reload()
    expect(page.get_by_test_id("consent-newsletter")).not_to_be_checked()
    expect(page.get_by_test_id("consent-events")).to_be_checked()
    expect(page.get_by_test_id("privacy-cookie-summary")).to_have_text("Strictly necessary")
    expect(page.get_by_test_id("privacy-accepted")).to_contain_text("Data processing agreement")


def test_legal_pages_show_version_effective_date_and_history(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/legal/dpa")
    expect(page.get_by_test_id("legal-title")).to_have_text("Data processing agreement")
    expect(page.get_by_test_id("legal-version")).to_contain_text("2026-01")
    expect(page.get_by_test_id("legal-effective")).to_contain_text("2026")
    expect(page.get_by_test_id("legal-body")).to_contain_text("processor")
    expect(page.get_by_test_id("legal-history").locator("li")).not_to_have_count(0)
    page.get_by_test_id("footer-terms").click()
    expect(page.get_by_test_id("legal-title")).to_have_text("General terms and conditions")
    expect(page.get_by_test_id("legal-body")).to_contain_text("Kortrijksesteenweg")
