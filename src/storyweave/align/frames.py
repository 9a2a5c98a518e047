"""Figures in frames: every number with its kind, the names around it, its wording and its
date, compared across outlets. "The meeting lasted more than five hours" and "On Sunday,
Blinken spoke with Qin for seven and a half hours" are worded apart yet report the same
thing; numbers in the same frame from different outlets are compared as intervals."""
from __future__ import annotations

import logging
from functools import lru_cache
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from ..analysis import StoryAnalysis
from ..config import Config
from ..log import logger
from ..model import Divergence, Variant
from ..nlp.quantities import Quantity, compatible, find_quantities, format_value
from ..text import content_tokens
from .patterns import (ANAPHORIC, ATTRIBUTION, CAP, MONTHS, OPENER_STOP, OUTCOME_LABEL, OUTCOME_STEMS, PEOPLE,
                       SPEECH_DATE, WEEKDAYS)
from .variants import event_dates, norm_name, stated


@dataclass(slots=True)
class _Mention:
    q: Quantity
    sent: int  # sentence index
    article: str
    names: set[str]
    days: set[str]
    local: str  # words around the number
    outcome: str | None
    local_tokens: set[str] = field(default_factory=set)

    @property
    def kind(self) -> str:
        k = self.q.kind
        if k.startswith("count:") and (k[6:] in PEOPLE or k[6:] + "s" in PEOPLE):
            return "count:people"
        return k



def _proper_words(analysis: StoryAnalysis) -> set[str]:
    """Words the story capitalises mid-sentence: its names. A capital at a sentence start proves nothing."""
    out = set()
    for s in analysis.sentences:
        for m in CAP.finditer(s.text):
            if m.start() > 0 and s.text[m.start() - 1] not in "“\"‘'(":
                out.add(norm_name(m.group(0)))
    return out


def _names(text: str, proper: set[str] | None = None) -> tuple[set[str], set[str]]:
    """Capitalised words (a cheap, model-free stand-in for names) and the days mentioned."""
    names, days = set(), set()
    event_text = SPEECH_DATE.sub(r"\1", text)
    text = ATTRIBUTION.sub(" ", text)
    for m in CAP.finditer(text):
        w = norm_name(m.group(0))
        if w in WEEKDAYS or w in MONTHS:
            continue
        if m.start() == 0 and (w in OPENER_STOP or (proper is not None and w not in proper)):
            continue
        if len(w) > 1:
            names.add(w)
    for w in re.findall(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight)\b",
                        event_text.lower()):
        days.add(w)
    return names, days


def _mentions(analysis: StoryAnalysis) -> list[_Mention]:
    out = []
    proper = _proper_words(analysis)
    for i, s in enumerate(analysis.sentences):
        qs = find_quantities(s.text)
        if not qs:
            continue
        names, days = _names(s.text, proper)
        idx = analysis.sentence_indices(s.article_id)
        pos = idx.index(i)
        if ANAPHORIC.match(s.text) and pos > 0:
            prev = analysis.sentences[idx[pos - 1]].text
            pn, pd = _names(prev, proper)
            names |= pn
            days = days or pd
        dated = _resolved_days(analysis, i)
        if dated:
            days = dated
        for q in qs:
            lo = max(0, q.start - 60)
            local = s.text[lo: q.end + 60]
            outcome = nearest_outcome(s.text, q)
            own = content_tokens(q.text)
            out.append(_Mention(q, i, s.article_id, names, days, local, outcome, content_tokens(local) - own))
    return out


def nearest_outcome(text: str, q: Quantity) -> str | None:
    """The casualty/outcome word closest to the number, within its clause's reach."""
    best, dist = None, 61
    for start, end, outcome in _outcome_words(text):
        d = q.start - end if end <= q.start else start - q.end
        if 0 <= d < dist:
            best, dist = outcome, d
    return best


@lru_cache(maxsize=4096)  # a sentence's figures ask about the same words again and again
def _outcome_words(text: str) -> tuple[tuple[int, int, str], ...]:
    """Each outcome word of a text (a word opening with an outcome stem), where it is, and its outcome."""
    out = []
    for m in _OUTCOME_WORD.finditer(text.lower()):
        stem = m.group(1)
        out.append((m.start(), m.end(), next(o for s, o in OUTCOME_STEMS if stem.startswith(s))))
    return tuple(out)


# the first stem in OUTCOME_STEMS that opens a word decides its outcome, as a loop over them would
_OUTCOME_WORD = re.compile(r"(?<![a-z])(" + "|".join(re.escape(s) for s, _ in OUTCOME_STEMS) + r")[a-z]*")


def _resolved_days(analysis: StoryAnalysis, i: int) -> set[str]:
    """Absolute days of what the sentence reports (e.g. 'on Sunday' -> 2023-06-18), when dated."""
    return {d.value for d in event_dates(analysis, i) if len(d.value) == 10}


def _idf(analysis: StoryAnalysis) -> dict[str, float]:
    df: Counter[str] = Counter()
    for s, toks in zip(analysis.sentences, analysis.tokens):
        df.update(_names(s.text)[0] | toks)
    n = max(1, len(analysis.sentences))
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def _frame_score(a: _Mention, b: _Mention, idf: dict[str, float], local_cos: float) -> float:
    if a.kind != b.kind or a.article == b.article:
        return 0.0
    if a.outcome and b.outcome and a.outcome != b.outcome:
        return 0.0
    lo, hi = sorted((abs(a.q.value), abs(b.q.value)))
    if a.q.kind.startswith("duration") and lo > 0 and hi / lo > 3:
        return 0.0  # a two-day visit and a five-hour meeting: durations of different things
    if lo > 0 and hi / lo > 10:
        return 0.0  # 43 rescued and 2,000 evacuated: reports of one figure don't differ tenfold
    if a.days and b.days and not (a.days & b.days):
        return 0.0  # different days: different events
    lex = _weighted_containment(a.local_tokens, b.local_tokens, idf)
    local = 0.5 * max(0.0, local_cos) + 0.5 * lex
    if a.outcome and a.outcome == b.outcome:
        local = min(1.0, local + 0.35)  # same kind of casualty in one story: most likely one figure
    if not a.names or not b.names:
        # nothing to tell the frames apart by name: the wording alone must carry it, so ask
        # more of it, unless both count the same outcome (dead, injured ...)
        return local if a.outcome and a.outcome == b.outcome else local - 0.15
    if a.q.kind.split(":")[0] in ("percent", "money") and local < 0.35:
        # stories of money and shares quote many figures about the same actors ("cut by 30%",
        # "13% of imports"): for these the wording of what is measured must match too
        return 0.0
    wa = sum(idf.get(w, 1.0) for w in a.names)
    wb = sum(idf.get(w, 1.0) for w in b.names)
    shared = sum(idf.get(w, 1.0) for w in a.names & b.names)
    name_sim = shared / min(wa, wb) if min(wa, wb) > 0 else 0.0
    # a distinctive name on one side only (Qin here, Wang there) speaks against the match
    only_a = sum(idf.get(w, 1.0) for w in a.names - b.names)
    only_b = sum(idf.get(w, 1.0) for w in b.names - a.names)
    clash = min(only_a, only_b) / (shared + min(only_a, only_b) + 1e-9) if shared else 1.0
    score = 0.55 * name_sim + 0.45 * local - 0.3 * clash
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(f"frame {a.q.text!r} ~ {b.q.text!r}: names {name_sim:.2f} local {local:.2f} clash {clash:.2f} -> {score:.2f}")
    return score


def _weighted_containment(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    wa = sum(idf.get(w, 2.0) for w in a)
    wb = sum(idf.get(w, 2.0) for w in b)
    return sum(idf.get(w, 2.0) for w in a & b) / min(wa, wb)


def frame_divergences(analysis: StoryAnalysis, models, config: Config) -> list[Divergence]:
    mentions = _mentions(analysis)
    if len(mentions) < 2:
        return []
    idf = _idf(analysis)
    local_vecs = models.embedder.embed([m.local for m in mentions])
    n = len(mentions)
    score = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            score[i, j] = score[j, i] = _frame_score(mentions[i], mentions[j], idf, float(local_vecs[i] @ local_vecs[j]))
    thr = config.align.same_frame
    # greedy average-linkage merge: strongest pairs first, a component joins another only if
    # its members match on average (single links would chain unrelated numbers together)
    comp = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    pairs = sorted(((score[i, j], i, j) for i in range(n) for j in range(i + 1, n) if score[i, j] >= thr), reverse=True)
    for _, i, j in pairs:
        ci, cj = comp[i], comp[j]
        if ci == cj:
            continue
        cross = [score[x, y] for x in members[ci] for y in members[cj]
                 if mentions[x].article != mentions[y].article]
        if not cross or sum(cross) / len(cross) < thr * 0.85:
            continue
        for x in members[cj]:
            comp[x] = ci
        members[ci].extend(members.pop(cj))
    out = []
    for ms in members.values():
        div = _divergence_of([mentions[i] for i in ms], analysis)
        if div:
            out.append(div)
    out.sort(key=lambda d: (d.kind != "contradiction", -len(d.variants)))
    return out


def _divergence_of(ms: list[_Mention], analysis: StoryAnalysis) -> Divergence | None:
    if len({m.article for m in ms}) < 2:
        return None
    # an article stating two different values in one frame is about two things, not one:
    # the frame is too ambiguous to call a divergence
    per_article: dict[str, set[float]] = defaultdict(set)
    for m in ms:
        per_article[m.article].add(round(m.q.value, 6))
    if any(len(v) > 1 for v in per_article.values()):
        return None
    by_value: dict[float, list[_Mention]] = defaultdict(list)
    for m in ms:
        by_value[round(m.q.value, 6)].append(m)
    if len(by_value) == 1:
        hedges: dict[str, list[_Mention]] = defaultdict(list)
        for m in ms:
            hedges[m.q.hedge or ""].append(m)
        if len(hedges) < 2 or len({m.article for m in ms}) < 2:
            return None
        groups = list(hedges.values())
        kind = "precision"
    else:
        groups = list(by_value.values())
        incompatible = any(
            not compatible(x.q, y.q)
            for a in range(len(groups)) for b in range(a + 1, len(groups))
            for x in groups[a] for y in groups[b]
        )
        kind = "contradiction" if incompatible else "precision"
    # each variant must be carried by an outlet that does not also carry another variant
    arts_per_group = [{m.article for m in g} for g in groups]
    if all(len(a) == 1 for a in arts_per_group) and len(set().union(*arts_per_group)) < 2:
        return None
    variants = []
    for g in sorted(groups, key=lambda g: -len({m.article for m in g})):
        best = min(g, key=lambda m: len(m.q.text))
        cites = list(dict.fromkeys(m.article for m in g))
        variants.append(Variant(
            text=best.q.text,
            value=format_value(best.q),
            citations=cites,
            sentence_ids=list(dict.fromkeys(analysis.sentences[m.sent].id for m in g)),
            sentences=list(dict.fromkeys(analysis.sentences[m.sent].text for m in g)),
        ))
    return Divergence(about=_about(ms), kind=kind, variants=variants, attribute=_attribute(ms[0].q.kind))


_INCLUDING = re.compile(r"^[^.;:]{0,40}?\b(?:including|among them|of whom)\s+(?:the\s+|its\s+|their\s+)?", re.I)


def whole_and_part(d: Divergence) -> bool:
    """Two counts one report's own words reconcile: "12 dead, including the two attackers"
    against "killed 10" is the whole with a part the other leaves out, not a contradiction."""
    if len(d.variants) != 2:
        return False
    values = []
    for v in d.variants:
        q = next((q for _, q in stated(v)), None)
        if q is None:
            return False
        values.append(q.value)
    (a, big), (b, _) = sorted(zip(values, d.variants), key=lambda t: -t[0])
    for sentence in big.sentences or []:
        for q in find_quantities(sentence):
            inc = _INCLUDING.match(sentence[q.end:]) if q.text == big.text else None
            part = find_quantities(sentence[q.end + inc.end():])[:1] if inc else []
            if part and part[0].start == 0 and abs(a - part[0].value - b) < 1e-6:
                return True
    return False


def _attribute(kind: str) -> str:
    return kind.split(":", 1)[0]


def _about(ms: list[_Mention]) -> str:
    """A short label: what is measured, and the names (or words) all reports share."""
    kind = ms[0].kind
    base = kind.split(":")[0]
    if base == "count":
        what = "number of " + kind.split(":", 1)[1]
        outcome = next((m.outcome for m in ms if m.outcome), None)
        if outcome:
            what += " " + OUTCOME_LABEL[outcome]
    else:
        what = {"duration": "duration", "percent": "share", "distance": "distance", "mass": "weight"}.get(
            base, "amount" if base == "money" else base)
    common = set.intersection(*(m.names for m in ms))
    ordered: list[str] = []
    for m in CAP.finditer(" ".join(x.local for x in ms)):
        w = m.group(0)
        if norm_name(w) in common and norm_name(w) not in {norm_name(o) for o in ordered}:
            ordered.append(w.rstrip("’'s") if w.endswith(("’s", "'s")) else w)
    days = set.intersection(*(m.days for m in ms)) if all(m.days for m in ms) else set()
    context = ", ".join(ordered[:4])
    tail = f" on {', '.join(sorted(d.capitalize() for d in days))}" if days else ""
    return f"{what}{' — ' + context if context else ''}{tail}"


