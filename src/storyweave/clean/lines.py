"""A scraped line and the features the cleaner judges it by: its words, whether it ends as a
sentence, whether it reads as another language, its content words, its key for repeats."""
from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass

from ..model import Reason
from ..text import post_signoff
from .patterns import DATE_LABEL, DAY_FIRST, END_PUNCT, EN_STOP, ISO_DATE, NON_WORD, STOP_FOR_OVERLAP, WORD


@dataclass(slots=True)
class Line:
    n: int  # 0-based index in the raw text
    text: str
    words: list[str]
    sentence: bool
    reason: str | None = None

    @property
    def headline_like(self) -> bool:
        return not self.sentence and 0 < len(self.words)

    def mark(self, reason: Reason | str) -> None:
        """Give the line a reason unless an earlier phase already did: the first reason wins."""
        if self.reason is None:
            self.reason = str(reason)


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, stripped, with their features."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [Line(n, t, words_of(t), is_sentence(t)) for n, t in enumerate(map(str.strip, raw)) if t]


def words_of(line: str) -> list[str]:
    return WORD.findall(line)


def is_sentence(line: str) -> bool:
    # only the end matters; an end-anchored search would try every position of a long line.
    # An embedded post ends on its sign-off, not a stop ("... — Jo Bell (@jobell) June 5, 2023"):
    # it is body text, no headline
    return bool(END_PUNCT.search(line[-8:])) or post_signoff(line) is not None or _introduces(line)


def _introduces(line: str) -> bool:
    """A line of prose handing over to what follows with a colon or a comma ("The post concluded
    with these sentences:", "X, director of the Y program, commented," before a quotation on the
    next line): body text, not a heading — long, and written mostly in lower case (a heading's
    "Related Stories:" or "READ MORE:" is neither)."""
    if not line.rstrip().endswith((":", ",")):
        return False
    words = line.split()
    return len(words) >= _INTRO_WORDS and sum(w[:1].islower() for w in words) * 2 >= len(words)


_INTRO_WORDS = 8


def _english_share(words: list[str]) -> float:
    if not words:
        return 0.0
    return sum(1 for w in words if w.lower() in EN_STOP) / len(words)


def looks_foreign(line: str, words: list[str]) -> bool:
    """A line of 3+ words with no English function word and non-ASCII letters: another language."""
    if len(words) < 3 or len(words) > 40 or line.isascii():
        return False  # a whole paragraph in another language is the language detector's call
    if _english_share(words) > 0.0:
        return False
    return sum(1 for ch in line if ord(ch) > 127 and ch.isalpha()) >= 2


def content_tokens(words: list[str]) -> set[str]:
    """Content words (lower-cased, 3+ letters, no stop words) of ``words_of`` output."""
    return {w.strip("'’") for w in map(str.lower, words) if len(w) > 2 and w not in STOP_FOR_OVERLAP}


# ASCII characters that \W matches, each to a space: an ASCII line's key without the regex
_ASCII_NON_WORD = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
_ASCII_NON_WORD_DELETE = {c: None for c in _ASCII_NON_WORD}


def signature(s: str) -> str:
    """``norm`` without its spaces: lines with equal keys have equal signatures."""
    if s.isascii():
        return s.lower().translate(_ASCII_NON_WORD_DELETE)
    return norm(s).replace(" ", "")


def norm(s: str) -> str:
    """A line's words, lower-cased, single-spaced: the key for repeated lines."""
    if s.isascii():
        return " ".join(s.lower().translate(_ASCII_NON_WORD).split())
    return NON_WORD.sub(" ", s.lower()).strip()


def parse_date_text(text: str) -> dt.date | None:
    """The date a date line ("Published: 19 June 2023, 10:15 EDT") gives, or None."""
    from dateutil import parser

    m = ISO_DATE.search(text)
    if m:
        try:
            return dt.date.fromisoformat(m.group(0))
        except ValueError:
            return None
    cleaned = DATE_LABEL.sub("", text.strip())
    try:
        with warnings.catch_warnings():  # "tzname EDT not understood": only the date is kept anyway
            warnings.simplefilter("ignore", parser.UnknownTimezoneWarning)
            return parser.parse(cleaned, fuzzy=True, dayfirst=bool(DAY_FIRST.match(cleaned))).date()
    except (ValueError, OverflowError):
        return None
