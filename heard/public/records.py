"""The public form to ask for someone's records (a subject access request): whose records,
who is asking and with what authority, what they want, how to reply, and proof of identity
(and of authority, for someone else's records), uploaded with the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction

from heard.core import clock
from heard.core.forms import DateInputField, GovukForm
from heard.public.forms import ContactDetailsForm, RadiosForm
from heard.public.journey import Answers, Journey, Page
from heard.public.models import PendingUpload
from heard.public.online import OnlineForm
from heard.public.uploads import FilesForm
from heard.sars.models import RequesterRole, SarDocument, SubjectAccessRequest


class WhoseForm(RadiosForm):
    whose = forms.ChoiceField(
        label="Whose records are you asking for?",
        choices=[("mine", "My own records"), ("theirs", "Someone else's records")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whose records you are asking for",
            "invalid_choice": "Select whose records you are asking for",
        },
    )
    hints = {"theirs": "For example, your child's, or those of someone who has asked you to help"}


class AuthorityForm(RadiosForm):
    requester_role = forms.ChoiceField(
        label="How can you act for them?",
        choices=[
            (RequesterRole.PARENT, "I am their parent, or have parental responsibility"),
            (RequesterRole.SOLICITOR, "I am their solicitor"),
            (RequesterRole.ADVOCATE, "I am their advocate"),
            (RequesterRole.OTHER, "They have asked me to act for them"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how you can act for them",
            "invalid_choice": "Select how you can act for them",
        },
    )
    hints: dict[str, str] = {}


class YouForm(GovukForm):
    requester_name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter your full name"}
    )
    born_on = DateInputField(
        what="you were born",
        label="Date of birth (optional)",
        required=False,
        help_text="It helps us find your records. For example, 27 3 1998",
    )
    care_leaver = forms.ChoiceField(
        label="Were you in care as a child?",
        choices=[
            ("", "Choose one"),
            ("yes", "Yes"),
            ("no", "No"),
            ("no_answer", "Prefer not to say"),
        ],
        error_messages={"required": "Select whether you were in care as a child"},
    )


class YouForSomeoneForm(GovukForm):
    requester_name = forms.CharField(
        label="Your full name", max_length=200, error_messages={"required": "Enter your full name"}
    )


class SubjectForm(GovukForm):
    data_subject_name = forms.CharField(
        label="Their full name",
        max_length=200,
        error_messages={"required": "Enter the full name of the person the records are about"},
    )
    born_on = DateInputField(
        what="they were born",
        label="Their date of birth (optional)",
        required=False,
        help_text="It helps us find their records. For example, 27 3 2012",
    )


class RecordsForm(GovukForm):
    records_sought = forms.CharField(
        label="What records would you like?",
        widget=forms.Textarea,
        max_length=4000,
        help_text=(
            "For example, the social care file from when you were in care, from 2005 to 2012. "
            "The more you tell us, the sooner we can find them."
        ),
        error_messages={"required": "Enter what records you would like"},
    )


class IdentityForm(FilesForm):
    needed = "Select a copy of your proof of identity"
    hint = "You can choose more than one file, such as a photo of each document."


class ProofOfAuthorityForm(FilesForm):
    needed = "Select a copy of your proof that you can act for them"
    hint = "You can choose more than one file."


def mine(answers: Answers) -> bool:
    return answers.get("whose", "whose") == "mine"


def theirs(answers: Answers) -> bool:
    return answers.get("whose", "whose") == "theirs"


RECORDS = Journey(
    key="public-records",
    pages=[
        Page("whose", WhoseForm, "Whose records are you asking for?", short="Whose records"),
        Page(
            "authority",
            AuthorityForm,
            "How can you act for them?",
            applies=theirs,
            short="Acting for them",
        ),
        Page("you", YouForm, "About you", applies=mine, short="About you"),
        Page("your-name", YouForSomeoneForm, "About you", applies=theirs, short="About you"),
        Page(
            "them",
            SubjectForm,
            "The person whose records you want",
            applies=theirs,
            short="Whose records",
        ),
        Page("records", RecordsForm, "What records would you like?", short="Records"),
        Page("contact", ContactDetailsForm, "How should we reply?", short="How to reply"),
        Page(
            "identity",
            IdentityForm,
            "Proof of your identity",
            short="Proof of identity",
            intro=(
                "We can only send records to the person they are about, or to someone who can "
                "act for them. Add a copy of one document with your photo, such as a passport "
                "or driving licence, and one with your address from the last 3 months, such as "
                "a bill or bank statement.",
            ),
        ),
        Page(
            "proof-of-authority",
            ProofOfAuthorityForm,
            "Proof that you can act for them",
            applies=theirs,
            short="Proof of authority",
            intro=(
                "Add a copy of their signed agreement for you to ask, or of a court order. A "
                "parent can add the child's birth certificate instead, or another document "
                "that shows they have parental responsibility.",
            ),
        ),
    ],
)


def send_request(answers: Answers) -> SubjectAccessRequest:
    """Log the request, received today. Its clock starts once an officer has checked the
    proof sent with it and recorded the dates."""
    data = answers.cleaned()
    with transaction.atomic():
        return _log(data, answers)


def _log(data: dict[str, Any], answers: Answers) -> SubjectAccessRequest:
    own = data["whose"] == "mine"
    request = SubjectAccessRequest.log(
        by=None,
        received_on=clock.today(),
        requester_name=data["requester_name"],
        requester_role=RequesterRole.SELF if own else data["requester_role"],
        requester_email=data["email"],
        requester_phone=data["phone"],
        requester_address=data["address"],
        data_subject_name=data["requester_name"] if own else data["data_subject_name"],
        data_subject_born_on=data.get("born_on"),
        care_leaver=own and data["care_leaver"] == "yes",
        records_sought=data["records_sought"],
    )
    proofs = [("identity", SarDocument.Kind.IDENTITY)]
    if not own:
        proofs.append(("proof-of-authority", SarDocument.Kind.AUTHORITY))
    for slug, kind in proofs:
        for upload in _uploads(answers, slug):
            with upload.file.open("rb") as content:
                SarDocument.attach(
                    request,
                    kind=kind,
                    filename=upload.filename,
                    content=content,
                    content_type=upload.content_type,
                )
            transaction.on_commit(upload.discard)
    return request


def _uploads(answers: Answers, slug: str) -> list[PendingUpload]:
    uploads: list[PendingUpload] = answers.get(slug, "uploads", [])
    return uploads


RECORDS_FORM = OnlineForm(
    namespace="public:records",
    journey=RECORDS,
    send=send_request,
    what="request",
    start_template="public/records/start.html",
    next_template="public/next/records.html",
    check_title="Check your answers before sending your request",
    send_heading="Now send your request",
    declaration=(
        "By sending this request you confirm that the details you are providing are correct, "
        "and that you are the person the records are about or can act for them.",
    ),
    send_button="Send request",
    sent_title="Request sent",
)
