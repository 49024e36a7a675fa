"""Heard's own pages for a page not found, a form sent without its security token, and a
server error, in the GOV.UK style instead of Django's."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from heard.complaints.models import Complaint
from heard.core.views import server_error
from heard.public.tests.test_complaint_form import PARENT

pytestmark = pytest.mark.django_db


def test_a_page_not_found_says_so_in_the_services_own_style(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "govuk-template" in page


def test_a_form_sent_without_its_token_is_refused_and_the_answers_are_kept():
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("public:question", args=["service"]))
    token = client.cookies["csrftoken"].value
    for slug, data in PARENT:
        client.post(reverse("public:question", args=[slug]), {**data, "csrfmiddlewaretoken": token})
    refused = client.post(reverse("public:check"))  # no token
    assert refused.status_code == 403
    assert "Sorry, we could not accept that form" in refused.content.decode()
    assert not Complaint.objects.exists()
    sent = client.post(reverse("public:check"), {"csrfmiddlewaretoken": token})
    assert sent.url == reverse("public:sent")
    assert Complaint.objects.count() == 1


def test_a_server_error_page_needs_nothing_but_the_settings():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
