"""Audit entries in words (django-auditlog keeps field names, ids and raw values): each change
as the field's label with its old and new values as a person reads them: a choice by its
label, a date as "7 December 2026", yes or no, a linked record by its name, and a stored
fingerprint or file path only as "changed".

The linked records on a page are looked up together, one query per kind of record, so a page
of 50 entries costs a handful of queries whatever they changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

BLANK = "(blank)"
#: Fields whose values mean nothing to a reader: only that they changed is shown.
OPAQUE = ("sha256", "hash", "file", "storage_name", "token", "password")

ACTIONS = {
    LogEntry.Action.CREATE: "Created",
    LogEntry.Action.UPDATE: "Changed",
    LogEntry.Action.DELETE: "Deleted",
    LogEntry.Action.ACCESS: "Opened",
}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    """One audit entry as the audit tab shows it."""

    when: datetime
    who: str
    address: str
    what: str
    changes: list[Change] = field(default_factory=list)


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def _raw(value: Any) -> str | None:
    if value is None or value in ("None", ""):
        return None
    return str(value)


def _when(text: str) -> str:
    try:
        return f"{date.fromisoformat(text[:10]):%-d %B %Y}"
    except ValueError:
        return text


class Reader:
    """Turns a page of entries into words, looking up linked records in bulk."""

    def __init__(self, entries: list[LogEntry]) -> None:
        self.entries = entries
        self.names: dict[type[models.Model], dict[str, str]] = {}
        wanted: dict[type[models.Model], set[str]] = {}
        for entry in entries:
            model = entry.content_type.model_class()
            for name, values in (entry.changes_dict or {}).items():
                found = _field(model, name)
                if found is not None and found.is_relation and found.related_model:
                    related = found.related_model
                    assert isinstance(related, type)
                    ids = {v for v in map(_raw, _pair(values)) if v}
                    wanted.setdefault(related, set()).update(ids)
        for related, ids in wanted.items():
            keys = [i for i in ids if i.isdigit()]
            found_objects = related._default_manager.in_bulk([int(i) for i in keys])
            self.names[related] = {str(pk): str(obj) for pk, obj in found_objects.items()}

    def value(self, found: models.Field[Any, Any] | None, raw: str | None) -> str:
        if raw is None:
            return BLANK
        if found is None:
            return raw
        if found.is_relation and found.related_model:
            related = found.related_model
            assert isinstance(related, type)
            return self.names.get(related, {}).get(raw, "a record since removed")
        if found.choices:
            return str(dict(found.flatchoices).get(raw, raw))
        if isinstance(found, models.BooleanField):
            return "Yes" if raw in ("True", "true", "1") else "No"
        if isinstance(found, models.DateField | models.DateTimeField):
            return _when(raw)
        return raw

    def entry(self, entry: LogEntry) -> Entry:
        model = entry.content_type.model_class()
        noun = capfirst(entry.content_type.name)
        shown = Entry(
            when=entry.timestamp,
            who=str(entry.actor) if entry.actor else "The system",
            address=entry.remote_addr or "",
            what=f"{ACTIONS.get(entry.action, 'Changed')}: {noun} {entry.object_repr}",
        )
        for name, values in (entry.changes_dict or {}).items():
            found = _field(model, name)
            if found is not None and found.primary_key:
                continue  # a record's own id means nothing to a reader
            label = capfirst(str(found.verbose_name)) if found else capfirst(name.replace("_", " "))
            if any(part in name for part in OPAQUE) or isinstance(values, dict):
                shown.changes.append(Change(label, "", "changed"))
                continue
            old, new = (_raw(v) for v in _pair(values))
            before = "" if entry.action == LogEntry.Action.CREATE else self.value(found, old)
            shown.changes.append(Change(label, before, self.value(found, new)))
        return shown

    def read(self) -> list[Entry]:
        return [self.entry(entry) for entry in self.entries]


def _pair(values: Any) -> tuple[Any, Any]:
    if isinstance(values, list | tuple) and len(values) == 2:
        return values[0], values[1]
    return None, None


def in_words(entries: list[LogEntry]) -> list[Entry]:
    """A page of audit entries, in words."""
    return Reader(entries).read()
