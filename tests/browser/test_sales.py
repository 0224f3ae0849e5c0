"""The sales journey: invoicing settings, a quotation for a company sent to
the customer, accepted on its public page, turned into an invoice that is
issued and downloaded as a PDF."""

import uuid
from decimal import Decimal

from playwright.sync_api import Page, expect

from helpers import create_company, euro, sign_up


def test_a_quotation_is_accepted_online_and_invoiced(page: Page, base_url: str) -> None:
    sign_up(page, base_url)
    customer = f"Acme {uuid.uuid4().hex[:6]} NV"
    create_company(page, customer)

    # Settings: where customers pay.
    page.get_by_test_id("nav-invoicing-settings").click()
    expect(page.get_by_test_id("invoicing-next-numbers")).to_contain_text("F-")
    # The statutory policy (the default) shows the rate of the current half-year:
    # the ECB rate + 8 points, rounded up to a half point.
    statutory = page.get_by_test_id("invoicing-statutory-rate")
    expect(statutory).to_contain_text("%")
    shown = Decimal(statutory.get_attribute("data-rate") or "0")
    assert shown >= 8 and (shown * 2) == (shown * 2).to_integral_value()
    page.get_by_test_id("invoicing-iban").fill("BE68 5390 0754 7035")
    page.get_by_test_id("invoicing-settings-save").click()
    expect(page.get_by_test_id("invoicing-iban-error")).to_be_visible()
    page.get_by_test_id("invoicing-iban").fill("BE68 5390 0754 7034")
    page.get_by_test_id("invoicing-settings-save").click()
    expect(page.get_by_test_id("invoicing-settings-saved")).to_be_visible()

    # A quotation: a bad quantity is shown at the line, then corrected.
    page.get_by_test_id("nav-quotations").click()
    page.get_by_test_id("quotation-new").click()
    page.get_by_test_id("quotation-company").select_option(label=customer)
    page.get_by_test_id("quotation-title").fill("New website")
    page.get_by_test_id("line-0-description").fill("Website design")
    page.get_by_test_id("line-0-quantity").fill("0")
    page.get_by_test_id("line-0-unit-price").fill("450")
    page.get_by_test_id("quotation-save").click()
    expect(page.get_by_test_id("line-0-quantity-error")).to_be_visible()
    page.get_by_test_id("line-0-quantity").fill("2")
    page.get_by_test_id("quotation-save").click()
    expect(page.get_by_test_id("quotation-customer")).to_have_text(customer)
    total = euro(Decimal("900") * Decimal("1.21"))
    expect(page.get_by_test_id("total-incl-vat")).to_have_text(total)

    # Send it: the customer's link is shown (and e-mailed).
    page.get_by_test_id("quotation-send").click()
    page.get_by_test_id("quotation-send-confirm").click()
    expect(page.get_by_test_id("quotation-sent")).to_be_visible()
    link = page.get_by_test_id("quotation-public-url").input_value()
    quotation_url = page.url

    # The customer accepts on the public page.
    customer_page = page.context.browser.new_page()
    # The link is the configured public URL; here the server runs on another port.
    customer_page.goto(f"{base_url}/q/{link.split('/q/', 1)[1]}")
    expect(customer_page.get_by_test_id("total-incl-vat")).to_have_text(total)
    customer_page.get_by_test_id("public-quotation-accept").click()
    expect(customer_page.get_by_test_id("public-quotation-answered")).to_be_visible()
    customer_page.close()

    # Back at the quotation: make the invoice, issue it, download the PDF.
    page.goto(quotation_url)
    expect(page.get_by_test_id("status")).to_have_text("Accepted")
    page.get_by_test_id("quotation-convert").click()
    expect(page.get_by_test_id("sales-invoice-customer")).to_have_text(customer)
    page.get_by_test_id("sales-invoice-issue").click()
    page.get_by_test_id("sales-invoice-issue-confirm").click()
    expect(page.get_by_test_id("sales-invoice-number")).to_contain_text("F-")
    expect(page.get_by_test_id("sales-invoice-communication")).to_contain_text("+++")
    with page.expect_download() as download:
        page.get_by_test_id("sales-invoice-pdf").click()
    assert download.value.suggested_filename.startswith("F-")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    page.get_by_test_id("nav-sales-invoices").click()
    expect(page.locator("[data-testid^=sales-invoice-row-]")).to_have_count(1)
