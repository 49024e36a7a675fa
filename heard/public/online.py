"""The forms the public can fill in online, each a journey of question pages that ends by
creating one record: a complaint (in adults' words or in children's), a compliment, or a
request for someone's records. The views (heard.public.views) serve any of them alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from heard.public.journey import Answers, Journey


@dataclass(frozen=True)
class OnlineForm:
    #: The URL namespace its pages are named in ("public" or "public:young", ...).
    namespace: str
    journey: Journey
    #: Creates the record from the checked answers, all of it or none (one transaction).
    send: Callable[[Answers], Any]
    #: What is sent, in the person's words: "complaint", "compliment", "request".
    what: str
    #: Its start page's template, and the "What happens next" part of the confirmation.
    start_template: str
    next_template: str
    #: After the record is saved: queue its messages (given the request and the record).
    after_send: Callable[[HttpRequest, Any], None] | None = None
    #: The wording of "Check your answers": its heading, the heading and paragraphs above the
    #: button, and the button.
    check_title: str = ""
    send_heading: str = ""
    declaration: tuple[str, ...] = ()
    send_button: str = ""
    #: The confirmation panel's heading.
    sent_title: str = ""
    #: Whether the record has a tracking link to show on the confirmation.
    tracked: bool = False

    def url_name(self, name: str) -> str:
        return f"{self.namespace}:{name}"

    @property
    def sent_key(self) -> str:
        """The session key for the reference just sent, for the confirmation page."""
        return f"{self.journey.key}-sent"
