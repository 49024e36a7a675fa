"""The report's appendix sections on the casework beside complaints: the Ombudsman,
compliments, enquiries, subject access requests, costs and learning, built from the figures
as heard.reporting.builder builds the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from heard.complaints.choices import CostKind
from heard.compliments.models import Giver
from heard.enquiries.models import RepresentationKind
from heard.ombudsman.models import Decision
from heard.reporting.document import Section, Table, count, money, text
from heard.sars.models import SarOutcome

if TYPE_CHECKING:
    from heard.reporting.builder import Builder


def ombudsman(b: Builder) -> Section:
    o = b.f["ombudsman"]
    if not o["received"]["value"] and not o["decided"]["value"] and not o["received"]["previous"]:
        return Section("ombudsman", "The Ombudsman")
    figures = b.compare_table(
        "ombudsman",
        "Local Government and Social Care Ombudsman",
        [
            ("Representations received", o["received"], "ombudsman.received"),
            ("Decisions made", o["decided"], "ombudsman.decided"),
            (
                "Detailed investigations",
                o["detailed_investigations"],
                "ombudsman.detailed_investigations",
            ),
            ("Upheld", o["upheld"], "ombudsman.upheld"),
            ("Fault found", o["fault"], "ombudsman.fault"),
            ("Maladministration", o["maladministration"], "ombudsman.maladministration"),
            (
                "Remedy already provided",
                o["remedy_already_provided"],
                "ombudsman.remedy_already_provided",
            ),
            (
                "Public interest reports",
                o["public_interest_reports"],
                "ombudsman.public_interest_reports",
            ),
        ],
    )
    cohort = Table(
        "ombudsman_received",
        f"What was decided on the representations received in {b.now}",
        ["Decision", "Cases"],
        note=o["reconciliation"]["statement"],
    )
    for code, figure in o["received_by_decision"].items():
        if figure["value"]:
            cohort.rows.append(
                [
                    text(Decision(code).label),
                    count(figure["value"], f"ombudsman.received_{code}"),
                ]
            )
    if o["awaiting_decision"]["value"]:
        cohort.rows.append(
            [
                text("Awaiting a decision"),
                count(o["awaiting_decision"]["value"], "ombudsman.awaiting_decision"),
            ]
        )
    cohort.rows.append([text("Total"), count(o["received"]["value"], "ombudsman.received")])
    rates = Table("ombudsman_rates", "Ombudsman rates", b.rate_headings("Rate", "Cases", "Out of"))
    rates.rows += [
        b.rate_row("Uphold rate (upheld ÷ detailed investigations)", o["uphold_rate"]),
        b.rate_row("Remedies completed on time", o["remedies_complied"]),
    ]
    payments = Table(
        "ombudsman_payments",
        "Remedy payments on decisions in the period",
        ["Payments", b.now, b.before],
    )
    payments.rows.append(
        [
            text("Remedy payments"),
            money(o["remedy_payments"]["value"]),
            money(o["remedy_payments"]["previous"]),
        ]
    )
    reached = b.compare_table(
        "ombudsman_stage_reached",
        f"Representations received in {b.now}, by how far the complaint went",
        [
            *(
                (
                    f"After Stage {n}",
                    o["received_by_stage_reached"][n],
                    f"ombudsman.received_after_stage_{n}",
                )
                for n in ("1", "2", "3")
            ),
            (
                "No complaint recorded",
                o["received_by_stage_reached"]["not_recorded"],
                "ombudsman.received_stage_not_recorded",
            ),
        ],
    )
    return Section("ombudsman", "The Ombudsman", tables=[figures, cohort, reached, rates, payments])


def compliments(b: Builder) -> Section:
    c = b.f["compliments"]
    counts = b.compare_table(
        "compliments",
        "Compliments received",
        [("Compliments", c["received"], "compliments.received")],
    )
    teams = Table("compliment_teams", f"Compliments by team, {b.now}", ["Team", b.now])
    for name, figure in c["by_team"].items():
        teams.rows.append([text(name), count(figure["value"])])
    givers = Table("compliment_givers", f"Who gave them, {b.now}", ["Given by", b.now])
    for code, figure in c["by_giver"].items():
        givers.rows.append(
            [text(Giver(code).label if code in Giver.values else code), count(figure["value"])]
        )
    return Section("compliments", "Compliments", tables=[counts, teams, givers])


def representations(b: Builder) -> Section:
    r = b.f["representations"]
    if not r["received"]["value"] and not r["received"]["previous"]:
        return Section("representations", "Enquiries and other representations")
    counts = b.compare_table(
        "representations",
        "Enquiries and other representations received, by kind",
        [
            *(
                (RepresentationKind(code).label, figure, f"representations.kind_{code}")
                for code, figure in r["by_kind"].items()
            ),
            ("All kinds", r["received"], "representations.received"),
        ],
    )
    timely = Table(
        "representations_on_time",
        "Replies sent within the target",
        b.rate_headings("Rate", "In time", "Replies"),
    )
    timely.rows.append(b.rate_row("Replied within the target", r["responded_in_time"], None))
    return Section(
        "representations", "Enquiries and other representations", tables=[counts, timely]
    )


def subject_access(b: Builder) -> Section:
    s = b.f["subject_access"]
    if not s["received"]["value"] and not s["completed"]["value"] and not s["received"]["previous"]:
        return Section("subject_access", "Subject access requests")
    counts = b.compare_table(
        "subject_access",
        "Subject access requests",
        [
            ("Received", s["received"], "sars.received"),
            ("From care leavers", s["from_care_leavers"], "sars.from_care_leavers"),
            ("Completed", s["completed"], "sars.completed"),
            ("Extended", s["extended"], "sars.extended"),
            ("Pages reviewed", s["pages_reviewed"], None),
            ("Pages disclosed", s["pages_disclosed"], None),
        ],
    )
    timely = Table(
        "sar_on_time",
        "Completed within the deadline",
        b.rate_headings("Rate", "On time", "Completed"),
    )
    timely.rows.append(b.rate_row("Completed on time", s["on_time"], "sars.on_time"))
    outcomes = Table("sar_outcomes", f"Outcomes, {b.now}", ["Outcome", b.now, b.before])
    for code, figure in s["outcomes"].items():
        outcomes.rows.append(
            [
                text(SarOutcome(code).label),
                count(figure["value"], f"sars.outcome_{code}"),
                count(figure["previous"]),
            ]
        )
    exemptions = Table("sar_exemptions", f"Exemptions used, {b.now}", ["Exemption", "Requests"])
    for name, figure in s["exemptions"].items():
        exemptions.rows.append([text(name), count(figure["value"])])
    return Section(
        "subject_access",
        "Subject access requests",
        tables=[counts, timely, outcomes, exemptions],
    )


def costs(b: Builder) -> Section:
    c = b.f["costs"]
    table = Table("costs", "Costs of the procedure", ["Cost", b.now, b.before, "Change"])
    for code, figure in c["by_kind"].items():
        table.rows.append(
            [
                text(CostKind(code).label),
                money(figure["value"]),
                money(figure["previous"]),
                money(figure["change"]),
            ]
        )
    table.rows.append(
        [
            text("Total"),
            money(c["total"]["value"]),
            money(c["total"]["previous"]),
            money(c["total"]["change"]),
        ]
    )
    payments = Table(
        "remedy_payments",
        "Remedy payments (recorded separately)",
        ["Payments", b.now, b.before],
    )
    payments.rows.append(
        [
            text("Financial remedies agreed"),
            money(c["remedy_payments"]["value"]),
            money(c["remedy_payments"]["previous"]),
        ]
    )
    return Section("costs", "Costs", tables=[table, payments])


def learning(b: Builder) -> Section:
    actions = b.f["learning"]
    table = b.compare_table(
        "learning",
        "Learning actions",
        [
            ("Raised", actions["raised"], "learning.raised"),
            ("Completed", actions["completed"], "learning.completed"),
            (
                "Overdue at the end of the period",
                actions["overdue_at_end"],
                "learning.overdue_at_end",
            ),
        ],
    )
    remedies = b.f["remedies"]
    followed = b.compare_table(
        "remedies",
        "Remedies followed through",
        [
            ("Agreed", remedies["agreed"], "remedies.agreed"),
            ("Carried out", remedies["completed"], "remedies.completed"),
            (
                "Overdue at the end of the period",
                remedies["overdue_at_end"],
                "remedies.overdue_at_end",
            ),
        ],
    )
    return Section("learning", "Learning from complaints", tables=[table, followed])
