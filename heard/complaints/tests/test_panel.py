"""Stage 3 to its end: the panel's recommendations, the council's response to each, the
Stage 3 response letter and the report's count of them (issue 32, regulation 20)."""

from __future__ import annotations

import io

import docx
import pytest
from django.urls import reverse

from heard.complaints.choices import StageStatus
from heard.complaints.models import Document, LetterKind, PanelResponse, Recommendation
from heard.complaints.tests import factories as f
from heard.core import clock
from heard.core.errors import RuleViolation, TransitionNotAllowed
from heard.reporting.figures import compute
from heard.reporting.periods import Period
from heard.workdays import add_working_days

pytestmark = pytest.mark.django_db


def reported_stage3():
    """A Stage 3 whose panel met and sent its report."""
    complaint = f.Stage3OpenFactory()
    stage = complaint.active_stage
    f.appoint_panel(stage, stage.started_on)
    held = add_working_days(stage.started_on, 10)
    stage.hold_panel(by=None, on=held)
    stage.send_panel_report(by=None, on=add_working_days(held, 3))
    stage.refresh_from_db()
    return complaint, stage


def day_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def test_the_council_answers_each_recommendation_before_its_stage_3_response(client, officer):
    complaint, stage = reported_stage3()
    client.force_login(officer)
    step = lambda name: reverse("complaints:step", args=[complaint.reference, name])  # noqa: E731
    for text in ("Apologise in writing", "Review the visiting schedule"):
        stage.refresh_from_db()
        made = client.post(step("record_recommendation"), {"version": stage.version, "text": text})
        assert made.status_code == 302
    first, second = stage.recommendations.all()
    # The response waits for an answer to every recommendation.
    with pytest.raises(TransitionNotAllowed, match="recommendations first"):
        stage.respond(by=officer, on=clock.today())
    on = stage.panel_report_sent_on
    stage.refresh_from_db()
    refused = client.post(
        step("answer_recommendation"),
        {
            "version": stage.version,
            "recommendation": second.pk,
            "response": PanelResponse.NOT_ACCEPTED,
            "reasons": "",
            **day_fields("responded_on", on),
        },
    )
    assert "Give the reason the recommendation is not accepted in full" in refused.content.decode()
    for recommendation, response, reasons in (
        (first, PanelResponse.ACCEPTED, ""),
        (second, PanelResponse.ACCEPTED_IN_PART, "The schedule is set by the court order."),
    ):
        stage.refresh_from_db()
        answered = client.post(
            step("answer_recommendation"),
            {
                "version": stage.version,
                "recommendation": recommendation.pk,
                "response": response,
                "reasons": reasons,
                "action": "A letter from the director" if response == "accepted" else "",
                **day_fields("responded_on", on),
            },
        )
        assert answered.status_code == 302
    assert [r.response for r in stage.recommendations.all()] == ["accepted", "accepted_in_part"]
    points = reverse("complaints:section", args=[complaint.reference, "points"])
    page = client.get(points).content.decode()
    assert "The panel's recommendations" in page
    assert "Accepted in part" in page

    client.post(reverse("complaints:letter", args=[complaint.reference, "stage3_response"]))
    letter = Document.objects.get(stage=stage)
    lines = [p.text for p in docx.Document(io.BytesIO(letter.file.read())).paragraphs]
    text = "\n".join(lines)
    assert "1. Apologise in writing\nOur response: Accepted" in text
    assert "What we will do: A letter from the director" in text
    assert "2. Review the visiting schedule\nOur response: Accepted in part" in text
    assert "Reasons: The schedule is set by the court order." in text

    stage.refresh_from_db()
    responded = client.post(
        step("respond"), {"version": stage.version, **day_fields("ended_on", on)}
    )
    assert responded.status_code == 302
    stage.refresh_from_db()
    assert stage.status == StageStatus.RESPONDED
    figures = compute("children", Period.financial_year(Period.quarter_of(on).year))
    assert figures.complaints.recommendations == {
        "made": 2,
        "accepted": 1,
        "accepted_in_part": 1,
        "not_accepted": 0,
    }


def test_a_recommendation_waits_for_the_panel_and_its_response_for_the_report():
    complaint = f.Stage3OpenFactory()
    stage = complaint.active_stage
    with pytest.raises(TransitionNotAllowed):
        Recommendation.make(stage, by=None, text="Apologise")
    f.appoint_panel(stage, stage.started_on)
    held = add_working_days(stage.started_on, 10)
    stage.hold_panel(by=None, on=held)
    recommendation = Recommendation.make(stage, by=None, text="Apologise")
    with pytest.raises(TransitionNotAllowed):
        recommendation.answer(
            by=None, response=PanelResponse.ACCEPTED, reasons="", action="", on=held
        )
    reported = add_working_days(held, 3)
    stage.send_panel_report(by=None, on=reported)
    with pytest.raises(RuleViolation, match="on or after the date of the panel's report"):
        recommendation.answer(
            by=None, response=PanelResponse.ACCEPTED, reasons="", action="", on=held
        )
    recommendation.answer(
        by=None, response=PanelResponse.ACCEPTED, reasons="", action="", on=reported
    )
    assert complaint.events.filter(action="answer_recommendation").count() == 1


def test_before_the_panel_meets_the_case_page_gives_the_panels_date(client, officer):
    complaint = f.Stage3OpenFactory()
    client.force_login(officer)
    page = client.get(reverse("complaints:detail", args=[complaint.reference])).content.decode()
    assert "The panel meets by" in page
    # The Stage 3 response letter is on offer once Stage 3 is under way.
    documents = reverse("complaints:section", args=[complaint.reference, "documents"])
    page = client.get(documents).content.decode()
    letter = reverse("complaints:letter", args=[complaint.reference, LetterKind.STAGE3_RESPONSE])
    assert letter in page
