"""Agreements (facts two or more independent sources report) and facts only one outlet reports."""
from __future__ import annotations

from collections import defaultdict

import numpy as np

from ..analysis import StoryAnalysis
from ..analysis.preparation import independent_sources, shared_copy
from ..config import Config
from ..model import Agreement, UniqueFact
from ..nlp.quantities import find_quantities
from ..summary.features import is_fragment, stands_alone
from ..unionfind import UnionFind
from ..text import number_tokens, one_edit_apart
from .pairs import claim_pairs
from .paraphrases import meaning_pairs, same_fact, specific_pairs
from .patterns import ANAPHORIC, CAP, QUOTED
from .speakers import heard_elsewhere_sentences

# a quotation this long found word for word in another outlet is that outlet's report too
_SHARED_QUOTE_WORDS = 4


def _centrality(analysis: StoryAnalysis) -> np.ndarray:
    v = analysis.vectors
    if len(v) == 0:
        return np.zeros(0)
    centroid = v.mean(axis=0)
    norm = np.linalg.norm(centroid) or 1.0
    return v @ (centroid / norm)


def _representative(analysis: StoryAnalysis, members: list[int], central: np.ndarray) -> int:
    """The clearest sentence of a group: closest to the other reports of the fact,
    self-contained (no opening pronoun), not too long, and spelling names as the other
    outlets do (a typo or a misspelt name is no way to state the story's fact)."""
    sim = analysis.similarity

    def score(i: int) -> float:
        s = analysis.sentences[i].text
        n = len(s.split())
        pronoun = 0.15 if ANAPHORIC.match(s) and not s.lower().startswith("the ") else 0.0
        others = [j for j in members if j != i]
        within = float(np.mean([sim[i, j] for j in others])) if sim is not None and others else 0.0
        return (within + 0.2 * float(central[i]) - pronoun - 0.004 * max(0, n - 30)
                - _MISSPELT * _misspellings(analysis, i))
    return max(members, key=score)


# what a misspelt name costs a sentence's claim to state the fact (more than any closeness gains)
_MISSPELT = 0.5


def _misspellings(analysis: StoryAnalysis, i: int) -> int:
    """Capitalised words of sentence i that its own article alone spells so, one letter from a
    spelling two other articles share."""
    spelt = analysis.spellings()
    own = analysis.sentences[i].article_id
    out = 0
    for m in CAP.finditer(analysis.sentences[i].text):
        w = m.group(0)
        if len(w) < 4 or spelt.get(w, set()) - {own}:
            continue
        out += any(len(arts - {own}) >= 2 and one_edit_apart(w, v) for v, arts in spelt.items())
    return out


def agreements(analysis: StoryAnalysis, config: Config) -> tuple[list[Agreement], list[Agreement]]:
    """Facts with 2+ independent sources; and facts several outlets carry from one source (copies).

    Each cited outlet rests on its own sentence closest to the fact's clearest statement
    (``StoryAnalysis.support``); an outlet whose sentences only share the topic is not cited,
    and the independent sources are counted over the cited sentences alone.
    """
    central = _centrality(analysis)
    shared = shared_copy(analysis.sentences, analysis.copies)
    agreed: list[Agreement] = []
    single: list[Agreement] = []
    reps = _group_statements(analysis, central)
    if analysis.meaning is not None:  # in one batch, if the Meaning step's background warm has not
        analysis.meaning.warm(citation_sentences(analysis, reps))
    for g, rep in reps.items():
        support = [i for i in analysis.support(rep) if _statement(analysis, i, config)]
        if len(support) < 2 or support[0] != rep:
            continue  # grouped, but no other outlet states this sentence's fact closely enough
        rec = _record(analysis, support, shared)
        (agreed if rec.independent_sources >= 2 else single).append(rec)
    cited = {sid for a in agreed + single for sid in a.sentence_ids}
    for support in _claim_agreements(analysis, config, central):
        if cited & {analysis.sentences[i].id for i in support}:
            continue  # already stated by an agreement of the fact groups
        rec = _record(analysis, support, shared)
        (agreed if rec.independent_sources >= 2 else single).append(rec)
    cited = {sid for a in agreed + single for sid in a.sentence_ids}
    for support in _meaning_agreements(analysis, config, central, cited):
        rec = _record(analysis, support, shared)
        (agreed if rec.independent_sources >= 2 else single).append(rec)
    cited = {sid for a in agreed + single for sid in a.sentence_ids}
    for support in _specific_agreements(analysis, config, central, cited):
        rec = _record(analysis, support, shared)
        (agreed if rec.independent_sources >= 2 else single).append(rec)
    agreed.sort(key=lambda a: (-a.independent_sources, -len(a.citations)))
    return agreed[: config.brief.max_agreements], single


def _record(analysis: StoryAnalysis, support: list[int], shared) -> Agreement:
    """The agreement of a statement (``support[0]``) and each other outlet's sentence stating it."""
    support = _covered_first(analysis, support)
    independent = independent_sources(support, analysis.sentences, analysis.copies, analysis.similarity,
                                      syndicated=shared, rewritten=analysis.rewrites or set())
    evidence = analysis.evidence(support)
    return Agreement(text=analysis.sentences[support[0]].text, citations=[e.article for e in evidence],
                     independent_sources=independent, sentence_ids=[e.sentence for e in evidence], evidence=evidence)


def _covered_first(analysis: StoryAnalysis, support: list[int]) -> list[int]:
    """A two-outlet agreement states its fact by the sentence the other outlet's holds more
    fully (claim words and figures): a reader sees one sentence with both outlets cited, and
    when one adds a date, a figure or a charge, the plainer wording is the one both state
    (bench/cited_pairs.py, "the whole statement"). The pair cited stays the one the citation
    check passed, only turned round; with three or more outlets a new statement would make
    pairs no check saw (measured: 2 more cited pairs of another fact over the held-out
    draw). A tie, a sentence misspelling a name the others agree on, or one that points back
    ("They approved it") keeps the clearest statement first."""
    if len(support) != 2:
        return support
    words, _ = analysis.claim_words()
    held = [words[i] | {"#" + n for n in number_tokens(analysis.sentences[i].text)} for i in support]

    def covered(k: int) -> float:
        return len(held[k] & held[1 - k]) / len(held[k]) if held[k] else 0.0

    rep, other = support
    if covered(1) <= covered(0) or _misspellings(analysis, other) > _misspellings(analysis, rep):
        return support
    if not stands_alone(analysis.sentences[other].text) and stands_alone(analysis.sentences[rep].text):
        return support  # "They approved it ...": fewer words because it points back, not plainer
    return [other, rep]


def _group_statements(analysis: StoryAnalysis, central: np.ndarray) -> dict[int, int]:
    """Each fact group of two or more outlets -> its clearest sentence (the agreement's statement)."""
    return {g: _representative(analysis, members, central) for g, members in enumerate(analysis.groups)
            if len(analysis.group_articles(g)) >= 2}


def citation_sentences(analysis: StoryAnalysis, reps: dict[int, int] | None = None) -> list[int]:
    """The sentences whose meaning the fact groups' citations will ask about: each statement with
    the candidates that need the encoder (``StoryAnalysis.cite_candidates``)."""
    if reps is None:
        reps = _group_statements(analysis, _centrality(analysis))
    return _asked({rep: analysis.cite_candidates(rep) for rep in reps.values()})


def _asked(need: dict[int, list[int]]) -> list[int]:
    """Statement -> candidates needing the encoder, as one list (a statement only with candidates)."""
    return [k for rep, js in need.items() if js for k in (rep, *js)]


def _claim_agreements(analysis: StoryAnalysis, config: Config, central: np.ndarray) -> list[list[int]]:
    """Facts the fact groups miss because outlets word them apart: sentences of different
    outlets that are each other's best match by rarity-weighted shared words (align/pairs.py),
    joined across outlets; the clearest one first, each outlet once."""
    links: UnionFind[int] = UnionFind()
    for i, j in claim_pairs(analysis, config.align.same_claim):
        links.union(i, j)
    groups = [(members, _representative(analysis, members, central)) for members in links.groups()]
    groups = [(members, rep) for members, rep in groups if _statement(analysis, rep, config)]
    if analysis.meaning is not None:  # every candidate's meaning in one batch
        analysis.meaning.warm(_asked({rep: [i for i in members if analysis.needs_meaning(rep, i)]
                                      for members, rep in groups}))
    supports = (_one_per_outlet(analysis, rep, members, lambda k: float(analysis.similarity[rep, k]),
                                lambda k: analysis.states(rep, k, *analysis.cite_bars) and _statement(analysis, k, config))
                for members, rep in groups)
    return [s for s in supports if len(s) >= 2]


def _one_per_outlet(analysis: StoryAnalysis, rep: int, members: list[int], closeness, states) -> list[int]:
    """The statement and, for each other outlet, its member closest to it that ``states`` its fact."""
    support, outlets = [rep], {analysis.sentences[rep].article_id}
    for i in sorted(members, key=lambda k: -closeness(k)):
        if analysis.sentences[i].article_id not in outlets and states(i):
            support.append(i)
            outlets.add(analysis.sentences[i].article_id)
    return support


def _meaning_agreements(analysis: StoryAnalysis, config: Config, central: np.ndarray,
                        cited: set[str]) -> list[list[int]]:
    """Facts outlets word too far apart for the groups and the claim pairs, found by meaning
    (align/paraphrases.py) among the sentences no agreement cites yet: each pair's sentences
    joined across outlets, the clearest first, then each other outlet's sentence closest in
    meaning to it, if above the bar and about the same event."""
    free = [i for i, s in enumerate(analysis.sentences) if s.id not in cited and _statement(analysis, i, config)]
    links: UnionFind[int] = UnionFind()
    for i, j, _ in meaning_pairs(analysis, config, free):
        links.union(i, j)
    reps = ((members, _representative(analysis, members, central)) for members in links.groups())
    supports = (_one_per_outlet(analysis, rep, members, lambda k: analysis.meaning.cosine(rep, k),
                                lambda k: same_fact(analysis, config, rep, k))
                for members, rep in reps)
    return [s for s in supports if len(s) >= 2]


def _specific_agreements(analysis: StoryAnalysis, config: Config, central: np.ndarray,
                         cited: set[str]) -> list[list[int]]:
    """Facts outlets word apart but pin with one specific — a figure of one kind, four quoted
    words (align/paraphrases.specific_pairs) — among the sentences no agreement cites yet."""
    free = [i for i, s in enumerate(analysis.sentences) if s.id not in cited and _statement(analysis, i, config)]
    pairs = specific_pairs(analysis, config, free, _specifics)
    links: UnionFind[int] = UnionFind()
    ok = set()
    for i, j, _ in pairs:
        links.union(i, j)
        ok |= {(i, j), (j, i)}
    reps = ((members, _representative(analysis, members, central)) for members in links.groups())
    supports = (_one_per_outlet(analysis, rep, members, lambda k: analysis.meaning.cosine(rep, k),
                                lambda k: (rep, k) in ok) for members, rep in reps)
    return [s for s in supports if len(s) >= 2]


def _statement(analysis: StoryAnalysis, i: int, config: Config) -> bool:
    """A sentence that can carry a fact on its own: not a question or a heading, not a piece of
    a quotation the splitter cut, not a stub (the summary's own test)."""
    return not is_fragment(analysis.sentences[i].text, config.summary)


def unique_facts(analysis: StoryAnalysis, config: Config, exclude: set[str] | frozenset[str] = frozenset()
                 ) -> list[UniqueFact]:
    """Informative sentences whose fact no other outlet reports in any wording, the most telling
    first. A sentence alone in its fact group may still have a paraphrase in another outlet
    that the groups' threshold missed: one too close to any other outlet's sentence
    (rarity-weighted shared words above ``align.unique_below``, where the words a story's sentences
    all share weigh little, or meaning above ``align.unique_meaning``) is not called unique, nor is what a
    person said when another outlet reports that person speaking (``align.unique_unheard_speakers``) —
    a gap is better than a false "only here"."""
    if len({s.article_id for s in analysis.sentences}) < 2:
        return []  # one article with text: every fact of it is "only here", which tells nothing
    central = _centrality(analysis)
    claim, _ = analysis.claim_words()
    claims = analysis.claim_matrix()
    elsewhere = _specifics_by_article(analysis)
    arts = np.array([s.article_id for s in analysis.sentences])
    meaning = analysis.vectors @ analysis.vectors.T if len(arts) else np.zeros((0, 0))
    meaning[arts[:, None] == arts[None, :]] = -1.0  # only other outlets' sentences count
    heard_elsewhere = heard_elsewhere_sentences(analysis) if config.align.unique_unheard_speakers else set()
    per_article: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for g, members in enumerate(analysis.groups):
        if len(analysis.group_articles(g)) != 1:
            continue
        for i in members:
            if analysis.sentences[i].id in exclude:
                continue  # a disputed sentence reports a shared fact, differently
            s = analysis.sentences[i].text
            words = len(s.split())
            if words < 8 or meaning[i].max(initial=-1.0) >= config.align.unique_meaning:
                continue
            if not stands_alone(s) or not _statement(analysis, i, config):
                continue  # shown alone, it must stand alone (no "he"/"they"/"I" or quote of nobody) and state something (no question)
            if (claims[i][arts != arts[i]] >= config.align.unique_below).any():
                continue
            if _specific_elsewhere(analysis, i, elsewhere, claim):
                continue
            if i in heard_elsewhere:
                continue
            names, figures = len(CAP.findall(s[1:])), len(find_quantities(s)) + sum(ch.isdigit() for ch in s[:1])
            if not figures and names < config.align.unique_min_specifics:
                continue  # nothing one could check, a figure or a name (an aside, an opinion, page furniture)
            specifics = names + figures
            score = 0.5 * float(central[i]) + 0.1 * min(specifics, 5) - 0.01 * max(0, words - 40)
            per_article[analysis.sentences[i].article_id].append((score, i))
    out: list[UniqueFact] = []
    for art in (a.id for a in analysis.articles):
        best = sorted(per_article.get(art, []), reverse=True)[: config.brief.max_unique_per_outlet]
        for _, i in sorted(best, key=lambda x: x[1]):
            s = analysis.sentences[i]
            out.append(UniqueFact(text=s.text, citations=[s.article_id], sentence_ids=[s.id],
                                  evidence=analysis.evidence([i])))
    return out


def _quotations(text: str) -> set[str]:
    """Every run of ``_SHARED_QUOTE_WORDS`` words inside a quotation: outlets quote the same
    words of a speaker at different lengths."""
    out = set()
    n = _SHARED_QUOTE_WORDS
    for m in QUOTED.finditer(text):
        words = [w.strip(".,;:!?") for w in m.group(0)[1:-1].lower().split()]
        out.update(" ".join(words[k:k + n]) for k in range(len(words) - n + 1))
    return out


def _specifics(analysis: StoryAnalysis, i: int) -> list[tuple]:
    """A sentence's specifics: its figures, its dates to the day, its quoted words."""
    text = analysis.sentences[i].text
    return ([("figure", q.kind, q.value) for q in find_quantities(text)]
            + [("day", day) for day in analysis.days(i)]
            + [("quote", q) for q in _quotations(text)])


def _specifics_by_article(analysis: StoryAnalysis) -> dict[tuple, dict[str, set[int]]]:
    """Each figure (kind and value) and each quotation -> the articles stating it -> the sentences."""
    out: dict[tuple, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for i, s in enumerate(analysis.sentences):
        for key in _specifics(analysis, i):
            out[key][s.article_id].add(i)
    return out


def _specific_elsewhere(analysis: StoryAnalysis, i: int, elsewhere, claim) -> bool:
    """The fact's own specific — the same figure of the same thing ("$10,000", "33 Democrats",
    "two years"), the same day, or the same quoted words — stated by another outlet in a sentence
    sharing a word of the claim: that outlet reports the fact too, in other words."""
    s = analysis.sentences[i]
    for key in _specifics(analysis, i):
        for art, sentences in elsewhere.get(key, {}).items():
            if art == s.article_id:
                continue
            if key[0] == "quote" or any(claim[i] & claim[j] for j in sentences):
                return True
    return False
