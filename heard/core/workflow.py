"""The transition table of a light case type (enquiry, subject access request, Ombudsman case).

A case type lists its steps once: the statuses each may be taken from, the status it leaves,
and any further conditions. `Workflow.step` carries a step out: the case row is locked and
re-read, the table is checked against what is saved (not what a screen showed), the body
makes the change, the status moves, and an event is appended in the same transaction. The
screens offer exactly `Workflow.available(case)`.

The children's procedure has its own table (heard.complaints.transitions) because its steps
also depend on the stage number; both raise the same TransitionNotAllowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db import models, transaction

from heard.core.errors import TransitionNotAllowed

if TYPE_CHECKING:
    from heard.accounts.models import User

C = TypeVar("C", bound=models.Model)


@dataclass(frozen=True)
class Step(Generic[C]):
    name: str
    #: The button or link that starts it.
    label: str
    #: How it reads on the timeline once taken.
    done: str
    sources: frozenset[str]
    target: str | None = None
    #: Each returns why the step is not allowed now, or None.
    guards: tuple[Callable[[C], str | None], ...] = field(default=())
    #: What to say when the case's status does not allow it (a generic sentence if empty).
    refusal: str = ""


class Workflow(Generic[C]):
    def __init__(self, *steps: Step[C], status_field: str = "status") -> None:
        self.steps = {s.name: s for s in steps}
        self.status_field = status_field

    def __getitem__(self, name: str) -> Step[C]:
        return self.steps[name]

    def labels(self) -> dict[str, str]:
        """Timeline labels for the event model."""
        return {name: s.done for name, s in self.steps.items()}

    def why_not(self, name: str, case: C) -> str | None:
        step = self.steps.get(name)
        if step is None:
            return "There is no such step"
        status = getattr(case, self.status_field)
        if status not in step.sources:
            if step.refusal:
                return step.refusal
            label = case._meta.get_field(self.status_field).flatchoices  # type: ignore[union-attr]
            shown = dict(label).get(status, status)
            return f"This cannot be done while the case is {str(shown).lower()}"
        for guard in step.guards:
            reason = guard(case)
            if reason:
                return reason
        return None

    def check(self, name: str, case: C) -> None:
        reason = self.why_not(name, case)
        if reason:
            raise TransitionNotAllowed(reason)

    def available(self, case: C) -> list[Step[C]]:
        return [s for name, s in self.steps.items() if self.why_not(name, case) is None]

    @contextmanager
    def step(
        self,
        name: str,
        case: C,
        *,
        by: User | None,
        on: date | None,
        reason: str = "",
        details: dict[str, Any] | None = None,
    ) -> Iterator[C]:
        """Lock the case, check the step, let the body change it, then save and record it.

        The body receives the locked copy; the caller's instance is refreshed afterwards.
        """
        with transaction.atomic():
            locked = type(case)._default_manager.select_for_update().get(pk=case.pk)
            self.check(name, locked)
            yield locked
            target = self.steps[name].target
            if target is not None:
                setattr(locked, self.status_field, target)
            locked.save()
            locked.events.create(  # type: ignore[attr-defined]
                action=name,
                actor=by,
                effective_on=on,
                reason=reason,
                details=details if details is not None else {},
            )
        case.refresh_from_db()
