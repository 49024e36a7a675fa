"""No staff page scrolls sideways at 320 px (issue 17, point 8; WCAG 1.4.10 reflow): a wide
table scrolls inside its own region instead. Every page here is also checked by axe-core
(heard.conftest.assert_accessible does both)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests import factories as f
from heard.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password"


def test_every_staff_page_fits_a_320_pixel_screen(page):
    complaint = f.Stage3OpenFactory.create()
    f.appoint_panel(complaint.active_stage, complaint.active_stage.started_on)
    f.agree_remedy(complaint, complaint.active_stage.started_on)
    f.raise_learning_action(complaint, complaint.active_stage.started_on)
    f.Stage1OpenFactory.create(awaiting_triage=True)
    manager = UserFactory(username="mo", role="complaints_manager")
    manager.set_password(PASSWORD)
    manager.save()
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, "mo", PASSWORD)
    page.wait_for_url(re.compile(r"/$"))
    reference = complaint.reference
    urls = [
        reverse("dashboard:home"),
        reverse("complaints:list"),
        reverse("complaints:list") + "?status=open&stage=3",
        reverse("complaints:triage"),
        reverse("complaints:create"),
        reverse("complaints:informal_list"),
        reverse("complaints:appointees"),
        reverse("complaints:detail", args=[reference]),
        *(
            reverse("complaints:section", args=[reference, name])
            for name in ("points", "people", "documents", "outcomes", "timeline")
        ),
        reverse("complaints:audit", args=[reference]),
        reverse("complaints:findings", args=[reference]),
        reverse("complaints:step", args=[reference, "record_recommendation"]),
        reverse("complaints:edit", args=[reference]),
        reverse("complaints:note", args=[reference]),
        reverse("sars:list"),
        reverse("sars:create"),
        reverse("ombudsman:list"),
        reverse("ombudsman:create"),
        reverse("enquiries:list"),
        reverse("enquiries:create"),
        reverse("compliments:list"),
        reverse("compliments:create"),
        reverse("referrals:list"),
        reverse("reporting:menu"),
        reverse("core:people"),
        reverse("core:teams"),
        reverse("imports:upload"),
        reverse("core:configuration"),
        reverse("core:configuration_audit"),
        reverse("complaints:themes"),
        reverse("complaints:closure_days"),
        reverse("complaints:letter_wordings"),
        reverse("sars:exemptions"),
        reverse("imports:meanings"),
    ]
    for url in urls:
        response = page.goto(url)
        assert response is not None, url
        assert response.status == 200, url
        assert_accessible(page)
