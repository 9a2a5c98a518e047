"""Property-based fuzzing of every reader: whatever the bytes, ``read_inputs`` yields Articles
and Problems (never raises), each Problem names its file, and each file is done within the
per-item bound.

Inputs start from a well-formed file per reader (text, JSON, JSONL, CSV, HTML, RSS, Atom,
WARC) and are mutated (cut, spliced, bytes flipped, parts repeated), or are built from
scratch: tag soup for the HTML reader, arbitrary JSON values in every record field.
Budget: reliability_kit.FUZZ (a dozen examples per property by default; `make fuzz` runs
thousands).
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import reliability_kit as kit
from hypothesis import given
from hypothesis import strategies as st

from storyweave.config import IngestConfig
from storyweave.ingest import read_inputs
from storyweave.model import Article, Problem

SEEDS = kit.seeds()
CONFIG = IngestConfig(max_bytes=2_000_000, timeout=1.0)
_DIR = Path(tempfile.mkdtemp(prefix="storyweave-fuzz-"))


@st.composite
def mutated(draw, seed: kit.Seed | None = None) -> tuple[str, bytes]:
    seed = seed or draw(st.sampled_from(SEEDS))
    data = bytearray(seed.data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "insert", "flip", "repeat", "delete"]))
        at = draw(st.integers(0, len(data)))
        if kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64) | st.sampled_from(
                [b"\x00", b"\xff\xfe", b"<", b"]]>", b"&", b"&#0;", b"\r\n\r\n", b'"', b"\\u0000", b"<!--", b"\xc3("]))
        elif kind == "flip" and data:
            data[min(at, len(data) - 1)] ^= 1 << draw(st.integers(0, 7))
        elif kind == "repeat":
            end = draw(st.integers(at, min(len(data), at + 200)))
            data[at:at] = bytes(data[at:end]) * draw(st.integers(1, 50))
        elif kind == "delete":
            end = draw(st.integers(at, min(len(data), at + 200)))
            del data[at:end]
    return seed.suffix, bytes(data)


def read_all(suffix: str, data: bytes) -> list[Article | Problem]:
    path = Path(tempfile.mkstemp(suffix=suffix, dir=_DIR)[1])
    path.write_bytes(data)
    try:
        with kit.bounded(f"{len(data)} bytes as {suffix}"):
            out = list(read_inputs([path], CONFIG))
    finally:
        path.unlink()
    for x in out:
        assert isinstance(x, (Article, Problem)), x
        if isinstance(x, Problem):
            assert x.reason and (x.item.startswith(str(path)) or "://" in x.item), x
        else:
            assert isinstance(x.text, str) and isinstance(x.id, str) and x.id
    return out


@kit.FUZZ
@given(mutated())
def test_mutated_files_never_crash_a_reader(case):
    read_all(*case)


@kit.FUZZ
@given(st.sampled_from(SEEDS), st.binary(max_size=4096))
def test_random_bytes_under_every_suffix(seed, data):
    read_all(seed.suffix, data)


_TAGS = ["p", "div", "article", "main", "span", "a", "h1", "h2", "script", "style", "table", "tr", "td", "ul", "li",
         "br", "img", "iframe", "svg", "math", "noscript", "template", "meta", "title", "head", "body", "html", "figure"]
_ATTRS = st.sampled_from(['class="article-body"', 'href="javascript:1"', "hidden", 'style="display:none"',
                          'onerror="x()"', 'id="content"', 'lang="xx"', 'charset="bogus"', 'content="2031-13-45"'])


def _element(children):
    return st.builds(lambda tag, attrs, kids, tail: f"<{tag} {' '.join(attrs)}>{''.join(kids)}</{tag}>{tail}",
                     st.sampled_from(_TAGS), st.lists(_ATTRS, max_size=2), st.lists(children, max_size=4), st.text(max_size=40))


TAG_SOUP = st.recursive(st.text(max_size=200) | st.sampled_from(["<p>unclosed", "</div></div>", "<!DOCTYPE html>", "&nbsp;&#x0;"]),
                        _element, max_leaves=40)


@kit.FUZZ
@given(TAG_SOUP, st.sampled_from([".html", ".htm", ".xhtml"]))
def test_tag_soup_pages(page, suffix):
    read_all(suffix, page.encode("utf-8", "surrogatepass"))


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=80),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                           max_leaves=10)
FIELDS = ["id", "url", "outlet", "title", "published", "date", "author", "text", "body", "html", "source"]


@kit.FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES | st.text(min_size=1, max_size=300)), min_size=1, max_size=4),
       st.sampled_from([".json", ".jsonl"]))
def test_records_with_any_json_in_any_field(records, suffix):
    """Readers take any JSON; what they hand on must have the field types the store needs."""
    if suffix == ".json":
        data = json.dumps(records).encode()
    else:
        data = "".join(json.dumps(r) + "\n" for r in records).encode()
    for a in read_all(suffix, data):
        if isinstance(a, Article):
            for name in ("url", "outlet", "title", "author"):
                value = getattr(a, name)
                assert value is None or isinstance(value, str), f"{name} is {type(value).__name__}: {value!r:.80}"
