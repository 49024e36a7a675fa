"""The audit trail of complaints: every change and every view, through django-auditlog.

Each audited model tags its log entries with the complaint they belong to, so a case's audit
tab is one query whatever was changed (the complaint, a stage, a finding, a cost...).
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import accessed
from django.contrib import admin
from django.db.models.signals import pre_save

from heard.complaints.models import (
    Appointment,
    Child,
    Complainant,
    Complaint,
    Cost,
    Document,
    Element,
    ElementFinding,
    InformalComplaint,
    LearningAction,
    LetterTemplate,
    Practitioner,
    Recommendation,
    Remedy,
    Stage,
    Theme,
)
from heard.workdays.models import ClosureDay

#: Each audited model, with how to find the complaint it belongs to.
AUDITED = {
    Complaint: "pk",
    Document: "complaint_id",
    Stage: "complaint_id",
    Element: "complaint_id",
    Remedy: "complaint_id",
    LearningAction: "complaint_id",
    ElementFinding: "element.complaint_id",
    Cost: "stage.complaint_id",
    Appointment: "stage.complaint_id",
    Recommendation: "stage.complaint_id",
}


def _complaint_id(instance: Any) -> int | None:
    hinted = getattr(instance, "_audit_complaint", None)  # set by the screen that changed it
    if hinted is not None:
        return int(hinted)
    path = AUDITED.get(type(instance))
    if path is None:  # a complainant or child: the complaint they were logged with
        if getattr(instance, "_audit_new", False):
            return None  # just created: no complaint names them yet
        first = instance.complaints.order_by("pk").first() if instance.pk else None
        return first.pk if first else None
    value = instance
    for part in path.split("."):
        value = getattr(value, part)
    return int(value) if value is not None else None


def _additional_data(self: Any) -> dict[str, int | None]:
    return {"complaint": _complaint_id(self)}


def _note_new(sender: Any, instance: Any, **kwargs: Any) -> None:
    instance._audit_new = instance._state.adding


def register() -> None:
    for person in (Complainant, Child):
        pre_save.connect(_note_new, sender=person, dispatch_uid=f"audit-new-{person.__name__}")
    for model in [*AUDITED, Complainant, Child]:
        model.get_additional_data = _additional_data  # type: ignore[attr-defined]
        exclude = ["updated_at", "version"] if hasattr(model, "version") else []
        m2m = {"children"} if model is Complaint else set()
        auditlog.register(model, exclude_fields=exclude, m2m_fields=m2m)
    auditlog.register(LetterTemplate, exclude_fields=["updated_at"])
    auditlog.register(Theme)
    # The closure days' screens are this app's (heard.complaints.closures); the calendar app
    # below keeps no audit of its own.
    auditlog.register(ClosureDay)
    auditlog.register(Practitioner)
    auditlog.register(InformalComplaint, exclude_fields=["updated_at"])
    # Audit entries are never edited or deleted through the application.
    if admin.site.is_registered(LogEntry):
        admin.site.unregister(LogEntry)


def record_view(complaint: Complaint) -> None:
    """Log that the current user (set by the audit middleware) opened this case."""
    accessed.send(sender=Complaint, instance=complaint)


def record_download(document: Document) -> None:
    """Log that the current user downloaded this document (who, when, from where)."""
    accessed.send(sender=Document, instance=document)


def record_export(user: Any, query: str) -> None:
    """Log that this user downloaded the case list as a spreadsheet (who, when, from where,
    and the filter that chose its rows): one entry for the download, however many rows."""
    LogEntry.objects.log_create(
        user,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        additional_data={"export": "complaints", "filter": query or "every case"},
    )


def entries_for(complaint: Complaint) -> Any:
    """Every audit entry about this complaint or anything in it, newest first."""
    return (
        LogEntry.objects.filter(additional_data__complaint=complaint.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
