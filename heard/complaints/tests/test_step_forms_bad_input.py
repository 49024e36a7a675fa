"""Bad input on every step form: missing answers, future and out-of-order dates, script tags.

Each step is tried on a case where the transition table allows it. A bad answer gets a
specific GOV.UK error on its field, and nothing about the case changes; text with a script
tag is kept as text and shown escaped.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django import forms
from django.urls import reverse

from heard.complaints import transitions
from heard.complaints.choices import Relationship
from heard.complaints.models import Recommendation
from heard.complaints.step_forms import STEP_FORMS
from heard.complaints.tests import factories as f
from heard.complaints.tests.test_panel import reported_stage3
from heard.core import clock
from heard.core.forms import DateInputField
from heard.workdays import add_working_days

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
#: Dates that may rightly be in the future: an agreed new response date.
FUTURE_ALLOWED = {"extended_to"}


def _advocacy_offered():
    complaint = f.Stage1AcknowledgedFactory()
    complaint.record_advocacy(by=None, offered_on=complaint.received_on)
    return complaint


def _from_someone_else():
    """From someone who is not a qualifying person: a sufficient-interest decision is due."""
    return f.Stage1OpenFactory(relationship=Relationship.SUFFICIENT_INTEREST)


def _out_of_time():
    """Made more than a year after the matter: a time-limit decision is due."""
    complaint = f.Stage1OpenFactory()
    complaint.matter_date = complaint.received_on - timedelta(days=400)
    complaint.save()
    return complaint


def _paused():
    complaint = _advocacy_offered()
    complaint.active_stage.pause_for_advocacy(by=None, on=complaint.received_on)
    return complaint


def _with_point():
    complaint = f.Stage1AcknowledgedFactory()
    complaint.add_element(by=None, theme=f.ThemeFactory(), description="Calls not returned")
    return complaint


def _panel_appointed():
    complaint = f.Stage3OpenFactory()
    f.appoint_panel(complaint.active_stage, complaint.active_stage.started_on)
    return complaint


def _panel_held():
    complaint = _panel_appointed()
    stage = complaint.active_stage
    stage.acknowledge(by=None, on=stage.started_on)
    stage.hold_panel(by=None, on=add_working_days(stage.started_on, 10))
    return complaint


def _panel_reported():
    complaint = _panel_held()
    stage = complaint.active_stage
    stage.send_panel_report(by=None, on=add_working_days(stage.panel_held_on, 2))
    return complaint


#: Cases in many states; each step is tried on the first one the transition table allows.
STATES = [
    f.Stage1OpenFactory,
    f.Stage1AcknowledgedFactory,
    _from_someone_else,
    _out_of_time,
    _with_point,
    _paused,
    f.Stage1RespondedFactory,
    f.Stage2OpenFactory,
    f.Stage2RespondedFactory,
    f.Stage3OpenFactory,
    _panel_appointed,
    _panel_held,
    _panel_reported,
]


#: Where the first allowed state is not the one whose rules the step is about.
def _with_a_point():
    complaint = f.Stage1AcknowledgedFactory()
    complaint.add_element(by=None, theme=f.ThemeFactory(), description="Calls not returned")
    return complaint


def _io_reported():
    complaint = f.Stage2OpenFactory()
    stage = complaint.active_stage
    stage.receive_report(by=None, author="io", on=stage.started_on)
    complaint.refresh_from_db()
    return complaint


def _recommendation_made():
    complaint, stage = reported_stage3()
    Recommendation.make(stage, by=None, text="Apologise in writing")
    complaint.refresh_from_db()
    return complaint


PREFERRED = {
    "pause": _advocacy_offered,  # pausing waits for an advocate, so one must have been offered
    "record_finding": _with_a_point,  # a finding is on a point of complaint
    "record_recommendation": _panel_held,  # the panel recommends once it has met
    "answer_recommendation": _recommendation_made,  # the council answers each one
    "adjudicate": _io_reported,  # the adjudication follows the investigating officer's report
    "escalate": f.Stage1RespondedFactory,  # the usual route: after the Stage 1 response
}


def case_for(step):
    for build in [PREFERRED[step]] if step in PREFERRED else STATES:
        complaint = build()
        if transitions.refusal(step, complaint.active_stage, clock.today()) is None:
            return complaint
    raise AssertionError(f"No state in STATES allows {step}")


def valid_answers(form, stage):
    """An answer for every field that the form accepts."""
    answers = {"version": str(stage.version)}
    for name, field in form.fields.items():
        if name == "version":
            continue
        if isinstance(field, DateInputField):
            day = clock.today()
            if name == "extended_to":
                day = add_working_days(stage.started_on, 15)
            answers.update(date_answers(name, day))
        elif isinstance(field, forms.ChoiceField):
            answers[name] = next(str(v) for v, _ in field.choices if str(v) != "")
        elif isinstance(field, forms.BooleanField):
            answers[name] = "on"
        else:
            answers[name] = "Given in the letter"
    return answers


def date_answers(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def snapshot(complaint):
    complaint.refresh_from_db()
    return (
        complaint.version,
        complaint.events.count(),
        [(s.version, s.status) for s in complaint.stages.all()],
    )


def setup(client, officer, step):
    client.force_login(officer)
    f.PractitionerFactory(name="Sam Investigator")  # someone to appoint
    f.PractitionerFactory(name="Coram Voice", may_advocate=True)  # an advocacy provider
    complaint = case_for(step)
    stage = complaint.active_stage
    form = STEP_FORMS[step](stage=stage)
    url = reverse("complaints:step", args=[complaint.reference, step])
    return complaint, stage, form, url


@pytest.mark.parametrize("step", sorted(STEP_FORMS))
def test_every_missing_required_answer_gets_its_own_error_and_nothing_is_saved(
    client, officer, step
):
    complaint, stage, form, url = setup(client, officer, step)
    before = snapshot(complaint)
    response = client.post(url, {"version": stage.version})
    required = [n for n, fld in form.fields.items() if fld.required and n != "version"]
    if not required:
        pytest.skip(f"{step} has no required answers")
    assert response.status_code == 200
    errors = response.context["form"].errors
    for name in required:
        assert name in errors, f"{step}: no error for missing {name}"
        assert "This field is required" not in errors[name][0]  # GOV.UK wording, not Django's
    assert snapshot(complaint) == before


@pytest.mark.parametrize("step", sorted(STEP_FORMS))
def test_a_future_date_is_refused_on_its_field_and_nothing_is_saved(client, officer, step):
    complaint, stage, form, url = setup(client, officer, step)
    dates = [n for n, fld in form.fields.items() if isinstance(fld, DateInputField)]
    dates = [n for n in dates if n not in FUTURE_ALLOWED]
    if not dates:
        pytest.skip(f"{step} asks for no past date")
    before = snapshot(complaint)
    for name in dates:
        answers = valid_answers(form, stage)
        answers.update(date_answers(name, clock.today() + timedelta(days=7)))
        response = client.post(url, answers)
        assert response.status_code == 200, f"{step}: a future {name} was accepted"
        errors = response.context["form"].errors
        assert "today or in the past" in " ".join(errors.get(name, [])), (step, name, errors)
    assert snapshot(complaint) == before


@pytest.mark.parametrize("step", sorted(STEP_FORMS))
def test_a_date_before_the_stage_started_is_refused_and_nothing_is_saved(client, officer, step):
    complaint, stage, form, url = setup(client, officer, step)
    dates = [n for n, fld in form.fields.items() if isinstance(fld, DateInputField)]
    if not dates:
        pytest.skip(f"{step} asks for no date")
    before = snapshot(complaint)
    answers = valid_answers(form, stage)
    for name in dates:
        answers.update(date_answers(name, stage.started_on - timedelta(days=1)))
    response = client.post(url, answers)
    assert response.status_code == 200, f"{step}: dates before the stage were accepted"
    messages = " ".join(str(e) for errs in response.context["form"].errors.values() for e in errs)
    assert "on or after" in messages or "after the current response date" in messages, messages
    assert snapshot(complaint) == before


@pytest.mark.parametrize("step", sorted(STEP_FORMS))
def test_a_script_tag_in_every_text_answer_is_kept_as_text_and_shown_escaped(client, officer, step):
    complaint, stage, form, url = setup(client, officer, step)
    texts = [n for n, fld in form.fields.items() if type(fld) is forms.CharField and n != "version"]
    if not texts:
        pytest.skip(f"{step} asks for no text")
    answers = valid_answers(form, stage)
    answers.update(dict.fromkeys(texts, SCRIPT))
    response = client.post(url, answers)
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(reverse("complaints:detail", args=[complaint.reference])).content.decode()
    assert "<script>alert" not in page
