"""The CRM through the SPA: a company, a contact at it, a deal for both that
moves through the pipeline, field errors shown inline, the company delete
guard."""

import uuid

from playwright.sync_api import Page, expect

from helpers import PASSWORD, belgian_vat_number, expect_dashboard, fill_signup, unique_email


def test_company_contact_and_deal_through_the_pipeline(page: Page, base_url: str) -> None:
    company = f"Bakkerij {uuid.uuid4().hex[:8]} BV"
    page.goto(f"{base_url}/signup")
    fill_signup(page, company=company, email=unique_email(), password=PASSWORD, vat=belgian_vat_number())
    page.get_by_test_id("signup-submit").click()
    expect_dashboard(page, company)

    # A company: a bad VAT number is refused next to its input, then fixed.
    page.get_by_test_id("nav-companies").click()
    expect(page.get_by_test_id("companies-empty")).to_be_visible()
    page.get_by_test_id("company-new").click()
    page.get_by_test_id("company-name").fill("Brouwerij De Klok")
    page.get_by_test_id("company-vat-number").fill("BE0810.231.596")
    page.get_by_test_id("company-city").fill("Gent")
    page.get_by_test_id("company-tags").fill("horeca, vip")
    page.get_by_test_id("company-submit").click()
    expect(page.get_by_test_id("company-vat-number-error")).to_contain_text("check digits")
    page.get_by_test_id("company-vat-number").fill("BE0810.231.595")
    page.get_by_test_id("company-submit").click()
    expect(page.get_by_test_id("company-detail-name")).to_have_text("Brouwerij De Klok")
    expect(page.get_by_test_id("company-detail-vat")).to_have_text("BE0810231595")

    # The list finds it by city.
    page.get_by_test_id("nav-companies").click()
    page.get_by_test_id("companies-search").fill("gent")
    page.get_by_test_id("companies-apply").click()
    expect(page.get_by_test_id("company-link")).to_have_text(["Brouwerij De Klok"])

    # A contact at the company; a bad e-mail first.
    page.get_by_test_id("nav-contacts").click()
    page.get_by_test_id("contact-new").click()
    page.get_by_test_id("contact-first-name").fill("Els")
    page.get_by_test_id("contact-last-name").fill("Claes")
    page.get_by_test_id("contact-email").fill("els@")
    expect(page.get_by_test_id("contact-company").locator("option")).to_have_count(2)
    page.get_by_test_id("contact-company").select_option(label="Brouwerij De Klok")
    page.get_by_test_id("contact-submit").click()
    expect(page.get_by_test_id("contact-email-error")).to_be_visible()
    page.get_by_test_id("contact-email").fill("els@deklok.be")
    page.get_by_test_id("contact-submit").click()
    expect(page.get_by_test_id("contact-detail-name")).to_have_text("Els Claes")
    expect(page.get_by_test_id("contact-detail-company")).to_have_text("Brouwerij De Klok")

    # A deal for both, in the proposal stage.
    page.get_by_test_id("nav-deals").click()
    page.get_by_test_id("deal-new").click()
    page.get_by_test_id("deal-title").fill("Taps for the new bar")
    page.get_by_test_id("deal-stage").select_option("proposal")
    page.get_by_test_id("deal-value").fill("12500")
    expect(page.get_by_test_id("deal-contact").locator("option")).to_have_count(2)
    page.get_by_test_id("deal-company").select_option(label="Brouwerij De Klok")
    page.get_by_test_id("deal-contact").select_option(label="Els Claes")
    page.get_by_test_id("deal-submit").click()
    expect(page.get_by_test_id("deal-detail-title")).to_have_text("Taps for the new bar")
    expect(page.get_by_test_id("deal-detail-weighted")).to_have_text("€6,250.00")
    expect(page.get_by_test_id("deal-detail-contact")).to_have_text("Els Claes")
    expect(page.get_by_test_id("deal-stage-change")).to_have_count(1)

    # Won: the move is in the history; a probability other than 100 % is refused inline.
    page.get_by_test_id("deal-stage").select_option("won")
    page.get_by_test_id("deal-probability").fill("90")
    page.get_by_test_id("deal-submit").click()
    expect(page.get_by_test_id("deal-probability-error")).to_be_visible()
    page.get_by_test_id("deal-probability").fill("")
    page.get_by_test_id("deal-submit").click()
    expect(page.get_by_test_id("deal-detail-stage")).to_have_text("Won")
    expect(page.get_by_test_id("deal-stage-change")).to_have_count(2)
    expect(page.get_by_test_id("deal-stage-change").nth(1)).to_contain_text("Moved from Proposal to Won")

    # The pipeline: one won deal, drawn as a bar.
    page.get_by_test_id("nav-deals").click()
    expect(page.get_by_test_id("pipeline-won").get_by_test_id("pipeline-count")).to_have_text("1")
    expect(page.get_by_test_id("pipeline-won").get_by_test_id("pipeline-value")).to_have_text("€12,500.00")
    expect(page.get_by_test_id("pipeline-bar-won").locator("rect").first).to_have_attribute("height", "200")
    expect(page.get_by_test_id("board-won").get_by_test_id("board-deal")).to_have_count(1)

    # The company cannot go while people and deals link to it, unless unlinked.
    page.get_by_test_id("nav-companies").click()
    page.get_by_test_id("company-link").first.click()
    expect(page.get_by_test_id("company-people")).to_contain_text("Els Claes")
    expect(page.get_by_test_id("company-deals")).to_contain_text("Taps for the new bar")
    page.get_by_test_id("company-delete").click()
    page.get_by_test_id("company-delete-confirm").click()
    expect(page.get_by_test_id("company-delete-error")).to_contain_text("cascade=unlink")
    page.get_by_test_id("company-delete-unlink").click()
    page.get_by_test_id("company-delete-unlink-confirm").click()
    expect(page.get_by_test_id("companies-empty")).to_be_visible()


def choose_csv(page: Page, testid: str, text: str) -> None:
    page.get_by_test_id(testid).set_input_files(files=[{"name": "import.csv", "mimeType": "text/csv", "buffer": text.encode()}])


def test_csv_import_is_checked_row_by_row_before_anything_is_imported(page: Page, base_url: str) -> None:
    company = f"Bakkerij {uuid.uuid4().hex[:8]} BV"
    page.goto(f"{base_url}/signup")
    fill_signup(page, company=company, email=unique_email(), password=PASSWORD, vat=belgian_vat_number())
    page.get_by_test_id("signup-submit").click()
    expect_dashboard(page, company)

    page.get_by_test_id("nav-companies").click()
    expect(page.get_by_test_id("companies-empty")).to_be_visible()
    bad = "name,vat_number,city\nDe Klok,BE0810231595,Gent\n,BE0810231596,Brugge\n"
    choose_csv(page, "companies-import-file", bad)
    page.get_by_test_id("companies-import-check").click()
    errors = page.get_by_test_id("companies-import-errors").get_by_test_id("import-error")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text("3")
    expect(errors.nth(0)).to_contain_text("name")
    expect(errors.nth(1)).to_contain_text("vat_number")
    page.get_by_test_id("companies-import-submit").click()
    expect(page.get_by_test_id("companies-import-refused")).to_contain_text("Nothing was imported")
    expect(page.get_by_test_id("companies-empty")).to_be_visible()

    choose_csv(page, "companies-import-file", "name,vat_number,city\nDe Klok,BE0810231595,Gent\nAnder BV,,Brugge\n")
    page.get_by_test_id("companies-import-check").click()
    expect(page.get_by_test_id("companies-import-clean")).to_contain_text("2 rows")
    page.get_by_test_id("companies-import-submit").click()
    expect(page.get_by_test_id("companies-import-done")).to_contain_text("2 rows imported")
    expect(page.get_by_test_id("company-link")).to_have_text(["Ander BV", "De Klok"])

    # Contacts name their company.
    page.get_by_test_id("nav-contacts").click()
    choose_csv(page, "contacts-import-file", "first_name,last_name,email,company\nEls,Claes,els@deklok.be,De Klok\n")
    page.get_by_test_id("contacts-import-submit").click()
    expect(page.get_by_test_id("contacts-import-done")).to_contain_text("1 rows imported")
    expect(page.get_by_test_id("contact-row")).to_contain_text("De Klok")
