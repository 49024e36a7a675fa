"""An audit of disclosure control as a reader would try it (issue 31): three years of
complaints logs, imported, with children recorded; then the reports on two financial years
and their four quarters for every procedure, read only as JSON.

Every protected count a report shows (this period's and last period's columns alike) is an
equation over the finest cells: each answer, "prefer not to say" and "not answered", by
quarter. A year's cell is the sum of its quarters'; a question's total, its "answered" count
and its completeness are sums of its answers; the relationships and advocacy add up to the
complaints received, which every report shows. Exact row reduction over all of them finds
every withheld cell a reader could work out, and its value: none may be 1 to 4 (a secondary
cell may be worked out; it is 0 or at least 5). With the secondary rule switched off, some
can: so the audit is known to bite.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Hashable
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import pytest

from heard.complaints.choices import Procedure, Relationship
from heard.complaints.models import Child, Complaint
from heard.core.equality import AgeBand, Disability, Ethnicity, Gender
from heard.imports.service import run_import
from heard.reporting import disclosure
from heard.reporting.figures import protected
from heard.reporting.figures.filters import ENDED_SO_FAR
from heard.reporting.periods import Period
from heard.reporting.renderers import json as json_edition
from heard.reporting.report import build

pytestmark = pytest.mark.django_db
YEARS = (2023, 2024)
#: Complaints a year for each procedure: small enough that many cells are 1 to 4.
RELATIONSHIPS = [r for r in Relationship.values if r != Relationship.SELF]
VOLUMES = {Procedure.CHILDREN: 90, Procedure.ADULTS: 30, Procedure.CORPORATE: 60}


def build_logs(seed: int) -> None:
    """Three years of complaints logs (the years audited and the one before), each row with
    the complainant's relationship, advocacy and equality answers drawn at random, imported;
    a third of the children's complaints are about one or two children, also at random."""
    rng = random.Random(seed)
    answers = {
        "ethnicity": Ethnicity.labels,
        "gender": Gender.labels,
        "age band": AgeBand.labels,
        "disability": Disability.labels,
    }
    head = "reference,procedure,stage,received,team,relationship,advocate,advocacy offered,"
    rows = [head + ",".join(answers) + "\n"]
    first = date(YEARS[0] - 1, 4, 1)
    for procedure, volume in VOLUMES.items():
        for n in range(volume * (len(YEARS) + 1)):
            received = first + timedelta(days=rng.randrange(365 * (len(YEARS) + 1)))
            offered = rng.random() < 0.3
            row = [
                f"{procedure[:3].upper()}{n}",
                procedure,
                "1",
                received.isoformat(),
                rng.choice(["Fostering", "Adoption", "Leaving care"]),
                rng.choice(RELATIONSHIPS) if procedure == Procedure.CHILDREN else "",
                "yes" if offered and rng.random() < 0.5 else "no",
                received.isoformat() if offered else "",
                *(rng.choice(["", *labels]) for labels in answers.values()),
            ]
            rows.append(",".join(f'"{cell}"' for cell in row) + "\n")
    result = run_import([("log.csv", "".join(rows).encode())])
    assert result.ok, [str(problem) for problem in result.problems][:5]
    complaints = list(Complaint.objects.filter(procedure=Procedure.CHILDREN).values_list("pk"))
    about = [pk for (pk,) in complaints if rng.random() < 0.33]
    children = Child.objects.bulk_create(
        Child(
            name=f"Child {i}",
            ethnicity=rng.choice(Ethnicity.values),
            gender=rng.choice(Gender.values),
            age_band=rng.choice(AgeBand.values),
            disability=rng.choice(Disability.values),
        )
        for i in range(len(about) * 2)
    )
    links = [
        Complaint.children.through(complaint_id=pk, child_id=children[2 * i + j].pk)
        for i, pk in enumerate(about)
        for j in range(rng.choice([1, 1, 2]))
    ]
    Complaint.children.through.objects.bulk_create(links)


Equation = tuple[dict[Hashable, int], int | None]


class Reader:
    """What a reader knows: equations over the finest cells, solved exactly."""

    def __init__(self) -> None:
        self.rows: list[tuple[Hashable, dict[Hashable, Fraction], Fraction]] = []
        #: Withheld cells: (where, equation of the finest cells it sums).
        self.withheld: list[tuple[str, dict[Hashable, int]]] = []

    def reduce(self, sums: dict[Hashable, int]) -> tuple[dict[Hashable, Fraction], Fraction]:
        vector = {k: Fraction(n) for k, n in sums.items() if n}
        value = Fraction(0)
        for pivot, row, known in self.rows:
            factor = vector.get(pivot)
            if factor:
                for k, c in row.items():
                    left = vector.get(k, Fraction(0)) - factor * c
                    if left:
                        vector[k] = left
                    else:
                        vector.pop(k, None)
                value += factor * known
        return vector, value

    def sees(self, where: str, sums: dict[Hashable, int], value: int | None) -> None:
        if value is None:
            self.withheld.append((where, sums))
            return
        vector, known = self.reduce(sums)
        if vector:
            pivot = next(iter(vector))
            scale = vector[pivot]
            rest = Fraction(value) - known
            self.rows.append((pivot, {k: c / scale for k, c in vector.items()}, rest / scale))

    def worked_out(self) -> dict[str, int]:
        """Every withheld cell whose value follows from what is shown, with that value."""
        found = {}
        for where, sums in self.withheld:
            vector, value = self.reduce(sums)
            if not vector:
                found[where] = int(value)
        return found


def quarters_of(period: dict[str, Any]) -> list[tuple[int, int]]:
    """The (financial year, quarter) a period of the JSON covers."""
    first, last = date.fromisoformat(period["first"]), date.fromisoformat(period["last"])
    year = Period.financial_year(first.year if first.month >= 4 else first.year - 1).year
    return [
        (year, n)
        for n in range(1, 5)
        if first <= Period.quarter(year, n).first and Period.quarter(year, n).last <= last
    ]


def read(reader: Reader, tree: dict[str, Any]) -> None:
    """Every protected count of one report, this period's and last period's."""
    figures = tree["figures"]
    read_column(reader, tree, "value", figures["period"])
    read_column(reader, tree, "previous", figures["previous_period"])


def read_column(reader: Reader, tree: dict[str, Any], column: str, period: dict[str, Any]) -> None:
    """The protected counts of one column ("value" or "previous") of one report."""
    c = tree["figures"]["complaints"]
    parts = quarters_of(period)
    label = f"{tree['procedure']} {period['label']}"

    def cell(table: str, categories: list[str]) -> dict[Hashable, int]:
        return {(tree["procedure"], p, table, k): 1 for p in parts for k in categories}

    def see(where: str, sums: dict[Hashable, int], figure: dict[str, Any]) -> None:
        reader.sees(f"{label} {where}", sums, figure[column])
        if figure.get("suppressed") is not None and figure.get("change") is not None:
            # A change beside a withheld count would give it away.
            assert figure["value"] is not None, where
            assert figure["previous"] is not None, where

    # The finest cells of the relationships are each relationship by how the complaint has
    # ended so far; the how-ended totals are exact (the sums of the teams' counts).
    codes = list(c["relationships"])
    ended = list(ENDED_SO_FAR)

    def of(relationships: list[str], ends: list[str]) -> list[str]:
        return [f"{r}|{e}" for r in relationships for e in ends]

    received = cell("relationships", of(codes, ended))
    reader.sees(f"{label} received", received, c["received"][column])
    so_far = c["ended_so_far"]
    for e in ended:
        total = sum(team[e][column] for team in so_far["by_team"].values())
        reader.sees(f"{label} ended {e}", cell("relationships", of(codes, [e])), total)
        see(
            f"ended {e}, adult",
            cell("relationships", of(codes[:0] + [r for r in codes if r != "child"], [e])),
            so_far["by_child"]["adult"][e],
        )
        see(
            f"ended {e}, child",
            cell("relationships", of(["child"], [e])),
            so_far["by_child"]["child"][e],
        )
    for code, figure in c["relationships"].items():
        see(f"relationship {code}", cell("relationships", of([code], ended)), figure)
        for e in ended:
            by_end = so_far["by_relationship"][code][e]
            see(f"relationship {code} ended {e}", cell("relationships", of([code], [e])), by_end)
    see("from children", cell("relationships", of(["child"], ended)), c["from_children"])
    advocacy = ["taken_up", "offered_only", "not_offered"]
    reader.sees(f"{label} received (advocacy)", cell("advocacy", advocacy), c["received"][column])
    see("advocacy offered", cell("advocacy", advocacy[:2]), c["advocacy_offered"])
    see("advocacy taken up", cell("advocacy", advocacy[:1]), c["advocacy_taken_up"])
    see("via advocate", cell("advocacy", advocacy[:1]), c["via_advocate"])
    for name, e in c["equality"].items():
        groups = list(e["groups"])
        everything = [*groups, "declined", "unanswered"]
        see(f"{name} total", cell(name, everything), e["total"])
        see(f"{name} answered", cell(name, everything[:-1]), e["answered"])
        see(f"{name} declined", cell(name, ["declined"]), e["declined"])
        for code, figure in e["groups"].items():
            see(f"{name} {code}", cell(name, [code]), figure)
        rate = e["completeness"] if column == "value" else e["completeness"]["previous"]
        reader.sees(f"{label} {name} complete", cell(name, groups), rate["numerator"])
        reader.sees(f"{label} {name} complete of", cell(name, everything), rate["denominator"])


def audit() -> tuple[Reader, int]:
    reader = Reader()
    reports = 0
    for procedure in Procedure.values:
        for year in YEARS:
            periods = [
                Period.financial_year(year),
                *(Period.quarter(year, n) for n in (1, 2, 3, 4)),
            ]
            for period in periods:
                report = build(
                    procedure, period, "annual" if period.kind == "year" else "quarterly"
                )
                read(reader, json.loads(json_edition.render(report)))
                reports += 1
    return reader, reports


def primary_only(cells: Any) -> dict[Hashable, disclosure.Why]:
    return {
        c.key: disclosure.Why.PRIMARY
        for c in cells
        if c.fixed == "withheld" or (c.protected and c.small and c.fixed != "shown")
    }


def test_no_withheld_count_of_1_to_4_can_be_worked_out_from_the_json(monkeypatch, capsys):
    build_logs(seed=11)
    # Which cells the computation withheld, and why (the JSON says only that they are).
    reasons: Counter[disclosure.Why] = Counter()
    rule = protected.withhold

    def counted(cells: Any) -> dict[Hashable, disclosure.Why]:
        withheld = rule(cells)
        reasons.update(withheld.values())
        return withheld

    monkeypatch.setattr(protected, "withhold", counted)
    reader, reports = audit()
    worked_out = reader.worked_out()
    small = {where: n for where, n in worked_out.items() if 0 < n < 5}

    monkeypatch.setattr(protected, "withhold", primary_only)
    unprotected, _ = audit()
    given_away = {w: n for w, n in unprotected.worked_out().items() if 0 < n < 5}
    with capsys.disabled():
        print(
            f"\n{reports} JSON reports: {len(reader.withheld)} withheld cells read "
            "(summed over every computation the reports ran: "
            f"{reasons[disclosure.Why.PRIMARY]} primary, "
            f"{reasons[disclosure.Why.SECONDARY]} secondary); {len(worked_out)} of those read "
            f"can be worked out, none 1 to 4 ({len(small)}). With the secondary rule switched "
            f"off, {len(given_away)} of {len(unprotected.withheld)} can be, each 1 to 4"
        )
    assert not small, f"withheld counts of 1 to 4 a reader can work out: {small}"
    # The logs have small counts, and primary suppression alone gives some away: the audit
    # would catch a rule that did not hold.
    assert reasons[disclosure.Why.SECONDARY] > 0
    assert len(given_away) > 0
