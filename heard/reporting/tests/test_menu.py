"""The reports menu: the reports on offer, and imports for the complaints manager."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_reports_page_offers_the_annual_and_last_quarters_reports(client, officer):
    client.force_login(officer)
    with time_machine.travel(date(2026, 11, 22)):
        page = client.get(reverse("reporting:menu")).content.decode()
    assert reverse("reporting:report") in page
    # 22 November 2026 is in Q3 of 2026/27, so the last complete quarter is Q2.
    assert "?quarter=2&amp;year=2026" in page


def test_the_reports_page_offers_imports_to_the_complaints_manager_only(client, officer, manager):
    client.force_login(officer)
    assert reverse("imports:upload") not in client.get(reverse("reporting:menu")).content.decode()
    client.force_login(manager)
    assert reverse("imports:upload") in client.get(reverse("reporting:menu")).content.decode()
