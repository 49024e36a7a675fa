from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from heard.imports.service import run_import

pytestmark = pytest.mark.django_db

LOG = (
    "reference,stage,received,ended,outcome,themes,team,relationship\n"
    "A,1,2021-05-04,2021-05-10,Upheld,Delay,Fostering,Parent\n"
    "B,1,2021-11-04,,,,Fostering,Parent\n"
)


@pytest.fixture(autouse=True)
def _log():
    assert run_import([("log.csv", LOG.encode())]).ok


def test_year_2021_writes_the_2021_22_figures_as_json(tmp_path):
    output = tmp_path / "report.json"
    err = io.StringIO()
    call_command("annual_report", "--year", "2021", "--output", str(output), stderr=err)
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["figures"]["period"]["label"] == "2021/22"
    assert data["figures"]["complaints"]["received"]["value"] == 2
    assert data["narrative"][0].startswith("2 statutory complaints were received")
    assert "Computing the figures for 2021/22" in err.getvalue()


def test_a_quarter_and_a_date_range_work_too():
    out = io.StringIO()
    call_command("annual_report", "--quarter", "2021-Q3", stdout=out, stderr=io.StringIO())
    assert json.loads(out.getvalue())["figures"]["complaints"]["received"]["value"] == 1
    out = io.StringIO()
    call_command(
        "annual_report",
        "--from",
        "2021-05-01",
        "--to",
        "2021-05-31",
        stdout=out,
        stderr=io.StringIO(),
    )
    data = json.loads(out.getvalue())
    assert data["figures"]["period"]["label"] == "1 May 2021 to 31 May 2021"
    assert data["figures"]["complaints"]["stages"]["1"]["responded"]["value"] == 1


def test_another_procedure_counts_only_its_own_complaints():
    out = io.StringIO()
    call_command(
        "annual_report",
        "--year",
        "2021",
        "--procedure",
        "corporate",
        stdout=out,
        stderr=io.StringIO(),
    )
    data = json.loads(out.getvalue())
    assert data["procedure"] == "corporate"
    assert data["figures"]["complaints"]["received"]["value"] == 0
    assert set(data["figures"]["complaints"]["stages"]) == {"1", "2"}


def test_a_badly_written_quarter_is_refused_with_an_example():
    with pytest.raises(CommandError, match="like 2021-Q3"):
        call_command("annual_report", "--quarter", "2021/3", stderr=io.StringIO())


def test_a_pdf_goes_to_the_file_named(tmp_path):
    output = tmp_path / "report.pdf"
    call_command(
        "annual_report",
        "--year",
        "2021",
        "--format",
        "pdf",
        "--output",
        str(output),
        stderr=io.StringIO(),
    )
    assert output.read_bytes().startswith(b"%PDF-")


def test_a_binary_format_needs_a_file():
    with pytest.raises(CommandError, match="Give --output FILE for the docx format"):
        call_command("annual_report", "--year", "2021", "--format", "docx", stderr=io.StringIO())
