"""A small fictional story (invented places and people: no third-party text) and its brief,
built by hand from the JSON contract, for page and API tests that must not wait for models."""
from __future__ import annotations

import datetime as dt
from typing import Any

from storyweave.model import Article, Removed

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'

_TEXTS = {
    "herald-ferry.txt": ("Coastal Herald", "Norrvik ferry returns after storm", dt.date(2031, 3, 14), "https://herald.example/ferry", [
        "The ferry between Norrvik and Halden Island resumed service on Friday after a suspension of nine days.",
        "Storm damage to the Halden pier had stopped all crossings. Engineers replaced two mooring posts.",
        '"We are grateful for the patience of every islander," said Mayor Ingrid Holm.',
    ], [Removed("Read more: Norrvik council elects new chair", "related-articles list", 1),
        Removed("Photo: the ferry at dawn (Herald staff)", "image caption or credit", 3)]),
    "post-ferry.txt": ("Norrvik Post", "Crossings to Halden Island restart", dt.date(2031, 3, 14), "https://post.example/halden", [
        "The ferry between Norrvik and Halden Island resumed service on Friday after almost two weeks without crossings.",
        "Storm damage to the Halden pier had stopped all crossings. Engineers replaced two mooring posts.",
        "Island shops ran short of fresh milk during the closure.",
    ], [Removed("Share this story", "share or follow prompt", 2)]),
    "wire-ferry.txt": ("Island Wire", "Halden ferry back in service", dt.date(2031, 3, 15), "javascript:alert(1)", [
        "Storm damage to the Halden pier had stopped all crossings. Engineers replaced two mooring posts.",
        "Mayor Ingrid Holm thanked residents. " + HOSTILE,
    ], []),
}


def articles() -> list[Article]:
    out = []
    for aid, (outlet, title, day, url, body, removed) in _TEXTS.items():
        text = "\n".join([title, *body, *(r.text for r in removed)])
        out.append(Article(id=aid, text=text, outlet=outlet, url=url, title=title, published=day,
                           author=HOSTILE if aid.startswith("wire") else None,
                           body=list(body), removed=list(removed), cleaned=True))
    return out


def _sentences(aid: str, body: list[str]) -> list[dict[str, Any]]:
    from storyweave.nlp.sentences import split_text

    out, n = [], 0
    for p, para in enumerate(body):
        for s in split_text(para):
            out.append({"id": f"{aid}#{n}", "paragraph": p, "text": s})
            n += 1
    return out


def brief() -> dict[str, Any]:
    arts = []
    for a in articles():
        arts.append({"id": a.id, "outlet": a.outlet, "title": a.title, "published": a.published.isoformat(), "url": a.url,
                     "author": a.author, "language": "en", "body": a.body,
                     "removed": [{"text": r.text, "reason": r.reason, "line": r.line} for r in a.removed],
                     "sentences": _sentences(a.id, a.body)})
    H, P, W = "herald-ferry.txt", "post-ferry.txt", "wire-ferry.txt"
    return {
        "schema_version": "1.0",
        "articles": arts,
        "summary": [
            {"text": "The ferry between Norrvik and Halden Island resumed service on Friday after a suspension of nine days.",
             "citations": [H, P], "sentence_ids": [f"{H}#0", f"{P}#0"], "model_written": False},
            {"text": "Engineers replaced two mooring posts.", "citations": [H, P, W],
             "sentence_ids": [f"{H}#2", f"{P}#2", f"{W}#1"], "model_written": False},
            {"text": "Island shops ran short of fresh milk during the closure.", "citations": [P], "sentence_ids": [],
             "model_written": False},
        ],
        "agreements": [{"text": "Storm damage to the Halden pier had stopped all crossings.", "citations": [H, P, W],
                        "independent_sources": 2, "sentence_ids": [f"{H}#1", f"{P}#1", f"{W}#0"]}],
        "divergences": [{"about": "how long the ferry was suspended", "kind": "contradiction", "attribute": "duration",
                         "variants": [
                             {"text": "a suspension of nine days", "value": "9 days", "citations": [H], "sentence_ids": [f"{H}#0"],
                              "sentences": []},
                             {"text": "almost two weeks without crossings", "value": "~2 weeks", "citations": [P],
                              "sentence_ids": [f"{P}#0"], "sentences": []}]}],
        "unique": [{"text": "Island shops ran short of fresh milk during the closure.", "citations": [P], "sentence_ids": [f"{P}#3"]}],
        "quotes": [{"speaker": "Ingrid Holm", "text": "We are grateful for the patience of every islander,",
                    "citations": [H], "sentence_ids": [f"{H}#3"]}],
        "timeline": [{"date": "2031-03-14", "text": "The ferry resumed service.", "citations": [H, P], "sentence_ids": [], "inferred": False}],
        "entities": [{"name": "Ingrid Holm", "type": "person", "aliases": ["Mayor Ingrid Holm", HOSTILE], "citations": [H, W], "mentions": 2},
                     {"name": "Halden Island", "type": "place", "aliases": [], "citations": [H, P, W], "mentions": 4}],
        "syndication": [{"articles": [P, W], "shared_text": ["Storm damage to the Halden pier had stopped all crossings."], "overlap": 0.5}],
        "problems": [],
        "meta": {},
    }


# The sentence each cited outlet's claim rests on (schema 1.1+ ``evidence``), chosen by hand.
# Where a part lists no sentence id for an outlet (the timeline, the milk line) evidence names
# one, so a page that ignored evidence would point at the article card instead.
_EVIDENCE = {
    "summary": [["herald-ferry.txt#0", "post-ferry.txt#0"], ["herald-ferry.txt#2", "post-ferry.txt#2", "wire-ferry.txt#1"],
                ["post-ferry.txt#3"]],
    "agreements": [["herald-ferry.txt#1", "post-ferry.txt#1", "wire-ferry.txt#0"]],
    "unique": [["post-ferry.txt#3"]],
    "quotes": [["herald-ferry.txt#3"]],
    "timeline": [["herald-ferry.txt#0", "post-ferry.txt#0"]],
    "variants": [["herald-ferry.txt#0"], ["post-ferry.txt#0"]],
}


def brief_with_evidence() -> dict[str, Any]:
    b = brief()
    text = {s["id"]: s["text"] for a in b["articles"] for s in a["sentences"]}
    parts = {k: b[k] for k in ("summary", "agreements", "unique", "quotes", "timeline")}
    parts["variants"] = b["divergences"][0]["variants"]
    for key, items in parts.items():
        for item, sids in zip(items, _EVIDENCE[key]):
            item["evidence"] = [{"article": s.rsplit("#", 1)[0], "sentence": s, "text": text[s]} for s in sids]
    b["schema_version"] = "1.2"
    return b
