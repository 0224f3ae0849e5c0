"""The public status page (terms art. 20): live health, 90 days of uptime
drawn as SVG bars, and maintenance the operator announced."""

import datetime as dt

from playwright.sync_api import Page, expect

from helpers import assert_accessible


def test_the_status_page_shows_health_history_and_announced_maintenance(
    page: Page, base_url: str, operator: tuple[str, str]
) -> None:
    email, password = operator
    token = page.request.post(
        f"{base_url}/api/v1/operator/auth/login", data={"email": email, "password": password}
    ).json()["access_token"]
    starts = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + dt.timedelta(days=3)
    announced = page.request.post(
        f"{base_url}/api/v1/operator/maintenance",
        headers={"Authorization": f"Bearer {token}"},
        data={
            "starts_at": starts.isoformat(),
            "ends_at": (starts + dt.timedelta(hours=1)).isoformat(),
            "description": "Database upgrade: a few minutes without Ecom.",
        },
    )
    assert announced.status == 201, announced.text()
    window = announced.json()["window"]

    try:
        page.goto(f"{base_url}/status")
        expect(page.get_by_test_id("status-overall")).to_have_attribute("data-status", "operational")
        expect(page.get_by_test_id("status-component-api")).to_contain_text("Operational")
        expect(page.get_by_test_id("status-component-database")).to_contain_text("Operational")
        expect(page.get_by_test_id("status-uptime").locator("rect")).to_have_count(90)
        expect(page.get_by_test_id("status-maintenance-window").filter(has_text="Database upgrade: a few minutes without Ecom.")).to_have_count(1)
        assert_accessible(page, "status page")

        # In Dutch, too.
        page.get_by_test_id("lang-nl").click()
        expect(page.get_by_test_id("status-component-database")).to_contain_text("Operationeel")
    finally:
        page.request.delete(
            f"{base_url}/api/v1/operator/maintenance/{window['id']}", headers={"Authorization": f"Bearer {token}"}
        )
