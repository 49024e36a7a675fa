"""Monthly referrals: entered a month at a time or imported from CSV, all or nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.referrals.csvimport import ReferralFileError, read_referrals
from heard.referrals.models import MonthlyReferrals

pytestmark = pytest.mark.django_db
LIST = reverse("referrals:list")


def upload(text: str, name: str = "referrals.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def test_months_in_any_of_the_accepted_forms_are_read():
    counts = read_referrals(
        b'month,referrals\n2025-04,352\n05/2025,371\nJune 2025,"1,204"\n\nJul 2025,0\n'
    )
    assert counts == {
        date(2025, 4, 1): 352,
        date(2025, 5, 1): 371,
        date(2025, 6, 1): 1204,
        date(2025, 7, 1): 0,
    }


def test_every_bad_row_is_listed_with_its_number():
    with pytest.raises(ReferralFileError) as raised:
        read_referrals(
            b"month,referrals\n2025-04,352\nSmarch 2025,3\n2025-04,10\n2025-06,-4\n2099-01,5\n"
        )
    assert raised.value.errors == [
        "Row 3: “Smarch 2025” is not a month, like 2025-04",
        "Row 4: April 2025 appears more than once",
        "Row 5: referrals must be a whole number, 0 or more",
        "Row 6: January 2099 has not started yet",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"date,count\n2025-04,3\n", "The first row must be the headings: month,referrals"),
        (b"month,referrals\n", "The file has no months in it"),
        ("month,referrals\n2025-04,3\n".encode("utf-16"), "saved as UTF-8"),
    ],
)
def test_a_file_that_is_not_a_referrals_csv_is_refused(content, message):
    with pytest.raises(ReferralFileError, match=message):
        read_referrals(content)


def test_an_officer_enters_a_month_and_a_second_entry_replaces_it(client, officer):
    client.force_login(officer)
    first = client.post(reverse("referrals:save"), {"month": "2025-04-01", "referrals": "352"})
    assert first.status_code == 302
    client.post(reverse("referrals:save"), {"month": "2025-04-01", "referrals": "360"})
    row = MonthlyReferrals.objects.get()
    assert (row.month, row.referrals, row.updated_by) == (date(2025, 4, 1), 360, officer)
    assert LogEntry.objects.get_for_object(row).count() == 2  # created, then changed


def test_bad_month_entries_get_specific_errors(client, officer):
    client.force_login(officer)
    html = client.post(reverse("referrals:save"), {"month": "", "referrals": "-1"}).content
    page = html.decode()
    assert "Choose the month" in page
    assert "The number of referrals must be 0 or more" in page
    page = client.post(
        reverse("referrals:save"), {"month": "2099-01-01", "referrals": "three"}
    ).content.decode()
    assert "Choose a month from the list" in page
    assert "The number of referrals must be a whole number, like 350" in page
    assert not MonthlyReferrals.objects.exists()


def test_an_import_adds_and_replaces_months(client, officer):
    MonthlyReferrals.objects.create(month=date(2025, 4, 1), referrals=1)
    client.force_login(officer)
    response = client.post(
        reverse("referrals:import"), {"file": upload("month,referrals\n2025-04,352\n2025-05,371\n")}
    )
    assert response.status_code == 302
    assert dict(MonthlyReferrals.objects.values_list("month", "referrals")) == {
        date(2025, 4, 1): 352,
        date(2025, 5, 1): 371,
    }
    assert "1 months added, 1 changed" in client.get(LIST).content.decode()


def test_an_import_with_any_bad_row_saves_nothing_and_lists_the_problems(client, officer):
    MonthlyReferrals.objects.create(month=date(2025, 4, 1), referrals=1)
    client.force_login(officer)
    page = client.post(
        reverse("referrals:import"), {"file": upload("month,referrals\n2025-04,352\n2025-05,x\n")}
    ).content.decode()
    assert "Row 3: referrals must be a whole number, 0 or more" in page
    assert MonthlyReferrals.objects.get().referrals == 1


def test_the_command_imports_a_file_or_refuses_it_whole(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("month,referrals\n2025-04,352\n")
    out = io.StringIO()
    call_command("import_referrals", str(good), stdout=out)
    assert "1 months added, 0 changed" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text("month,referrals\n2025-05,3\nnope,4\n")
    with pytest.raises(CommandError, match="Row 3"):
        call_command("import_referrals", str(bad))
    assert MonthlyReferrals.objects.count() == 1


@pytest.mark.parametrize("role", list(Role))
def test_who_may_read_and_enter_referrals(client, role):
    client.force_login(UserFactory(role=role))
    reads = role in (Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER, Role.REPORT_VIEWER)
    enters = role in (Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER)
    assert client.get(LIST).status_code == (200 if reads else 403)
    save = client.post(reverse("referrals:save"), {"month": "2025-04-01", "referrals": "3"})
    assert save.status_code == (302 if enters else 403)
    assert MonthlyReferrals.objects.exists() == enters
