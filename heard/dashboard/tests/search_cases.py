"""One case of each kind, with the words a search should find in it, for the search tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from heard.complaints.models import InformalComplaint
from heard.complaints.tests.factories import RECEIVED, ComplainantFactory, Stage1OpenFactory
from heard.compliments.models import Compliment
from heard.core.models import Team
from heard.enquiries.models import Enquiry
from heard.ombudsman.models import OmbudsmanCase
from heard.sars.models import SubjectAccessRequest

KINDS = ["complaint", "informal", "sar", "ombudsman", "enquiry", "compliment"]


def complaint(
    team: Team,
    *,
    name: str = "Pat Jones",
    summary: str = "Calls not returned",
    description: str = "",
    received_on: date = RECEIVED,
) -> Any:
    return Stage1OpenFactory(
        team=team,
        complainant=ComplainantFactory(name=name),
        summary=summary,
        description=description,
        received_on=received_on,
    )


def informal(
    team: Team,
    *,
    name: str = "Sam Jones",
    summary: str = "Pothole not repaired",
    received_on: date = RECEIVED,
) -> Any:
    # Needs an informal stage switched on for corporate complaints (HEARD_INFORMAL_STAGE).
    return InformalComplaint.log(
        by=None,
        procedure="corporate",
        received_on=received_on,
        complainant_name=name,
        team=team,
        summary=summary,
    )


def sar(
    team: Team,
    *,
    name: str = "Robin Hill",
    summary: str = "My social care file",
    received_on: date = RECEIVED,
) -> Any:
    return SubjectAccessRequest.log(
        by=None,
        received_on=received_on,
        requester_name="Jo Hill",
        requester_role="parent",
        data_subject_name=name,
        care_leaver=False,
        records_sought=summary,
    )


def ombudsman(
    team: Team,
    *,
    name: str = "",
    summary: str = "Delay in an assessment",
    received_on: date = RECEIVED,
) -> Any:
    return OmbudsmanCase.log(
        by=None,
        enquiry_received_on=received_on,
        reply_due_on=None,
        ombudsman_reference=f"24 {OmbudsmanCase.objects.count():03} 345",
        area="children",
        team=team,
        summary=f"{name} {summary}".strip(),
    )


def enquiry(
    team: Team,
    *,
    name: str = "Cllr Patel",
    summary: str = "Asked for a resident",
    received_on: date = RECEIVED,
) -> Any:
    return Enquiry.log(
        by=None,
        received_on=received_on,
        member_kind="councillor",
        member_name=name,
        team=team,
        summary=summary,
    )


def compliment(
    team: Team, *, name: str = "", summary: str = "Thanks to the team", received_on: date = RECEIVED
) -> Any:
    return Compliment.log(
        by=None,
        received_on=received_on,
        team=team,
        giver="parent",
        summary=summary,
        quote=name,
        consent_to_publish=False,
    )


MAKERS: dict[str, Callable[..., Any]] = {
    "complaint": complaint,
    "informal": informal,
    "sar": sar,
    "ombudsman": ombudsman,
    "enquiry": enquiry,
    "compliment": compliment,
}


def make(kind: str, team: Team, **text: Any) -> Any:
    """A case of `kind` for `team`; `name` goes where the kind keeps a name (in the summary of
    an Ombudsman case, in the quote of a compliment, which keep none)."""
    return MAKERS[kind](team, **text)
