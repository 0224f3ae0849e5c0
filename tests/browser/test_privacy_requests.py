"""Privacy requests in the browser: a person asks for a copy of their data,
proves it is them with the e-mailed code and downloads the zip; the
operator sees the request in the queue, most urgent first."""

import re
import sqlite3
import zipfile

from playwright.sync_api import Page, expect

from helpers import sign_up


def latest_code(database_url: str) -> str:
    """The verification code waiting in the outbox (the jobs have not sent it yet)."""
    path = database_url.removeprefix("sqlite://")
    with sqlite3.connect(path) as db:
        row = db.execute(
            "SELECT secret FROM notices WHERE kind = 'privacy_verification' AND secret IS NOT NULL ORDER BY created_at DESC LIMIT 1"
        ).fetchone()
    assert row, "no verification code in the outbox"
    return row[0]


def test_a_person_gets_a_copy_of_their_data_and_the_operator_sees_the_request(
    page: Page, base_url: str, database_url: str, operator: tuple[str, str], tmp_path
) -> None:
    _, email = sign_up(page, base_url)
    page.get_by_test_id("nav-privacy").click()
    page.get_by_test_id("privacy-requests-link").click()
    expect(page).to_have_url(f"{base_url}/privacy/requests")
    expect(page.get_by_test_id("privacy-requests-empty")).to_be_visible()

    page.get_by_test_id("privacy-right").select_option("access")
    page.get_by_test_id("privacy-submit").click()
    expect(page.get_by_test_id("privacy-filed")).to_be_visible()
    row = page.locator("[data-testid=privacy-requests-table] tbody tr")
    expect(row).to_have_count(1)
    expect(row.get_by_test_id(re.compile(r"^privacy-status-"))).to_have_text("Waiting for verification")

    row.get_by_test_id(re.compile(r"^privacy-send-code-")).click()
    expect(row.get_by_test_id(re.compile(r"^privacy-code-sent-"))).to_be_visible()
    row.get_by_test_id(re.compile(r"^privacy-code-[0-9a-f-]{36}$")).fill("000000" if latest_code(database_url) != "000000" else "000001")
    row.get_by_test_id(re.compile(r"^privacy-verify-[0-9a-f-]{36}$")).click()
    expect(row.get_by_test_id(re.compile(r"^privacy-verify-error-"))).to_be_visible()
    row.get_by_test_id(re.compile(r"^privacy-code-[0-9a-f-]{36}$")).fill(latest_code(database_url))
    row.get_by_test_id(re.compile(r"^privacy-verify-[0-9a-f-]{36}$")).click()
    expect(row.get_by_test_id(re.compile(r"^privacy-status-"))).to_have_text("Completed")

    with page.expect_download() as download:
        row.get_by_test_id(re.compile(r"^privacy-export-")).click()
    saved = tmp_path / "mine.zip"
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        assert "manifest.json" in archive.namelist()
        assert email in archive.read("users.json").decode()

    page.get_by_test_id("logout").click()
    ops_email, ops_password = operator
    page.goto(f"{base_url}/operator/login")
    page.get_by_test_id("operator-login-email").fill(ops_email)
    page.get_by_test_id("operator-login-password").fill(ops_password)
    page.get_by_test_id("operator-login-submit").click()
    page.get_by_test_id("nav-operator-privacy").click()
    expect(page).to_have_url(f"{base_url}/operator/privacy")
    # Closed requests are in the full list only.
    page.get_by_test_id("privacy-show-closed").check()
    queued = page.locator("[data-testid=privacy-queue-table] tbody tr", has_text=email)
    expect(queued).to_have_count(1)

    # File one for someone who wrote in: it appears in the open queue.
    page.get_by_test_id("privacy-show-closed").uncheck()
    page.get_by_test_id("privacy-subject-email").fill(email)
    page.get_by_test_id("privacy-operator-right").select_option("objection_to_direct_marketing")
    page.get_by_test_id("privacy-operator-submit").click()
    page.get_by_test_id("privacy-show-closed").check()
    expect(page.locator("[data-testid=privacy-queue-table] tbody tr", has_text=email)).to_have_count(2)
