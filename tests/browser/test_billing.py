"""The billing journey: the statement after the first invoice, and a dispute
of that invoice within its 7 days (terms art. 10, 11)."""

import datetime as dt
import re
from decimal import Decimal

from playwright.sync_api import Page, expect

from helpers import day_of, euro, order_yearly_basic_plan, sign_up


def test_the_first_invoice_is_open_in_full_and_can_be_disputed(page: Page, base_url: str) -> None:
    sign_up(page, base_url)
    annual = order_yearly_basic_plan(page, base_url)
    # A Belgian company with a VAT number: 21 % VAT on the year's price.
    total = euro(annual * Decimal("1.21"))
    nothing = euro(Decimal(0))

    # The statement: the one invoice open in full, by bank transfer due in
    # 14 days, so nothing is overdue and no late-payment charge runs.
    page.get_by_test_id("nav-invoices").click()
    expect(page).to_have_url(f"{base_url}/invoices")
    statement = page.get_by_test_id("statement")
    lines = statement.locator("[data-testid=statement-lines] tbody tr")
    expect(lines).to_have_count(1)
    line = lines.first
    expect(line.get_by_test_id("statement-line-principal")).to_have_text(total)
    expect(line.get_by_test_id("statement-line-principal-open")).to_have_text(total)
    expect(line.get_by_test_id("statement-line-interest-open")).to_have_text(nothing)
    expect(line.get_by_test_id("statement-line-compensation-open")).to_have_text(nothing)
    expect(line.get_by_test_id("statement-line-total-open")).to_have_text(total)
    expect(line.get_by_test_id("statement-line-overdue")).to_have_count(0)
    expect(line).not_to_have_class(re.compile(r"\brow-overdue\b"))
    as_of = day_of(page, "statement-as-of")
    assert day_of(page, "statement-line-due-date") > as_of
    expect(page.get_by_test_id("statement-total-open")).to_have_text(total)
    expect(page.get_by_test_id("statement-unallocated-credit")).to_have_text(nothing)
    expect(page.get_by_test_id("statement-regime")).to_have_attribute("data-regime", "b2b")
    expect(page.get_by_test_id("statement-rule")).to_contain_text("1 % per started month")
    expect(page.get_by_test_id("statement-settlements-empty")).to_be_visible()
    expect(page.get_by_test_id("suspended-banner")).to_have_count(0)

    # The invoice, disputed on its own date: the number is prefilled.
    number = line.get_by_test_id("statement-line-number").inner_text()
    line.get_by_test_id("statement-line-number").click()
    expect(page).to_have_url(re.compile(r"/invoices/[0-9a-f-]{36}$"))
    issued = day_of(page, "invoice-issue-date")
    assert day_of(page, "dispute-last-day") == issued + dt.timedelta(days=7)
    expect(page.get_by_test_id("dispute-invoice-number")).to_have_value(number)

    # Reasons are required: said next to the field, nothing is sent.
    page.get_by_test_id("dispute-submit").click()
    expect(page.get_by_test_id("dispute-reasons-error")).to_be_visible()

    reasons = "The year's price was agreed at a lower amount by e-mail."
    page.get_by_test_id("dispute-reasons").fill(reasons)
    page.get_by_test_id("dispute-submit").click()
    expect(page.get_by_test_id("dispute-done")).to_contain_text(number)
    expect(page.get_by_test_id("dispute-lodged-invoice-number")).to_have_text(number)
    expect(page.get_by_test_id("dispute-lodged-reasons")).to_have_text(reasons)
    expect(page.get_by_test_id("dispute-form")).to_have_count(0)

    # The server records one dispute per invoice: a second is refused, and
    # the form shows its problem.
    page.reload()
    page.get_by_test_id("dispute-reasons").fill("Once more.")
    page.get_by_test_id("dispute-submit").click()
    expect(page.get_by_test_id("dispute-error")).to_contain_text("already disputed")
