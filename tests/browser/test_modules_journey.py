"""Issue 6: one customer through every module. Sign up, a company and a
contact in the CRM, a deal, invoicing settings, a quotation for the company
sent and accepted on its public page, turned into an invoice that is issued
and downloaded, and the dashboard's cards showing the open deal, the
revenue and no overdue invoices. Every module page visited is checked with
axe-core."""

import uuid
from decimal import Decimal

from playwright.sync_api import Page, expect

from helpers import assert_accessible, create_company, euro, sign_up


def test_from_a_company_to_an_issued_invoice_and_the_dashboard(page: Page, base_url: str) -> None:
    sign_up(page, base_url)
    # A fresh tenant: every card is in its empty state.
    expect(page.get_by_test_id("dashboard-deals-empty")).to_be_visible()
    expect(page.get_by_test_id("dashboard-overdue-empty")).to_be_visible()
    expect(page.get_by_test_id("dashboard-tickets-empty")).to_be_visible()
    expect(page.get_by_test_id("dashboard-revenue-empty")).to_be_visible()
    assert_accessible(page, "dashboard, empty")

    customer = f"Acme {uuid.uuid4().hex[:6]} NV"
    page.get_by_test_id("nav-companies").click()
    expect(page.get_by_test_id("companies-empty")).to_be_visible()
    assert_accessible(page, "companies")
    create_company(page, customer)
    assert_accessible(page, "company detail")

    # A contact at the company.
    page.get_by_test_id("nav-contacts").click()
    page.get_by_test_id("contact-new").click()
    page.get_by_test_id("contact-first-name").fill("Els")
    page.get_by_test_id("contact-last-name").fill("Claes")
    page.get_by_test_id("contact-email").fill(f"els-{uuid.uuid4().hex[:6]}@example.com")
    expect(page.get_by_test_id("contact-company").locator("option")).to_have_count(2)
    page.get_by_test_id("contact-company").select_option(label=customer)
    assert_accessible(page, "contact form")
    page.get_by_test_id("contact-submit").click()
    expect(page.get_by_test_id("contact-detail-company")).to_have_text(customer)

    # A deal for both.
    page.get_by_test_id("nav-deals").click()
    page.get_by_test_id("deal-new").click()
    page.get_by_test_id("deal-title").fill("New website")
    page.get_by_test_id("deal-stage").select_option("proposal")
    page.get_by_test_id("deal-value").fill("1000")
    expect(page.get_by_test_id("deal-contact").locator("option")).to_have_count(2)
    page.get_by_test_id("deal-company").select_option(label=customer)
    page.get_by_test_id("deal-contact").select_option(label="Els Claes")
    page.get_by_test_id("deal-submit").click()
    expect(page.get_by_test_id("deal-detail-title")).to_have_text("New website")
    page.get_by_test_id("nav-deals").click()
    expect(page.get_by_test_id("pipeline-proposal").get_by_test_id("pipeline-count")).to_have_text("1")
    assert_accessible(page, "deals")

    # Where customers pay.
    page.get_by_test_id("nav-invoicing-settings").click()
    expect(page.get_by_test_id("invoicing-next-numbers")).to_contain_text("F-")
    page.get_by_test_id("invoicing-iban").fill("BE68 5390 0754 7034")
    page.get_by_test_id("invoicing-settings-save").click()
    expect(page.get_by_test_id("invoicing-settings-saved")).to_be_visible()
    assert_accessible(page, "invoicing settings")

    # A quotation for the company, with one line.
    page.get_by_test_id("nav-quotations").click()
    page.get_by_test_id("quotation-new").click()
    page.get_by_test_id("quotation-company").select_option(label=customer)
    page.get_by_test_id("quotation-title").fill("New website")
    page.get_by_test_id("line-0-description").fill("Website design")
    page.get_by_test_id("line-0-quantity").fill("2")
    page.get_by_test_id("line-0-unit-price").fill("450")
    assert_accessible(page, "quotation form")
    page.get_by_test_id("quotation-save").click()
    expect(page.get_by_test_id("quotation-customer")).to_have_text(customer)
    total = euro(Decimal("900") * Decimal("1.21"))
    expect(page.get_by_test_id("total-incl-vat")).to_have_text(total)
    assert_accessible(page, "quotation")

    page.get_by_test_id("quotation-send").click()
    page.get_by_test_id("quotation-send-confirm").click()
    expect(page.get_by_test_id("quotation-sent")).to_be_visible()
    link = page.get_by_test_id("quotation-public-url").input_value()
    quotation_url = page.url

    # The customer accepts through the link, in another page without a session.
    customer_page = page.context.browser.new_page()
    # The link carries the configured public URL; the test server runs on another port.
    customer_page.goto(f"{base_url}/q/{link.split('/q/', 1)[1]}")
    expect(customer_page.get_by_test_id("total-incl-vat")).to_have_text(total)
    assert_accessible(customer_page, "public quotation")
    customer_page.get_by_test_id("public-quotation-accept").click()
    expect(customer_page.get_by_test_id("public-quotation-answered")).to_be_visible()
    customer_page.close()

    # Back: convert, issue, download.
    page.goto(quotation_url)
    expect(page.get_by_test_id("status")).to_have_text("Accepted")
    page.get_by_test_id("quotation-convert").click()
    expect(page.get_by_test_id("sales-invoice-customer")).to_have_text(customer)
    page.get_by_test_id("sales-invoice-issue").click()
    page.get_by_test_id("sales-invoice-issue-confirm").click()
    expect(page.get_by_test_id("sales-invoice-number")).to_contain_text("F-")
    assert_accessible(page, "sales invoice")
    with page.expect_download() as download:
        page.get_by_test_id("sales-invoice-pdf").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    page.get_by_test_id("nav-sales-invoices").click()
    expect(page.locator("[data-testid^=sales-invoice-row-]")).to_have_count(1)
    assert_accessible(page, "sales invoices")

    # The dashboard: the open deal, this month's revenue, nothing overdue yet.
    page.get_by_test_id("nav-dashboard").click()
    expect(page.get_by_test_id("dashboard-deals-count")).to_have_text("1")
    expect(page.get_by_test_id("dashboard-deals-value")).to_have_text(euro(Decimal("1000")))
    expect(page.get_by_test_id("dashboard-overdue-empty")).to_be_visible()
    expect(page.get_by_test_id("dashboard-tickets-empty")).to_be_visible()
    chart = page.get_by_test_id("dashboard-revenue-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.chart-bar")).to_have_count(12)
    expect(page.get_by_test_id("dashboard-revenue-table").locator("td").last).to_have_text(euro(Decimal("900")))
    assert_accessible(page, "dashboard with modules")
    page.get_by_test_id("dashboard-deals-link").click()
    expect(page).to_have_url(f"{base_url}/crm/deals")
