"""The complaint form for children and young people: the same complaint as the adults' form
(children's social care, made by the child), asked in plain words for a reading age of about
9, with the offer of an advocate made clear. A test checks each page's reading ease."""

from __future__ import annotations

from django import forms

from heard.complaints.choices import ContactMethod, Procedure, Relationship
from heard.core.forms import GovukForm
from heard.public.complaint import queue_messages, send_complaint
from heard.public.forms import AdvocateForm, ContactDetailsForm, EqualityForm
from heard.public.journey import Journey, Page
from heard.public.online import OnlineForm
from heard.public.uploads import FilesForm


class NameForm(GovukForm):
    name = forms.CharField(
        label="What is your name?",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text="Your first name and last name",
        error_messages={"required": "Tell us your name"},
    )


class WhatWentWrongForm(GovukForm):
    what_happened = forms.CharField(
        label="What has gone wrong?",
        widget=forms.Textarea,
        max_length=10000,
        help_text="Tell us what happened. You can say when it was and who was there.",
        error_messages={
            "required": "Tell us what has gone wrong",
            "max_length": "That is too long. Please make it shorter.",
        },
    )


class OthersForm(GovukForm):
    other_children = forms.CharField(
        label="Is it about your brothers or sisters too?",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        help_text="Write each name on a new line. You can leave this empty.",
    )


class BetterForm(GovukForm):
    wanted = forms.CharField(
        label="What would make things better?",
        widget=forms.Textarea,
        max_length=5000,
        help_text="You might want someone to say sorry, or you might want something to change.",
        error_messages={
            "required": "Tell us what would make things better",
            "max_length": "That is too long. Please make it shorter.",
        },
    )


class HelperForm(AdvocateForm):
    advocate = forms.ChoiceField(
        label="Would you like an advocate to help you?",
        choices=[("yes", "Yes, please"), ("no", "No, thank you"), ("not_sure", "I am not sure")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose yes if you want an advocate",
            "invalid_choice": "Choose yes if you want an advocate",
        },
    )


class GetInTouchForm(ContactDetailsForm):
    email = forms.EmailField(
        label="Email (optional)",
        required=False,
        max_length=254,
        help_text="We will send you a link to see what is going on",
        error_messages={"invalid": "Check your email. It should look like name@example.com"},
    )
    phone = forms.CharField(label="Phone number (optional)", required=False, max_length=40)
    address = forms.CharField(
        label="Home address (optional)", required=False, widget=forms.Textarea, max_length=1000
    )
    preferred_contact = forms.ChoiceField(
        label="How should we get in touch?",
        choices=[
            ("", "Pick one"),
            (ContactMethod.EMAIL, "Email"),
            (ContactMethod.PHONE, "Phone call"),
            (ContactMethod.TEXT, "Text"),
            (ContactMethod.LETTER, "Letter"),
        ],
        error_messages={"required": "Pick how we should get in touch"},
    )
    needs = {
        ContactMethod.EMAIL: ("email", "Tell us your email, or pick another way"),
        ContactMethod.PHONE: ("phone", "Tell us your phone number, or pick another way"),
        ContactMethod.TEXT: ("phone", "Tell us your phone number, or pick another way"),
        ContactMethod.LETTER: ("address", "Tell us your address, or pick another way"),
    }


class ShowUsForm(FilesForm):
    hint = "You can pick more than one."


class AboutYouForm(EqualityForm):
    """The same optional questions as the adults' form, each one free to skip."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ethnicity"].label = "What is your ethnic group? (optional)"
        self.fields["gender"].label = "What is your gender? (optional)"
        self.fields["age_band"].label = "How old are you? (optional)"
        self.fields["disability"].label = "Do you have a disability? (optional)"
        for field in self.fields.values():
            field.choices = [("", "Skip this"), *field.choices[1:]]  # type: ignore[attr-defined]


YOUNG_PEOPLE = Journey(
    key="public-young",
    fixed={"procedure": Procedure.CHILDREN, "relationship": Relationship.CHILD},
    pages=[
        Page("name", NameForm, "What is your name?", short="Your name"),
        Page("what-happened", WhatWentWrongForm, "What has gone wrong?", short="What went wrong"),
        Page(
            "others",
            OthersForm,
            "Is it about your brothers or sisters too?",
            short="Brothers or sisters",
        ),
        Page("wanted", BetterForm, "What would make things better?", short="What would help"),
        Page(
            "advocate",
            HelperForm,
            "Would you like an advocate to help you?",
            short="An advocate",
            intro=(
                "An advocate is a grown-up who is on your side. They help you tell us what you "
                "think and what you want.",
                "They do not work for social care. It does not cost you anything.",
                "If you say yes, we will ask an advocate to get in touch with you.",
            ),
        ),
        Page("contact", GetInTouchForm, "How can we get in touch?", short="Getting in touch"),
        Page(
            "about-you",
            AboutYouForm,
            "About you (you can skip this)",
            short="About you",
            intro=(
                "You do not have to answer these. They help us check that we are fair to everyone.",
            ),
        ),
        Page(
            "files",
            ShowUsForm,
            "Do you want to send us anything? (you can skip this)",
            short="Things you sent",
            intro=(
                "You can add a photo, a letter or a message that helps show what went "
                "wrong. You do not have to.",
            ),
        ),
    ],
)

YOUNG_PEOPLE_FORM = OnlineForm(
    namespace="public:young",
    journey=YOUNG_PEOPLE,
    send=send_complaint,
    what="complaint",
    start_template="public/young/start.html",
    next_template="public/next/young.html",
    after_send=queue_messages,
    check_title="Check what you have told us",
    send_heading="Send it to us",
    declaration=("Please check it is all true. Then press the button to send it to us.",),
    send_button="Send",
    sent_title="We have got your complaint",
    tracked=True,
)
