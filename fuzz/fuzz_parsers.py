"""Coverage-guided fuzzing (atheris) of the text parsers: dates, quantities, quote spans,
sentences and line cleaning.

    python fuzz/fuzz_parsers.py -max_total_time=300 -timeout=10 fuzz/corpus/parsers

Any exception is a bug; ``-timeout`` turns a slow input (catastrophic backtracking) into a
crash report with the input saved.
"""
from __future__ import annotations

import datetime as dt
import sys

import atheris

with atheris.instrument_imports():
    from storyweave.clean.boilerplate import clean_lines
    from storyweave.config import CleanConfig
    from storyweave.nlp.dates import find_dates
    from storyweave.nlp.quantities import find_quantities
    from storyweave.nlp.quotes import find_quote_spans
    from storyweave.nlp.sentences import split_text

CLEAN = CleanConfig()


def one(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    which = fdp.ConsumeIntInRange(0, 4)
    anchor = dt.date(2031, 1, 1) + dt.timedelta(days=fdp.ConsumeIntInRange(-40000, 20000)) if fdp.ConsumeBool() else None
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    if which == 0:
        for m in find_dates(text, anchor):
            assert 0 <= m.start <= m.end <= len(text)
    elif which == 1:
        find_quantities(text)
    elif which == 2:
        for s, e in find_quote_spans(text):
            assert 0 <= s <= e <= len(text)
    elif which == 3:
        split_text(text)
    else:
        clean_lines(text, CLEAN)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()
