"""Cookie consent in the browser (cookie policy; SPEC §4): nothing but
strictly necessary cookies before consent, rejecting keeps none, accepting
analytics sets only the allowed cookies for at most a year, the choice can be
changed at any time, and a new cookie policy version asks again."""

import datetime as dt
import os
import sqlite3
import time
import uuid

import pytest
from playwright.sync_api import BrowserContext, Page, expect

# Strictly necessary: the consent id. Everything else needs consent.
NECESSARY = {"ecom_consent"}
ONE_YEAR_SECONDS = 365 * 24 * 3600
# Cookie expiry is in whole seconds from the server's clock; allow the test's run time.
SLACK_SECONDS = 120


def cookie_names(context: BrowserContext) -> set[str]:
    return {cookie["name"] for cookie in context.cookies()}


def assert_at_most_a_year(context: BrowserContext) -> None:
    limit = time.time() + ONE_YEAR_SECONDS + SLACK_SECONDS
    for cookie in context.cookies():
        expires = cookie["expires"]
        # -1: a session cookie, gone with the browser.
        assert expires == -1 or expires <= limit, f"{cookie['name']} lives longer than a year: {cookie}"


def open_banner(page: Page, base_url: str, path: str = "/legal/cookies"):
    page.goto(f"{base_url}{path}")
    banner = page.get_by_role("dialog", name="Cookies on Ecom")
    expect(banner).to_be_visible()
    return banner


def test_no_cookie_but_strictly_necessary_before_consent_and_the_banner_is_accessible(page: Page, base_url: str):
    banner = open_banner(page, base_url)
    expect(page.get_by_test_id("legal-title")).to_have_text("Cookie policy")
    assert cookie_names(page.context) == set(), "nothing is set before a choice"
    # The dialog is labelled and described, and first in the page: keyboard
    # only, Tab reaches the policy link, "Accept all", "Reject all", "Choose".
    expect(banner).to_have_attribute("aria-labelledby", "cookie-banner-title")
    expect(banner).to_have_attribute("aria-describedby", "cookie-banner-text")
    page.keyboard.press("Tab")
    expect(page.get_by_test_id("cookie-banner-policy")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_test_id("cookie-accept-all")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_test_id("cookie-reject-all")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_test_id("cookie-choose")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("cookie-category-strictly_necessary")).to_be_checked()
    expect(page.get_by_test_id("cookie-category-strictly_necessary")).to_be_disabled()
    for category in ("functionality", "tracking", "performance", "third_party"):
        expect(page.get_by_test_id(f"cookie-category-{category}")).not_to_be_checked()
    # Browsing further without choosing sets nothing either.
    page.goto(f"{base_url}/legal/terms")
    expect(page.get_by_test_id("legal-title")).to_have_text("General terms and conditions")
    expect(page.get_by_test_id("cookie-banner")).to_be_visible()
    assert cookie_names(page.context) == set()


def test_rejecting_keeps_only_the_strictly_necessary_cookie(page: Page, base_url: str):
    open_banner(page, base_url)
    with page.expect_response(lambda r: r.url.endswith("/api/v1/cookie-consent") and r.request.method == "PUT") as saved:
        page.get_by_test_id("cookie-reject-all").click()
    assert saved.value.ok
    expect(page.get_by_test_id("cookie-banner")).to_have_count(0)
    assert cookie_names(page.context) == NECESSARY
    assert_at_most_a_year(page.context)
    # The choice holds on the next visit; no analytics are sent.
    analytics: list[str] = []
    page.on("request", lambda r: analytics.append(r.url) if "/analytics/" in r.url else None)
    page.goto(f"{base_url}/legal/privacy")
    expect(page.get_by_test_id("legal-title")).to_have_text("Privacy statement")
    expect(page.get_by_test_id("cookie-banner")).to_have_count(0)
    assert cookie_names(page.context) == NECESSARY
    # Choosing a language without functionality consent sets no cookie.
    page.get_by_test_id("lang-nl").click()
    expect(page.get_by_test_id("cookie-settings")).to_have_text("Cookie-instellingen")
    assert cookie_names(page.context) == NECESSARY
    assert analytics == []


def test_accepting_analytics_sets_only_allowed_cookies_for_at_most_a_year_and_can_be_changed(page: Page, base_url: str):
    open_banner(page, base_url)
    page.get_by_test_id("cookie-choose").click()
    page.get_by_test_id("cookie-category-performance").check()
    with page.expect_response(lambda r: r.url.endswith("/api/v1/analytics/events")) as event:
        page.get_by_test_id("cookie-save").click()
    assert event.value.status == 204, "a page view is counted once analytics are allowed"
    expect(page.get_by_test_id("cookie-banner")).to_have_count(0)
    assert cookie_names(page.context) == NECESSARY | {"ecom_aid"}
    assert_at_most_a_year(page.context)
    # The analytics cookie holds a random id, not the person.
    aid = next(c for c in page.context.cookies() if c["name"] == "ecom_aid")
    assert len(aid["value"]) == 32 and "@" not in aid["value"]

    # Functionality is not consented: the language stays out of cookies.
    page.get_by_test_id("lang-fr").click()
    expect(page.get_by_test_id("cookie-settings")).to_have_text("Paramètres des cookies")
    assert "lang" not in cookie_names(page.context)

    # Change the choice at any time from the footer: allow functionality, drop analytics.
    page.get_by_test_id("cookie-settings").click()
    banner = page.get_by_test_id("cookie-banner")
    expect(banner).to_be_visible()
    expect(page.locator("#cookie-banner-title")).to_be_focused()
    page.get_by_test_id("cookie-choose").click()
    expect(page.get_by_test_id("cookie-category-performance")).to_be_checked()
    page.get_by_test_id("cookie-category-performance").uncheck()
    page.get_by_test_id("cookie-category-functionality").check()
    page.get_by_test_id("cookie-save").click()
    expect(banner).to_have_count(0)
    # The analytics cookie is removed; the chosen language may now be kept.
    assert cookie_names(page.context) == NECESSARY | {"lang"}
    page.get_by_test_id("lang-nl").click()
    expect(page.get_by_test_id("cookie-settings")).to_have_text("Cookie-instellingen")
    assert cookie_names(page.context) == NECESSARY | {"lang"}
    assert_at_most_a_year(page.context)
    # Reject all afterwards removes the language cookie too.
    page.get_by_test_id("cookie-settings").click()
    page.get_by_test_id("cookie-reject-all").click()
    expect(page.get_by_test_id("cookie-banner")).to_have_count(0)
    assert cookie_names(page.context) == NECESSARY


def test_a_new_cookie_policy_version_asks_again(page: Page, base_url: str, database_url: str):
    if not database_url.startswith("sqlite://"):
        pytest.skip("publishes the new version straight into the SQLite database")
    open_banner(page, base_url)
    page.get_by_test_id("cookie-accept-all").click()
    expect(page.get_by_test_id("cookie-banner")).to_have_count(0)
    page.reload()
    expect(page.get_by_test_id("legal-title")).to_be_visible()
    expect(page.get_by_test_id("cookie-banner")).to_have_count(0)

    # A new cookie policy comes into force (as if its announced date had
    # come: the server has no test clock here, and announcing refuses past dates).
    version = f"e2e-{uuid.uuid4().hex[:8]}"
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(seconds=1)
    with sqlite3.connect(database_url.removeprefix("sqlite://")) as db:
        db.execute(
            "INSERT INTO policy_versions (kind, version, title, effective_from) VALUES ('cookies', ?, 'Cookie policy', ?)",
            (version, now.strftime("%Y-%m-%d %H:%M:%S")),
        )
    page.reload()
    expect(page.get_by_test_id("cookie-banner")).to_be_visible()
    expect(page.get_by_test_id("cookie-banner-changed")).to_be_visible()
    page.get_by_test_id("cookie-choose").click()
    # The old choice grants nothing under the new policy.
    expect(page.get_by_test_id("cookie-category-performance")).not_to_be_checked()
    page.get_by_test_id("cookie-reject-all").click()
    expect(page.get_by_test_id("cookie-banner")).to_have_count(0)
    assert cookie_names(page.context) == NECESSARY
    expect(page.get_by_test_id("legal-version")).to_contain_text(version)
