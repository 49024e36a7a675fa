"""Production settings pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HEARD_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        HEARD_SECRET_KEY="a-long-random-production-secret-key-for-the-check-0123456789abcdef",
        HEARD_ALLOWED_HOSTS="complaints.example.gov.uk",
        HEARD_BASE_URL="https://complaints.example.gov.uk",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_says_when_heard_base_url_is_missing():
    # Links in emails are built from it; without it they would lead nowhere.
    result = run_manage(
        "check",
        "--deploy",
        HEARD_SECRET_KEY="a-long-random-production-secret-key-for-the-check-0123456789abcdef",
        HEARD_ALLOWED_HOSTS="complaints.example.gov.uk",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode != 0
    assert "heard.E001" in result.stderr
    assert "HEARD_BASE_URL is not set" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode != 0
    assert "HEARD_SECRET_KEY must be set" in result.stderr


def test_collectstatic_resolves_every_url_in_the_stylesheets(tmp_path):
    # Production serves hashed file names from a manifest: a stylesheet naming a file that
    # was not built would stop collectstatic, and so the deployment.
    result = run_manage(
        "collectstatic",
        "--no-input",
        HEARD_SECRET_KEY="a-long-random-production-secret-key-for-the-check-0123456789abcdef",
        HEARD_STATIC_ROOT=str(tmp_path),
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "staticfiles.json").exists()
