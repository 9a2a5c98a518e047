"""Live-server harness for the web tests (and the security tests): a real uvicorn on
127.0.0.1, a ``storyweave serve`` subprocess, and the config they use. A plain module with a
unique name, so test files import it whatever other conftest.py files pytest has loaded."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx
import uvicorn

from storyweave.config import Config

TOKEN = "test-token-7f3a"
REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- stores ---------------------------------------------------------------------------------

@contextmanager
def serve_process(db: str, token: str | None = None, env: dict[str, str] | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """``storyweave serve`` as its own process (as users run it); yields (base URL, process)."""
    port = free_port()
    cmd = [sys.executable, "-c", "import sys; from storyweave.cli import main; sys.exit(main())", "serve",
           "--db", db, "--port", str(port), *(["--token", token] if token else [])]
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=1, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError(f"storyweave serve did not start: {proc.communicate()[1][-800:]}")
            time.sleep(0.2)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


# -- live server --------------------------------------------------------------------------

class LiveServer:
    """create_app(...) under uvicorn in a thread, listening on a real loopback socket."""

    def __init__(self, app, port: int | None = None):
        self.app = app
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                     lifespan="on", access_log=False))
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self._thread.start()
        deadline = time.time() + 20
        while not self._server.started:
            if time.time() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self._server.should_exit = True
        self._thread.join(20)

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60, trust_env=False)

    def wait_idle(self, timeout: float = 120) -> dict:
        deadline = time.time() + timeout
        with self.client() as c:
            while time.time() < deadline:
                status = c.get("/api/status", headers={"Authorization": f"Bearer {TOKEN}"}).json()
                if status["idle"]:
                    return status
                time.sleep(0.1)
        raise AssertionError(f"background work still running after {timeout}s: {status}")


def make_config(**server) -> Config:
    return Config().with_overrides({"server": {"token": TOKEN, **server}})


