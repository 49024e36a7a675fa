"""Files added to the public complaint form: checked on upload, kept until the form is
sent, then moved onto the case as Stage 1's documents."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from heard.complaints.models import Complaint
from heard.complaints.tests.test_documents import PDF, PNG
from heard.public.models import PendingUpload
from heard.public.tests.test_complaint_form import PARENT, answer, put_back, url

pytestmark = pytest.mark.django_db

BEFORE_FILES = PARENT[:-1]


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def add_files(client, *files: SimpleUploadedFile):
    return client.post(url("files"), {"attachments": list(files), "kept": ""})


def test_files_added_to_the_form_become_documents_of_stage_1(
    client, django_capture_on_commit_callbacks
):
    answer(client, BEFORE_FILES)
    response = add_files(client, upload("letter.pdf", PDF), upload("photo.png", PNG))
    assert response.url == reverse("public:check")
    check = client.get(reverse("public:check")).content.decode()
    assert "letter.pdf, photo.png" in check
    assert PendingUpload.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("public:check"))
    complaint = Complaint.objects.get()
    documents = {d.filename: d for d in complaint.documents.all()}
    assert {name: d.content_type for name, d in documents.items()} == {
        "letter.pdf": "application/pdf",
        "photo.png": "image/png",
    }
    assert {d.stage.number for d in documents.values()} == {1}
    assert documents["letter.pdf"].file.read() == PDF
    assert complaint.events.filter(action="add_document").count() == 2
    assert not PendingUpload.objects.exists()  # moved, not copied


def test_no_files_is_an_answer(client):
    answer(client, BEFORE_FILES)
    assert client.post(url("files"), {"kept": ""}).url == reverse("public:check")
    assert "None" in client.get(reverse("public:check")).content.decode()
    client.post(reverse("public:check"))
    assert not Complaint.objects.get().documents.exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("notes.pdf", b"#!/bin/sh\nrm -rf /\n")], "“notes.pdf”: The selected file must be"),
        ([("photo.jpg", PDF)], "rename it to end in “.pdf”"),
        ([("big.pdf", PDF + b"0" * (1024 * 1024))], "“big.pdf” must be smaller than 1 MB"),
        ([("a.pdf", PDF), ("b.pdf", PDF), ("c.pdf", PDF)], "Select 2 files or fewer"),
        ([("empty.pdf", b"")], "The selected file is empty"),
    ],
)
@override_settings(HEARD_PUBLIC_UPLOAD_MAX_MB=1, HEARD_PUBLIC_UPLOAD_MAX_FILES=2)
def test_a_file_that_is_not_what_it_says_or_too_big_or_too_many_is_refused(client, files, message):
    answer(client, BEFORE_FILES)
    response = add_files(client, *(upload(name, content) for name, content in files))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'href="#id_attachments"' in page  # the error summary leads to the file input
    assert not PendingUpload.objects.exists()


def test_going_back_lists_the_files_and_continuing_keeps_them(client):
    answer(client, BEFORE_FILES)
    add_files(client, upload("letter.pdf", PDF))
    page = client.get(url("files")).content.decode()
    assert "letter.pdf" in page
    kept = str(PendingUpload.objects.get().pk)
    assert f'value="{kept}"' in page
    assert client.post(url("files"), {"kept": kept}).url == reverse("public:check")
    assert "letter.pdf" in client.get(reverse("public:check")).content.decode()


def test_choosing_new_files_replaces_those_added_before(client):
    answer(client, BEFORE_FILES)
    add_files(client, upload("first.pdf", PDF))
    first = PendingUpload.objects.get()
    client.post(url("files"), {"attachments": [upload("second.png", PNG)], "kept": str(first.pk)})
    assert [u.filename for u in PendingUpload.objects.all()] == ["second.png"]
    assert not first.file.storage.exists(first.file.name)


def stored() -> list[str]:
    return sorted(PendingUpload.objects.values_list("filename", flat=True))


@override_settings(HEARD_PUBLIC_UPLOAD_MAX_FILES=2)
def test_files_posted_again_without_kept_replace_those_before_and_never_pass_the_cap(client):
    answer(client, BEFORE_FILES)
    for n in range(3):
        chosen = [upload(f"{n}-letter.pdf", PDF), upload(f"{n}-photo.png", PNG)]
        assert client.post(url("files"), {"attachments": chosen}).status_code == 302
        assert PendingUpload.objects.count() <= 2
    assert stored() == ["2-letter.pdf", "2-photo.png"]
    assert "2-letter.pdf, 2-photo.png" in client.get(reverse("public:check")).content.decode()


def test_a_post_with_neither_files_nor_kept_lets_go_of_the_files_added_before(client):
    answer(client, BEFORE_FILES)
    add_files(client, upload("letter.pdf", PDF))
    earlier = PendingUpload.objects.get()
    assert client.post(url("files"), {}).url == reverse("public:check")
    assert not PendingUpload.objects.exists()
    assert not earlier.file.storage.exists(earlier.file.name)
    client.post(reverse("public:check"))
    assert not Complaint.objects.get().documents.exists()


def test_files_a_stale_session_no_longer_names_go_when_new_ones_are_added(client):
    answer(client, PARENT)
    stale = client.session["public-complaint"]
    add_files(client, upload("first.pdf", PDF))
    # A second tab's request read the session before the first file was added, and saved
    # it back after: the session no longer names first.pdf.
    put_back(client, "public-complaint", stale)
    add_files(client, upload("second.png", PNG))
    assert stored() == ["second.png"]


def test_a_kept_key_this_session_was_not_given_is_not_honoured(client):
    other = Client()
    answer(other, BEFORE_FILES)
    add_files(other, upload("theirs.pdf", PDF))
    theirs = PendingUpload.objects.get()
    answer(client, BEFORE_FILES)
    keeping = client.post(url("files"), {"kept": str(theirs.pk)})
    assert "The files you added have expired" in keeping.content.decode()
    replacing = {"attachments": [upload("mine.png", PNG)], "kept": str(theirs.pk)}
    replaced = client.post(url("files"), replacing)
    assert "The files you added have expired" in replaced.content.decode()
    assert PendingUpload.objects.get() == theirs  # neither taken nor thrown away
    assert theirs.file.storage.exists(theirs.file.name)


def test_files_cleared_after_the_session_ended_are_asked_for_again(client):
    answer(client, BEFORE_FILES)
    add_files(client, upload("letter.pdf", PDF))
    PendingUpload.objects.get().discard()
    response = client.get(reverse("public:check"))
    assert response.url == url("files")
    assert "The files you added have expired" in client.get(url("files")).content.decode()


def test_a_key_that_was_never_given_out_is_refused(client):
    answer(client, BEFORE_FILES)
    response = client.post(url("files"), {"kept": "not-a-key"})
    assert "The files you added have expired" in response.content.decode()


def test_files_of_forms_never_sent_are_cleared_once_no_session_could_send_them(client):
    old = PendingUpload(filename="old.pdf", content_type="application/pdf", size=len(PDF))
    old.file.save("old.pdf", SimpleUploadedFile("old.pdf", PDF), save=False)
    old.save()
    PendingUpload.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - timedelta(hours=2))
    answer(client, BEFORE_FILES)
    add_files(client, upload("new.pdf", PDF))  # each new upload clears the abandoned ones
    assert [u.filename for u in PendingUpload.objects.all()] == ["new.pdf"]
    assert not old.file.storage.exists(old.file.name)


@override_settings(HEARD_REQUEST_MAX_MB=2)
def test_a_request_larger_than_the_limit_is_refused_before_it_is_read(client):
    answer(client, BEFORE_FILES)
    response = add_files(client, upload("huge.pdf", PDF + b"0" * (3 * 1024 * 1024)))
    assert response.status_code == 413
    assert "What you sent is too large" in response.content.decode()
    assert not PendingUpload.objects.exists()


@override_settings(HEARD_PUBLIC_UPLOADS_PER_HOUR=2)
def test_uploads_past_the_hourly_count_are_refused_and_nothing_is_stored(client):
    answer(client, BEFORE_FILES)
    for _ in range(2):
        assert add_files(client, upload("letter.pdf", PDF)).status_code == 302
    stored = PendingUpload.objects.count()
    refused = add_files(client, upload("letter.pdf", PDF))
    assert refused.status_code == 429
    assert "Too many files have been sent" in refused.content.decode()
    assert PendingUpload.objects.count() == stored
    # The limit is the address's too: a fresh session from the same address is refused.
    client.cookies.clear()
    answer(client, BEFORE_FILES)
    assert add_files(client, upload("letter.pdf", PDF)).status_code == 429
    assert PendingUpload.objects.count() == stored


@override_settings(HEARD_PUBLIC_UPLOAD_MB_PER_HOUR=1)
def test_uploads_past_the_hourly_megabytes_are_refused_and_nothing_is_stored(client):
    answer(client, BEFORE_FILES)
    half = PDF + b"0" * (600 * 1024)
    assert add_files(client, upload("first.pdf", half)).status_code == 302
    assert add_files(client, upload("second.pdf", half)).status_code == 429
    assert list(PendingUpload.objects.values_list("filename", flat=True)) == ["first.pdf"]


def test_a_replacement_that_fails_to_store_keeps_the_files_already_added(client, monkeypatch):
    answer(client, BEFORE_FILES)
    add_files(client, upload("letter.pdf", PDF))
    kept = PendingUpload.objects.get()

    def full_disk(self, *args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(PendingUpload, "save", full_disk)
    client.raise_request_exception = False
    replacing = {"attachments": [upload("photo.png", PNG)], "kept": str(kept.pk)}
    assert client.post(url("files"), replacing).status_code == 500
    monkeypatch.undo()
    assert PendingUpload.objects.get() == kept
    assert kept.file.storage.exists(kept.file.name)
    client.post(reverse("public:check"))
    assert Complaint.objects.get().documents.get().filename == "letter.pdf"
