"""A corpus of nasty inputs, built here by the tests, each with the clear message it must get.

Every case goes through ``read_inputs`` (what the CLI and the server use), must not raise,
must finish within the per-item bound, and must come back as a Problem that names the item
and says why — while the good items beside it are still read.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import reliability_kit as kit

from storyweave.config import IngestConfig
from storyweave.ingest import read_inputs
from storyweave.model import Article, Problem

MB = 1_000_000


@dataclass(frozen=True)
class Nasty:
    name: str
    build: Callable[[Path], Path]  # writes the input under the folder, returns its path
    message: str  # regex the Problem's reason must match
    item_suffix: str = ""  # the Problem names the file, plus this (":2", "@0" ...)
    item: str | None = None  # ... or this item inside it (a URL in a URL list)
    max_bytes: int = 20 * MB


def _write(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        p = d / name
        p.write_bytes(data.encode() if isinstance(data, str) else data)
        return p

    return build


def _big_line(name: str, size: int, prefix: bytes = b"", suffix: bytes = b"") -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        p = d / name
        with p.open("wb") as fh:  # 50 MB on one line, written in pieces
            fh.write(prefix)
            for _ in range(size // MB):
                fh.write(b"a" * MB)
            fh.write(suffix)
        return p

    return build


def _gzip_bomb(d: Path) -> Path:
    p = d / "bomb.html.gz"
    with gzip.open(p, "wb", compresslevel=9) as g:  # ~50 kB on disk, 50 MB inflated
        g.write(b"<html><body><p>")
        for _ in range(50):
            g.write(b"a" * MB)
    return p


def _nested_divs(n: int) -> Callable[[Path], Path]:
    text = "<p>" + " ".join(["Floodwater reached the centre of Valmora on Tuesday."] * 30) + "</p>"
    return _write(f"nested{n}.html", "<html><body>" + "<div>" * n + text + "</div>" * n + "</body></html>")


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">'
          + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
          + ']><rss version="2.0"><channel><title>&l9;</title><item><title>&l9;</title>'
            "<description>&l9;</description></item></channel></rss>")
# the same trick with an external entity: the feed must not read local files
XXE = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       '<rss version="2.0"><channel><title>t</title><item><title>&x;</title><description>&x;</description></item></channel></rss>')


def _truncated_warc(d: Path) -> Path:
    data = kit.warc_bytes(3)
    p = d / "cut.warc"
    p.write_bytes(data[: len(data) * 5 // 6])  # inside the third record
    return p


CASES = [
    Nasty("empty text", _write("empty.txt", ""), r"empty file"),
    Nasty("whitespace only", _write("blank.txt", " \n\t\n  "), r"empty file"),
    Nasty("binary as text", _write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4), r"binary data"),
    Nasty("50 MB single-line text", _big_line("huge.txt", 50 * MB), r"50,000,000 bytes, over the 20,000,000-byte limit"),
    Nasty("50 MB single-line JSONL", _big_line("huge.jsonl", 50 * MB, b'{"text": "', b'"}\n'),
          r"line is over the 20,000,000-byte limit", ":1"),
    Nasty("50 MB single-line HTML", _big_line("huge.html", 50 * MB, b"<html><body><p>"), r"over the 20,000,000-byte limit"),
    Nasty("50 MB single-row CSV", _big_line("huge.csv", 50 * MB, b"id,text\n1,"), r"over the 20,000,000-byte limit"),
    Nasty("gzip bomb", _gzip_bomb, r"over the 20,000,000-byte limit"),
    Nasty("gz that is not gzip", _write("fake.html.gz", "<html><body>not compressed</body></html>"), r"not gzip data"),
    Nasty("truncated gzip", _write("cut.html.gz", gzip.compress(kit.news_html().encode())[:60]), r"broken gzip data"),
    Nasty("100k nested divs", _nested_divs(100_000), r"no article text found"),
    Nasty("billion laughs feed", _write("laughs.rss", LAUGHS), r"declares its own XML entities"),
    Nasty("external entity feed", _write("xxe.rss", XXE), r"declares its own XML entities"),
    Nasty("broken feed", _write("broken.rss", "<rss><channel><item><title>unclosed"), r"not a readable RSS/Atom feed|feed has no entries|feed entry has no text"),
    # found by fuzz/fuzz_readers.py: feedparser raised UnicodeDecodeError on this declaration
    Nasty("feed with a broken encoding declaration", _write("enc.rss", b'<?xml version="1.0" encoding="\xa2utf-8"?>'
          b'<rss version="2.0"><channel><item><title>x</title></item></channel></rss>'), r"not a readable RSS/Atom feed"),
    Nasty("feed without entries", _write("none.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'),
          r"feed has no entries"),
    Nasty("invalid JSON", _write("bad.json", '{"text": "unterminated'), r"not valid JSON"),
    Nasty("JSON nested 100k deep", _write("deep.json", "[" * 100_000 + "]" * 100_000), r"nested too deeply"),
    Nasty("JSONL nested 100k deep", _write("deep.jsonl", '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n"),
          r"nested too deeply", ":1"),
    Nasty("JSON of the wrong shape", _write("list.json", "[1, 2]"), r"expected a JSON object, got int", "[1]"),
    Nasty("JSON record without text", _write("notext.json", json.dumps({"id": "x", "title": "only a title"})), r"has no 'text'"),
    Nasty("JSONL with a broken line", _write("mixed.jsonl", '{"text": "Valmora flood report."}\n{"text": \n'), r"not valid JSON", ":2"),
    Nasty("CSV without a text column", _write("cols.csv", "id,title\n1,hello\n"), r"needs a header row with a 'text' or 'html' column"),
    Nasty("CSV row with extra fields", _write("extra.csv", "id,text\n1,fine,surplus\n"), r"more fields than the header", ":2"),
    Nasty("script-only page", _write("script.html", "<html><body><script>var a = 1;</script></body></html>"), r"no article text found"),
    Nasty("truncated WARC", _truncated_warc, r"truncated"),
    Nasty("garbage WARC", _write("junk.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n\x00\x01"),
          r"truncated|damaged"),
    Nasty("URL list with a file: URL", _write("list.urls", "file:///etc/passwd\n"), r"only http and https URLs are fetched",
          item="file:///etc/passwd"),
]


def _run(paths: list[Path], config: IngestConfig) -> list[Article | Problem]:
    with kit.bounded(f"reading {[p.name for p in paths]}"):
        return list(read_inputs(paths, config))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_nasty_input_gets_its_message_and_the_rest_is_read(case, tmp_path):
    good = kit.write_jsonl(tmp_path / "good.jsonl", kit.invented_articles(1))
    path = case.build(tmp_path)
    out = _run([path, good], IngestConfig(max_bytes=case.max_bytes, timeout=2.0))
    problems = [x for x in out if isinstance(x, Problem) and x.item.startswith(case.item or str(path))]
    assert problems, f"{case.name}: no Problem reported, got {out!r:.300}"
    p = problems[0]
    assert re.search(case.message, p.reason), f"{case.name}: unclear message {p.reason!r}"
    assert p.item.startswith(case.item or str(path) + case.item_suffix), p.item
    assert any(isinstance(x, Article) and x.source == f"{good}:1" for x in out), "the good item beside it was not read"
    assert not [a for a in out if isinstance(a, Article) and "lollol" in a.text], "entities were expanded"


def test_unknown_scheme_and_missing_file_named():
    with kit.bounded("two bad names"):
        out = list(read_inputs(["gopher://example.org/1", "/nonexistent/story.txt"], IngestConfig()))
    assert [(p.item, p.reason) for p in out] == [
        ("gopher://example.org/1", "cannot read 'gopher://' inputs: give a file, a folder or an http(s) URL"),
        ("/nonexistent/story.txt", "no such file or folder"),
    ]


def test_wrong_charset_is_read_not_refused(tmp_path):
    # Latin-1 bytes with no declaration, and a page that lies about its charset: both read.
    text = "Café owners in Brissec said the flood ruined the stock of the épicerie on the quay, officials said."
    (tmp_path / "latin.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "lies.html").write_bytes(kit.news_html(extra_head='<meta charset="x-no-such-charset">').encode())
    out = _run([tmp_path / "latin.txt", tmp_path / "lies.html"], IngestConfig())
    assert all(isinstance(x, Article) for x in out), out
    assert "épicerie" in out[0].text


def test_huge_jsonl_line_is_skipped_in_bounded_memory(tmp_path):
    """A single 50 MB line with a 1 MB cap: memory stays near the cap, not near the line.
    (Iterating the file by lines holds the whole line first: 100 MB peak before the fix.)"""
    path = _big_line("huge.jsonl", 50 * MB, b'{"text": "', b'"}\n{"text": "Brissec council met on Monday."}\n')(tmp_path)
    with kit.peak_memory() as peak:
        out = _run([path], IngestConfig(max_bytes=1 * MB))
    assert [type(x).__name__ for x in out] == ["Problem", "Article"]
    assert peak[0] < 8 * MB, f"peak {peak[0] / MB:.0f} MB reading a 50 MB line with a 1 MB cap"


def test_gzip_bomb_inflates_only_to_the_cap(tmp_path):
    path = _gzip_bomb(tmp_path)
    with kit.peak_memory() as peak:
        (p,) = _run([path], IngestConfig(max_bytes=1 * MB))
    assert "over the 1,000,000-byte limit" in p.reason
    assert peak[0] < 8 * MB, f"peak {peak[0] / MB:.0f} MB for a 1 MB cap"


def test_billion_laughs_is_refused_fast(tmp_path):
    path = _write("laughs.rss", LAUGHS)(tmp_path)
    # expat alone stops it only after ~1M callbacks (seconds of CPU per tiny feed)
    with kit.bounded("a billion-laughs feed", seconds=1.0):
        (p,) = list(read_inputs([path], IngestConfig()))
    assert "billion laughs" in p.reason
