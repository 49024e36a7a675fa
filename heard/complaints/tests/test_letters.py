"""Standard letters: Word documents filled in from the case, from templates in the database."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from heard.complaints.choices import Decision, Finding, Procedure, Relationship
from heard.complaints.models import Document, LetterKind, LetterTemplate
from heard.complaints.tests import factories as f
from heard.core.errors import RuleViolation

pytestmark = pytest.mark.django_db


def letter_text(document: Document) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(document.file.read())).paragraphs)


def create(client, complaint, kind):
    return client.post(reverse("complaints:letter", args=[complaint.reference, kind]))


def test_each_procedures_standard_letters_are_ready_to_edit_after_migrating():
    kinds = {
        procedure: set(
            LetterTemplate.objects.filter(procedure=procedure).values_list("kind", flat=True)
        )
        for procedure in Procedure.values
    }
    assert kinds == {
        Procedure.CHILDREN: set(LetterKind.values) - {LetterKind.STAGE2_RESPONSE},
        Procedure.ADULTS: {LetterKind.ACKNOWLEDGEMENT, LetterKind.STAGE1_RESPONSE},
        Procedure.CORPORATE: {
            LetterKind.ACKNOWLEDGEMENT,
            LetterKind.STAGE1_RESPONSE,
            LetterKind.STAGE2_RESPONSE,
        },
    }
    for template in LetterTemplate.objects.all():
        template.full_clean()  # every placeholder in the shipped wording can be filled in


@time_machine.travel(date(2025, 3, 4), tick=False)
def test_an_acknowledgement_is_filled_in_from_the_case(client, officer):
    complaint = f.Stage1OpenFactory(received_on=date(2025, 3, 3), complainant__name="Pat Jones")
    complaint.add_element(by=None, theme=f.ThemeFactory(), description="Calls not returned")
    complaint.assigned_officer = officer
    complaint.save()
    client.force_login(officer)

    response = create(client, complaint, LetterKind.ACKNOWLEDGEMENT)

    assert response.status_code == 302
    assert response.url == reverse("complaints:section", args=[complaint.reference, "documents"])
    document = Document.objects.get()
    assert document.letter == LetterKind.ACKNOWLEDGEMENT
    assert document.stage == complaint.stages.get(number=1)
    assert document.filename == f"{complaint.reference} Acknowledgement.docx"
    assert document.content_type.endswith("wordprocessingml.document")
    text = letter_text(document)
    assert "Dear Pat Jones" in text
    assert f"Our reference: {complaint.reference}" in text
    assert "received on 3 March 2025" in text
    assert "1. Calls not returned" in text
    # 10 working days from Monday 3 March 2025 (day 0) is Monday 17 March.
    assert "response by 17 March 2025" in text
    assert officer.get_full_name() in text
    assert "{" not in text


def test_an_edited_template_is_used_for_the_next_letter(client, officer):
    complaint = f.Stage1OpenFactory()
    template = LetterTemplate.objects.get(
        procedure=Procedure.CHILDREN, kind=LetterKind.STAGE1_RESPONSE
    )
    template.body = "Dear {complainant_name}\n\nWe have looked again at {reference}."
    template.save()
    client.force_login(officer)
    create(client, complaint, LetterKind.STAGE1_RESPONSE)
    text = letter_text(Document.objects.get())
    assert f"We have looked again at {complaint.reference}." in text


def test_a_letter_for_a_stage_not_reached_is_refused_and_nothing_is_kept(client, officer):
    complaint = f.Stage1OpenFactory()
    client.force_login(officer)
    response = create(client, complaint, LetterKind.STAGE3_INVITATION)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "is for Stage 3, which this complaint has not reached" in page
    assert not Document.objects.exists()


def test_the_case_page_offers_only_the_letters_for_stages_the_case_has(client, officer):
    complaint = f.Stage2OpenFactory()
    client.force_login(officer)
    page = client.get(reverse("complaints:section", args=[complaint.reference, "documents"]))
    offered = {t.kind for t in page.context["letters"]}
    assert offered == {
        LetterKind.ACKNOWLEDGEMENT,
        LetterKind.STAGE1_RESPONSE,
        LetterKind.STAGE2_ADJUDICATION,
    }


def test_the_stage_1_response_lists_each_point_with_its_finding(client, officer):
    complaint = f.Stage1AcknowledgedFactory()
    stage = complaint.active_stage
    calls = complaint.add_element(by=None, theme=f.ThemeFactory(), description="Calls not returned")
    complaint.add_element(by=None, theme=f.ThemeFactory(), description="Late visit")
    stage.record_finding(by=None, element=calls, finding=Finding.UPHELD)
    client.force_login(officer)
    create(client, complaint, LetterKind.STAGE1_RESPONSE)
    text = letter_text(Document.objects.get())
    assert "1. Calls not returned: Upheld" in text
    assert "2. Late visit: no finding yet" in text


def test_the_stage_1_response_gives_each_of_three_points_its_finding_and_reasons(client, officer):
    # The trial: the letter listed "1. ...: Upheld" and the explanation had to be typed into
    # Word afterwards.
    complaint = f.Stage1AcknowledgedFactory()
    stage = complaint.active_stage
    said = {
        "Calls not returned": (Finding.UPHELD, "The log shows five calls with no reply.", "Reply"),
        "Late visit": (Finding.NOT_UPHELD, "The visit was on the agreed day.", ""),
        "Rude manner": (Finding.PARTIALLY_UPHELD, "One of two calls was curt.", ""),
    }
    client.force_login(officer)
    for description, (finding, reasons, action) in said.items():
        point = complaint.add_element(by=None, theme=f.ThemeFactory(), description=description)
        stage.refresh_from_db()
        response = client.post(
            reverse("complaints:step", args=[complaint.reference, "record_finding"]),
            {
                "version": stage.version,
                "element": point.pk,
                "finding": finding,
                "reasons": reasons,
                "action": action and "We will ring back within a day.",
            },
        )
        assert response.status_code == 302
    create(client, complaint, LetterKind.STAGE1_RESPONSE)
    lines = letter_text(Document.objects.get()).splitlines()
    for number, (description, (finding, reasons, _)) in enumerate(said.items(), start=1):
        heading = f"{number}. {description}: {Finding(finding).label}"
        at = lines.index(heading)
        assert lines[at + 1] == f"Reasons: {reasons}"
    assert "What we will do: We will ring back within a day." in lines
    assert stage.findings.get(element__number=1).action == "We will ring back within a day."


def test_an_action_is_promised_only_with_a_stage_1_finding():
    complaint = f.Stage2OpenFactory()
    point = complaint.elements.first() or complaint.add_element(
        by=None, theme=f.ThemeFactory(), description="Delay"
    )
    stage = complaint.stages.get(number=2)
    with pytest.raises(RuleViolation, match="An action is promised with a Stage 1 finding"):
        stage.record_finding(by=None, element=point, finding=Finding.UPHELD, action="Ring back")
    assert not stage.findings.exists()


def test_the_refusal_letter_is_offered_only_once_the_decision_refused_and_gives_the_reason(
    client, officer
):
    complaint = f.Stage1OpenFactory(relationship=Relationship.SUFFICIENT_INTEREST)
    client.force_login(officer)
    detail = reverse("complaints:section", args=[complaint.reference, "documents"])
    offered = {t.kind for t in client.get(detail).context["letters"]}
    assert LetterKind.SUFFICIENT_INTEREST_REFUSED not in offered
    response = create(client, complaint, LetterKind.SUFFICIENT_INTEREST_REFUSED)
    assert "only for a complaint refused" in client.get(response.url).content.decode()
    assert not Document.objects.exists()
    complaint.record_sufficient_interest(
        by=None,
        decision=Decision.REFUSED,
        on=complaint.received_on,
        reason="You are a neighbour with no part in the child's care",
    )
    offered = {t.kind for t in client.get(detail).context["letters"]}
    assert LetterKind.SUFFICIENT_INTEREST_REFUSED in offered
    create(client, complaint, LetterKind.SUFFICIENT_INTEREST_REFUSED)
    text = letter_text(Document.objects.get())
    assert "You are a neighbour with no part in the child's care" in text
    assert "sufficient interest" in text


def test_an_adult_social_care_complaint_gets_that_procedures_letters(client, officer):
    complaint = f.Stage1OpenFactory(procedure=Procedure.ADULTS, relationship=Relationship.SELF)
    client.force_login(officer)
    page = client.get(reverse("complaints:section", args=[complaint.reference, "documents"]))
    assert {(t.procedure, t.kind) for t in page.context["letters"]} == {
        (Procedure.ADULTS, LetterKind.ACKNOWLEDGEMENT),
        (Procedure.ADULTS, LetterKind.STAGE1_RESPONSE),
    }
    create(client, complaint, LetterKind.ACKNOWLEDGEMENT)
    text = letter_text(Document.objects.get())
    assert "adult social care complaints procedure" in text
    assert "children's social care" not in text


def test_a_letter_is_created_by_post_only(client, officer):
    complaint = f.Stage1OpenFactory()
    client.force_login(officer)
    url = reverse("complaints:letter", args=[complaint.reference, LetterKind.ACKNOWLEDGEMENT])
    assert client.get(url).status_code == 405
    assert not Document.objects.exists()


def test_a_template_with_a_placeholder_heard_cannot_fill_is_refused():
    template = LetterTemplate.objects.get(
        procedure=Procedure.CHILDREN, kind=LetterKind.ACKNOWLEDGEMENT
    )
    template.body = "Dear {complainant_name}, your {shoe_size} and {}"
    with pytest.raises(ValidationError, match=r"\{shoe_size\}, which Heard cannot fill in"):
        template.full_clean()
    with pytest.raises(ValidationError):
        template.save()
    template.refresh_from_db()
    assert "{shoe_size}" not in template.body


def test_a_complaints_manager_edits_letter_wording_in_admin_and_an_officer_cannot(
    client, manager, officer, settings
):
    settings.HEARD_ADMIN_ENABLED = True  # an operator's choice; off by default
    manager.is_staff = True
    manager.save()
    template = LetterTemplate.objects.get(
        procedure=Procedure.CHILDREN, kind=LetterKind.ACKNOWLEDGEMENT
    )
    url = reverse("admin:complaints_lettertemplate_change", args=[template.pk])
    client.force_login(manager)
    response = client.post(url, {"body": "Dear {complainant_name}\n\nThank you."})
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.body == "Dear {complainant_name}\n\nThank you."
    refused = client.post(url, {"body": "Dear {nickname}"})
    assert "which Heard cannot fill in" in refused.content.decode()

    officer.is_staff = True
    officer.save()
    client.force_login(officer)
    assert client.post(url, {"body": "Changed"}).status_code == 403
    template.refresh_from_db()
    assert template.body == "Dear {complainant_name}\n\nThank you."


def test_the_stage_2_adjudication_letter_gives_each_points_finding_and_reasons(client, officer):
    complaint = f.Stage2OpenFactory()
    stage = complaint.stages.get(number=2)
    point = complaint.elements.first() or complaint.add_element(
        by=None, theme=f.ThemeFactory(), description="Calls not returned"
    )
    stage.record_finding(
        by=None, element=point, finding=Finding.UPHELD, reasons="The IO found no reply."
    )
    client.force_login(officer)
    create(client, complaint, LetterKind.STAGE2_ADJUDICATION)
    text = letter_text(Document.objects.get())
    assert f"1. {point.description}: Upheld\nReasons: The IO found no reply." in text
