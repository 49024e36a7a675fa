"""The fixed vocabularies of the children's statutory procedure (DOMAIN.md section 2)."""

from __future__ import annotations

from django.db import models


class Procedure(models.TextChoices):
    CHILDREN = "children", "Children's social care (statutory)"
    ADULTS = "adults", "Adult social care (statutory)"
    CORPORATE = "corporate", "Corporate (Complaint Handling Code)"


class Channel(models.TextChoices):
    WEB_FORM = "web_form", "Web form"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    VIA_ADVOCATE = "via_advocate", "Via an advocate"
    #: Imported history whose log did not say how the complaint came in.
    NOT_RECORDED = "not_recorded", "Not recorded"


class Relationship(models.TextChoices):
    """Who may complain: the qualifying persons, and anyone found to have sufficient interest."""

    CHILD = "child", "The child or young person"
    PARENT = "parent", "Parent"
    PARENTAL_RESPONSIBILITY = "parental_responsibility", "Someone with parental responsibility"
    FOSTER_CARER = "foster_carer", "Foster carer"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    CARE_LEAVER = "care_leaver", "Care leaver"
    ADOPTER = "adopter", "Adopter"
    ADOPTED_PERSON = "adopted_person", "Adopted person"
    BIRTH_PARENT = "birth_parent", "Birth parent"
    SUFFICIENT_INTEREST = "sufficient_interest", "Someone else with an interest in the child"
    #: Adult social care and corporate complaints: the person the service was for.
    SELF = "self", "The person themselves"


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    TEXT = "text", "Text message"
    LETTER = "letter", "Letter"


class LegalStatus(models.TextChoices):
    CHILD_IN_NEED = "child_in_need", "Child in need"
    CHILD_PROTECTION_PLAN = "child_protection_plan", "Child protection plan"
    LOOKED_AFTER = "looked_after", "Looked after"
    CARE_LEAVER = "care_leaver", "Care leaver"
    ADOPTION_SUPPORT = "adoption_support", "Adoption support"
    SPECIAL_GUARDIANSHIP_SUPPORT = "special_guardianship_support", "Special guardianship support"
    NOT_KNOWN = "not_known", "Not known"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    REFUSED = "refused", "Refused"


class StageStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    PAUSED = "paused", "Paused for advocacy"
    PANEL_HELD = "panel_held", "Panel held"
    PANEL_REPORTED = "panel_reported", "Panel report sent"
    RESPONDED = "responded", "Responded"
    RESOLVED_BY_ADR = "resolved_by_adr", "Resolved by alternative dispute resolution"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NOT_ACCEPTED = "not_accepted", "Not accepted"
    ESCALATED_UNANSWERED = "escalated_unanswered", "Escalated without a response"


#: A tuple in a fixed order, not a set: queries filter with `status IN (...)` in exactly the
#: order of the partial index on open stages, so the database can match the two.
OPEN_STAGE_STATUSES = (
    StageStatus.IN_PROGRESS,
    StageStatus.PAUSED,
    StageStatus.PANEL_HELD,
    StageStatus.PANEL_REPORTED,
)
ENDED_STAGE_STATUSES = tuple(s for s in StageStatus if s not in OPEN_STAGE_STATUSES)


class ComplaintStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class NotAcceptedReason(models.TextChoices):
    OUT_OF_TIME = "out_of_time", "Made out of time"
    NOT_QUALIFYING_PERSON = "not_qualifying_person", "Not a qualifying person"
    EXCLUDED_MATTER = "excluded_matter", "Excluded matter (for example court proceedings)"
    OTHER_PROCEDURE = "other_procedure", "Belongs to another procedure"
    #: Decided at triage: a request for a service, an enquiry or feedback sent as a complaint.
    NOT_A_COMPLAINT = "not_a_complaint", "Not a complaint (a request, an enquiry or feedback)"


class Finding(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTIALLY_UPHELD = "partially_upheld", "Partially upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    NO_FINDING = "no_finding", "No finding (unable to determine)"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTIALLY_UPHELD = "partially_upheld", "Partially upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    #: Every point's finding was "no finding (unable to determine)".
    NO_FINDING = "no_finding", "No finding"


class AppointmentRole(models.TextChoices):
    RESPONDING_MANAGER = "responding_manager", "Responding manager"
    INVESTIGATING_OFFICER = "investigating_officer", "Investigating officer"
    INDEPENDENT_PERSON = "independent_person", "Independent person"
    ADJUDICATING_OFFICER = "adjudicating_officer", "Adjudicating officer"
    PANEL_CHAIR = "panel_chair", "Panel chair"
    PANEL_MEMBER = "panel_member", "Panel member"


#: Which appointments belong to which stage.
ROLES_BY_STAGE: dict[int, frozenset[str]] = {
    1: frozenset({AppointmentRole.RESPONDING_MANAGER}),
    2: frozenset(
        {
            AppointmentRole.INVESTIGATING_OFFICER,
            AppointmentRole.INDEPENDENT_PERSON,
            AppointmentRole.ADJUDICATING_OFFICER,
        }
    ),
    3: frozenset({AppointmentRole.PANEL_CHAIR, AppointmentRole.PANEL_MEMBER}),
}


class RemedyKind(models.TextChoices):
    APOLOGY = "apology", "Apology"
    SERVICE_CHANGE = "service_change", "Service change"
    FINANCIAL = "financial", "Financial remedy"
    OTHER = "other", "Other"


class CostKind(models.TextChoices):
    IO_FEE = "io_fee", "Investigating officer fee"
    IP_FEE = "ip_fee", "Independent person fee"
    PANEL_FEES = "panel_fees", "Panel fees"
    VENUE = "venue", "Venue"
    ADVOCACY = "advocacy", "Advocacy"
    OTHER = "other", "Other"
