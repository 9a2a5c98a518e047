"""Shared fixtures. Models load once per test session (as they do once per process in use)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
EXAMPLE = SHARED / "examples" / "blinken-beijing"
DEMO = REPO / "demo" / "valmora-floods"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing beside the repo ({SHARED}): the tests read the example story and data there")
    return SHARED


@pytest.fixture(scope="session")
def example_dir(shared_dir) -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO


@pytest.fixture(scope="session")
def models():
    from storyweave.nlp.models import Models

    return Models()


@pytest.fixture(scope="session")
def pipeline(models):
    from storyweave.config import Config
    from storyweave.pipeline import Pipeline

    return Pipeline(Config(), models)


@pytest.fixture(scope="session")
def example_brief(pipeline, example_dir):
    from storyweave.ingest import read_articles

    arts, probs = read_articles([example_dir])
    return pipeline.brief(arts, probs)


@pytest.fixture(scope="session")
def demo_brief(pipeline, demo_dir):
    from storyweave.ingest import read_articles

    arts, probs = read_articles([demo_dir])
    return pipeline.brief(arts, probs)


@pytest.fixture(scope="session")
def dev_path(shared_dir) -> Path:
    """The story-clustering dev set (gold `story` labels)."""
    path = shared_dir / "data" / "stories-dev.jsonl"
    if not path.is_file():
        pytest.fail(f"shared dev data missing at {path}")
    return path


@pytest.fixture(scope="session")
def dev(dev_path):
    """(articles, gold labels, features) for the dev set, featurised once per session."""
    from storyweave.eval.stories import load_gold
    from storyweave.stories.features import Featurizer

    arts, gold, _ = load_gold(str(dev_path))
    return arts, gold, Featurizer()(arts)


@pytest.fixture
def store(store_url):
    """An open store on the ``store_url`` a test folder provides (SQLite and PostgreSQL)."""
    from storyweave.store import open_store

    s = open_store(store_url)
    yield s
    s.close()


# ---- PostgreSQL -------------------------------------------------------------------------

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
    """One throw-away PostgreSQL cluster (initdb) on a free port under /tmp for the whole
    session, or the server named by STORYWEAVE_TEST_PG_URL. When none can start, the
    PostgreSQL variants skip with the reason printed loudly, never silently."""
    url = os.environ.get("STORYWEAVE_TEST_PG_URL") or os.environ.get("STORYWEAVE_TEST_PG")
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
