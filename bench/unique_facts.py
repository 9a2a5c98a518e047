"""Are the briefs' unique facts unique, and facts at all? Judged by hand on unseen news.

Multi-News clusters 172-199 (0-based lines of ``../shared/data/multinews-validation.jsonl``,
articles ``c<line>d<k>``): every unique fact the briefs showed at commit 3f60b3d was checked by
a reader against the cluster's other articles (``bench/labels/unique-facts-multinews.jsonl``):
``elsewhere`` yes (another article reports it), partial (a part or a close variant), no;
``not_fact`` (an opinion, a joke, page furniture, a teaser, a caption). Block 172-185 is the
part rules may be read from; 186-199 is held apart.

    python bench/unique_facts.py
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CLUSTERS = ("../shared/data/multinews-validation.jsonl", 172, 200)


def main() -> int:
    from storyweave.config import Config
    from storyweave.eval.summaries import load_clusters
    from storyweave.model import Article
    from storyweave.pipeline import Pipeline

    labels = {}
    for line in (ROOT / "labels" / "unique-facts-multinews.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        labels[r["sentence"]] = r
    pipeline = Pipeline(config=Config.load()).warm_up()  # STORYWEAVE_* settings apply
    path, lo, hi = CLUSTERS
    shown: dict[str, Counter] = {"172-185": Counter(), "186-199": Counter()}
    for k, cluster in enumerate(load_clusters(path)[lo:hi], lo):
        articles = [Article(id=f"c{k}d{j}", text=d, outlet=f"doc{j}") for j, d in enumerate(cluster.documents)]
        block = "172-185" if k <= 185 else "186-199"
        for u in pipeline.brief(articles).unique:
            r = labels.get(u.sentence_ids[0])
            shown[block]["unlabelled" if r is None else ("not a fact" if r["not_fact"] else r["elsewhere"])] += 1
    print("unique facts of Multi-News 172-199 by hand label (not a fact first, then reported elsewhere):")
    for block, c in shown.items():
        n = sum(v for k, v in c.items() if k != "unlabelled")
        share = {k: f"{c[k]} ({c[k] / max(n, 1):.3f})" for k in ("no", "partial", "yes", "not a fact")}
        print(f"  {block}: {n} labelled, {c['unlabelled']} unlabelled; only here {share['no']}, partly elsewhere "
              f"{share['partial']}, elsewhere {share['yes']}, not a fact {share['not a fact']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
