"""A small hand-made Brief with invented text (no third-party text), used by the renderer tests.

The story is fictional: the reopening of the Kestrel Bridge in the invented city of Velmora,
told by three outlets, two of which run the same wire copy. It carries the awkward cases a
renderer must survive: markup in source text, an id with a space and an ampersand, an
undated article, a month-only timeline date, a precision divergence and a contradiction.
"""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from storyweave.model import (Agreement, Article, Brief, Divergence, Entity, Problem, Quote, Removed,
                              Sentence, SummarySentence, Syndication, TimelineEvent, UniqueFact, Variant)

HERALD = "herald.txt"
POST = "post.json"
LEDGER = "ledger & co.txt"  # a file name a browser anchor must still reach

BODIES = {
    HERALD: [
        "Velmora's Kestrel Bridge reopened to traffic on Saturday after four months of repairs. "
        "Transport minister Ilse Marant cut the ribbon before a crowd of about 3,000 people.",
        "The reopening followed talks with the port workers' union that lasted more than four hours on Friday. "
        "\"This bridge carries the city,\" Ms Marant said.",
        "Engineers replaced 212 steel cables, according to the ministry. <b>Tolls</b> stay suspended until May.",
    ],
    POST: [
        "The Kestrel Bridge in Velmora reopened on Saturday, four months after a storm closed it. "
        "Ilse Marant, the transport minister, opened the bridge in front of 5,000 people.",
        "Union talks on Friday lasted six hours before the dockers agreed to end their blockade. "
        "\"This bridge carries the city,\" Ms Marant said.",
    ],
    LEDGER: [
        "The Kestrel Bridge in Velmora reopened on Saturday, four months after a storm closed it. "
        "Ilse Marant, the transport minister, opened the bridge in front of 5,000 people.",
        "Union talks on Friday lasted six hours before the dockers agreed to end their blockade. "
        "A second crossing is planned for 2027, the city council said.",
    ],
}


def _sentences(article_id: str, body: list[str]) -> list[Sentence]:
    out = []
    for p, para in enumerate(body):
        # invented text: every sentence ends in '.' or '."' followed by a space
        for text in re.split(r'(?<=[.!?]")\s+|(?<=[.!?])\s+(?=[A-Z"<])', para):
            i = len(out)
            out.append(Sentence(id=f"{article_id}#{i}", article_id=article_id, index=i, paragraph=p, text=text))
    return out


def make_brief() -> Brief:
    articles = [
        Article(id=HERALD, outlet="Coastline Herald", title="Kestrel Bridge reopens <after> storm repairs",
                published=dt.date(2024, 3, 10), url="https://herald.example/kestrel", author="Tomas Reev",
                body=BODIES[HERALD], cleaned=True,
                removed=[Removed("Home | Politics | Business | Sport", "navigation", 0),
                         Removed("<script>alert('x')</script> Photo: city press office", "image caption or credit", 4),
                         Removed("Read more: Harbour tolls explained", "related-articles list", 9)]),
        Article(id=POST, outlet="Northern Post", title="Velmora bridge back in service",
                published=dt.date(2024, 3, 9), url="javascript:alert(1)", body=BODIES[POST], cleaned=True,
                removed=[Removed("Leave a comment", "comment form", 12)]),
        Article(id=LEDGER, outlet=None, title=None, published=None, body=BODIES[LEDGER], cleaned=True),
    ]
    sentences = [s for a in articles for s in _sentences(a.id, a.body)]
    sid = {(s.article_id, s.index): s.id for s in sentences}
    return Brief(
        articles=articles,
        sentences=sentences,
        summary=[
            SummarySentence("The Kestrel Bridge in Velmora reopened on Saturday, four months after a storm closed it.",
                            [LEDGER, POST], [sid[LEDGER, 0], sid[POST, 0]]),
            SummarySentence("Transport minister Ilse Marant cut the ribbon before a crowd of about 3,000 people.",
                            [HERALD], [sid[HERALD, 1]]),
            SummarySentence("Engineers replaced 212 steel cables, according to the ministry.", [HERALD], [sid[HERALD, 4]]),
        ],
        agreements=[
            Agreement("The Kestrel Bridge reopened on Saturday.", [HERALD, POST, LEDGER], 2,
                      [sid[HERALD, 0], sid[POST, 0], sid[LEDGER, 0]]),
        ],
        divergences=[
            Divergence("length of the union talks on Friday", "contradiction",
                       [Variant("lasted more than four hours", "more than four hours", [HERALD], [sid[HERALD, 2]],
                                [BODIES[HERALD][1].split(". ")[0] + "."]),
                        Variant("lasted six hours", "six hours", [POST, LEDGER], [sid[POST, 2], sid[LEDGER, 2]],
                                ["Union talks on Friday lasted six hours before the dockers agreed to end their blockade."])],
                       attribute="duration"),
            Divergence("size of the crowd", "precision",
                       [Variant("about 3,000 people", "about 3,000", [HERALD], [sid[HERALD, 1]],
                                ["Transport minister Ilse Marant cut the ribbon before a crowd of about 3,000 people."]),
                        Variant("5,000 people", "5,000", [POST, LEDGER], [sid[POST, 1], sid[LEDGER, 1]],
                                ["Ilse Marant, the transport minister, opened the bridge in front of 5,000 people."])],
                       attribute="count"),
        ],
        unique=[
            UniqueFact("Engineers replaced 212 steel cables, according to the ministry.", [HERALD], [sid[HERALD, 4]]),
            UniqueFact("A second crossing is planned for 2027, the city council said.", [LEDGER], [sid[LEDGER, 3]]),
        ],
        quotes=[Quote("Ilse Marant", "This bridge carries the city", [HERALD, POST], [sid[HERALD, 3], sid[POST, 3]])],
        timeline=[
            TimelineEvent("2023-11", "A storm closes the Kestrel Bridge.", [POST, LEDGER], [sid[POST, 0]], inferred=False),
            TimelineEvent("2024-03-08", "Talks with the port workers' union end the dockers' blockade.",
                          [HERALD, POST, LEDGER], [sid[HERALD, 2], sid[POST, 2], sid[LEDGER, 2]]),
            TimelineEvent("2024-03-09", "The Kestrel Bridge reopens to traffic.", [HERALD, POST, LEDGER],
                          [sid[HERALD, 0], sid[POST, 0], sid[LEDGER, 0]], inferred=True),
        ],
        entities=[
            Entity("Ilse Marant", "person", ["Ms Marant"], [HERALD, POST, LEDGER], 6),
            Entity("Kestrel Bridge", "place", ["the bridge"], [HERALD, POST, LEDGER], 5),
            Entity("Velmora", "place", [], [HERALD, POST, LEDGER], 3),
            Entity("Port Workers' Union", "organisation", ["the union"], [HERALD, POST], 2),
        ],
        syndication=[Syndication([POST, LEDGER], [BODIES[POST][0], BODIES[POST][1].split(". ")[0] + "."], 0.75)],
        problems=[Problem("broken.bin", "binary file, not text")],
        meta={"title": "Velmora's Kestrel Bridge reopens", "when": dt.date(2024, 3, 10)},
    )


@pytest.fixture
def brief() -> Brief:
    return make_brief()


@pytest.fixture
def brief_dict(brief):
    from storyweave.render.json import brief_to_dict

    return brief_to_dict(brief)


# The real example story's brief is the session fixture ``example_brief`` of tests/conftest.py.


class PageLinks(HTMLParser):
    """Every element id and every same-page link of an HTML page, plus anything that loads."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.fragments: list[str] = []
        self.loads: list[str] = []  # src=, <link href>, url(...) would fetch something
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") is not None:
            self.ids.add(attrs["id"])
        href = attrs.get("href") or ""
        if tag == "a" and href.startswith("#"):
            self.fragments.append(unquote(href[1:]))
        if "src" in attrs or tag in {"link", "iframe", "object", "embed", "img", "script"}:
            self.loads.append(f"<{tag} {attrs}>")


@pytest.fixture
def page_links():
    return PageLinks


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def add_evidence(data: dict) -> dict:
    """The brief dict with ``evidence`` on every cited part, as the pipeline writes it (schema
    1.1+): for each cited outlet, its sentence sharing most words with the claim. Chosen by
    text, not from ``sentence_ids``, so a page that ignored evidence would link elsewhere."""
    sentences = {a["id"]: a.get("sentences") or [] for a in data["articles"]}

    def fill(item: dict, text: str) -> None:
        want = _words(text)
        item["evidence"] = []
        for aid in dict.fromkeys(item["citations"]):
            best = max(sentences[aid], key=lambda s: len(want & _words(s["text"])))
            item["evidence"].append({"article": aid, "sentence": best["id"], "text": best["text"]})

    for part in ("summary", "agreements", "unique", "quotes", "timeline"):
        for item in data.get(part) or []:
            fill(item, item["text"])
    for div in data.get("divergences") or []:
        for var in div["variants"]:
            fill(var, " ".join([var["text"], *var.get("sentences", [])]))
    return data


@pytest.fixture
def evidence_dict(brief_dict):
    return add_evidence(brief_dict)
