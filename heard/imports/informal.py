"""A complaints log's informal (pre-complaint) rows: a stage written `informal`, `0`,
`pre-complaint` or `early resolution` (docs/import.md).

Under the reference of a complaint with a Stage 1, the informal row is that complaint's
informal stage, taken to Stage 1 (it ends the day its own row says, or the day Stage 1 was
received). Under a reference of its own, it is an informal complaint that was resolved,
withdrawn, or is open still. Either way it keeps its own dates.
"""

from __future__ import annotations

from typing import Any

from django.db.models.functions import Lower

from heard.complaints.models import Complaint, InformalComplaint, InformalEvent, InformalStatus
from heard.complaints.models.informal import informal_target
from heard.imports import cells
from heard.imports.cells import Choices
from heard.imports.vocabulary import OPEN, StageRow
from heard.imports.writing import held_teams
from heard.workdays import add_working_days

#: The stage number an informal row reads as.
INFORMAL = 0

#: How an informal row says it ended (the `outcome` column).
INFORMAL_OUTCOMES = Choices(
    "how an informal complaint ended",
    [
        (InformalStatus.RESOLVED, "Resolved"),
        (InformalStatus.WITHDRAWN, "Withdrawn"),
        (InformalStatus.ESCALATED, "Taken to Stage 1"),
        (OPEN, "Open"),
    ],
    {
        "resolved informally": InformalStatus.RESOLVED,
        "closed": InformalStatus.RESOLVED,
        "responded": InformalStatus.RESOLVED,
        "upheld": InformalStatus.RESOLVED,
        "partially upheld": InformalStatus.RESOLVED,
        "partly upheld": InformalStatus.RESOLVED,
        "not upheld": InformalStatus.RESOLVED,
        "no finding": InformalStatus.RESOLVED,
        "adr": InformalStatus.RESOLVED,
        "escalated": InformalStatus.ESCALATED,
        "escalated to stage 1": InformalStatus.ESCALATED,
        "stage 1": InformalStatus.ESCALATED,
        "formal": InformalStatus.ESCALATED,
        "in progress": OPEN,
    },
    vocabulary="informal_outcome",
)


def status_of(row: StageRow, escalated: bool) -> str:
    """Taken to Stage 1 when the log has its Stage 1, otherwise as the row says."""
    return InformalStatus.ESCALATED if escalated else row.route


def informal_held(references: list[str]) -> set[str]:
    """The informal complaints already held under these references (exactly)."""
    found: set[str] = set()
    for start in range(0, len(references), 900):
        chunk = [r.casefold() for r in references[start : start + 900]]
        found |= set(
            InformalComplaint.objects.annotate(key=Lower("reference"))
            .filter(key__in=chunk)
            .values_list("reference", flat=True)
        )
    return found


def write_informal(rows: dict[str, StageRow], stage1: dict[str, StageRow], source: str) -> int:
    """Create the informal complaints; each taken to Stage 1 is linked to its complaint
    (written first). Returns how many."""
    if not rows:
        return 0
    services = {row.complaint["team"]: row.complaint["procedure"] for row in rows.values()}
    areas = {
        cells.key(row.complaint["team"]): row.complaint["service_area"]
        for row in rows.values()
        if row.complaint["service_area"]
    }
    teams, _ = held_teams(services, areas)
    complaints = dict(
        Complaint.objects.filter(reference__in=[r for r in rows if r in stage1]).values_list(
            "reference", "pk"
        )
    )
    made = []
    for reference, row in rows.items():
        c = row.complaint
        escalated = reference in stage1
        target = informal_target(c["procedure"])
        ended = row.ended or (stage1[reference].received if escalated else None)
        made.append(
            InformalComplaint(
                reference=reference,
                procedure=c["procedure"],
                status=status_of(row, escalated),
                received_on=row.received,
                complainant_name=c["complainant"],
                team=teams[cells.key(c["team"])],
                summary=c["summary"],
                ended_on=ended,
                complaint_id=complaints.get(reference),
                target_days=target,
                due_on=add_working_days(row.received, target) if target else None,
            )
        )
    written = InformalComplaint.objects.bulk_create(made)
    InformalEvent.objects.bulk_create(
        InformalEvent(
            case=informal,
            action="import",
            effective_on=informal.received_on,
            details={"file": source, "row": rows[informal.reference].row},
        )
        for informal in written
    )
    return len(written)


def informal_fields(complaint: dict[str, Any]) -> dict[str, Any]:
    """What an informal complaint keeps of the complaint columns of its row."""
    keep = ("procedure", "team", "service_area", "complainant", "summary")
    return {name: complaint[name] for name in keep}
