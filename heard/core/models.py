"""Things shared by every kind of case: teams and equality monitoring."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from heard.core.equality import AgeBand, Disability, Ethnicity, Gender


class Team(models.Model):
    """A team or service area that cases are about (a configurable list)."""

    name = models.CharField(max_length=120)
    active = models.BooleanField(default=True, help_text="Inactive teams stay on old cases.")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="team_name_unique_ci")]

    def __str__(self) -> str:
        return self.name


class EqualityMonitoring(models.Model):
    """Optional equality answers (DOMAIN.md section 4).

    Blank means the question was not answered; "prefer not to say" is an answer. Reports need
    the difference to show how complete the data is.
    """

    ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices, blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, blank=True)
    disability = models.CharField(max_length=20, choices=Disability.choices, blank=True)

    class Meta:
        abstract = True


class Stamped(models.Model):
    """Who changed a record last, when, and a version that rises with every change.

    The version lets a screen tell that someone else saved the record first.
    """

    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
