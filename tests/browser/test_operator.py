"""The operator's journey: Ecom staff log in at /operator/login, see the
tenants as companies, and never see a tenant's pages (nor tenants theirs)."""

import re

from playwright.sync_api import Page, expect

from helpers import sign_up


def test_an_operator_sees_a_new_tenant_and_the_two_kinds_of_session_stay_apart(
    page: Page, base_url: str, operator: tuple[str, str]
) -> None:
    company, _ = sign_up(page, base_url)

    # A tenant's session never shows the operator's pages.
    page.goto(f"{base_url}/operator")
    expect(page.get_by_test_id("dashboard-company-name")).to_have_text(company)
    page.goto(f"{base_url}/operator/login")
    expect(page.get_by_test_id("operator-login-tenant-session")).to_be_visible()
    page.goto(f"{base_url}/")
    page.get_by_test_id("logout").click()
    expect(page.get_by_test_id("login-form")).to_be_visible()

    email, password = operator
    page.goto(f"{base_url}/operator/login")
    page.get_by_test_id("operator-login-email").fill(email)
    page.get_by_test_id("operator-login-password").fill(password)
    page.get_by_test_id("operator-login-submit").click()

    expect(page).to_have_url(f"{base_url}/operator")
    expect(page.get_by_test_id("current-user")).to_have_text(email)
    row = page.locator("[data-testid=operator-tenants-table] tbody tr", has_text=company)
    expect(row).to_have_count(1)
    expect(row.get_by_test_id(re.compile(r"^tenant-[0-9a-f-]{36}-status$"))).to_have_text("Free trial")
    expect(row.get_by_test_id(re.compile(r"^tenant-[0-9a-f-]{36}-contract-status$"))).to_have_text("No contract")
    expect(row.get_by_role("button", name="Terminate")).to_be_visible()

    # The operator's own navigation; a tenant's page sends back to it.
    expect(page.get_by_test_id("nav-operator-tenants")).to_be_visible()
    expect(page.get_by_test_id("nav-dashboard")).to_have_count(0)
    page.goto(f"{base_url}/users")
    expect(page).to_have_url(f"{base_url}/operator")
    page.reload()
    expect(row).to_have_count(1)

    page.get_by_test_id("logout").click()
    expect(page.get_by_test_id("operator-login-form")).to_be_visible()
