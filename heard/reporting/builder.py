"""Fills the report's document from its figures: each section's sentences and tables, in
the order the committee paper reads (heard.reporting.document holds the shapes)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from heard.complaints.choices import Finding, Procedure, Relationship
from heard.core.equality import AgeBand, Disability, EthnicGroup, Gender
from heard.reporting import sections_casework, sections_more
from heard.reporting.document import (
    COMPARE_HEADINGS,
    QUARTERLY_SECTIONS,
    WITHHELD,
    WITHHELD_NOTE,
    Cell,
    Cover,
    Document,
    Section,
    Table,
    change_cells,
    count,
    data_uri,
    days,
    figure_cell,
    percent,
    points,
    text,
)
from heard.reporting.paper import assemble, chosen_quotes
from heard.reporting.report import Report


def stage_limits(stage: str, standard: int | None, maximum: int | None) -> str:
    """ "Stage 1 (standard 10, maximum 20)": the time limits a stage's row is timed by."""
    limits = [f"standard {standard}" if standard else "", f"maximum {maximum}" if maximum else ""]
    shown = ", ".join(limit for limit in limits if limit)
    return f"Stage {stage} ({shown})" if shown else f"Stage {stage}"


class Builder:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.data = report.data()
        self.f = self.data["figures"]
        self.now = self.f["period"]["label"]
        self.before = self.f["previous_period"]["label"]
        self.variation = Table(
            "variation",
            "Changes within normal year-to-year variation",
            ["Figure", self.now, self.before, "p-value"],
            note="A change is within normal variation when a conditional binomial test on "
            "the two counts, allowing for the periods' lengths, gives p of 0.05 or more.",
        )

    def compare_table(
        self, key: str, caption: str, rows: list[tuple[str, dict[str, Any], str | None]]
    ) -> Table:
        table = Table(key, caption, ["Figure", self.now, self.before, *COMPARE_HEADINGS])
        for label, figure, drill in rows:
            table.rows.append(
                [text(label), figure_cell(figure, drill), *self.change(caption, label, figure)]
            )
        if any("suppressed" in figure for _, figure, _ in rows):
            table.note = WITHHELD_NOTE
        return table

    def change(self, caption: str, label: str, figure: dict[str, Any]) -> list[Cell]:
        """The change cells of a figure; a change within normal year-to-year variation is
        also listed, once, with its test in Appendix B (`variation`)."""
        if figure.get("within_chance") and figure.get("change"):
            self.variation.rows.append(
                [
                    text(f"{caption}: {label}"),
                    count(figure["value"]),
                    count(figure["previous"]),
                    Cell(f"{figure['p_value']:.2f}", figure["p_value"], kind="decimal"),
                ]
            )
        return change_cells(figure)

    def rate_row(
        self, label: str, rate: dict[str, Any], drill: str | None = None, places: int = 0
    ) -> list[Cell]:
        """A rate at the precision its sentence gives it (`places`)."""
        return [
            text(label),
            count(rate["numerator"], drill),
            count(rate["denominator"]),
            percent(rate["percent"], places),
            percent(rate["previous"]["percent"], places),
            points(rate["change_points"], places),
        ]

    def rate_headings(self, first: str, numerator: str, denominator: str) -> list[str]:
        return [first, numerator, denominator, f"% {self.now}", f"% {self.before}", "Change"]

    # --- sections --------------------------------------------------------------------------

    def build(self) -> Document:
        sections = [
            sections_more.informal(self),
            self.stages(),
            self.outcomes(),
            self.timeliness(),
            self.escalation(),
            self.recommendations(),
            self.who(),
            sections_more.ended_so_far(self),
            self.themes(),
            self.equality(),
            sections_casework.ombudsman(self),
            sections_casework.compliments(self),
            sections_casework.representations(self),
            sections_casework.subject_access(self),
            sections_casework.costs(self),
            sections_casework.learning(self),
        ]
        paper = self.report.paper
        return Document(
            title=self.data["title"],
            period=self.now,
            previous=self.before,
            cover=Cover(
                organisation=settings.HEARD_ORGANISATION_NAME,
                title=self.data["title"],
                committee=paper.committee,
                meeting=f"{paper.meeting_on:%-d %B %Y}" if paper.meeting_on else "",
                report_of=paper.report_of,
                logo=data_uri(paper.logo, paper.logo_type),
            ),
            parts=assemble(
                self.data["paper"]["parts"],
                chosen_quotes(paper.quotes, self.f["compliments"]["quotes"]),
                paper.assessment,
            ),
            sections=[
                s
                for s in sections
                if (s.tables or s.paragraphs or s.bullets)
                and (self.report.kind == "annual" or s.key in QUARTERLY_SECTIONS)
            ],
            checks=self.data["checks"],
            rules=self.data["counting_rules"],
            variation=self.variation,
        )

    def stages(self) -> Section:
        stages = self.f["complaints"]["stages"]
        labels = [
            ("open_at_start", "Open at the start"),
            ("received", "Received"),
            ("responded", "Responded"),
            ("resolved_by_adr", "Resolved by ADR"),
            ("withdrawn", "Withdrawn"),
            ("not_accepted", "Not accepted"),
            ("escalated_unanswered", "Escalated without a response"),
            ("open_at_end", "Open at the end"),
        ]
        flow = Table(
            "flow",
            f"Complaints at each stage, {self.now}",
            ["Measure", *(f"Stage {n}" for n in stages)],
            note="Open at the start + received = responded + ADR + withdrawn + not accepted + "
            "escalated without a response + open at the end.",
        )
        for key, label in labels:
            flow.rows.append(
                [
                    text(label),
                    *(count(s[key]["value"], f"stage.{n}.{key}") for n, s in stages.items()),
                ]
            )
        flow.rows.append(
            [
                text("Reconciles"),
                *(text("Yes" if s["reconciliation"]["holds"] else "No") for s in stages.values()),
            ]
        )
        received = self.compare_table(
            "received",
            f"Complaints received at each stage, {self.now} compared with {self.before}",
            [(f"Stage {n}", s["received"], f"stage.{n}.received") for n, s in stages.items()],
        )
        more = Table(
            "stages_more",
            f"More about each stage, {self.now}",
            ["Measure", *(f"Stage {n}" for n in stages)],
        )
        for key, label in (
            ("from_earlier_years", "Received, the complaint first received in an earlier year"),
            ("mixed_findings", "Responses whose points had different findings"),
        ):
            more.rows.append(
                [
                    text(label),
                    *(count(s[key]["value"], f"stage.{n}.{key}") for n, s in stages.items()),
                ]
            )
        return Section(
            "stages",
            "Complaints received and how each stage ended",
            tables=[flow, received, more],
        )

    def outcomes(self) -> Section:
        stages = self.f["complaints"]["stages"]
        table = Table(
            "outcomes",
            f"Outcomes of the responses in {self.now}",
            [
                "Stage",
                "Upheld",
                "Partially upheld",
                "Not upheld",
                "No finding",
                f"Not upheld % {self.now}",
                f"Not upheld % {self.before}",
                "Change",
            ],
        )
        for n, s in stages.items():
            o = s["outcomes"]
            table.rows.append(
                [
                    text(f"Stage {n}"),
                    count(o["upheld"]["value"], f"stage.{n}.outcome_upheld"),
                    count(o["partially_upheld"]["value"], f"stage.{n}.outcome_partially_upheld"),
                    count(o["not_upheld"]["value"], f"stage.{n}.outcome_not_upheld"),
                    count(o["no_finding"]["value"], f"stage.{n}.outcome_no_finding"),
                    percent(o["not_upheld_rate"]["percent"]),
                    percent(o["not_upheld_rate"]["previous"]["percent"]),
                    points(o["not_upheld_rate"]["change_points"]),
                ]
            )
        return Section("outcomes", "Outcomes", tables=[table])

    def timeliness(self) -> Section:
        """Two tables, so each fits an A4 page: the time limits, then extensions and time
        taken."""
        stages = self.f["complaints"]["stages"]
        limits = Table(
            "timeliness",
            f"Responses within the time limits, {self.now}",
            [
                "Stage (working days)",
                "Responses",
                "Within the standard",
                f"% {self.now}",
                f"% {self.before}",
                "Within the maximum",
                f"% {self.now} ",
                f"% {self.before} ",
            ],
        )
        taken = Table(
            "time_taken",
            f"Extensions and time taken, {self.now}",
            [
                "Stage",
                "Extended",
                "Met the extended date",
                "Mean working days",
                "Median working days",
                "Acknowledged on time",
            ],
        )
        for n, s in stages.items():
            t = s["timeliness"]
            limits.rows.append(
                [
                    text(stage_limits(n, t["standard_days"], t["maximum_days"])),
                    count(s["responded"]["value"], f"stage.{n}.responded"),
                    count(t["within_standard"]["numerator"], f"stage.{n}.within_standard"),
                    percent(t["within_standard"]["percent"]),
                    percent(t["within_standard"]["previous"]["percent"]),
                    count(t["within_maximum"]["numerator"], f"stage.{n}.within_maximum"),
                    percent(t["within_maximum"]["percent"]),
                    percent(t["within_maximum"]["previous"]["percent"]),
                ]
            )
            taken.rows.append(
                [
                    text(f"Stage {n}"),
                    count(t["extended"]["value"], f"stage.{n}.extended"),
                    count(t["within_agreed"]["numerator"], f"stage.{n}.within_agreed"),
                    days(t["mean_working_days"]),
                    days(t["median_working_days"]),
                    percent(s["acknowledged_on_time"]["percent"]),
                ]
            )
        return Section(
            "timeliness",
            "Timeliness",
            tables=[limits, taken],
            paragraphs=[
                "Adult social care responses are timed against the date agreed with the "
                "person, so have no standard or maximum."
            ]
            if self.report.procedure == Procedure.ADULTS
            else [],
        )

    def recommendations(self) -> Section:
        """Stage 3: the panel's recommendations and the council's response to them."""
        r = self.f["complaints"]["recommendations"]
        if "3" not in self.f["complaints"]["stages"]:
            return Section("recommendations", "The review panel's recommendations")
        return Section(
            "recommendations",
            "The review panel's recommendations",
            tables=[
                self.compare_table(
                    "recommendations",
                    f"Recommendations on the Stage 3 responses in {self.now}",
                    [
                        ("Recommendations made", r["made"], None),
                        ("Accepted", r["accepted"], None),
                        ("Accepted in part", r["accepted_in_part"], None),
                        ("Not accepted", r["not_accepted"], None),
                    ],
                ),
                self.panel_in_time(),
            ],
        )

    def panel_in_time(self) -> Table:
        """Regulation 19: the review panel meets within 30 working days of the request."""
        table = Table(
            "panel_in_time",
            f"Review panels held in {self.now}",
            self.rate_headings("Rate", "Within 30 working days", "Panels held"),
        )
        table.rows.append(
            self.rate_row(
                "Held within 30 working days of the request",
                self.f["complaints"]["panel_held_in_time"],
                "stage.3.panel_held_in_time",
            )
        )
        return table

    def escalation(self) -> Section:
        e = self.f["complaints"]["escalation"]
        if "2" not in self.f["complaints"]["stages"]:
            return Section("escalation", "Escalation")
        table = Table(
            "escalation",
            "Escalation rates, by both definitions",
            self.rate_headings("Rate", "Escalated", "Out of"),
        )
        table.rows += [
            self.rate_row("Period rate: Stage 2 requests ÷ Stage 1 responses", e["period_rate"]),
            self.rate_row(
                "Cohort rate: complaints received that reached Stage 2",
                e["cohort_rate"],
                "complaints.escalated",
            ),
        ]
        if "3" in self.f["complaints"]["stages"]:
            table.rows += [
                self.rate_row("Stage 3 period rate", e["stage3_period_rate"]),
                self.rate_row("Stage 3 cohort rate", e["stage3_cohort_rate"]),
            ]
        return Section("escalation", "Escalation", tables=[table])

    def who(self) -> Section:
        c = self.f["complaints"]
        by = Table(
            "relationships",
            f"Who complained, {self.now}",
            ["Relationship", self.now, self.before, *COMPARE_HEADINGS],
            note=WITHHELD_NOTE,
        )
        for code, figure in c["relationships"].items():
            label = Relationship(code).label if code in Relationship.values else code
            by.rows.append(
                [
                    text(label),
                    figure_cell(figure, f"complaints.relationship.{code}"),
                    *self.change(by.caption, label, figure),
                ]
            )
        access = self.compare_table(
            "access",
            "Children, young people and advocacy",
            [
                (
                    "Directly from children and young people",
                    c["from_children"],
                    "complaints.from_children",
                ),
                ("Made with an advocate", c["via_advocate"], "complaints.via_advocate"),
                ("Advocacy offered", c["advocacy_offered"], "complaints.advocacy_offered"),
            ],
        )
        tables = [by, access]
        if c["per_referral"]["denominator"]:
            referrals = Table(
                "referrals",
                "Complaints per referral to children's social care",
                self.rate_headings("Rate", "Complaints", "Referrals"),
            )
            referrals.rows.append(
                self.rate_row("Complaints per referral", c["per_referral"], places=1)
            )
            tables.append(referrals)
        teams = Table(
            "teams",
            f"Complaints by team, {self.now}",
            ["Team", self.now, self.before, *COMPARE_HEADINGS],
        )
        for name, figure in c["teams"].items():
            teams.rows.append(
                [
                    text(name),
                    count(figure["value"], f"complaints.team.{name}"),
                    *self.change(teams.caption, name, figure),
                ]
            )
        tables.append(teams)
        areas = Table(
            "service_areas",
            f"Complaints by service area, {self.now}",
            ["Service area", self.now, self.before, *COMPARE_HEADINGS],
            note="A complaint counts under the service area of its team (Teams screen).",
        )
        for name, figure in c["service_areas"].items():
            areas.rows.append(
                [
                    text(name),
                    count(figure["value"], f"complaints.service_area.{name}"),
                    *self.change(areas.caption, name, figure),
                ]
            )
        if areas.rows:
            tables.append(areas)
        return Section("who", "Who complained", tables=tables)

    def themes(self) -> Section:
        themes = self.f["complaints"]["stages"]["1"]["themes"]
        table = Table(
            "themes",
            f"Themes of the Stage 1 responses in {self.now}",
            ["Theme", "Complaints", "Share", "Points", "Upheld or partly upheld", "Rate"],
            note="A complaint counts once under each theme it touches.",
        )
        for name, t in themes.items():
            table.rows.append(
                [
                    text(name),
                    count(t["complaints"]["value"], f"theme.1.{name}"),
                    percent(t["share"]["percent"]),
                    count(t["elements"]["value"]),
                    count(t["upheld_or_partly"]["value"]),
                    percent(t["upheld_rate"]["percent"]),
                ]
            )
        findings = Table(
            "theme_findings",
            f"Findings on the points of the Stage 1 responses in {self.now}, by theme",
            ["Theme", *(f.label for f in Finding)],
        )
        for name, t in themes.items():
            findings.rows.append(
                [text(name), *(count(t["findings"][f.value]["value"]) for f in Finding)]
            )
        raised = Table(
            "points_raised",
            f"Points of complaint raised on the complaints received in {self.now}, by theme",
            ["Theme", "Points raised"],
        )
        for name, figure in self.f["complaints"]["points_raised"].items():
            raised.rows.append(
                [text(name), count(figure["value"], f"complaints.points_raised.{name}")]
            )
        tables = ([table, findings] if themes else []) + ([raised] if raised.rows else [])
        return Section("themes", "Themes", tables=tables)

    def equality(self) -> Section:
        equality = self.f["complaints"]["equality"]
        completeness = Table(
            "equality",
            "How complete the equality information is (complainants)",
            ["Question", "Complaints", "Answered", "Prefer not to say", "Complete"],
            note=WITHHELD_NOTE,
        )
        labels = {
            "ethnicity": ("Ethnicity", EthnicGroup),
            "gender": ("Gender", Gender),
            "age_band": ("Age", AgeBand),
            "disability": ("Disability", Disability),
        }
        tables = [completeness]
        for question, (label, choices) in labels.items():
            e = equality[f"complainant_{question}"]
            completeness.rows.append(
                [
                    text(label),
                    figure_cell(e["total"]),
                    figure_cell(e["answered"]),
                    figure_cell(e["declined"]),
                    Cell(WITHHELD)
                    if e["completeness"].get("suppressed")
                    else percent(e["completeness"]["percent"]),
                ]
            )
            breakdown = Table(
                f"equality_{question}",
                f"Complainants by {label.lower()}",
                [label, self.now],
                note=WITHHELD_NOTE,
            )
            for code, group in e["groups"].items():
                name = choices(code).label if code in choices.values else code
                breakdown.rows.append([text(name), figure_cell(group)])
            if breakdown.rows:
                tables.append(breakdown)
        return Section("equality", "Equality information", tables=tables)


def build_document(report: Report) -> Document:
    return Builder(report).build()
