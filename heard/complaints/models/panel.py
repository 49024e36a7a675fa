"""The Stage 3 review panel's recommendations, and the council's response to each
(regulation 20: the council says within 15 working days of the panel's report what it will
do about each recommendation)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Max

from heard.complaints.models.outcomes import Element
from heard.complaints.models.stage import Stage
from heard.complaints.models.steps import step
from heard.core.dates import not_before, require_date
from heard.core.errors import RuleViolation

if TYPE_CHECKING:
    from heard.accounts.models import User


class PanelResponse(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    ACCEPTED_IN_PART = "accepted_in_part", "Accepted in part"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class Recommendation(models.Model):
    """One recommendation of the review panel, numbered within its stage, and the council's
    response to it once given."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    #: The point of complaint it is about, if it is about one.
    element = models.ForeignKey(
        Element, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField("the panel's recommendation")
    response = models.CharField(max_length=20, choices=PanelResponse.choices, blank=True)
    #: Why the council accepted it in part or not at all, or how it will carry it out.
    reasons = models.TextField(blank=True)
    #: What the council will do (it may become a remedy or a learning action on the case).
    action = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["stage", "number"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "number"], name="recommendation_number"),
            models.CheckConstraint(
                condition=models.Q(response="", responded_on__isnull=True)
                | (~models.Q(response="") & models.Q(responded_on__isnull=False)),
                name="recommendation_response_with_its_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"

    @classmethod
    def make(
        cls, stage: Stage, *, by: User | None, text: str, element: Element | None = None
    ) -> Recommendation:
        """Record one of the panel's recommendations (once the panel has met)."""
        if not text.strip():
            raise RuleViolation("Enter the panel's recommendation", field="text")
        with step(
            "record_recommendation", stage, by=by, on=None, details={"text": text[:200]}
        ) as locked:
            if element is not None and element.complaint_id != locked.complaint_id:
                raise RuleViolation("That point belongs to another complaint", field="element")
            last = locked.recommendations.aggregate(n=Max("number"))["n"] or 0
            return cls.objects.create(
                stage=locked, number=last + 1, element=element, text=text.strip()
            )

    def answer(
        self, *, by: User | None, response: str, reasons: str, action: str, on: date
    ) -> None:
        """The council's response to this recommendation, once the panel's report is in: a
        response not accepting it in full gives the reason."""
        if response not in PanelResponse.values:
            raise RuleViolation("Choose the council's response", field="response")
        if response != PanelResponse.ACCEPTED and not reasons.strip():
            raise RuleViolation(
                "Give the reason the recommendation is not accepted in full", field="reasons"
            )
        with step(
            "answer_recommendation",
            self.stage,
            by=by,
            on=on,
            details={"recommendation": self.number, "response": response},
        ) as stage:
            require_date(on, label="response", field="responded_on")
            assert stage.panel_report_sent_on is not None
            not_before(
                on,
                stage.panel_report_sent_on,
                label="response",
                what="the date of the panel's report",
                field="responded_on",
            )
            mine = stage.recommendations.select_for_update().get(pk=self.pk)
            if mine.response:
                raise RuleViolation(
                    f"Recommendation {mine.number} has its response already", field="recommendation"
                )
            mine.response, mine.reasons, mine.action = response, reasons.strip(), action.strip()
            mine.responded_on = on
            mine.save()
        self.refresh_from_db()
