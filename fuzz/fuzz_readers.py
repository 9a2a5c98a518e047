"""Coverage-guided fuzzing (atheris) of every reader through ``read_inputs``.

    python fuzz/fuzz_readers.py -max_total_time=300 fuzz/corpus/readers

The first byte picks the reader (by file suffix), the rest is the file. A reader may yield
Articles and Problems; any exception escaping ``read_inputs`` is a bug (one bad file would
end a whole batch). Seeds: well-formed files from tests/reliability/reliability_kit.py,
written to the corpus folder on first run.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from storyweave.config import IngestConfig
    from storyweave.ingest import read_inputs

SUFFIXES = [".txt", ".json", ".jsonl", ".csv", ".tsv", ".html", ".html.gz", ".rss", ".atom", ".warc", ".warc.gz"]
CONFIG = IngestConfig(max_bytes=1_000_000, timeout=1.0)
WORK = Path(tempfile.mkdtemp(prefix="storyweave-atheris-"))


def one(data: bytes) -> None:
    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    path = WORK / f"input{suffix}"
    path.write_bytes(data[1:])
    for _ in read_inputs([path], CONFIG):
        pass


def write_seeds(corpus: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))
    import reliability_kit as kit

    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return
    for seed in kit.seeds():
        (corpus / f"seed{seed.suffix}").write_bytes(bytes([SUFFIXES.index(seed.suffix)]) + seed.data)


if __name__ == "__main__":
    dirs = [a for a in sys.argv[1:] if not a.startswith("-")]
    if dirs:
        write_seeds(Path(dirs[0]))
    from storyweave.ingest.html import quiet_extractor_logs

    quiet_extractor_logs()
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()
