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
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from .analysis import StoryAnalysis, content_tokens
from .config import Config
from .model import Agreement, Divergence, UniqueFact, Variant
from .nlp.quantities import Quantity, compatible, find_quantities, format_value
from .unionfind import UnionFind

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
# Outcomes that a count can belong to (word stems): two counts with different outcomes are
# different facts, and two with the same one in one story are most likely the same figure.
_OUTCOME_STEMS = (
    ("kill", "dead"), ("dead", "dead"), ("die", "dead"), ("death", "dead"), ("fatal", "dead"), ("lives", "dead"),
    ("injur", "hurt"), ("wound", "hurt"), ("hurt", "hurt"), ("hospital", "hurt"),
    ("missing", "missing"), ("arrest", "arrested"), ("detain", "arrested"),
    ("evacu", "displaced"), ("forc", "displaced"), ("fled", "displaced"), ("flee", "displaced"),
    ("displac", "displaced"), ("homeless", "displaced"), ("leave", "displaced"),
    ("rescu", "rescued"), ("pulled", "rescued"), ("saved", "rescued"),
)


# Nouns for people: "2,000 residents" and "2,000 people" count the same thing.
_PEOPLE = frozenset("people person persons resident residents civilian civilians inhabitant inhabitants villager "
                    "villagers citizen citizens individual individuals".split())
# A date right after a speech verb dates the statement, not the event ("said on Wednesday").
_SPEECH_DATE = re.compile(r"\b(said|says|told \w+|announced|added|confirmed|reported|stated)\s+(on|late on|early on)\s+"
                          r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.IGNORECASE)


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
        if k.startswith("count:") and (k[6:] in _PEOPLE or k[6:] + "s" in _PEOPLE):
            return "count:people"
        return k


# ---- agreements and unique facts -----------------------------------------------------------

def _centrality(analysis: StoryAnalysis) -> np.ndarray:
    v = analysis.vectors
    if len(v) == 0:
        return np.zeros(0)
    centroid = v.mean(axis=0)
    norm = np.linalg.norm(centroid) or 1.0
    return v @ (centroid / norm)


def _representative(analysis: StoryAnalysis, members: list[int], central: np.ndarray) -> int:
    """The clearest sentence of a group: closest to the other reports of the fact,
    self-contained (no opening pronoun) and not too long."""
    sim = getattr(analysis, "similarity", None)

    def score(i: int) -> float:
        s = analysis.sentences[i].text
        n = len(s.split())
        pronoun = 0.15 if _ANAPHORIC.match(s) and not s.lower().startswith("the ") else 0.0
        others = [j for j in members if j != i]
        within = float(np.mean([sim[i, j] for j in others])) if sim is not None and others else 0.0
        return within + 0.2 * float(central[i]) - pronoun - 0.004 * max(0, n - 30)
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

def _proper_words(analysis: StoryAnalysis) -> set[str]:
    """Words the story capitalises mid-sentence: its names. A capital at a sentence start proves nothing."""
    out = set()
    for s in analysis.sentences:
        for m in _CAP.finditer(s.text):
            if m.start() > 0 and s.text[m.start() - 1] not in "“\"‘'(":
                out.add(_norm_name(m.group(0)))
    return out


def _norm_name(w: str) -> str:
    w = w.lower()
    for suf in ("’s", "'s"):
        if w.endswith(suf):
            w = w[: -len(suf)]
    return w.rstrip("’'")


# Who said it is not what happened: speaker names are left out of a number's frame.
_ATTRIBUTION = re.compile(
    r"(?:\b(?:said|says|told \w+|added|according to)\s+(?:(?:the|a|an)\s+)?(?:[a-z]+\s+){0,3}(?:[A-Z][\w’'-]+\s*){1,4})"
    r"|(?:(?:[A-Z][\w’'-]+\s+){1,4}(?:said|says|told|added)\b)"
)


def _names(text: str, proper: set[str] | None = None) -> tuple[set[str], set[str]]:
    """Capitalised words (a cheap, model-free stand-in for names) and the days mentioned."""
    names, days = set(), set()
    event_text = _SPEECH_DATE.sub(r"\1", text)
    text = _ATTRIBUTION.sub(" ", text)
    for m in _CAP.finditer(text):
        w = _norm_name(m.group(0))
        if w in _WEEKDAYS or w in _MONTHS:
            continue
        if m.start() == 0 and (w in _OPENER_STOP or (proper is not None and w not in proper)):
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
        if _ANAPHORIC.match(s.text) and pos > 0:
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
            outcome = _nearest_outcome(s.text, q)
            own = content_tokens(q.text)
            out.append(_Mention(q, i, s.article_id, names, days, local, outcome, content_tokens(local) - own))
    return out


def _nearest_outcome(text: str, q: Quantity) -> str | None:
    """The casualty/outcome word closest to the number, within its clause's reach."""
    best, dist = None, 61
    for m in re.finditer(r"[a-z]+", text.lower()):
        outcome = next((o for stem, o in _OUTCOME_STEMS if m.group(0).startswith(stem)), None)
        if outcome:
            d = q.start - m.end() if m.end() <= q.start else m.start() - q.end
            if 0 <= d < dist:
                best, dist = outcome, d
    return best


def _resolved_days(analysis: StoryAnalysis, i: int) -> set[str]:
    """Absolute days of what the sentence reports (e.g. 'on Sunday' -> 2023-06-18), when dated."""
    return {d.value for d in _event_dates(analysis, i) if len(d.value) == 10}


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
    if a.q.kind == "duration" and lo > 0 and hi / lo > 3:
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
    if os.environ.get("STORYWEAVE_DEBUG_FRAMES"):
        print(f"frame {a.q.text!r} ~ {b.q.text!r}: names {name_sim:.2f} local {local:.2f} clash {clash:.2f} -> {score:.2f}")
    return score


def _weighted_containment(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    wa = sum(idf.get(w, 2.0) for w in a)
    wb = sum(idf.get(w, 2.0) for w in b)
    return sum(idf.get(w, 2.0) for w in a & b) / min(wa, wb)


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


def _attribute(kind: str) -> str:
    return kind.split(":", 1)[0]


_OUTCOME_LABEL = {"dead": "killed", "hurt": "injured", "missing": "missing", "arrested": "arrested",
                  "displaced": "forced from their homes", "rescued": "rescued"}


def _about(ms: list[_Mention]) -> str:
    """A short label: what is measured, and the names (or words) all reports share."""
    kind = ms[0].kind
    base = kind.split(":")[0]
    if base == "count":
        what = "number of " + kind.split(":", 1)[1]
        outcome = next((m.outcome for m in ms if m.outcome), None)
        if outcome:
            what += " " + _OUTCOME_LABEL[outcome]
    else:
        what = {"duration": "duration", "percent": "share", "distance": "distance", "mass": "weight"}.get(
            base, "amount" if base == "money" else base)
    common = set.intersection(*(m.names for m in ms))
    ordered: list[str] = []
    for m in _CAP.finditer(" ".join(x.local for x in ms)):
        w = m.group(0)
        if _norm_name(w) in common and _norm_name(w) not in {_norm_name(o) for o in ordered}:
            ordered.append(w.rstrip("’'s") if w.endswith(("’s", "'s")) else w)
    days = set.intersection(*(m.days for m in ms)) if all(m.days for m in ms) else set()
    context = ", ".join(ordered[:4])
    tail = f" on {', '.join(sorted(d.capitalize() for d in days))}" if days else ""
    return f"{what}{' — ' + context if context else ''}{tail}"


# ---- dates, places and names in the same fact ------------------------------------------------

_SAID_BEFORE = re.compile(r"\b(said|says|told \w+|announced|added|confirmed|reported)\s+(late |early )?$", re.IGNORECASE)


def _event_dates(analysis: StoryAnalysis, i: int, spoken: bool = False) -> list:
    """Dates of what happened in sentence i; with ``spoken`` also when someone spoke about it."""
    try:
        from .nlp.dates import find_dates
    except ImportError:
        return []
    s = analysis.sentences[i]
    anchor = analysis.anchors.get(s.article_id)
    try:
        found = find_dates(s.text, anchor[0] if anchor else None)
    except Exception:  # noqa: BLE001
        return []
    if not anchor:
        # no date for the article or its story: weekdays cannot be made absolute, but two
        # reports of one fact naming different weekdays still disagree
        from .nlp.dates import DateMention

        found = list(found) + [
            DateMention(m.group(0), m.start(), m.end(), m.group(0).lower(), "weekday", relative=True)
            for m in re.finditer(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", s.text)
        ]
    # "next Friday" and "this Friday" are read differently by different writers: not evidence
    return [d for d in found if (spoken or not _SAID_BEFORE.search(s.text[: d.start]))
            and not re.search(r"\b(next|this|coming)\b", d.surface, re.IGNORECASE)]


def _date_compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def fact_divergences(analysis: StoryAnalysis, config: Config) -> list[Divergence]:
    """Within one fact group: different dates, or a place or person swapped in close rewrites."""
    sim = getattr(analysis, "similarity", None)
    out: list[Divergence] = []
    ents = analysis.entity_index
    for g, members in enumerate(analysis.groups):
        if len(analysis.group_articles(g)) < 2:
            continue
        # within one fact, when it was said is part of the fact ("tweeted Thursday")
        dates = {i: _event_dates(analysis, i, spoken=True) for i in members}
        # -- dates: every dated report of the fact, grouped by value
        # one date per sentence, of one granularity, in close rewrites: a sentence with several
        # dates ("since 2018", "in January 2021") may date different things
        dated = [(i, dates[i][0]) for i in members if len(dates[i]) == 1]
        grains = Counter(d.granularity for _, d in dated)
        grain = grains.most_common(1)[0][0] if grains else None
        dated = [(i, d) for i, d in dated if d.granularity == grain]
        if sim is not None:
            dated = [(i, d) for i, d in dated
                     if any(sim[i, j] >= config.align.same_fact for j, e in dated if e.value != d.value)
                     or all(e.value == d.value for _, e in dated)]
        if len({analysis.sentences[i].article_id for i, _ in dated}) >= 2:
            values = defaultdict(list)
            for i, d in dated:
                values[d.value].append((i, d))
            if len(values) >= 2:
                vals = list(values)
                incompatible = any(not _date_compatible(a, b) for x, a in enumerate(vals) for b in vals[x + 1:])
                out.append(_slot_divergence(
                    analysis, "date", "contradiction" if incompatible else "precision",
                    {v: [(i, d.surface) for i, d in items] for v, items in values.items()},
                    about=f"date — {_short(analysis.sentences[members[0]].text)}",
                ))
        # -- figures in two reports of one fact: a kind stated once in each, with other values
        if sim is not None:
            out.extend(_aligned_figures(analysis, members, sim, config))
        # -- places and names: only in close rewrites of one sentence, where a swap is telling
        if ents is None or sim is None:
            continue
        scene = _event_places(analysis, members, sim, config)
        out.extend(scene)
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if analysis.sentences[i].article_id == analysis.sentences[j].article_id or sim[i, j] < 0.7:
                    continue
                for typ, attr in (("place", "place"), ("person", "name")):
                    if typ == "place" and scene:
                        continue  # the scene of this fact is already compared
                    ei = {n for n, t in ents.by_sentence[i] if t == typ}
                    ej = {n for n, t in ents.by_sentence[j] if t == typ}
                    only_i, only_j = ei - ej, ej - ei
                    if only_i and only_j and len(only_i) == 1 and len(only_j) == 1:
                        (vi,), (vj,) = only_i, only_j
                        if typ == "person" and (len(vi.split()) < 2 or len(vj.split()) < 2):
                            continue  # a lone capitalised word typed as a person is often not one
                        if not _swapped(analysis.sentences[i].text, analysis.sentences[j].text, vi, vj):
                            continue
                        if typ == "place" and "country" in (_place_level(vi), _place_level(vj)):
                            continue  # a country holds the other place: no contradiction
                        out.append(_slot_divergence(
                            analysis, attr, "contradiction", {vi: [(i, vi)], vj: [(j, vj)]},
                            about=f"{attr} — {_short(analysis.sentences[i].text)}",
                        ))
    return out


def _window(text: str, q: Quantity, words: int = 4) -> set[str]:
    """Content words around a figure, the figure itself left out."""
    before = text[: q.start].split()[-words:]
    after = text[q.end:].split()[:words]
    return content_tokens(" ".join(before + after))


def _aligned_figures(analysis: StoryAnalysis, members: list[int], sim: np.ndarray, config: Config) -> list[Divergence]:
    """Different figures for the same thing in sentences aligned as one fact.

    Figures pair up across two close reports by kind and by the words around them ("a 25%
    tariff on steel" ~ "a 38% tariff on steel", not "a 10% tariff on aluminum").
    """
    quants = {i: find_quantities(analysis.sentences[i].text) for i in members}
    links: UnionFind[tuple[int, int]] = UnionFind()  # (sentence, figure index) linked as one figure

    for x in range(len(members)):
        for y in range(x + 1, len(members)):
            i, j = members[x], members[y]
            if analysis.sentences[i].article_id == analysis.sentences[j].article_id or sim[i, j] < config.align.same_fact:
                continue
            ti, tj = analysis.sentences[i].text, analysis.sentences[j].text
            for a, qa in enumerate(quants[i]):
                wa = _window(ti, qa)
                best, best_score = None, 0.0
                for b, qb in enumerate(quants[j]):
                    if qb.kind != qa.kind:
                        continue
                    wb = _window(tj, qb)
                    score = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
                    same_kind = [q for q in quants[j] if q.kind == qa.kind]
                    if len(same_kind) == 1 and sum(q.kind == qa.kind for q in quants[i]) == 1:
                        score = max(score, 0.5)  # the only figure of its kind on each side
                    if score > best_score:
                        best, best_score = b, score
                if best is not None and best_score >= 0.34:
                    links.union((i, a), (j, best))
    out = []
    for nodes in links.groups():
        items = [(i, quants[i][a]) for i, a in nodes]
        arts: dict[str, set[float]] = defaultdict(set)
        for i, q in items:
            arts[analysis.sentences[i].article_id].add(round(q.value, 6))
        if len(arts) < 2 or any(len(v) > 1 for v in arts.values()):
            continue
        values: dict[tuple, list[tuple[int, Quantity]]] = defaultdict(list)
        for i, q in items:
            values[(round(q.value, 6),)].append((i, q))
        if len(values) == 1:
            values = defaultdict(list)  # one figure, hedged differently ("about six", "more than six")
            for i, q in items:
                values[(round(q.value, 6), q.hedge or "")].append((i, q))
        if len(values) < 2:
            continue
        groups = list(values.values())
        incompatible = any(not compatible(x, y) for a in range(len(groups)) for b in range(a + 1, len(groups))
                           for _, x in groups[a] for _, y in groups[b])
        variants = []
        for g in sorted(groups, key=lambda g: -len(g)):
            q = min((q for _, q in g), key=lambda q: len(q.text))
            variants.append(Variant(
                text=q.text, value=format_value(q),
                citations=list(dict.fromkeys(analysis.sentences[i].article_id for i, _ in g)),
                sentence_ids=list(dict.fromkeys(analysis.sentences[i].id for i, _ in g)),
                sentences=list(dict.fromkeys(analysis.sentences[i].text for i, _ in g)),
            ))
        what = items[0][1].kind.split(":")[0]
        out.append(Divergence(
            about=f"{_KIND_LABEL.get(what, what)} — {_short(analysis.sentences[items[0][0]].text)}",
            kind="contradiction" if incompatible else "precision",
            variants=variants, attribute=what,
        ))
    return out


_KIND_LABEL = {"count": "number", "duration": "duration", "percent": "share", "money": "amount",
               "distance": "distance", "mass": "weight"}


def _swapped(a: str, b: str, name_a: str, name_b: str) -> bool:
    """Is b the sentence a with one name put in place of another (and little else changed)?

    Spelling variants of one name ("Kim Jong Un" / "Kim Jong-un") are not a swap.
    """
    ka, kb = re.sub(r"\W+", "", name_a.lower()), re.sub(r"\W+", "", name_b.lower())
    if ka in kb or kb in ka:
        return False
    rest_a = content_tokens(a) - content_tokens(name_a)
    rest_b = content_tokens(b) - content_tokens(name_b)
    if not rest_a or not rest_b:
        return False
    return len(rest_a & rest_b) / len(rest_a | rest_b) >= 0.75


_IN_PLACE = r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?"


def _place_level(name: str) -> str:
    """country | region | local: a country contains any city, a region (state, province) may."""
    from .nlp.places import level

    return level(name)


def _event_places(analysis: StoryAnalysis, members: list[int], sim: np.ndarray, config: Config) -> list[Divergence]:
    """Where it happened: two reports of one fact placing it "in X" and "in Y".

    Only the place after "in/at/near" counts (the scene, not a mention), one per sentence;
    a country against a city is no disagreement (the city may lie in it), a region against
    a city only a difference of precision.
    """
    ents = analysis.entity_index
    if ents is None:
        return []
    scene: dict[int, str] = {}
    for i in members:
        text = analysis.sentences[i].text
        places = [n for n, t in ents.by_sentence[i] if t == "place"]
        found = set()
        for name in places:
            surfaces = [name] + [a for a, c in getattr(ents, "aliases", {}).items() if c == name]
            if any(re.search(_IN_PLACE + re.escape(sf), text, re.IGNORECASE) for sf in surfaces if sf):
                found.add(name)
        if len(found) == 1:
            scene[i] = found.pop()
    values: dict[str, list[int]] = defaultdict(list)
    for i, name in scene.items():
        if _place_level(name) != "country":  # a country may hold any of the other places
            values[name].append(i)
    if len(values) < 2 or len({analysis.sentences[i].article_id for v in values.values() for i in v}) < 2:
        return []
    names = list(values)
    linked = any(sim[i, j] >= config.align.same_fact
                 for a in range(len(names)) for b in range(a + 1, len(names))
                 for i in values[names[a]] for j in values[names[b]])
    levels = {n: _place_level(n) for n in names}
    if not linked:
        return []
    kind = "contradiction" if all(v == "local" for v in levels.values()) else "precision"
    return [_slot_divergence(analysis, "place", kind, {n: [(i, n) for i in values[n]] for n in names},
                             about=f"place — {_short(analysis.sentences[members[0]].text)}")]


def _short(text: str, words: int = 9) -> str:
    w = text.split()
    return " ".join(w[:words]) + ("…" if len(w) > words else "")


def _slot_divergence(analysis: StoryAnalysis, attribute: str, kind: str,
                     values: dict[str, list[tuple[int, str]]], about: str) -> Divergence:
    variants = []
    for value, items in sorted(values.items(), key=lambda kv: -len(kv[1])):
        variants.append(Variant(
            text=items[0][1],
            value=value,
            citations=list(dict.fromkeys(analysis.sentences[i].article_id for i, _ in items)),
            sentence_ids=list(dict.fromkeys(analysis.sentences[i].id for i, _ in items)),
            sentences=list(dict.fromkeys(analysis.sentences[i].text for i, _ in items)),
        ))
    return Divergence(about=about, kind=kind, variants=variants, attribute=attribute)


def all_divergences(analysis: StoryAnalysis, models, config: Config) -> list[Divergence]:
    """Framed figures first, then what only the fact groups show; one report per disagreement."""
    out = divergences(analysis, models, config)
    seen = [(d.attribute, {sid for v in d.variants for sid in v.sentence_ids}) for d in out]
    for d in fact_divergences(analysis, config):
        ids = {sid for v in d.variants for sid in v.sentence_ids}
        if any(attr == d.attribute and len(ids & s) >= 2 for attr, s in seen):
            continue  # the same sentences already disagree on this in a reported divergence
        out.append(d)
        seen.append((d.attribute, ids))
    out.sort(key=lambda d: (d.kind != "contradiction", -sum(len(v.citations) for v in d.variants)))
    return out


_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]|‘[^’]{12,}’")


def quote_divergences(analysis: StoryAnalysis, quotes: list) -> list[Divergence]:
    """One quote, different people: outlets disagree on who said it.

    Only people, each named (surname) outside the quotation marks in the outlet's own
    sentence with the other's surname absent: a resolved "he said" may be our error, and an
    organisation against its spokesperson or a couple sharing a surname is no disagreement.
    """
    by_id = {s.id: s for s in analysis.sentences}
    ents = analysis.entity_index
    out = []
    for q in quotes:
        attributions = {a: sp for a, sp in getattr(q, "attributions", {}).items()
                        if ents is None or ents.type_of(sp) == "person"}
        surnames = {sp: sp.split()[-1] for sp in attributions.values()}
        if len(set(surnames.values())) < 2:
            continue
        named: dict[str, list[str]] = defaultdict(list)
        for article, speaker in attributions.items():
            outside = _QUOTED.sub(" ", " ".join(
                by_id[sid].text for sid in q.sentence_ids if sid in by_id and by_id[sid].article_id == article))
            own = re.search(rf"\b{re.escape(surnames[speaker])}\b", outside)
            others = any(re.search(rf"\b{re.escape(o)}\b", outside) for o in set(surnames.values()) - {surnames[speaker]})
            if own and not others:
                named[speaker].append(article)
        if len(named) < 2:
            continue
        words = q.text.split()
        short = " ".join(words[:8]) + ("…" if len(words) > 8 else "")

        def ids(arts: list[str]) -> list[str]:
            return [sid for sid in q.sentence_ids if sid in by_id and by_id[sid].article_id in arts]

        variants = [Variant(text=speaker, value=speaker, citations=arts, sentence_ids=ids(arts),
                            sentences=[by_id[sid].text for sid in ids(arts)])
                    for speaker, arts in sorted(named.items(), key=lambda kv: -len(kv[1]))]
        out.append(Divergence(about=f"who said “{short}”", kind="contradiction", variants=variants, attribute="speaker"))
    return out
