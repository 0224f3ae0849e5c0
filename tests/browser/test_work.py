"""The work modules in the browser: a project with a task, logged time and
billable drafts; a calendar event and its iCalendar feed; the "call me no
more" list blocking a call; a ticket with an internal note and a reply."""

import datetime as dt
from decimal import Decimal

from playwright.sync_api import Page, expect

from helpers import BRUSSELS, create_contact, euro, sign_up


def test_project_time_becomes_billable_drafts(page: Page, base_url: str) -> None:
    sign_up(page, base_url)
    page.get_by_test_id("nav-projects").click()
    expect(page.get_by_test_id("projects-empty")).to_be_visible()
    # A bad rate is refused at the field.
    page.get_by_test_id("project-name").fill("Website")
    page.get_by_test_id("project-hourly-rate").fill("-5")
    page.get_by_test_id("project-submit").click()
    expect(page.get_by_test_id("project-hourly-rate-error")).to_be_visible()
    page.get_by_test_id("project-hourly-rate").fill("80")
    page.get_by_test_id("project-submit").click()
    expect(page.get_by_test_id("project-name")).to_have_text("Website")

    page.get_by_test_id("task-title").fill("Design")
    page.get_by_test_id("task-submit").click()
    expect(page.get_by_test_id("tasks-table")).to_contain_text("Design")

    # Time without a description is refused inline, then logged.
    page.get_by_test_id("time-minutes").fill("90")
    page.get_by_test_id("time-task").select_option(label="Design")
    page.get_by_test_id("time-submit").click()
    expect(page.get_by_test_id("time-description-error")).to_be_visible()
    page.get_by_test_id("time-description").fill("Workshop")
    page.get_by_test_id("time-submit").click()
    expect(page.get_by_test_id("project-total-hours")).to_contain_text("1.5 h")
    expect(page.get_by_test_id("billable-table")).to_contain_text("Website – Design")
    expect(page.get_by_test_id("billable-total")).to_have_text(euro(Decimal("120")))


def test_calendar_event_and_feed(page: Page, base_url: str) -> None:
    sign_up(page, base_url)
    page.get_by_test_id("nav-calendar").click()
    today = dt.datetime.now(BRUSSELS).date()
    page.get_by_test_id("event-title").fill("Kick-off")
    page.get_by_test_id("event-date").fill(today.isoformat())
    page.get_by_test_id("event-start").fill("10:00")
    page.get_by_test_id("event-end").fill("09:00")
    page.get_by_test_id("event-submit").click()
    # The end before the start: the server's field error lands at the input.
    expect(page.get_by_test_id("event-end-error")).to_be_visible()
    page.get_by_test_id("event-end").fill("11:30")
    page.get_by_test_id("event-submit").click()
    expect(page.get_by_test_id(f"day-{today.isoformat()}")).to_contain_text("Kick-off")
    expect(page.get_by_test_id(f"day-{today.isoformat()}")).to_contain_text("10:00 – 11:30")

    page.get_by_test_id("calendar-feed-create").click()
    feed_url = page.get_by_test_id("calendar-feed-url").input_value()
    assert "/api/v1/calendar/feed/" in feed_url and feed_url.endswith(".ics")
    feed = page.request.get(feed_url)
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    body = feed.text()
    assert "BEGIN:VCALENDAR" in body and "SUMMARY:Kick-off" in body


def test_do_not_call_blocks_dialling_and_calls_are_tel_links(page: Page, base_url: str) -> None:
    sign_up(page, base_url)
    page.get_by_test_id("nav-calls").click()
    expect(page.get_by_test_id("calls-empty")).to_be_visible()
    page.get_by_test_id("dnc-number").fill("0470 12 34 67")
    page.get_by_test_id("dnc-submit").click()
    expect(page.get_by_test_id("dnc-list")).to_contain_text("+32 4** ** ** 67")

    page.get_by_test_id("call-number").fill("+32 470 12 34 67")
    page.get_by_test_id("call-direction").select_option("outbound")
    page.get_by_test_id("call-submit").click()
    expect(page.get_by_test_id("form-error")).to_contain_text("call me no more")

    page.get_by_test_id("call-direction").select_option("inbound")
    page.get_by_test_id("call-duration").fill("75")
    page.get_by_test_id("call-submit").click()
    table = page.get_by_test_id("calls-table")
    expect(table).to_be_visible()
    link = table.locator("a[href^='tel:']")
    expect(link).to_have_attribute("href", "tel:+32470123467")
    expect(table).to_contain_text("1 min")


def test_ticket_with_internal_note_and_reply(page: Page, base_url: str) -> None:
    sign_up(page, base_url)
    create_contact(page, "Els", "Claes")
    create_contact(page, "Jan", "Peeters")
    page.get_by_test_id("nav-tickets").click()
    page.get_by_test_id("ticket-subject").fill("Invoice PDF does not open")
    # The requester is chosen by name: the search narrows the list.
    expect(page.get_by_test_id("ticket-requester").locator("option")).to_have_count(3)
    page.get_by_test_id("ticket-requester-search").fill("claes")
    expect(page.get_by_test_id("ticket-requester").locator("option")).to_have_count(2)
    page.get_by_test_id("ticket-requester").select_option(label="Els Claes")
    page.get_by_test_id("ticket-priority").select_option("urgent")
    page.get_by_test_id("ticket-submit").click()
    expect(page.get_by_test_id("ticket-subject")).to_have_text("Invoice PDF does not open")
    expect(page.get_by_test_id("ticket-sla-first")).to_contain_text("left")

    page.get_by_test_id("reply-body").fill("Probably the printer driver")
    page.get_by_test_id("reply-internal").check()
    page.get_by_test_id("reply-submit").click()
    expect(page.locator("[data-internal='true']")).to_contain_text("Probably the printer driver")
    expect(page.get_by_test_id("ticket-sla-first")).not_to_contain_text("Met")

    page.get_by_test_id("reply-body").fill("Could you send us the file?")
    page.get_by_test_id("reply-internal").uncheck()
    page.get_by_test_id("reply-submit").click()
    expect(page.locator("[data-internal='false']")).to_contain_text("Could you send us the file?")
    expect(page.get_by_test_id("ticket-sla-first")).to_contain_text("Met")

    page.get_by_test_id("ticket-assign-me").click()
    expect(page.get_by_test_id("ticket-assign-me")).to_have_count(0)

    page.get_by_test_id("ticket-status").select_option("pending")
    expect(page.get_by_test_id("ticket-sla-resolution")).to_contain_text("Paused")
