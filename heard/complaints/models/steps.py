"""How every step on a case is carried out: checked, locked, stamped and recorded."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction

from heard.complaints import transitions
from heard.complaints.models.events import ComplaintEvent
from heard.core import clock

if TYPE_CHECKING:
    from heard.accounts.models import User
    from heard.complaints.models.stage import Stage


@contextmanager
def step(
    name: str,
    stage: Stage,
    *,
    by: User | None,
    on: date | None,
    reason: str = "",
    details: dict[str, Any] | None = None,
    as_of: date | None = None,
    complaint_fields: tuple[str, ...] = (),
) -> Iterator[Stage]:
    """Run one step of the transition table atomically.

    The complaint row is locked first, so two officers acting on one case are serialised, and
    the stage is re-read so the check is made against what is saved, not what a screen showed.
    The body makes the change (and may add to `details`); the stage is then saved with who
    changed it, and an event is appended in the same transaction. A step that records a fact
    about the complaint itself (a decision, the advocacy offer) names the fields it sets in
    `complaint_fields`, and they are saved with the complaint.
    """
    # The complaint imports this module; a step locks its complaint, the aggregate's root.
    from heard.complaints.models.complaint import Complaint

    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=stage.complaint_id)
        stage.refresh_from_db()
        stage.complaint = complaint
        transitions.check(name, stage, as_of or clock.today())
        yield stage
        target = transitions.TRANSITIONS[name].target
        if target is not None:
            stage.status = target
        stage.updated_by = by
        stage.version += 1
        stage.save()
        complaint.updated_by = by
        complaint.version += 1
        complaint.save(
            update_fields=[
                "updated_by",
                "version",
                "updated_at",
                "status",
                "current_stage",
                "closed_on",
                *complaint_fields,
            ]
        )
        ComplaintEvent.objects.create(
            complaint=complaint,
            stage=stage,
            action=name,
            actor=by,
            effective_on=on,
            reason=reason,
            details=details if details is not None else {},
        )
