"""The same claim inside a longer sentence: values compared clause to clause.

A sentence-level match misses a claim that one outlet states in a clause of a long sentence —
a quotation of several sentences kept whole, a claim followed by unrelated background
("Bill Clinton in 1993 signed similar federal legislation into law, and 19 other states ..."
/ "... It simply mirrors federal law that President Bill Clinton signed in 1996."): the other
words dilute the pair's shared words. Here each date (a year, a day) is read with its own
clause only (align/roles.py), and two outlets' dates are compared when their clauses are each
other's best match by rarity-weighted shared words. The sentences must still be close in
meaning and report no other event: precision before recall. Figures are not compared this
way: in a story of many figures (a game's statistics, a quake's distances) clauses that share
a player's or a city's name measure different things too often (tried on the ECB+ dev
stories: most of the contradictions it added were false on reading).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..analysis import StoryAnalysis
from ..text import claim_score
from .roles import clause_words, year_role
from .variants import date_compatible, event_dates

# two clauses state one claim from this rarity-weighted overlap of their own words (set on the
# tune half of injected-dev; the sentence-level pairs use config.align.same_claim)
CLAUSE_CLAIM = 0.5
# and their sentences must be this close in meaning (WordLlama cosine), as for sole figures
CLAUSE_MEANING = 0.45


@dataclass(frozen=True, slots=True)
class _Value:
    sentence: int
    kind: str  # "day", "year", or "year:<noun>" for a year that names a thing
    value: str  # the year or the calendar day
    words: frozenset[str]  # the clause's claim words


def values(an: StoryAnalysis, i: int, slots, words: set[str]) -> list[_Value]:
    """Sentence i's values, each with the claim words of its own clause."""
    text = an.sentences[i].text
    out = []
    for year, at in (slots.years or {}).items():
        out.append(_Value(i, year_role(text, at), year, frozenset(clause_words(text, at, at + 4) & words)))
    # a date written in full only: one read against the article's day ("last week", "in July",
    # "six months ago") is too loose a value for a match this loose
    relative = {d.calendar for d in event_dates(an, i, spoken=True) if d.relative}
    for day, (s, e) in (slots.days or {}).items():
        if day not in relative:
            out.append(_Value(i, "day", day, frozenset(clause_words(text, s, e) & words)))
    return [v for v in out if v.words]


def clause_pairs(an: StoryAnalysis, left: list[_Value], right: list[_Value], idf: dict[str, float]
                 ) -> list[tuple[_Value, _Value]]:
    """Values of one kind whose clauses are each other's best match across two outlets."""
    if not left or not right:
        return []
    block = np.array([[claim_score(a.words, b.words, idf) if a.kind == b.kind else 0.0 for b in right]
                      for a in left])
    best_l, best_r = block.argmax(axis=1), block.argmax(axis=0)
    return [(left[a], right[b]) for a, b in enumerate(best_l)
            if best_r[b] == a and block[a, b] >= CLAUSE_CLAIM]


def disagree(an: StoryAnalysis, a: _Value, b: _Value, slots_a, slots_b) -> bool:
    """Two dates that cannot both be true, where neither sentence also states the other's, of
    sentences close in meaning that report no other event."""
    i, j = a.sentence, b.sentence
    if a.kind.startswith("year"):
        if a.value in (slots_b.years or {}) or b.value in (slots_a.years or {}) or a.value == b.value:
            return False
    elif any(date_compatible(a.value, d) for d in slots_b.days or ()) \
            or any(date_compatible(b.value, d) for d in slots_a.days or ()):
        return False
    return float(an.vectors[i] @ an.vectors[j]) >= CLAUSE_MEANING and not an.clash(i, j)


def clause_conflicts(an: StoryAnalysis, by_article: dict[str, list[int]], slots: dict, words,
                     idf: dict[str, float], done: set[tuple[int, int]]) -> list[tuple[_Value, _Value]]:
    """Pairs of two outlets' values that disagree while their clauses make one claim (sentence
    pairs in ``done`` were compared already, as whole sentences)."""
    vals = {a: [v for i in ids for v in values(an, i, slots[i], words[i])] for a, ids in by_article.items()}
    arts = list(vals)
    out = []
    for x in range(len(arts)):
        for y in range(x + 1, len(arts)):
            for a, b in clause_pairs(an, vals[arts[x]], vals[arts[y]], idf):
                i, j = a.sentence, b.sentence
                if (i, j) not in done and disagree(an, a, b, slots[i], slots[j]):
                    done.add((i, j))
                    out.append((a, b))
    return out
