"""A throwaway PostgreSQL cluster for the test suite.

PostgreSQL refuses to run as root, so as root the cluster is created and run as the `postgres`
user (`runuser -u postgres -- initdb/pg_ctl`) in a temporary directory that user owns. It
listens on a Unix socket only, and is stopped and deleted when the process exits.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from dj_database_url import DBConfig


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if not candidates:
        raise RuntimeError(f"PostgreSQL's {name} was not found; install postgresql-15")
    return candidates[0]


def start_throwaway_cluster() -> DBConfig:
    """Start a private cluster and return a Django DATABASES entry for it."""
    as_root = os.geteuid() == 0
    workdir = Path(tempfile.mkdtemp(prefix="heard-pg-"))
    prefix: list[str] = []
    if as_root:
        owner = pwd.getpwnam("postgres")
        os.chown(workdir, owner.pw_uid, owner.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data = workdir / "data"
    log = workdir / "server.log"

    def run(*args: str) -> None:
        result = subprocess.run([*prefix, *args], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed:\n{result.stdout}\n{result.stderr}")

    run(
        _binary("initdb"),
        "-D",
        str(data),
        "-U",
        "postgres",
        "-A",
        "trust",
        "--no-sync",
        "-E",
        "UTF8",
        "--locale=C",
    )
    # HEARD_PG_SERVER_OPTIONS adds server settings: bench/report.py gives the server the
    # memory a production one would have.
    options = (
        f"-k {workdir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_connections=50 "
        + os.environ.get("HEARD_PG_SERVER_OPTIONS", "")
    )
    run(_binary("pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start")

    def stop() -> None:
        subprocess.run(
            [*prefix, _binary("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(workdir, ignore_errors=True)

    atexit.register(stop)
    print(f"PostgreSQL test cluster started in {workdir}", file=sys.stderr)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "HOST": str(workdir),
        "PORT": "5432",
        "CONN_MAX_AGE": 0,
        "OPTIONS": {},
        "TEST": {"NAME": "heard_test"},
    }
