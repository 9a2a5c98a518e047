"""Two writers on one store: ``storyweave ingest --db`` (a real process) while ``storyweave
serve`` (another) clusters articles posted to its API. Each holds the story index in memory;
neither may lose the other's assignments. At the end the stored index state and the tables
must agree: every article in exactly one story, the same one in both, and every story's size
the same in both. SQLite and PostgreSQL.

The events and their wording are invented for this test.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import httpx
from webkit import TOKEN, serve_process

from storyweave.store import open_store
from storyweave.stories.assign import STATE_KEY

EVENTS = [  # (headline, lede, follow-up): three unrelated events of one day
    ("Silo collapse buries wagons in Harlow Vale",
     "A grain silo collapsed onto the rail yard in Harlow Vale on Tuesday, burying two freight wagons "
     "under wheat, and forty workers were moved to safety, said Maren Osk of the county emergency office.",
     "Inspectors from the Harlow Vale rail company will examine the cracked silo foundations; the line "
     "to Dunmore stays closed until the wagons are cleared."),
    ("Ferry Kestrel Dawn aground off Brisk Point",
     "The ferry Kestrel Dawn ran aground on a sandbar off Brisk Point on Tuesday with ninety passengers "
     "aboard, the coastguard said; captain Tobin Reyes reported no injuries.",
     "Tugs from Gannet Bay will try to refloat the Kestrel Dawn at high tide, and the Brisk Point "
     "harbour master suspended the afternoon crossings."),
    ("Quillmere council cuts library hours",
     "Quillmere's town council voted on Tuesday to close the public library two days a week after its "
     "budget was cut, mayor Idra Fenwick announced.",
     "Librarians in Quillmere collected four hundred signatures against the cut, and Fenwick promised "
     "to review the library budget in the autumn."),
]
OUTLETS = ["Vale Courier", "Coast Ledger", "Morning Lantern", "Northern Post", "The Signal", "Daily Harbour",
           "Wire Desk", "Evening Slate"]
# which writer sends article k of every event: the server before, during and after the CLI
SERVER_BEFORE, CLI, SERVER_DURING, SERVER_AFTER = (0, 1), (2, 3, 4), (5, 6), (7,)


def _record(e: int, k: int) -> dict:
    headline, lede, more = EVENTS[e]
    text = f"{lede}\n\n{more} (Edition {k + 1}.)"  # the edition keeps each text distinct
    return {"id": f"e{e}-{k}", "outlet": OUTLETS[k], "title": headline, "published": "2024-03-05", "text": text}


def _records(ks: tuple[int, ...]) -> list[dict]:
    return [_record(e, k) for k in ks for e in range(len(EVENTS))]


def _wait_placed(db: str, ids: set[str], timeout: float = 90) -> None:
    deadline = time.time() + timeout
    with open_store(db) as store:
        while True:
            missing = [i for i in sorted(ids) if store.story_of(i) is None]
            if not missing:
                return
            assert time.time() < deadline, f"{len(missing)} articles still without a story, e.g. {missing[:3]}"
            time.sleep(0.2)


def _wait_idle(url: str, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    with httpx.Client(base_url=url, timeout=30, trust_env=False, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        while not c.get("/api/status").json()["idle"]:
            assert time.time() < deadline, "the server's worker is still busy"
            time.sleep(0.2)


def _wait_commit(db: str, after: int, proc: subprocess.Popen, timeout: float = 90) -> None:
    """Until a writer has committed a state version past ``after`` (or ``proc`` ended)."""
    deadline = time.time() + timeout
    with open_store(db) as store:
        while store.state_version(STATE_KEY) <= after and proc.poll() is None:
            assert time.time() < deadline, "the CLI committed nothing"
            time.sleep(0.02)


def _index_and_tables_agree(db: str, ids: set[str]) -> None:
    from sqlalchemy import select

    from storyweave.store.schema import articles, stories
    from storyweave.stories.incremental import StoryIndex

    with open_store(db) as store:
        blob = store.load_state(STATE_KEY)
        with store.engine.connect() as conn:
            placed = dict(conn.execute(select(articles.c.id, articles.c.story_id)).all())
            sizes = {sid: n for sid, n in conn.execute(select(stories.c.id, stories.c.size)).all() if n}
    assert set(placed) == ids, f"stored articles differ from those sent: {sorted(set(placed) ^ ids)[:5]}"
    assert all(placed.values()), f"articles without a story: {[a for a, s in placed.items() if not s][:5]}"
    index = StoryIndex.from_bytes(blob)
    lost = {a: s for a, s in placed.items() if index.assignments.get(a) != s}
    assert not lost, f"{len(lost)} of {len(ids)} articles are in the tables but not (or elsewhere) in the story index: {sorted(lost)[:5]}"
    in_index = {s.id: s.size for s in index.summaries() if s.size}
    assert in_index == sizes, f"story sizes differ between the index and the tables: {in_index} vs {sizes}"


def _post(url: str, records: list[dict]) -> None:
    with httpx.Client(base_url=url, timeout=60, trust_env=False, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        for rec in records:  # one article per request, as a crawler sends them
            r = c.post("/api/articles", json=rec)
            assert r.status_code == 201, r.text


def test_cli_ingest_while_the_server_ingests(store_url, tmp_path):
    env = {"STORYWEAVE_BRIEF_NER": "false"}  # briefs are not what this test is about: keep them cheap
    batch = tmp_path / "cli.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in _records(CLI)))
    sent: set[str] = set()
    with serve_process(store_url, token=TOKEN, env=env) as (url, server):
        before = _records(SERVER_BEFORE)
        _post(url, before)
        sent |= {r["id"] for r in before}
        _wait_placed(store_url, sent)  # the server now holds an index in memory
        _wait_idle(url)  # and its brief process is up: from now on it places each POST at once
        with open_store(store_url) as store:
            version = store.state_version(STATE_KEY)
        # one article per chunk: the CLI commits nine times, and the server's commits fall between
        cli = subprocess.Popen(
            [sys.executable, "-c", "import sys; from storyweave.cli import main; sys.exit(main())",
             "--quiet", "ingest", str(batch), "--db", store_url],
            env={**os.environ, **env, "STORYWEAVE_STORIES_CHUNK": "1"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        during = _records(SERVER_DURING)
        poster = threading.Thread(target=_post, args=(url, during))
        _wait_commit(store_url, version, cli)
        poster.start()
        out, err = cli.communicate(timeout=120)
        poster.join(60)
        assert cli.returncode == 0, err[-2000:]
        assert out.startswith(f"read {len(_records(CLI))}, stored {len(_records(CLI))} new"), out
        sent |= {r["id"] for r in _records(CLI)} | {r["id"] for r in during}
        after = _records(SERVER_AFTER)  # the server commits again once the CLI is done
        _post(url, after)
        sent |= {r["id"] for r in after}
        _wait_placed(store_url, sent)
        _index_and_tables_agree(store_url, sent)
        assert server.poll() is None, "the server died"
