"""Within one fact group: different dates, figures, places or people in reports of one fact."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import numpy as np

from ..analysis import StoryAnalysis
from ..config import Config
from ..model import Divergence, Variant
from ..nlp.places import level
from ..nlp.quantities import Quantity, compatible, find_quantities, format_value
from ..text import content_tokens
from ..unionfind import UnionFind
from .patterns import (IN_PLACE, KIND_LABEL, LEADING_TIME_CLAUSE, PLACE_GENERIC, SITE_WORDS, SENTENCE_OPENING,
                       SPOKEN_ON_AFTER, SPOKEN_ON_BEFORE, SPOKEN_ON_OPENING)
from .variants import date_compatible, event_dates, short, slot_divergence

# two sentences this similar are rewrites of one sentence: a swapped place or name is telling there
_CLOSE_REWRITE = 0.7


def fact_divergences(analysis: StoryAnalysis, config: Config) -> list[Divergence]:
    """Within one fact group: different dates, or a place or person swapped in close rewrites."""
    sim = analysis.similarity
    out: list[Divergence] = []
    ents = analysis.entity_index
    for g, members in enumerate(analysis.groups):
        if len(analysis.group_articles(g)) < 2:
            continue
        # within one fact, when it was said is part of the fact ("tweeted Thursday")
        dates = {i: event_dates(analysis, i, spoken=True) for i in members}
        # -- dates: every dated report of the fact, grouped by value
        # one date per sentence, of one granularity, in close rewrites: a sentence with several
        # dates ("since 2018", "in January 2021") may date different things
        dated = [(i, dates[i][0]) for i in members if len(dates[i]) == 1]
        grains = Counter(_grain(d) for _, d in dated)
        grain = grains.most_common(1)[0][0] if grains else None
        dated = [(i, d) for i, d in dated if _grain(d) == grain]
        # when it was said and when it happened are two facts ("a spokesman said Tuesday" / "a
        # letter sent on Aug. 6"): dates of saying are compared among themselves, others likewise
        said = {i: said_on(analysis.sentences[i].text, d) for i, d in dated}
        for spoken in (False, True):
            out.extend(_date_divergences(analysis, members, [(i, d) for i, d in dated if said[i] == spoken], config))
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
                if analysis.sentences[i].article_id == analysis.sentences[j].article_id or sim[i, j] < _CLOSE_REWRITE:
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
                        if typ == "place" and ("country" in (level(vi), level(vj)) or _one_place([vi, vj])):
                            continue  # a country holds the other place; "Pacific Ocean" / "Pacific Basin"
                        out.append(slot_divergence(
                            analysis, attr, "contradiction", {vi: [(i, vi)], vj: [(j, vj)]},
                            about=f"{attr} — {short(analysis.sentences[i].text)}",
                        ))
    return out


def _grain(d) -> str:
    """A time of a named day ("Thursday morning", 2016-03-10TMO) dates the day."""
    return "day" if d.granularity == "time" and re.match(r"\d{4}-\d\d-\d\d", d.value) else d.granularity


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
            if analysis.sentences[i].article_id == analysis.sentences[j].article_id or sim[i, j] < config.align.same_fact \
                    or analysis.persons_apart(i, j):
                continue  # another person's figure is another fact ("Clark had 25 points" / "Green had 14")
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
            about=f"{KIND_LABEL.get(what, what)} — {short(analysis.sentences[items[0][0]].text)}",
            kind="contradiction" if incompatible else "precision",
            variants=variants, attribute=what,
        ))
    return out


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
    # one put in the other's place stands after the same word: "a wedding in Palm Coast" and
    # "McDowell, of Lake Butler, told" are the scene and a home, not one place swapped
    before_a, before_b = _word_before(a, name_a), _word_before(b, name_b)
    if before_a is not None and before_b is not None and before_a != before_b:
        return False
    return len(rest_a & rest_b) / len(rest_a | rest_b) >= 0.75


def _word_before(text: str, name: str) -> str | None:
    at = _mention(text, name)
    if at < 0:
        return None
    words = re.findall(r"[\w'’]+", text[:at])
    return words[-1].lower() if words else ""


def _mention(text: str, name: str) -> int:
    """Where the sentence names ``name``: in full, else by its last word (the entity index
    names a person in full where the sentence says "Eichmann's letter"); -1 when it does not."""
    at = text.find(name)
    if at >= 0 or " " not in name:
        return at
    m = re.search(rf"\b{re.escape(name.split()[-1])}\b", text)
    return m.start() if m else -1


def _date_divergences(analysis: StoryAnalysis, members: list[int], dated: list, config: Config) -> list[Divergence]:
    """Different dates in reports of one fact, each sentence dating it once."""
    sim = analysis.similarity
    if sim is not None:  # a date set against another report of the fact, not of another person's act
        dated = [(i, d) for i, d in dated
                 if any(sim[i, j] >= config.align.same_fact and not analysis.persons_apart(i, j)
                        for j, e in dated if e.value != d.value)
                 or all(e.value == d.value for _, e in dated)]
    if len({analysis.sentences[i].article_id for i, _ in dated}) < 2:
        return []
    values = defaultdict(list)
    for i, d in dated:
        values[d.value].append((i, d))
    if len(values) < 2:
        return []
    vals = list(values)
    incompatible = any(not date_compatible(a, b) for x, a in enumerate(vals) for b in vals[x + 1:])
    return [slot_divergence(analysis, "date", "contradiction" if incompatible else "precision",
                            {v: [(i, d.surface) for i, d in items] for v, items in values.items()},
                            about=f"date — {short(analysis.sentences[members[0]].text)}")]


def said_on(text: str, d) -> bool:
    """Does the date tell when someone spoke ("said Tuesday", "on Saturday said")?"""
    return bool(SPOKEN_ON_BEFORE.search(text[: d.start]) or SPOKEN_ON_AFTER.match(text, d.end)
                or (SENTENCE_OPENING.match(text[: d.start]) and SPOKEN_ON_OPENING.match(text, d.end)))


def _two_towns(analysis: StoryAnalysis, values: dict[str, list[int]]) -> bool:
    """Scenes that cannot both hold: local places, each named as a settlement (no arena, road,
    district or area: "SAP Arena" lies in Mannheim, "Interstate 805" runs through Clairemont), not
    one place named more or less fully ("Mt Cook" / "Aoraki Mount Cook"), and no outlet of one
    naming the other anywhere ("the Zeitoun neighborhood of Gaza City"): that outlet knows both."""
    names = list(values)
    if any(level(n) != "local" or SITE_WORDS & set(re.findall(r"[a-z]+", n.lower())) for n in names) \
            or _one_place(names):
        return False
    for n, idx in values.items():
        texts = {analysis.sentences[i].article_id: analysis.article(analysis.sentences[i].article_id).text for i in idx}
        if any(re.search(rf"\b{re.escape(o)}\b", t) for o in names if o != n for t in texts.values()):
            return False
    return True


def _one_place(names: list[str]) -> bool:
    """Do the names, save generic words ("Mount", "Park"), share a word, each with another?"""
    own = [{w for w in re.findall(r"[a-z]{3,}", n.lower()) if w not in PLACE_GENERIC} for n in names]
    return all(any(own[a] & own[b] for b in range(len(own)) if b != a) for a in range(len(own)))


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
        # an opening time clause is another event's scene ("After leaving rehab in X, she ...")
        text = LEADING_TIME_CLAUSE.sub("", analysis.sentences[i].text, count=1)
        places = [n for n, t in ents.by_sentence[i] if t == "place"]
        found = set()
        for name in places:
            surfaces = [name] + [a for a, c in getattr(ents, "aliases", {}).items() if c == name]
            if any(re.search(IN_PLACE + re.escape(sf), text, re.IGNORECASE) for sf in surfaces if sf):
                found.add(name)
        if len(found) == 1:
            scene[i] = found.pop()
    values: dict[str, list[int]] = defaultdict(list)
    for i, name in scene.items():
        if level(name) != "country":  # a country may hold any of the other places
            values[name].append(i)
    if len(values) < 2 or len({analysis.sentences[i].article_id for v in values.values() for i in v}) < 2:
        return []
    names = list(values)
    linked = any(sim[i, j] >= config.align.same_fact and not analysis.persons_apart(i, j)
                 for a in range(len(names)) for b in range(a + 1, len(names))
                 for i in values[names[a]] for j in values[names[b]])
    if not linked:
        return []
    kind = "contradiction" if _two_towns(analysis, values) else "precision"
    return [slot_divergence(analysis, "place", kind, {n: [(i, n) for i in values[n]] for n in names},
                             about=f"place — {short(analysis.sentences[members[0]].text)}")]
