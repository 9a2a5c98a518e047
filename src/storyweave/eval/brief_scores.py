"""Scoring one brief against its gold story (``storyweave eval briefs``): quotes and speakers,
timeline dates, unique facts, agreements and the precision of agreements' citations."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any

__all__ = ["Counts", "plain", "score_story"]

_UNKNOWN = {"", "unknown", "none", "null"}
# the gold's patterns were checked against text with these characters made plain
_PLAIN = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})


def plain(text: str) -> str:
    return text.translate(_PLAIN)


def _matches(pattern: str, text: str) -> bool:
    return re.search(pattern, plain(text), re.I) is not None


def _name_key(name: str | None) -> str:
    """A speaker name as compared: case, accents, "the", middle initials, punctuation and spacing aside
    ("Luis V. Gutiérrez" is "Luis Gutierrez")."""
    s = unicodedata.normalize("NFKD", plain(name or ""))
    s = re.sub(r"[^\w\s]", "", "".join(c for c in s if not unicodedata.combining(c))).lower()
    words = s.split()
    if words[:1] == ["the"]:
        words = words[1:]
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]
    return " ".join(words)


# ---- counts ------------------------------------------------------------------------------------------

@dataclass
class Counts:
    """What one story (or a sum of stories) scored; ratios come from these."""

    stories: int = 0
    quotes: int = 0  # gold quotes
    quotes_found: int = 0
    speakers_known: int = 0  # gold quotes whose speaker the text gives
    speakers_given: int = 0  # found gold quotes the brief gives a speaker
    speakers_right: int = 0  # ... and it is the gold speaker or an alias
    speakers_recalled: int = 0  # gold quotes with a known speaker, found with it
    timeline: int = 0
    timeline_right: int = 0
    timeline_wrong_year: int = 0
    unique: int = 0  # gold unique facts
    unique_found: int = 0
    unique_reported: int = 0  # unique facts in the brief (on the gold's articles)
    unique_false: int = 0  # ... that another outlet also reports, per the gold's agreements
    agreements: int = 0
    agreements_found: int = 0
    agreement_pairs: int = 0  # article pairs over the gold agreements
    agreement_pairs_found: int = 0
    cited_checkable: int = 0  # cited pairs of an agreement whose statement the gold knows in both articles
    cited_right: int = 0  # ... where the cited sentence states that same gold agreement
    seconds: float = 0.0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: "Counts") -> "Counts":
        for k, v in asdict(other).items():
            if k == "misses":
                self.misses += other.misses
            else:
                setattr(self, k, getattr(self, k) + v)
        return self

    def ratios(self) -> dict[str, float | None]:
        def r(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "quote_recall": r(self.quotes_found, self.quotes),
            "speaker_precision": r(self.speakers_right, self.speakers_given),
            "speaker_recall": r(self.speakers_recalled, self.speakers_known),
            "timeline_accuracy": r(self.timeline_right, self.timeline),
            "unique_recall": r(self.unique_found, self.unique),
            "unique_false_share": r(self.unique_false, self.unique_reported),
            "agreement_recall": r(self.agreements_found, self.agreements),
            "agreement_pair_recall": r(self.agreement_pairs_found, self.agreement_pairs),
            "agreement_citation_precision": r(self.cited_right, self.cited_checkable),
        }


def _score_quotes(gold: dict[str, Any], brief: Any, c: Counts) -> None:
    for g in gold["quotes"]:
        docs = set(g.get("docs") or gold.get("articles") or [])
        known = _name_key(g.get("speaker")) not in _UNKNOWN
        required = g.get("required", True)
        if required:
            c.quotes += 1
            c.speakers_known += known
        hits = [q for q in brief.quotes if _matches(g["pattern"], q.text) and (not docs or docs & set(q.citations))]
        if not required:
            # an optional entry nested in another's quote ("He said, 'I don't think I can'") is
            # found inside that quote, whose speaker is the other entry's
            others = [o for o in gold["quotes"] if o is not g and _name_key(o.get("speaker")) != _name_key(g.get("speaker"))]
            hits = [q for q in hits if not any(_matches(o["pattern"], q.text) for o in others)]
        if not hits:
            if required:
                c.misses.append({"story": gold["story"], "part": "quote", "pattern": g["pattern"],
                                 "gold": g.get("speaker"), "got": None, "why": "not found"})
            continue
        c.quotes_found += required
        names = {_name_key(g.get("speaker"))} | {_name_key(a) for a in g.get("aliases", [])}
        given = [q.speaker for q in hits if _name_key(q.speaker) not in _UNKNOWN]
        if not given:
            if known and required:
                c.misses.append({"story": gold["story"], "part": "quote", "pattern": g["pattern"],
                                 "gold": g.get("speaker"), "got": None, "why": "no speaker"})
            continue
        # every brief quote matching it is shown to a reader: one wrong name makes it wrong
        right = known and all(_name_key(s) in names for s in given)
        c.speakers_given += 1
        c.speakers_right += right
        c.speakers_recalled += right and required
        if not right:
            c.misses.append({"story": gold["story"], "part": "quote", "pattern": g["pattern"],
                             "gold": g.get("speaker"), "got": sorted(set(given)), "why": "wrong speaker"})


def _score_timeline(gold: dict[str, Any], brief: Any, c: Counts) -> None:
    for g in gold["timeline"]:
        if not g.get("required", True):
            continue
        c.timeline += 1
        docs = set(g.get("docs") or [])
        hits = [e for e in brief.timeline if _matches(g["pattern"], e.text) and (not docs or docs & set(e.citations))]
        date = str(g["date"])
        # a brief date as precise as the gold's or more, agreeing with it
        right = [e for e in hits if e.date == date or e.date.startswith(date + "-")]
        if right:
            c.timeline_right += 1
            continue
        wrong_year = bool(hits) and all(e.date[:4] != date[:4] for e in hits)
        c.timeline_wrong_year += wrong_year
        c.misses.append({"story": gold["story"], "part": "timeline", "pattern": g["pattern"], "gold": date,
                         "got": sorted({e.date for e in hits}) or None,
                         "why": "wrong year" if wrong_year else ("wrong date" if hits else "not found")})


def _sentence_texts(brief: Any) -> dict[str, str]:
    return {s.id: s.text for s in brief.sentences}


def _cited(item: Any, texts: dict[str, str], article: str) -> list[str]:
    """The texts of an item's cited sentences that belong to one article (its own text as a fall-back)."""
    own = [texts[i] for i in item.sentence_ids if i in texts and i.rsplit("#", 1)[0] == article]
    return own or ([item.text] if article in item.citations else [])


def _score_unique(gold: dict[str, Any], brief: Any, c: Counts) -> None:
    texts = _sentence_texts(brief)
    arts = set(gold.get("articles") or [])
    for g in gold["unique"]:
        if not g.get("required", True):
            continue
        c.unique += 1
        found = any(g["doc"] in u.citations and any(_matches(g["pattern"], t) for t in _cited(u, texts, g["doc"]))
                    for u in brief.unique)
        c.unique_found += found
        if not found:
            c.misses.append({"story": gold["story"], "part": "unique", "pattern": g["pattern"], "gold": g["doc"],
                             "got": None, "why": "not found"})
    for u in brief.unique:
        own = [a for a in u.citations if not arts or a in arts]
        if not own:
            continue
        c.unique_reported += 1
        # the gold says another outlet also reports it: it matches an agreement in its own article
        shared = [a for a in gold["agreements"]
                  if any(_matches(a["pattern_by_doc"][d], t) for d in own if d in a["pattern_by_doc"]
                         for t in _cited(u, texts, d))]
        if shared:
            c.unique_false += 1
            c.misses.append({"story": gold["story"], "part": "unique", "pattern": shared[0]["id"],
                             "gold": "agreement", "got": u.text[:120], "why": "reported unique, gold agrees"})


def _score_agreements(gold: dict[str, Any], brief: Any, c: Counts) -> None:
    texts = _sentence_texts(brief)
    for g in gold["agreements"]:
        by_doc = g["pattern_by_doc"]
        pairs = list(combinations(sorted(by_doc), 2))
        c.agreements += 1
        c.agreement_pairs += len(pairs)
        matched: set[tuple[str, str]] = set()
        for a in brief.agreements:
            ok = {d for d, p in by_doc.items() if d in a.citations and any(_matches(p, t) for t in _cited(a, texts, d))}
            matched |= {pr for pr in pairs if set(pr) <= ok}
        c.agreements_found += bool(matched)
        c.agreement_pairs_found += len(matched)
        if not matched:
            c.misses.append({"story": gold["story"], "part": "agreement", "pattern": g["id"], "gold": g.get("about"),
                             "got": None, "why": "not found"})


def _score_citations(gold: dict[str, Any], brief: Any, c: Counts) -> None:
    """Precision of agreements' citations where the gold knows the statement: the cited sentence
    of another article must state one of the gold agreements the statement states — in that
    article's gold wording, or in another article's wording of the same agreement (the gold names
    one sentence per article; an outlet quoting the same words elsewhere states the fact too)."""
    texts = _sentence_texts(brief)
    for a in brief.agreements:
        first = a.citations[0]
        stated = [g["pattern_by_doc"] for g in gold["agreements"] if first in g["pattern_by_doc"]
                  and any(_matches(g["pattern_by_doc"][first], t) for t in _cited(a, texts, first))]
        for d in a.citations[1:]:
            patterns = [q for p in stated if d in p for q in dict.fromkeys([p[d], *p.values()])]
            if not patterns:
                continue
            c.cited_checkable += 1
            right = any(_matches(p, t) for p in patterns for t in _cited(a, texts, d))
            c.cited_right += right
            if not right:
                c.misses.append({"story": gold["story"], "part": "agreement", "pattern": patterns[0], "gold": None,
                                 "got": " | ".join(_cited(a, texts, d))[:120], "why": "cites another fact"})


def score_story(gold: dict[str, Any], brief: Any) -> Counts:
    c = Counts(stories=1)
    _score_quotes(gold, brief, c)
    _score_timeline(gold, brief, c)
    _score_unique(gold, brief, c)
    _score_agreements(gold, brief, c)
    _score_citations(gold, brief, c)
    return c
