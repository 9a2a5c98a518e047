"""Inputs of every kind a reader takes, written here (invented text), for the engine tests."""
from __future__ import annotations

import gzip
import json

import pytest

PAGE = """<html><head><title>{title}</title><meta property="og:site_name" content="{outlet}"></head>
<body><nav>Home | World | Sport</nav><article><h1>{title}</h1>
<p>The ferry {ship} ran aground off Brisk Point on {day}, and the coastguard said all {n} passengers were safe.</p>
<p>Tugs will try to refloat the {ship} at high tide, the harbour master of Gannet Bay told reporters.</p>
<p>Crossings to the island are suspended until the hull has been inspected, the operator said.</p>
</article><footer>Copyright Invented Media</footer></body></html>"""


@pytest.fixture
def reading_inputs(tmp_path):
    """(inputs, plain): a folder of pages (one gzipped, one twice under one name in a subfolder),
    a JSONL file with a bad line, a missing file; ``plain`` makes an item comparable."""
    pages = tmp_path / "pages"
    (pages / "more").mkdir(parents=True)
    for i, ship in enumerate(["Kestrel Dawn", "Gannet", "Tern", "Puffin"]):
        html = PAGE.format(title=f"Ferry {ship} aground", outlet=f"Coast Ledger {i}", ship=ship, day="Tuesday", n=40 + i)
        (pages / f"p{i}.html").write_text(html)
    (pages / "p9.html.gz").write_bytes(gzip.compress(PAGE.format(title="Skiff adrift", outlet="Wire", ship="Skiff",
                                                                 day="Monday", n=3).encode()))
    (pages / "more" / "p0.html").write_text(PAGE.format(title="Ferry again", outlet="Echo", ship="Osprey", day="Friday", n=9))
    records = tmp_path / "records.jsonl"
    lines = [json.dumps({"id": f"r{i}", "outlet": "Valley Wire", "text": f"The mill pond in Tarrow froze on Friday, "
                         f"said the council (note {i}). Skaters crowded the banks."}) for i in range(5)]
    records.write_text("\n".join(lines[:2] + ["{not json"] + lines[2:]) + "\n")

    def plain(x):
        from storyweave.model import Article

        if isinstance(x, Article):
            return (x.id, x.title, x.outlet, x.text, tuple(x.body), x.language, str(x.published))
        return ("problem", x.item, x.reason)

    return [str(pages), str(records), str(tmp_path / "missing.txt")], plain
