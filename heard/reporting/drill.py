"""The cases behind a figure: the drill-down (DOMAIN.md section 5).

A figure's key names the very filter (Q) that counted it in heard.reporting.figures, so the
list is the cases the figure counted, one for one. Staff only: the views check
`reporting.drill_down`, and every list still goes through the case type's access rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from heard.complaints.choices import Relationship
from heard.complaints.models import (
    Complaint,
    Element,
    ElementFinding,
    InformalComplaint,
    LearningAction,
    Remedy,
    Stage,
)
from heard.compliments.models import Compliment
from heard.enquiries.models import Enquiry
from heard.ombudsman.models import OmbudsmanCase
from heard.reporting.figures.casework import (
    compliment_filters,
    informal_filters,
    learning_filters,
    ombudsman_filters,
    ombudsman_of,
    remedy_filters,
    representation_filters,
    sar_filters,
)
from heard.reporting.figures.complaints import NOT_RECORDED
from heard.reporting.figures.filters import (
    ENDED_SO_FAR,
    complaint_filters,
    ended_so_far,
    more_stage_filters,
    panel_stages,
    stage_filters,
    timeliness_filters,
)
from heard.reporting.periods import Period
from heard.sars.models import SubjectAccessRequest


class UnknownFigure(LookupError):
    """No figure has that key."""


@dataclass(frozen=True)
class Row:
    reference: str
    url: str
    date: Any
    detail: str


@dataclass(frozen=True)
class Drill:
    """A figure's cases: how to list them, and how each row reads."""

    queryset: QuerySet[Any]
    row: Callable[[Any], Row]
    noun: str


def _complaint_row(c: Complaint) -> Row:
    return Row(
        c.reference,
        reverse("complaints:detail", args=[c.reference]),
        c.received_on,
        f"{c.get_status_display()}, Stage {c.current_stage}: {c.summary}",
    )


def _stage_row(s: Stage) -> Row:
    ended = f", ended {s.ended_on:%d/%m/%Y}" if s.ended_on else ""
    return Row(
        s.complaint.reference,
        reverse("complaints:detail", args=[s.complaint.reference]),
        s.started_on,
        f"Stage {s.number}: {s.get_status_display()}{ended}",
    )


def _ombudsman_row(o: OmbudsmanCase) -> Row:
    return Row(
        o.reference,
        reverse("ombudsman:detail", args=[o.reference]),
        o.enquiry_received_on,
        f"{o.ombudsman_reference}: {o.get_decision_display() or 'awaiting a decision'}",
    )


def _compliment_row(c: Compliment) -> Row:
    return Row(
        c.reference,
        reverse("compliments:detail", args=[c.reference]),
        c.received_on,
        f"{c.team.name}: {c.summary}",
    )


def _informal_row(i: InformalComplaint) -> Row:
    ended = f", ended {i.ended_on:%d/%m/%Y}" if i.ended_on else ""
    return Row(
        i.reference,
        reverse("complaints:informal", args=[i.reference]),
        i.received_on,
        f"{i.get_status_display()}{ended}, {i.team.name}: {i.summary}",
    )


def _representation_row(e: Enquiry) -> Row:
    return Row(
        e.reference,
        reverse("enquiries:detail", args=[e.reference]),
        e.received_on,
        f"{e.get_kind_display()}, {e.team.name}: {e.summary}",
    )


def _sar_row(s: SubjectAccessRequest) -> Row:
    return Row(
        s.reference,
        reverse("sars:detail", args=[s.reference]),
        s.received_on,
        s.get_outcome_display() or s.get_status_display(),
    )


def _learning_row(a: LearningAction) -> Row:
    reference = a.complaint.reference
    done = f", completed {a.completed_on:%d/%m/%Y}" if a.completed_on else ""
    return Row(
        reference,
        reverse("complaints:detail", args=[reference]),
        a.due_on,
        f"{a.description} (due {a.due_on:%d/%m/%Y}{done})",
    )


def _remedy_row(r: Remedy) -> Row:
    reference = r.complaint.reference
    due = f", due {r.due_on:%d/%m/%Y}" if r.due_on else ""
    done = f", carried out {r.completed_on:%d/%m/%Y}" if r.completed_on else ""
    return Row(
        reference,
        reverse("complaints:detail", args=[reference]),
        r.agreed_on,
        f"{r}{due}{done}",
    )


def _point_row(e: Element) -> Row:
    reference = e.complaint.reference
    return Row(
        reference,
        reverse("complaints:detail", args=[reference]),
        e.complaint.received_on,
        f"Point {e.number}, {e.theme.name}: {e.description}",
    )


def _finding_row(f: ElementFinding) -> Row:
    reference = f.stage.complaint.reference
    return Row(
        reference,
        reverse("complaints:detail", args=[reference]),
        f.responded_on,
        f"Stage {f.stage_number}, {f.theme.name}: {f.get_finding_display()}",
    )


def unit_rows(unit: str, rows: QuerySet[Any], user: Any) -> Drill:
    """The table builder's rows of one cell (heard.reporting.figures.tables), as `user` may
    see them: stages, points of complaint or findings."""
    visible = Complaint.objects.visible_to(user)
    if unit == "complaint":
        complaints = rows.filter(pk__in=visible.values("pk"))
        return Drill(complaints.order_by("received_on", "pk"), _complaint_row, "complaint")
    if unit == "stage":
        stages = rows.filter(complaint__in=visible).select_related("complaint")
        return Drill(stages.order_by("started_on", "pk"), _stage_row, "stage")
    if unit == "point":
        points = rows.filter(complaint__in=visible).select_related("complaint", "theme")
        return Drill(points.order_by("complaint__received_on", "pk"), _point_row, "point")
    findings = rows.filter(stage__complaint__in=visible).select_related("stage__complaint", "theme")
    return Drill(findings.order_by("responded_on", "pk"), _finding_row, "finding")


def drill(key: str, procedure: str, period: Period, user: Any) -> Drill:
    """The cases behind the figure `key`, as `user` may see them."""
    kind, _, name = key.partition(".")
    visible = Complaint.objects.visible_to(user)
    if kind == "stage":
        number, _, measure = name.partition(".")
        filters = {
            **stage_filters(period),
            **timeliness_filters(procedure, period),
            **more_stage_filters(period),
        }
        if measure not in filters or not number.isdigit():
            raise UnknownFigure(key)
        stages = panel_stages(procedure).filter(filters[measure], number=int(number))
        return Drill(
            stages.filter(complaint__in=visible)
            .select_related("complaint")
            .order_by("started_on", "pk"),
            _stage_row,
            "stage",
        )
    if kind == "theme":
        number, _, theme = name.partition(".")
        if not number.isdigit():
            raise UnknownFigure(key)
        stages = Stage.objects.filter(
            stage_filters(period)["responded"],
            procedure=procedure,
            number=int(number),
            findings__element__theme__name=theme,
            complaint__in=visible,
        )
        return Drill(
            stages.select_related("complaint").distinct().order_by("started_on", "pk"),
            _stage_row,
            "stage",
        )
    if kind == "complaints":
        complaints = visible.filter(procedure=procedure).select_related("team")
        measure, _, value = name.partition(".")
        received = complaint_filters(period)["received"]
        if measure == "relationship":
            chosen = complaints.filter(received, relationship=value)
        elif measure == "team":
            chosen = complaints.filter(received, team__name=value)
        elif measure == "service_area":
            area = "" if value == NOT_RECORDED else value
            chosen = complaints.filter(received, team__service_area=area)
        elif measure == "ended":
            # "ended.<team|relationship|child>.<value>.<how it ended>"
            breakdown, _, rest = value.partition(".")
            code, _, how = rest.rpartition(".")
            by = {
                "team": Q(team__name=code),
                "relationship": Q(relationship=code),
                "child": Q(relationship=Relationship.CHILD)
                if code == "child"
                else ~Q(relationship=Relationship.CHILD),
            }
            if breakdown not in by or how not in ENDED_SO_FAR:
                raise UnknownFigure(key)
            chosen = (
                complaints.filter(received, by[breakdown])
                .alias(_ended=ended_so_far())
                .filter(_ended=how)
            )
        elif measure == "points_raised":
            chosen = complaints.filter(received, elements__theme__name=value).distinct()
        elif measure in complaint_filters(period):
            chosen = complaints.filter(complaint_filters(period)[measure])
        else:
            raise UnknownFigure(key)
        return Drill(chosen.order_by("received_on", "pk"), _complaint_row, "complaint")
    if kind == "ombudsman":
        filters = ombudsman_filters(period)
        if name not in filters:
            raise UnknownFigure(key)
        cases = OmbudsmanCase.objects.visible_to(user).filter(
            filters[name], ombudsman_of(procedure)
        )
        return Drill(cases.order_by("enquiry_received_on", "pk"), _ombudsman_row, "Ombudsman case")
    if kind == "compliments":
        filters = compliment_filters(procedure, period)
        if name not in filters:
            raise UnknownFigure(key)
        compliments = Compliment.objects.visible_to(user).filter(filters[name])
        return Drill(
            compliments.select_related("team").order_by("received_on", "pk"),
            _compliment_row,
            "compliment",
        )
    if kind == "informal":
        filters = informal_filters(procedure, period)
        if name not in filters:
            raise UnknownFigure(key)
        informal = InformalComplaint.objects.visible_to(user).filter(filters[name])
        return Drill(
            informal.select_related("team").order_by("received_on", "pk"),
            _informal_row,
            "informal complaint",
        )
    if kind == "representations":
        filters = representation_filters(procedure, period)
        if name not in filters:
            raise UnknownFigure(key)
        representations = Enquiry.objects.visible_to(user).filter(filters[name])
        return Drill(
            representations.select_related("team").order_by("received_on", "pk"),
            _representation_row,
            "enquiry or other representation",
        )
    if kind == "sars":
        filters = sar_filters(procedure, period)
        if name not in filters:
            raise UnknownFigure(key)
        requests = SubjectAccessRequest.objects.visible_to(user).filter(filters[name])
        return Drill(requests.order_by("received_on", "pk"), _sar_row, "subject access request")
    if kind == "learning":
        filters = learning_filters(period)
        if name not in filters:
            raise UnknownFigure(key)
        actions = LearningAction.objects.filter(
            filters[name], complaint__procedure=procedure, complaint__in=visible
        )
        return Drill(
            actions.select_related("complaint").order_by("due_on", "pk"),
            _learning_row,
            "learning action",
        )
    if kind == "remedies":
        filters = remedy_filters(period)
        if name not in filters:
            raise UnknownFigure(key)
        remedies = Remedy.objects.filter(
            filters[name], complaint__procedure=procedure, complaint__in=visible
        )
        return Drill(
            remedies.select_related("complaint").order_by("agreed_on", "pk"),
            _remedy_row,
            "remedy",
        )
    raise UnknownFigure(key)
