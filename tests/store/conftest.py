"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server
(the session's throw-away cluster, ``postgres_url`` in tests/conftest.py)."""
from __future__ import annotations

import os
import time

import pytest

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
