"""``storyweave eval stories FILE.jsonl...``: story clustering against gold ``story`` labels.

B-cubed precision/recall/F1 (per article: how much of its predicted story is its gold story,
and how much of its gold story it was put with) and the adjusted Rand index, for
- storyweave in batch (the whole input at once, as ``storyweave cluster`` runs it);
- storyweave incremental: the same index fed one article at a time in a shuffled order
  (a fixed seed), as ``storyweave ingest`` meets a live stream; its agreement with batch is
  the B-cubed F1 of one clustering taken as the other's gold;
- a TF-IDF + agglomerative (average-link, cosine) baseline whose distance cut is tuned on
  the tune part only (the best B-cubed F1 over a grid), then applied to the part scored.

All files are clustered together in one run (stories never span files, so merging across
files is an error like any other); figures are given over everything and per source (the
gold story id's prefix: wcl, basil, ecb ...), each article scored against the whole run.

Split: per file, the sorted gold story ids; the first half is *tune*, the second half
*held-out*; an article belongs to the part of its gold story. Tune settings on ``--split
tune``; report ``--split held-out``.
"""
from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

import numpy as np

from ..config import Config
from ..errors import InputError
from ..model import Article

BASELINE_DISTANCE = 0.8  # the baseline's cut when no tune part is available
BASELINE_GRID = tuple(round(0.40 + 0.025 * i, 3) for i in range(23))  # 0.40 .. 0.95
SPLITS = ("tune", "held-out", "all")
SEED = 13


@dataclass(slots=True)
class Scores:
    system: str
    source: str  # "all" or a gold-id prefix
    precision: float
    recall: float
    f1: float
    ari: float
    articles: int
    stories: int
    seconds: float


def bcubed(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over items labelled by two clusterings."""
    p, r = bcubed_items(gold, pred)
    return _f(p, r)


def bcubed_items(gold: list[str], pred: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per-item B-cubed precision and recall (averaged over any subset of items: per source)."""
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} labels but prediction has {len(pred)}")
    pair = Counter(zip(gold, pred))
    g_size = Counter(gold)
    p_size = Counter(pred)
    prec = np.array([pair[(g, p)] / p_size[p] for g, p in zip(gold, pred)], dtype=float)
    rec = np.array([pair[(g, p)] / g_size[g] for g, p in zip(gold, pred)], dtype=float)
    return prec, rec


def _f(prec: np.ndarray, rec: np.ndarray) -> tuple[float, float, float]:
    if len(prec) == 0:
        return 0.0, 0.0, 0.0
    p, r = float(prec.mean()), float(rec.mean())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(system: str, gold: list[str], pred: list[str], seconds: float, sources: list[str] | None = None) -> list[Scores]:
    """One row over all items, then one per source (each item still judged against the whole run)."""
    from sklearn.metrics import adjusted_rand_score

    prec, rec = bcubed_items(gold, pred)
    groups: dict[str, list[int]] = {"all": list(range(len(gold)))}
    if sources is not None and len(set(sources)) > 1:
        for i, s in enumerate(sources):
            groups.setdefault(s, []).append(i)
    rows = []
    for src, idx in groups.items():
        g = [gold[i] for i in idx]
        pr = [pred[i] for i in idx]
        p, r, f = _f(prec[idx], rec[idx])
        rows.append(Scores(system, src, p, r, f, float(adjusted_rand_score(g, pr)), len(idx), len(set(pr)),
                           seconds if src == "all" else 0.0))
    return rows


# -- the baseline ---------------------------------------------------------------------------
def _tree(articles: list[Article]):
    """Average-link merge tree over TF-IDF cosine distances of title + text."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    from ..stories.features import body_text

    texts = [f"{a.title or ''}\n{body_text(a)}" for a in articles]
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    d = 1.0 - (x @ x.T).toarray()
    np.fill_diagonal(d, 0.0)
    return linkage(squareform(np.clip(d, 0.0, 2.0), checks=False), method="average")


def baseline(articles: list[Article], distance: float = BASELINE_DISTANCE) -> list[str]:
    """TF-IDF over title + text, average-link clustering cut at ``distance``."""
    return baseline_cuts(articles, (distance,))[distance]


def baseline_cuts(articles: list[Article], distances) -> dict[float, list[str]]:
    """Labels at several cuts of one merge tree (the tree is the costly part)."""
    from scipy.cluster.hierarchy import fcluster

    if len(articles) < 2:
        return {d: ["0"] * len(articles) for d in distances}
    z = _tree(articles)
    return {d: [str(c) for c in fcluster(z, t=d, criterion="distance")] for d in distances}


def tune_baseline(articles: list[Article], gold: list[str]) -> float:
    """The cut with the best B-cubed F1 on these (tune) articles; ties go to the smaller cut."""
    cuts = baseline_cuts(articles, BASELINE_GRID)
    return max(BASELINE_GRID, key=lambda d: (round(bcubed(gold, cuts[d])[2], 6), -d))


# -- data -----------------------------------------------------------------------------------
def load_gold(path: str, config: Config | None = None) -> tuple[list[Article], list[str], list[str]]:
    """Articles with a gold ``story``, read (and cleaned, with ``config.clean``) by the article
    step as ``storyweave cluster`` reads them; records without one are reported and left out."""
    from ..ingest import read_inputs

    arts, gold, notes = [], [], []
    for item in read_inputs([path], config or Config()):
        if not isinstance(item, Article):
            notes.append(str(item))
            continue
        label = item.meta.get("story")
        if label is None:
            notes.append(f"{item.id}: no gold 'story' field; left out")
            continue
        arts.append(item)
        gold.append(str(label))
    if not arts:
        raise InputError(path, "no records with a gold 'story' field: give JSONL records {id, text, ..., story}")
    return arts, gold, notes


def part_of(gold: list[str]) -> dict[str, str]:
    """Gold story id -> "tune" (first half of the sorted ids) or "held-out" (the rest)."""
    ids = sorted(set(gold))
    half = len(ids) // 2
    return {g: ("tune" if i < half else "held-out") for i, g in enumerate(ids)}


def source_of(story: str) -> str:
    return story.split("-", 1)[0] if "-" in story else "other"


@dataclass(slots=True)
class Sample:
    articles: list[Article] = field(default_factory=list)
    gold: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def take(self, part: str) -> "Sample":
        keep = [i for i, p in enumerate(self.parts) if part == "all" or p == part]
        return Sample([self.articles[i] for i in keep], [self.gold[i] for i in keep],
                      [self.parts[i] for i in keep], self.notes)

    @property
    def sources(self) -> list[str]:
        return [source_of(g) for g in self.gold]


def load_sample(paths: list[str], config: Config) -> Sample:
    """Every file's gold articles, each marked with its part of that file's split."""
    out = Sample()
    seen_ids: set[str] = set()
    for path in paths:
        arts, gold, notes = load_gold(path, config)
        parts = part_of(gold)
        out.notes += notes
        for a, g in zip(arts, gold):
            if a.id in seen_ids:
                out.notes.append(f"{a.id}: id seen in an earlier file; left out")
                continue
            seen_ids.add(a.id)
            out.articles.append(a)
            out.gold.append(g)
            out.parts.append(parts[g])
    return out


# -- the run --------------------------------------------------------------------------------
@dataclass(slots=True)
class Report:
    files: list[str]
    split: str
    articles: int
    gold_stories: int
    baseline_distance: float
    baseline_tuned_on: str
    results: list[Scores]
    agreement: float  # B-cubed F1 of shuffled incremental against batch
    seed: int
    notes: list[str]


def _labels(assignments: dict[str, str], arts: list[Article]) -> list[str]:
    return [assignments.get(a.id, f"unclustered:{a.id}") for a in arts]


def evaluate(paths: list[str] | str, config: Config, engine=None, split: str = "all", seed: int = SEED) -> Report:
    from ..stories import StoryIndex
    from ..stories.cluster import featurize

    paths = [paths] if isinstance(paths, str) else list(paths)
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    full = load_sample(paths, config)
    sample = full.take(split)
    if not sample.articles:
        raise InputError(",".join(paths), f"no articles in the {split} part")
    arts, gold, sources = sample.articles, sample.gold, sample.sources
    notes = list(sample.notes)

    t = time.perf_counter()
    feats = [f for batch in featurize(arts, engine, config=config.stories) for f in batch]
    index = StoryIndex(config.stories)
    outcome = index.add(feats)
    batch = _labels(index.assignments, arts)
    rows = score("storyweave", gold, batch, time.perf_counter() - t, sources)
    notes += [str(p) for p in outcome.problems]

    order = list(range(len(feats)))
    random.Random(seed).shuffle(order)
    t = time.perf_counter()
    inc = StoryIndex(config.stories)
    for i in order:
        inc.add([feats[i]])
    inc.flush()  # the stream's end: its last articles get the second look a full group gets
    shuffled = _labels(inc.assignments, arts)
    rows += score("storyweave-shuffled", gold, shuffled, time.perf_counter() - t, sources)
    agreement = bcubed(batch, shuffled)[2]

    tune = full.take("tune")
    tuned_on = "tune" if tune.articles else "none (default cut)"
    distance = tune_baseline(tune.articles, tune.gold) if len(tune.articles) >= 2 else BASELINE_DISTANCE
    t = time.perf_counter()
    base = baseline(arts, distance)
    rows += score("tfidf+agglomerative", gold, base, time.perf_counter() - t, sources)
    return Report(paths, split, len(arts), len(set(gold)), distance, tuned_on, rows, agreement, seed, notes)


def render_table(report: Report) -> str:
    head = f"{'system':<22} {'source':<7} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'ARI':>6} {'articles':>8} {'stories':>8} {'seconds':>8}"
    lines = [head, "-" * len(head)]
    for r in sorted(report.results, key=lambda r: (r.source != "all", r.source)):
        lines.append(
            f"{r.system:<22} {r.source:<7} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f} {r.ari:6.3f} "
            f"{r.articles:8d} {r.stories:8d} {r.seconds:8.2f}"
        )
    lines.append(f"split {report.split}: {report.articles} articles, {report.gold_stories} gold stories "
                 f"({', '.join(report.files)})")
    lines.append(f"baseline cut {report.baseline_distance} (tuned on: {report.baseline_tuned_on}); "
                 f"shuffled incremental (seed {report.seed}) agrees with batch at B3 F1 {report.agreement:.3f}")
    return "\n".join(lines)


def _run(args, config: Config) -> int:
    from ..engines import get_engine

    engine = get_engine(args.engine)
    try:
        report = evaluate(args.files, config, engine, split=args.split, seed=args.seed)
    finally:
        engine.close()
    for note in report.notes:
        print(f"storyweave: {note}", file=sys.stderr)
    if args.json:
        print(json.dumps(asdict(report), indent=2))
    else:
        print(render_table(report))
    ours = report.results[0]
    if args.min_f1 is not None and ours.f1 < args.min_f1:
        print(f"storyweave: B-cubed F1 {ours.f1:.3f} is below the floor {args.min_f1}", file=sys.stderr)
        return 1
    return 0


def register(evsub) -> None:
    p = evsub.add_parser("stories", help="story clustering: B-cubed P/R/F1 and ARI beside a TF-IDF baseline")
    p.add_argument("files", nargs="+", metavar="FILE.jsonl", help="records with a gold 'story' field")
    p.add_argument("--split", choices=SPLITS, default="all",
                   help="per file, sorted gold story ids: first half tune, second half held-out")
    p.add_argument("--seed", type=int, default=SEED, help="shuffle of the incremental run")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--engine", choices=["local", "ray"], default="local")
    p.add_argument("--min-f1", type=float, default=None, help="exit 1 when storyweave's B-cubed F1 is below this")
    p.set_defaults(func=_run)
