"""The subscription journey: from the trial to a contract and its first
invoice (terms art. 5, 10, 11)."""

import datetime as dt
import re
from decimal import Decimal

from playwright.sync_api import Page, expect

from helpers import BRUSSELS, day_of, euro, sign_up


def one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def test_order_a_yearly_plan_with_crm_and_a_seat_and_find_its_first_invoice(
    page: Page, base_url: str
) -> None:
    catalogue = page.request.get(f"{base_url}/api/v1/catalogue").json()
    crm = next(module for module in catalogue["modules"] if module["code"] == "crm")
    annual = sum(Decimal(item["annual_price"]) for item in (catalogue["basic"], crm, catalogue["seat"]))

    sign_up(page, base_url)
    expect(page.get_by_test_id("dashboard-choose-plan")).to_be_visible()
    page.get_by_test_id("nav-subscription").click()
    expect(page).to_have_url(f"{base_url}/subscription")

    # The order form: a year, the CRM module, one User beyond the Administrator.
    page.get_by_test_id("order-term-length-year").check()
    page.get_by_test_id("order-modules-crm").check()
    page.get_by_test_id("order-extra-seats").fill("1")
    expect(page.get_by_test_id("order-summary").locator("tbody tr")).to_have_count(3)
    expect(page.get_by_test_id("order-summary-total")).to_have_text(euro(annual))
    page.get_by_test_id("order-submit").click()

    # The contract, as the server reports it.
    expect(page.get_by_test_id("subscription-done")).to_be_visible()
    expect(page.get_by_test_id("contract-status")).to_have_text("Active")
    expect(page.get_by_test_id("contract-term-length")).to_have_text("Year")
    expect(page.get_by_test_id("contract-price-per-term")).to_have_text(euro(annual))
    expect(page.get_by_test_id("contract-seats")).to_have_text("1 of 2 in use")
    expect(page.get_by_test_id("contract-modules")).to_contain_text(crm["name"])

    # A term of one year: the last day is the day before the anniversary,
    # and the contract renews on the anniversary.
    starts = day_of(page, "contract-term-starts")
    last_day = day_of(page, "contract-term-ends")
    assert last_day == one_year_after(starts) - dt.timedelta(days=1), (starts, last_day)
    assert day_of(page, "contract-next-renewal") == one_year_after(starts)

    # Terms art. 5: cancel at least 15 calendar days before the term ends.
    expect(page.get_by_test_id("contract-renewal")).to_contain_text("to stop the renewal")
    deadline_element = page.get_by_test_id("contract-cancellation-deadline")
    deadline = dt.datetime.fromisoformat(deadline_element.get_attribute("datetime") or "").astimezone(BRUSSELS)
    expect(deadline_element).to_have_text(deadline.strftime("%d/%m/%Y %H:%M"))
    term_end = dt.datetime.combine(one_year_after(starts), dt.time(), BRUSSELS)
    assert dt.timedelta(days=15) <= term_end - deadline <= dt.timedelta(days=16), (deadline, term_end)

    # The first invoice, with its structured communication.
    page.get_by_test_id("nav-invoices").click()
    expect(page).to_have_url(f"{base_url}/invoices")
    rows = page.locator("[data-testid=invoices-table] tbody tr")
    expect(rows).to_have_count(1)
    communication = rows.first.get_by_test_id("invoice-structured-communication").inner_text()
    assert re.fullmatch(r"\+\+\+\d{3}/\d{4}/\d{5}\+\+\+", communication), communication
    digits = re.sub(r"\D", "", communication)
    assert int(digits[10:]) == (int(digits[:10]) % 97 or 97), communication
    # A Belgian company with a VAT number: 21 % VAT on the year's price.
    total = euro(annual * Decimal("1.21"))
    expect(rows.first.get_by_test_id("invoice-total")).to_have_text(total)

    rows.first.get_by_test_id("invoice-number").click()
    expect(page).to_have_url(re.compile(r"/invoices/[0-9a-f-]{36}$"))
    expect(page.get_by_test_id("invoice-structured-communication")).to_have_text(communication)
    expect(page.get_by_test_id("invoice-total-excl-vat")).to_have_text(euro(annual))
    expect(page.get_by_test_id("invoice-total-incl-vat")).to_have_text(total)
    expect(page.get_by_test_id("invoice-download-pdf")).to_be_visible()
    expect(page.get_by_test_id("invoice-download-ubl")).to_be_visible()

    # The dashboard now shows the contract instead of the trial.
    page.get_by_test_id("nav-dashboard").click()
    expect(page.get_by_test_id("dashboard-contract-status")).to_have_text("Active")
    expect(page.get_by_test_id("dashboard-cancellation-deadline")).to_have_text(deadline.strftime("%d/%m/%Y %H:%M"))
