"""Compliments: praise for a team, logged in under a minute (DOMAIN.md section 3)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from heard.core.access import TeamScopedQuerySet
from heard.core.errors import RuleViolation
from heard.core.models import ReferenceSequence

if TYPE_CHECKING:
    from heard.accounts.models import User


class Giver(models.TextChoices):
    """Who gave the compliment."""

    CHILD = "child", "A child or young person"
    PARENT = "parent", "A parent"
    CARER = "carer", "A carer"
    PROFESSIONAL = "professional", "A professional"
    OTHER = "other", "Someone else"


class ComplimentQuerySet(TeamScopedQuerySet["Compliment"]):
    """`visible_to(user)` is the rule in heard.core.access."""

    def received_between(self, first: date, last: date) -> ComplimentQuerySet:
        return self.filter(received_on__gte=first, received_on__lte=last)


class Compliment(models.Model):
    reference = models.CharField(max_length=20, unique=True, editable=False)
    received_on = models.DateField()
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="compliments")
    giver = models.CharField("who gave it", max_length=20, choices=Giver.choices)
    summary = models.CharField(max_length=300)
    quote = models.TextField("what they said", blank=True)
    #: They agreed that the quote may be published without their name.
    consent_to_publish = models.BooleanField("may be published anonymously", default=False)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    logged_at = models.DateTimeField(auto_now_add=True)
    #: The words a complaints manager approved for reports (`quote`, as received, is kept):
    #: a quote reaches a report only once approved (issue 19: a quote may name a child).
    published_quote = models.TextField("words approved for reports", blank=True)
    quote_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    quote_reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = ComplimentQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        # Reports count a period's compliments by team and by giver, and pick out the quotes
        # that may be published, from this index.
        indexes = [
            models.Index(
                fields=["received_on", "team", "giver", "consent_to_publish"],
                name="compliment_report_idx",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @classmethod
    def log(cls, *, by: User | None, received_on: date, **fields: object) -> Compliment:
        """Log a compliment with the next CMP reference for its year."""

        with transaction.atomic():
            return cls.objects.create(
                reference=ReferenceSequence.next_reference("CMP", received_on.year),
                received_on=received_on,
                logged_by=by,
                **fields,
            )

    #: What an officer may correct after logging.
    EDITABLE = ("received_on", "team", "giver", "summary", "quote", "consent_to_publish")

    def correct(self, *, by: User | None, **values: object) -> list[str]:
        """Correct what was logged; returns the names of the fields that changed. A quote
        whose words or permission change goes back for review before any report uses it."""
        unknown = set(values) - set(self.EDITABLE)
        if unknown:
            raise RuleViolation(f"These cannot be corrected: {', '.join(sorted(unknown))}")
        changed = [name for name, value in values.items() if getattr(self, name) != value]
        if not changed:
            return []
        for name in changed:
            setattr(self, name, values[name])
        if {"quote", "consent_to_publish"} & set(changed):
            self.published_quote, self.quote_reviewed_by, self.quote_reviewed_at = "", None, None
        self.save()
        return changed

    @property
    def quote_to_review(self) -> bool:
        """The giver agreed it may be published, and nobody has reviewed the words yet."""
        return bool(self.consent_to_publish and self.quote and self.quote_reviewed_at is None)

    def review_quote(self, *, by: User, words: str, publish: bool) -> None:
        """A complaints manager approves the words a report may quote (edited, if a name or
        anything else identifying must come out), or keeps the quote out of reports. The
        quote as received is kept; the change is in the audit trail."""
        if not self.consent_to_publish or not self.quote:
            raise RuleViolation(
                "Only a quote the giver agreed may be published can be approved", field="words"
            )
        words = words.strip()
        if publish and not words:
            raise RuleViolation("Enter the words the report may quote", field="words")
        self.published_quote = words if publish else ""
        self.quote_reviewed_by = by
        self.quote_reviewed_at = timezone.now()
        self.save(update_fields=["published_quote", "quote_reviewed_by", "quote_reviewed_at"])
