"""The report's charts, drawn with matplotlib from the figures: SVG for the page and the PDF,
PNG for Word. Each has alt text and the table of the numbers it draws."""

from __future__ import annotations

import io
from dataclasses import dataclass
from math import nan as NAN

from matplotlib.figure import Figure

from heard.reporting.document import NONE, Cell, Table, count, percent, text
from heard.reporting.report import Report

#: GOV.UK Frontend's palette: blue, orange, green, dark grey, purple.
COLOURS = ["#1d70b8", "#f47738", "#00703c", "#505a5f", "#4c2c92"]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    alt: str
    svg: str
    png: bytes
    table: Table


def _save(figure: Figure) -> tuple[str, bytes]:
    svg, png = io.StringIO(), io.BytesIO()
    figure.savefig(svg, format="svg", bbox_inches="tight", metadata={"Date": None})
    figure.savefig(png, format="png", dpi=150, bbox_inches="tight")
    return svg.getvalue(), png.getvalue()


def _figure() -> Figure:
    figure = Figure(figsize=(7.5, 3.6))
    figure.set_layout_engine("tight")
    return figure


def _bars(
    labels: list[str], series: dict[str, list[float]], *, ylabel: str, horizontal: bool = False
) -> Figure:
    figure = _figure()
    axes = figure.add_subplot()
    width = 0.8 / max(len(series), 1)
    for n, (name, values) in enumerate(series.items()):
        positions = [i + (n - (len(series) - 1) / 2) * width for i in range(len(labels))]
        if horizontal:
            axes.barh(positions, values, height=width, label=name, color=COLOURS[n % 5])
        else:
            axes.bar(positions, values, width=width, label=name, color=COLOURS[n % 5])
    if horizontal:
        axes.set_yticks(range(len(labels)), labels)
        axes.invert_yaxis()
        axes.set_xlabel(ylabel)
    else:
        axes.set_xticks(range(len(labels)), labels)
        axes.set_ylabel(ylabel)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if len(series) > 1:
        # Above the plot, never over a bar.
        axes.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(series))
    return figure


def volumes(report: Report) -> Chart:
    """Stages received each year. A year with no complaint recorded at all (before the
    council kept its cases in Heard) is a gap marked "No data", not a bar of zero."""
    labels = [label for label, _ in report.trend]
    stages = sorted({n for _, counts in report.trend for n in counts} or {1})
    recorded = [any(counts.values()) for _, counts in report.trend]
    series = {
        f"Stage {n}": [
            float(c.get(n, 0)) if kept else NAN
            for (_, c), kept in zip(report.trend, recorded, strict=True)
        ]
        for n in stages
    }
    figure = _bars(labels, series, ylabel="Complaints received")
    axes = figure.axes[0]
    for i, kept in enumerate(recorded):
        if not kept:
            axes.text(i, 0, "No data", ha="center", va="bottom", color="#505a5f", fontsize=9)
    svg, png = _save(figure)
    table = Table("trend", "Complaints received at each stage", ["Year", *series])
    for (label, counts), kept in zip(report.trend, recorded, strict=True):
        cells = [count(counts.get(n, 0)) if kept else Cell(NONE) for n in stages]
        table.rows.append([text(label), *cells])
    if not all(recorded):
        table.note = f"{NONE}: no complaint is recorded for that year."
    last = report.trend[-1][1]
    latest = ", ".join(f"Stage {n} {last.get(n, 0)}" for n in stages)
    gaps = [label for label, kept in zip(labels, recorded, strict=True) if not kept]
    missing = f" No data for {', '.join(gaps)}." if gaps else ""
    alt = (
        f"Bar chart of complaints received at each stage from {labels[0]} to {labels[-1]}. "
        f"In {labels[-1]}: {latest}.{missing}"
    )
    return Chart("trend", table.caption, alt, svg, png, table)


def outcomes(report: Report) -> Chart:
    now, before = report.current.complaints.stages["1"], report.previous.complaints.stages["1"]
    labels = ["Upheld", "Partially upheld", "Not upheld"]
    periods = {report.current.period.label: now, report.previous.period.label: before}
    series = {
        label: [
            float(s.outcomes.upheld_rate.percent or 0),
            float(s.outcomes.partially_upheld_rate.percent or 0),
            float(s.outcomes.not_upheld_rate.percent or 0),
        ]
        for label, s in periods.items()
    }
    svg, png = _save(_bars(labels, series, ylabel="% of Stage 1 responses"))
    table = Table("outcomes_chart", "Outcomes of Stage 1 responses", ["Outcome", *series])
    for i, label in enumerate(labels):
        table.rows.append([text(label), *(percent(values[i]) for values in series.values())])
    current = series[report.current.period.label]
    alt = (
        f"Bar chart of Stage 1 outcomes in {report.current.period.label} against "
        f"{report.previous.period.label}: upheld {current[0]:.0f}%, partially upheld "
        f"{current[1]:.0f}%, not upheld {current[2]:.0f}%."
    )
    return Chart("outcomes_chart", table.caption, alt, svg, png, table)


def timeliness(report: Report) -> Chart:
    now, before = (
        report.current.complaints.stages["1"].timeliness,
        report.previous.complaints.stages["1"].timeliness,
    )
    labels = [
        f"Within {now.standard_days} working days",
        f"Within {now.maximum_days} working days",
    ]
    if now.standard_days is None:
        labels = ["By the agreed date", "By the agreed date "]
    series = {
        report.current.period.label: [
            float(now.within_standard.percent or 0),
            float(now.within_maximum.percent or 0),
        ],
        report.previous.period.label: [
            float(before.within_standard.percent or 0),
            float(before.within_maximum.percent or 0),
        ],
    }
    svg, png = _save(_bars(labels, series, ylabel="% of Stage 1 responses"))
    table = Table("timeliness_chart", "Stage 1 responses on time", ["Measure", *series])
    for i, label in enumerate(labels):
        table.rows.append([text(label), *(percent(values[i]) for values in series.values())])
    current = series[report.current.period.label]
    alt = (
        f"Bar chart of Stage 1 responses on time in {report.current.period.label} against "
        f"{report.previous.period.label}: {current[0]:.0f}% {labels[0].lower()}, "
        f"{current[1]:.0f}% {labels[1].lower()}."
    )
    return Chart("timeliness_chart", table.caption, alt, svg, png, table)


def themes(report: Report) -> Chart | None:
    top = list(report.current.complaints.stages["1"].themes.items())[:8]
    if not top:
        return None
    labels = [name for name, _ in top]
    series = {"Complaints": [float(t.complaints) for _, t in top]}
    svg, png = _save(_bars(labels, series, ylabel="Complaints", horizontal=True))
    table = Table("themes_chart", "Themes of Stage 1 responses", ["Theme", "Complaints"])
    for name, t in top:
        table.rows.append([text(name), count(t.complaints)])
    listed = ", ".join(f"{name} {t.complaints}" for name, t in top[:3])
    alt = f"Bar chart of the themes of Stage 1 responses, most first: {listed}."
    return Chart("themes_chart", table.caption, alt, svg, png, table)


def draw(report: Report) -> list[Chart]:
    if report.kind == "quarterly":
        return [volumes(report), timeliness(report)]
    charts = [volumes(report), outcomes(report), timeliness(report), themes(report)]
    return [chart for chart in charts if chart is not None]
