"""The analysis record every brief step reads from and adds to, every field declared.

A step names the fields it reads and the fields it adds (``analysis.step.Step``); the runner
checks at construction that whatever a step reads comes from an earlier step, and after each
step that what it promised is there. Fields are ``None`` until the step that adds them ran.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

import numpy as np

from ..nlp.dates import find_dates
from ..text import CAPITALISED, CLAIM_MIN_SHARED, claim_text, claim_words, content_tokens, one_edit_apart
from ..model import (Agreement, Article, Divergence, Evidence, Quote, Sentence, SummarySentence, Syndication,
                     TimelineEvent, UniqueFact)

if TYPE_CHECKING:  # the entity index comes from nlp.entities, which needs nothing from here
    from ..nlp.entities import EntityIndex
    from ..nlp.meaning import MeaningCache


@dataclass(eq=False)
class StoryAnalysis:
    articles: list[Article]  # the articles analysed (the analysis language only)
    skipped: list[Article] = field(default_factory=list)  # kept in the brief, not analysed (language)
    # -- sentences (Split) and their vectors (Embed)
    sentences: list[Sentence] | None = None
    tokens: list[set[str]] | None = None  # content words per sentence (text.content_tokens)
    vectors: np.ndarray | None = None  # (n, 256) unit vectors, row i = sentences[i]
    # -- copies between outlets (Copies)
    copies: dict[tuple[int, int], float] | None = None  # copied sentence pairs -> overlap
    syndicated: dict[tuple[str, str], list[tuple[int, int]]] | None = None  # article pair -> copied pairs
    # -- sentence similarity and fact groups (Similarity, FactGroups)
    similarity: np.ndarray | None = None  # (n, n): cosine and word overlap, averaged
    groups: list[list[int]] | None = None  # sentence indices stating the same fact
    group_of: list[int] | None = None  # sentence index -> group index
    rewrites: set[tuple[str, str]] | None = None  # article pairs, one retelling the other (both orders)
    independent: list[int] | None = None  # per group: independent sources (copies count once)
    same_fact: float = 0.52  # the alignment threshold the groups were built with
    meaning: "MeaningCache | None" = None  # sentence meaning for the citation check (Meaning)
    # (similarity, claim score) above either of which an outlet's sentence is cited for a fact
    cite_bars: tuple[float, float] = (0.60, 0.45)
    # the summarizer's light path: no copies, similarity matrix or real fact groups
    light: bool = False
    # -- who, when (Annotate, Anchors, Entities, Quotes, Timeline)
    docs: list[Any] | None = None  # spaCy Doc per sentence (tokens + entities)
    anchors: dict[str, tuple[dt.date, bool]] | None = None  # article -> (date, inferred)
    entity_index: "EntityIndex | None" = None
    quotes: list[Quote] | None = None
    timeline: list[TimelineEvent] | None = None
    # -- across outlets (Agreements, Divergences, Unique)
    agreements: list[Agreement] | None = None
    single_source: list[Agreement] | None = None  # carried by several outlets from one source
    divergences: list[Divergence] | None = None
    refinements: list[Divergence] | None = None  # differences of precision not shown (align.refinement)
    unique: list[UniqueFact] | None = None
    # -- the brief's own parts (Summary, Syndication)
    summary: list[SummarySentence] | None = None
    syndication: list[Syndication] | None = None
    timings: dict[str, float] = field(default_factory=dict)  # step name -> seconds

    # -- derived look-ups (built on first use: sentences never change once split) ----------
    _by_id: dict[str, Article] | None = field(default=None, init=False, repr=False)
    _sent_index: dict[str, int] | None = field(default=None, init=False, repr=False)
    _sent_range: dict[str, list[int]] | None = field(default=None, init=False, repr=False)
    _days: dict[int, frozenset[str]] = field(default_factory=dict, init=False, repr=False)
    _claims: tuple[list[set[str]], dict[str, float]] | None = field(default=None, init=False, repr=False)
    _spellings: dict[str, set[str]] | None = field(default=None, init=False, repr=False)
    _claim_matrix: np.ndarray | None = field(default=None, init=False, repr=False)
    _phases: dict[int, frozenset[str]] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def field_names(cls) -> frozenset[str]:
        return frozenset(f.name for f in fields(cls) if not f.name.startswith("_"))

    def article(self, article_id: str) -> Article:
        if self._by_id is None:
            self._by_id = {a.id: a for a in self.articles}
        return self._by_id[article_id]

    def sentence_index(self, sentence_id: str) -> int | None:
        """The position of a sentence given its id (the ids citations and evidence carry)."""
        if self._sent_index is None:
            self._sent_index = {s.id: i for i, s in enumerate(self.sentences)}
        return self._sent_index.get(sentence_id)

    def distinct_texts(self) -> list[str]:
        """The sentences' texts, each once, in order of first use."""
        return list(dict.fromkeys(s.text for s in self.sentences or []))

    def sentence_indices(self, article_id: str) -> list[int]:
        if self._sent_range is None:
            rng: dict[str, list[int]] = {}
            for i, s in enumerate(self.sentences or []):
                rng.setdefault(s.article_id, []).append(i)
            self._sent_range = rng
        return self._sent_range.get(article_id, [])

    def group_articles(self, g: int) -> list[str]:
        seen: dict[str, None] = {}
        for i in self.groups[g]:
            seen.setdefault(self.sentences[i].article_id, None)
        return list(seen)

    def evidence(self, indices) -> list[Evidence]:
        """One sentence per outlet, the first given for each: what each citation rests on."""
        out: dict[str, Evidence] = {}
        for i in indices:
            s = self.sentences[i]
            if s.article_id not in out:
                out[s.article_id] = Evidence(article=s.article_id, sentence=s.id, text=s.text)
        return list(out.values())

    def claim_words(self) -> tuple[list[set[str]], dict[str, float]]:
        """Each sentence's claim words (text.claim_text) and their rarity in the story (text.claim_words)."""
        if self._claims is None:
            # the claim without its attribution: who said it is not what happened
            self._claims = claim_words([t & content_tokens(claim_text(s.text)) for t, s in zip(self.tokens, self.sentences)])
        return self._claims

    def claim_matrix(self) -> np.ndarray:
        """text.claim_score for every pair of sentences, as one sparse product (the finders
        compare every sentence with every other outlet's: a Python loop cost tens of ms)."""
        if self._claim_matrix is None:
            from scipy.sparse import csr_matrix

            words, idf = self.claim_words()
            vocab = {w: k for k, w in enumerate(idf)}
            rows = [i for i, ws in enumerate(words) for _ in ws]
            cols = [vocab[w] for ws in words for w in ws]
            n = len(words)
            b = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, max(1, len(vocab))))
            weight = np.array([idf[w] for w in vocab] or [0.0])
            shared = np.asarray((b.multiply(weight[None, :]) @ b.T).todense())
            count = np.asarray((b @ b.T).todense())
            total = b @ weight
            norm = np.sqrt(np.outer(total, total))
            with np.errstate(divide="ignore", invalid="ignore"):
                score = np.where((count >= CLAIM_MIN_SHARED) & (norm > 0), shared / np.where(norm > 0, norm, 1.0), 0.0)
            self._claim_matrix = score
        return self._claim_matrix

    def spellings(self) -> dict[str, set[str]]:
        """Each capitalised word of the story -> the articles that write it so."""
        if self._spellings is None:
            self._spellings = {}
            for s in self.sentences:
                for w in CAPITALISED.findall(s.text):
                    self._spellings.setdefault(w, set()).add(s.article_id)
        return self._spellings

    def claim(self, i: int, j: int) -> float:
        return float(self.claim_matrix()[i, j])

    def states(self, i: int, j: int, similar: float, claim: float) -> bool:
        """Does sentence j state sentence i's fact? Close in meaning and words overall, or sharing
        the claim's rarer words — and not about another event (``clash``) nor the opposite phase
        of the event (``phases_apart``: it began / it ended) — and close in meaning by a
        contextual encoder (``meaning``, MiniLM). The bars were set on hand-labelled cited pairs
        of the tune half of the dev stories (bench/labels)."""
        sim = 1.0 if self.similarity is None else float(self.similarity[i, j])
        return ((sim >= similar or self.claim(i, j) >= claim) and not self.clash(i, j)
                and not self.phases_apart(i, j)
                and (self.meaning is None or sim >= self.meaning.sure or self.meaning.close(i, j)))

    def days(self, i: int) -> frozenset[str]:
        """The calendar days sentence i names, resolved against its article's date."""
        if i not in self._days:
            anchor = (self.anchors or {}).get(self.sentences[i].article_id)
            found = find_dates(self.sentences[i].text, anchor[0] if anchor else None)
            self._days[i] = frozenset(d.calendar for d in found if d.calendar and len(d.calendar) == 10)
        return self._days[i]

    def clash(self, i: int, j: int) -> bool:
        """Do two sentences report different events — one person put in another's place (Blinken
        meeting Xi / Blinken meeting Qin), or different days named (Sunday's talks / Monday's)?"""
        if self.persons_apart(i, j):
            return True
        if self.anchors is not None:
            di, dj = self.days(i), self.days(j)
            if di and dj and not di & dj:
                return True
        return False

    def persons_apart(self, i: int, j: int) -> bool:
        """Does each sentence name a person the other does not (Blinken meeting Xi / meeting Qin)?"""
        if self.entity_index is None:
            return False
        pi = {n for n, t in self.entity_index.by_sentence[i] if t == "person"}
        pj = {n for n, t in self.entity_index.by_sentence[j] if t == "person"}
        return bool(_others(pi, pj) and _others(pj, pi))

    def phases_apart(self, i: int, j: int) -> bool:
        """Does one sentence report the start of an event (or going in, an arrest) and the other
        its end (coming out, a release)? Two facts, however close (``align.phases``)."""
        from ..align.phases import opposite_phases, phases  # align imports this module

        for k in (i, j):
            if k not in self._phases:
                self._phases[k] = phases(self.sentences[k].text)
        return opposite_phases(self._phases[i], self._phases[j])

    def needs_meaning(self, i: int, j: int) -> bool:
        """Does the citation decision for (i, j) ask the encoder? Another outlet's sentence that
        passes the cheap bars of ``states`` and is no near-copy (``meaning.sure``)."""
        if self.meaning is None or self.similarity is None or self.sentences[i].article_id == self.sentences[j].article_id:
            return False
        sim = float(self.similarity[i, j])
        similar, claim = self.cite_bars
        return sim < self.meaning.sure and (sim >= similar or self.claim(i, j) >= claim)

    def cite_candidates(self, i: int) -> list[int]:
        """The sentences of i's fact group whose meaning ``support(i)`` needs."""
        thr = self.same_fact
        return [j for j in self.groups[self.group_of[i]] if self.similarity[i, j] >= thr and self.needs_meaning(i, j)]

    def support(self, i: int) -> list[int]:
        """Sentence i and, for every other outlet that states its fact, that outlet's closest
        sentence of i's fact group, if close enough to i itself (average linkage may group a
        sentence with one that shares the fact but not its details: such an outlet is not cited)
        and not reporting another event (``clash``)."""
        own = self.sentences[i].article_id
        sim = self.similarity
        thr = self.same_fact
        best: dict[str, tuple[float, int]] = {}
        if self.meaning is not None:  # the candidates' meaning in one batch
            need = self.cite_candidates(i)
            self.meaning.warm([i, *need] if need else [])
        for j in self.groups[self.group_of[i]]:
            a = self.sentences[j].article_id
            if a == own:
                continue
            score = 1.0 if sim is None else float(sim[i, j])
            if score >= thr and score > best.get(a, (-1.0, -1))[0] and self.states(i, j, *self.cite_bars):
                best[a] = (score, j)
        order = {a: k for k, a in enumerate(dict.fromkeys(self.sentences[j].article_id for j in self.groups[self.group_of[i]]))}
        return [i, *(j for _, (_, j) in sorted(best.items(), key=lambda kv: order[kv[0]]))]


def _others(names: set[str], than: set[str]) -> set[str]:
    """The people of ``names`` not in ``than``: a lone surname is the person ``than`` names in
    full ("Houston" / "Angus Houston", kept apart when the surname is also a town's name)."""
    return {n for n in names if not any(_one_person(n, m) for m in than)}


def _one_person(a: str, b: str) -> bool:
    """The same name, or a lone surname and a full name ending on it, or one name spelt one
    letter apart by another outlet ("Duncan Rait" / "Duncan Raite")."""
    short, full = sorted((a, b), key=lambda x: " " in x)
    if a == b or " " not in short and full.split()[-1] == short:
        return True
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) >= 2 and wa[:-1] == wb[:-1] and len(wa[-1]) >= 4 and one_edit_apart(wa[-1], wb[-1])
