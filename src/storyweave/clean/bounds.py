"""Size bounds on text: no article, line or sentence longer than a cap reaches later stages.

Scraped input holds monsters: a 15 MB page minified onto one line, a whole article with
no line breaks, a run of words with no full stop. Every later stage is at least linear in
the length of a line or a sentence and some are worse (spaCy refuses a text over a million
characters, E088), so pieces are cut here, where text enters, at the gentlest boundary
available: a line break, else a sentence end, else a space, else at the cap itself.
"""
from __future__ import annotations

import re

# A sentence end: final punctuation, closing quotes or brackets, then a space.
_SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’»)\]]*\s""")


def cut_point(text: str, limit: int, sentences: bool = True) -> int:
    """Where to cut ``text`` so that the piece before the cut holds at most ``limit``
    characters: the last line break, else sentence end (when ``sentences``), else space in the
    second half of that stretch; else at ``limit``. ``len(text)`` when no cut is needed."""
    if len(text) <= limit:
        return len(text)
    floor = limit // 2
    window = text[: limit + 1]  # a boundary right after the limit still counts
    cut = window.rfind("\n", floor)
    if cut > 0:
        return cut
    if sentences:
        last = None
        for last in _SENTENCE_END.finditer(window, floor):
            pass
        if last is not None:
            return last.end() - 1  # the space after the sentence
    cut = max(window.rfind(" ", floor), window.rfind("\t", floor))
    return cut if cut > 0 else limit


def chunks(text: str, limit: int, sentences: bool = True) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut as :func:`cut_point` says,
    each stripped; nothing but the whitespace at the cuts is lost."""
    if limit < 1:
        raise ValueError(f"a text bound must be at least 1 character, not {limit}")
    out: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = cut_point(rest, limit, sentences)
        piece = rest[:cut].strip()
        if piece:
            out.append(piece)
        rest = rest[cut:].lstrip()
    if rest:
        out.append(rest)
    return out


def cap_text(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at the gentlest boundary (see module)."""
    return text[: cut_point(text, limit)].rstrip()


def split_long_lines(text: str, limit: int) -> tuple[str, int]:
    """Every line of at most ``limit`` characters: longer lines become several lines, cut at
    sentence ends or spaces. Returns the text and how many lines were split."""
    if len(text) <= limit:
        return text, 0
    lines = text.split("\n")
    split = 0
    out: list[str] = []
    for line in lines:
        if len(line) > limit:
            out.extend(chunks(line, limit))
            split += 1
        else:
            out.append(line)
    return ("\n".join(out), split) if split else (text, 0)
