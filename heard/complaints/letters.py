"""Standard letters: a template's wording, filled in from the case, as a Word document."""

from __future__ import annotations

import io

import docx
from django.conf import settings
from docx.shared import Pt

from heard.accounts.models import User
from heard.complaints.choices import Decision
from heard.complaints.models import (
    Complaint,
    Document,
    Element,
    ElementFinding,
    LetterTemplate,
    Recommendation,
    Stage,
)
from heard.complaints.models.documents import PLACEHOLDER
from heard.core import clock
from heard.core.dates import long_date
from heard.core.errors import RuleViolation
from heard.core.filetypes import DOCX
from heard.core.text import printable


def _finding(element: Element, finding: ElementFinding | None) -> str:
    """One point in a response letter: the point, its finding, and its reasons and any
    action promised, each on its own line."""
    if finding is None:
        return f"{element.number}. {element.description}: no finding yet"
    lines = [f"{element.number}. {element.description}: {finding.get_finding_display()}"]
    if finding.reasons.strip():
        lines.append(f"Reasons: {finding.reasons.strip()}")
    if finding.action.strip():
        lines.append(f"What we will do: {finding.action.strip()}")
    return "\n".join(lines)


def _recommendation(recommendation: Recommendation) -> str:
    """One of the panel's recommendations in the Stage 3 response: what the panel said, the
    council's response, its reasons and what it will do."""
    lines = [f"{recommendation.number}. {recommendation.text}"]
    if recommendation.response:
        lines.append(f"Our response: {recommendation.get_response_display()}")
    else:
        lines.append("Our response: not decided yet")
    if recommendation.reasons:
        lines.append(f"Reasons: {recommendation.reasons}")
    if recommendation.action:
        lines.append(f"What we will do: {recommendation.action}")
    return "\n".join(lines)


def values_for(complaint: Complaint, stage: Stage) -> dict[str, str]:
    """What each placeholder says for this case and stage."""
    due = stage.response_due
    officer = complaint.assigned_officer
    found = {finding.element_id: finding for finding in stage.findings.all()}
    findings = [_finding(element, found.get(element.pk)) for element in complaint.elements.all()]
    refused = [
        reason
        for decision, reason in (
            (complaint.sufficient_interest_decision, complaint.sufficient_interest_reason),
            (complaint.out_of_time_decision, complaint.out_of_time_reason),
        )
        if decision == Decision.REFUSED
    ]
    return {
        "reference": complaint.reference,
        "today": long_date(clock.today()),
        "organisation": settings.HEARD_ORGANISATION_NAME,
        "complainant_name": complaint.complainant.name,
        "complainant_address": complaint.complainant.address,
        "child_names": ", ".join(child.name for child in complaint.children.all()),
        "received_on": long_date(complaint.received_on),
        "summary": complaint.summary,
        "points": "\n".join(
            f"{element.number}. {element.description}" for element in complaint.elements.all()
        ),
        "findings": "\n".join(findings),
        "decision_reason": refused[0] if refused else "",
        "stage_started_on": long_date(stage.started_on),
        "response_due": long_date(due) if due else "",
        "panel_due": long_date(stage.panel_due) if stage.panel_due else "",
        "recommendations": "\n".join(map(_recommendation, stage.recommendations.all())),
        "officer_name": (officer.get_full_name() or officer.username) if officer else "",
    }


def fill(body: str, values: dict[str, str]) -> str:
    """The body with each {placeholder} replaced; anything else is left exactly as written,
    less any control character (which a Word document cannot hold)."""
    filled = PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), body)
    return printable(filled)


def render_docx(text: str, *, complaint: Complaint) -> bytes:
    """A plain, accessible Word letter: the organisation, the date and reference, the body."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(12)
    document.core_properties.title = complaint.reference
    document.core_properties.author = settings.HEARD_ORGANISATION_NAME
    document.add_heading(settings.HEARD_ORGANISATION_NAME, level=1)
    today = long_date(clock.today())
    document.add_paragraph(f"Our reference: {complaint.reference}\nDate: {today}")
    address = printable(
        "\n".join(
            line for line in [complaint.complainant.name, complaint.complainant.address] if line
        )
    )
    document.add_paragraph(address)
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if block.strip():
            document.add_paragraph(block.strip("\n"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def create_letter(complaint: Complaint, template: LetterTemplate, *, by: User) -> Document:
    """Fill in the template for the case and keep the letter among its documents."""
    stage = next((s for s in complaint.stages.all() if s.number == template.stage_number), None)
    if stage is None:
        raise RuleViolation(
            f"The {template} letter is for Stage {template.stage_number}, "
            f"which this complaint has not reached"
        )
    if not template.applies_to(complaint, {s.number for s in complaint.stages.all()}):
        raise RuleViolation(
            f"The {template} letter is only for a complaint refused by that decision"
        )
    text = fill(template.body, values_for(complaint, stage))
    return Document.attach(
        complaint,
        by=by,
        stage=stage,
        title=f"{template} letter",
        filename=template.filename(complaint.reference),
        content=io.BytesIO(render_docx(text, complaint=complaint)),
        content_type=DOCX,
        letter=template.kind,
    )
