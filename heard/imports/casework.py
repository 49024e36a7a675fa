"""Importing compliments, Ombudsman cases, subject access requests and monthly referrals.

These sheets are small (hundreds of rows, not hundreds of thousands), so each row goes
through the same model methods as the screens: the same rules, the same events. A broken rule
is reported against its row and column; the caller rolls everything back if any row failed.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.db.models import Max

from heard.complaints.models import Complaint
from heard.compliments.models import Compliment, Giver
from heard.core.errors import DomainError
from heard.core.models import Service, Team
from heard.enquiries.models import Enquiry, MemberKind, RepresentationKind
from heard.imports import cells
from heard.imports.cells import CellError, Choices, UnknownWord
from heard.imports.models import ImportedRow
from heard.imports.problems import Problem
from heard.imports.questions import Questions
from heard.imports.sheets import Sheet
from heard.imports.teams import TeamMatcher
from heard.ombudsman.models import AFTER_INVESTIGATION, Area, Decision, OmbudsmanCase
from heard.referrals.csvimport import parse_month
from heard.referrals.store import save_counts
from heard.sars.models import Exemption, RequesterRole, SarOutcome, SubjectAccessRequest


class RowFailed(Exception):
    """This row has problems; they are already recorded."""


class Row:
    """One row's cells by column name, reading each and recording what is wrong."""

    def __init__(self, job: SheetImport, number: int, values: list[object]) -> None:
        self.job = job
        self.number = number
        self.values = values
        self.failed = False
        #: Whether the row waits on what a word means (heard.imports.questions).
        self.waits = False
        self.problems_before = len(job.problems)

    def raw(self, column: str) -> object:
        index = self.job.columns.get(column)
        return self.values[index] if index is not None and index < len(self.values) else None

    def get(self, column: str, reader: Callable[[object], Any], *, required: str = "") -> Any:
        try:
            value = reader(self.raw(column))
        except UnknownWord as question:
            self.job.questions.ask(question.words, self.number)
            self.failed = self.waits = True
            return None
        except CellError as error:
            self.job.problem(self.number, column, str(error))
            self.failed = True
            return None
        if required and value in (None, ""):
            self.job.problem(self.number, column, required)
            self.failed = True
        return value

    def text(self, column: str, *, required: str = "", limit: int = 300) -> str:
        value = self.get(column, cells.text, required=required)
        return (value or "")[:limit]

    def both_or_neither(
        self, value: object, day: object, columns: tuple[str, str], message: str
    ) -> None:
        """A value and its date go together: a decision and the day it was made."""
        if bool(value) != bool(day):
            self.job.problem(self.number, columns[1] if value else columns[0], message)
            self.failed = True

    def done(self) -> None:
        if self.waits:
            # Checked again once the words are answered; what else is wrong shows then too.
            del self.job.problems[self.problems_before :]
        if self.failed:
            raise RowFailed


class SheetImport(ABC):
    """A sheet whose rows are applied one by one through the models."""

    columns_known: dict[str, set[str]] = {}
    required: tuple[str, ...] = ()
    #: The column that holds each model field a broken rule names.
    field_columns: dict[str, str] = {}

    def __init__(self, sheet: Sheet, by: Any = None, pending: set[str] | None = None) -> None:
        self.sheet = sheet
        self.by = by
        #: Complaint references in this import that could not be written: a link to one is
        #: not reported again.
        self.pending = {r.casefold() for r in pending or set()}
        self.problems: list[Problem] = []
        self.columns, self.ignored = sheet.columns(self.columns_known)
        self.added = 0
        self.already_held = 0
        self.teams: dict[str, Team] = {}
        self.team_matcher = TeamMatcher()
        self.imported: list[ImportedRow] = []
        self.keys_before: dict[Any, int] = {}
        #: Rows added that say the same as a record already held (told, never merged).
        self.look_alike = 0
        #: Words the sheet uses that Heard does not know yet, and the rows that wait on them.
        self.questions = Questions()

    def problem(self, row: int | None, column: str | None, message: str) -> None:
        heading = column.replace("_", " ") if column else None
        self.problems.append(Problem(self.sheet.name, row, heading, message))

    def run(self) -> None:
        missing = [c for c in self.required if c not in self.columns]
        for column in missing:
            self.problem(None, None, f"there is no “{column.replace('_', ' ')}” column")
        if missing:
            return
        for number, values in self.sheet.rows:
            row = Row(self, number, values)
            try:
                self.apply(row)
            except RowFailed:
                continue
            except DomainError as error:
                field = error.field or ""
                named = self.field_columns.get(field, field) or None
                self.problem(number, named, error.message)
        ImportedRow.objects.bulk_create(self.imported)

    @cached_property
    def rows_held(self) -> set[int]:
        """The rows of this very sheet imported before (a sheet with no references)."""
        held = ImportedRow.objects.filter(fingerprint=self.sheet.fingerprint)
        return set(held.values_list("row", flat=True))

    def held(self, row: Row) -> bool:
        """Whether this row was imported before, counting it if so."""
        if row.number in self.rows_held:
            self.already_held += 1
            return True
        return False

    def compare(self, same: Any) -> None:
        """Count a new row that says the same as a record held before this import (`same`,
        a queryset): it is still added, but the summary says so, in case the log was
        imported before. Records this import adds have keys above those held before it."""
        if same.filter(pk__lte=self.last_key_before(same.model)).exists():
            self.look_alike += 1

    def last_key_before(self, model: Any) -> int:
        """The highest key of `model` before this import wrote any (looked up once)."""
        if model not in self.keys_before:
            self.keys_before[model] = model.objects.aggregate(last=Max("pk"))["last"] or 0
        return self.keys_before[model]

    def imported_as(self, row: Row, record: Any) -> None:
        """Remember what the row became, so importing the sheet again adds nothing."""
        self.imported.append(
            ImportedRow(
                fingerprint=self.sheet.fingerprint,
                row=row.number,
                kind=self.sheet.kind,
                record_id=record.pk,
            )
        )
        self.added += 1

    @abstractmethod
    def apply(self, row: Row) -> None:
        """Check one row and, if it is sound, write it through the models."""

    def team(self, row: Row, *, required: bool = True) -> Team | None:
        """The team the row names (heard.imports.teams), added if it is new."""
        name = row.get(
            "team", self.team_matcher.read, required="Enter the team" if required else ""
        )
        if not name:
            return None
        # One lookup per team, not per row.
        folded = cells.key(name)
        if folded not in self.teams:
            team = Team.objects.filter(name__iexact=name).first()
            self.teams[folded] = team or Team.objects.create(name=name)
        return self.teams[folded]


GIVERS = Choices(
    "who gave it",
    Giver.choices,
    {"child": Giver.CHILD, "young person": Giver.CHILD, "parent": Giver.PARENT},
    vocabulary="giver",
)


class ComplimentImport(SheetImport):
    columns_known = {
        "received": {"received", "date", "date received"},
        "team": {"team", "service"},
        "giver": {"giver", "who gave it", "from"},
        "summary": {"summary"},
        "quote": {"quote", "what they said"},
        "consent": {"consent", "consent to publish", "may be published"},
    }
    required = ("received", "team", "giver")

    def apply(self, row: Row) -> None:
        received = row.get("received", cells.required_date)
        giver = row.get("giver", GIVERS.read)
        summary = row.text("summary") or "Imported compliment"
        quote = row.get("quote", cells.text) or ""
        consent = bool(row.get("consent", cells.yes_no))
        team = self.team(row)
        row.done()
        if self.held(row):
            return
        self.compare(
            Compliment.objects.filter(
                received_on=received, team=team, giver=giver, summary=summary, quote=quote
            )
        )
        compliment = Compliment.log(
            by=self.by,
            received_on=received,
            consent_to_publish=consent,
            team=team,
            giver=giver,
            summary=summary,
            quote=quote,
        )
        self.imported_as(row, compliment)


DECISIONS = Choices(
    "an Ombudsman decision",
    Decision.choices,
    {
        "premature": Decision.PREMATURE,
        "referred back": Decision.PREMATURE,
        "assessed and closed": Decision.ASSESSED_AND_CLOSED,
        "closed after initial assessment": Decision.ASSESSED_AND_CLOSED,
        "invalid": Decision.INVALID,
        "incomplete": Decision.INVALID,
        "advice": Decision.ADVICE,
        "outside jurisdiction": Decision.NOT_IN_JURISDICTION,
    },
    vocabulary="ombudsman_decision",
)
AREAS = Choices(
    "an area",
    Area.choices,
    {"children's": Area.CHILDREN, "adults": Area.ADULTS, "adult social care": Area.ADULTS},
    vocabulary="area",
)
FLAGS = (
    "detailed_investigation",
    "fault",
    "injustice",
    "maladministration",
    "remedy_already_provided",
    "public_interest_report",
)


class OmbudsmanImport(SheetImport):
    columns_known = {
        "ombudsman_reference": {"ombudsman reference", "lgsco reference"},
        "complaint": {"complaint", "complaint reference"},
        "area": {"area"},
        "team": {"team", "service"},
        "summary": {"summary"},
        "received": {"received", "enquiry received"},
        "reply_due": {"reply due", "council's reply due"},
        "replied": {"replied", "council replied"},
        "decided": {"decided", "decision date"},
        "decision": {"decision"},
        **{flag: {flag.replace("_", " ")} for flag in FLAGS},
        "remedy": {"remedy"},
        "remedy_amount": {"remedy amount"},
        "remedy_due": {"remedy due"},
        "remedy_completed": {"remedy completed"},
    }
    columns_known["fault"] |= {"fault found"}
    #: A case with no team or reply-due date is kept, "not recorded" (issue 22).
    required = ("ombudsman_reference", "received")
    field_columns = {
        "ombudsman_reference": "ombudsman_reference",
        "enquiry_received_on": "received",
        "reply_due_on": "reply_due",
        "replied_on": "replied",
        "decided_on": "decided",
        "description": "remedy",
        "amount": "remedy_amount",
        "due_on": "remedy_due",
        "completed_on": "remedy_completed",
        "on": "decided",
    }

    def apply(self, row: Row) -> None:
        reference = row.text("ombudsman_reference", required="Enter the Ombudsman's reference")
        complaint_ref = row.text("complaint")
        complaint = None
        if complaint_ref:
            complaint = Complaint.objects.filter(reference__iexact=complaint_ref).first()
            if complaint is None and complaint_ref.casefold() in self.pending:
                row.failed = True
            elif complaint is None:
                self.problem(
                    row.number, "complaint", f"No complaint has the reference {complaint_ref}"
                )
                row.failed = True
        area = row.get("area", AREAS.optional) or (
            complaint.procedure
            if complaint and complaint.procedure in Area.values
            else Area.CHILDREN
        )
        received = row.get("received", cells.required_date)
        reply_due = row.get("reply_due", cells.optional_date)
        replied = row.get("replied", cells.optional_date)
        decided = row.get("decided", cells.optional_date)
        decision = row.get("decision", DECISIONS.optional)
        flags = {flag: row.get(flag, cells.yes_no) for flag in FLAGS}
        remedy = row.text("remedy")
        remedy_amount = row.get("remedy_amount", cells.amount)
        remedy_due = row.get("remedy_due", cells.optional_date)
        remedy_completed = row.get("remedy_completed", cells.optional_date)
        # The team of the complaint behind it, where the log gives none.
        team = self.team(row, required=False) or (complaint.team if complaint else None)
        row.both_or_neither(
            decision,
            decided,
            ("decision", "decided"),
            "Give both the decision and its date, or neither",
        )
        if (remedy or remedy_amount) and not remedy_due:
            self.problem(row.number, "remedy_due", "Enter the date the remedy is due")
            row.failed = True
        row.done()
        if OmbudsmanCase.objects.filter(ombudsman_reference__iexact=reference).exists():
            self.already_held += 1
            return
        case = OmbudsmanCase.log(
            by=self.by,
            enquiry_received_on=received,
            reply_due_on=reply_due,
            ombudsman_reference=reference,
            complaint=complaint,
            area=area,
            team=team,
            summary=row.text("summary") or "Imported Ombudsman case",
        )
        if replied:
            case.record_reply(by=self.by, on=replied)
        if decision:
            # Blank flags follow the decision: an upheld or not upheld case was investigated,
            # and an upheld one found fault.
            if flags["detailed_investigation"] is None:
                flags["detailed_investigation"] = decision in AFTER_INVESTIGATION
            if flags["fault"] is None:
                flags["fault"] = decision == Decision.UPHELD
            case.record_decision(
                by=self.by,
                on=decided,
                decision=decision,
                **{flag: bool(value) for flag, value in flags.items()},
            )
        if remedy or remedy_amount:
            added = case.add_remedy(
                by=self.by,
                description=remedy or "Imported remedy",
                due_on=remedy_due,
                amount=remedy_amount,
            )
            if remedy_completed:
                case.complete_remedy(by=self.by, remedy=added, on=remedy_completed)
        self.added += 1


ROLES = Choices(
    "who is asking",
    RequesterRole.choices,
    {"self": RequesterRole.SELF, "care leaver": RequesterRole.SELF},
    vocabulary="requester_role",
)
SAR_OUTCOMES = Choices(
    "a subject access outcome",
    SarOutcome.choices,
    {
        "disclosed": SarOutcome.DISCLOSED_FULL,
        "full": SarOutcome.DISCLOSED_FULL,
        "partial": SarOutcome.DISCLOSED_PART,
        "disclosed in part": SarOutcome.DISCLOSED_PART,
        "no data": SarOutcome.NO_DATA,
        "refused": SarOutcome.REFUSED,
    },
    vocabulary="sar_outcome",
)


SERVICES = Choices(
    "a service",
    Service.choices,
    {"csc": Service.CHILDREN, "adults": Service.ADULTS, "corporate": Service.CORPORATE},
    vocabulary="service",
)


class SarImport(SheetImport):
    columns_known = {
        "received": {"received", "date received"},
        "requester": {"requester", "requester name", "requester's name"},
        "requester_role": {"requester role", "who is asking"},
        "data_subject": {"data subject", "whose records"},
        "care_leaver": {"care leaver"},
        "service": {"service", "which service's records"},
        "records_sought": {"records sought", "what was asked for"},
        "identity_verified": {"identity verified", "proof of identity received"},
        "authority_received": {"authority received", "proof of authority received"},
        "extension_told": {"extension told", "extended on"},
        "months_allowed": {"months allowed", "extended to months"},
        "extension_reason": {"extension reason"},
        "closed": {"closed", "completed", "responded"},
        "outcome": {"outcome"},
        "pages_reviewed": {"pages reviewed"},
        "pages_disclosed": {"pages disclosed"},
        "exemptions": {"exemptions"},
    }
    required = ("received", "requester")
    field_columns = {
        "received_on": "received",
        "identity_verified_on": "identity_verified",
        "authority_received_on": "authority_received",
        "told_on": "extension_told",
        "months": "months_allowed",
        "reason": "extension_reason",
        "closed_on": "closed",
    }

    def apply(self, row: Row) -> None:
        received = row.get("received", cells.required_date)
        requester = row.text("requester", required="Enter the requester's name", limit=200)
        role = row.get("requester_role", ROLES.optional) or RequesterRole.SELF
        subject = row.text("data_subject", limit=200) or requester
        care_leaver = bool(row.get("care_leaver", cells.yes_no))
        service = row.get("service", SERVICES.optional) or Service.CHILDREN
        identity = row.get("identity_verified", cells.optional_date)
        authority = row.get("authority_received", cells.optional_date)
        told = row.get("extension_told", cells.optional_date)
        months = row.get("months_allowed", cells.whole_number)
        closed = row.get("closed", cells.optional_date)
        outcome = row.get("outcome", SAR_OUTCOMES.optional)
        reviewed = row.get("pages_reviewed", cells.whole_number)
        disclosed = row.get("pages_disclosed", cells.whole_number)
        exemptions = self._exemptions(row)
        row.both_or_neither(
            outcome, closed, ("outcome", "closed"), "Give both the outcome and the date, or neither"
        )
        row.done()
        if self.held(row):
            return
        self.compare(
            SubjectAccessRequest.objects.filter(
                received_on=received, requester_name=requester, data_subject_name=subject
            )
        )
        request = SubjectAccessRequest.log(
            by=self.by,
            received_on=received,
            requester_name=requester,
            requester_role=role,
            data_subject_name=subject,
            care_leaver=care_leaver,
            service=service,
            records_sought=row.text("records_sought") or "Imported request",
            identity_verified_on=identity,
            authority_received_on=authority,
        )
        if told or months:
            request.extend(
                by=self.by,
                told_on=told or received,
                months=months or 3,
                reason=row.text("extension_reason") or "Recorded in the imported log",
            )
        if outcome:
            request.close(
                by=self.by,
                on=closed,
                outcome=outcome,
                pages_reviewed=reviewed,
                pages_disclosed=disclosed,
                exemptions=exemptions,
            )
        self.imported_as(row, request)

    @cached_property
    def exemption_list(self) -> dict[str, Exemption]:
        """The pick-list, read once per sheet."""
        return {cells.key(e.name): e for e in Exemption.objects.all()}

    def _exemptions(self, row: Row) -> list[Exemption]:
        names = [n.strip() for n in cells.text(row.raw("exemptions")).split(";") if n.strip()]
        known = self.exemption_list
        found = []
        for name in names:
            exemption = known.get(cells.key(name)) or next(
                (e for k, e in known.items() if k.startswith(cells.key(name))), None
            )
            if exemption is None:
                self.problem(row.number, "exemptions", f"“{name}” is not an exemption")
                row.failed = True
            else:
                found.append(exemption)
        return found


class ReferralImport(SheetImport):
    columns_known = {"month": {"month"}, "referrals": {"referrals"}}
    required = ("month", "referrals")

    def run(self) -> None:
        self.counts: dict[Any, int] = {}
        super().run()
        if not self.problems and self.counts:
            self.added, changed = save_counts(self.counts, by=self.by)
            self.already_held = len(self.counts) - self.added - changed

    def apply(self, row: Row) -> None:
        month = parse_month(cells.text(row.raw("month"))) if row.raw("month") else None
        if month is None:
            self.problem(row.number, "month", "Enter a month, like 2025-04 or April 2025")
            row.failed = True
        count = row.get("referrals", cells.whole_number, required="Enter the number of referrals")
        row.done()
        if month in self.counts:
            self.problem(row.number, "month", f"{month:%B %Y} appears more than once")
            return
        self.counts[month] = count


REPRESENTATION_KINDS = Choices(
    "an enquiry or other representation",
    RepresentationKind.choices,
    {
        "member enquiry": RepresentationKind.MEMBER_ENQUIRY,
        "councillor enquiry": RepresentationKind.MEMBER_ENQUIRY,
        "mp enquiry": RepresentationKind.MEMBER_ENQUIRY,
        "professional complaint": RepresentationKind.PROFESSIONAL,
    },
    vocabulary="representation_kind",
)
MEMBERS = Choices(
    "a councillor or an MP",
    MemberKind.choices,
    {"cllr": MemberKind.COUNCILLOR, "member of parliament": MemberKind.MP},
    vocabulary="member_kind",
)


class RepresentationImport(SheetImport):
    """Enquiries and other representations, one row each (docs/import.md). They have no
    reference in a log: a row already imported is told by its sheet and row number."""

    columns_known = {
        "received": {"received", "date", "date received"},
        "kind": {"representation", "kind", "type", "what it is"},
        "member_kind": {"from a", "councillor or mp", "member"},
        "name": {"name", "from", "member name", "made by"},
        "on_behalf_of": {"on behalf of", "constituent"},
        "team": {"team", "service"},
        "summary": {"summary"},
        "replied": {"replied", "reply sent", "responded"},
    }
    required = ("received", "kind", "team")
    field_columns = {
        "received_on": "received",
        "member_kind": "member_kind",
        "member_name": "name",
        "responded_on": "replied",
    }

    def apply(self, row: Row) -> None:
        received = row.get("received", cells.required_date)
        kind = row.get("kind", REPRESENTATION_KINDS.read)
        member_kind = row.get("member_kind", MEMBERS.optional) or ""
        name = row.text("name", limit=200)
        on_behalf_of = row.text("on_behalf_of", limit=200)
        summary = row.text("summary") or "Imported enquiry"
        replied = row.get("replied", cells.optional_date)
        team = self.team(row)
        row.done()
        if self.held(row):
            return
        self.compare(
            Enquiry.objects.filter(
                received_on=received, kind=kind, team=team, member_name=name, summary=summary
            )
        )
        enquiry = Enquiry.log(
            by=self.by,
            received_on=received,
            kind=kind,
            member_kind=member_kind,
            member_name=name,
            constituent=on_behalf_of,
            team=team,
            summary=summary,
        )
        if replied is not None:
            enquiry.respond(by=self.by, on=replied)
        self.imported_as(row, enquiry)


IMPORTERS: dict[str, type[SheetImport]] = {
    "compliments": ComplimentImport,
    "representations": RepresentationImport,
    "ombudsman": OmbudsmanImport,
    "subject_access": SarImport,
    "referrals": ReferralImport,
}
