"""The corporate annual report's self-assessment against the Local Government and Social Care
Ombudsman's Complaint Handling Code: for each area of the Code, whether the council meets it,
the evidence, and where it falls short with what it will do.

The areas start as the Code's, in Heard's own short words; the complaints manager rewords,
adds or answers them on screen (Reports → the corporate annual report → Self-assessment
against the Code), and the paper prints them as a table in its "code" part.
"""

from __future__ import annotations

from typing import Any

from django import forms

from heard.core.forms import GovukForm
from heard.reporting.document import Table, text

#: Whether the council meets an area of the Code.
MEETS = [("yes", "Yes"), ("partly", "Partly"), ("no", "No")]
MEETS_WORDS = dict(MEETS)

#: The Code's areas, each with what it asks in short.
AREAS = [
    "Definition of a complaint: the council uses the Code's definition, and tells a complaint "
    "from a request for a service",
    "Exclusions: a complaint is refused only for a reason the policy sets out, and the person "
    "is told why and what they can do next",
    "Accessibility and awareness: complaints can be made in several ways, reasonable "
    "adjustments are made, and the procedure is published",
    "Complaint handling staff: a person or team is responsible for complaints, with the "
    "authority and training to resolve them",
    "The complaint handling process: two stages, each acknowledged and answered within the "
    "Code's time limits, with any extension explained",
    "Putting things right: where something went wrong, the council apologises, puts it right "
    "and learns from it",
    "Self-assessment, reporting and compliance: this annual report, with the self-assessment, "
    "goes to the governing body and is published",
    "Scrutiny and oversight: a member of the governing body is responsible for complaints, "
    "and learning is reported and acted on",
]

#: Blank rows offered for areas of the council's own.
OWN_ROWS = 1
#: An answer's words, at most.
WORDS_LIMIT = 2_000


def starting_rows(saved: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows the screen shows: those saved, or the Code's areas unanswered; then a blank
    row for an area of the council's own."""
    rows = saved or [{"area": area, "meets": "", "evidence": "", "short": ""} for area in AREAS]
    return [*rows, *({"area": "", "meets": "", "evidence": "", "short": ""},) * OWN_ROWS]


class AreaForm(GovukForm):
    area = forms.CharField(
        label="Area of the Code",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "The area must be 500 characters or fewer"},
    )
    meets = forms.ChoiceField(
        label="Does the council meet it?",
        required=False,
        choices=[("", "Not answered yet"), *MEETS],
        error_messages={"invalid_choice": "Choose yes, partly or no"},
    )
    evidence = forms.CharField(
        label="Evidence",
        required=False,
        max_length=WORDS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"Evidence must be {WORDS_LIMIT:,} characters or fewer"},
    )
    short = forms.CharField(
        label="Where the council falls short, and what it will do",
        required=False,
        max_length=WORDS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"This must be {WORDS_LIMIT:,} characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answered = data.get("meets") or data.get("evidence") or data.get("short")
        if answered and not (data.get("area") or "").strip():
            self.add_error("area", "Enter the area of the Code, or clear its answers")
        if data.get("meets") in ("partly", "no") and not (data.get("short") or "").strip():
            self.add_error(
                "short", "Say where the council falls short of this area, and what it will do"
            )
        return data


AreaRows = forms.formset_factory(AreaForm, extra=0)


def saved_rows(cleaned: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The rows worth keeping: every one with an area."""
    return [
        {
            "area": row["area"].strip(),
            "meets": row.get("meets") or "",
            "evidence": (row.get("evidence") or "").strip(),
            "short": (row.get("short") or "").strip(),
        }
        for row in cleaned
        if row and (row.get("area") or "").strip()
    ]


def assessment_table(rows: list[dict[str, str]]) -> Table:
    """The self-assessment as the paper prints it."""
    table = Table(
        "code_assessment",
        "Self-assessment against the Complaint Handling Code",
        ["Area of the Code", "Meets it", "Evidence", "Where it falls short"],
    )
    for row in rows:
        table.rows.append(
            [
                text(row["area"]),
                text(MEETS_WORDS.get(row["meets"], "Not answered yet")),
                text(row["evidence"]),
                text(row["short"]),
            ]
        )
    return table
