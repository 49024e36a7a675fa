"""The figures of a report: typed dataclasses computed in the database (docs/figures.md).

`compute(procedure, period)` runs a fixed number of queries, whatever the size of the data;
renderers take the dataclasses and query nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from heard.reporting.figures.casework import (
    ComplimentFigures,
    CostFigures,
    InformalFigures,
    LearningFigures,
    OmbudsmanFigures,
    RemedyFigures,
    RepresentationFigures,
    SarFigures,
    compliment_figures,
    cost_figures,
    informal_figures,
    learning_figures,
    ombudsman_figures,
    remedy_figures,
    representation_figures,
    sar_figures,
)
from heard.reporting.figures.complaints import ComplaintFigures, complaint_figures
from heard.reporting.periods import Period


@dataclass(frozen=True)
class Figures:
    period: Period
    complaints: ComplaintFigures
    compliments: ComplimentFigures
    subject_access: SarFigures
    ombudsman: OmbudsmanFigures
    costs: CostFigures
    learning: LearningFigures
    remedies: RemedyFigures
    representations: RepresentationFigures
    informal: InformalFigures


def compute(procedure: str, period: Period) -> Figures:
    """Every figure of the report on `procedure` for `period`."""
    return Figures(
        period=period,
        complaints=complaint_figures(procedure, period),
        compliments=compliment_figures(procedure, period),
        subject_access=sar_figures(procedure, period),
        ombudsman=ombudsman_figures(procedure, period),
        costs=cost_figures(procedure, period),
        learning=learning_figures(procedure, period),
        remedies=remedy_figures(procedure, period),
        representations=representation_figures(procedure, period),
        informal=informal_figures(procedure, period),
    )
