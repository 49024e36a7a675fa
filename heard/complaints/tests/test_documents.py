"""Documents on a case: upload checked by content, private storage, audited downloads."""

from __future__ import annotations

import hashlib
import io

import docx
import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import AppointmentRole
from heard.complaints.models import ComplaintEvent, Document
from heard.complaints.tests import factories as f
from heard.complaints.tests.test_views_steps import post
from heard.core import clock

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
EML = (
    b"From: Pat Jones <pat@example.org>\r\nTo: complaints@example.gov.uk\r\n"
    b"Subject: My complaint\r\nDate: Mon, 3 Mar 2025 09:00:00 +0000\r\n"
    b"Message-ID: <1@example.org>\r\n\r\nI have rung the social worker five times.\r\n"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def word_file() -> bytes:
    document = docx.Document()
    document.add_paragraph("Notes of the meeting")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload_url(complaint):
    return reverse("complaints:upload", args=[complaint.reference])


def post_file(client, complaint, name, content, **fields):
    data = {"file": SimpleUploadedFile(name, content), "stage": "", "title": "", **fields}
    return client.post(upload_url(complaint), data)


@pytest.fixture
def complaint(db):
    return f.Stage1OpenFactory()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("letter.pdf", PDF, "application/pdf"),
        (
            "notes.docx",
            word_file(),
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ),
        ("email.eml", EML, "message/rfc822"),
        ("photo.PNG", PNG, "image/png"),
    ],
)
def test_an_officer_adds_each_kind_of_document(
    client, officer, complaint, name, content, content_type
):
    client.force_login(officer)
    stage = complaint.active_stage
    response = post_file(client, complaint, name, content, stage=str(stage.pk), title="From Pat")
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.title, document.filename, document.stage) == ("From Pat", name, stage)
    assert document.content_type == content_type
    assert document.size == len(content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.file.read() == content
    # Stored under a random name, not the officer's file name.
    assert name not in document.file.name
    event = ComplaintEvent.objects.get(action="add_document")
    assert (event.actor, event.stage, event.details) == (officer, stage, {"document": document.pk})


def test_without_a_title_the_file_name_is_used_and_whole_case_is_allowed(
    client, officer, complaint
):
    client.force_login(officer)
    post_file(client, complaint, "letter.pdf", PDF)
    document = Document.objects.get()
    assert (document.title, document.stage) == ("letter.pdf", None)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("letter.pdf", HTML, "it is a web page"),
        ("run.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 20, "it is a"),
        ("photo.jpg", word_file(), "The selected file is a Word document but its name ends in"),
        ("letter", PDF, "rename it to end in"),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_a_disguised_or_unsuitable_file_is_refused_with_a_specific_error(
    client, officer, complaint, name, content, message
):
    client.force_login(officer)
    response = post_file(client, complaint, name, content, title="<script>alert(1)</script>")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html.replace("&#x27;", "'").replace("&quot;", '"')
    # What was typed is kept, as text: never run as markup.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert not Document.objects.exists()


def test_a_missing_file_is_asked_for(client, officer, complaint):
    client.force_login(officer)
    html = client.post(upload_url(complaint), {"title": "x"}).content.decode()
    assert "Select a file" in html
    assert not Document.objects.exists()


def test_an_oversized_file_is_refused_at_the_configured_limit(client, officer, complaint, settings):
    settings.HEARD_UPLOAD_MAX_MB = 1
    client.force_login(officer)
    big = PDF + b"0" * (1024 * 1024)
    html = post_file(client, complaint, "big.pdf", big).content.decode()
    assert "The selected file must be smaller than 1 MB" in html
    assert not Document.objects.exists()
    just_under = PDF + b"0" * (1024 * 1024 - len(PDF))
    assert post_file(client, complaint, "ok.pdf", just_under).status_code == 302


def test_a_text_script_tag_title_is_stored_as_text_and_escaped_on_the_case_page(
    client, officer, complaint
):
    client.force_login(officer)
    post_file(client, complaint, "letter.pdf", PDF, title="<script>alert(1)</script>")
    assert Document.objects.get().title == "<script>alert(1)</script>"
    documents = reverse("complaints:section", args=[complaint.reference, "documents"])
    html = client.get(documents).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_download_is_an_attachment_with_the_stored_type_and_is_audited(
    client, officer, complaint
):
    client.force_login(officer)
    post_file(client, complaint, "letter.pdf", PDF)
    document = Document.objects.get()
    response = client.get(reverse("complaints:document", args=[complaint.reference, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    viewed = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(document.pk))
    entry = viewed.get()
    assert entry.actor == officer
    assert entry.remote_addr == "127.0.0.1"
    assert entry.additional_data == {"complaint": complaint.pk}


def test_a_document_is_not_found_under_another_case_reference(client, officer, complaint):
    client.force_login(officer)
    post_file(client, complaint, "letter.pdf", PDF)
    other = f.Stage1OpenFactory()
    url = reverse("complaints:document", args=[other.reference, Document.objects.get().pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "appointment"),
    [
        (Role.INVESTIGATING_OFFICER, AppointmentRole.INVESTIGATING_OFFICER),
        (Role.INDEPENDENT_PERSON, AppointmentRole.INDEPENDENT_PERSON),
    ],
)
def test_investigators_see_only_the_documents_of_their_stage_2(client, officer, role, appointment):
    complaint = f.Stage2OpenFactory()
    stage1, stage2 = complaint.stages.order_by("number")
    f.appoint_stage2(stage2, stage2.started_on)
    client.force_login(officer)
    post_file(client, complaint, "one.pdf", PDF, stage=str(stage1.pk))
    post_file(client, complaint, "two.pdf", PDF, stage=str(stage2.pk))
    post_file(client, complaint, "case.pdf", PDF)
    user = UserFactory(role=role)
    practitioner = stage2.appointments.get(role=appointment).practitioner
    practitioner.user = user
    practitioner.save()

    client.force_login(user)
    assert list(Document.objects.visible_to(user).values_list("title", flat=True)) == ["two.pdf"]
    page = client.get(reverse("complaints:section", args=[complaint.reference, "documents"]))
    assert [d.title for d in page.context["documents"]] == ["two.pdf"]
    for document in Document.objects.all():
        url = reverse("complaints:document", args=[complaint.reference, document.pk])
        assert client.get(url).status_code == (200 if document.title == "two.pdf" else 404)


def test_the_adjudicating_officer_sees_every_document_of_the_case(client, officer):
    complaint = f.Stage2OpenFactory()
    client.force_login(officer)
    post_file(client, complaint, "case.pdf", PDF)
    user = UserFactory(role=Role.ADJUDICATING_OFFICER)
    stage2 = complaint.stages.get(number=2)
    f.appoint_stage2(stage2, stage2.started_on)
    practitioner = stage2.appointments.get(role=AppointmentRole.ADJUDICATING_OFFICER).practitioner
    practitioner.user = user
    practitioner.save()
    assert Document.objects.visible_to(user).count() == 1


def test_the_reports_of_stage_2_are_attached_with_their_step(client, officer):
    # The trial: the IO's report was a date; the report itself had to be added separately.
    complaint = f.Stage2OpenFactory()
    client.force_login(officer)
    stage2 = complaint.stages.get(number=2)
    today = clock.today()
    refused = post(
        client,
        complaint,
        "receive_io_report",
        io_report_on=today,
        report=SimpleUploadedFile("report.html", HTML),
    )
    assert refused.status_code == 200  # a bad file refuses the whole step
    stage2.refresh_from_db()
    assert stage2.io_report_on is None
    assert not Document.objects.exists()
    post(
        client,
        complaint,
        "receive_io_report",
        io_report_on=today,
        report=SimpleUploadedFile("io final.pdf", PDF),
    )
    post(client, complaint, "receive_ip_report", ip_report_on=today)  # no file to hand
    post(
        client,
        complaint,
        "adjudicate",
        adjudicated_on=today,
        adjudication="Upheld",
        report=SimpleUploadedFile("decision.docx", word_file()),
    )
    stage2.refresh_from_db()
    assert (stage2.io_report_on, stage2.ip_report_on, stage2.adjudicated_on) == (today,) * 3
    documents = {d.title: (d.stage_id, d.filename) for d in Document.objects.all()}
    assert documents == {
        "Investigating officer's report": (stage2.pk, "io final.pdf"),
        "Adjudicating officer's decision": (stage2.pk, "decision.docx"),
    }
    actions = list(complaint.events.values_list("action", flat=True))
    assert actions[-5:] == [
        "receive_io_report",
        "add_document",
        "receive_ip_report",
        "adjudicate",
        "add_document",
    ]
