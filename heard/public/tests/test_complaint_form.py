"""The public complaint form: one question a page, answers kept, checked, then sent."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from unittest import mock

import pytest
import time_machine
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.urls import reverse

from heard.complaints.choices import Channel, Procedure, Relationship
from heard.complaints.models import Complainant, Complaint, ComplaintEvent

pytestmark = pytest.mark.django_db

#: A parent's complaint about their child, page by page.
PARENT = [
    ("service", {"procedure": "children"}),
    ("who", {"relationship": "parent"}),
    (
        "child",
        {
            "child_name": "Sam Smith",
            "child_date_of_birth_0": "3",
            "child_date_of_birth_1": "2",
            "child_date_of_birth_2": "2014",
            "other_children": "Kim Smith\n\n  Lee Smith  \n",
        },
    ),
    ("what-happened", {"what_happened": "Nobody came to the review meeting for Sam in March."}),
    ("wanted", {"wanted": "An apology and a new date for the review."}),
    (
        "contact",
        {
            "name": "Alex Smith",
            "email": "alex@example.com",
            "phone": "",
            "address": "",
            "preferred_contact": "email",
        },
    ),
    ("advocate", {"advocate": "yes"}),
    (
        "equality",
        {"ethnicity": "white_british", "gender": "", "age_band": "35-44", "disability": ""},
    ),
    ("files", {"kept": ""}),
]


def url(slug: str) -> str:
    return reverse("public:question", args=[slug])


def answer(client, pages) -> None:
    client.get(url(pages[0][0]))
    for slug, data in pages:
        response = client.post(url(slug), data)
        assert response.status_code == 302, (
            slug,
            response.context and response.context["form"].errors,
        )


def put_back(client, journey: str, stale: dict) -> None:
    """Save a stale copy of a journey's answers as the session, as a request that read the
    session before another request changed it saves it back when it ends."""
    session = client.session
    session[journey] = stale
    session.pop(f"{journey}-sent", None)
    session.save()


def test_nobody_needs_to_sign_in_to_start(client):
    response = client.get(reverse("public:start"))
    assert response.status_code == 200
    assert 'href="/complain/service/"' in response.content.decode()
    assert client.get(url("service")).status_code == 200


def test_each_page_leads_to_the_next_that_applies_then_to_check_your_answers(client):
    client.get(url("service"))
    steps = []
    for slug, data in PARENT:
        steps.append(client.post(url(slug), data).url)
    assert steps == [url(s) for s, _ in PARENT[1:]] + [reverse("public:check")]


def test_pages_about_a_child_are_skipped_for_another_council_service(client):
    client.get(url("service"))
    response = client.post(url("service"), {"procedure": "corporate"})
    assert response.url == url("what-happened")
    assert client.get(url("who")).url == url("what-happened")  # not a page for this complaint


def test_a_child_complaining_for_themselves_is_not_asked_about_another_child(client):
    client.get(url("service"))
    client.post(url("service"), {"procedure": "children"})
    assert client.post(url("who"), {"relationship": "child"}).url == url("what-happened")


def test_going_back_shows_what_was_typed(client):
    answer(client, PARENT[:4])
    page = client.get(url("what-happened")).content.decode()
    assert "Nobody came to the review meeting for Sam in March." in page
    assert f'href="{url("child")}" class="govuk-back-link"' in page
    child = client.get(url("child")).content.decode()
    assert 'value="Sam Smith"' in child
    assert 'value="2014"' in child


@pytest.mark.parametrize(
    ("slug", "data", "message"),
    [
        ("service", {}, "Select what your complaint is about"),
        ("service", {"procedure": "bins"}, "Select what your complaint is about"),
        ("what-happened", {"what_happened": "  "}, "Enter what happened"),
        (
            "contact",
            {"name": "A", "preferred_contact": "email"},
            "Enter your email address, or choose another way",
        ),
        (
            "contact",
            {"name": "A", "email": "not-an-email", "preferred_contact": "email"},
            "Enter an email address in the correct format, like name@example.com",
        ),
    ],
)
def test_a_bad_answer_gets_a_specific_error_and_is_not_kept(client, slug, data, message):
    client.get(url("service"))
    response = client.post(url(slug), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert page.count(message) == 2  # in the summary and beside the question
    assert "<title>Error:" in page


def test_check_your_answers_shows_every_answer_with_a_change_link(client):
    answer(client, PARENT)
    page = client.get(reverse("public:check")).content.decode()
    for shown in (
        "Children&#x27;s social care",
        "Parent",
        "Sam Smith",
        "3 February 2014",
        "alex@example.com",
        "Yes",
    ):
        assert shown in page
    assert f'href="{url("wanted")}?change=1"' in page


def test_changing_an_answer_returns_to_check_your_answers(client):
    answer(client, PARENT)
    response = client.post(url("wanted") + "?change=1", {"wanted": "A new review date."})
    assert response.url == reverse("public:check")
    assert "A new review date." in client.get(reverse("public:check")).content.decode()


def test_changing_to_a_service_that_needs_more_answers_asks_for_them(client):
    answer(client, [("service", {"procedure": "corporate"}), *PARENT[3:6], PARENT[7]])
    response = client.post(url("service") + "?change=1", {"procedure": "children"})
    assert response.url == url("who")
    assert client.get(reverse("public:check")).url == url("who")


@time_machine.travel(date(2025, 3, 5), tick=False)  # a Wednesday
def test_sending_logs_the_complaint_at_stage_1_from_the_web_form_with_its_deadlines(client):
    answer(client, PARENT)
    response = client.post(reverse("public:check"))
    complaint = Complaint.objects.get()
    assert response.url == reverse("public:sent")
    assert complaint.reference in client.get(reverse("public:sent")).content.decode()
    assert (complaint.procedure, complaint.channel, complaint.received_on) == (
        Procedure.CHILDREN,
        Channel.WEB_FORM,
        date(2025, 3, 5),
    )
    assert complaint.relationship == Relationship.PARENT
    assert complaint.summary == "Nobody came to the review meeting for Sam in March."
    assert "An apology and a new date for the review." in complaint.description
    assert sorted(c.name for c in complaint.children.all()) == [
        "Kim Smith",
        "Lee Smith",
        "Sam Smith",
    ]
    assert complaint.complainant.email == "alex@example.com"
    assert (complaint.complainant.ethnicity, complaint.complainant.gender) == ("white_british", "")
    assert (complaint.advocacy_offered_on, complaint.advocacy_taken_up) == (date(2025, 3, 5), True)
    assert complaint.team.name == "To be triaged"
    # Acknowledgement due in 3 working days: Monday 10 March.
    assert complaint.next_due_on == date(2025, 3, 10)
    assert ComplaintEvent.objects.get(complaint=complaint).details == {"channel": "web_form"}


def test_the_answers_are_forgotten_once_sent_and_a_second_send_adds_nothing(client):
    answer(client, PARENT)
    client.post(reverse("public:check"))
    again = client.post(reverse("public:check"))
    assert again.url == reverse("public:sent")
    assert Complaint.objects.count() == 1
    assert client.get(url("what-happened")).status_code == 400  # nothing kept to go back to


def test_an_expired_session_says_so_kindly_and_offers_a_fresh_start(client):
    response = client.post(url("what-happened"), {"what_happened": "Something"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sorry, you'll have to start again" in page
    assert "30 minutes" in page
    assert 'href="/complain/"' in page


def test_when_the_database_cannot_take_it_the_person_is_asked_to_try_again_and_nothing_is_lost(
    client,
):
    answer(client, PARENT)
    with mock.patch(
        "heard.complaints.models.Complaint.receive",
        side_effect=OperationalError("database is locked"),
    ):
        response = client.post(reverse("public:check"))
    assert response.status_code == 503
    assert (
        "Your complaint has not been sent yet. We have kept your answers."
        in response.content.decode()
    )
    assert not Complaint.objects.exists()
    assert not Complainant.objects.exists()  # created before the failure, and rolled back
    assert not ComplaintEvent.objects.exists()
    # The answers are still there, and trying again sends it.
    assert client.post(reverse("public:check")).url == reverse("public:sent")
    assert Complaint.objects.count() == 1


@contextmanager
def database_locked_by_another_process():
    """Another connection holds the database's write lock (SQLite) or locks the complaints
    table (PostgreSQL, with this connection told to wait at most half a second for a lock),
    as a long write from another process would."""
    other = connection.copy()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '500ms'")
        other.set_autocommit(False)
        other.cursor().execute(f"LOCK TABLE {Complaint._meta.db_table} IN ACCESS EXCLUSIVE MODE")
    else:
        other.cursor().execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.rollback() if connection.vendor == "postgresql" else other.cursor().execute(
            "ROLLBACK"
        )
        other.close()


@pytest.mark.django_db(transaction=True)
def test_a_locked_database_gets_a_try_again_page_keeps_the_answers_and_saves_nothing(client):
    answer(client, PARENT)
    with database_locked_by_another_process():
        response = client.post(reverse("public:check"))
        assert response.status_code == 503
        assert "We have kept your answers." in response.content.decode()
        assert "Try sending it again" in response.content.decode()
    assert not Complaint.objects.exists()
    assert not Complainant.objects.exists()
    assert not ComplaintEvent.objects.exists()
    # The lock has gone: the same answers send, once.
    assert client.post(reverse("public:check")).url == reverse("public:sent")
    complaint = Complaint.objects.get()
    assert complaint.complainant.name == "Alex Smith"
    assert Complainant.objects.count() == 1


def test_the_public_pages_show_nothing_of_other_cases(client, officer):
    answer(client, PARENT)
    client.post(reverse("public:check"))
    stranger = Client()
    assert stranger.get(reverse("public:sent")).url == reverse("public:start")
    assert stranger.get(reverse("complaints:list")).status_code == 302  # to sign in


@time_machine.travel(date(2025, 3, 5), tick=False)
def test_a_sent_complaint_appears_in_the_staff_list_with_its_deadline(client, manager):
    answer(client, PARENT)
    client.post(reverse("public:check"))
    reference = Complaint.objects.get().reference
    staff = Client()
    staff.force_login(manager)
    page = staff.get(reverse("complaints:list")).content.decode()
    assert reference in page
    assert "10 Mar 2025" in page  # the acknowledgement deadline, in the deadline column


def test_a_robot_that_fills_in_the_hidden_field_gets_nothing_kept_or_sent(client):
    answer(client, PARENT[:1])
    response = client.post(url("what-happened"), {"what_happened": "Buy now", "website": "spam"})
    assert response.status_code == 400
    assert client.get(url("what-happened")).content.decode().count("Buy now") == 0
    answer(client, PARENT)
    assert client.post(reverse("public:check"), {"website": "x"}).status_code == 400
    assert not Complaint.objects.exists()


def test_every_public_form_has_the_hidden_field_out_of_sight_and_out_of_reach(client):
    client.get(url("service"))
    page = client.get(url("service")).content.decode()
    assert '<div class="heard-honeypot" aria-hidden="true">' in page
    assert 'name="website" tabindex="-1" autocomplete="off"' in page


@override_settings(HEARD_PUBLIC_SENDS_PER_HOUR=1)
def test_too_many_sends_from_one_address_are_refused_with_the_answers_kept(client):
    answer(client, PARENT)
    client.post(reverse("public:check"))
    answer(client, PARENT)
    response = client.post(reverse("public:check"))
    assert response.status_code == 429
    assert "We have kept your answers." in response.content.decode()
    assert Complaint.objects.count() == 1
    assert client.get(reverse("public:check")).status_code == 200  # still there to send later


def sent_tracking_link(client) -> str:
    answer(client, PARENT)
    client.post(reverse("public:check"))
    page = client.get(reverse("public:sent")).content.decode()
    token = Complaint.objects.get().tracking_token
    link = f"http://testserver/complain/track/{token}/"
    assert link in page
    return link


def test_the_tracking_link_is_long_random_and_not_the_reference(client):
    sent_tracking_link(client)
    answer(client, PARENT)
    client.post(reverse("public:check"))
    first, second = Complaint.objects.order_by("pk")
    assert len(first.tracking_token) >= 43
    assert first.tracking_token != second.tracking_token
    assert first.reference not in first.tracking_token


@time_machine.travel(date(2025, 3, 5), tick=False)
def test_the_tracking_page_shows_the_status_and_next_deadline_and_nothing_else(client):
    link = sent_tracking_link(client)
    response = Client().get(link)  # a browser with no session: the link alone is enough
    page = response.content.decode()
    assert "We have received your complaint (stage 1)." in page
    assert "We will write to confirm we have it by 10 March 2025." in page
    assert "Sam Smith" not in page
    assert "Alex Smith" not in page
    assert "Nobody came" not in page
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "no-store"


def test_an_unknown_tracking_link_is_not_found(client):
    sent_tracking_link(client)
    assert Client().get(reverse("public:track", args=["x" * 43])).status_code == 404


def test_a_tracking_link_expires_a_set_time_after_the_complaint_closes(client):
    link = sent_tracking_link(client)
    complaint = Complaint.objects.get()
    Complaint.objects.filter(pk=complaint.pk).update(status="closed", closed_on=date(2025, 4, 1))
    with time_machine.travel(date(2025, 4, 29), tick=False):  # 28 days after: still works
        assert "Your complaint is closed." in Client().get(link).content.decode()
    with time_machine.travel(date(2025, 4, 30), tick=False):
        response = Client().get(link)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_the_error_summary_links_to_the_first_option_of_a_question_with_options(client):
    client.get(url("service"))
    page = client.post(url("service"), {}).content.decode()
    assert '<a href="#id_procedure">Select what your complaint is about</a>' in page
    assert 'id="id_procedure" name="procedure" type="radio"' in page


def test_an_advocate_asked_for_online_shows_on_the_case_with_none_named_yet(client, officer):
    answer(client, PARENT)  # says yes to an advocate
    client.post(reverse("public:check"))
    client.force_login(officer)
    reference = Complaint.objects.get().reference
    people = reverse("complaints:section", args=[reference, "people"])
    page = client.get(people).content.decode()
    assert "; taken up, no advocate named yet" in page
    assert "taken up with </dd>" not in page
