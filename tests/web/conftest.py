"""Store fixtures for the web tests: SQLite (a temp file) and PostgreSQL (the session's
cluster from tests/conftest.py, a fresh database per test). The live-server harness the
tests use is in webkit.py beside this file."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest


sys.path.insert(0, str(Path(__file__).parent))  # webkit and story_fixture, beside this file


@pytest.fixture(scope="session")
def pg_server(postgres_url) -> str:
    """The session's PostgreSQL cluster (tests/conftest.py)."""
    return postgres_url


_PG_DB = iter(range(1, 10_000))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'web.db'}"
    base = request.getfixturevalue("pg_server")
    # a fresh database per test: tests must not see each other's stories
    name = f"web_{os.getpid()}_{next(_PG_DB)}"
    import psycopg

    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0] + "/" + name




@pytest.fixture
def fixture_story(store):
    """The fictional story stored with its hand-made brief; returns (story id, brief)."""
    import story_fixture

    arts = story_fixture.articles()
    store.add_articles(arts)
    store.assign({a.id: "s-ferry" for a in arts})
    b = story_fixture.brief()
    store.save_brief("s-ferry", b)
    return "s-ferry", b
