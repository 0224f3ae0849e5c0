"""Fixtures for the browser journeys: Debian's Chromium driven by Playwright
against a running `ecom serve` (with the built SPA) at $ECOM_BASE_URL.

Operator journeys create their operator with the server's command line:
`$ECOM_BIN operator create` (default `target/debug/ecom`) on the server's
database, `$ECOM_DATABASE_URL`.

On a failed test the page's screenshot, HTML and console log are saved in
tests/browser/artifacts/.
"""

import os
import pathlib
import re
import subprocess
import uuid

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

ARTIFACTS = pathlib.Path(__file__).parent / "artifacts"
REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ECOM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Every wait is for a selector or a state, never for time to pass; this is
# only the ceiling before a wait counts as failed (a debug server on 2 cores
# hashes passwords slowly).
TIMEOUT_MS = 20_000


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("ECOM_BASE_URL")
    if not url:
        pytest.fail("set ECOM_BASE_URL to the running server, e.g. http://127.0.0.1:8080")
    return url.rstrip("/")


@pytest.fixture(scope="session")
def ecom_bin() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("ECOM_BIN", REPOSITORY / "target" / "debug" / "ecom"))
    if not path.is_file():
        pytest.fail(f"no ecom binary at {path}: build it (cargo build) or set ECOM_BIN")
    return path


@pytest.fixture(scope="session")
def database_url() -> str:
    url = os.environ.get("ECOM_DATABASE_URL")
    if not url:
        pytest.fail("set ECOM_DATABASE_URL to the running server's database, for `ecom operator create`")
    return url


@pytest.fixture
def operator(ecom_bin: pathlib.Path, database_url: str) -> tuple[str, str]:
    """A new operator account (Ecom staff): its e-mail and password."""
    email = f"ops-{uuid.uuid4().hex[:12]}@ecom.invalid"
    password = f"operator {uuid.uuid4().hex}"
    # The password goes through the environment, not the process list.
    created = subprocess.run(
        [str(ecom_bin), "operator", "create", "--email", email, "--database-url", database_url],
        env={**os.environ, "ECOM_OPERATOR_PASSWORD": password},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if created.returncode != 0:
        pytest.fail(f"`ecom operator create` failed ({created.returncode}): {created.stderr.strip()}")
    return email, password


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _context_options(request) -> dict:
    marker = request.node.get_closest_marker("viewport")
    width, height = marker.args if marker else (1280, 900)
    return {
        "viewport": {"width": width, "height": height},
        "locale": "en-GB",
        # The SPA shows dates in the browser's time zone; pin it.
        "timezone_id": "Europe/Brussels",
    }


@pytest.fixture
def page(browser: Browser, request) -> Page:
    expect.set_options(timeout=TIMEOUT_MS)
    context = browser.new_context(**_context_options(request))
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
        finally:
            (ARTIFACTS / f"{name}.console.log").write_text(
                f"url: {page.url}\n" + "\n".join(console), encoding="utf-8"
            )
    context.close()


def pytest_configure(config):
    config.addinivalue_line("markers", "viewport(width, height): the browser window's size")
