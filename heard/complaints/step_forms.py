"""One form for each step in the transition table.

A form collects what its step needs and calls the model method; the method enforces every
rule. A `RuleViolation` comes back naming a field, and the form shows it on that field, so
the officer sees "The response date must be on or after ..." beside the date they typed.
Form fields are named after the fields the rules name for that reason.
"""

from __future__ import annotations

from abc import ABCMeta, abstractmethod
from typing import Any, ClassVar

from django import forms
from django.db import transaction
from django.forms.forms import DeclarativeFieldsMetaclass

from heard.accounts.models import User
from heard.complaints.choices import (
    AppointmentRole,
    Decision,
    Finding,
    NotAcceptedReason,
)
from heard.complaints.models import (
    Document,
    Element,
    PanelResponse,
    Practitioner,
    Recommendation,
    Stage,
)
from heard.core.dates import long_date
from heard.core.errors import DomainError
from heard.core.forms import CaseFileField, DateInputField, GovukForm


class _StepFormMeta(DeclarativeFieldsMetaclass, ABCMeta):
    """Django's form metaclass with abstract methods, so every step must define perform."""


class StepForm(GovukForm, metaclass=_StepFormMeta):
    """The base of every step form: the stage it acts on and an optimistic-lock version."""

    step: ClassVar[str]
    #: The heading of the step's page.
    title: ClassVar[str]
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, stage: Stage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stage = stage

    @abstractmethod
    def perform(self, by: User) -> None:
        """Carry the step out through its model method (each step form defines this)."""

    def save(self, by: User) -> bool:
        """Carry the step out; on a broken rule, show it on its field and return False."""
        try:
            self.perform(by)
        except DomainError as error:
            self.add_rule_error(error)
            return False
        return True


def _text(label: str, *, required: bool = False, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=hint,
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": f"Enter the {label.lower()}"},
    )


#: The answers to the offer of an advocate, and what each records.
ADVOCACY_ANSWERS = {"yes": True, "no": False, "unsure": None}


class AdvocacyForm(StepForm):
    step = "record_advocacy"
    title = "Record the offer of an advocate"
    advocacy_offered_on = DateInputField(what="an advocate was offered", today=True)
    advocacy_taken_up = forms.ChoiceField(
        label="Does the child want an advocate?",
        widget=forms.RadioSelect,
        choices=[
            ("yes", "Yes: an advocate has been asked for"),
            ("no", "No: the offer was declined"),
            ("unsure", "Not sure yet: follow this up"),
        ],
        error_messages={"required": "Choose whether the child wants an advocate"},
    )
    advocacy_by = forms.ModelChoiceField(
        label="Advocacy provider",
        help_text="From the register of appointees. Only if an advocate was asked for.",
        required=False,
        queryset=Practitioner.objects.none(),
        empty_label="Choose a provider",
    )

    def __init__(self, *args: Any, stage: Stage, **kwargs: Any) -> None:
        super().__init__(*args, stage=stage, **kwargs)
        provider = self.fields["advocacy_by"]
        assert isinstance(provider, forms.ModelChoiceField)
        provider.queryset = Practitioner.objects.advocacy_providers()
        complaint = stage.complaint
        # Recorded again when the answer comes: the offer's date is the one already recorded.
        if complaint.advocacy_offered_on is not None:
            self.initial.setdefault("advocacy_offered_on", complaint.advocacy_offered_on)

    def perform(self, by: User) -> None:
        data = self.cleaned_data
        self.stage.complaint.record_advocacy(
            by=by,
            offered_on=data["advocacy_offered_on"],
            taken_up=ADVOCACY_ANSWERS[data["advocacy_taken_up"]],
            provider=data["advocacy_by"],
        )


class _DecisionForm(StepForm):
    """A regulation 9 decision: accepted, or refused with the reason the person is told (a
    refusal ends Stage 1 as not accepted, in the same step)."""

    #: The decision's name in the model's fields, and the model method that records it.
    kind: ClassVar[str]
    method: ClassVar[str]
    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=Decision.choices,
        help_text="Refusing ends Stage 1: the complaint is recorded as not accepted",
        error_messages={"required": "Choose whether the complaint is accepted or refused"},
    )
    decided_on = DateInputField(what="of the decision", label="Date of the decision", today=True)
    reason = _text("Reason", hint="Needed when refusing: it is what the letter tells the person")

    def __init__(self, *args: Any, stage: Stage, **kwargs: Any) -> None:
        super().__init__(*args, stage=stage, **kwargs)
        # The model names its fields after the decision ("sufficient_interest_reason"): the
        # form's fields are renamed to match, so a broken rule shows on its field.
        for name in ("decision", "decided_on", "reason"):
            self.fields[f"{self.kind}_{name}"] = self.fields.pop(name)

    def perform(self, by: User) -> None:
        data = {name.removeprefix(f"{self.kind}_"): v for name, v in self.cleaned_data.items()}
        record = getattr(self.stage.complaint, self.method)
        record(by=by, decision=data["decision"], on=data["decided_on"], reason=data["reason"])


class SufficientInterestForm(_DecisionForm):
    step = "decide_sufficient_interest"
    title = "Decide whether the complainant has sufficient interest"
    kind = "sufficient_interest"
    method = "record_sufficient_interest"


class OutOfTimeForm(_DecisionForm):
    step = "decide_out_of_time"
    title = "Decide whether to accept the complaint out of time"
    kind = "out_of_time"
    method = "record_out_of_time_decision"


class AcknowledgeForm(StepForm):
    step = "acknowledge"
    title = "Acknowledge the complaint"
    acknowledged_on = DateInputField(what="the acknowledgement was sent", today=True)

    def __init__(self, *args: Any, stage: Stage, **kwargs: Any) -> None:
        super().__init__(*args, stage=stage, **kwargs)
        self.fields[
            "acknowledged_on"
        ].help_text = f"Due by {long_date(stage.acknowledgement_due)}. For example, 27 3 2025"

    def perform(self, by: User) -> None:
        self.stage.acknowledge(by=by, on=self.cleaned_data["acknowledged_on"])


class ExtendForm(StepForm):
    step = "extend"
    title = "Extend the response time"
    extended_to = DateInputField(what="the response is now due", label="New response date")
    extension_agreed_on = DateInputField(what="the extension was agreed", today=True)
    extension_reason = _text(
        "Reason for the extension", required=True, hint="For example, the complaint is complex"
    )

    def __init__(self, *args: Any, stage: Stage, **kwargs: Any) -> None:
        super().__init__(*args, stage=stage, **kwargs)
        # The allowed range up front, not only in the error after a wrong date.
        due, latest = stage.response_due, stage.maximum_response_due
        said = [f"Now due {long_date(due)}." if due else ""]
        if latest:
            said.append(f"The latest date allowed is {long_date(latest)}.")
        said.append("For example, 27 3 2025")
        self.fields["extended_to"].help_text = " ".join(p for p in said if p)

    def perform(self, by: User) -> None:
        data = self.cleaned_data
        self.stage.extend(
            by=by,
            new_due=data["extended_to"],
            reason=data["extension_reason"],
            agreed_on=data["extension_agreed_on"],
        )


class PauseForm(StepForm):
    step = "pause"
    title = "Pause while an advocate is found"
    paused_on = DateInputField(what="the stage was paused", today=True)
    pause_reason = _text("Reason", hint="For example, waiting for an advocate from NYAS")

    def perform(self, by: User) -> None:
        self.stage.pause_for_advocacy(
            by=by, on=self.cleaned_data["paused_on"], reason=self.cleaned_data["pause_reason"]
        )


class ResumeForm(StepForm):
    step = "resume"
    title = "Resume after advocacy"
    resumed_on = DateInputField(what="the stage resumed", today=True)

    def perform(self, by: User) -> None:
        self.stage.resume(by=by, on=self.cleaned_data["resumed_on"])


class AgreeStatementForm(StepForm):
    step = "agree_statement"
    title = "Record the agreed statement of complaint"
    statement_agreed_on = DateInputField(what="the complainant agreed the statement", today=True)

    def perform(self, by: User) -> None:
        self.stage.agree_statement(by=by, on=self.cleaned_data["statement_agreed_on"])


class _WithReport(StepForm):
    """A step whose document the officer may attach there and then (the report, or the
    adjudicating officer's decision), kept on the stage in the same transaction as the step.
    """

    #: What the attached file is called on the case, unless the officer names it.
    report_title: ClassVar[str]
    report = CaseFileField(
        label="The document (optional)",
        required=False,
        help_text="A PDF, Word document, email or image. You can add it later with "
        "“Add a document”",
    )

    @abstractmethod
    def record(self, by: User) -> None:
        """Record the step itself through its model method."""

    def perform(self, by: User) -> None:
        upload = self.cleaned_data.get("report")
        with transaction.atomic():
            self.record(by)
            if upload:
                Document.attach(
                    self.stage.complaint,
                    by=by,
                    stage=self.stage,
                    title=self.report_title,
                    filename=upload.name,
                    content=upload,
                    content_type=upload.content_type,
                )


class IoReportForm(_WithReport):
    step = "receive_io_report"
    title = "Record the investigating officer's report"
    report_title = "Investigating officer's report"
    io_report_on = DateInputField(what="the report was received", today=True)
    field_order = ["io_report_on", "report"]

    def record(self, by: User) -> None:
        self.stage.receive_report(by=by, author="io", on=self.cleaned_data["io_report_on"])


class IpReportForm(_WithReport):
    step = "receive_ip_report"
    title = "Record the independent person's report"
    report_title = "Independent person's report"
    ip_report_on = DateInputField(what="the report was received", today=True)
    field_order = ["ip_report_on", "report"]

    def record(self, by: User) -> None:
        self.stage.receive_report(by=by, author="ip", on=self.cleaned_data["ip_report_on"])


class AdjudicationForm(_WithReport):
    step = "adjudicate"
    title = "Record the adjudication"
    report_title = "Adjudicating officer's decision"
    adjudicated_on = DateInputField(what="the adjudicating officer decided", today=True)
    adjudication = _text(
        "Adjudicating officer's decision",
        required=True,
        hint="In brief: what is upheld and what the council will do; the response letter "
        "gives the findings on each point",
    )
    field_order = ["adjudicated_on", "adjudication", "report"]

    def record(self, by: User) -> None:
        self.stage.adjudicate(
            by=by,
            on=self.cleaned_data["adjudicated_on"],
            decision=self.cleaned_data["adjudication"],
        )


class AppointForm(StepForm):
    step = "appoint"
    title = "Appoint someone to this stage"
    role = forms.ChoiceField(label="Role", error_messages={"required": "Choose the role"})
    practitioner = forms.ModelChoiceField(
        label="Person",
        queryset=Practitioner.objects.all(),
        empty_label="Choose a person",
        error_messages={"required": "Choose who is appointed"},
    )
    appointed_on = DateInputField(what="they were appointed", today=True)

    def __init__(self, *args: Any, stage: Stage, **kwargs: Any) -> None:
        super().__init__(*args, stage=stage, **kwargs)
        # The roles of this stage under this procedure's rules (no children's roles for
        # an adult or corporate complaint).
        allowed = stage.rules.roles_by_stage[stage.number]
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = [("", "Choose a role")] + [
            (value, label) for value, label in AppointmentRole.choices if value in allowed
        ]
        # The register of appointees: those still active who may take a role of this stage.
        person = self.fields["practitioner"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = Practitioner.objects.for_roles(allowed)

    def perform(self, by: User) -> None:
        data = self.cleaned_data
        self.stage.appoint(
            by=by, role=data["role"], practitioner=data["practitioner"], on=data["appointed_on"]
        )


class ElementChoiceField(forms.ModelChoiceField[Element]):
    def label_from_instance(self, obj: Element) -> str:
        return f"{obj.number}. {obj.description}"


class RecordFindingForm(StepForm):
    step = "record_finding"
    title = "Record a finding"
    element = ElementChoiceField(
        label="Point of complaint",
        queryset=Element.objects.none(),
        empty_label="Choose a point",
        error_messages={"required": "Choose the point of complaint"},
    )
    finding = forms.ChoiceField(
        label="Finding",
        choices=[("", "Choose a finding"), *Finding.choices],
        error_messages={"required": "Choose a finding"},
    )
    reasons = forms.CharField(
        label="Reasons (optional)",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Why: the response letter prints them under the point and its finding",
    )
    action = forms.CharField(
        label="Action promised (optional)",
        required=False,
        max_length=4_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the service will do about this point, as the letter will say",
    )

    def __init__(self, *args: Any, stage: Stage, **kwargs: Any) -> None:
        super().__init__(*args, stage=stage, **kwargs)
        element_field = self.fields["element"]
        assert isinstance(element_field, forms.ModelChoiceField)
        element_field.queryset = Element.objects.filter(complaint_id=stage.complaint_id)
        if stage.number != 1:
            del self.fields["action"]  # later stages agree remedies instead

    def perform(self, by: User) -> None:
        self.stage.record_finding(
            by=by,
            element=self.cleaned_data["element"],
            finding=self.cleaned_data["finding"],
            reasons=self.cleaned_data["reasons"],
            action=self.cleaned_data.get("action", ""),
        )


class HoldPanelForm(StepForm):
    step = "hold_panel"
    title = "Record the panel meeting"
    panel_held_on = DateInputField(what="the panel met", today=True)

    def perform(self, by: User) -> None:
        self.stage.hold_panel(by=by, on=self.cleaned_data["panel_held_on"])


class PanelReportForm(StepForm):
    step = "send_panel_report"
    title = "Record the panel's report"
    panel_report_sent_on = DateInputField(what="the panel's report was sent", today=True)

    def perform(self, by: User) -> None:
        self.stage.send_panel_report(by=by, on=self.cleaned_data["panel_report_sent_on"])


class RecommendationForm(StepForm):
    step = "record_recommendation"
    title = "Record a panel recommendation"
    text = _text("Recommendation", required=True, hint="In the panel's words, as in its report")
    element = ElementChoiceField(
        label="Point of complaint it is about (optional)",
        queryset=Element.objects.none(),
        required=False,
        empty_label="Not about one point",
    )

    def __init__(self, *args: Any, stage: Stage, **kwargs: Any) -> None:
        super().__init__(*args, stage=stage, **kwargs)
        element_field = self.fields["element"]
        assert isinstance(element_field, forms.ModelChoiceField)
        element_field.queryset = Element.objects.filter(complaint_id=stage.complaint_id)

    def perform(self, by: User) -> None:
        Recommendation.make(
            self.stage, by=by, text=self.cleaned_data["text"], element=self.cleaned_data["element"]
        )


class RecommendationChoiceField(forms.ModelChoiceField[Recommendation]):
    def label_from_instance(self, obj: Recommendation) -> str:
        return f"{obj.number}. {obj.text[:120]}"


class AnswerRecommendationForm(StepForm):
    step = "answer_recommendation"
    title = "Respond to a panel recommendation"
    recommendation = RecommendationChoiceField(
        label="Recommendation",
        queryset=Recommendation.objects.none(),
        empty_label="Choose a recommendation",
        error_messages={"required": "Choose the recommendation"},
    )
    response = forms.ChoiceField(
        label="The council's response",
        choices=PanelResponse.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the council's response"},
    )
    reasons = _text("Reasons", hint="Needed when it is not accepted in full: the letter gives them")
    action = _text(
        "What the council will do (optional)",
        hint="Record it as a remedy or a learning action on the case as well, to follow it up",
    )
    responded_on = DateInputField(what="the council decided its response", today=True)

    def __init__(self, *args: Any, stage: Stage, **kwargs: Any) -> None:
        super().__init__(*args, stage=stage, **kwargs)
        field = self.fields["recommendation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = stage.recommendations.filter(response="")

    def perform(self, by: User) -> None:
        self.cleaned_data["recommendation"].answer(
            by=by,
            response=self.cleaned_data["response"],
            reasons=self.cleaned_data["reasons"],
            action=self.cleaned_data["action"],
            on=self.cleaned_data["responded_on"],
        )


class RespondForm(StepForm):
    step = "respond"
    title = "Record the response"
    ended_on = DateInputField(what="the response was sent", today=True)

    def __init__(self, *args: Any, stage: Stage, **kwargs: Any) -> None:
        super().__init__(*args, stage=stage, **kwargs)
        due = stage.response_due
        if due is not None:
            self.fields["ended_on"].help_text = f"Due by {long_date(due)}. For example, 27 3 2025"

    def perform(self, by: User) -> None:
        self.stage.respond(by=by, on=self.cleaned_data["ended_on"])


class ResolveByAdrForm(StepForm):
    step = "resolve_by_adr"
    title = "Resolved by alternative dispute resolution"
    ended_on = DateInputField(what="the complaint was resolved", today=True)
    end_note = _text("How it was resolved", hint="For example, a meeting with the family")

    def perform(self, by: User) -> None:
        self.stage.resolve_by_adr(
            by=by, on=self.cleaned_data["ended_on"], note=self.cleaned_data["end_note"]
        )


class WithdrawForm(StepForm):
    step = "withdraw"
    title = "Withdrawn by the complainant"
    ended_on = DateInputField(what="the complaint was withdrawn", today=True)
    end_note = _text("Reason given (if any)")

    def perform(self, by: User) -> None:
        self.stage.withdraw(
            by=by, on=self.cleaned_data["ended_on"], reason=self.cleaned_data["end_note"]
        )


class NotAcceptForm(StepForm):
    step = "not_accept"
    title = "Not accepted"
    not_accepted_reason = forms.ChoiceField(
        label="Why is it not accepted?",
        choices=[("", "Choose a reason"), *NotAcceptedReason.choices],
        error_messages={"required": "Choose why the complaint is not accepted"},
    )
    ended_on = DateInputField(what="of the decision", label="Date of the decision", today=True)
    end_note = _text("Notes")

    def perform(self, by: User) -> None:
        data = self.cleaned_data
        self.stage.not_accept(
            by=by, on=data["ended_on"], reason=data["not_accepted_reason"], note=data["end_note"]
        )


class EscalateForm(StepForm):
    step = "escalate"
    title = "Escalate to the next stage"
    requested_on = DateInputField(what="the complainant asked for the next stage", today=True)

    def perform(self, by: User) -> None:
        self.stage.complaint.escalate(by=by, requested_on=self.cleaned_data["requested_on"])


class CloseForm(StepForm):
    step = "close"
    title = "Close the case"
    closed_on = DateInputField(what="the case was closed", today=True)

    def perform(self, by: User) -> None:
        self.stage.complaint.close(by=by, on=self.cleaned_data["closed_on"])


STEP_FORMS: dict[str, type[StepForm]] = {
    form.step: form
    for form in (
        AdvocacyForm,
        SufficientInterestForm,
        OutOfTimeForm,
        AcknowledgeForm,
        ExtendForm,
        PauseForm,
        ResumeForm,
        AgreeStatementForm,
        IoReportForm,
        IpReportForm,
        AdjudicationForm,
        AppointForm,
        RecordFindingForm,
        HoldPanelForm,
        PanelReportForm,
        RecommendationForm,
        AnswerRecommendationForm,
        RespondForm,
        ResolveByAdrForm,
        WithdrawForm,
        NotAcceptForm,
        EscalateForm,
        CloseForm,
    )
}
