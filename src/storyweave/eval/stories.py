"""``storyweave eval stories FILE.jsonl``: story clustering against gold ``story`` labels.

B-cubed precision/recall/F1 (per article: how much of its predicted story is its gold story,
and how much of its gold story it was put with) and the adjusted Rand index, for storyweave
and, in the same run, a TF-IDF + agglomerative (average-link, cosine) baseline.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass

from ..config import Config
from ..errors import InputError
from ..model import Article

BASELINE_DISTANCE = 0.8  # average cosine distance at which the baseline stops merging


@dataclass(slots=True)
class Scores:
    system: str
    precision: float
    recall: float
    f1: float
    ari: float
    stories: int
    seconds: float


def bcubed(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over items labelled by two clusterings."""
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} labels but prediction has {len(pred)}")
    if not gold:
        return 0.0, 0.0, 0.0
    pair = Counter(zip(gold, pred))
    g_size = Counter(gold)
    p_size = Counter(pred)
    precision = sum(pair[(g, p)] / p_size[p] for g, p in zip(gold, pred)) / len(gold)
    recall = sum(pair[(g, p)] / g_size[g] for g, p in zip(gold, pred)) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(system: str, gold: list[str], pred: list[str], seconds: float) -> Scores:
    from sklearn.metrics import adjusted_rand_score

    p, r, f = bcubed(gold, pred)
    return Scores(system, p, r, f, float(adjusted_rand_score(gold, pred)), len(set(pred)), seconds)


def baseline(articles: list[Article]) -> list[str]:
    """TF-IDF over title + text, agglomerative clustering with a fixed distance cut."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    from ..stories.features import body_text

    if len(articles) < 2:
        return ["0"] * len(articles)
    texts = [f"{a.title or ''}\n{body_text(a)}" for a in articles]
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=BASELINE_DISTANCE
    )
    return [str(label) for label in model.fit_predict(x.toarray())]


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


@dataclass(slots=True)
class Report:
    file: str
    articles: int
    gold_stories: int
    results: list[Scores]
    notes: list[str]


def evaluate(path: str, config: Config, engine=None) -> Report:
    from ..stories import cluster_articles

    arts, gold, notes = load_gold(path, config)
    t = time.perf_counter()
    result = cluster_articles(arts, config.stories, engine=engine)
    pred = [result.assignments.get(a.id, f"unclustered:{a.id}") for a in arts]
    ours = score("storyweave", gold, pred, time.perf_counter() - t)
    notes += [str(p) for p in result.problems]
    t = time.perf_counter()
    base = score("tfidf+agglomerative", gold, baseline(arts), time.perf_counter() - t)
    return Report(path, len(arts), len(set(gold)), [ours, base], notes)


def render_table(report: Report) -> str:
    head = f"{'system':<22} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'ARI':>6} {'stories':>8} {'seconds':>8}"
    lines = [head, "-" * len(head)]
    for r in report.results:
        lines.append(
            f"{r.system:<22} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f} {r.ari:6.3f} {r.stories:8d} {r.seconds:8.2f}"
        )
    lines.append(f"{report.articles} articles, {report.gold_stories} gold stories ({report.file})")
    return "\n".join(lines)


def _run(args, config: Config) -> int:
    from ..engines import get_engine

    engine = get_engine(args.engine)
    try:
        report = evaluate(args.file, config, engine)
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
    p.add_argument("file", metavar="FILE.jsonl", help="records with a gold 'story' field")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--engine", choices=["local", "ray"], default="local")
    p.add_argument("--min-f1", type=float, default=None, help="exit 1 when storyweave's B-cubed F1 is below this")
    p.set_defaults(func=_run)
