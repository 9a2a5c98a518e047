"""Page metadata on a second set of unseen pages: the held-out half of the extraction benchmark.

``../shared/data/article-extraction-benchmark`` has gold body text only. Its held-out half (page
ids sorted, second half: 91 pages; the first half is where earlier metadata patterns were
sought) was labelled blind by three readers of the pages themselves, who never ran an
extractor: the byline as the page credits it, the outlet as it names itself, the publication
day (``bench/labels/extraction-benchmark-metadata.jsonl``; no titles, which are article text).
This builds a Readability-format folder from those labels and the pages in a temporary
directory and runs ``storyweave eval metadata`` on it, peers beside as installed.

    python bench/benchmark_pages_metadata.py [--misses] [--format text|json]
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
    args = ap.parse_args()
    from storyweave.config import Config
    from storyweave.eval import metadata

    with tempfile.TemporaryDirectory(prefix="storyweave-pages-") as tmp:
        n = build(Path(tmp))
        print(f"extraction-benchmark held-out half, {n} labelled pages (titles not labelled)", file=sys.stderr)
        return metadata.run(argparse.Namespace(dir=tmp, split="all", format=args.format, misses=args.misses), Config())


if __name__ == "__main__":
    sys.exit(main())
