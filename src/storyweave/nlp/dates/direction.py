"""Which way a date expression points from the publication date: back, forward, or either.

"in February" in an article of January 2019 is February 2018 when the clause says "was
postponed in February" and February 2019 when it says "will resume in February". The
direction comes from the expression's own clause: the verb group nearest before it
(English puts the verb before its date adverbial), else the first one after it ("On
Sunday, officials met"), and the preposition right before it ("since" looks back, "until"
and "through" ahead).

A cheap regex over words, not a tagger: the pipeline's spaCy model runs without a tagger
(tok2vec + ner only) and the verb groups that matter are a closed set of auxiliaries and
cue words. Answers: -1 back, +1 forward, 0 no telling (the caller takes the nearest).
"""
from __future__ import annotations

from .patterns import (BE_PAST, BE_PRESENT, CHAIN, CLAUSE_BOUNDARY, COPULAS, FUTURE_ARRANGED, FUTURE_WORDS, HAVE, INTENT,
                       IRREGULAR_PAST, MODALS, NOT_PAST, PAST_AUX, PAST_WORDS, PREP_AHEAD, PREP_BACK, WORD_RE, WOULD)

BACK, EITHER, AHEAD = -1, 0, 1
_WINDOW = 300  # characters each side searched for the clause's edges
_AUX = MODALS | WOULD | BE_PRESENT | BE_PAST | HAVE | PAST_AUX | CHAIN


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: from the last boundary before it to the first after."""
    lo_w, hi_w = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    lo, hi = lo_w, hi_w
    for m in CLAUSE_BOUNDARY.finditer(text, lo_w, hi_w):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def _past_form(w: str) -> bool:
    return w in IRREGULAR_PAST or (len(w) > 4 and w.endswith("ed") and w not in NOT_PAST)


def _candidate(words: list[str], i: int) -> bool:
    """Can words[i] head a verb group? Auxiliaries, past forms, arranged-future words, cues."""
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    prev = words[i - 1] if i else ""
    if w in MODALS or w in WOULD or w in BE_PRESENT or w in BE_PAST or w in HAVE or w in PAST_AUX:
        return True
    if w in FUTURE_WORDS or w in PAST_WORDS:
        return True
    if (w in FUTURE_ARRANGED or w in INTENT) and nxt in ("to", "for"):
        return True
    if w in FUTURE_ARRANGED and (prev in BE_PRESENT or prev in BE_PAST or prev == "been"):
        return True  # "the ruling is expected in March"
    if w.endswith("ing") and len(w) > 4 and (prev in BE_PRESENT or prev in BE_PAST or prev in ("be", "been")):
        return True
    return _past_form(w)


def _classify(words: list[str], i: int) -> int | None:
    """The direction of the verb group around words[i] (auxiliaries left and right of it)."""
    j = i
    while j > 0 and (words[j - 1] in _AUX or words[j - 1].endswith("ly")):
        j -= 1
    k = i
    # rightwards only from an auxiliary, to the main verb it carries ("will [be] leaving")
    while words[k] in _AUX and k + 1 < len(words) and (
            words[k + 1] in _AUX or words[k + 1].endswith(("ly", "ing")) or _past_form(words[k + 1])
            or words[k + 1] in FUTURE_ARRANGED):
        k += 1
    group = words[j:k + 1]
    ws = set(group)
    participle = any(_past_form(w) for w in group)
    main = group[-1]
    if ws & MODALS:  # "could have happened" looks back; "will stay closed" ahead
        return BACK if ws & HAVE and participle else AHEAD
    if ws & WOULD:  # "would visit": future of a past moment, either way from today
        return BACK if ws & HAVE else EITHER
    if ws & PAST_WORDS:
        return BACK
    if ws & FUTURE_WORDS:
        return AHEAD
    # "is expected to", "has been scheduled for": ahead; "was scheduled to": a plan of the past
    arranged = any((w in FUTURE_ARRANGED or w in INTENT) and (words[j + n + 1:j + n + 2] or [""])[0] in ("to", "for")
                   or w in FUTURE_ARRANGED and n and group[n - 1] in (BE_PRESENT | BE_PAST | {"been"})
                   for n, w in enumerate(group))
    if arranged:
        return EITHER if ws & (BE_PAST | PAST_AUX) else AHEAD
    if main.endswith("ing") and ws & (BE_PAST | BE_PRESENT | {"be", "been"}):
        return EITHER  # "was leaving in February", "is travelling on Monday": plans, either way
    if group[0] == "to" and "be" in ws:
        return AHEAD  # "to be released in mid-2011"
    if ws & (BE_PRESENT | COPULAS) and not ws & (HAVE | BE_PAST | PAST_AUX):
        return EITHER  # "is closed until Friday", "stays closed until March"
    if ws & (BE_PAST | PAST_AUX) or participle:
        return BACK
    if ws & HAVE:
        return EITHER  # "has a June 1 deadline"
    return None


def _tense(before: list[str], after: list[str]) -> int | None:
    for i in range(len(before) - 1, -1, -1):
        if _candidate(before, i):
            d = _classify(before, i)
            if d is not None:
                return d
    for i in range(len(after)):
        if _candidate(after, i):
            d = _classify(after, i)
            if d is not None:
                return d
    return None


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text)]


def preposition(text: str, start: int) -> str:
    """The word right before the expression, lower-cased ("" at the start of the text)."""
    words = _words(text[max(0, start - 16):start])
    return words[-1] if words and text[:start].rstrip() != text[:start] else ""


def direction(text: str, start: int, end: int) -> int:
    """BACK, AHEAD or EITHER for the date expression text[start:end], from its own clause."""
    lo, hi = clause_bounds(text, start, end)
    tense = _tense(_words(text[lo:start]), _words(text[end:hi]))
    prep = preposition(text, start)
    if prep in PREP_BACK:
        return BACK
    if tense == AHEAD:
        return AHEAD
    if prep in PREP_AHEAD:  # "funds the government through Feb. 15"; "lasted until May": either
        return EITHER if tense == BACK else AHEAD
    return tense if tense is not None else EITHER
