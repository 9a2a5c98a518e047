"""Quotation spans in text, and a paragraph read as a row of items: quotes, names, words, marks.

A paragraph's sentences are joined back into one text (a quotation often spans sentences) and
cut into items. Names come from the story's entity index (already resolved to canonical
names); words inside a quotation are not items of their own, so nothing inside a quote can be
taken for its attribution.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from ..entities import EntityIndex
from .vocab import tokens

__all__ = ["find_quote_spans", "Item", "Paragraph"]

_QUOTE_PATTERNS = (
    # curly and straight double marks pair in order: scraped text mixes them (“..."); a mark
    # left open runs to the end of the paragraph (a quotation continued in the next one)
    # (wire copy closes with two apostrophes, straight or curly: “It was an accident,'' she said)
    re.compile(r'[“"]((?:[^“”"\'’]|[\'’](?![\'’]))+)(?:[”"]|[\'’]{2}|$)'),
    # single marks: ’ is also the apostrophe, so a closing mark must not be followed by a letter
    re.compile(r"(?<![\w’'])‘(\S[^‘]*?)’(?![\w])"),
    re.compile(r"(?<![\w’'])'(\S[^']*?\S)'(?![\w])"),
)


# a quotation left open in the paragraph before, closed in this one without being reopened:
# text written one sentence per line (“We could not ... risk. / The bridge ... growing,” she said)
_CLOSES_FIRST = re.compile(r'[^“”"]*?[^\s“”"](?=[”]|\'\'|’’)|[^“”"]*?[^\s“”"](?=")')


def continued_span(text: str) -> tuple[int, int] | None:
    """(0, end) of the rest of a quotation this paragraph closes before opening any, or None.
    A straight mark closes only when the paragraph holds an odd number of them."""
    m = _CLOSES_FIRST.match(text)
    if not m:
        return None
    if text[m.end()] == '"' and text.count('"') % 2 == 0:
        return None
    return (0, m.end()) if len(m.group(0).split()) >= 2 else None


def has_marks(text: str) -> bool:
    return bool(re.search(r"[“”\"]|''|’’", text))


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each direct quote's content in ``text``; nested quotes are left inside."""
    found: list[tuple[int, int]] = []
    for regex in _QUOTE_PATTERNS:
        for m in regex.finditer(text):
            s, e = m.span(1)
            if any(fs - 1 <= s and e <= fe + 1 for fs, fe in found):
                continue  # inside a quote already found (a quote within a quote)
            found = [(fs, fe) for fs, fe in found if not (s <= fs and fe <= e)]
            found.append((s, e))
    return sorted(found)


@dataclass(slots=True)
class Item:
    kind: str  # Q quote, E entity, W word, P punctuation
    text: str
    start: int
    end: int
    sent: int  # index (in the analysis) of the sentence the item starts in
    name: str = ""  # E: canonical name
    type: str = ""  # E: entity type
    sent_end: int = -1  # Q: the sentence the quote ends in
    open: bool = False  # Q: no closing mark before the paragraph ends
    low: str = field(init=False, repr=False)  # the text lowered once: the attribution reads it ~300 times an item

    def __post_init__(self) -> None:
        self.low = self.text.lower()


class Paragraph:
    """One paragraph of one article as items, with the sentence each item belongs to."""

    def __init__(self, sentence_idx: list[int], analysis: Any, entities: EntityIndex, continues: bool = False,
                 whole: bool = False) -> None:
        self.text = ""
        self.bounds: list[tuple[int, int, int]] = []  # (start, end, sentence index)
        mentions: list[tuple[int, int, str, str]] = []
        for i in sentence_idx:
            s = analysis.sentences[i]
            off = len(self.text) + (1 if self.text else 0)
            self.text = f"{self.text} {s.text}" if self.text else s.text
            self.bounds.append((off, off + len(s.text), i))
            if i < len(entities.mentions):
                mentions += [(off + m.start, off + m.end, m.name, m.type) for m in entities.mentions[i]]
        self._ends = [e for _, e, _ in self.bounds]
        self.items = self._items(mentions, continues, whole)

    def sentence_at(self, pos: int) -> int:
        k = bisect.bisect_right(self._ends, pos - 1) if pos else 0
        return self.bounds[min(k, len(self.bounds) - 1)][2]

    @property
    def sentences(self) -> list[int]:
        return [i for _, _, i in self.bounds]

    def sentence_ids(self, analysis: Any, item: Item) -> list[str]:
        return [analysis.sentences[i].id for s, e, i in self.bounds if s < item.end and e > item.start]

    def _items(self, mentions: list[tuple[int, int, str, str]], continues: bool, whole: bool) -> list[Item]:
        quotes = find_quote_spans(self.text)
        rest = continued_span(self.text) if continues else None
        if continues and whole and not has_marks(self.text):
            quotes = [(0, len(self.text))]  # a line inside a quotation that a later line closes
        if rest:
            straight = self.text[rest[1]] == '"'
            tail = find_quote_spans(self.text[rest[1] + 1:]) if straight else None
            quotes = [rest] + ([(s + rest[1] + 1, e + rest[1] + 1) for s, e in tail] if straight
                               else [q for q in quotes if q[0] >= rest[1]])
        # the marks just outside the content belong to the quote item
        spans: list[tuple[int, int, Item]] = []
        for s, e in quotes:
            opened = len(self.text) if e >= len(self.text) else e + 1
            q = Item("Q", self.text[s:e], max(0, s - 1), opened, self.sentence_at(s),
                     sent_end=self.sentence_at(max(s, e - 1)), open=e >= len(self.text))
            spans.append((q.start, q.end, q))
        for s, e, name, typ in mentions:
            if not any(qs <= s < qe for qs, qe, _ in spans):
                spans.append((s, e, Item("E", self.text[s:e], s, e, self.sentence_at(s), name, typ)))
        spans.sort(key=lambda t: (t[0], -t[1]))
        items: list[Item] = []
        pos = 0
        for s, e, item in spans:
            if s < pos:
                continue  # overlapping mentions: the first (longest) wins
            items += self._words(pos, s)
            items.append(item)
            pos = e
        items += self._words(pos, len(self.text))
        return items

    def _words(self, start: int, end: int) -> list[Item]:
        out: list[Item] = []
        k, bounds = 0, self.bounds  # tokens come in order: walk the sentences along (as sentence_at would find)
        for s, e, tok in tokens(self.text[start:end]):
            pos = start + s
            while k + 1 < len(bounds) and bounds[k][1] < pos:
                k += 1
            out.append(Item("W" if tok[0].isalnum() else "P", tok, pos, start + e, bounds[k][2]))
        return out
