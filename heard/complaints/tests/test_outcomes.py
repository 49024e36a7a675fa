"""The roll-up of element findings into a stage's outcome, in Python and in SQL."""

from __future__ import annotations

import importlib

import pytest

from heard.complaints.choices import Finding, Outcome
from heard.complaints.models import Stage, roll_up
from heard.complaints.tests import factories as f

U, P, N, X = (Finding.UPHELD, Finding.PARTIALLY_UPHELD, Finding.NOT_UPHELD, Finding.NO_FINDING)

CASES = [
    ([U], Outcome.UPHELD),
    ([U, U, U], Outcome.UPHELD),
    ([N], Outcome.NOT_UPHELD),
    ([N, X], Outcome.NOT_UPHELD),
    # Every point "no finding" is no finding (issue 22); with any point not upheld, the
    # response is not upheld.
    ([X], Outcome.NO_FINDING),
    ([X, X], Outcome.NO_FINDING),
    ([X, N, X], Outcome.NOT_UPHELD),
    ([U, N], Outcome.PARTIALLY_UPHELD),
    ([P], Outcome.PARTIALLY_UPHELD),
    ([U, P], Outcome.PARTIALLY_UPHELD),
    ([U, X], Outcome.PARTIALLY_UPHELD),
    ([], None),
]


@pytest.mark.parametrize(("findings", "outcome"), CASES)
def test_upheld_only_if_every_element_is_upheld_and_not_upheld_if_none_is_even_partly(
    findings, outcome
):
    assert roll_up(findings) == outcome


@pytest.mark.django_db
def test_the_sql_roll_up_agrees_with_the_python_one():
    expected = {}
    for findings, outcome in CASES:
        complaint = f.Stage1OpenFactory()
        stage = complaint.active_stage
        for i, finding in enumerate(findings):
            element = complaint.add_element(
                by=None, theme=f.ThemeFactory(), description=f"Point {i}"
            )
            stage.record_finding(by=None, element=element, finding=finding)
        expected[stage.pk] = outcome
        assert stage.outcome == outcome
    # Each step saved the stage, which stored the SQL roll-up on it.
    stored = dict(Stage.objects.values_list("pk", "rolled_up_outcome"))
    assert stored == {pk: (o.value if o else "") for pk, o in expected.items()}
    Stage.objects.update(rolled_up_outcome="")
    Stage.objects.refresh_report_values()
    assert dict(Stage.objects.values_list("pk", "rolled_up_outcome")) == stored


@pytest.mark.django_db
def test_a_finding_can_be_corrected_before_the_response_and_counts_once():
    complaint = f.Stage1OpenFactory()
    stage = complaint.active_stage
    element = complaint.add_element(by=None, theme=f.ThemeFactory(), description="Delay")
    stage.record_finding(by=None, element=element, finding=U)
    stage.record_finding(by=None, element=element, finding=N)
    assert [x.finding for x in stage.findings.all()] == [N]
    assert complaint.events.filter(action="record_finding").count() == 2


@pytest.mark.django_db
def test_the_migration_puts_right_the_stored_roll_up_of_responses_with_no_finding():
    from django.apps import apps

    migration = importlib.import_module("heard.complaints.migrations.0031_outcome_no_finding")
    stages = {}
    for name, findings in {"none": [X, X], "mixed": [N, X], "upheld": [U]}.items():
        complaint = f.Stage1OpenFactory()
        stage = stages[name] = complaint.active_stage
        for i, finding in enumerate(findings):
            element = complaint.add_element(by=None, theme=f.ThemeFactory(), description=f"{i}")
            stage.record_finding(by=None, element=element, finding=finding)
    # As the old roll-up stored them: every point "no finding" read as not upheld.
    Stage.objects.filter(pk=stages["none"].pk).update(rolled_up_outcome=Outcome.NOT_UPHELD)
    migration.every_point_no_finding(apps, None)
    stored = dict(Stage.objects.values_list("pk", "rolled_up_outcome"))
    assert {name: stored[stage.pk] for name, stage in stages.items()} == {
        "none": Outcome.NO_FINDING,
        "mixed": Outcome.NOT_UPHELD,
        "upheld": Outcome.UPHELD,
    }
