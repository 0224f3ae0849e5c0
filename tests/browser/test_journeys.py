"""End-to-end journeys through the SPA and the real server."""

import datetime as dt
import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from helpers import BRUSSELS, PASSWORD, belgian_vat_number, expect_dashboard, fill_signup, log_in, unique_email


def test_sign_up_log_out_log_in_and_create_an_api_key(page: Page, base_url: str) -> None:
    company = f"Bakkerij {uuid.uuid4().hex[:8]} BV"
    email = unique_email()

    page.goto(f"{base_url}/signup")
    fill_signup(page, company=company, email=email, password=PASSWORD, vat=belgian_vat_number())
    registered_from = dt.datetime.now(BRUSSELS)
    page.get_by_test_id("signup-submit").click()

    # Terms art. 4: the trial ends 15 calendar days after registration.
    expect_dashboard(page, company)
    registered_until = dt.datetime.now(BRUSSELS)
    expect(page).to_have_url(f"{base_url}/")
    expect(page.get_by_test_id("dashboard-tenant-status")).to_have_text("Free trial")
    expect(page.get_by_test_id("dashboard-trial-days-left")).to_have_text("15 days left")
    trial_end = page.get_by_test_id("dashboard-trial-ends").inner_text()
    possible_ends = {
        (moment + dt.timedelta(days=15)).strftime("%d/%m/%Y")
        for moment in (registered_from, registered_until)
    }
    assert trial_end in possible_ends

    # A reload keeps the session (sessionStorage).
    page.reload()
    expect_dashboard(page, company)

    page.get_by_test_id("logout").click()
    expect(page.get_by_test_id("login-form")).to_be_visible()
    expect(page.get_by_test_id("logged-out")).to_be_visible()
    expect(page.get_by_test_id("logout")).to_have_count(0)

    # Logged out: the dashboard sends back to the log-in page.
    page.goto(f"{base_url}/")
    expect(page.get_by_test_id("login-form")).to_be_visible()

    log_in(page, email, "not the password at all")
    expect(page.get_by_test_id("form-error")).to_be_visible()
    log_in(page, email, PASSWORD)
    expect_dashboard(page, company)

    page.get_by_test_id("nav-api-keys").click()
    expect(page).to_have_url(f"{base_url}/api-keys")
    expect(page.get_by_test_id("api-keys-empty")).to_be_visible()
    page.get_by_test_id("api-key-name").fill("Webshop sync")
    # Least privilege: no scope picked is refused; changing CRM includes reading it.
    page.get_by_test_id("api-key-submit").click()
    expect(page.get_by_test_id("api-key-scopes")).to_contain_text("pick at least one scope")
    page.get_by_test_id("api-key-scope-crm-write").check()
    expect(page.get_by_test_id("api-key-scope-crm-read")).to_be_checked()
    page.get_by_test_id("api-key-submit").click()

    expect(page.get_by_test_id("api-key-created")).to_contain_text("will not be shown again")
    secret = page.get_by_test_id("api-key-secret").input_value()
    row = page.locator("[data-testid=api-keys-table] tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Webshop sync")
    expect(row).to_contain_text("crm:write")
    prefix = row.locator("code").inner_text()
    assert prefix and secret.startswith(prefix), (prefix, secret)
    assert len(secret) > len(prefix)

    # Shown once: after dismissing, and after a reload, the secret is gone.
    page.get_by_test_id("api-key-secret-dismiss").click()
    expect(page.get_by_test_id("api-key-secret")).to_have_count(0)
    page.reload()
    expect(row).to_have_count(1)
    expect(page.get_by_test_id("api-key-secret")).to_have_count(0)
    assert secret not in page.content()


@pytest.mark.viewport(375, 812)
def test_a_bad_sign_up_shows_the_errors_next_to_the_fields(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/signup")
    # BE0123456788: the check digits of 01234567 are 49, not 88.
    fill_signup(
        page,
        company="Bakkerij Fout BV",
        email=unique_email(),
        password="short",
        vat="BE0123456788",
    )
    page.get_by_test_id("signup-submit").click()

    expect(page.get_by_test_id("signup-administrator-password-error")).to_be_visible()
    expect(page.get_by_test_id("signup-company-vat-number-error")).to_be_visible()
    expect(page.get_by_test_id("signup-administrator-password")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("signup-company-vat-number")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("form-error")).to_be_visible()
    # Fields the server accepted carry no error.
    expect(page.get_by_test_id("signup-company-name-error")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/signup$"))
    # Nothing raw from the API leaks into the page.
    assert '"errors"' not in page.inner_text("body")

    # Fits a 375px-wide phone: nothing scrolls sideways.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"


def test_an_unknown_page_says_so(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/no-such-page")
    expect(page.get_by_test_id("not-found")).to_contain_text("Page not found")
