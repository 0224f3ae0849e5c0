"""The operator's prospects page: add a prospect, find it, be refused a
duplicate, record "not interested" behind the confirm dialog, erase one."""

import uuid

from playwright.sync_api import Page, expect

from helpers import assert_accessible


def log_in_operator(page: Page, base_url: str, operator: tuple[str, str]) -> None:
    email, password = operator
    page.goto(f"{base_url}/operator/login")
    page.get_by_test_id("operator-login-email").fill(email)
    page.get_by_test_id("operator-login-password").fill(password)
    page.get_by_test_id("operator-login-submit").click()
    expect(page.get_by_test_id("operator-tenants")).to_be_visible()


def add(page: Page, email: str, name: str) -> None:
    page.get_by_test_id("prospect-new").click()
    page.get_by_test_id("prospect-email").fill(email)
    page.get_by_test_id("prospect-name").fill(name)
    page.get_by_test_id("prospect-phone").fill(f"0470 {uuid.uuid4().int % 100:02d} 34 67")
    page.get_by_test_id("prospect-company").fill("Bakkerij Peeters")
    page.get_by_test_id("prospect-source").select_option("event")
    page.get_by_test_id("prospect-submit").click()


def test_the_operator_keeps_prospects(page: Page, base_url: str, operator: tuple[str, str]) -> None:
    log_in_operator(page, base_url, operator)
    page.get_by_test_id("nav-operator-prospects").click()
    expect(page).to_have_url(f"{base_url}/operator/prospects")
    expect(page.get_by_test_id("loading")).to_have_count(0)

    # Field errors from the API land next to their inputs.
    page.get_by_test_id("prospect-new").click()
    page.get_by_test_id("prospect-email").fill("not an address")
    page.get_by_test_id("prospect-phone").fill("call me")
    page.get_by_test_id("prospect-submit").click()
    expect(page.get_by_test_id("prospect-email-error")).to_be_visible()
    expect(page.get_by_test_id("prospect-phone-error")).to_be_visible()
    page.get_by_test_id("prospect-new").click()

    tag = uuid.uuid4().hex[:8]
    keen, nope = f"keen-{tag}@example.be", f"nope-{tag}@example.be"
    add(page, keen, f"Keen {tag}")
    add(page, nope, f"Nope {tag}")
    page.get_by_test_id("prospects-search").fill(tag)
    page.get_by_test_id("prospects-apply").click()
    rows = page.locator("[data-testid=prospects-table] tbody tr")
    expect(rows).to_have_count(2)
    assert_accessible(page, "operator prospects")

    # A second prospect with the same address: refused, with a way to the first.
    add(page, keen.upper(), "Again")
    expect(page.get_by_test_id("prospect-form-error")).to_contain_text("already exists")
    page.get_by_test_id("prospect-open-existing").click()
    expect(page.get_by_test_id("prospect-edit-card")).to_contain_text(f"Keen {tag}")
    page.get_by_test_id("prospect-edit-close").click()

    # "Not interested" asks first, then the row says so.
    row = rows.filter(has_text=nope)
    row.get_by_role("button", name="Not interested").click()
    dialog = page.locator("[data-testid^=prospect-not-interested-][data-testid$=-dialog]")
    expect(dialog).to_contain_text("suppression list")
    dialog.locator("[data-testid$='-confirm']").click()
    expect(row.locator("[data-testid^=prospect-status-]")).to_have_text("Not interested")

    page.get_by_test_id("prospects-status").select_option("not_interested")
    page.get_by_test_id("prospects-apply").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(nope)

    # Erase now.
    rows.first.get_by_role("button", name="Erase").click()
    page.locator("[data-testid^=prospect-erase-][data-testid$=-dialog] [data-testid$='-confirm']").click()
    expect(page.get_by_test_id("prospects-empty")).to_be_visible()
