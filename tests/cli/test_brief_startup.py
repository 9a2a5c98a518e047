"""A one-shot ``storyweave brief`` imports only what it uses: spaCy loads in the NER helper
process, the summary solves without numba, the embedder without wordllama, reading without the
story index. Each of these cost a one-shot brief 0.2-0.7 s when it crept back in."""
from __future__ import annotations

import json
import subprocess
import sys

# invented articles (no third-party text)
TEXTS = {
    "a.txt": "Mayor Lena Ostrova opened the new Kessel river bridge in Marrow on Tuesday.\n\n"
             "The bridge cost 12 million euros and took three years to build, the city said.\n",
    "b.txt": "Marrow's new bridge over the Kessel opened on Tuesday, Mayor Lena Ostrova said.\n\n"
             "The city said the bridge cost 14 million euros.\n",
}
NOT_IN_THE_BRIEFS_PROCESS = ["spacy", "numba", "wordllama", "datasketch", "scipy.integrate", "torch"]

SCRIPT = """
import io, json, sys, contextlib
from storyweave.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    status = main(["brief", sys.argv[1], "--format", "json"])
brief = json.loads(out.getvalue())
print(json.dumps({"status": status, "modules": sorted(sys.modules),
                  "people": [e["name"] for e in brief["entities"] if e["type"] == "person"]}))
"""


def test_a_brief_process_imports_none_of_the_slow_modules(tmp_path):
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, check=True)
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["status"] == 0
    assert "Lena Ostrova" in report["people"]
    loaded = set(report["modules"])
    assert [m for m in NOT_IN_THE_BRIEFS_PROCESS if m in loaded] == []
