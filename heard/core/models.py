"""Things shared by every kind of case: teams, references and equality monitoring."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower, Now

from heard.core.counters import increment
from heard.core.equality import AgeBand, Disability, Ethnicity, Gender


class Service(models.TextChoices):
    """The part of the council a team belongs to, which decides whose annual report counts its
    compliments and enquiries. The values are the complaints procedures' (heard.complaints.
    choices.Procedure), so a procedure's report reads its own service's records."""

    CHILDREN = "children", "Children's social care"
    ADULTS = "adults", "Adult social care"
    CORPORATE = "corporate", "Other council services"


class Team(models.Model):
    """A team or service area that cases are about (a configurable list)."""

    name = models.CharField(max_length=120)
    active = models.BooleanField(default=True, help_text="Inactive teams stay on old cases.")
    service = models.CharField(max_length=20, choices=Service.choices, default=Service.CHILDREN)
    #: The directorate or service area the team sits in, as the council names it: figures
    #: are broken down by it as well as by team ("" when not recorded).
    service_area = models.CharField(max_length=120, blank=True, db_default="", default="")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="team_name_unique_ci")]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def areas_as_held(areas: list[str]) -> dict[str, str]:
        """Each service area as Heard already spells it, ignoring capitals and spacing
        ("early  Help" is "Early help" if a team is in it), so one area is never counted as
        two; an area Heard does not have yet keeps its own spelling, spaces tidied."""
        held = {
            " ".join(area.casefold().split()): area
            for area in Team.objects.exclude(service_area="")
            .values_list("service_area", flat=True)
            .distinct()
        }
        out = {}
        for area in areas:
            tidy = " ".join(area.split())
            out[area] = held.setdefault(tidy.casefold(), tidy)
        return out


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


class ReferenceSequence(models.Model):
    """The last number issued for a reference prefix and year, e.g. CSC-2026-00042."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["prefix", "year"], name="core_reference_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"

    @classmethod
    def next_reference(cls, prefix: str, year: int) -> str:
        last = increment(cls, {"prefix": prefix, "year": year}, "last")
        return f"{prefix}-{year}-{last:05d}"


class RateCount(models.Model):
    """How many times one key (such as "a complaint sent from this IP address") has acted in
    one fixed window of time; heard.core.ratelimit counts and checks it. Kept in the database,
    so every web server process shares the same counts with no cache server to run."""

    key = models.CharField(max_length=200)
    #: The window's number: seconds since the epoch, divided by the window's length.
    period = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint("key", "period", name="ratecount_once_per_period")]
        indexes = [models.Index("period", name="ratecount_period_idx")]

    def __str__(self) -> str:
        return f"{self.key}: {self.count} in period {self.period}"


class OneTimeClaim(models.Model):
    """A key that only one request may claim (such as "these answers have been sent"), and
    what that request made of it, for the requests that claim it after to show;
    heard.core.ratelimit claims and reads it. Kept apart from the rate counts: the sweep of
    their ended windows must never release a claim."""

    key = models.CharField(max_length=200, unique=True)
    #: How many requests have claimed it. The first, alone, acts on it.
    count = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(db_default=Now(), db_index=True)
    #: What the first request made of it (the reference it was given), kept in the same
    #: transaction, so a request that waited for the claim finds it there.
    outcome = models.JSONField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.key}: claimed {self.count} times"
