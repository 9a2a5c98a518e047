"""A case-insensitive marker regex with a faster path that gives the same yes/no.

Python's ``re`` tries every alternative at every position of a line, and case-insensitive
Unicode matching makes each try slow; these markers were most of the cleaning time. Two
public tricks make them cheap without changing any answer:

* **keys**: the marker names the lower-case strings one of which every match contains
  ("photo", "/", "©" for a photo credit). A line that holds none of them cannot match, and a
  plain substring test (C speed) rules out most lines before the regex runs.
* **lower-cased ASCII**: on an ASCII line the pattern matches exactly as it does with the
  ASCII flag, and a pattern with no upper-case literal matches exactly as it does
  case-sensitively on the lower-cased line (ASCII lower-casing keeps every position and every
  character class). On other lines the lower-cased search is the same yes/no too, except for
  the few letters whose lower case is longer (those lines take the exact path) or whose case
  folding differs from their lower case (the long s, the Kelvin sign): a marker never hinges
  on them.

The keys are written by hand beside each pattern (clean/patterns.py); tests/clean/test_markers.py
checks that the fast path agrees with the plain regex on real scraped lines and crafted ones.
"""
from __future__ import annotations

import re

# an escape (kept as it is: \S, \W keep their case) or a run of upper-case letters
_ESCAPE_OR_UPPER = re.compile(r"(\\.)|([A-Z]+)")


class Marker:
    """A case-insensitive pattern, searched as a yes/no; ``keys``: one of them is in every match."""

    __slots__ = ("pattern", "keys", "_lower", "_ascii_keys")

    def __init__(self, pattern: str, keys: tuple[str, ...]) -> None:
        if "(?P" in pattern:
            # lower-casing the pattern would rename the group
            raise ValueError(f"marker {pattern[:40]!r}: named groups are not supported")
        missing = [k for k in keys if k != k.lower() or not k]
        if missing:
            raise ValueError(f"marker {pattern[:40]!r}: keys must be non-empty and lower-case: {missing}")
        self.pattern = re.compile(pattern, re.IGNORECASE)
        # Under IGNORECASE an upper-case literal is its lower-case self.
        lowered = _ESCAPE_OR_UPPER.sub(lambda m: m.group(1) or m.group(2).lower(), pattern)
        self._lower = re.compile(lowered)
        self.keys = tuple(sorted(keys))
        # an ASCII line never holds a non-ASCII key
        self._ascii_keys = tuple(k for k in self.keys if k.isascii()) or self.keys

    def search(self, text: str) -> bool:
        """Whether the marker occurs in ``text``."""
        return self.search_line(text, text.lower(), text.isascii())

    def search_line(self, text: str, low: str, ascii_: bool) -> bool:
        """``search`` with the line's lower case and ASCII test given (a line meets ten markers)."""
        if not ascii_ and len(low) != len(text):
            return self.pattern.search(text) is not None
        keys = self._ascii_keys if ascii_ else self.keys
        if not keys:
            return self._lower.search(low) is not None
        for k in keys:
            if k in low:
                return self._lower.search(low) is not None
        return False
