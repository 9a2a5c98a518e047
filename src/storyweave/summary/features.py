"""What the selection reads about each sentence: its concepts (stemmed word pairs) and
their weights (independent sources), centrality and position, and whether it can stand alone."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..nlp.quotes.vocab import SPEECH
from ..text import CONCEPT_STOP_WORDS, MONTHS, QUOTED, WEEKDAYS, WORD, quoted_share, stem
from ..config import SummaryConfig

if TYPE_CHECKING:  # the analysis imports heavy modules; only its type is needed here
    from ..analysis import StoryAnalysis


# Openers that refer back to something earlier in the article: pronouns, demonstratives and
# connectives. Such a sentence is self-contained only if its predecessor is in the summary.
_DEPENDENT_OPENER = re.compile(
    r"^[\"“‘']?(he|she|it|they|them|his|her|hers|its|their|theirs|him|this|that|these|those|i|we|my|our|"
    r"such|but|and|so|also|however|still|yet|then|meanwhile|instead|moreover|furthermore|"
    r"besides|otherwise|there,|here)\b|"
    # a time counted from an event told before ("A few hours later", "The next day", "Soon after")
    r"^(a few|several|some|\w+) (seconds?|minutes?|hours?|days?|weeks?|months?|years?) (later|after)\b|"
    r"^later,|^(moments later|shortly after(wards)?|soon after(wards)?|afterwards?|the (next|following) "
    r"(day|morning|evening|night|week))\b|"
    # a place or a source already introduced ("At the shop, ...", "The source added that ...")
    r"^(at|inside|outside) the [a-z]+,|^the [a-z]+ (added|continued|went on)\b",
    re.IGNORECASE,
)
# A sentence that speaks to the reader — "you" in the writer's own words, or an imperative opening
# ("Click here", "Notice how", "Test your knowledge") — is page furniture, a promotion or a
# reviewer's aside, not a report of the story (on unseen Multi-News unique facts: 11 of 11 such
# sentences were no news fact)
_ADDRESSES_READER = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
_IMPERATIVE_OPENER = re.compile(   # only verbs no news sentence opens with ("Share prices", "Test results" do)
    r"^(?:click|tap|notice how|please|sign up|subscribe|find out|check out|scroll|log in|read more)\b", re.IGNORECASE)
# the words of reported speech (not every speech verb: "your Tweets", "posts" are nouns there)
_REPORTED = re.compile(r"\b(?:said|says|told|tells|asked|asks|added|adds|wrote|writes|according to)\b", re.IGNORECASE)
# quotation marks as scraped and as old corpora write them (``...'')
_QUOTE_MARKS = ('"', "“", "”", "‘", "``", "''", "«", "»")
_FINAL = frozenset(".!?…")
_QUOTED = 0.7  # share of a sentence inside quote marks that makes it a quotation
_OPENING_QUOTES = "\"“‘'«"
_CAPITALISED = re.compile(r"\b[A-Z][a-z]")  # a name, a title, a body ("Mr.", "Senate"): someone named
_CLOSERS = "\"'”’)]"
_TOKEN = WORD
# Characters outside _TOKEN, to spaces: ASCII, and the punctuation news text is full of
_NOT_TOKEN = {c: " " for c in [*range(128), *map(ord, "‘’“”–—…•·«»")] if not ("a" <= chr(c) <= "z" or "0" <= chr(c) <= "9")}
STOP = CONCEPT_STOP_WORDS


def concepts(text: str) -> set[tuple[str, str]]:
    """Adjacent word pairs, not both function words, lower-cased and stemmed.

    Pairs rather than single words: "Qin Gang", "five hours", "talks ended" name a fact;
    single words also match sentences about something else (measured: pairs alone score
    higher than pairs plus words).
    """
    words = [stem(w) for w in _TOKEN.findall(text.lower())]
    return {(a, b) for a, b in zip(words, words[1:]) if not (a in STOP and b in STOP)}


def _independent_source(analysis: "StoryAnalysis", matrix, share: float = 0.6) -> dict[str, str]:
    """Article id -> id of its independent source: articles that copy each other (wire copy)
    for at least ``share`` of the smaller one's sentences are one source, so a term that
    only a wire story and its reprint use does not count as corroborated.

    Copied sentences come from the analysis (word 3-gram shingles) or, on the light path,
    from the concept matrix: two sentences of different articles sharing at least ``share``
    of the smaller one's word pairs (at least 5 of them).
    """
    counts: dict[str, int] = {}
    for s in analysis.sentences:
        counts[s.article_id] = counts.get(s.article_id, 0) + 1
    parent = {a: a for a in counts}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    syndicated = analysis.syndicated if not analysis.light else _copied_pairs(analysis, matrix, share)
    for (a, b), pairs in syndicated.items():
        if a in parent and b in parent and len(pairs) >= share * min(counts[a], counts[b]):
            parent[find(a)] = find(b)
    return {a: find(a) for a in parent}


def _copied_pairs(analysis: "StoryAnalysis", matrix, share: float) -> dict[tuple[str, str], list[tuple[int, int]]]:
    size = np.diff(matrix.indptr)
    shared = (matrix @ matrix.T).tocoo()
    i, j, count = shared.row, shared.col, shared.data
    articles = {a: k for k, a in enumerate(dict.fromkeys(s.article_id for s in analysis.sentences))}
    art = np.array([articles[s.article_id] for s in analysis.sentences])
    smaller = np.minimum(size[i], size[j])
    copied = (i < j) & (art[i] != art[j]) & (smaller >= 5) & (count >= share * np.maximum(smaller, 1))
    out: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for x, y in zip(i[copied].tolist(), j[copied].tolist()):
        a, b = analysis.sentences[x].article_id, analysis.sentences[y].article_id
        out.setdefault((min(a, b), max(a, b)), []).append((x, y))
    return out


def concept_matrix(texts: list[str]):
    """Sparse sentence x concept matrix (0/1): ``concepts`` of every sentence, built with
    array operations on word ids (a set of string pairs per sentence costs more than the
    rest of the selection)."""
    from scipy.sparse import csr_matrix

    tokens: list[str] = []
    bounds = [0]
    for text in texts:
        low = text.lower()
        spaced = low.translate(_NOT_TOKEN)
        # what _TOKEN finds, where no other character is left: the runs between spaces
        tokens.extend(spaced.split() if spaced.isascii() else _TOKEN.findall(low))
        bounds.append(len(tokens))
    n = len(texts)
    if len(tokens) < 2:
        return csr_matrix((n, 0))
    word, stop, size = _stem_ids(tokens)
    sentence = np.repeat(np.arange(n), np.diff(bounds))
    first, second = word[:-1], word[1:]
    keep = (sentence[:-1] == sentence[1:]) & ~(stop[first] & stop[second])
    pair = first[keep] * size + second[keep]
    vocab, column = np.unique(pair, return_inverse=True)
    # each concept once per sentence; sorted cells are in row order, as CSR wants them
    cell = np.unique(sentence[:-1][keep] * len(vocab) + column)
    rows, cols = np.divmod(cell, max(1, len(vocab)))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
    return csr_matrix((np.ones(len(cell)), cols, indptr), shape=(n, len(vocab)))


class _StemIds:
    """token -> id of its stem, kept across stories: a corpus repeats its words, and mapping
    each story's tokens afresh cost a third of the concept matrix. Bounded: a server meets
    new words forever, so past ``limit`` tokens it starts over."""

    limit = 500_000

    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self.token: dict[str, int] = {}
        self.stem: dict[str, int] = {}
        self.stop = np.zeros(1024, dtype=bool)

    def __call__(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray, int]:
        """(stem id per token, stop flag per stem id, number of stem ids)."""
        with self.lock:
            new = set(tokens).difference(self.token)
            if len(self.token) + len(new) > self.limit:
                self.clear()
                new = set(tokens)
            for t in new:
                st = stem(t)
                k = self.stem.setdefault(st, len(self.stem))
                if k >= len(self.stop):
                    self.stop = np.concatenate([self.stop, np.zeros(len(self.stop), dtype=bool)])
                self.stop[k] = st in STOP
                self.token[t] = k
            word = np.fromiter(map(self.token.__getitem__, tokens), dtype=np.int64, count=len(tokens))
            return word, self.stop, len(self.stem)


_stem_ids = _StemIds()


def _concept_weights(matrix, sources: list[str]) -> np.ndarray:
    """Each concept's weight: the number of independent sources using it; with several
    sources, a concept of one source only is that outlet's angle and weighs nothing."""
    codes = {a: k for k, a in enumerate(dict.fromkeys(sources))}
    rows = np.repeat(np.array([codes[a] for a in sources], dtype=np.int64), np.diff(matrix.indptr))
    used = np.zeros((len(codes), matrix.shape[1]), dtype=bool)  # source x concept: a story has few sources
    used[rows, matrix.indices] = True
    df = used.sum(axis=0).astype(np.float64)
    min_df = 2 if len(codes) > 1 else 1
    return np.where(df >= min_df, df, 0.0)


# a pronoun subject after an opening phrase ("On Thursday night, he was set to ...")
_PRONOUN_AFTER_OPENING = re.compile(r"^([^,;:“”\"]{1,60}),\s+(?:he|she|they|his|her|their)\s")
_CALENDAR_WORDS = frozenset(w.capitalize() for w in (*MONTHS, *WEEKDAYS))


def is_dependent(text: str) -> bool:
    """Does the sentence open by pointing back at something it does not say itself? A pronoun
    after an opening phrase does, unless the phrase names someone it may stand for ("When Mr.
    Crowley sought a post, he said ..."; a month or a day names no one)."""
    if _DEPENDENT_OPENER.match(text):
        return True
    m = _PRONOUN_AFTER_OPENING.match(text)
    return bool(m) and not any(w[:1].isupper() and w.strip(".") not in _CALENDAR_WORDS
                               for w in m.group(1).split()[1:])


_PRONOUN_SUBJECTS = frozenset({"he", "she"})  # a speaker the quotation's own sentence does not name


def is_unattributed_quote(text: str) -> bool:
    """A quotation with no word of who says it, or only "he" or "she" ("“...,” she said on the
    radio"): in a summary it reads as nobody's claim (the speaker was in a sentence the summary
    leaves out)."""
    share = quoted_share(text)
    # a sentence opening on a quotation is the quoted person's, however much else it says
    opens = share > 0 and text.lstrip()[:1] in _OPENING_QUOTES
    if share < _QUOTED and not opens:
        return False
    outside_as_written = QUOTED.sub(" ", text)
    outside = outside_as_written.lower()
    if "according to" in outside:
        return False
    words = _TOKEN.findall(outside)
    said = [k for k, w in enumerate(words) if w in SPEECH]
    # the speech verb's subject is a pronoun, right before it ("she said") or after ("said he"),
    # or a description that names no one ("“...,” the group wrote": no capital outside the quote)
    described = not _CAPITALISED.search(outside_as_written) and any("the" in words[max(0, k - 3):k] for k in said)
    by_pronoun = described or all(_PRONOUN_SUBJECTS & {*words[max(0, k - 2):k], *words[k + 1:k + 2]} for k in said)
    if share < _QUOTED:  # mostly the writer's words: only a verb whose subject is "he"/"she" tells
        return bool(said) and by_pronoun
    return not said or by_pronoun


def stands_alone(text: str) -> bool:
    """Can a reader take the sentence on its own: it points back at nothing and is no quotation
    of nobody (a summary's lead, a unique fact)."""
    return not is_dependent(text) and not is_unattributed_quote(text)


def is_fragment(text: str, params: SummaryConfig, words: int | None = None) -> bool:
    """Not a usable summary sentence on its own: too short/long, unfinished, a broken quote, or
    addressed to the reader.
    ``words``: its word count, when the caller has it."""
    n = len(text.split()) if words is None else words
    if n < params.min_words or (params.max_words is not None and n > params.max_words):
        return True
    if text.endswith("?") or text[:1].islower():
        return True
    if text.rstrip(_CLOSERS)[-1:] not in _FINAL:  # no final punctuation before closing marks
        return True
    # An odd number of straight/curly double quotes: the splitter cut inside a quotation.
    if (text.count('"') + text.count("“") + text.count("”")) % 2 == 1:
        return True
    return addresses_reader(text)


def addresses_reader(text: str) -> bool:
    """Does the sentence speak to the reader ("you" in the writer's own words, an imperative
    opening)? Then it reports nothing of the story. A sentence with a quotation mark or a word of
    reported speech is somebody's words: their "you" is the person they spoke to."""
    if any(m in text for m in _QUOTE_MARKS):
        return False
    if _REPORTED.search(text):
        return False
    return bool(_ADDRESSES_READER.search(text) or _IMPERATIVE_OPENER.match(text.lstrip(" (")))


@dataclass(slots=True)
class Features:
    """What both selections read, computed once per story."""

    length: np.ndarray  # words per sentence
    base: np.ndarray  # centrality + position (+ corroboration) per sentence
    matrix: object  # sparse sentence x concept (0/1)
    weight: np.ndarray  # concept weights (independent sources; 0 for one outlet's terms)
    previous: np.ndarray  # the sentence before it in the same article, or -1
    dependent: np.ndarray  # opens by pointing back (pronoun, connective)
    candidate: np.ndarray  # not a fragment
    group_of: np.ndarray


def _misnamed(analysis: "StoryAnalysis", texts: list[str]) -> np.ndarray:
    """1 for a sentence that names a person wrongly ("Xi Blinken": two people's names run
    together, which the entity step split): another outlet's sentence should state its fact."""
    names = analysis.entity_index.misnamed if analysis.entity_index is not None else frozenset()
    return np.array([any(n in t for n in names) for t in texts], dtype=np.float64)


def sentence_features(analysis: "StoryAnalysis", params: SummaryConfig) -> Features:
    sents = analysis.sentences
    n = len(sents)
    texts = [s.text for s in sents]
    counts = [len(t.split()) for t in texts]
    length = np.maximum(1, np.array(counts))
    vectors = analysis.vectors
    centre = vectors.mean(axis=0)
    centre /= np.linalg.norm(centre) or 1.0
    position = np.array([s.index for s in sents], dtype=np.float64)
    independent = np.array([analysis.independent[analysis.group_of[i]] for i in range(n)], dtype=np.float64)
    n_articles = len({s.article_id for s in sents})
    base = (
        params.centrality * (vectors @ centre)
        + params.position / np.sqrt(1.0 + position)
        + params.corroboration * (independent - 1) / max(1, n_articles - 1)
        - params.misnamed * _misnamed(analysis, texts)
    )
    # Concept weight: number of independent sources that use it; with several sources, terms
    # of one source only are not the story and weigh nothing.
    matrix = concept_matrix(texts)
    source = _independent_source(analysis, matrix)
    weight = _concept_weights(matrix, [source[s.article_id] for s in sents])
    previous = np.full(n, -1)
    for i in range(1, n):
        if sents[i].article_id == sents[i - 1].article_id:
            previous[i] = i - 1
    return Features(
        length=length, base=base, matrix=matrix, weight=weight, previous=previous,
        dependent=np.array([not stands_alone(t) for t in texts], dtype=bool),
        candidate=np.array([not is_fragment(t, params, k) for t, k in zip(texts, counts)], dtype=bool),
        group_of=np.asarray(analysis.group_of),
    )
