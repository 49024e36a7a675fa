"""The people in a complaint: complainant, children, and the practitioners appointed."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from heard.complaints.choices import ContactMethod, LegalStatus
from heard.core.models import EqualityMonitoring


class Complainant(EqualityMonitoring):
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    preferred_contact = models.CharField(
        max_length=20, choices=ContactMethod.choices, default=ContactMethod.EMAIL
    )

    def __str__(self) -> str:
        return self.name


class Child(EqualityMonitoring):
    """A child or young person a complaint is about."""

    name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    record_number = models.CharField(
        "social care record number", max_length=40, blank=True, db_index=True
    )
    legal_status = models.CharField(
        max_length=40, choices=LegalStatus.choices, default=LegalStatus.NOT_KNOWN
    )

    class Meta:
        verbose_name_plural = "children"

    def __str__(self) -> str:
        return self.name


class Practitioner(models.Model):
    """Someone who can be appointed to a stage: a manager, an investigator, a panel member.

    Many are external contractors with no account, so a user link is optional. The same person
    is always the same row, which is how the rule that the Stage 2 independent person may not
    sit on the Stage 3 panel is checked.
    """

    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    is_external = models.BooleanField(default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practitioner",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
