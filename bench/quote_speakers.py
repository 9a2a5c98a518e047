"""Who said it, on American stories outside the gold: quote speakers read blind, by hand.

Twenty-six BASIL triplets (NYT / Fox News / HuffPost) of ``../shared/data/stories-dev.jsonl``
that the dev gold (``briefs-dev-gold.json``) does not cover, by sorted story id within each half
(the split of ``storyweave eval stories``): the first six of each half, labelled at commit
b3fc311, and the next eight of the tune half and next six of the held-out half, labelled at
05e3a94. Every quote their briefs showed then was judged by blind readers who saw the three
articles and the quote list, never the code (``bench/labels/quote-speakers-basil.jsonl``: the
story, a hash of the quote's text — no article text — the label, the speaker shown then and the
one the text gives): ``right``, ``wrong`` (``should`` names the speaker, or "unknown"),
``missing`` (no speaker shown, the text names one), ``none_ok`` (no speaker shown, none named)
or ``not_a_quote``. As in the gold, a speaker the text describes without a name ("a spokesman
for X", "an aide") is none named: the second set's readers wrote such descriptions as speakers,
and they were turned into ``none_ok`` (or ``should`` "unknown") before anyone read them. Rules
are read from the tune half only. A quote whose speaker has changed since is scored against
``should``: the named speaker is right, none is a gap where the text names one, anyone else is
wrong.

``--split multinews``: unseen news of another kind, Multi-News clusters 60-79 (0-based lines of
``../shared/data/multinews-validation.jsonl``, story ``mn<line>``), every quote their briefs
showed at commit 542eae2 judged the same way (``bench/labels/quote-speakers-multinews.jsonl``);
measured once before its wrong speakers were read (6 December: precision 0.971, 136/140), then
read for rules, so the figure printed now is tune material. ``--split multinews-held-out``:
clusters 80-99, labelled the same way at commit c9c106d and never read for rules.

Prints speaker precision (right of the quotes given a speaker) and recall (right of the quotes
whose speaker the text names), per split, and how many quotes carry no label.

    python bench/quote_speakers.py [--split tune|held-out|multinews|multinews-held-out]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LABELS = ROOT / "labels" / "quote-speakers-basil.jsonl"
LABELS_MULTINEWS = ROOT / "labels" / "quote-speakers-multinews.jsonl"
STORIES = ROOT.parent / ".." / "shared" / "data" / "stories-dev.jsonl"
MULTINEWS = ROOT.parent / ".." / "shared" / "data" / "multinews-validation.jsonl"


def _key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def _same(a: str | None, b: str | None) -> bool:
    """One person, named more or less fully ("Trump" / "Donald Trump")."""
    if not a or not b:
        return False
    wa, wb = a.lower().replace(".", "").split(), b.lower().replace(".", "").split()
    return wa == wb or wa[-1] == wb[-1]


def judge(label: dict, speaker: str | None) -> str:
    """The label of a quote shown with ``speaker`` now."""
    if speaker == label["speaker_then"]:
        return label["label"]
    # who the text names: the reader's answer, or the speaker shown then if that was right
    should = label.get("should") or (label["speaker_then"] if label["label"] == "right" else None)
    named = should not in (None, "", "unknown")
    if speaker is None:
        return "missing" if named else "none_ok"
    return "right" if named and _same(speaker, should) else "wrong"


def score(labels: list[dict], shown: dict[tuple[str, str], str | None]) -> Counter:
    out: Counter = Counter()
    for lab in labels:
        k = (lab["story"], lab["quote"])
        out[judge(lab, shown[k]) if k in shown else "not shown now"] += 1
    out["unlabelled"] = sum(1 for k in shown if k not in {(x["story"], x["quote"]) for x in labels})
    return out


def _articles(split: str, stories: set[str]) -> dict:
    """The articles of each labelled story: BASIL triplets, or Multi-News clusters (``mn<line>``)."""
    if not split.startswith("multinews"):
        from storyweave.eval.briefs import _load_articles

        return _load_articles(STORIES, stories)
    from storyweave.eval.summaries import load_clusters
    from storyweave.model import Article

    clusters = load_clusters(str(MULTINEWS))
    return {s: [Article(id=f"c{s[2:]}d{j}", text=d, outlet=f"doc{j}") for j, d in enumerate(clusters[int(s[2:])].documents)]
            for s in stories}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("tune", "held-out", "multinews", "multinews-held-out"))
    args = ap.parse_args(argv)
    from storyweave.pipeline import Pipeline

    labels = [json.loads(x) for f in (LABELS, LABELS_MULTINEWS)
              for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
    pipeline = Pipeline().warm_up()
    for split in ([args.split] if args.split else ["tune", "held-out", "multinews", "multinews-held-out"]):
        part = [x for x in labels if x["split"] == split]
        stories = sorted({x["story"] for x in part})
        articles = _articles(split, set(stories))
        shown = {}
        for story in stories:
            for q in pipeline.brief(articles[story]).quotes:
                shown[(story, _key(q.text))] = q.speaker
        c = score(part, shown)
        given = c["right"] + c["wrong"] + c["not_a_quote"]
        named = c["right"] + c["wrong"] + c["missing"]
        print(f"{split}: {len(stories)} stories, {len(part)} labelled quotes; "
              f"speaker precision {c['right'] / max(1, given):.3f} ({c['right']}/{given}), "
              f"recall {c['right'] / max(1, named):.3f} ({c['right']}/{named}); "
              f"no speaker, none named {c['none_ok']}; labelled quotes not shown now {c['not shown now']}; "
              f"quotes shown without a label {c['unlabelled']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
