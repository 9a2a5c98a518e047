"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

The PostgreSQL server is a throwaway cluster (initdb) on a free port under /tmp, started
once per session. When it cannot start, the PostgreSQL variants are skipped with the reason
printed loudly — never silently.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

PG_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def _pg_bin(name: str) -> str | None:
    for d in PG_DIRS:
        if (d / name).exists():
            return str(d / name)
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres_user(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; use the distribution's postgres account
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if not runuser:
            raise RuntimeError("running as root and 'runuser' is missing, so PostgreSQL cannot start")
        return [runuser, "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def postgres_url():
    url = os.environ.get("STORYWEAVE_TEST_PG")
    if url:  # a server provided by CI
        yield url
        return
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        _skip_loudly("initdb/pg_ctl not found (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="storyweave-pg-", dir="/tmp"))
    data = root / "data"
    port = _free_port()
    try:
        if os.geteuid() == 0:
            shutil.chown(root, "postgres", "postgres")
        subprocess.run(_as_postgres_user([initdb, "-D", str(data), "-U", "storyweave", "--auth=trust", "-E", "UTF8"]),
                       check=True, capture_output=True, timeout=120)
        subprocess.run(_as_postgres_user([pg_ctl, "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60", "-o",
                                          f"-p {port} -h 127.0.0.1 -k {root} -c fsync=off", "start"]),
                       check=True, capture_output=True, timeout=90)
    except (subprocess.SubprocessError, OSError, RuntimeError, LookupError) as e:
        detail = getattr(e, "stderr", b"") or b""
        shutil.rmtree(root, ignore_errors=True)
        _skip_loudly(f"could not start a PostgreSQL server: {e} {detail.decode(errors='replace')[-500:]}")
    url = f"postgresql://storyweave@127.0.0.1:{port}/postgres"
    try:
        yield url
    finally:
        subprocess.run(_as_postgres_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def _skip_loudly(reason: str):
    print(f"\n*** SKIPPING PostgreSQL store tests: {reason} ***\n", file=sys.stderr)
    pytest.skip(f"PostgreSQL unavailable: {reason}")


_counter = [0]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    base = request.getfixturevalue("postgres_url")
    # a fresh database per test, so tests never see each other's rows
    import psycopg

    _counter[0] += 1
    name = f"t{os.getpid()}_{_counter[0]}_{int(time.time() * 1000) % 10**6}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def store(store_url):
    from storyweave.store import open_store

    s = open_store(store_url)
    yield s
    s.close()
