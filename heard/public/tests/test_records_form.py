"""The public form to ask for records: whose, on what authority, what, how to reply, and
proof uploaded with it; logged as a subject access request for an officer to check."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests.test_documents import PDF, PNG
from heard.public.models import PendingUpload
from heard.sars.models import RequesterRole, SarDocument, SubjectAccessRequest

pytestmark = pytest.mark.django_db

CONTACT = {"email": "kim@example.com", "phone": "", "address": "", "preferred_contact": "email"}

#: A care leaver asking for their own file.
OWN = [
    ("whose", {"whose": "mine"}),
    (
        "you",
        {
            "requester_name": "Kim Lee",
            "born_on_0": "4",
            "born_on_1": "5",
            "born_on_2": "2001",
            "care_leaver": "yes",
        },
    ),
    ("records", {"records_sought": "My care file from 2008 to 2019."}),
    ("contact", CONTACT),
]

#: A parent asking for their child's records.
FOR_A_CHILD = [
    ("whose", {"whose": "theirs"}),
    ("authority", {"requester_role": "parent"}),
    ("your-name", {"requester_name": "Pat Jones"}),
    ("them", {"data_subject_name": "Max Jones"}),
    ("records", {"records_sought": "Max's child protection records since 2020."}),
    ("contact", CONTACT),
]


def url(slug: str) -> str:
    return reverse("public:records:question", args=[slug])


def answer(client, pages) -> None:
    client.get(url("whose"))
    for slug, data in pages:
        response = client.post(url(slug), data)
        assert response.status_code == 302, (slug, response.context["form"].errors)


def add(client, slug: str, name: str, content: bytes):
    return client.post(url(slug), {"attachments": [SimpleUploadedFile(name, content)], "kept": ""})


def test_a_care_leaver_asks_for_their_file_with_proof_of_identity(
    client, django_capture_on_commit_callbacks
):
    with time_machine.travel(date(2025, 6, 2), tick=False):
        answer(client, OWN)
        assert add(client, "identity", "passport.png", PNG).url == reverse("public:records:check")
        check = client.get(reverse("public:records:check")).content.decode()
        assert "passport.png" in check
        assert "My own records" in check
        with django_capture_on_commit_callbacks(execute=True):
            sent = client.post(reverse("public:records:check"))
        assert sent.url == reverse("public:records:sent")
        confirmation = client.get(sent.url).content.decode()
    request = SubjectAccessRequest.objects.get()
    assert request.reference == "SAR-2025-00001"
    assert request.reference in confirmation
    assert (request.requester_name, request.data_subject_name) == ("Kim Lee", "Kim Lee")
    assert (request.requester_role, request.care_leaver) == (RequesterRole.SELF, True)
    assert request.data_subject_born_on == date(2001, 5, 4)
    assert request.requester_email == "kim@example.com"
    assert request.received_on == date(2025, 6, 2)
    # The clock waits for an officer to accept the proof.
    assert (request.identity_verified_on, request.due_on) == (None, None)
    document = request.documents.get()
    assert (document.kind, document.filename, document.content_type) == (
        SarDocument.Kind.IDENTITY,
        "passport.png",
        "image/png",
    )
    assert not PendingUpload.objects.exists()


def test_a_parent_sends_proof_of_identity_and_of_authority(client):
    answer(client, FOR_A_CHILD)
    add(client, "identity", "licence.pdf", PDF)
    assert add(client, "proof-of-authority", "birth.pdf", PDF).url == reverse(
        "public:records:check"
    )
    client.post(reverse("public:records:check"))
    request = SubjectAccessRequest.objects.get()
    assert (request.requester_name, request.requester_role, request.data_subject_name) == (
        "Pat Jones",
        RequesterRole.PARENT,
        "Max Jones",
    )
    assert request.care_leaver is False
    assert sorted(request.documents.values_list("kind", "filename")) == [
        ("authority", "birth.pdf"),
        ("identity", "licence.pdf"),
    ]


def test_pages_about_acting_for_someone_else_are_not_asked_for_your_own_records(client):
    client.get(url("whose"))
    assert client.post(url("whose"), {"whose": "mine"}).url == url("you")
    assert client.get(url("authority")).url == url("you")


@pytest.mark.parametrize(
    ("pages", "slug", "data", "message"),
    [
        ([], "whose", {}, "Select whose records you are asking for"),
        (FOR_A_CHILD[:1], "authority", {}, "Select how you can act for them"),
        (OWN[:1], "you", {"care_leaver": "yes"}, "Enter your full name"),
        (OWN[:1], "you", {"requester_name": "Kim"}, "Select whether you were in care"),
        (FOR_A_CHILD[:3], "them", {}, "Enter the full name of the person the records are about"),
        (OWN[:2], "records", {}, "Enter what records you would like"),
        (OWN[:3], "contact", {"preferred_contact": "email"}, "Enter your email address"),
        (OWN, "identity", {"kept": ""}, "Select a copy of your proof of identity"),
    ],
)
def test_each_page_says_what_is_missing(client, pages, slug, data, message):
    answer(client, pages)
    response = client.post(url(slug), data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_proof_of_authority_is_needed_to_ask_for_someone_elses_records(client):
    answer(client, FOR_A_CHILD)
    add(client, "identity", "licence.pdf", PDF)
    response = client.post(url("proof-of-authority"), {"kept": ""})
    assert "Select a copy of your proof that you can act for them" in response.content.decode()
    assert client.get(reverse("public:records:check")).url == url("proof-of-authority")


def test_officers_see_the_proof_and_each_download_is_audited(client):
    answer(client, OWN)
    add(client, "identity", "passport.png", PNG)
    client.post(reverse("public:records:check"))
    request = SubjectAccessRequest.objects.get()
    document = request.documents.get()
    link = reverse("sars:document", args=[request.reference, document.pk])

    sar_officer = UserFactory(role="sar_officer")
    client.force_login(sar_officer)
    page = client.get(reverse("sars:detail", args=[request.reference])).content.decode()
    assert link in page
    assert "kim@example.com" in page
    response = client.get(link)
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Disposition"].startswith("attachment")
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(document.pk), actor=sar_officer
    ).exists()

    client.force_login(UserFactory(role="responding_manager"))
    assert client.get(link).status_code == 404
