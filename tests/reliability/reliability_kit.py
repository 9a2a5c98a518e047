"""Shared builders for the reliability tests: invented articles, well-formed seed files for
every reader (the fuzzers mutate them), time/memory checks, and the store checks the crash
tests run after every kill.

Every text here is written for the tests (invented towns and people): no third-party text.
Imported by module name (``import reliability_kit``): pytest puts this folder on sys.path.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import time
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from hypothesis import HealthCheck, settings

# -- hypothesis budgets: small in the default run, deep under `make fuzz` ----------------------
# STORYWEAVE_FUZZ=1 (set by `make fuzz`) selects the deep profile; STORYWEAVE_FUZZ_EXAMPLES
# overrides the count either way.
_DEEP = os.environ.get("STORYWEAVE_FUZZ", "") not in ("", "0")
EXAMPLES = int(os.environ.get("STORYWEAVE_FUZZ_EXAMPLES", "2000" if _DEEP else "12"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the per-call bound is checked by `bounded` with a CPU-contention margin
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    derandomize=not _DEEP,  # the default run is reproducible; fuzz runs explore
    database=None,
)

# Seconds one item may take. Generous: the machine is shared (2 cores) and the first call
# imports trafilatura; a hang or catastrophic backtracking blows far past it.
ITEM_SECONDS = float(os.environ.get("STORYWEAVE_ITEM_SECONDS", "10"))


@contextmanager
def bounded(what: str, seconds: float = ITEM_SECONDS) -> Iterator[None]:
    start = time.perf_counter()
    yield
    took = time.perf_counter() - start
    assert took < seconds, f"{what} took {took:.1f}s (bound {seconds:.0f}s): a hang or runaway backtracking"


@contextmanager
def peak_memory() -> Iterator[list[int]]:
    """Peak Python allocation (bytes) inside the block, in ``box[0]`` afterwards."""
    box = [0]
    tracemalloc.start()
    try:
        yield box
    finally:
        box[0] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


# -- invented news ---------------------------------------------------------------------------------
TOWNS = ["Valmora", "Brissec", "Oudenholm", "Karsik", "Temberly", "Quillan", "Morrowfield", "Ashgrove",
         "Dunvale", "Pellworth", "Sarnay", "Elderbrook", "Fenwick Bay", "Holtmere", "Iverness Cross", "Juniper Falls"]
EVENTS = [
    ("flood", "Floodwater from the {river} river reached the centre of {town} on {day}, forcing {n} families from their homes."),
    ("fire", "A fire at a warehouse in {town} burned for {n} hours on {day} before crews from three stations put it out."),
    ("vote", "The council of {town} voted {n} to {m} on {day} to build a new bridge across the {river}."),
    ("strike", "Bus drivers in {town} began a {n}-day strike on {day} over pay and the length of their shifts."),
    ("festival", "More than {n},000 people visited the {town} lantern festival on {day}, organisers said."),
]
RIVERS = ["Sarn", "Oule", "Brenna", "Tavy", "Kessel", "Lorne"]
OUTLETS = ["Valley Courier", "Harbour Herald", "Morning Ledger", "County Wire", "The Lantern"]


def invented_articles(n: int, seed: int = 0, prefix: str = "a") -> list[dict[str, Any]]:
    """``n`` distinct JSON records; every few share an event (town + kind) so stories form."""
    import random

    rnd = random.Random(seed)
    out = []
    for i in range(n):
        town = TOWNS[(i // 3 + seed) % len(TOWNS)]
        kind, lede = EVENTS[(i // 3 + seed) % len(EVENTS)]
        day = dt.date(2031, 1 + (i // 40) % 12, 1 + (i // 3) % 27)
        fill = dict(town=town, river=rnd.choice(RIVERS), day=day.strftime("%A"), n=rnd.randint(3, 90), m=rnd.randint(1, 2))
        outlet = OUTLETS[i % len(OUTLETS)]
        paras = [
            lede.format(**fill),
            f"Officials in {town} said the {kind} was the most serious the town had seen in {rnd.randint(5, 40)} years, "
            f"and that a full report would follow within {rnd.randint(2, 9)} weeks.",
            f"\u201cWe are doing everything we can for the people of {town},\u201d said {rnd.choice(['Mayor', 'Chief'])} "
            f"{rnd.choice(['Ilse', 'Tomas', 'Marit', 'Oskar'])} {rnd.choice(['Brandt', 'Keller', 'Voss', 'Lund'])}.",
            f"Record {prefix}{seed}-{i}: residents were told to follow updates from the town hall "
            f"and to expect disruption until {rnd.choice(['Friday', 'Monday', 'next week'])}.",
        ]
        out.append({
            "id": f"{prefix}{seed}-{i}",
            "url": f"https://{outlet.lower().replace(' ', '')}.example/{day.isoformat()}/{prefix}{seed}-{i}",
            "outlet": outlet,
            "title": f"{kind.title()} in {town}",
            "published": day.isoformat(),
            "text": "\n\n".join(paras),
        })
    return out


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


# -- well-formed seeds for every reader (the fuzzers start from these) ------------------------------
def news_html(title: str = "Flood in Valmora", paragraphs: list[str] | None = None, extra_head: str = "") -> str:
    paragraphs = paragraphs or invented_articles(1)[0]["text"].split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:site_name" content="Valley Courier">{extra_head}</head><body>'
            f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>Contact | Privacy</footer></body></html>")


def rss_feed(n: int = 2) -> str:
    items = "".join(
        f"<item><title>{r['title']}</title><link>{r['url']}</link><guid>{r['id']}</guid>"
        f"<pubDate>Mon, 06 Jan 2031 08:00:00 GMT</pubDate><description><![CDATA[{r['text']}]]></description></item>"
        for r in invented_articles(n)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Valley Courier</title>' \
           f"<link>https://valleycourier.example/</link>{items}</channel></rss>"


def atom_feed(n: int = 2) -> str:
    entries = "".join(
        f"<entry><title>{r['title']}</title><link href='{r['url']}'/><id>{r['id']}</id>"
        f"<updated>2031-01-06T08:00:00Z</updated><content type='text'>{r['text']}</content></entry>"
        for r in invented_articles(n)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>{entries}</feed>'


def csv_text(n: int = 2) -> str:
    import csv

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["id", "url", "outlet", "title", "published", "text"])
    w.writeheader()
    for r in invented_articles(n):
        w.writerow(r)
    return buf.getvalue()


def warc_bytes(pages: int = 2, gz: bool = False) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i, r in enumerate(invented_articles(pages)):
        html = news_html(r["title"], r["text"].split("\n\n")).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(r["url"], "response", payload=io.BytesIO(html), http_headers=headers))
    return buf.getvalue()


@dataclass(frozen=True, slots=True)
class Seed:
    suffix: str
    data: bytes


def seeds() -> list[Seed]:
    """One well-formed file per reader."""
    recs = invented_articles(2)
    return [
        Seed(".txt", recs[0]["text"].encode()),
        Seed(".json", json.dumps(recs).encode()),
        Seed(".jsonl", "".join(json.dumps(r) + "\n" for r in recs).encode()),
        Seed(".csv", csv_text().encode()),
        Seed(".html", news_html().encode()),
        Seed(".rss", rss_feed().encode()),
        Seed(".atom", atom_feed().encode()),
        Seed(".warc", warc_bytes()),
    ]


# -- store checks after a crash ---------------------------------------------------------------------
def store_invariants(db: str) -> dict[str, Any]:
    """What must hold in a store at any moment a reader can see: returns the facts checked,
    raises AssertionError naming the broken invariant."""
    from sqlalchemy import func, select

    from storyweave.store import open_store
    from storyweave.store.schema import articles, stories

    with open_store(db) as store:
        with store.engine.connect() as conn:
            rows = conn.execute(select(articles.c.id, articles.c.content_hash, articles.c.text, articles.c.body,
                                       articles.c.story_id)).all()
            counts = dict(conn.execute(select(articles.c.story_id, func.count()).group_by(articles.c.story_id)).all())
            story_rows = conn.execute(select(stories.c.id, stories.c.size)).all()
    ids = [r.id for r in rows]
    assert len(ids) == len(set(ids)), "an article id is stored twice"
    hashes = [r.content_hash for r in rows]
    assert len(hashes) == len(set(hashes)), "the same text is stored twice"
    for r in rows:  # a row is whole or absent: never a row without its text or body
        assert r.text and len(r.content_hash) == 64 and isinstance(r.body, list), f"half-written article {r.id}"
    for sid, size in story_rows:
        assert counts.get(sid, 0) == size, f"story {sid} says {size} articles, holds {counts.get(sid, 0)}"
    return {"articles": len(ids), "stories": sum(1 for _, s in story_rows if s), "without_story": counts.get(None, 0),
            "empty_stories": sum(1 for _, s in story_rows if not s), "ids": set(ids)}


def load_pg_fixture_module():
    """tests/store/conftest.py's throw-away PostgreSQL cluster, shared rather than copied."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "store" / "conftest.py"
    spec = importlib.util.spec_from_file_location("storyweave_tests_store_conftest", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
