"""``storyweave eval summaries FILE.jsonl``: ROUGE of storyweave's summary against the classic
extractive systems, all measured in the same run at the same word budget.

Each input line is ``{id, documents[], summary}`` (Multi-News style: raw scraped articles and
an editor's reference). For every cluster each system gets the same documents and the same
budget; the table shows ROUGE-1/2/Lsum F1 (rouge-score, Porter stemming on, Lsum with one
sentence per line) and seconds per cluster. Peers:

* ``lead``      the first sentence of each document in turn, then the second ...
* ``lexrank``, ``textrank``, ``lsa``   sumy's implementations, ranked sentences cut to budget
* ``oracle``    greedy extractive upper bound: adds the source sentence that most raises
                ROUGE-1 + ROUGE-2 against the reference (it reads the answer; not a system)

Baselines read the raw documents, as in the published Multi-News numbers; storyweave reads
them through its own cleaning, which is part of what is measured, and its light analysis
path (``prepare(light=True)``, as ``storyweave summarize``): the same selection as the brief's
summary, without the pairwise stages only the brief's other sections need. sumy gets our own sentence
splitter and word tokenizer: its default ``Tokenizer`` needs NLTK's punkt data, which must not
be downloaded.
"""
from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..errors import InputError, MissingExtra, StoryweaveError
from ..log import logger, progress
from ..nlp.sentences import split_text

SYSTEMS = ["storyweave", "lead", "lexrank", "textrank", "lsa", "oracle"]
METRICS = ["rouge1", "rouge2", "rougeLsum"]
# Raw Multi-News text separates paragraphs with blank lines (" \n \n ").
_PARAGRAPHS = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\w[\w'’.-]*\w|\w", re.UNICODE)


# ---- data ------------------------------------------------------------------------------

@dataclass(slots=True)
class Cluster:
    id: str
    documents: list[str]
    reference: str


def load_clusters(path: str | Path, limit: int | None = None, start: int = 0) -> list[Cluster]:
    """Read ``{id, documents[], summary}`` lines; a malformed line names the file and line."""
    p = Path(path)
    if not p.is_file():
        raise StoryweaveError(f"{p}: no such file; give a JSONL file of {{id, documents[], summary}} lines")
    from ..summary import cluster_row

    out: list[Cluster] = []
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                cid, docs, row = cluster_row(line, n)
                cluster = Cluster(cid, docs, str(row["summary"]))
            except (json.JSONDecodeError, KeyError, TypeError) as e:
                raise InputError(f"{p}:{n}", f"not a {{id, documents[], summary}} line ({e})") from None
            out.append(cluster)
    out = out[start:]
    return out[:limit] if limit else out


def reference_sentences(reference: str) -> list[str]:
    # Multi-News references open with an en dash ("– The Colorado Rockies ..."): not content.
    return split_text(reference.lstrip("–—- \n"))


def document_sentences(document: str) -> list[str]:
    """Raw document -> sentences, paragraph by paragraph (what the baselines read)."""
    return [s for para in _PARAGRAPHS.split(document) for s in split_text(para)]


# ---- budget ----------------------------------------------------------------------------

def n_words(text: str) -> int:
    return len(text.split())


def fit_budget(ranked: Iterable[str], words: int, truncate: bool) -> list[str]:
    """Sentences in rank order up to ``words``.

    ``truncate``: stop at the first sentence that does not fit and keep only the words that
    fill the budget exactly (the usual ROUGE practice). Otherwise skip sentences that do not
    fit and keep looking for ones that do, so that every summary holds whole sentences.
    """
    out: list[str] = []
    left = words
    for s in ranked:
        if left <= 0:
            break
        w = n_words(s)
        if w == 0:
            continue
        if w <= left:
            out.append(s)
            left -= w
        elif truncate:
            out.append(" ".join(s.split()[:left]))
            left = 0
    return out


# ---- baselines -------------------------------------------------------------------------

def lead(documents: Sequence[str], words: int, truncate: bool) -> list[str]:
    per_doc = [document_sentences(d) for d in documents]
    ranked = [doc[i] for i in range(max(map(len, per_doc), default=0)) for doc in per_doc if i < len(doc)]
    return fit_budget(ranked, words, truncate)


class _WordTokenizer:
    """What sumy calls on a sentence: ``to_words``. Regex words, no NLTK data needed."""

    language = "english"

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(text))

    def to_sentences(self, text: str) -> tuple[str, ...]:
        return tuple(split_text(text))


def _twice(base: "SumyBaseline", documents: Sequence[str], words: int, truncate: bool) -> list[str]:
    """A peer's run, asked once more when LAPACK's SVD does not converge (sumy's LSA, seen once)."""
    import numpy as np

    try:
        return base(documents, words, truncate)
    except np.linalg.LinAlgError:
        return base(documents, words, truncate)


class SumyBaseline:
    """A sumy summarizer turned into a ranker: all sentences by its score, then the budget.

    sumy returns the top *k* sentences; a word budget needs the whole ranking. Every sumy
    summarizer funnels its ratings through ``_get_best_sentences``; a subclass that returns
    all sentences best first gives the ranking without re-implementing the algorithms.
    """

    def __init__(self, name: str) -> None:
        try:
            from sumy.nlp.stemmers import Stemmer
            from sumy.summarizers.lex_rank import LexRankSummarizer
            from sumy.summarizers.lsa import LsaSummarizer
            from sumy.summarizers.text_rank import TextRankSummarizer
            from sumy.utils import get_stop_words
        except ImportError as e:
            raise MissingExtra("sumy", "eval") from e
        base = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer}[name]

        class Ranking(base):  # type: ignore[valid-type, misc]
            @staticmethod
            def _get_best_sentences(sentences, count, rating, *args, **kwargs):
                if callable(rating):  # LSA passes an iterator-backed callable: call in order
                    scores = [rating(s, *args, **kwargs) for s in sentences]
                else:
                    scores = [rating[s] for s in sentences]
                order = sorted(range(len(sentences)), key=lambda i: -scores[i])
                return tuple(sentences[i] for i in order)

        self.name = name
        self._summarizer = Ranking(Stemmer("english"))  # Snowball: no NLTK data needed
        self._summarizer.stop_words = get_stop_words("english")
        self._tokenizer = _WordTokenizer()

    def __call__(self, documents: Sequence[str], words: int, truncate: bool) -> list[str]:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

        paragraphs = []
        positions: dict[str, int] = {}
        for doc in documents:
            sents = []
            for s in document_sentences(doc):
                positions.setdefault(s, len(positions))
                sents.append(Sentence(s, self._tokenizer))
            if sents:
                paragraphs.append(Paragraph(sents))
        if not paragraphs:
            return []
        ranked = [str(s) for s in self._summarizer(ObjectDocumentModel(paragraphs), 0)]
        chosen = fit_budget(ranked, words, truncate)
        # Shown in source order, as sumy does; a truncated tail keeps its rank position last.
        return sorted(chosen, key=lambda s: positions.get(s, len(positions)))


# ---- ROUGE and the oracle --------------------------------------------------------------

class Rouge:
    def __init__(self) -> None:
        try:
            from rouge_score import rouge_scorer, tokenizers
        except ImportError as e:
            raise MissingExtra("rouge-score", "eval") from e
        self._scorer = rouge_scorer.RougeScorer(METRICS, use_stemmer=True)
        self.tokenize = tokenizers.DefaultTokenizer(use_stemmer=True).tokenize

    def score(self, summary: list[str], reference: list[str]) -> dict[str, float]:
        # One sentence per line: rougeLsum splits on newlines; rouge1/2 ignore them.
        scores = self._scorer.score("\n".join(reference), "\n".join(summary))
        return {m: 100 * scores[m].fmeasure for m in METRICS}


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(zip(*(tokens[i:] for i in range(n))))


def _f1(overlap: int, cand: int, ref: int) -> float:
    if not overlap or not cand or not ref:
        return 0.0
    p, r = overlap / cand, overlap / ref
    return 2 * p * r / (p + r)


def oracle(documents: Sequence[str], reference: list[str], words: int, truncate: bool, rouge: Rouge) -> list[str]:
    """Greedy extractive oracle: add the sentence that most raises R-1 + R-2 F1, while any does.

    The usual upper bound for extractive summaries (Nallapati et al. 2017), under the same
    budget rule as the systems.
    """
    seen: set[str] = set()
    cands: list[str] = []
    for d in documents:
        for s in document_sentences(d):
            if s not in seen:
                seen.add(s)
                cands.append(s)
    ref_tokens = rouge.tokenize(" ".join(reference))
    ref = [_ngrams(ref_tokens, 1), _ngrams(ref_tokens, 2)]
    ref_len = [sum(c.values()) for c in ref]
    grams = [[_ngrams(t, 1), _ngrams(t, 2)] for t in map(rouge.tokenize, cands)]
    chosen: list[int] = []
    have = [Counter(), Counter()]
    overlap = [0, 0]
    best_score, left = 0.0, words
    while True:
        best = None
        for i, g in enumerate(grams):
            if i in chosen or not (0 < n_words(cands[i]) <= left or truncate and left > 0):
                continue
            score, ov_i = 0.0, []
            for k in (0, 1):
                gain = sum(min(c, ref[k][t] - have[k][t]) for t, c in g[k].items() if ref[k][t] > have[k][t])
                ov_i.append(overlap[k] + gain)
                score += _f1(ov_i[k], sum(have[k].values()) + sum(g[k].values()), ref_len[k])
            if score > best_score:
                best_score, best = score, (i, ov_i)
        if best is None:
            break
        i, overlap = best
        chosen.append(i)
        for k in (0, 1):
            have[k].update(grams[i][k])
        left -= n_words(cands[i])
        if left <= 0:
            break
    return fit_budget([cands[i] for i in sorted(chosen)], words, truncate)


# ---- storyweave ------------------------------------------------------------------------

class StoryweaveSystem:
    """Raw documents -> cleaned articles -> analysis -> summary; models loaded once."""

    def __init__(self, config) -> None:
        from ..nlp.models import Models
        from ..summary import Summarizer

        self._summarizer = Summarizer(Models.shared(), config)

    def warm(self) -> None:
        self._summarizer.warm()

    def __call__(self, cluster_id: str, documents: Sequence[str], words: int, truncate: bool) -> list[str]:
        return [s.text for s in self._summarizer.from_texts(cluster_id, documents, words, fill=truncate)]


# ---- the run ---------------------------------------------------------------------------

@dataclass
class SystemResult:
    scores: dict[str, list[float]] = field(default_factory=lambda: {m: [] for m in METRICS})
    seconds: list[float] = field(default_factory=list)
    words: list[int] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        out = {m: round(statistics.fmean(v), 2) for m, v in self.scores.items() if v}
        out["seconds_per_cluster"] = round(statistics.fmean(self.seconds), 4) if self.seconds else 0.0
        out["words"] = round(statistics.fmean(self.words), 1) if self.words else 0.0
        return out


def evaluate(
    clusters: Sequence[Cluster], words: int, systems: Sequence[str] = SYSTEMS, truncate: bool = True,
    config=None, show_progress: bool | None = None,
) -> dict:
    """Score every system on every cluster at the same budget. Returns plain data."""
    from ..config import Config

    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        raise StoryweaveError(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(SYSTEMS)}")
    rouge = Rouge()
    runners: dict[str, Callable[[Cluster, list[str]], list[str]]] = {}
    for name in systems:
        if name == "storyweave":
            sw = StoryweaveSystem(config or Config())
            sw.warm()  # model loading is not per-cluster time
            runners[name] = lambda c, ref, sw=sw: sw(c.id, c.documents, words, truncate)
        elif name == "lead":
            runners[name] = lambda c, ref: lead(c.documents, words, truncate)
        elif name == "oracle":
            runners[name] = lambda c, ref: oracle(c.documents, ref, words, truncate, rouge)
        else:
            base = SumyBaseline(name)
            runners[name] = lambda c, ref, base=base: _twice(base, c.documents, words, truncate)
    results = {name: SystemResult() for name in systems}
    with progress("summaries", total=len(clusters), enabled=show_progress) as advance:
        for c in clusters:
            ref = reference_sentences(c.reference)
            for name, run in runners.items():
                t0 = time.perf_counter()
                try:
                    summary = run(c, ref)
                except StoryweaveError:
                    raise
                except Exception as e:  # a crash on one cluster must name the cluster
                    raise StoryweaveError(f"cluster {c.id}: {name} failed: {type(e).__name__}: {e}") from e
                results[name].seconds.append(time.perf_counter() - t0)
                results[name].words.append(sum(map(n_words, summary)))
                for m, v in rouge.score(summary, ref).items():
                    results[name].scores[m].append(v)
            advance()
    return {
        "clusters": len(clusters), "words": words, "truncate": truncate,
        "systems": {name: r.summary() for name, r in results.items()},
        "per_cluster": {name: {"ids": [c.id for c in clusters], **r.scores} for name, r in results.items()},
    }


def format_table(report: dict) -> str:
    systems = report["systems"]
    ref_speed = systems.get("lexrank", {}).get("seconds_per_cluster")
    head = f"{'system':<12}{'R-1':>7}{'R-2':>7}{'R-Lsum':>8}{'words':>7}{'s/cluster':>11}"
    head += f"{'vs LexRank':>12}" if ref_speed else ""
    lines = [
        f"ROUGE F1 on {report['clusters']} clusters at {report['words']} words"
        f" ({'last sentence truncated to fill' if report['truncate'] else 'whole sentences'})",
        head, "-" * len(head),
    ]
    for name, s in systems.items():
        line = f"{name:<12}{s['rouge1']:>7.2f}{s['rouge2']:>7.2f}{s['rougeLsum']:>8.2f}{s['words']:>7.0f}{s['seconds_per_cluster']:>11.4f}"
        if ref_speed and name != "oracle":
            t = s["seconds_per_cluster"]
            line += f"{(ref_speed / t if t else float('inf')):>11.1f}×"
        lines.append(line)
    if "oracle" in systems:
        lines.append("oracle: greedy extractive upper bound; it reads the reference")
    return "\n".join(lines)


# ---- CLI -------------------------------------------------------------------------------

def register(evsub) -> None:
    p = evsub.add_parser(
        "summaries", help="ROUGE of storyweave's summaries vs lead, LexRank, TextRank, LSA and an oracle",
        description=__doc__.split("\n\n")[0].replace("``", ""),
    )
    p.add_argument("file", help="JSONL of {id, documents[], summary} (e.g. ../shared/data/multinews-validation.jsonl)")
    p.add_argument("--words", type=int, default=250, help="word budget for every system (default 250)")
    p.add_argument("--limit", type=int, default=None, metavar="K", help="only the first K clusters")
    p.add_argument("--start", type=int, default=0, metavar="S", help="skip the first S clusters")
    p.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated subset of {','.join(SYSTEMS)}")
    p.add_argument("--whole-sentences", action="store_true",
                   help="never cut the last sentence (default: cut it to fill the budget exactly)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--per-cluster", action="store_true", help="with --json: include every cluster's scores")
    p.set_defaults(func=run)


def run(args, config) -> int:
    if args.words <= 0:
        raise StoryweaveError(f"--words must be positive, got {args.words}")
    clusters = load_clusters(args.file, args.limit, args.start)
    if not clusters:
        raise StoryweaveError(f"{args.file}: no clusters to evaluate")
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    logger.info("evaluating %d clusters at %d words: %s", len(clusters), args.words, ", ".join(systems))
    report = evaluate(clusters, args.words, systems, truncate=not args.whole_sentences, config=config)
    if args.json:
        if not args.per_cluster:
            report.pop("per_cluster")
        json.dump(report, sys.stdout, indent=2)
        print()
    else:
        print(format_table(report))
    return 0
