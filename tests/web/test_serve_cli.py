"""`storyweave serve` as a user runs it: a separate process, token from the environment."""
from __future__ import annotations

import httpx
import pytest
from webkit import serve_process


def test_serve_starts_reads_openly_and_writes_with_the_env_token(tmp_path):
    pytest.importorskip("storyweave.store.sql", reason="the SQL store is not built yet")
    with serve_process(f"sqlite:///{tmp_path / 'cli.db'}", env={"STORYWEAVE_SERVER_TOKEN": "env-token-123"}) as (url, proc):
        with httpx.Client(base_url=url, trust_env=False, timeout=30) as c:
            assert c.get("/api/stories").status_code == 200
            rec = {"id": "cli1", "text": "The Port Elsen council met on Monday to discuss the harbour."}
            assert c.post("/api/articles", json=rec).status_code == 401
            r = c.post("/api/articles", json=rec, headers={"Authorization": "Bearer env-token-123"})
            assert r.status_code == 201, r.text
            assert c.get("/api/articles/cli1").status_code == 200
    _, err = proc.communicate(timeout=60)  # serve_process has stopped it
    assert "serving sqlite:///" in err
    assert "env-token-123" not in err  # a given token is never echoed to the log
