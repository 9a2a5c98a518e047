"""Page metadata on a second set of pages: the extraction benchmark, labelled by hand.

``../shared/data/article-extraction-benchmark`` has gold body text only. Both halves (page ids
sorted; the first 90 are the tune half, the last 91 held-out) were labelled blind by three
readers of the pages themselves, who never ran an extractor: the byline as the page credits it,
the outlet as it names itself, the publication day (``bench/labels/extraction-benchmark-metadata.jsonl``
for the held-out half, ``...-metadata-tune.jsonl`` for the tune half; no titles, which are
article text). This builds a Readability-format folder from those labels and the pages in a
temporary directory and runs ``storyweave eval metadata`` on it, peers beside as installed.
Tune rules on ``--split tune``; report ``--split held-out`` (the default).

    python bench/benchmark_pages_metadata.py [--split tune|held-out | --labels PATH] [--misses]
        [--format text|json]
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PAGES = ROOT.parent / ".." / "shared" / "data" / "article-extraction-benchmark" / "html"
LABELS = ROOT / "labels" / "extraction-benchmark-metadata.jsonl"
SPLITS = {"held-out": LABELS, "tune": ROOT / "labels" / "extraction-benchmark-metadata-tune.jsonl"}


def build(folder: Path, labels: Path = LABELS, pages: Path = PAGES) -> int:
    """One ``<id>/source.html`` + ``expected-metadata.json`` per labelled page; returns the count."""
    n = 0
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        page = folder / row["id"][:16]
        page.mkdir(parents=True)
        html = gzip.open(pages / f"{row['id']}.html.gz", "rt", encoding="utf-8", errors="replace").read()
        (page / "source.html").write_text(html, encoding="utf-8")
        gold = {k: row.get(k) for k in ("byline", "siteName", "publishedTime")}
        (page / "expected-metadata.json").write_text(json.dumps(gold), encoding="utf-8")
        n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list every wrong value")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    which = ap.add_mutually_exclusive_group()
    which.add_argument("--split", choices=sorted(SPLITS), default="held-out",
                       help="which half's labels: tune (to tune on) or held-out (to report; the default)")
    which.add_argument("--labels", type=Path, help="another labels file (JSONL: id, byline, siteName, publishedTime)")
    args = ap.parse_args()
    labels = args.labels or SPLITS[args.split]
    name = f"labels {labels}" if args.labels else f"{args.split} half"
    from storyweave.config import Config
    from storyweave.eval import metadata

    with tempfile.TemporaryDirectory(prefix="storyweave-pages-") as tmp:
        n = build(Path(tmp), labels)
        print(f"extraction-benchmark {name}, {n} labelled pages (titles not labelled)", file=sys.stderr)
        return metadata.run(argparse.Namespace(dir=tmp, split="all", format=args.format, misses=args.misses), Config())


if __name__ == "__main__":
    sys.exit(main())
