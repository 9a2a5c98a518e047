"""``storyweave eval metadata``: matching rules, the split, and a run on an invented page folder."""
import datetime as dt
import json
from pathlib import Path

import pytest

from storyweave.eval.metadata import (author_match, day_match, evaluate, load_pages, outlet_match, split_ids,
                                      title_match)

PAGE = """<html><head><title>Lantern festival draws record crowd | Riverside Post</title>
<meta property="og:site_name" content="Riverside Post">
<meta property="article:published_time" content="2022-02-15T21:00:00+01:00">
<meta name="author" content="Oda Lindqvist"></head>
<body><article><h1>Lantern festival draws record crowd</h1>
<p>More than forty thousand people walked the river path on Tuesday evening, the organisers said,
the most since the festival began. Stalls sold out of paper lanterns before nightfall.</p></article></body></html>"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for pid, gold in (("a-page", {"title": "Lantern festival draws record crowd", "byline": "By Oda Lindqvist",
                                  "siteName": "Riverside Post", "publishedTime": "2022-02-15T21:00:00+01:00"}),
                      ("b-page", {"title": "Lantern festival draws record crowd - Riverside Post",
                                  "byline": None, "siteName": "The Riverside Post", "publishedTime": "2022-02-16"})):
        (tmp_path / pid).mkdir()
        (tmp_path / pid / "source.html").write_text(PAGE, "utf-8")
        (tmp_path / pid / "expected-metadata.json").write_text(json.dumps(gold), "utf-8")
    return tmp_path


def test_matching_rules():
    assert title_match("Lantern festival draws record crowd", "Lantern Festival draws  record crowd | Riverside Post")
    assert not title_match("Riverside Post", "Lantern festival draws record crowd | Riverside Post")
    assert author_match("Oda Lindqvist", "by Oda Lindqvist22 Feb 2022")
    assert not author_match("Username", "Oda Lindqvist")
    assert day_match(dt.date(2022, 2, 15), "2022-02-15T23:30:00-05:00")
    assert not day_match(dt.date(2022, 2, 16), "2022-02-15T23:30:00-05:00")
    assert outlet_match("Riverside Post", "The Riverside Post") and outlet_match("lemonde.fr", "Le Monde")
    assert not outlet_match("Riverside Post", "Hillside Times")


def test_split_is_by_sorted_ids():
    assert split_ids(["d", "a", "c", "b"], "tune") == ["a", "b"]
    assert split_ids(["d", "a", "c", "b"], "held-out") == ["c", "d"]


def test_run_scores_storyweave_and_peers_on_the_same_pages(folder):
    pages = load_pages(folder)
    by = {r.system: r.summary() for r in evaluate(pages, ["storyweave", "trafilatura", "htmldate"])}
    sw = by["storyweave"]
    assert (sw["title"], sw["author"], sw["outlet"]) == (1.0, 1.0, 1.0)
    assert sw["author_pages"] == 1 and sw["author_extra"] == 1  # b-page's gold has no byline
    assert sw["day"] == 0.5  # b-page's gold day is another day: scored wrong
    assert set(by["htmldate"]) >= {"day"} and "title" not in by["htmldate"]


def test_a_crashing_peer_is_counted_and_scored_wrong(folder, monkeypatch):
    from storyweave.eval import metadata

    def broken(html):
        raise RuntimeError("boom")

    monkeypatch.setitem(metadata.SYSTEMS, "storyweave", broken)
    (res,) = evaluate(load_pages(folder), ["storyweave"])
    assert len(res.errors) == 2 and res.summary()["title"] == 0.0


def test_a_crashing_optional_peer_is_scored_wrong_on_its_fields(folder, monkeypatch):
    from storyweave.eval import metadata

    def broken(html):
        raise RuntimeError("boom")

    monkeypatch.setitem(metadata.SYSTEMS, "goose3", broken)
    monkeypatch.setitem(metadata.SYSTEMS, "htmldate", broken)
    goose, htmldate = evaluate(load_pages(folder), ["goose3", "htmldate"])
    assert goose.summary()["title"] == 0.0 and goose.summary()["title_pages"] == 2
    assert htmldate.summary()["day"] == 0.0 and "title" not in htmldate.summary()


def test_installed_peers_read_the_page_and_fetch_nothing(tmp_path, monkeypatch):
    pytest.importorskip("newspaper")
    pytest.importorskip("goose3")
    import socket

    tried = []

    def no_network(sock, address, *args):
        tried.append(address)  # the peers swallow errors: record, then refuse
        raise OSError("no network in tests")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: tried.append(host) or [])
    page = PAGE.replace("</head>", '<meta property="og:image" content="https://img.example/lanterns.jpg"></head>')
    page = page.replace("<p>More", '<img src="https://img.example/river.jpg" width="800" height="600"><p>More')
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "source.html").write_text(page, "utf-8")
    (tmp_path / "p" / "expected-metadata.json").write_text(json.dumps({"title": "Lantern festival draws record crowd"}))
    for res in evaluate(load_pages(tmp_path), ["newspaper4k", "goose3"]):
        assert not res.errors and res.summary()["title"] == 1.0, (res.system, res.errors)
    assert tried == []


def test_a_peer_handing_back_several_values_is_scored_not_crashed():
    # goose3 may give a list of site names: the run once stopped on it
    assert outlet_match(["Harbour Gazette", "Gazette"], "Harbour Gazette")
    assert not outlet_match(["Quarry Times"], "Harbour Gazette")
    assert author_match(["Mira Voss"], "By Mira Voss")


def test_the_second_page_set_builds_from_labels_alone(tmp_path):
    # bench/benchmark_pages_metadata.py: ids + labels in the repo, the pages from ../shared
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("bpm", root / "bench" / "benchmark_pages_metadata.py")
    bpm = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bpm)
    rows = [json.loads(x) for x in bpm.LABELS.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) == 91 and all("title" not in r for r in rows)  # no article text in the repo
    if not bpm.PAGES.is_dir():
        pytest.skip("../shared not beside the repo")
    assert bpm.build(tmp_path) == 91
    pages = load_pages(tmp_path)
    assert len(pages) == 91 and sum(bool(p.gold.get("byline")) for p in pages) == 78
