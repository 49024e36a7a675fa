"""import_cases: a complaints log and the team's other casework, all or nothing."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from heard.complaints.choices import ComplaintStatus, StageStatus
from heard.complaints.models import Complaint, Cost, ElementFinding, Stage
from heard.compliments.models import Compliment
from heard.core.models import ReferenceSequence
from heard.enquiries.models import Enquiry
from heard.imports.models import WordMeaning
from heard.imports.questions import save_answers
from heard.imports.service import run_import
from heard.ombudsman.models import OmbudsmanCase
from heard.referrals.models import MonthlyReferrals
from heard.sars.models import SarOutcome, SubjectAccessRequest

pytestmark = pytest.mark.django_db

VALID = """\
Reference,Procedure,Stage,Received,Acknowledged,Extended to,Ended,Outcome,Themes,Team,\
Relationship,From a child,Advocate,Ethnicity,IO fee,IP fee,Notes
CSC-2021-00007,Children's social care,1,2021-04-06,2021-04-07,,2021-04-15,Partly upheld,\
Delay; Communication,Fostering,Parent,no,no,White British,,,called twice
CSC-2021-00007,,2,2021-04-20,,2021-07-19,2021-05-20,Not upheld,Delay,,,,,,"£1,200.00",450,
CSC-2021-00008,children,1,06/05/2021,,,,,,Leaving care,,yes,yes,,,,
ASC-1,Adult social care,1,2021-05-06,,,2021-06-10,ADR,,Older people,,,,,,,
"""


def run(text: str, **options):
    return run_import([("log.csv", text.encode())], **options)


def test_a_valid_log_creates_each_complaint_with_its_stages_findings_and_costs():
    result = run(VALID)
    assert result.ok
    assert result.added["complaints"] == 3
    first = Complaint.objects.get(reference="CSC-2021-00007")
    assert (first.status, first.current_stage, first.closed_on) == (
        ComplaintStatus.CLOSED,
        2,
        date(2021, 5, 20),
    )
    assert first.complainant.ethnicity == "white_british"
    stages = list(first.stages.order_by("number"))
    assert [s.status for s in stages] == [StageStatus.RESPONDED, StageStatus.RESPONDED]
    assert stages[1].extended_to == date(2021, 7, 19)
    findings = ElementFinding.objects.filter(element__complaint=first)
    assert sorted((f.stage.number, f.element.theme.name, f.finding) for f in findings) == [
        (1, "Communication", "partially_upheld"),
        (1, "Delay", "partially_upheld"),
        (2, "Delay", "not_upheld"),
    ]
    assert sorted(Cost.objects.filter(stage=stages[1]).values_list("kind", "amount")) == [
        ("io_fee", Decimal("1200.00")),
        ("ip_fee", Decimal("450.00")),
    ]
    event = first.events.get()
    assert (event.action, event.details) == ("import", {"file": "log.csv", "row": 2})
    # Unknown columns are reported, not silently dropped.
    assert result.ignored_columns == {"log.csv": ["notes"]}


FOLLOWED_THROUGH = """\
Reference,Stage,Received,Ended,Outcome,Themes,Team,Relationship,Remedy,Remedy type,\
Remedy amount,Remedy owner,Remedy due,Remedy completed,Lessons learned,Learning owner,\
Learning due
CSC-2021-00031,1,2021-04-06,2021-04-20,Upheld,Communication,Fostering,Parent,\
Time and trouble payment,,£150,Team manager,2021-05-04,2021-05-01,\
Return calls within a day,Head of service,2021-07-01
CSC-2021-00032,1,2021-04-06,2021-04-20,ADR,,Fostering,Parent,A meeting with the manager,,,,,,\
Brief the team,,
"""


def test_remedies_and_learning_actions_are_imported_with_who_when_and_whether_done():
    result = run(FOLLOWED_THROUGH)
    assert result.ok, [str(p) for p in result.problems]
    first = Complaint.objects.get(reference="CSC-2021-00031")
    remedy = first.remedies.get()
    assert (remedy.kind, remedy.amount, remedy.owner) == (
        "financial",
        Decimal("150.00"),
        "Team manager",
    )
    assert (remedy.agreed_on, remedy.due_on, remedy.completed_on) == (
        date(2021, 4, 20),
        date(2021, 5, 4),
        date(2021, 5, 1),
    )
    assert remedy.stage.number == 1
    action = first.learning_actions.get()
    assert (action.description, action.theme.name, action.due_on) == (
        "Return calls within a day",
        "Communication",
        date(2021, 7, 1),
    )
    second = Complaint.objects.get(reference="CSC-2021-00032")
    assert second.remedies.get().kind == "other"  # a remedy in words only
    # No theme on the row and none given for the action: "Other"; no due date: none.
    action = second.learning_actions.get()
    assert (action.theme.name, action.owner, action.due_on) == ("Other", "Not recorded", None)


def test_a_remedy_or_learning_action_that_breaks_a_rule_is_reported_on_its_cell():
    bad = FOLLOWED_THROUGH.replace("2021-05-04,2021-05-01", "2021-04-01,2099-01-01").replace(
        "manager,,,", "manager,Apology,£20,"
    )
    result = run(bad)
    assert not result.ok
    problems = {(p.row, p.column, p.message) for p in result.problems}
    assert (2, "remedy due", "The date cannot be before it was agreed (20/04/2021)") in problems
    assert (2, "remedy completed", "The date cannot be in the future") in problems
    assert (3, "remedy type", "Only a financial remedy has an amount") in problems
    assert not Complaint.objects.exists()


def test_an_open_imported_complaint_gets_its_deadline_from_the_calendar():
    run(VALID)
    child = Complaint.objects.get(reference="CSC-2021-00008")
    assert child.status == ComplaintStatus.OPEN
    assert child.relationship == "child"
    assert child.advocacy_taken_up is True
    # Received Thursday 6 May 2021, not acknowledged: due in 3 working days (Tuesday 11th).
    assert child.next_due_on == date(2021, 5, 11)


def test_the_sequence_moves_past_an_imported_reference_in_heards_own_form():
    run(VALID)
    assert ReferenceSequence.objects.get(prefix="CSC", year=2021).last == 8
    assert ReferenceSequence.next_reference("CSC", 2021) == "CSC-2021-00009"


def test_importing_the_same_file_again_adds_nothing():
    run(VALID)
    again = run(VALID)
    assert again.ok
    assert (again.added["complaints"], again.already_held["complaints"]) == (0, 3)
    assert Complaint.objects.count() == 3
    assert Stage.objects.count() == 4


def test_a_dry_run_checks_everything_and_writes_nothing():
    result = run(VALID, dry_run=True)
    assert result.ok
    assert result.added["complaints"] == 3
    assert "3 complaints would be added" in result.summary()[0]
    assert not Complaint.objects.exists()


BAD = """\
Reference,Procedure,Stage,Received,Acknowledged,Ended,Outcome,Themes,Team,Relationship
CSC-9,children,1,2021-04-31,,2021-04-15,Partly uphold,Delay,Fostering,Parent
CSC-10,children,2,2021-04-06,,,,Delay,Fostering,Parent
CSC-11,children,1,2021-04-06,2021-04-01,2021-04-20,upheld,,Fostering,
CSC-12,children,1,2021-04-06,,2021-04-20,upheld,Delay=upheld; Communication=not upheld,\
Fostering,Parent
CSC-13,children,1,2021-04-06,,2021-04-20,withdrawn,,Fostering,Parent
CSC-13,children,2,2021-04-26,,,,,Fostering,Parent
CSC-14,children,1,2021-04-06,,,,Bananas,,Parent
CSC-15,children,1,2021-04-06,,,upheld,Delay,Fostering,Parent
CSC-16,children,4,2021-04-06,,,,,Fostering,Parent
OK-1,children,1,2021-04-06,,2021-04-20,not upheld,Delay,Fostering,Parent
"""


def test_every_bad_row_is_reported_with_its_row_column_and_reason_and_nothing_is_imported():
    result = run(BAD)
    assert not result.ok
    # A word Heard does not know is a question, not a problem: its row is checked once the
    # word is answered (rows 2 and 8 here), and nothing is imported meanwhile.
    assert [q.as_dict() for q in result.questions.in_order()] == [
        {"vocabulary": "outcome", "word": "Partly uphold", "rows": 1},
        {"vocabulary": "theme", "word": "Bananas", "rows": 1},
    ]
    assert [str(p) for p in result.problems] == [
        "log.csv, row 3, column “stage”: CSC-10 has no Stage 1 row",
        "log.csv, row 4, column “acknowledged”: The date cannot be before the stage started",
        "log.csv, row 4, column “relationship”: Enter the complainant's relationship to the child",
        "log.csv, row 5, column “outcome”: The findings on the themes make the outcome "
        "“partially upheld”, not “upheld”",
        "log.csv, row 7, column “stage”: Stage 2 follows a Stage 1 that ended as “withdrawn”: "
        "only a response, or an escalation without one, leads on",
        "log.csv, row 9, column “ended”: Enter the date the stage ended",
        "log.csv, row 10, column “stage”: “4” is not a stage: use 1, 2 or 3, or informal for "
        "a stage before Stage 1",
    ]
    # Answered, the rows are checked in full: row 2's date and row 8's team are wrong too.
    save_answers([("outcome", "Partly uphold", "partially_upheld"), ("theme", "Bananas", "new")])
    again = run(BAD)
    assert not again.questions
    problems = [str(p) for p in again.problems]
    assert problems[0] == (
        "log.csv, row 2, column “received”: “2021-04-31” is not a date, like 2021-04-06 or "
        "06/04/2021"
    )
    assert "log.csv, row 8, column “team”: Enter the team the complaint is about" in problems
    # All or nothing: the good row (OK-1) is not imported either.
    assert not Complaint.objects.exists()


def test_the_same_bad_cell_on_two_rows_is_reported_on_each():
    # Each distinct cell is read once; its problem is still reported on every row it is on.
    result = run(
        "Reference,Stage,Received,Outcome,Themes,Team,Relationship\n"
        "A-1,1,2021-04-31,,,Fostering,Parent\n"
        "A-2,1,2021-04-06,,,Fostering,Parent\n"
        "A-3,1,2021-04-31,,,Fostering,Parent\n"
    )
    assert [(p.row, p.column) for p in result.problems] == [(2, "received"), (4, "received")]


def test_a_log_without_a_required_column_says_which_is_missing():
    result = run("Reference,Stage,Received\nX,1,2021-04-06\n")
    assert [str(p) for p in result.problems] == ["log.csv: there is no “team” column"]


def test_a_csv_file_whose_headings_say_nothing_is_refused():
    result = run("Name,Date\nX,2021-04-06\n")
    assert "the headings do not say what the file holds" in str(result.problems[0])


def test_the_command_lists_the_problems_and_exits_with_an_error(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(BAD, encoding="utf-8")
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    with pytest.raises(CommandError, match="say what each of these words means") as raised:
        call_command("import_cases", str(path), **quiet)
    assert "“Partly uphold” (outcome, 1 row): one of upheld, partially_upheld" in str(raised.value)
    assert "row 9, column “ended”" in str(raised.value)
    # Answered on the command line, the words are kept and the rows checked in full.
    meanings = ["outcome:Partly uphold=partially_upheld", "theme:Bananas=new"]
    with pytest.raises(CommandError, match="Nothing was imported: 9 problems") as raised:
        call_command("import_cases", str(path), *[f"--meaning={m}" for m in meanings], **quiet)
    assert "row 8, column “team”" in str(raised.value)
    assert WordMeaning.objects.count() == 2
    with pytest.raises(CommandError, match="“sometimes” is not an answer for outcome"):
        call_command("import_cases", str(path), "--meaning=outcome:Partly=sometimes", **quiet)


def test_the_command_reports_progress_and_what_it_added(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(VALID, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cases", str(path), stdout=out, stderr=err)
    assert "Checked: 4 of 4" in err.getvalue()
    assert "3 complaints added" in out.getvalue()


def workbook() -> bytes:
    book = Workbook()
    complaints = book.active
    complaints.title = "Complaints"
    complaints.append(
        ["Reference", "Stage", "Received", "Ended", "Outcome", "Themes", "Team", "Relationship"]
    )
    complaints.append(
        [
            "CSC-2021-00001",
            1,
            date(2021, 4, 6),
            date(2021, 4, 20),
            "Upheld",
            "Delay",
            "Fostering",
            "Parent",
        ]
    )
    compliments = book.create_sheet("Compliments")
    compliments.append(["Received", "Team", "Giver", "Quote", "Consent to publish"])
    compliments.append([date(2021, 5, 1), "Fostering", "Parent", "Thank you", "yes"])
    ombudsman = book.create_sheet("Ombudsman")
    ombudsman.append(
        [
            "Ombudsman reference",
            "Complaint reference",
            "Team",
            "Received",
            "Reply due",
            "Decided",
            "Decision",
            "Remedy",
            "Remedy amount",
            "Remedy due",
            "Remedy completed",
        ]
    )
    ombudsman.append(
        [
            "21001234",
            "CSC-2021-00001",
            "Fostering",
            date(2021, 6, 1),
            date(2021, 6, 29),
            date(2021, 8, 2),
            "Upheld",
            "Apology and payment",
            250,
            date(2021, 9, 1),
            date(2021, 8, 20),
        ]
    )
    sars = book.create_sheet("Subject access")
    sars.append(
        [
            "Received",
            "Requester",
            "Care leaver",
            "Identity verified",
            "Closed",
            "Outcome",
            "Pages reviewed",
            "Pages disclosed",
            "Exemptions",
        ]
    )
    sars.append(
        [
            date(2021, 4, 12),
            "Jordan Smith",
            "yes",
            date(2021, 4, 12),
            date(2021, 5, 7),
            "Disclosed in part",
            400,
            350,
            "Third-party personal data",
        ]
    )
    referrals = book.create_sheet("Referrals")
    referrals.append(["Month", "Referrals"])
    referrals.append(["2021-04", 351])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_imports_each_kind_of_case_from_its_own_sheet():
    result = run_import([("history.xlsx", workbook())])
    assert result.ok, [str(p) for p in result.problems]
    assert result.added == {
        "complaints": 1,
        "compliments": 1,
        "ombudsman": 1,
        "subject_access": 1,
        "referrals": 1,
    }
    case = OmbudsmanCase.objects.get()
    assert case.complaint.reference == "CSC-2021-00001"
    assert (case.decision, case.detailed_investigation, case.fault) == ("upheld", True, True)
    assert case.remedies.get().complied is True
    sar = SubjectAccessRequest.objects.get()
    assert (sar.outcome, sar.care_leaver, sar.closed_in_time) == (
        SarOutcome.DISCLOSED_PART,
        True,
        True,
    )
    assert Compliment.objects.get().consent_to_publish is True
    assert MonthlyReferrals.objects.get().referrals == 351
    again = run_import([("history.xlsx", workbook())])
    assert again.added == dict.fromkeys(again.added, 0)
    assert OmbudsmanCase.objects.count() == 1


def test_a_broken_rule_on_another_sheet_is_reported_against_its_row():
    book = Workbook()
    sheet = book.active
    sheet.title = "Ombudsman"
    sheet.append(
        ["Ombudsman reference", "Team", "Received", "Reply due", "Decided", "Decision", "Fault"]
    )
    sheet.append(["21009999", "Fostering", date(2021, 6, 1), date(2021, 5, 1), None, None, None])
    sheet.append(
        [
            "21009998",
            "Fostering",
            date(2021, 6, 1),
            date(2021, 6, 29),
            date(2021, 8, 2),
            "Upheld",
            "no",
        ]
    )
    out = io.BytesIO()
    book.save(out)
    result = run_import([("lgo.xlsx", out.getvalue())])
    messages = [str(p) for p in result.problems]
    assert len(messages) == 2
    assert messages[0].startswith("lgo.xlsx, sheet “Ombudsman”, row 2, column “reply due”: The")
    assert messages[1].startswith("lgo.xlsx, sheet “Ombudsman”, row 3")
    assert "fault" in messages[1]
    assert not OmbudsmanCase.objects.exists()


def test_a_file_that_is_neither_csv_nor_a_workbook_is_refused():
    result = run_import([("notes.txt", b"hello")])
    assert [str(p) for p in result.problems] == [
        "notes.txt: the file must be an Excel workbook (.xlsx) or a CSV file"
    ]


def test_fifty_thousand_rows_import_in_one_go():
    lines = ["Reference,Stage,Received,Ended,Outcome,Themes,Team,Relationship"]
    for n in range(25_000):
        day = date(2020 + n % 4, 1 + n % 12, 1 + n % 28).isoformat()
        lines.append(f"BIG-{n},1,{day},{day},Not upheld,Delay,Team {n % 20},Parent")
        lines.append(f"BIG-{n},2,{day},,,,,")
    result = run("\n".join(lines) + "\n")
    assert result.ok, [str(p) for p in result.problems[:5]]
    assert result.rows == 50_000
    assert Complaint.objects.count() == 25_000
    assert Stage.objects.count() == 50_000
    assert Complaint.objects.filter(status=ComplaintStatus.OPEN).count() == 25_000


def test_the_template_files_in_the_docs_import_cleanly():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[3] / "docs" / "templates"
    files = [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.csv"))]
    result = run_import(files)
    assert result.ok, [str(p) for p in result.problems]
    assert result.added == {
        **dict.fromkeys(["complaints", "compliments", "ombudsman", "subject_access"], 1),
        "referrals": 1,
        "representations": 2,
    }


def test_imported_stages_keep_the_report_values_a_save_would_derive():
    text = VALID + (
        "CSC-2021-00009,children,1,2021-04-06,2021-04-08,,2021-04-20,Upheld,Delay,Fostering,"
        "Parent,,,,,,\n"
        "CSC-2021-00009,,2,2021-04-27,2021-04-28,,2021-06-01,Upheld,Delay,,,,,,,,\n"
        "CSC-2021-00009,,3,2021-06-07,,,2021-08-02,Not upheld,Delay,,,,,,,,\n"
        "COR-1,Corporate,1,2021-05-04,2021-05-06,,2021-05-21,Not upheld,Delay,Highways,"
        "Self,,,,,,\n"
    )
    assert run(text).ok
    fields = ("response_working_days", "acknowledgement_working_days", "rolled_up_outcome")
    imported = {s["pk"]: s for s in Stage.objects.values("pk", *fields)}
    assert imported[Stage.objects.get(complaint__reference="COR-1").pk][fields[0]] == 11
    assert {s["rolled_up_outcome"] for s in imported.values()} >= {"upheld", "not_upheld", ""}
    Stage.objects.refresh_report_values()
    assert {s["pk"]: s for s in Stage.objects.values("pk", *fields)} == imported
    # And each finding keeps of its stage what a save would copy.
    copied = ("procedure", "stage_number", "responded_on")
    findings = {f["pk"]: f for f in ElementFinding.objects.values("pk", *copied)}
    assert {f["procedure"] for f in findings.values()} == {"children", "corporate"}
    assert {f["stage_number"] for f in findings.values()} == {1, 2, 3}
    assert all(f["responded_on"] for f in findings.values())
    Stage.objects.refresh_findings()
    assert {f["pk"]: f for f in ElementFinding.objects.values("pk", *copied)} == findings


def test_the_complaints_log_template_in_the_docs_imports_with_its_remedy_and_learning():
    template = Path(__file__).resolve().parents[3] / "docs" / "templates" / "complaints.csv"
    result = run_import([("complaints.csv", template.read_bytes())])
    assert result.ok, [str(p) for p in result.problems]
    complaint = Complaint.objects.get()
    assert complaint.remedies.get().kind == "service_change"
    assert complaint.learning_actions.get().theme.name == "Communication"


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("2019/0042", "“2019/0042” cannot be used in a web address"),
        ("CSC 2019 0042", "like CSC-2019-0042"),
        ("new", "“new” is a word Heard's web addresses use"),
        ("Appointees", "is a word Heard's web addresses use"),
    ],
)
def test_a_reference_a_web_address_cannot_carry_is_refused_with_a_specific_message(
    reference, message
):
    result = run(
        f"Reference,Stage,Received,Team,Relationship\n{reference},1,2021-04-06,Fostering,Parent\n"
    )
    assert not result.ok
    assert any(message in p.message and p.column == "reference" for p in result.problems), [
        str(p) for p in result.problems
    ]
    assert not Complaint.objects.exists()


def test_a_second_reference_differing_only_in_capitals_is_refused():
    head = "Reference,Stage,Received,Team,Relationship\n"
    first, second = "CSC-2026-00083", "csc-2026-00083"
    both = head + "".join(f"{ref},1,2026-04-06,Fostering,Parent\n" for ref in (first, second))
    result = run(both)
    assert not result.ok
    assert [p.message for p in result.problems] == [
        "“csc-2026-00083” is the reference CSC-2026-00083 (row 2) in other capitals: give each "
        "case one reference, written the same way"
    ]
    assert run(head + "CSC-2026-00083,1,2026-04-06,Fostering,Parent\n").ok
    again = run(head + "csc-2026-00083,1,2026-04-06,Fostering,Parent\n")
    assert not again.ok
    assert "is already held as CSC-2026-00083" in again.problems[0].message
    assert Complaint.objects.count() == 1


def test_rows_that_say_the_same_are_separate_records_and_importing_twice_adds_nothing():
    compliments = (
        "received,team,giver,summary\n"
        "2021-05-03,Fostering,Parent,Thanked the social worker\n"
        "2021-05-03,Fostering,Parent,Thanked the social worker\n"
    )
    sars = (
        "received,requester,care leaver\n2021-04-12,Jordan Smith,yes\n2021-04-12,Jordan Smith,yes\n"
    )
    files = [("compliments.csv", compliments.encode()), ("sars.csv", sars.encode())]
    first = run_import(files)
    assert first.ok, [str(p) for p in first.problems]
    # Two compliments on one day for one team from the same kind of giver are two (issue 22).
    assert (first.added["compliments"], first.added["subject_access"]) == (2, 2)
    assert first.look_alike == {}
    # The same sheets again, the compliments saved as a workbook: what a sheet holds decides
    # what is already held, not the file's name or format.
    book = Workbook()
    book.active.title = "Compliments"
    for line in compliments.splitlines():
        book.active.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    again = run_import([("renamed.xlsx", out.getvalue()), ("sars.csv", sars.encode())])
    assert again.ok, [str(p) for p in again.problems]
    assert (again.added, again.already_held) == (
        {"compliments": 0, "subject_access": 0},
        {"compliments": 2, "subject_access": 2},
    )
    assert (Compliment.objects.count(), SubjectAccessRequest.objects.count()) == (2, 2)
    # The log grown by a row is another sheet: all three are added, and the summary says that
    # two of them say the same as compliments held.
    grown = run_import([("compliments.csv", (compliments + "2021-05-04,Duty,Child,\n").encode())])
    assert (grown.added["compliments"], grown.look_alike) == (3, {"compliments": 2})
    assert "2 compliments added say the same as one already held" in grown.summary()[1]


def test_an_ombudsman_case_without_a_team_or_reply_due_date_is_kept_as_not_recorded():
    log = (
        "ombudsman reference,complaint reference,area,team,received,reply due\n"
        "21 001 234,,children's social care,,2021-06-01,\n"
        "21 001 235,,adult social care,Home care,2021-06-02,2021-07-01\n"
    )
    result = run_import([("ombudsman.csv", log.encode())])
    assert result.ok, [str(p) for p in result.problems]
    unrecorded = OmbudsmanCase.objects.get(ombudsman_reference="21 001 234")
    assert (unrecorded.team, unrecorded.reply_due_on, unrecorded.replied_in_time) == (
        None,
        None,
        None,
    )
    assert OmbudsmanCase.objects.get(ombudsman_reference="21 001 235").team.name == "Home care"


def test_an_outcome_with_no_points_is_one_point_whose_theme_was_not_recorded():
    result = run(
        "Reference,Stage,Received,Ended,Outcome,Themes,Team,Relationship\n"
        "N-1,1,2021-05-04,2021-05-10,Upheld,,Fostering,Parent\n"
        "N-2,1,2021-05-04,2021-05-10,Not upheld,,Fostering,Parent\n"
        "N-3,1,2021-05-04,2021-05-10,Responded,,Fostering,Parent\n"
    )
    # "Responded" says the findings are on the themes: with none, that contradicts itself.
    assert [str(p) for p in result.problems] == [
        "log.csv, row 4, column “themes”: Give at least one theme: the outcome is recorded on "
        "the points of complaint"
    ]
    result = run(
        "Reference,Stage,Received,Ended,Outcome,Themes,Team,Relationship\n"
        "N-1,1,2021-05-04,2021-05-10,Upheld,,Fostering,Parent\n"
        "N-2,1,2021-05-04,2021-05-10,Not upheld,,Fostering,Parent\n"
    )
    assert result.ok, [str(p) for p in result.problems]
    findings = {
        f.element.complaint.reference: (f.theme.name, f.finding)
        for f in ElementFinding.objects.select_related("theme", "element__complaint")
    }
    assert findings == {
        "N-1": ("Theme not recorded", "upheld"),
        "N-2": ("Theme not recorded", "not_upheld"),
    }
    assert dict(Stage.objects.values_list("complaint__reference", "rolled_up_outcome")) == {
        "N-1": "upheld",
        "N-2": "not_upheld",
    }


def test_representations_import_from_their_own_sheet_by_kind_and_again_add_nothing():
    log = (
        "received,representation,from a,name,team,summary,replied\n"
        "2021-05-04,MP enquiry,MP,Jo Smith MP,Fostering,Asks about a delay,2021-05-10\n"
        "2021-05-04,Comment,,,Fostering,Praise and a suggestion,\n"
        "2021-05-04,Comment,,,Fostering,Praise and a suggestion,\n"
        "2021-05-05,Grumble,,,Fostering,Not happy,\n"
    )
    first = run_import([("enquiries.csv", log.encode())])
    # "Grumble" is the council's own word: asked about, not refused.
    assert [q.as_dict() for q in first.questions.in_order()] == [
        {"vocabulary": "representation_kind", "word": "Grumble", "rows": 1}
    ]
    save_answers([("representation_kind", "Grumble", "concern")])
    second = run_import([("enquiries.csv", log.encode())])
    assert second.ok, [str(p) for p in second.problems]
    assert second.added["representations"] == 4  # the two same comments are two
    kinds = sorted(Enquiry.objects.values_list("kind", flat=True))
    assert kinds == ["comment", "comment", "concern", "member_enquiry"]
    assert Enquiry.objects.get(kind="member_enquiry").responded_on == date(2021, 5, 10)
    third = run_import([("enquiries.csv", log.encode())])
    assert (third.added["representations"], third.already_held["representations"]) == (0, 4)


def test_a_service_area_column_places_each_team_in_its_area_once():
    from heard.core.tests.factories import TeamFactory

    TeamFactory(name="Fostering", service_area="")
    TeamFactory(name="Leaving care", service_area="Corporate parenting")
    log = """\
Reference,Stage,Received,Ended,Outcome,Team,Service area,Relationship
R-1,1,2021-04-06,2021-04-20,Upheld,Fostering,Children in care,Parent
R-2,1,2021-04-07,2021-04-21,Upheld,Fostering,Early help,Parent
R-3,1,2021-04-08,2021-04-22,Upheld,Leaving care,Children in care,Parent
R-4,1,2021-04-09,2021-04-23,Upheld,Adoption,Permanence,Parent
R-5,1,2021-04-09,2021-04-23,Upheld,Safeguarding,,Parent
R-6,1,2021-04-09,2021-04-23,Upheld,Kinship,children IN  care,Parent
"""
    result = run(log)
    assert result.ok, result.problems
    assert result.added["complaints"] == 6
    from heard.core.models import Team

    areas = dict(Team.objects.values_list("name", "service_area"))
    # A team without an area takes the first the log gives; one with an area keeps it; a new
    # team is added in its area; a blank cell leaves it unrecorded.
    assert areas == {
        "Fostering": "Children in care",
        "Leaving care": "Corporate parenting",
        "Adoption": "Permanence",
        "Safeguarding": "",
        # Another spelling of an area Heard has is that area: one area, not two.
        "Kinship": "Children in care",
    }
    assert "service area" not in result.ignored_columns.get("log.csv", [])


INFORMAL_LOG = """\
Reference,Procedure,Stage,Received,Ended,Outcome,Team,Complainant,Summary,Relationship
COR-1,Corporate,Informal,2021-04-06,,,Highways,Sam Jones,Pothole,
COR-1,Corporate,1,2021-04-20,2021-05-04,Upheld,Highways,Sam Jones,Pothole,Self
COR-2,Corporate,Pre-complaint,2021-05-06,2021-05-10,Resolved,Waste,Pat Lee,Bin missed,
COR-3,Corporate,early resolution,2021-05-07,2021-05-08,Withdrawn,Waste,Kim Roe,Bin missed,
CSC-4,Children's,0,2021-06-01,,,Fostering,A parent,Late visit,
"""


def test_informal_rows_become_informal_complaints_keeping_their_dates(settings):
    settings.HEARD_INFORMAL_STAGE = {"corporate": 10}
    from heard.complaints.models import InformalComplaint

    result = run(INFORMAL_LOG)
    assert result.ok, [str(p) for p in result.problems]
    assert result.added == {"complaints": 1, "informal": 4}
    assert "4 informal complaints added" in result.summary()
    found = {i.reference: i for i in InformalComplaint.objects.select_related("complaint")}
    taken = found["COR-1"]
    # Taken to Stage 1: it ends the day Stage 1 was received, and is linked to it.
    assert (taken.status, taken.received_on, taken.ended_on) == (
        "escalated",
        date(2021, 4, 6),
        date(2021, 4, 20),
    )
    assert taken.complaint.reference == "COR-1"
    assert taken.complaint.received_on == date(2021, 4, 20)
    assert (found["COR-2"].status, found["COR-2"].ended_on) == ("resolved", date(2021, 5, 10))
    assert found["COR-2"].in_time is True
    assert found["COR-3"].status == "withdrawn"
    # The children's procedure has no informal stage switched on: kept, open, no target.
    assert (found["CSC-4"].status, found["CSC-4"].due_on) == ("open", None)
    assert found["CSC-4"].events.get().details == {"file": "log.csv", "row": 6}
    # Importing the same file again adds nothing.
    again = run(INFORMAL_LOG)
    assert again.added == {"complaints": 0, "informal": 0}
    assert again.already_held == {"complaints": 1, "informal": 4}
    assert InformalComplaint.objects.count() == 4


def test_an_informal_stage_after_its_stage_1_or_twice_is_refused_on_its_row():
    log = """\
Reference,Procedure,Stage,Received,Team,Relationship
COR-1,Corporate,Informal,2021-04-21,Highways,
COR-1,Corporate,1,2021-04-20,Highways,Self
COR-2,Corporate,Informal,2021-04-21,Highways,
COR-2,Corporate,Informal,2021-04-22,Highways,
"""
    result = run(log)
    messages = [(p.row, p.message) for p in result.problems]
    assert (
        2,
        "The informal stage of COR-1 starts after its Stage 1, on row 3: it comes before Stage 1",
    ) in messages
    assert (5, "COR-2 has two informal rows (rows 4 and 5)") in messages


def test_an_unknown_word_for_how_an_informal_complaint_ended_is_asked_once():
    log = """\
Reference,Procedure,Stage,Received,Ended,Outcome,Team,Relationship
COR-1,Corporate,Informal,2021-04-06,2021-04-08,Sorted,Highways,
COR-2,Corporate,Informal,2021-04-07,2021-04-09,Sorted,Highways,
"""
    result = run(log)
    asked = [(q.vocabulary, q.word, len(q.rows)) for q in result.questions.asked.values()]
    assert asked == [("informal_outcome", "Sorted", 2)]
    save_answers([("informal_outcome", "Sorted", "resolved")])
    again = run(log)
    assert again.ok
    assert again.added["informal"] == 2


def test_a_team_name_close_to_one_held_is_asked_about_and_a_new_one_is_added():
    from heard.core.models import Team
    from heard.core.tests.factories import TeamFactory

    fostering = TeamFactory(name="Fostering")
    log = """\
Reference,Stage,Received,Team,Relationship
R-1,1,2021-04-06,Fostering team,Parent
R-2,1,2021-04-07,FOSTERING TEAM,Parent
R-3,1,2021-04-08,Parks and open spaces,Parent
"""
    result = run(log)
    asked = [(q.vocabulary, q.word, len(q.rows)) for q in result.questions.asked.values()]
    assert asked == [("team", "Fostering team", 2)]
    assert not Complaint.objects.exists()
    save_answers([("team", "Fostering team", str(fostering.pk))])
    again = run(log)
    assert again.ok, [str(p) for p in again.problems]
    assert set(Complaint.objects.filter(team=fostering).values_list("reference", flat=True)) == {
        "R-1",
        "R-2",
    }
    assert "New teams: Parks and open spaces" in again.summary()
    assert Team.objects.count() == 2


def test_a_close_team_name_answered_as_new_becomes_its_own_team():
    from heard.core.models import Team
    from heard.core.tests.factories import TeamFactory

    TeamFactory(name="Fostering")
    save_answers([("team", "Fostering recruitment", "new")])
    log = (
        "Reference,Stage,Received,Team,Relationship\n"
        "R-1,1,2021-04-06,Fostering recruitment,Parent\n"
    )
    assert run(log).ok
    assert Complaint.objects.get().team.name == "Fostering recruitment"
    assert Team.objects.count() == 2


def test_a_log_in_every_shape_real_logs_have_imports_as_it_is_once_its_words_are_answered(
    settings,
):
    """Issue 22's logs, from their own data: the council's relationship words, outcomes with
    no points, a theme of its own, an informal stage, a service area column, representations
    of each kind, Ombudsman rows without a team or reply-due date, and same-day identical
    compliments. Answered once, they import unchanged; again, they add nothing."""
    from heard.complaints.models import InformalComplaint
    from heard.core.models import Team

    settings.HEARD_INFORMAL_STAGE = {"corporate": 10}
    complaints = """\
Reference,Procedure,Stage,Received,Ended,Outcome,Themes,Team,Service area,Relationship
CSC-1,Children's,1,2021-04-06,2021-04-16,Upheld,,Fostering,Children in care,Grandparent
CSC-2,Children's,1,2021-04-07,2021-04-19,Not upheld,Bins,Fostering,Children in care,Nan
CSC-2,Children's,2,2021-04-26,,,,,,
COR-3,Corporate,Informal,2021-05-04,,,,Waste,Environment,
COR-3,Corporate,1,2021-05-12,2021-05-20,Partly upheld,Delay=upheld; Bins=not upheld,Waste,,Self
COR-4,Corporate,Pre-complaint,2021-05-05,2021-05-06,Resolved,,Waste,,
"""
    representations = "received,representation,from a,name,team,summary\n" + "".join(
        f"2021-06-0{n},{kind},{'MP' if n == 1 else ''},{'Jo Smith MP' if n == 1 else ''},"
        f"Fostering,Asked about {kind}\n"
        for n, kind in enumerate(
            ["MP enquiry", "Enquiry", "Concern", "Comment", "Professional's complaint"], start=1
        )
    )
    ombudsman = (
        "ombudsman reference,complaint reference,area,team,received,reply due\n"
        "21 000 001,CSC-2,,,2021-09-01,\n"
        "21 000 002,,corporate,,2021-09-02,\n"
    )
    compliments = (
        "received,team,giver,summary\n2021-05-03,Fostering,Parent,\n2021-05-03,Fostering,Parent,\n"
    )
    files = [
        ("log.csv", complaints.encode()),
        ("enquiries.csv", representations.encode()),
        ("ombudsman.csv", ombudsman.encode()),
        ("compliments.csv", compliments.encode()),
    ]
    first = run_import(files)
    asked = {
        (q["vocabulary"], q["word"]) for q in (q.as_dict() for q in first.questions.in_order())
    }
    assert asked == {("relationship", "Grandparent"), ("relationship", "Nan"), ("theme", "Bins")}
    assert not first.problems
    save_answers(
        [
            ("relationship", "Grandparent", "sufficient_interest"),
            ("relationship", "Nan", "sufficient_interest"),
            ("theme", "Bins", "new"),
        ]
    )
    second = run_import(files)
    assert second.ok, [str(p) for p in second.problems]
    assert second.added == {
        "complaints": 3,
        "informal": 2,
        "compliments": 2,
        "representations": 5,
        "ombudsman": 2,
    }
    held = {c.reference: c for c in Complaint.objects.all()}
    assert held["CSC-1"].relationship_as_recorded == "Grandparent"
    # The log's own words are kept on the record, on its timeline's import entry.
    imported = held["CSC-2"].events.get(action="import")
    assert imported.details["recorded"] == [["relationship", "Nan"]]
    assert imported.reason == (
        "The log's own words, as the council said they mean: relationship “Nan”"
    )
    assert held["CSC-1"].elements.get().theme.name == "Theme not recorded"
    assert InformalComplaint.objects.get(reference="COR-3").complaint == held["COR-3"]
    assert dict(Team.objects.values_list("name", "service_area")) == {
        "Fostering": "Children in care",
        "Waste": "Environment",
    }
    # No reply-due date: "not recorded"; no team: its complaint's, or none without one.
    teams = dict(OmbudsmanCase.objects.values_list("ombudsman_reference", "team__name"))
    assert teams == {"21 000 001": "Fostering", "21 000 002": None}
    assert not OmbudsmanCase.objects.filter(reply_due_on__isnull=False).exists()
    assert Compliment.objects.count() == 2
    third = run_import(files)
    assert third.ok
    assert set(third.added.values()) == {0}
    assert third.already_held == second.added
