"""`storyweave serve` as a user runs it: a separate process, token from the environment."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest
from conftest import free_port


def test_serve_starts_reads_openly_and_writes_with_the_env_token(tmp_path):
    pytest.importorskip("storyweave.store.sql", reason="the SQL store is not built yet")
    port = free_port()
    env = {**os.environ, "STORYWEAVE_SERVER_TOKEN": "env-token-123"}
    proc = subprocess.Popen([sys.executable, "-m", "storyweave.cli", "serve", "--db", f"sqlite:///{tmp_path / 'cli.db'}",
                             "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=1, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.communicate()[1]
            assert time.time() < deadline, "server did not come up"
            time.sleep(0.2)
        with httpx.Client(base_url=url, trust_env=False, timeout=30) as c:
            assert c.get("/api/stories").status_code == 200
            rec = {"id": "cli1", "text": "The Port Elsen council met on Monday to discuss the harbour."}
            assert c.post("/api/articles", json=rec).status_code == 401
            r = c.post("/api/articles", json=rec, headers={"Authorization": "Bearer env-token-123"})
            assert r.status_code == 201, r.text
            assert c.get("/api/articles/cli1").status_code == 200
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert "env-token-123" not in err  # a given token is never echoed to the log
