"""Forms for the casework screens. Forms own validation and the GOV.UK error wording."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.expressions import OrderBy

from heard.accounts.models import User
from heard.accounts.rules import caseworkers
from heard.complaints.choices import (
    Channel,
    ComplaintStatus,
    ContactMethod,
    LegalStatus,
    Procedure,
    Relationship,
    StageStatus,
)
from heard.complaints.models import (
    Child,
    Complainant,
    Complaint,
    Document,
    Element,
    Stage,
    Theme,
)
from heard.complaints.models.complaint_queries import FOLLOW_UPS, ComplaintQuerySet
from heard.core.errors import DomainError
from heard.core.forms import CaseFileField, DateInputField, GovukForm
from heard.core.models import Team

SORTS = {
    "reference": "reference",
    "received": "received_on",
    "complainant": "complainant__name",
    "stage": "current_stage",
    "team": "team__name",
    "due": "next_due_on",
}


class GovukDateField(forms.DateField):
    """A date typed as 3/3/2025 or 2025-03-03 in one box wide enough for it, with GOV.UK
    error wording."""

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            required=False,
            widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
            input_formats=["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %m %Y", "%d %B %Y"],
            error_messages={"invalid": f"{label} must be a real date, like 3/3/2025"},
            **kwargs,
        )


class CaseFilterForm(GovukForm):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        help_text="Reference, complainant or child's name",
    )
    procedure = forms.ChoiceField(
        label="Procedure", required=False, choices=[("", "Any procedure"), *Procedure.choices]
    )
    stage = forms.TypedChoiceField(
        label="Stage",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any stage"), (1, "Stage 1"), (2, "Stage 2"), (3, "Stage 3")],
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *ComplaintStatus.choices],
    )
    stage_status = forms.ChoiceField(
        label="Where the current stage is",
        required=False,
        choices=[("", "Anywhere"), *StageStatus.choices],
    )
    team = forms.ModelChoiceField(
        label="Team", required=False, queryset=Team.objects.all(), empty_label="Any team"
    )
    theme = forms.ModelChoiceField(
        label="Theme", required=False, queryset=Theme.objects.all(), empty_label="Any theme"
    )
    officer = forms.ModelChoiceField(
        label="Assigned officer",
        required=False,
        empty_label="Any officer",
        queryset=caseworkers(),
    )
    unassigned = forms.BooleanField(label="Not assigned to anyone", required=False)
    relationship = forms.ChoiceField(
        label="Complainant",
        required=False,
        choices=[("", "Anyone"), *Relationship.choices],
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)
    follow_up = forms.ChoiceField(
        label="To follow up",
        required=False,
        choices=[("", "Anything"), *FOLLOW_UPS.items()],
    )
    due_within = forms.IntegerField(
        label="Due within (working days)",
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        min_value=0,
        max_value=65,
        error_messages={
            "invalid": "Due within must be a whole number of working days, like 5",
            "min_value": "Due within must be 0 or more working days",
            "max_value": "Due within must be 65 working days or fewer",
        },
    )
    received_from = GovukDateField(label="Received from")
    received_to = GovukDateField(label="Received to")
    # Kept as hidden fields, so filtering keeps the sort the column headers chose.
    sort = forms.ChoiceField(
        required=False, choices=[(k, k) for k in SORTS], widget=forms.HiddenInput
    )
    order = forms.ChoiceField(
        required=False, choices=[("asc", "asc"), ("desc", "desc")], widget=forms.HiddenInput
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("received_from"), data.get("received_to")
        if first and last and last < first:
            self.add_error("received_to", "Received to must be the same as or after Received from")
        if data.get("officer") and data.get("unassigned"):
            self.add_error(
                "unassigned", "Choose an assigned officer or “Not assigned to anyone”, not both"
            )
        return data

    def filter(self, complaints: ComplaintQuerySet, today: date) -> ComplaintQuerySet:
        """Apply the valid filters; the caller has already limited `complaints` to the user."""
        data = self.cleaned_data
        if data.get("q"):
            term = data["q"].strip()
            complaints = complaints.filter(
                Q(reference__icontains=term)
                | Q(complainant__name__icontains=term)
                | Q(
                    Exists(
                        Complaint.children.through.objects.filter(
                            complaint_id=OuterRef("pk"), child__name__icontains=term
                        )
                    )
                )
            )
        if data.get("stage"):
            complaints = complaints.filter(current_stage=data["stage"])
        if data.get("status"):
            complaints = complaints.filter(status=data["status"])
        if data.get("stage_status"):
            complaints = complaints.filter(
                Exists(
                    Stage.objects.filter(
                        complaint=OuterRef("pk"),
                        number=OuterRef("current_stage"),
                        status=data["stage_status"],
                    )
                )
            )
        if data.get("team"):
            complaints = complaints.filter(team=data["team"])
        if data.get("theme"):
            complaints = complaints.filter(
                Exists(Element.objects.filter(complaint=OuterRef("pk"), theme=data["theme"]))
            )
        if data.get("officer"):
            complaints = complaints.filter(assigned_officer=data["officer"])
        if data.get("unassigned"):
            complaints = complaints.filter(assigned_officer__isnull=True)
        if data.get("relationship"):
            complaints = complaints.filter(relationship=data["relationship"])
        if data.get("procedure"):
            complaints = complaints.filter(procedure=data["procedure"])
        if data.get("overdue"):
            complaints = complaints.overdue(today)
        if data.get("follow_up"):
            complaints = complaints.follow_up(data["follow_up"], today)
        if data.get("due_within") is not None:
            complaints = complaints.due_within(data["due_within"], today)
        if data.get("received_from"):
            complaints = complaints.filter(received_on__gte=data["received_from"])
        if data.get("received_to"):
            complaints = complaints.filter(received_on__lte=data["received_to"])
        return complaints

    def ordering(self) -> list[OrderBy | str]:
        key = SORTS.get(self.cleaned_data.get("sort") or "", "received_on")
        descending = (self.cleaned_data.get("order") or "desc") == "desc"
        if key == "next_due_on":
            # Cases that owe nothing now sort after those with a deadline, either way round.
            due = F(key).desc(nulls_last=True) if descending else F(key).asc(nulls_last=True)
            return [due, "-pk"]
        return [f"-{key}" if descending else key, "-pk"]


class ComplaintFields(GovukForm):
    """The details shared by logging a complaint and correcting it."""

    summary = forms.CharField(
        label="Summary",
        max_length=300,
        help_text="One line, for lists and letters",
        error_messages={"required": "Enter a summary of the complaint"},
    )
    description = forms.CharField(
        label="What the complaint says", required=False, widget=forms.Textarea, max_length=20000
    )
    team = forms.ModelChoiceField(
        label="Team or service it is about",
        # A team no longer offered stays on its cases (ComplaintDetailsForm keeps it there).
        queryset=Team.objects.filter(active=True),
        empty_label="Choose a team",
        error_messages={"required": "Choose the team"},
    )
    channel = forms.ChoiceField(
        label="How was it received?",
        # "Not recorded" is for imported history only: a complaint logged now came in somehow.
        choices=[("", "Choose how"), *(c for c in Channel.choices if c[0] != Channel.NOT_RECORDED)],
        error_messages={"required": "Choose how the complaint was received"},
    )
    matter_date = DateInputField(
        what="of the matter complained about",
        label="When did it happen? (optional)",
        required=False,
    )
    about_person = forms.CharField(
        label="Who it is about, if not the complainant (optional)",
        required=False,
        max_length=200,
        help_text=(
            "Adult social care and corporate complaints: for example, their mother, "
            "Mrs Edna Shah. A children's complaint names its children instead"
        ),
    )


#: How many children a complaint can name when it is logged; more are added on the case page.
CHILD_SLOTS = 4
CHILD_FIELDS = ("name", "date_of_birth", "record_number", "legal_status")
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


def child_prefix(number: int) -> str:
    """The first child's fields are child_name and so on; later ones child2_name..."""
    return "child_" if number == 1 else f"child{number}_"


#: How many points of complaint the log form takes; more are added on the case page.
POINT_RANGE = range(1, 6)


def _point_fields(number: int) -> dict[str, forms.Field]:
    return {
        f"point{number}_theme": forms.ModelChoiceField(
            label=f"Point {number}: theme",
            queryset=Theme.objects.filter(active=True),
            empty_label="Choose a theme",
            required=False,
        ),
        f"point{number}_description": forms.CharField(
            label=f"Point {number}: what it is about",
            widget=forms.Textarea,
            max_length=4000,
            required=False,
        ),
    }


def _child_fields(number: int) -> dict[str, forms.Field]:
    prefix, whose = child_prefix(number), f"{ORDINALS[number].capitalize()} child's"
    if number == 1:
        whose = "Child's"
    return {
        f"{prefix}name": forms.CharField(
            label=f"{whose} full name (optional)", required=False, max_length=200
        ),
        f"{prefix}date_of_birth": DateInputField(
            what=f"the {ORDINALS[number]} child was born" if number > 1 else "the child was born",
            label=f"{whose} date of birth (optional)",
            required=False,
        ),
        f"{prefix}record_number": forms.CharField(
            label="Social care record number (optional)", required=False, max_length=40
        ),
        # Not required: a child whose status nobody has said is "not known".
        f"{prefix}legal_status": forms.ChoiceField(
            label=f"{whose} legal status",
            choices=LegalStatus.choices,
            initial=LegalStatus.NOT_KNOWN,
            required=False,
        ),
    }


class ComplaintForm(ComplaintFields):
    """Log a new complaint at Stage 1, with its complainant and the child it is about."""

    field_order = [
        "procedure",
        "received_on",
        "channel",
        "team",
        "summary",
        "description",
        "matter_date",
        "complainant_name",
        "relationship",
        "about_person",
        "complainant_address",
        "complainant_email",
        "complainant_phone",
        "preferred_contact",
    ]

    procedure = forms.ChoiceField(
        label="Procedure",
        choices=Procedure.choices,
        initial=Procedure.CHILDREN,
        help_text="It can be moved to another procedure later, while it is at Stage 1",
        error_messages={
            "required": "Choose the procedure",
            "invalid_choice": "Choose the procedure",
        },
    )
    received_on = DateInputField(what="the complaint was received", today=True)
    complainant_name = forms.CharField(
        label="Complainant's full name",
        max_length=200,
        error_messages={"required": "Enter the complainant's name"},
    )
    relationship = forms.ChoiceField(
        label="Complainant's relationship to the child (children's complaints only)",
        choices=[("", "Choose a relationship"), *Relationship.choices],
        required=False,  # asked of a children's complaint only (clean)
        help_text="Not asked of an adult social care or corporate complaint",
    )
    complainant_address = forms.CharField(
        label="Postal address (optional)", required=False, widget=forms.Textarea, max_length=1000
    )
    complainant_email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    complainant_phone = forms.CharField(
        label="Phone number (optional)", required=False, max_length=40
    )
    preferred_contact = forms.ChoiceField(
        label="Preferred way to contact them", choices=ContactMethod.choices
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = self.fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        team.queryset = Team.objects.filter(active=True)  # a new case goes to a current team
        for number in range(1, CHILD_SLOTS + 1):
            self.fields.update(_child_fields(number))
        for number in POINT_RANGE:
            self.fields.update(_point_fields(number))

    def points(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """Each point's theme and description, in order, for the template."""
        return [(self[f"point{n}_theme"], self[f"point{n}_description"]) for n in POINT_RANGE]

    @property
    def more_points_given(self) -> bool:
        """Whether a second or later point was typed (or is wrong): shown open if so."""
        later = [f"point{n}_{name}" for n in POINT_RANGE[1:] for name in ("theme", "description")]
        return any(name in self.errors or self.data.get(name) for name in later)

    def children(self) -> list[list[forms.BoundField]]:
        """Each child's fields, in order, for the template."""
        return [
            [self[f"{child_prefix(number)}{name}"] for name in CHILD_FIELDS]
            for number in range(1, CHILD_SLOTS + 1)
        ]

    @property
    def more_children_given(self) -> bool:
        """Whether anything was typed (or is wrong) for a second or later child: the template
        then shows their fields open."""
        later = [
            f"{child_prefix(n)}{name}" for n in range(2, CHILD_SLOTS + 1) for name in CHILD_FIELDS
        ]
        return any(name in self.errors for name in later) or any(
            self.data.get(f"{child_prefix(n)}name") for n in range(2, CHILD_SLOTS + 1)
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("preferred_contact") == ContactMethod.EMAIL
            and not data.get("complainant_email")
            and "complainant_email" not in self.errors
        ):
            self.add_error(
                "complainant_email", "Enter an email address, or choose another way to contact them"
            )
        if data.get("procedure") in (Procedure.ADULTS, Procedure.CORPORATE):
            # Adult social care and corporate complaints are the complainant's own: no
            # relationship to a child is asked, and no child is recorded.
            data["relationship"] = Relationship.SELF
            for number in range(1, CHILD_SLOTS + 1):
                for name in CHILD_FIELDS:
                    data[f"{child_prefix(number)}{name}"] = None
                    self.errors.pop(f"{child_prefix(number)}{name}", None)
            self._clean_points(data)
            return data
        if data.get("about_person"):
            self.add_error(
                "about_person",
                "Leave this empty for a children's complaint: name the children it is about below",
            )
        if not data.get("relationship") and "relationship" not in self.errors:
            self.add_error("relationship", "Choose the complainant's relationship to the child")
        elif data.get("relationship") == Relationship.SELF:
            self.add_error(
                "relationship",
                "Choose the complainant's relationship to the child: a children's complaint is "
                "made by the child or someone on their behalf",
            )
        for number in range(1, CHILD_SLOTS + 1):
            prefix = child_prefix(number)
            given = data.get(f"{prefix}date_of_birth") or data.get(f"{prefix}record_number")
            if given and not data.get(f"{prefix}name"):
                whose = "the child's" if number == 1 else f"the {ORDINALS[number]} child's"
                self.add_error(f"{prefix}name", f"Enter {whose} name")
        self._clean_points(data)
        return data

    def _clean_points(self, data: dict[str, Any]) -> None:
        """A point needs both its theme and what it is about; an empty one is left out."""
        for number in POINT_RANGE:
            theme, text = f"point{number}_theme", f"point{number}_description"
            if data.get(theme) and not data.get(text) and text not in self.errors:
                self.add_error(text, f"Describe point {number} of the complaint")
            elif data.get(text) and not data.get(theme) and theme not in self.errors:
                self.add_error(theme, f"Choose the theme of point {number}")

    @transaction.atomic
    def save(self, by: User) -> Complaint | None:
        """Log the complaint; on a broken rule, show it on its field and return None."""
        data = self.cleaned_data
        complainant = Complainant.objects.create(
            name=data["complainant_name"],
            address=data["complainant_address"],
            email=data["complainant_email"],
            phone=data["complainant_phone"],
            preferred_contact=data["preferred_contact"],
        )
        children = [
            Child.objects.create(
                **{name: data[f"{prefix}{name}"] for name in CHILD_FIELDS}
                | {"legal_status": data[f"{prefix}legal_status"] or LegalStatus.NOT_KNOWN}
            )
            for prefix in map(child_prefix, range(1, CHILD_SLOTS + 1))
            if data[f"{prefix}name"]
        ]
        try:
            complaint = Complaint.receive(
                by=by,
                received_on=data["received_on"],
                complainant=complainant,
                relationship=data["relationship"],
                team=data["team"],
                summary=data["summary"],
                channel=data["channel"],
                children=children,
                description=data["description"],
                matter_date=data["matter_date"],
                assigned_officer=by,
                procedure=data["procedure"],
                about_person=data["about_person"],
            )
            for number in POINT_RANGE:
                if data.get(f"point{number}_theme"):
                    complaint.add_element(
                        by=by,
                        theme=data[f"point{number}_theme"],
                        description=data[f"point{number}_description"],
                    )
            return complaint
        except DomainError as error:
            transaction.set_rollback(True)
            self.add_rule_error(error)
            return None


class ProcedureForm(GovukForm):
    """Move a complaint logged under the wrong procedure."""

    procedure = forms.ChoiceField(
        label="Move it to",
        choices=[("", "Choose the procedure"), *Procedure.choices],
        error_messages={
            "required": "Choose the procedure",
            "invalid_choice": "Choose the procedure",
        },
    )
    decided_on = DateInputField(what="of the decision", label="Date of the decision", today=True)
    reason = forms.CharField(
        label="Why it belongs there",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Give the reason for moving the complaint"},
    )

    def save(self, complaint: Complaint, by: User) -> bool:
        data = self.cleaned_data
        try:
            complaint.change_procedure(
                by=by, procedure=data["procedure"], on=data["decided_on"], reason=data["reason"]
            )
        except DomainError as error:
            self.add_rule_error(error)
            return False
        return True


class ElementForm(GovukForm):
    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=Theme.objects.filter(active=True),
        empty_label="Choose a theme",
        error_messages={"required": "Choose the theme of this point"},
    )
    description = forms.CharField(
        label="The point of complaint",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Describe the point of complaint"},
    )


class ComplaintDetailsForm(ComplaintFields):
    """Correct a logged complaint's details (not its dates, which drive the deadlines)."""

    field_order = [
        "summary",
        "description",
        "team",
        "channel",
        "assigned_officer",
        "matter_date",
        "about_person",
    ]
    version = forms.IntegerField(widget=forms.HiddenInput)
    assigned_officer = forms.ModelChoiceField(
        label="Assigned officer",
        required=False,
        empty_label="Not assigned",
        queryset=caseworkers(),
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The complaint's own team is kept on offer after it stops being offered for new ones.
        team = self.fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        team.queryset = Team.objects.filter(Q(active=True) | Q(pk=complaint.team_id))
        if complaint.procedure == Procedure.CHILDREN and not complaint.about_person:
            # A children's complaint names its children on the case page instead.
            del self.fields["about_person"]

    @classmethod
    def initial_for(cls, complaint: Complaint) -> dict[str, Any]:
        return {
            "version": complaint.version,
            "summary": complaint.summary,
            "description": complaint.description,
            "team": complaint.team_id,
            "channel": complaint.channel,
            "assigned_officer": complaint.assigned_officer_id,
            "matter_date": complaint.matter_date,
            "about_person": complaint.about_person,
        }

    @property
    def editable(self) -> list[str]:
        """The complaint's editable details this form asks for."""
        return [name for name in Complaint.EDITABLE if name in self.fields]

    def differences(self, complaint: Complaint) -> list[tuple[str, str, str]]:
        """(label, saved now, what was typed) for each field someone else has changed."""
        rows = []
        for name in self.editable:
            saved, typed = getattr(complaint, name), self.cleaned_data.get(name)
            if saved != typed:
                rows.append((str(self.fields[name].label), str(saved or ""), str(typed or "")))
        return rows


class DocumentForm(GovukForm):
    """Add a file to a case. What the file is, is judged from its content, not its name."""

    file = CaseFileField()
    title = forms.CharField(
        label="Title (optional)",
        max_length=200,
        required=False,
        help_text="For example, Letter from Ms Jones, 3 March. Leave it empty to use the file name",
    )
    stage = forms.ChoiceField(label="Which stage is it for?", required=False)

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stages = {str(s.pk): s for s in complaint.stages.all()}
        stage = self.fields["stage"]
        assert isinstance(stage, forms.ChoiceField)
        stage.choices = [
            *((pk, f"Stage {s.number}") for pk, s in self.stages.items()),
            ("", "The whole case"),
        ]
        self.initial.setdefault("stage", str(complaint.active_stage.pk))

    def clean_stage(self) -> Stage | None:
        return self.stages.get(self.cleaned_data["stage"])

    def save(self, complaint: Complaint, *, by: User) -> Document:
        upload = self.cleaned_data["file"]
        return Document.attach(
            complaint,
            by=by,
            stage=self.cleaned_data["stage"],
            title=self.cleaned_data["title"] or upload.name,
            filename=upload.name,
            content=upload,
            content_type=upload.content_type,
        )
