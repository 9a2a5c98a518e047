"""How many of the briefs' cited agreement pairs state the agreement's fact, by blind hand labels.

A cited pair is an agreement's statement (its first evidence sentence) and another outlet's
sentence the agreement cites. The briefs are built for one half of the two dev story files
(sorted story ids: first half ``tune``, second half ``held-out``) and every cited pair is looked
up in ``bench/labels/agreement-pairs-<split>.jsonl`` (ids and labels only; see its README):

- tune: every pair the briefs cited at commit ab0e900 is labelled;
- held-out: the pairs of 90 agreements drawn at random (two draws of 45, fixed seeds) from the
  held-out briefs, plus every pair the citation's meaning check (``align.cite_meaning``) removed;
- multinews: unseen news, Multi-News clusters 160-249 (0-based lines of
  ``../shared/data/multinews-validation.jsonl``, each cluster's documents as articles
  ``c<line>d<k>``): every pair the briefs cited at commit 4476c07, and at 160-199 also every pair
  they cited with the meaning bar at 0.60 (the median of three blind readers).

``meaning-pairs-<split>.jsonl`` holds the labels of the pairs the meaning path
(``align.agree_meaning``, off by default) proposes; they count only when the path is on
(``STORYWEAVE_ALIGN_AGREE_MEANING=0.72``), and are then reported apart as well; so are
``specific-pairs-<split>.jsonl``, the pairs of the specific path (``align.agree_specific``, off:
``STORYWEAVE_ALIGN_AGREE_SPECIFIC=0.65``).

Prints the labelled share ``same``, ``same`` + ``partial``, and how many cited pairs carry no
label (a pair the labels never saw: label it before trusting the figure). A ``partial`` pair
also says which side holds the other (``covers``, one blind reader, 5 December:
``statement_in_cited``, ``cited_in_statement`` or ``neither``): the cited sentence supports the
whole statement the reader sees when it is ``same`` or holds the statement. A pair cited the
other way round (the statement and the cited sentence swapped) keeps its label, its ``covers``
turned round.

    python bench/cited_pairs.py --split tune|held-out|multinews
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
FILES = ["../shared/data/stories-dev.jsonl", "../shared/data/stories-dev-ecbplus.jsonl"]


def stories_of(path: str, split: str) -> list[str]:
    ids = sorted({json.loads(line)["story"] for line in open(path, encoding="utf-8") if line.strip()})
    half = len(ids) // 2
    return ids[:half] if split == "tune" else ids[half:]


def cited_pairs(split: str) -> tuple[list[dict], float]:
    from storyweave.config import Config
    from storyweave.eval.briefs import _load_articles
    from storyweave.pipeline import Pipeline

    pipeline = Pipeline(config=Config.load()).warm_up()  # STORYWEAVE_* settings apply, as in the CLI
    pairs, seconds = [], 0.0
    for path in FILES:
        stories = stories_of(path, split)
        articles = _load_articles(Path(path), set(stories))
        for story in stories:
            t0 = time.perf_counter()
            brief = pipeline.brief(articles[story])
            seconds += time.perf_counter() - t0
            for a in brief.agreements:
                first, cited = a.evidence[0].sentence, [e.sentence for e in a.evidence]
                pairs += [{"story": story, "a_sent": first, "b_sent": e.sentence, "cited": cited} for e in a.evidence[1:]]
    return pairs, seconds


MULTINEWS = ("../shared/data/multinews-validation.jsonl", 160, 250)


def multinews_pairs() -> tuple[list[dict], float]:
    from storyweave.config import Config
    from storyweave.eval.summaries import load_clusters
    from storyweave.model import Article
    from storyweave.pipeline import Pipeline

    pipeline = Pipeline(config=Config.load()).warm_up()
    path, lo, hi = MULTINEWS
    pairs, seconds = [], 0.0
    for k, cluster in enumerate(load_clusters(path)[lo:hi], lo):
        articles = [Article(id=f"c{k}d{j}", text=d, outlet=f"doc{j}") for j, d in enumerate(cluster.documents)]
        t0 = time.perf_counter()
        brief = pipeline.brief(articles)
        seconds += time.perf_counter() - t0
        for a in brief.agreements:
            first, cited = a.evidence[0].sentence, [e.sentence for e in a.evidence]
            pairs += [{"story": f"c{k}", "a_sent": first, "b_sent": e.sentence, "cited": cited} for e in a.evidence[1:]]
    return pairs, seconds


# a partial pair's direction, seen from the other side
_TURNED = {"statement_in_cited": "cited_in_statement", "cited_in_statement": "statement_in_cited"}


def _either_way(path: Path) -> dict[tuple[str, str], str]:
    """Labels of an off-by-default path's pairs, looked up either way round."""
    out = {}
    for line in path.open(encoding="utf-8"):
        r = json.loads(line)
        out[(r["a_sent"], r["b_sent"])] = out[(r["b_sent"], r["a_sent"])] = r["label"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("tune", "held-out", "multinews"), required=True)
    args = ap.parse_args()
    labels_path = ROOT / "labels" / f"agreement-pairs-{args.split}.jsonl"
    rows = [json.loads(line) for line in labels_path.open(encoding="utf-8")]
    label = {(r["a_sent"], r["b_sent"]): r["label"] for r in rows}
    covers = {(r["a_sent"], r["b_sent"]): r.get("covers", "") for r in rows}
    for r in rows:  # the same two sentences cited the other way round
        label.setdefault((r["b_sent"], r["a_sent"]), r["label"])
        covers.setdefault((r["b_sent"], r["a_sent"]), _TURNED.get(r.get("covers", ""), r.get("covers", "")))
    sample = {(r["story"], r["a_sent"]) for r in rows if r.get("sampled")}
    extra = {path: _either_way(ROOT / "labels" / f"{path}-pairs-{args.split}.jsonl") for path in ("meaning", "specific")}
    pairs, seconds = multinews_pairs() if args.split == "multinews" else cited_pairs(args.split)
    for path, labels in extra.items():
        new = [p for p in pairs if (p["a_sent"], p["b_sent"]) not in label and (p["a_sent"], p["b_sent"]) in labels]
        if new:  # that path is on: its pairs, all of them, reported apart
            c = Counter(labels[(p["a_sent"], p["b_sent"])] for p in new)
            print(f"pairs cited by the {path} path only: {len(new)}; state the fact wholly {c['same']}, in part "
                  f"{c['partial']}, another fact {c['different']} ({(c['same'] + c['partial']) / len(new):.3f} at least in part)")
    if sample:  # held-out: the drawn agreements only (drawn by their statement, now any of their
        # sentences: an agreement may state its fact by another outlet's sentence), an unbiased estimate
        pairs = [p for p in pairs if any((p["story"], s) in sample for s in p["cited"])]
    counts = Counter(label.get((p["a_sent"], p["b_sent"]), "unlabelled") for p in pairs)
    judged = counts["same"] + counts["partial"] + counts["different"]
    part = "Multi-News clusters 160-249" if args.split == "multinews" else f"{args.split} half"
    print(f"cited agreement pairs, {part}{' (the drawn agreements)' if sample else ''}: {len(pairs)}"
          f" ({counts['unlabelled']} unlabelled); briefs {seconds:.1f} s")
    if judged:
        print(f"  state the fact wholly        {counts['same'] / judged:.3f} ({counts['same']}/{judged})")
        print(f"  wholly or in part            {(counts['same'] + counts['partial']) / judged:.3f}"
              f" ({counts['same'] + counts['partial']}/{judged})")
        print(f"  another fact                 {counts['different'] / judged:.3f} ({counts['different']}/{judged})")
        holds = counts["same"] + sum(1 for p in pairs if covers.get((p["a_sent"], p["b_sent"])) == "statement_in_cited")
        unread = sum(1 for p in pairs if label.get((p["a_sent"], p["b_sent"])) == "partial"
                     and not covers.get((p["a_sent"], p["b_sent"])))
        print(f"  state the whole statement    {holds / judged:.3f} ({holds}/{judged}; same, or the statement inside"
              f" the cited sentence{f'; {unread} partial pairs without a direction' if unread else ''})")
    if sample:
        by_agreement: dict[str, list[str]] = {}
        for p in pairs:
            by_agreement.setdefault(p["a_sent"], []).append(label.get((p["a_sent"], p["b_sent"]), "unlabelled"))
        ok = sum(all(x in ("same", "partial") for x in v) for v in by_agreement.values())
        print(f"  agreements all of whose citations state the fact at least in part: {ok}/{len(by_agreement)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
