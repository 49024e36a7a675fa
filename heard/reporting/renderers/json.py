"""The figures as JSON (docs/figures.md)."""

from __future__ import annotations

import json

from heard.reporting.report import Report


def render(report: Report) -> bytes:
    return json.dumps(report.data(), indent=2, ensure_ascii=False).encode("utf-8")
