"""Facts across outlets: agreements, divergences and facts only one outlet reports.

Agreements and unique facts come from the fact groups of ``analysis.prepare``. Divergences
need more than sentence similarity: "The meeting lasted more than five hours" and "On
Sunday, Blinken spoke with Qin for seven and a half hours" are worded apart yet report the
same thing. So every number is put in a *frame*: its kind (duration, count of people, money),
the distinctive names around it (borrowing the previous sentence when the sentence opens
on an anaphor like "The meeting"), its local wording and its date. Numbers in the same frame
from different outlets are compared as intervals.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from .analysis import StoryAnalysis
from .config import Config
from .model import Agreement, Divergence, UniqueFact, Variant
from .nlp.quantities import Quantity, compatible, find_quantities, format_value

_CAP = re.compile(r"\b[A-Z][a-zA-Z’'-]+")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}
_ANAPHORIC = re.compile(
    r"^(the (meeting|talks?|visit|trip|discussion|session|attack|fire|blast|crash|storm|quake|earthquake|event|"
    r"summit|deal|agreement|vote|match|game|case|trial|incident|operation|strike|protest|rally)|"
    r"it|this|that|these|they|he|she|his|her|their)\b",
    re.IGNORECASE,
)
_OPENER_STOP = frozenset("the a an in on at it this that he she they his her their but and however after before "
                         "when while during earlier later despite both neither mr mrs ms dr".split())
# Outcomes that a count can belong to: two counts with different outcomes are different facts.
_OUTCOMES = {
    "killed": "dead", "dead": "dead", "died": "dead", "deaths": "dead", "death": "dead", "fatalities": "dead",
    "lives": "dead", "injured": "hurt", "wounded": "hurt", "hurt": "hurt", "injuries": "hurt",
    "missing": "missing", "arrested": "arrested", "detained": "arrested", "evacuated": "evacuated",
    "displaced": "displaced", "rescued": "rescued", "hospitalised": "hurt", "hospitalized": "hurt",
}


@dataclass(slots=True)
class _Mention:
    q: Quantity
    sent: int  # sentence index
    article: str
    names: set[str]
    days: set[str]
    local: str  # words around the number
    outcome: str | None


# ---- agreements and unique facts -----------------------------------------------------------

def _centrality(analysis: StoryAnalysis) -> np.ndarray:
    v = analysis.vectors
    if len(v) == 0:
        return np.zeros(0)
    centroid = v.mean(axis=0)
    norm = np.linalg.norm(centroid) or 1.0
    return v @ (centroid / norm)


def _representative(analysis: StoryAnalysis, members: list[int], central: np.ndarray) -> int:
    """The clearest sentence of a group: central, self-contained and not too long."""
    def score(i: int) -> float:
        s = analysis.sentences[i].text
        n = len(s.split())
        pronoun = 0.15 if _ANAPHORIC.match(s) and not s.lower().startswith("the ") else 0.0
        return float(central[i]) - pronoun - 0.004 * max(0, n - 30)
    return max(members, key=score)


def agreements(analysis: StoryAnalysis, config: Config) -> tuple[list[Agreement], list[Agreement]]:
    """Facts with 2+ independent sources; and facts several outlets carry from one source (copies)."""
    central = _centrality(analysis)
    agreed: list[Agreement] = []
    single: list[Agreement] = []
    for g, members in enumerate(analysis.groups):
        arts = analysis.group_articles(g)
        if len(arts) < 2:
            continue
        rep = _representative(analysis, members, central)
        own = analysis.sentences[rep].article_id
        cites = [own, *[a for a in arts if a != own]]
        rec = Agreement(
            text=analysis.sentences[rep].text,
            citations=cites,
            independent_sources=analysis.independent[g],
            sentence_ids=[analysis.sentences[i].id for i in members],
        )
        (agreed if analysis.independent[g] >= 2 else single).append(rec)
    agreed.sort(key=lambda a: (-a.independent_sources, -len(a.citations)))
    return agreed[: config.brief.max_agreements], single


def unique_facts(analysis: StoryAnalysis, config: Config) -> list[UniqueFact]:
    """Informative sentences whose fact no other outlet reports, the most telling first."""
    central = _centrality(analysis)
    per_article: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for g, members in enumerate(analysis.groups):
        if len(analysis.group_articles(g)) != 1:
            continue
        for i in members:
            s = analysis.sentences[i].text
            words = len(s.split())
            if words < 8:
                continue
            specifics = len(_CAP.findall(s[1:])) + len(find_quantities(s)) + sum(ch.isdigit() for ch in s[:1])
            score = 0.5 * float(central[i]) + 0.1 * min(specifics, 5) - 0.01 * max(0, words - 40)
            per_article[analysis.sentences[i].article_id].append((score, i))
    out: list[UniqueFact] = []
    for art in (a.id for a in analysis.articles):
        best = sorted(per_article.get(art, []), reverse=True)[: config.brief.max_unique_per_outlet]
        for _, i in sorted(best, key=lambda x: x[1]):
            s = analysis.sentences[i]
            out.append(UniqueFact(text=s.text, citations=[s.article_id], sentence_ids=[s.id]))
    return out


# ---- divergences -------------------------------------------------------------------------

def _names(text: str) -> tuple[set[str], set[str]]:
    """Capitalised words (a cheap, model-free stand-in for names) and the days mentioned."""
    names, days = set(), set()
    for m in _CAP.finditer(text):
        w = m.group(0).lower().rstrip("’'s").rstrip("’'")
        if w in _WEEKDAYS or w in _MONTHS:
            days.add(w)
        elif m.start() == 0 and w in _OPENER_STOP:
            continue
        elif len(w) > 1:
            names.add(w)
    for w in re.findall(r"\b(yesterday|today|tomorrow|tonight)\b", text.lower()):
        days.add(w)
    return names, days


def _mentions(analysis: StoryAnalysis) -> list[_Mention]:
    out = []
    for i, s in enumerate(analysis.sentences):
        qs = find_quantities(s.text)
        if not qs:
            continue
        names, days = _names(s.text)
        idx = analysis.sentence_indices(s.article_id)
        pos = idx.index(i)
        if _ANAPHORIC.match(s.text) and pos > 0:
            prev = analysis.sentences[idx[pos - 1]].text
            pn, pd = _names(prev)
            names |= pn
            days = days or pd
        dated = _resolved_days(analysis, i)
        if dated:
            days = dated
        for q in qs:
            lo = max(0, q.start - 60)
            local = s.text[lo: q.end + 60]
            words = re.findall(r"[a-z]+", local.lower())
            outcome = next((_OUTCOMES[w] for w in words if w in _OUTCOMES), None)
            out.append(_Mention(q, i, s.article_id, names, days, local, outcome))
    return out


def _resolved_days(analysis: StoryAnalysis, i: int) -> set[str]:
    """Absolute dates of the sentence when the dates stage is available (e.g. 'on Sunday' -> 2023-06-18)."""
    try:
        from .nlp.dates import find_dates
    except ImportError:
        return set()
    s = analysis.sentences[i]
    anchor = analysis.anchors.get(s.article_id)
    if not anchor:
        return set()
    try:
        return {d.value for d in find_dates(s.text, anchor[0]) if len(d.value) == 10}
    except Exception:  # noqa: BLE001 - a date we cannot read must not cost the divergence
        return set()


def _idf(analysis: StoryAnalysis) -> dict[str, float]:
    df: Counter[str] = Counter()
    for s in analysis.sentences:
        df.update(_names(s.text)[0])
    n = max(1, len(analysis.sentences))
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def _frame_score(a: _Mention, b: _Mention, idf: dict[str, float], local_cos: float) -> float:
    if a.q.kind != b.q.kind or a.article == b.article:
        return 0.0
    if a.outcome != b.outcome:
        return 0.0
    lo, hi = sorted((abs(a.q.value), abs(b.q.value)))
    if a.q.kind == "duration" and lo > 0 and hi / lo > 3:
        return 0.0  # a two-day visit and a five-hour meeting: durations of different things
    if a.days and b.days and not (a.days & b.days):
        return 0.0  # different days: different events
    wa = sum(idf.get(w, 1.0) for w in a.names)
    wb = sum(idf.get(w, 1.0) for w in b.names)
    shared = sum(idf.get(w, 1.0) for w in a.names & b.names)
    name_sim = shared / min(wa, wb) if min(wa, wb) > 0 else 0.0
    # a distinctive name on one side only (Qin here, Wang there) speaks against the match
    only_a = sum(idf.get(w, 1.0) for w in a.names - b.names)
    only_b = sum(idf.get(w, 1.0) for w in b.names - a.names)
    clash = min(only_a, only_b) / (shared + min(only_a, only_b) + 1e-9) if shared else 1.0
    return 0.55 * name_sim + 0.45 * max(0.0, local_cos) - 0.3 * clash


def divergences(analysis: StoryAnalysis, models, config: Config) -> list[Divergence]:
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
    # an article stating two different values in one frame is too ambiguous to use
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


def _attribute(kind: str) -> str:
    return kind.split(":", 1)[0]


def _about(ms: list[_Mention]) -> str:
    """A short label: what is measured, and the names all reports share."""
    kind = ms[0].q.kind
    what = {"duration": "how long", "percent": "what share", "distance": "how far", "mass": "how heavy"}.get(
        kind.split(":")[0], "how many " + kind.split(":", 1)[-1] if kind.startswith("count:") else "how much")
    common = set.intersection(*(m.names for m in ms)) if ms else set()
    # name words in the order the first report uses them, capitalised as written
    first = analysis_text = " ".join(m.local for m in ms[:1])
    ordered = []
    for m in _CAP.finditer(first):
        w = m.group(0).rstrip("’'s").rstrip("’'")
        if w.lower() in common and w not in ordered:
            ordered.append(w)
    for w in sorted(common):
        if w.capitalize() not in ordered and w not in {o.lower() for o in ordered}:
            ordered.append(w.capitalize())
    days = set.intersection(*(m.days for m in ms)) if all(m.days for m in ms) else set()
    tail = f" ({', '.join(sorted(days))})" if days else ""
    del analysis_text
    return f"{what}: {' '.join(ordered[:4])}{tail}".strip().rstrip(":")
