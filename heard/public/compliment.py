"""The public compliment form: who is thanking whom, for what, and whether the words may be
shared. Sending it logs a compliment (DOMAIN.md section 3) for the complaints team to file
under the right team."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db import transaction

from heard.compliments.models import Compliment, Giver
from heard.core import clock
from heard.core.forms import GovukForm
from heard.core.models import Team
from heard.public.complaint import summary_of
from heard.public.forms import RadiosForm
from heard.public.journey import Answers, Journey, Page
from heard.public.online import OnlineForm

#: Who is giving the compliment, as the public would put it.
GIVERS = [
    (Giver.CHILD, "I am a child or young person"),
    (Giver.PARENT, "A parent"),
    (Giver.CARER, "A carer, such as a foster carer"),
    (Giver.PROFESSIONAL, "Someone who works with children, families or adults"),
    (Giver.OTHER, "Someone else"),
]


class GiverForm(RadiosForm):
    giver = forms.ChoiceField(
        label="Who are you?",
        choices=GIVERS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who you are", "invalid_choice": "Select who you are"},
    )
    hints: dict[str, str] = {}


class ForWhomForm(GovukForm):
    for_whom = forms.CharField(
        label="Who would you like to thank?",
        max_length=200,
        help_text="The name of the person or team, if you know it, or the service",
        error_messages={"required": "Enter who you would like to thank"},
    )


class WordsForm(GovukForm):
    words = forms.CharField(
        label="What would you like to tell them?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter what you would like to tell them"},
    )


class ShareForm(RadiosForm):
    consent = forms.ChoiceField(
        label="Can we share what you said?",
        choices=[("yes", "Yes, you can share it without my name"), ("no", "No, do not share it")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if we can share what you said",
            "invalid_choice": "Select yes if we can share what you said",
        },
    )
    hints: dict[str, str] = {}


COMPLIMENT = Journey(
    key="public-compliment",
    pages=[
        Page("who", GiverForm, "Who are you?", short="Who you are"),
        Page("for-whom", ForWhomForm, "Who would you like to thank?", short="Who it is for"),
        Page("words", WordsForm, "What would you like to tell them?", short="What you said"),
        Page(
            "share",
            ShareForm,
            "Can we share what you said?",
            short="Sharing",
            intro=(
                "We pass every compliment on to the people it is for. With your agreement we "
                "may also quote it, without your name, in our reports and to our staff.",
            ),
        ),
    ],
)


def send_compliment(answers: Answers) -> Compliment:
    """Log the compliment, received today, under the team that sorts new online forms."""
    data = answers.cleaned()
    with transaction.atomic():
        return _log(data)


def _log(data: dict[str, Any]) -> Compliment:
    team, _ = Team.objects.get_or_create(name=settings.HEARD_PUBLIC_FORM_TEAM)
    return Compliment.log(
        by=None,
        received_on=clock.today(),
        team=team,
        giver=data["giver"],
        summary=summary_of(f"For {data['for_whom']}: {data['words']}"),
        quote=data["words"],
        consent_to_publish=data["consent"] == "yes",
    )


COMPLIMENT_FORM = OnlineForm(
    namespace="public:compliment",
    journey=COMPLIMENT,
    send=send_compliment,
    what="compliment",
    start_template="public/compliment/start.html",
    next_template="public/next/compliment.html",
    check_title="Check your answers before sending your compliment",
    send_heading="Now send your compliment",
    send_button="Send compliment",
    sent_title="Compliment sent",
)
