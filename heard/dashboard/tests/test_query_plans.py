"""The query-plan guard: no query of the dashboard or the case list reads the whole of the
complaints, stages or points tables.

At 10,000 complaints a full scan costs a few milliseconds and no timing test notices; at a
million it costs hundreds (issue 30, point 9). SQLite's EXPLAIN QUERY PLAN names such a scan
on any data, so this fails in `make test` rather than in a benchmark. A scan *in an index's
order* ("SCAN complaints_complaint USING INDEX complaint_received_idx") is allowed: the case
list reads its first page that way and stops after 25 rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import AppointmentRole, Procedure, Relationship
from heard.complaints.models import Complaint, Element, Stage
from heard.complaints.models.complaint_queries import FOLLOW_UPS
from heard.complaints.tests import factories as f

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's EXPLAIN QUERY PLAN"),
]

#: The tables that grow with the caseload: a query must reach their rows through an index.
GUARDED = {model._meta.db_table for model in (Complaint, Stage, Element)}

# "SCAN t" or "SCAN t AS a" (SQLite before 3.36 wrote "SCAN TABLE t"); a scan that goes on
# with "USING INDEX ..." reads in an index's order and is not matched.
BARE_SCAN = re.compile(r"^SCAN (?:TABLE )?(\S+)(?: AS (\S+))?$")
# Django names a table in a subquery or a join by an alias: "complaints_stage" U1.
ALIAS = re.compile(r'"(\w+)" (?:AS )?"?([A-Z]\d+)"?\b')


@contextmanager
def selects() -> Iterator[list[tuple[str, Any]]]:
    """The SELECTs run inside the block, with their parameters as the driver received them
    (CaptureQueriesContext keeps only the SQL with the parameters quoted into it)."""
    captured: list[tuple[str, Any]] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.lstrip().upper().startswith("SELECT"):
            captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield captured


def full_scans(sql: str, params: Any) -> list[str]:
    """The lines of the query's plan that read a guarded table from end to end."""
    names = {alias: table for table, alias in ALIAS.findall(sql)}
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]
    scans = []
    for line in plan:
        match = BARE_SCAN.match(line)
        if match:
            name = match.group(2) or match.group(1)
            if names.get(name, name) in GUARDED or match.group(1) in GUARDED:
                scans.append(line)
    return scans


@pytest.fixture
def caseload():
    """A little of everything the pages count: open and answered cases on each procedure,
    points with themes, appointments, an advocacy offer not yet answered, and overdue remedies
    and learning actions."""
    team = f.TeamFactory(name="Fostering")
    f.Stage1OpenFactory(team=team)
    answered = f.Stage1RespondedFactory(team=team)
    on = answered.active_stage.ended_on
    f.agree_remedy(answered, on)
    f.raise_learning_action(answered, on)
    f.Stage1OpenFactory(procedure=Procedure.ADULTS)
    f.Stage1OpenFactory(procedure=Procedure.CORPORATE)
    f.Stage2RespondedFactory()
    offered = f.Stage1OpenFactory(relationship=Relationship.CHILD)
    offered.record_advocacy(by=None, offered_on=offered.received_on, taken_up=None)
    stage1 = f.Stage1OpenFactory()
    stage1.active_stage.appoint(
        by=None,
        role=AppointmentRole.RESPONDING_MANAGER,
        practitioner=f.PractitionerFactory(),
        on=stage1.received_on,
    )
    return {"team": team, "theme": answered.elements.get().theme}


def pages(theme_pk: int) -> dict[str, tuple[str, dict[str, str]]]:
    """The dashboard and the case list as bench/caselist.py measures them, and the list of
    each kind of follow-up the dashboard links to."""
    case_list = reverse("complaints:list")
    return {
        "dashboard": (reverse("dashboard:home"), {}),
        "list, page 1": (case_list, {}),
        "list, theme + dates": (
            case_list,
            {"theme": str(theme_pk), "received_from": "1/4/2024", "received_to": "31/3/2025"},
        ),
        **{f"list, follow up {name}": (case_list, {"follow_up": name}) for name in FOLLOW_UPS},
    }


@pytest.mark.parametrize(
    "role", [Role.COMPLAINTS_MANAGER, Role.RESPONDING_MANAGER], ids=["manager", "responder"]
)
@pytest.mark.parametrize("page", list(pages(0)))
def test_no_query_of_the_dashboard_or_the_case_list_scans_the_complaints_stages_or_points(
    client, caseload, role, page
):
    user = UserFactory(role=role, team=caseload["team"])
    client.force_login(user)
    url, params = pages(caseload["theme"].pk)[page]
    with selects() as queries:
        assert client.get(url, params).status_code == 200
    touched = [q for q in queries if any(table in q[0] for table in GUARDED)]
    assert touched, "the page read no complaints: the guard would pass whatever it ran"
    scans = {sql: found for sql, params in touched if (found := full_scans(sql, params))}
    assert not scans, "\n\n".join(f"{sql}\n  -> {lines}" for sql, lines in scans.items())


def test_the_guard_sees_a_full_scan_through_an_alias():
    # A correlated subquery over stages by a column with no index: "SCAN U0".
    sql = (
        'SELECT COUNT(*) FROM "complaints_complaint" WHERE EXISTS(SELECT 1 FROM '
        '"complaints_stage" U0 WHERE U0."pause_reason" = %s)'
    )
    assert full_scans(sql, ["x"]) == ["SCAN U0"]
    assert full_scans('SELECT * FROM "complaints_complaint" WHERE "id" = %s', [1]) == []
