"""The page tree: trafilatura's parse, with element classes fixed in C (ingest/html_tree.py)."""
import gzip
from copy import copy
from pathlib import Path

import pytest
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from storyweave.ingest.html_tree import PARSER, parse_html

BENCH = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "article-extraction-benchmark" / "html"

PAGE = ("<!DOCTYPE html><html lang='en'><head><title>T</title><!-- c --></head><body>"
        "<form><input name='q'><label>Search</label></form><div class='a'><p>One <b>two</b></p></div></body></html>")


def test_same_tree_as_trafilatura():
    ours, theirs = parse_html(PAGE), load_html(PAGE)
    assert etree.tostring(ours) == etree.tostring(theirs)
    assert ours.find(".//title").text == "T"
    assert b"<!--" not in etree.tostring(ours)  # comments dropped, as trafilatura's parser does


def test_every_element_is_an_html_element_and_copies_keep_it():
    tree = parse_html(PAGE)
    assert all(isinstance(e, HtmlElement) for e in tree.iter())
    # the form widgets are plain HtmlElements here (lxml.html would make FormElement/InputElement)
    assert type(tree.find(".//form")) is HtmlElement
    assert tree.find(".//p").text_content() == "One two"
    dup = copy(tree)
    assert dup.getroottree().docinfo is not None
    assert all(type(e) is HtmlElement for e in dup.iter() if isinstance(e.tag, str))


def test_not_html_is_refused_like_trafilatura():
    assert parse_html("just some words, no markup at all") is None
    assert load_html("just some words, no markup at all") is None


def test_bytes_and_declared_encoding():
    data = PAGE.replace("<head>", "<head><meta charset='utf-8'>").encode("utf-8")
    assert etree.tostring(parse_html(data)) == etree.tostring(load_html(data))
    # an XML declaration in a str makes lxml refuse the str: parsed from bytes instead
    decl = "<?xml version='1.0' encoding='utf-8'?>" + PAGE
    assert etree.tostring(parse_html(decl)) == etree.tostring(load_html(decl))


@pytest.mark.skipif(not BENCH.is_dir(), reason="shared benchmark not present")
def test_real_pages_parse_identically():
    pages = sorted(BENCH.glob("*.html.gz"))[:12]
    assert pages
    for path in pages:
        html = gzip.decompress(path.read_bytes()).decode("utf-8")
        assert etree.tostring(parse_html(html)) == etree.tostring(load_html(html)), path.name


def test_parser_is_trafilaturas_configuration():
    # a change in trafilatura's parser options would silently diverge from its own parse
    from trafilatura.utils import HTML_PARSER

    probe = "<html><body><!-- x --><?pi y?><p id='a'>z</p></body></html>"
    assert etree.tostring(etree.fromstring(probe, PARSER)) == etree.tostring(etree.fromstring(probe, HTML_PARSER))
