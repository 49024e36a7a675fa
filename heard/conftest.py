"""Fixtures shared by every app's tests: personas and a clean calendar cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from heard.workdays.store import forget_calendar


@pytest.fixture(autouse=True)
def _fresh_calendar():
    # A test's closure days are rolled back with its transaction; the cache must not keep them.
    forget_calendar()
    yield
    forget_calendar()


#: The data migrations that make the standard letters, in order: a transactional test (the
#: browser's) flushes every table after it, so a later one finds none unless they are made again.
LETTER_MIGRATIONS = [
    ("0006_standard_letters", "add_letters"),
    ("0021_letters_per_procedure", "add_letters"),
    ("0027_stage3_response_letter", "add_letter"),
    ("0029_stage2_letter_lists_findings", "list_findings"),
]


@pytest.fixture
def standard_letters(db):
    """The standard letter templates as a new council's database has them after migrating."""
    import importlib

    from django.apps import apps

    from heard.complaints.models import LetterTemplate

    if LetterTemplate.objects.exists():
        return  # as migrated: no transactional test has flushed them
    for module, function in LETTER_MIGRATIONS:
        migration = importlib.import_module(f"heard.complaints.migrations.{module}")
        getattr(migration, function)(apps, None)


@pytest.fixture
def officer(db):
    from heard.accounts.tests.factories import UserFactory

    return UserFactory(
        username="olivia.officer",
        first_name="Olivia",
        last_name="Officer",
        role="complaints_officer",
    )


@pytest.fixture
def manager(db):
    from heard.accounts.tests.factories import UserFactory

    return UserFactory(
        username="mo.manager", first_name="Mo", last_name="Manager", role="complaints_manager"
    )


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['ENGINE']})"


# --- Browser tests: Playwright driving Debian's Chromium, with axe-core ----------------------

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, as DOMAIN.md and the developers' guide require.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture
def chromium(monkeypatch):
    """A headless Chromium for one test.

    Playwright's sync API runs an event loop in the test's thread for as long as it is open,
    which trips Django's guard against database calls from async code; the guard is lifted
    for browser tests only, whose database calls are ordinary synchronous ones.
    """
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it with apt-get")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
        # Database work done while Playwright's loop ran used connections held in that
        # context; close them here, or PostgreSQL cannot drop the test database at the end.
        from django.db import connections

        connections.close_all()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    refused = refused_by_policy(page)
    yield page
    context.close()
    assert not refused, "The Content Security Policy refused:\n" + "\n".join(refused)


def refused_by_policy(page) -> list[str]:
    """What the page's Content Security Policy refuses from now on (the browser reports each
    refusal on the console): an inline script or style, or a source not allowed."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return refused


def axe_violations(page) -> list[str]:
    """Run axe-core on the page as it is now; one line per violation and element."""
    # Evaluated through the browser's debugging protocol: a <script> tag added to the page
    # would be refused by Heard's Content Security Policy, as it should be.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


def assert_accessible(page) -> None:
    """Zero axe-core violations, and no sideways scrolling of the page at this width (a wide
    table scrolls inside its own region; at 320 px this is WCAG 1.4.10, reflow)."""
    violations = axe_violations(page)
    assert not violations, f"axe found {len(violations)} violations on {page.url}:\n" + "\n".join(
        violations
    )
    width, viewport = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width <= viewport, f"{page.url} is {width} px wide in a {viewport} px window"


def sign_in(page, username: str, password: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
