"""One quote per quoted passage, however many outlets carry it.

Two quotes are the same passage when most of the shorter one's word pairs, in order, appear in
the longer one: shared words alone are not enough (two short quotes of common words, from two
outlets and two speakers, would merge and lend one the other's speaker and citation).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Quote

UNKNOWN = None  # the speaker of a quote whose speaker the text does not give: no name, never a guess
_SAME_QUOTE = 0.8  # share of the shorter quote's word pairs found in the longer one


@dataclass(slots=True)
class Found:
    text: str
    speaker: str | None
    how: str  # which rule gave the speaker
    article: str
    sentence_ids: list[str]


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:–—")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("’", "'"))


def _pairs(text: str) -> set[tuple[str, str]]:
    w = _words(text)
    return set(zip(w, w[1:])) or {(x, "") for x in w}


def merge(found: list[Found], order: list[str]) -> list[Quote]:
    """Quotes of the same passage grouped; the speaker most outlets give, the fullest text."""
    groups: list[list[Found]] = []
    sets: list[set[tuple[str, str]]] = []
    for f in found:
        p = _pairs(f.text)
        for g, gs in zip(groups, sets):
            small = min(len(p), len(gs))
            if small and len(p & gs) / small >= _SAME_QUOTE:
                g.append(f)
                gs |= p
                break
        else:
            groups.append([f])
            sets.append(p)
    rank = {a: n for n, a in enumerate(order)}
    quotes = []
    for g in groups:
        known = [f.speaker for f in g if f.speaker]
        # a surname alone and the full name are one person, named in full
        known = [next((x for x in known if x != k and x.endswith(" " + k)), k) for k in known]
        speaker = max(known, key=known.count) if known else UNKNOWN
        text = max(g, key=lambda f: len(f.text)).text
        quotes.append(Quote(
            speaker=speaker, text=text,
            citations=sorted(dict.fromkeys(f.article for f in g), key=lambda a: rank.get(a, len(rank))),
            sentence_ids=list(dict.fromkeys(s for f in g for s in f.sentence_ids)),
            attributions={f.article: f.speaker for f in g if f.speaker},
        ))
    quotes.sort(key=lambda q: (-len(q.citations), rank.get(q.citations[0], len(rank))))
    return quotes
