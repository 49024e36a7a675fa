"""Equality monitoring figures: each question, for complainants and for the children the
complaints are about, over the complaints received in the period (DOMAIN.md section 5)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import models
from django.db.models import (
    Count,
    Q,
)

from heard.complaints.models import Complaint
from heard.core.equality import AgeBand, Disability, Ethnicity, Gender, ethnic_group
from heard.reporting.figures.base import Breakdown, between
from heard.reporting.figures.filters import complaint_filters
from heard.reporting.periods import Period
from heard.reporting.stats import Rate


@dataclass(frozen=True)
class EqualityFigures:
    answered: int
    total: int
    completeness: Rate
    declined: int
    groups: dict[str, Breakdown]


EQUALITY_QUESTIONS: dict[str, type[models.TextChoices]] = {
    "ethnicity": Ethnicity,
    "gender": Gender,
    "age_band": AgeBand,
    "disability": Disability,
}


def equality_figures(procedure: str, period: Period, received: int) -> dict[str, EqualityFigures]:
    """Each equality question for complainants and for children, of the `received`
    complaints received in the period: one query for each."""
    in_period = complaint_filters(period)["received"]
    questions = list(EQUALITY_QUESTIONS)
    # Complainants: one per complaint, counted by their answers (one group for each
    # combination of answers given).
    complainant: Counter[str] = Counter(total=received)
    for row in (
        Complaint.objects.filter(in_period, procedure=procedure)
        .order_by()
        .values(*(f"complainant__{q}" for q in questions))
        .annotate(n=Count("*"))
    ):
        for q in questions:
            complainant[f"{q}.{row[f'complainant__{q}']}"] += row["n"]
    # Children: each child a complaint is about counts once, and a complaint about no child
    # once, unanswered. Read from the children recorded, which a complaint may have none of.
    pairs = Complaint.children.through.objects.filter(
        between("complaint__received_on", period), complaint__procedure=procedure
    ).aggregate(
        pairs=Count("*"),
        complaints=Count("complaint", distinct=True),
        **{
            f"{q}.{answer}": Count("complaint", filter=Q(**{f"child__{q}": answer}))
            for q, choices in EQUALITY_QUESTIONS.items()
            for answer in choices.values
        },
    )
    child = Counter(pairs)
    child["total"] = received - pairs["complaints"] + pairs["pairs"]
    out: dict[str, EqualityFigures] = {}
    for person, counts in (("complainant", complainant), ("child", child)):
        for question, choices in EQUALITY_QUESTIONS.items():
            tally: dict[str, int] = {}
            for answer in choices.values:
                key = answer
                if question == "ethnicity":
                    group = ethnic_group(answer)
                    key = group.value if group else answer
                tally[key] = tally.get(key, 0) + counts[f"{question}.{answer}"]
            total = counts["total"]
            unanswered = total - sum(tally.values()) + tally.pop(Ethnicity.NOT_KNOWN.value, 0)
            declined = tally.pop("prefer_not_to_say", 0)
            out[f"{person}_{question}"] = EqualityFigures(
                answered=total - unanswered,
                total=total,
                completeness=Rate(total - unanswered - declined, total),
                declined=declined,
                groups={key: Breakdown(n) for key, n in sorted(tally.items()) if n},
            )
    return out
