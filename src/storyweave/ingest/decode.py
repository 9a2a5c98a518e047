"""Bytes -> text, with the encoding that was used.

Strict UTF-8 first (most text is UTF-8, and bytes that happen to be valid UTF-8 while
meaning something else are vanishingly rare), then a charset the page or server declared,
then a guess. Guessing between legacy code pages is where readers go wrong: every
single-byte code page "decodes" every byte, and charset-normalizer, left alone, reads
Latin-1 "Señor, naïve" as cp1250 "Seńor, naďve" because both look equally orderly to it.
So we decode with each candidate (charset-normalizer's and the common code pages) and keep
the text that is most plausible for its language: its py3langid confidence (weighted low),
less a penalty for characters no text of that language holds (control codes, a symbol inside
a word, letters outside the language's alphabet, :mod:`.alphabets`, long words made mostly of
accented letters). Near-ties go to the encoding most common on the web, windows-1252 first
(what the HTML standard reads "latin-1" as). A guess is logged, naming the input.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from ..errors import InputError
from ..log import logger
from .alphabets import ALPHABETS

# Tried besides charset-normalizer's candidates, in this order of preference on a near-tie:
# the web's most common legacy code pages (Western, Central European, Cyrillic, Baltic, Turkish).
PREFERRED = ("cp1252", "iso8859-1", "iso8859-15", "cp1250", "iso8859-2", "cp1251", "koi8-r",
             "cp1257", "cp1254", "iso8859-9")
# Labels the HTML standard reads as windows-1252 (a superset: 0x80-0x9F are its quotes, dashes, euro).
_WINDOWS_1252_LABELS = {"iso8859-1", "ascii", "cp1252"}
# Scores closer than this are a tie: the preferred encoding wins.
_TIE = 0.01
# Enough text to judge a decoding; scoring all of a long text only costs time.
_SAMPLE_CHARS = 20_000
# What charset-normalizer reads to propose candidates (it samples inside this, too).
_SNIFF_BYTES = 1 << 20
# The detector's confidence counts for this much of a score: it tells Cyrillic read as Cyrillic
# from Cyrillic read as Latin letters, but it swings by tenths between near-identical texts,
# so the characters' penalties (below) decide between Latin code pages.
_CONFIDENCE_WEIGHT = 0.25
# Penalties per character, averaged over the sample's non-ASCII characters.
_IMPOSSIBLE = 10.0  # control codes, unassigned or private-use code points
_SYMBOL_IN_WORD = 3.0  # "³" in "zag³osowa³a": a letter that the wrong code page made a symbol
_FOREIGN_LETTER = 1.0  # "ď" in English, "õ" in Hungarian
_ALPHABET_SETS = [frozenset(a) for a in dict.fromkeys(ALPHABETS.values())]
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Words of at least five letters, and the share of accented letters past which such a word
# is implausible in any Latin-script language.
_LONG_WORD = re.compile(r"[^\W\d_]{5,}")
_ACCENT_SHARE = 0.6
_OK_CONTROLS = frozenset("\t\n\r\f\x1b")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # Python's codec name: utf-8, cp1252, iso8859-2 ...
    guessed: bool = False  # True when chosen by plausibility, not by UTF-8 or a declaration


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return True
    # control characters other than whitespace are rare in text
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return len(head) > 0 and ctrl / len(head) > 0.05


def decode(data: bytes, item: str, declared: Iterable[str | None] = (), check_binary: bool = True) -> Decoded:
    """Decode ``data`` (named ``item`` in errors); ``declared``: charsets the input names."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            pass
    if check_binary and looks_binary(data):
        raise InputError(item, "binary data, not text (expected .txt, .html, .json or .jsonl)")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    for label in declared:
        name = _codec(label)
        if name is None or name == "utf-8":
            continue  # unknown, or already tried
        if name in _WINDOWS_1252_LABELS:
            name = "cp1252" if _decodes(data, "cp1252") else name
        text = _decodes(data, name)
        if text is not None:
            return Decoded(text, name)
    return _guess(data, item)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def _decodes(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def candidates(data: bytes) -> list[str]:
    """The encodings worth trying: charset-normalizer's, then the preferred code pages."""
    from charset_normalizer import from_bytes

    names: list[str] = []
    for match in from_bytes(data[:_SNIFF_BYTES]):
        names.append(match.encoding)
        names.extend(match.could_be_from_charset)
    out = [n for n in (_codec(x) for x in [*names, *PREFERRED]) if n and n not in ("utf-8", "utf-16", "utf-32")]
    return list(dict.fromkeys(out))


def _guess(data: bytes, item: str) -> Decoded:
    # score each candidate on the start of the text; decode all of it only for the best few
    scored: list[tuple[float, int, str]] = []
    for rank, name in enumerate(candidates(data)):
        sample = _decodes_start(data, name)
        if sample is not None:
            scored.append((plausibility(sample), rank, name))
    scored.sort(reverse=True)
    fits: list[tuple[tuple[int, int], str, str]] = []  # (preference, name, text) of the near-best
    for score, rank, name in scored:
        if fits and score < best - _TIE:
            break
        text = _decodes(data, name)
        if text is not None:
            if not fits:
                best = score
            fits.append((_preference(name, rank), name, text))
    if not fits:
        raise InputError(item, "cannot tell the text encoding: no common encoding decodes it (binary data?)")
    _, name, text = min(fits, key=lambda f: f[0])  # among the near-best, the most common encoding
    logger.warning("%s: not UTF-8 and no charset declared; read as %s (the most plausible of %d encodings)",
                   item, name, len(scored))
    return Decoded(text, name, guessed=True)


def _decodes_start(data: bytes, encoding: str) -> str | None:
    """The first ``_SAMPLE_CHARS`` or so of the text, or None when they do not decode
    (a multi-byte character cut at the end of the slice is left out, not an error)."""
    try:
        return codecs.getincrementaldecoder(encoding)("strict").decode(data[: _SAMPLE_CHARS * 2], final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def _preference(name: str, rank: int) -> tuple[int, int]:
    return (PREFERRED.index(name), 0) if name in PREFERRED else (len(PREFERRED), rank)


def plausibility(text: str) -> float:
    """How much ``text`` reads like text of its language: the language detector's (weighted)
    confidence, less the average penalty of its non-ASCII characters."""
    from ..clean.language import detect

    language, confidence = detect(text)
    confidence *= _CONFIDENCE_WEIGHT
    odd = _NON_ASCII.findall(text)
    if not odd:
        return confidence
    judge_all = language is not None  # an unknown language's text may be in any script
    if language in ALPHABETS:
        alphabet: frozenset[str] | None = frozenset(ALPHABETS[language])
    elif language is None:  # the one alphabet that holds most of its letters
        alphabet = _best_alphabet(Counter(c.lower() for c in odd if _is_latin_letter(c)))
    else:  # a language we keep no alphabet for: only controls and symbols are judged
        alphabet = None
    penalty = sum(_penalty(text, m.start(), alphabet, judge_all) for m in _NON_ASCII.finditer(text))
    penalty += _FOREIGN_LETTER * _accent_heavy_letters(text)
    return confidence - penalty / len(odd)


def _accent_heavy_letters(text: str) -> int:
    """Letters of long words made mostly of accented Latin letters ("ïðîãîëîñîâàë": Cyrillic
    read as Latin-1). In Latin-script languages accents are a minority even in long words
    (Czech "přeplněný" 4 of 9, Vietnamese "người" 2 of 5)."""
    n = 0
    for m in _LONG_WORD.finditer(text):
        word = m.group()
        if word.isascii():
            continue
        accented = sum(1 for c in word if not c.isascii() and _is_latin_letter(c))
        if accented > _ACCENT_SHARE * len(word):
            n += accented
    return n


def _is_latin_letter(c: str) -> bool:
    return c.isalpha() and unicodedata.name(c, "").startswith("LATIN")


def _best_alphabet(letters: Counter) -> frozenset[str]:
    return max(_ALPHABET_SETS, key=lambda a: sum(n for c, n in letters.items() if c in a))


def _penalty(text: str, i: int, alphabet: frozenset[str] | None, judge_all: bool) -> float:
    c = text[i]
    cat = unicodedata.category(c)
    if cat in ("Cc", "Cn", "Co", "Cs") and c not in _OK_CONTROLS or c == "\ufffd":
        return _IMPOSSIBLE
    if cat[0] == "L" and cat != "Lm":
        if alphabet is None or c.lower() in alphabet or not judge_all and not _is_latin_letter(c):
            return 0.0
        return _FOREIGN_LETTER
    if cat[0] == "M":  # legacy code pages write accented Latin letters whole, never as base + mark
        return 0.0 if alphabet is None else _FOREIGN_LETTER
    if cat[0] == "S" or cat in ("No", "Lm"):
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalpha() and after.isalpha():
            return _SYMBOL_IN_WORD
    return 0.0
