"""``storyweave brief`` with a monster beside good articles (the real pipeline, not a stub):
a 15 MB single-line ``.txt`` used to reach spaCy whole (E088, exit 1, no brief at all)."""
from __future__ import annotations

import json
import random
import string

from storyweave.cli import main

# invented articles
GOOD = {
    "herald.txt": "Floodwater from the Sella river reached the centre of Valmora on Tuesday, forcing about "
                  "two thousand people from their homes.\n\nThe mayor said crews had worked through the night "
                  "to shore up the banks near the old bridge.\n",
    "ledger.txt": "About two thousand residents of Valmora left their homes on Tuesday as the Sella burst its "
                  "banks, officials said.\n\nCrews worked through the night near the old bridge, the mayor said.\n",
}


def test_a_15_megabyte_single_line_does_not_sink_the_batch(tmp_path, capsys, caplog):
    for name, text in GOOD.items():
        (tmp_path / name).write_text(text, "utf-8")
    # what a scraper saves from a page with an inline image: one line of base64, no spaces
    rng = random.Random(13)
    alphabet = (string.ascii_letters + string.digits + "+/").encode()
    blob = bytes(rng.choice(alphabet) for _ in range(1 << 16)) * (15_000_000 >> 16)
    (tmp_path / "scraped.txt").write_bytes(b"data:image/png;base64," + blob)
    rc = main(["brief", str(tmp_path), "--format", "json"])
    out, err = capsys.readouterr()
    assert rc == 0, err[-2000:]
    brief = json.loads(out)
    ids = {a["id"] for a in brief["articles"]}
    assert {"herald.txt", "ledger.txt"} <= ids
    assert any("Valmora" in s["text"] for s in brief["summary"])
    # the cut is said, naming the file (a warning: on stderr from the CLI, in caplog under pytest)
    said = err + caplog.text
    assert "scraped.txt: cut from 14,942,230" in said and "max_article_chars" in said
