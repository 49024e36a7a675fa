"""Counting rules (DOMAIN.md section 5), on small complaints logs read through the import."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heard.complaints.choices import RemedyKind, StageStatus
from heard.complaints.models import Complaint, Stage
from heard.complaints.tests.factories import ChildFactory, Stage1OpenFactory
from heard.core.equality import Ethnicity
from heard.imports.service import run_import
from heard.reporting.comparison import compare
from heard.reporting.figures import compute
from heard.reporting.narrative import Writer
from heard.reporting.periods import Period

pytestmark = pytest.mark.django_db

HEAD = "reference,stage,received,ended,outcome,themes,team,relationship,ethnicity,extended to\n"
YEAR = Period.financial_year(2021)


def load(rows: str) -> None:
    result = run_import([("log.csv", (HEAD + rows).encode())])
    assert result.ok, [str(p) for p in result.problems]


def stage1(period: Period = YEAR):
    return compute("children", period).complaints.stages["1"]


def test_a_stage_counts_as_received_by_its_start_and_responded_by_its_end():
    load(
        "A,1,2021-03-25,2021-04-08,Not upheld,Delay,Fostering,Parent,,\n"  # open at the start
        "B,1,2021-06-01,2021-06-10,Upheld,Delay,Fostering,Parent,,\n"
        "C,1,2022-03-28,,,,Fostering,Parent,,\n"  # open at the end
        "D,1,2021-07-01,2021-07-02,ADR,,Fostering,Parent,,\n"
        "E,1,2021-07-01,2021-07-05,Withdrawn,,Fostering,Parent,,\n"
        # Open at the start and at the end: one still open, one answered since.
        "F,1,2021-03-30,,,,Fostering,Parent,,\n"
        "G,1,2021-03-31,2022-04-12,Upheld,Delay,Fostering,Parent,,\n"
        # Received in the period, open at its end, answered since.
        "H,1,2022-03-30,2022-04-11,Withdrawn,,Fostering,Parent,,\n"
        # Neither: ended before the period, or received after it.
        "I,1,2021-03-01,2021-03-12,Upheld,Delay,Fostering,Parent,,\n"
        "J,1,2022-04-04,,,,Fostering,Parent,,\n"
    )
    s = stage1()
    assert (s.open_at_start, s.received, s.responded) == (3, 5, 2)
    assert (s.resolved_by_adr, s.withdrawn, s.open_at_end) == (1, 1, 4)
    assert s.reconciliation.holds
    assert (s.reconciliation.left, s.reconciliation.right) == (8, 8)


def test_the_flow_check_fails_when_a_response_has_no_date():
    load("A,1,2021-05-04,2021-05-10,Upheld,Delay,Fostering,Parent,,\n")
    # A stage marked responded with its response date lost: the flow no longer adds up.
    Stage.objects.filter(complaint__reference="A").update(
        status=StageStatus.RESPONDED, ended_on=None
    )
    check = stage1().reconciliation
    assert not check.holds
    assert (check.left, check.right) == (1, 0)


def test_outcomes_roll_up_from_the_points_of_complaint():
    load(
        "A,1,2021-05-04,2021-05-10,Upheld,Delay=upheld; Communication=upheld,Fostering,Parent,,\n"
        "B,1,2021-05-04,2021-05-10,Partially upheld,Delay=upheld; Communication=not upheld,"
        "Fostering,Parent,,\n"
        "C,1,2021-05-04,2021-05-10,Not upheld,Delay,Fostering,Parent,,\n"
    )
    outcomes = stage1().outcomes
    assert (outcomes.upheld, outcomes.partially_upheld, outcomes.not_upheld) == (1, 1, 1)
    assert outcomes.not_upheld_rate.percent_to(0) == 33


def test_a_response_that_determined_no_point_counts_as_no_finding_not_as_not_upheld():
    load(
        "A,1,2021-05-04,2021-05-10,Responded,Delay=no finding; Communication=no finding,"
        "Fostering,Parent,,\n"
        "B,1,2021-05-04,2021-05-10,No finding,Delay,Fostering,Parent,,\n"
        "C,1,2021-05-04,2021-05-10,Responded,Delay=not upheld; Communication=no finding,"
        "Fostering,Parent,,\n"
    )
    outcomes = stage1().outcomes
    assert (outcomes.not_upheld, outcomes.no_finding) == (1, 2)
    # The not-upheld rate is over the responses with a finding.
    assert (outcomes.not_upheld_rate.numerator, outcomes.not_upheld_rate.denominator) == (1, 1)
    sentence = Writer(compute("children", YEAR), compute("children", YEAR.previous())).outcomes()[0]
    assert sentence.endswith(
        "A further 2 responses made no finding (every point was unable to be determined, or "
        "no point was recorded); the rates leave them out."
    )


def test_a_complaint_counts_once_under_each_theme_it_touches():
    load(
        "A,1,2021-05-04,2021-05-10,Partially upheld,Delay=upheld; Communication=not upheld,"
        "Fostering,Parent,,\n"
        "B,1,2021-05-04,2021-05-10,Not upheld,Delay,Fostering,Parent,,\n"
    )
    themes = stage1().themes
    assert list(themes) == ["Delay", "Communication"]  # most complaints first
    delay = themes["Delay"]
    assert (delay.complaints, delay.elements, delay.upheld_or_partly) == (2, 2, 1)
    assert (delay.share.numerator, delay.share.denominator) == (2, 2)
    assert themes["Communication"].upheld_rate.percent_to(0) == 0


def test_timeliness_counts_working_days_not_calendar_days():
    # Received Thursday 1 April 2021; Good Friday and Easter Monday are bank holidays. The
    # response on Friday 16 April is 15 calendar days later but 9 working days.
    load(
        "A,1,2021-04-01,2021-04-16,Upheld,Delay,Fostering,Parent,,\n"
        "B,1,2021-04-01,2021-04-19,Upheld,Delay,Fostering,Parent,,2021-05-04\n"  # 10 WD
        "C,1,2021-04-01,2021-04-20,Upheld,Delay,Fostering,Parent,,2021-05-04\n"  # 11 WD
    )
    t = stage1().timeliness
    assert (t.within_standard.numerator, t.within_standard.denominator) == (2, 3)
    assert t.within_maximum.numerator == 3
    assert (t.extended, t.within_agreed.numerator) == (2, 2)
    assert (t.mean_working_days, t.median_working_days) == (10, 10)


def test_small_equality_groups_are_suppressed_in_the_published_figures():
    rows = "".join(
        f"R{n},1,2021-05-04,,,,Fostering,Parent,{'White British' if n < 6 else 'Black: African'},\n"
        for n in range(8)
    )
    load(rows)
    figures = compute("children", YEAR)
    tree = compare(figures, compute("children", YEAR.previous()))
    ethnicity = tree["complaints"]["equality"]["complainant_ethnicity"]
    groups = ethnicity["groups"]
    assert (groups["white"]["value"], groups["white"]["suppressed"]) == (6, False)
    assert groups["black"]["value"] is None
    assert groups["black"]["suppressed"]
    assert groups["black"]["change"] is None  # 0 last year: the change would be the count
    # With the 8 answered shown, one more cell is withheld, so 8 - 6 is not all Black.
    hidden = [code for code, g in groups.items() if g["suppressed"]]
    hidden += [name for name in ("declined", "answered") if ethnicity[name]["suppressed"]]
    assert len(hidden) == 2, hidden


def test_children_are_counted_once_each_and_a_complaint_about_none_once_unanswered():
    load(
        "A,1,2021-05-04,,,,Fostering,Parent,,\n"
        "B,1,2021-05-04,,,,Fostering,Parent,,\n"
        "C,1,2021-05-04,,,,Fostering,Parent,,\n"
        "D,1,2020-05-04,,,,Fostering,Parent,,\n"  # last year's: not counted
    )
    two = [
        ChildFactory(ethnicity=Ethnicity.WHITE_BRITISH),
        ChildFactory(ethnicity=Ethnicity.AFRICAN),
    ]
    Complaint.objects.get(reference="A").children.set(two)
    Complaint.objects.get(reference="B").children.set([ChildFactory(ethnicity="")])
    Complaint.objects.get(reference="D").children.set([ChildFactory()])
    # C is about no child recorded.
    children = compute("children", YEAR).complaints.equality["child_ethnicity"]
    assert (children.total.count, children.answered.count) == (4, 2)
    assert {k: g.count for k, g in children.groups.items() if g.count} == {"white": 1, "black": 1}
    complainants = compute("children", YEAR).complaints.equality["complainant_ethnicity"]
    assert (complainants.total.count, complainants.answered.count) == (3, 0)


def test_the_number_of_queries_does_not_grow_with_the_data():
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            compute("children", YEAR)
        return len(captured)

    load("A,1,2021-05-04,2021-05-10,Upheld,Delay,Fostering,Parent,,\n")
    few = queries()
    load(
        "".join(
            f"M{n},1,2021-0{4 + n % 5}-1{n % 9},2021-0{4 + n % 5}-2{n % 9},Not upheld,"
            f"{'Delay' if n % 2 else 'Communication'},Team {n % 7},Parent,,\n"
            for n in range(60)
        )
    )
    assert queries() == few


def test_a_quarter_is_compared_with_the_quarter_before():
    load(
        "A,1,2021-05-04,,,,Fostering,Parent,,\n"
        "B,1,2021-02-04,,,,Fostering,Parent,,\n"
        "C,1,2021-03-04,,,,Fostering,Parent,,\n"
    )
    q1 = Period.quarter(2021, 1)
    tree = compare(compute("children", q1), compute("children", q1.previous()))
    assert tree["complaints"]["received"]["value"] == 1
    assert tree["complaints"]["received"]["previous"] == 2
    assert tree["previous_period"]["first"] == date(2021, 1, 1).isoformat()


def test_remedies_are_counted_as_agreed_carried_out_and_overdue_at_the_end():
    complaint = Stage1OpenFactory(received_on=date(2021, 5, 4))

    def remedy(agreed, due, done=None):
        added = complaint.add_remedy(
            by=None,
            kind=RemedyKind.APOLOGY,
            agreed_on=agreed,
            description="Apologise",
            owner="Team manager",
            due_on=due,
        )
        if done:
            added.complete(by=None, on=done)

    remedy(date(2021, 6, 1), date(2021, 6, 30), done=date(2021, 6, 20))  # on time
    remedy(date(2021, 6, 1), date(2021, 7, 30))  # never done: overdue at the end
    remedy(date(2022, 3, 1), date(2022, 3, 30), done=date(2022, 4, 20))  # done after the year
    remedy(date(2022, 3, 20), date(2022, 4, 30))  # due after the year: not overdue yet
    r = compute("children", YEAR).remedies
    assert (r.agreed, r.completed, r.overdue_at_end) == (4, 1, 2)


def test_each_procedures_report_counts_only_its_own_services_compliments_and_requests(officer):
    from heard.compliments.models import Compliment
    from heard.core.models import Service
    from heard.core.tests.factories import TeamFactory
    from heard.sars.models import SubjectAccessRequest

    # The trial: a compliment to Fostering and a care leaver's request appeared in the
    # adult and corporate reports as well as the children's.
    fostering = TeamFactory(name="Fostering", service=Service.CHILDREN)
    reablement = TeamFactory(name="Reablement", service=Service.ADULTS)
    for team in (fostering, fostering, reablement):
        Compliment.log(
            by=officer,
            received_on=date(2021, 6, 1),
            team=team,
            giver="parent",
            summary="Thanks",
            quote="",
            consent_to_publish=False,
        )
    for service in (Service.CHILDREN, Service.ADULTS, Service.ADULTS):
        SubjectAccessRequest.log(
            by=officer,
            received_on=date(2021, 6, 1),
            requester_name="Sam",
            requester_role="self",
            data_subject_name="Sam",
            care_leaver=service == Service.CHILDREN,
            service=service,
            records_sought="My file",
        )
    counts = {}
    for procedure in ("children", "adults", "corporate"):
        figures = compute(procedure, YEAR)
        counts[procedure] = (
            figures.compliments.received,
            figures.compliments.by_team,
            figures.subject_access.received,
        )
    assert counts == {
        "children": (2, {"Fostering": 2}, 1),
        "adults": (1, {"Reablement": 1}, 2),
        "corporate": (0, {}, 0),
    }
