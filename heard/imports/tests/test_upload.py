"""Uploading an import from the screen: it runs in the background and reports its progress."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.models import Complaint, ElementFinding, Theme
from heard.imports.models import ImportJob, ImportStatus, WordMeaning

# The worker closes database connections between tasks, as it must in production; so these
# tests commit for real (transaction=True) rather than run inside one rolled-back transaction.
pytestmark = pytest.mark.django_db(transaction=True)

LOG = (
    "reference,stage,received,ended,outcome,themes,team,relationship\n"
    "CSC-2021-00001,1,2021-05-04,2021-05-10,Upheld,Delay,Fostering,Parent\n"
    "CSC-2021-00002,1,2021-06-04,,,,Fostering,Parent\n"
)


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(role="complaints_manager"))
    return client


def upload(client, text: str, name: str = "log.csv", **extra):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(reverse("imports:upload"), {"file": file, **extra})


def work() -> None:
    """What `manage.py db_worker` does in the background, until the queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())


def test_an_upload_is_queued_and_the_progress_page_says_so(manager):
    response = upload(manager, LOG)
    job = ImportJob.objects.get()
    assert response.url == reverse("imports:job", args=[job.pk])
    page = manager.get(response.url).content.decode()
    assert "Waiting to start" in page
    assert "you can leave this page and come back" in page
    assert not Complaint.objects.exists()  # nothing happens until the worker runs it


def test_the_worker_imports_it_and_the_page_shows_what_was_added(manager):
    response = upload(manager, LOG)
    work()
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE
    assert job.content == b""  # the upload is not kept once imported
    assert Complaint.objects.count() == 2
    page = manager.get(response.url).content.decode()
    assert "2 complaints added" in page
    assert "Check progress" not in page


def test_a_file_with_bad_rows_imports_nothing_and_lists_every_problem(manager):
    bad = LOG + "CSC-2021-00003,1,2021-13-01,,,,Fostering,Parent\n"
    response = upload(manager, bad)
    work()
    assert ImportJob.objects.get().status == ImportStatus.REFUSED
    assert not Complaint.objects.exists()
    page = manager.get(response.url).content.decode()
    assert "Nothing was imported: 1 problem" in page
    assert "row 4, column “received”: “2021-13-01” is not a date" in page


def test_a_check_only_upload_writes_nothing(manager):
    upload(manager, LOG, dry_run="on")
    work()
    assert ImportJob.objects.get().status == ImportStatus.CHECKED
    assert not Complaint.objects.exists()


def test_a_file_of_another_type_is_refused_on_the_form(manager):
    response = upload(manager, "hello", name="notes.txt")
    assert "The file must be an Excel workbook (.xlsx) or a CSV file" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("role", ["complaints_officer", "report_viewer"])
def test_only_the_complaints_manager_imports(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("imports:upload")).status_code == 403


REAL_LOG = (
    "reference,stage,received,ended,outcome,themes,team,relationship\n"
    "C-1,1,2021-05-04,2021-05-10,Upheld,Bins,Fostering,Grandparent\n"
    "C-2,1,2021-06-04,,,,Fostering,grandparent\n"
    "C-3,1,2021-06-07,,,,Fostering,Member of the public\n"
)


def test_words_the_log_uses_are_asked_about_once_and_the_file_then_imports(manager):
    response = upload(manager, REAL_LOG)
    work()
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.QUESTIONS
    assert job.content != b""  # kept until the words are answered
    assert not Complaint.objects.exists()
    page = manager.get(response.url)
    text = page.content.decode()
    assert "What do these words mean?" in text
    form = page.context["form"]
    # Each word once, with how many rows use it; a relationship offers sufficient interest.
    assert [(f.label, f.help_text) for f in form] == [
        ("“Grandparent”", "Used as a relationship on 2 rows"),
        ("“Member of the public”", "Used as a relationship on 1 row"),
        ("“Bins”", "Used as a theme on 1 row"),
    ]
    assert form["q0"].initial == "sufficient_interest"
    assert form["q2"].initial == "new"

    unanswered = manager.post(response.url, {"q0": "sufficient_interest", "q1": "", "q2": "new"})
    assert "Choose what “Member of the public” means" in unanswered.content.decode()
    assert not WordMeaning.objects.exists()  # nothing kept from a form with an error

    answered = {"q0": "sufficient_interest", "q1": "sufficient_interest", "q2": "new"}
    assert manager.post(response.url, answered).url == response.url
    work()
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job.content == b""
    kept = {
        c.reference: (c.relationship, c.relationship_as_recorded) for c in Complaint.objects.all()
    }
    assert kept == {
        "C-1": ("sufficient_interest", "Grandparent"),
        "C-2": ("sufficient_interest", "grandparent"),
        "C-3": ("sufficient_interest", "Member of the public"),
    }
    assert Theme.objects.filter(name="Bins").exists()
    assert ElementFinding.objects.get().element.theme.name == "Bins"
    # The next import of the same words asks nothing, and adds nothing already held.
    upload(manager, REAL_LOG)
    work()
    again = ImportJob.objects.order_by("-pk").first()
    assert again.status == ImportStatus.DONE
    assert Complaint.objects.count() == 3
