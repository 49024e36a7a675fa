"""Fixtures shared by every app's tests: personas and a clean calendar cache."""

from __future__ import annotations

import pytest

from heard.workdays.store import forget_calendar


@pytest.fixture(autouse=True)
def _fresh_calendar():
    # A test's closure days are rolled back with its transaction; the cache must not keep them.
    forget_calendar()
    yield
    forget_calendar()


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
