"""Does the brief open on the story's main event? The opening summary sentence against the first
sentence of the Multi-News reference summary (written by an editor, it opens on the event).

For each cluster of ``../shared/data/multinews-validation.jsonl`` (2-10 articles, no dates) the
brief is built once; its opening sentence is scored by the F1 of content words (lower-cased,
stop words out: ``storyweave.text.content_tokens``) with the reference's first sentence. Beside
it, in the same run and from the same analysis: the opening when any agreement may lead
(``brief.lead_sources`` 0: the rule before 5 December), with no forced opening (the selection's
own most central pick), and the first sentence of the first article (the lead baseline).
Split: lines 0-124 ``tune`` (where ``brief.lead_sources`` was chosen), 125-249 ``held-out``.

    python bench/summary_lead.py [--split tune|held-out|all] [--data PATH]
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

SPLITS = {"tune": (0, 125), "held-out": (125, 250), "all": (0, 250)}
# the reference's first sentence: up to the first full stop, question or exclamation mark
# followed by a capital (Newser-style summaries open with "– ")
_END = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[A-Z“\"])")


def first_sentence(text: str) -> str:
    text = text.lstrip("–- ").strip()
    m = _END.search(text)
    return text[: m.start()] if m else text


def overlap(a: str, b: str) -> float:
    from storyweave.text import content_tokens

    x, y = content_tokens(a), content_tokens(b)
    shared = len(x & y)
    return 2 * shared / (len(x) + len(y)) if shared else 0.0


def openings(an, config) -> dict[str, str]:
    """The opening sentence of each system, from one analysis."""
    from storyweave.summary import summarize
    from storyweave.summary.features import stands_alone

    out = {"storyweave": an.summary[0].text if an.summary else ""}
    alone = [i for i in (an.sentence_index(a.sentence_ids[0]) for a in an.agreements or [])
             if stands_alone(an.sentences[i].text)]
    for name, lead in (("any agreement leads", alone[0] if alone else None), ("no forced opening", None)):
        s = summarize(an, config.brief.words, config, lead=lead)
        out[name] = s[0].text if s else ""
    first = [s for s in an.sentences if s.article_id == an.articles[0].id]
    out["first article's first sentence"] = first[0].text if first else ""
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="held-out", choices=tuple(SPLITS))
    ap.add_argument("--data", default="../shared/data/multinews-validation.jsonl")
    args = ap.parse_args()
    if not Path(args.data).is_file():
        print(f"summary_lead: no Multi-News file at {args.data}: give --data PATH", file=sys.stderr)
        return 2
    from storyweave.config import Config
    from storyweave.eval.summaries import load_clusters
    from storyweave.model import Article
    from storyweave.pipeline import Pipeline

    config = Config.load()
    pipeline = Pipeline(config=config).warm_up()
    lo, hi = SPLITS[args.split]
    totals: dict[str, float] = {}
    n, t0 = 0, time.perf_counter()
    for k, c in enumerate(load_clusters(args.data)):
        if not lo <= k < hi:
            continue
        an = pipeline.analyse([Article(id=f"c{k}d{j}", text=d, outlet=f"doc{j}") for j, d in enumerate(c.documents)])
        ref = first_sentence(c.reference)
        for name, text in openings(an, config).items():
            totals[name] = totals.get(name, 0.0) + overlap(text, ref)
        n += 1
    print(f"opening sentence vs the reference's first sentence, Multi-News lines {lo}-{hi - 1} ({args.split}, "
          f"{n} clusters), content-word F1; brief.lead_sources = {config.brief.lead_sources}")
    for name, total in totals.items():
        print(f"  {name:<34} {total / max(1, n):.3f}")
    print(f"{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
