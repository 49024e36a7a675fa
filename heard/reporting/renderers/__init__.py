"""The report's outputs. Each takes a built Report and returns bytes; none queries the
database (the Report holds every figure already)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from heard.reporting.renderers import docx, html, json, pdf, xlsx
from heard.reporting.report import Report


@dataclass(frozen=True)
class Renderer:
    label: str
    content_type: str
    render: Callable[[Report], bytes]


RENDERERS: dict[str, Renderer] = {
    "pdf": Renderer("PDF", "application/pdf", pdf.render),
    "docx": Renderer(
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        docx.render,
    ),
    "xlsx": Renderer(
        "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.render
    ),
    "json": Renderer("JSON", "application/json", json.render),
    "html": Renderer("HTML", "text/html; charset=utf-8", html.render),
}
