"""Recording steps from the case page: forms, specific errors, permissions, concurrent edits."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints import transitions
from heard.complaints.choices import AppointmentRole, NotAcceptedReason, StageStatus
from heard.complaints.models import LetterKind
from heard.complaints.step_forms import STEP_FORMS
from heard.complaints.tests import factories as f
from heard.core import clock

pytestmark = pytest.mark.django_db


def step_url(complaint, step):
    return reverse("complaints:step", args=[complaint.reference, step])


def date_parts(name, day):
    if day is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def post(client, complaint, step, **data):
    stage = complaint.stages.get(number=complaint.current_stage)
    payload = {"version": stage.version}
    for key, value in data.items():
        if isinstance(value, date) or value is None:
            payload.update(date_parts(key, value))
        else:
            payload[key] = value
    return client.post(step_url(complaint, step), payload)


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def test_every_step_in_the_transition_table_has_a_form():
    assert set(STEP_FORMS) == set(transitions.TRANSITIONS)


def test_the_case_page_offers_only_the_steps_the_table_allows(officer_client):
    complaint = f.Stage1AcknowledgedFactory()
    html = officer_client.get(reverse("complaints:detail", args=[complaint.reference])).content
    page = html.decode()
    assert step_url(complaint, "extend") in page
    assert step_url(complaint, "acknowledge") not in page  # already acknowledged
    assert step_url(complaint, "hold_panel") not in page  # not a Stage 1 step


def test_acknowledging_from_the_form_records_the_step_and_returns_to_the_case(
    officer_client, officer
):
    complaint = f.Stage1OpenFactory()
    response = post(officer_client, complaint, "acknowledge", acknowledged_on=date(2025, 3, 4))
    assert response.status_code == 302
    stage = complaint.stages.get(number=1)
    assert stage.acknowledged_on == date(2025, 3, 4)
    assert complaint.events.get(action="acknowledge").actor == officer
    page = officer_client.get(response.url).content.decode()
    assert "Acknowledged" in page  # the success banner


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (
            {"ended_on_0": "", "ended_on_1": "", "ended_on_2": ""},
            "Enter the date the response was sent",
        ),
        (
            {"ended_on_0": "10", "ended_on_1": "", "ended_on_2": "2025"},
            "The date the response was sent must include a month",
        ),
        (
            {"ended_on_0": "31", "ended_on_1": "2", "ended_on_2": "2025"},
            "The date the response was sent must be a real date",
        ),
        (
            {"ended_on_0": "2", "ended_on_1": "3", "ended_on_2": "2025"},
            "The response date must be on or after the date the complaint was received, "
            "3 March 2025",
        ),
        (
            {"ended_on_0": "1", "ended_on_1": "1", "ended_on_2": "2099"},
            "The response date must be today or in the past",
        ),
    ],
)
def test_a_bad_response_date_gets_a_specific_error_and_saves_nothing(
    officer_client, parts, message
):
    complaint = f.Stage1AcknowledgedFactory()
    complaint.add_element(by=None, theme=f.ThemeFactory(), description="Delay")
    complaint.active_stage.record_finding(
        by=None, element=complaint.elements.get(), finding="upheld"
    )
    stage = complaint.stages.get(number=1)
    response = officer_client.post(
        step_url(complaint, "respond"), {"version": stage.version, **parts}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'href="#id_ended_on_0"' in html  # the error summary links to the day box
    stage.refresh_from_db()
    assert stage.status == StageStatus.IN_PROGRESS
    assert stage.ended_on is None


def test_an_extension_beyond_20_working_days_is_refused_on_the_date_field(officer_client):
    complaint = f.Stage1AcknowledgedFactory()
    response = post(
        officer_client,
        complaint,
        "extend",
        extended_to=date(2025, 4, 1),
        extension_agreed_on=date(2025, 3, 5),
        extension_reason="Complex",
    )
    html = response.content.decode()
    assert "Stage 1 cannot be extended beyond 20 working days (regulation 14)" in html
    assert 'href="#id_extended_to_0"' in html
    assert complaint.stages.get(number=1).extended_to is None


def test_text_with_a_script_tag_is_kept_as_text_and_shown_escaped(officer_client):
    complaint = f.Stage1AcknowledgedFactory()
    script = "<script>alert('x')</script> complex"
    post(
        officer_client,
        complaint,
        "extend",
        extended_to=date(2025, 3, 24),
        extension_agreed_on=date(2025, 3, 5),
        extension_reason=script,
    )
    assert complaint.stages.get(number=1).extension_reason == script
    timeline = reverse("complaints:section", args=[complaint.reference, "timeline"])
    page = officer_client.get(timeline)
    html = page.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_a_step_the_table_refuses_sends_the_officer_back_with_the_reason(officer_client):
    complaint = f.Stage1AcknowledgedFactory()
    response = officer_client.get(step_url(complaint, "acknowledge"), follow=True)
    assert "Acknowledge is not possible: already acknowledged." in response.content.decode()


def test_only_the_complaints_team_records_steps(client):
    from heard.core.models import Team

    complaint = f.Stage1OpenFactory(team=f.TeamFactory(name="Fostering"))
    responder = UserFactory(role="responding_manager", team=Team.objects.get(name="Fostering"))
    client.force_login(responder)
    assert client.get(reverse("complaints:detail", args=[complaint.reference])).status_code == 200
    assert client.get(step_url(complaint, "acknowledge")).status_code == 403
    client.force_login(UserFactory(role="report_viewer"))
    assert client.get(step_url(complaint, "acknowledge")).status_code == 404


def test_the_second_of_two_concurrent_saves_is_refused_and_the_first_is_kept(
    client, officer, manager
):
    complaint = f.Stage2OpenFactory()
    stage = complaint.stages.get(number=2)
    opened_version = stage.version
    # The manager appoints an IO while the officer has the form open.
    stage.appoint(
        by=manager,
        role=AppointmentRole.INVESTIGATING_OFFICER,
        practitioner=f.PractitionerFactory(name="Ian Vestigate"),
        on=stage.started_on,
    )
    client.force_login(officer)
    payload = {
        "version": opened_version,
        "role": AppointmentRole.INDEPENDENT_PERSON,
        "practitioner": f.PractitionerFactory(name="Indy Pendent").pk,
        **date_parts("appointed_on", stage.started_on),
    }
    response = client.post(step_url(complaint, "appoint"), payload)
    html = response.content.decode()
    assert "Someone else changed this case after you opened this page" in html
    assert "Appointed: investigating officer, Ian Vestigate (Stage 2) by Mo Manager" in html
    assert list(stage.appointments.values_list("practitioner__name", flat=True)) == [
        "Ian Vestigate"
    ]
    # What the officer chose is still on the form, and saving again works.
    assert f'<option value="{payload["practitioner"]}" selected>Indy Pendent</option>' in html
    payload["version"] = complaint.stages.get(number=2).version
    assert client.post(step_url(complaint, "appoint"), payload).status_code == 302
    assert stage.appointments.count() == 2


def test_a_step_form_without_perform_cannot_be_made():
    from heard.complaints.step_forms import StepForm

    class Incomplete(StepForm):
        step = "acknowledge"
        title = "Incomplete"

    with pytest.raises(TypeError, match="abstract"):
        Incomplete(stage=None)


def test_refusing_a_late_complaint_on_the_form_ends_it_and_offers_only_the_letter_and_closing(
    officer_client,
):
    # Issue 32: "Refused" left Acknowledge and Extend on offer, and "Not accepted" had to be
    # recorded again as a second step.
    complaint = f.Stage1OpenFactory(matter_date=date(2023, 1, 10))
    response = post(
        officer_client,
        complaint,
        "decide_out_of_time",
        out_of_time_decision="refused",
        out_of_time_decided_on=date(2025, 3, 5),
        out_of_time_reason="Staff involved have left and the records are gone",
    )
    assert response.status_code == 302
    page = officer_client.get(reverse("complaints:detail", args=[complaint.reference]))
    work = page.context["work"]
    assert (work.next.name, work.others) == ("close", [])  # closing is all that is left
    documents = reverse("complaints:section", args=[complaint.reference, "documents"])
    page = officer_client.get(documents)
    assert LetterKind.OUT_OF_TIME_REFUSED in {t.kind for t in page.context["letters"]}
    stage = complaint.stages.get(number=1)
    assert (stage.status, stage.not_accepted_reason, stage.ended_on) == (
        StageStatus.NOT_ACCEPTED,
        NotAcceptedReason.OUT_OF_TIME,
        date(2025, 3, 5),
    )


def test_stage_2s_reports_and_adjudication_are_dated_steps(officer_client):
    # The trial: the IO's and IP's reports had no date, and the adjudication was a bare
    # "Record the response".
    complaint = f.Stage2OpenFactory()
    started = complaint.active_stage.started_on
    assert post(officer_client, complaint, "adjudicate", adjudicated_on=started).status_code == 302
    assert complaint.stages.get(number=2).adjudicated_on is None  # refused: no IO report yet
    io_on = ip_on = clock.today()
    assert started < io_on
    post(officer_client, complaint, "receive_io_report", io_report_on=io_on)
    post(officer_client, complaint, "receive_ip_report", ip_report_on=ip_on)
    early = post(
        officer_client,
        complaint,
        "adjudicate",
        adjudicated_on=started,
        adjudication="Both points upheld",
    )
    assert "on or after the investigating officer&#x27;s report" in early.content.decode()
    post(
        officer_client,
        complaint,
        "adjudicate",
        adjudicated_on=ip_on,
        adjudication="Both points upheld; an apology and a review of visits",
    )
    stage = complaint.stages.get(number=2)
    assert (stage.io_report_on, stage.ip_report_on, stage.adjudicated_on) == (io_on, ip_on, ip_on)
    page = officer_client.get(reverse("complaints:detail", args=[complaint.reference]))
    assert "Adjudicated" in page.content.decode()  # the deadlines table on the overview
    timeline = reverse("complaints:section", args=[complaint.reference, "timeline"])
    assert "Investigating officer&#x27;s report" in officer_client.get(timeline).content.decode()
    actions = list(complaint.events.values_list("action", flat=True))
    assert actions[-3:] == ["receive_io_report", "receive_ip_report", "adjudicate"]
