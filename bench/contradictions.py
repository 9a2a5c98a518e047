"""How many of the briefs' contradictions are real, by blind hand labels: ECB+ incidents, Multi-News.

Each ECB+ dev incident (``../shared/data/stories-dev-ecbplus.jsonl``: 10-20 outlets' short reports
of one earthquake, shooting, trade, game ...) is briefed alone, and every contradiction it reports
is looked up in ``bench/labels/contradictions-ecbplus-<split>.jsonl`` (story id, the variants'
values, a label; no article text): ``conflict`` when at least two variants report the same thing
with values that cannot both be true, ``not`` when they measure or date different things (another
person, act, scope or time) or agree. Split by sorted gold story id: first half ``tune``, second
half ``held-out``. Many outlets and many figures per story make this the hard case for false
contradictions; the injected-conflict set (``storyweave eval divergences``) measures recall.

``--split multinews``: the 250 Multi-News validation clusters (2-10 articles of one story each, no
dates; ``../shared/data/multinews-validation.jsonl``, story ``mn<line>``), unseen news, labelled in ``contradictions-multinews.jsonl`` by one blind reader who saw only each
contradiction's values and sentences. ``--pending FILE`` writes the unlabelled ones with their
sentences, for a reader. The false contradictions of clusters 0-124 were read for rules on
6 December; 125-249 stay unread, and the figures are printed for each half.

Prints contradictions per incident, the labelled share that is real, and how many carry no label
(label those before trusting the figure).

    python bench/contradictions.py --split tune|held-out|multinews [--list] [--pending FILE]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
FILE = "../shared/data/stories-dev-ecbplus.jsonl"
MULTINEWS = "../shared/data/multinews-validation.jsonl"


def stories_of(path: str, split: str) -> list[str]:
    ids = sorted({json.loads(line)["story"] for line in open(path, encoding="utf-8") if line.strip()})
    half = len(ids) // 2
    return ids[:half] if split == "tune" else ids[half:]


def key(story: str, values) -> tuple:
    return story, tuple(sorted(values))


def _stories(split: str) -> dict:
    from storyweave.eval.briefs import _load_articles
    from storyweave.eval.summaries import load_clusters
    from storyweave.model import Article

    if split == "multinews":
        return {f"mn{k}": [Article(id=f"c{k}d{j}", text=d, outlet=f"doc{j}") for j, d in enumerate(c.documents)]
                for k, c in enumerate(load_clusters(MULTINEWS))}
    stories = stories_of(FILE, split)
    articles = _load_articles(Path(FILE), set(stories))
    return {story: articles[story] for story in stories}


def contradictions(split: str) -> tuple[list[dict], int, float]:
    from storyweave.config import Config
    from storyweave.pipeline import Pipeline

    pipeline = Pipeline(config=Config.load()).warm_up()
    stories = _stories(split)
    out, seconds = [], 0.0
    for story, articles in stories.items():
        t0 = time.perf_counter()
        brief = pipeline.brief(articles)
        seconds += time.perf_counter() - t0
        for d in brief.divergences:
            if d.kind == "contradiction":
                out.append({"story": story, "attribute": d.attribute, "values": [v.value for v in d.variants],
                            "articles": [v.citations for v in d.variants],
                            "sentences": [v.sentences[:2] for v in d.variants]})
    return out, len(stories), seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("tune", "held-out", "multinews"), default="held-out")
    ap.add_argument("--list", action="store_true", help="print every contradiction with its label")
    ap.add_argument("--pending", metavar="FILE", help="write the unlabelled contradictions, with sentences, to FILE")
    args = ap.parse_args(argv)
    labels = {}
    name = "multinews" if args.split == "multinews" else f"ecbplus-{args.split}"
    path = ROOT / "labels" / f"contradictions-{name}.jsonl"
    for line in open(path, encoding="utf-8") if path.exists() else ():
        if line.strip():
            r = json.loads(line)
            labels[key(r["story"], r["values"])] = r["label"]
    found, n_stories, seconds = contradictions(args.split)
    counts = Counter(labels.get(key(d["story"], d["values"]), "unlabelled") for d in found)
    if args.list:
        for d in found:
            print(f'{labels.get(key(d["story"], d["values"]), "unlabelled"):10} {d["story"]} {d["attribute"]}: '
                  + " | ".join(d["values"]))
    if args.pending:
        with open(args.pending, "w", encoding="utf-8") as f:
            for d in found:
                if key(d["story"], d["values"]) not in labels:
                    f.write(json.dumps({k: d[k] for k in ("story", "attribute", "values", "sentences")}) + "\n")
    what = "Multi-News clusters" if args.split == "multinews" else f"ECB+ dev incidents, {args.split}"
    print(f"{what}: {n_stories} briefs, {len(found)} contradictions "
          f"({len(found) / max(1, n_stories):.2f} per story), {seconds:.1f} s")
    _report("real (labelled conflict)", counts)
    if args.split == "multinews":
        for name, lo, hi in (("  mn0-124 (read for rules since 6 December)", 0, MN_READ), ("  mn125-249 (unread)", MN_READ, 10**9)):
            part = [d for d in found if lo <= int(d["story"][2:]) < hi]
            _report(f"{name}: {len(part)} contradictions; real",
                    Counter(labels.get(key(d["story"], d["values"]), "unlabelled") for d in part))
    return 0


MN_READ = 125  # Multi-News clusters below this one had their labelled contradictions read for rules


def _report(what: str, counts: Counter) -> None:
    judged = counts["conflict"] + counts["not"]
    print(f"{what}: {counts['conflict']} of {judged} judged = "
          f"{counts['conflict'] / max(1, judged):.2f}; not: {counts['not']}; unsure: {counts['unsure']}; "
          f"unlabelled: {counts['unlabelled']}")


if __name__ == "__main__":
    sys.exit(main())
