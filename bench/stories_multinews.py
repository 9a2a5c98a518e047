"""Story clustering on an unseen, undated stream: the Multi-News validation clusters.

Each of the 250 lines of ``../shared/data/multinews-validation.jsonl`` is a set of 2-10
articles on one event (no dates, no titles), so its line is a gold story. The articles are
written to a temporary gold file ``{id: c<line>d<k>, text, story: mn-<line>}`` and scored by
``storyweave eval stories`` like the dev streams: storyweave in batch and shuffled one by one,
and TF-IDF + average link with its cut tuned on the tune half (lines 0-124; held-out is
125-249). No clustering rule or setting was chosen on this data.

    python bench/stories_multinews.py [--split tune|held-out|all] [--data PATH]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="held-out", choices=("tune", "held-out", "all"))
    ap.add_argument("--data", default="../shared/data/multinews-validation.jsonl")
    args = ap.parse_args()
    if not Path(args.data).is_file():
        print(f"stories_multinews: no Multi-News file at {args.data}: give --data PATH "
              "(../shared/data/multinews-validation.jsonl beside the repo)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "multinews-stories.jsonl"
        with open(args.data, encoding="utf-8") as src, gold.open("w", encoding="utf-8") as out:
            for line, record in enumerate(src):
                for k, text in enumerate(json.loads(record)["documents"]):
                    out.write(json.dumps({"id": f"c{line}d{k}", "text": text, "story": f"mn-{line:03d}"}) + "\n")
        cmd = [str(Path(sys.executable).with_name("storyweave")), "eval", "stories", str(gold), "--split", args.split]
        return subprocess.run(cmd).returncode


if __name__ == "__main__":
    raise SystemExit(main())
