"""Factories named by the state they leave a complaint in.

State factories drive the real model methods, so every case they build has the events and
passes the rules that a case built through the screens would.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import factory

from heard.complaints.choices import AppointmentRole, Channel, Finding, Relationship, RemedyKind
from heard.complaints.models import (
    Child,
    Complainant,
    Complaint,
    LearningAction,
    Practitioner,
    Remedy,
    Stage,
    Theme,
)
from heard.core.tests.factories import TeamFactory

RECEIVED = date(2025, 3, 3)  # a Monday


class ThemeFactory(factory.django.DjangoModelFactory[Theme]):
    class Meta:
        model = Theme
        django_get_or_create = ("name",)

    name = "Communication"


class ComplainantFactory(factory.django.DjangoModelFactory[Complainant]):
    class Meta:
        model = Complainant

    name = factory.Sequence(lambda n: f"Pat Jones {n}")
    email = factory.Sequence(lambda n: f"pat{n}@example.org")


class ChildFactory(factory.django.DjangoModelFactory[Child]):
    class Meta:
        model = Child

    name = factory.Sequence(lambda n: f"Alex Jones {n}")
    date_of_birth = date(2012, 5, 1)


class PractitionerFactory(factory.django.DjangoModelFactory[Practitioner]):
    class Meta:
        model = Practitioner

    name = factory.Sequence(lambda n: f"Investigator {n}")
    # An external contractor on the register for every appointment role (a new entry takes
    # none by default); a test states the roles it takes away.
    is_external = True
    may_respond = True
    may_investigate = True
    may_be_independent = True
    may_adjudicate = True
    may_sit_on_panel = True


class Stage1OpenFactory(factory.Factory[Complaint]):
    """A complaint just received at Stage 1: nothing done yet."""

    class Meta:
        model = Complaint

    received_on = RECEIVED
    complainant = factory.SubFactory(ComplainantFactory)
    relationship = Relationship.PARENT
    team = factory.SubFactory(TeamFactory)
    summary = "Social worker did not return calls"
    channel = Channel.EMAIL

    @classmethod
    def _create(cls, model_class: type[Complaint], **kwargs: Any) -> Complaint:
        return Complaint.receive(by=None, **kwargs)


def _with_finding(complaint: Complaint, stage: Stage, finding: str) -> None:
    element = complaint.elements.first() or complaint.add_element(
        by=None, theme=ThemeFactory.create(), description="Calls were not returned"
    )
    stage.record_finding(by=None, element=element, finding=finding)


def appoint_stage2(stage: Stage, on: date) -> dict[str, Practitioner]:
    people: dict[str, Practitioner] = {}
    for role in (
        AppointmentRole.INVESTIGATING_OFFICER,
        AppointmentRole.INDEPENDENT_PERSON,
        AppointmentRole.ADJUDICATING_OFFICER,
    ):
        people[role] = PractitionerFactory.create()
        stage.appoint(by=None, role=role, practitioner=people[role], on=on)
    return people


class Stage1AcknowledgedFactory(Stage1OpenFactory):
    @classmethod
    def _create(cls, model_class: type[Complaint], **kwargs: Any) -> Complaint:
        complaint = super()._create(model_class, **kwargs)
        complaint.active_stage.acknowledge(by=None, on=complaint.received_on)
        return complaint


class Stage1RespondedFactory(Stage1AcknowledgedFactory):
    """Stage 1 answered 8 working days after receipt, one point not upheld."""

    @classmethod
    def _create(cls, model_class: type[Complaint], **kwargs: Any) -> Complaint:
        complaint = super()._create(model_class, **kwargs)
        stage = complaint.active_stage
        _with_finding(complaint, stage, Finding.NOT_UPHELD)
        from heard.workdays import add_working_days

        stage.respond(by=None, on=add_working_days(complaint.received_on, 8))
        complaint.refresh_from_db()
        return complaint


class Stage2OpenFactory(Stage1RespondedFactory):
    """Escalated to Stage 2 five working days after the Stage 1 response."""

    @classmethod
    def _create(cls, model_class: type[Complaint], **kwargs: Any) -> Complaint:
        complaint = super()._create(model_class, **kwargs)
        from heard.workdays import add_working_days

        responded = complaint.active_stage.ended_on
        assert responded is not None
        complaint.escalate(by=None, requested_on=add_working_days(responded, 5))
        complaint.refresh_from_db()
        return complaint


class Stage2RespondedFactory(Stage2OpenFactory):
    @classmethod
    def _create(cls, model_class: type[Complaint], **kwargs: Any) -> Complaint:
        complaint = super()._create(model_class, **kwargs)
        from heard.workdays import add_working_days

        stage = complaint.active_stage
        stage.acknowledge(by=None, on=stage.started_on)
        appoint_stage2(stage, stage.started_on)
        _with_finding(complaint, stage, Finding.PARTIALLY_UPHELD)
        stage.respond(by=None, on=add_working_days(stage.started_on, 20))
        complaint.refresh_from_db()
        return complaint


class Stage3OpenFactory(Stage2RespondedFactory):
    @classmethod
    def _create(cls, model_class: type[Complaint], **kwargs: Any) -> Complaint:
        complaint = super()._create(model_class, **kwargs)
        from heard.workdays import add_working_days

        responded = complaint.active_stage.ended_on
        assert responded is not None
        complaint.escalate(by=None, requested_on=add_working_days(responded, 3))
        complaint.refresh_from_db()
        return complaint


def appoint_panel(stage: Stage, on: date) -> list[Practitioner]:
    panel = [PractitionerFactory.create() for _ in range(3)]
    stage.appoint(by=None, role=AppointmentRole.PANEL_CHAIR, practitioner=panel[0], on=on)
    for member in panel[1:]:
        stage.appoint(by=None, role=AppointmentRole.PANEL_MEMBER, practitioner=member, on=on)
    return panel


def agree_remedy(complaint: Complaint, on: date, **changes: Any) -> Remedy:
    """An apology agreed on `on`, due the same day, through the model's method."""
    values: dict[str, Any] = {
        "kind": RemedyKind.APOLOGY,
        "description": "A written apology",
        "owner": "Team manager",
        "due_on": on,
    }
    return complaint.add_remedy(by=None, agreed_on=on, **values | changes)


def raise_learning_action(complaint: Complaint, on: date, **changes: Any) -> LearningAction:
    """A learning action raised on `on`, due the same day, through the model's method."""
    values: dict[str, Any] = {
        "theme": ThemeFactory(),
        "description": "Brief the team",
        "owner": "Head of service",
        "due_on": on,
    }
    return complaint.add_learning_action(by=None, raised_on=on, **values | changes)
