"""Live servers for the web tests: a real uvicorn on 127.0.0.1 over a real store.

Stores: SQLite (a temp file) and PostgreSQL. PostgreSQL comes from STORYWEAVE_TEST_PG_URL
when set, else from a throw-away cluster this file initdb's and starts (as the
``postgres`` user when run as root); the PostgreSQL tests skip, loudly, only when no server
can be had at all.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx
import pytest
import uvicorn

from storyweave.config import Config

sys.path.insert(0, str(Path(__file__).parent))  # the fixture modules beside this file

TOKEN = "test-token-7f3a"
REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- stores ---------------------------------------------------------------------------------

def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (d / name).exists():
            return str(d / name)
    return None


@contextmanager
def temp_postgres() -> Iterator[str]:
    """initdb + pg_ctl start a private cluster on a free port; yields its URL; stops and removes it."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("initdb/pg_ctl not found (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="storyweave-pg-"))
    data, port = root / "data", free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    try:
        subprocess.run([*as_user, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
                       check=True, capture_output=True, timeout=120)
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60", "-o",
                        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                       check=True, capture_output=True, timeout=90)
        subprocess.run([*as_user, _pg_bin("createdb") or "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
                        "storyweave"], check=True, capture_output=True, timeout=60)
        yield f"postgresql://postgres@127.0.0.1:{port}/storyweave"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "-t", "10", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    url = os.environ.get("STORYWEAVE_TEST_PG_URL")
    if url:
        yield url
        return
    try:
        with temp_postgres() as url:
            yield url
    except (RuntimeError, subprocess.SubprocessError, OSError) as e:
        detail = getattr(e, "stderr", b"") or b""
        msg = f"NO POSTGRESQL: could not start a temporary server ({e} {detail.decode(errors='replace')[-300:]})"
        print("\n" + "!" * 20 + " " + msg, file=sys.stderr)
        pytest.skip(msg)


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
def store(store_url):
    from storyweave.store import open_store

    s = open_store(store_url)
    yield s
    s.close()


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
