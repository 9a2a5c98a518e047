"""Sentence splitting (sentencex: rule-based, no data, handles Mr., U.S., $1.5 and quotes).

sentencex decides quotation boundaries by pairing quote marks. Scraped news mixes quote
styles (``"...,'' he said``, curly and straight in one paragraph), so the pairing slips and
a quotation mark lands on the wrong side of a boundary: ``told Matt Lauer. "`` + ``It just
happened.``. Such pieces are fragments: a summary or an alignment that uses them shows a
dangling mark. ``_repair`` moves each stray mark to the sentence it belongs to, glues
attribution tails back on, and rejoins splits after a title abbreviation ("Ms. Clifford").

No sentence is longer than ``MAX_SENTENCE_CHARS``: a longer one (a run of words without a
full stop, a table flattened into a line) is cut at word boundaries, so no later stage, and
spaCy least of all (it refuses texts over a million characters), ever sees a giant text.
"""
from __future__ import annotations

import re

from sentencex import segment

from ..clean.bounds import chunks
from ..model import Article, Sentence
from .places import us_state_abbreviations

# Longer "sentences" are cut at word boundaries: far longer than any real sentence.
MAX_SENTENCE_CHARS = 2_000

# Invisible characters that pages put inside words (zero-width space, word joiner, byte-order
# mark, soft hyphen): they split "A\u200brwa" into two words for every later tokenizer.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
# A quotation mark standing alone at a sentence's end, after its final punctuation: the
# opening mark of the next sentence (``Lauer. "``).
_TRAILING_OPEN = re.compile(r"""(?<=[.!?…:,;])\s+(["“‘]|``)$""")
# A quotation mark followed by a space at a sentence's start: the closing mark of the
# previous sentence (``" Hannah, now 26, ...``). An opening mark touches its first word.
_LEADING_CLOSE = re.compile(r"""^(["”’]|'')\s+""")
# Titles that stand before a name and never end a sentence (sentencex knows Mr. and Dr.
# before most names, but not Ms.; "Dr. Who" or "Sen. Ted" after a capital can still split).
_TITLE_END = re.compile(
    r"\b(Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Cpl|Adm|Cmdr|Maj|Rev|Hon|Fr|Sr|Supt|Det|Insp|Amb|Pres)\.$"
)


# a state's AP abbreviation used as a modifier, not after "City," ("with Wash. Gov. Jay Inslee"):
# sentencex ends a sentence there; AP writes a state so only after a city or before a title
_STATE_MODIFIER_END = re.compile(r"(?<![,(-])\s(?:%s)\.$" % "|".join(re.escape(a) for a in us_state_abbreviations()))

# a piece ending on initials ("R-S.") and the next opening on one more that runs on ("C., said"):
# sentencex cut an abbreviation ("R-S.C.") between its letters
_INITIALS_END = re.compile(r"(?:^|[\s(-])(?:[A-Z]\.)+$")
_INITIAL_GOES_ON = re.compile(r"^[A-Z]\.(?:[,;:)]|\s+[a-z])")

# a clock time ending a piece, and what continues it: a weekday, a month or a time zone
_CLOCK_END = re.compile(r"\d\s?[ap]\.m\.$", re.IGNORECASE)
_DAY_OR_ZONE = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
                          r"April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|"
                          r"Sept?\.|Oct\.|Nov\.|Dec\.|[ECMP][SD]?T\b|GMT\b|UTC\b|BST\b|local time)")
# a whole sentence in parentheses that opens a piece, then the next sentence: "(It was re-released
# in 2013.) Thanks to ..." (sentencex does not end a sentence at ".)"; only a piece that opens
# with the parenthesis is cut, so "Sen. Rand Paul (R-Ky.) Thursday said" stays whole)
_PARENTHESISED_SENTENCE = re.compile(r"^\((?:[^()\s]+\s+){2,}[^()]*[.!?]\)(?=\s+[A-Z“\"‘])")


def _split_parenthesised(parts: list[str]) -> list[str]:
    out = []
    for s in parts:
        m = _PARENTHESISED_SENTENCE.match(s)
        out += [m.group(0), s[m.end():].lstrip()] if m else [s]
    return out


def split_text(text: str, language: str = "en") -> list[str]:
    out = []
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    for s in segment(language, text):
        s = " ".join(s.split())  # runs of whitespace to one space (what \s+ matches, faster)
        if s:
            out.append(s)
    return _bounded(_repair(_split_parenthesised(out)))


def _bounded(sentences: list[str], limit: int = MAX_SENTENCE_CHARS) -> list[str]:
    if all(len(s) <= limit for s in sentences):
        return sentences
    return [piece for s in sentences for piece in (chunks(s, limit, sentences=False) if len(s) > limit else [s])]


def _repair(parts: list[str]) -> list[str]:
    merged: list[str] = []
    carry = ""  # an opening quotation mark cut off the end of the previous piece
    for s in parts:
        if carry:
            s = carry + s
            carry = ""
        if merged:
            m = _LEADING_CLOSE.match(s)
            # the closing mark of the previous sentence; a straight mark only if that
            # sentence left a quotation open (some sites space their quotes: ``" We ... "``)
            if m and (m.group(1) == "”" or _open_quote(merged[-1])):
                merged[-1] += m.group(1)
                s = s[m.end():]
                if not s:
                    continue
        m = _TRAILING_OPEN.search(s)
        # the opening mark of the next sentence; a straight mark only if the rest is balanced
        if m and (m.group(1) in "“‘" or not _open_quote(s[: m.start()])):
            carry = m.group(1)
            s = s[: m.start()].rstrip()
        elif m:  # it closes this sentence's quotation: close up the space before it
            s = s[: m.start()].rstrip() + m.group(1)
        if merged and _INITIALS_END.search(merged[-1]) and _INITIAL_GOES_ON.match(s):
            merged[-1] += s  # "Graham, R-S." + "C., said": one abbreviation cut at its stops
            continue
        if merged and _joins_previous(merged[-1], s):
            merged[-1] = merged[-1] + " " + s
        elif s:
            merged.append(s)
    # a mark at the very end opens nothing in this text: it stays where it was
    if carry:
        if merged:
            merged[-1] += " " + carry
        else:
            merged.append(carry)
    return merged


def _open_quote(text: str) -> bool:
    """An odd number of double quotation marks: a quotation opens and does not close."""
    # the marks share no character, so counting each is counting the regex's matches
    return (text.count('"') + text.count("“") + text.count("”") + text.count("''") + text.count("``")) % 2 == 1


def _joins_previous(previous: str, s: str) -> bool:
    # sentencex can split after a closing quote followed by a lower-case attribution
    # ("... conflict,” he said."): glue such tails back on; after a title ("Ms. Clifford"); and
    # after a clock time when a day or a time zone follows ("at 10:40 p.m. Tuesday, police said").
    if s[:1].islower() or len(s.split()) <= 2 and not s[:1].isupper():
        return True
    if _CLOCK_END.search(previous) and _DAY_OR_ZONE.match(s):
        return True
    return bool(_TITLE_END.search(previous) or _STATE_MODIFIER_END.search(previous)) and s[:1].isupper()


def split_article(article: Article, start: int = 0) -> list[Sentence]:
    """Body paragraphs -> Sentences with stable ids ``<article id>#<n>``."""
    lang = article.language if article.language and len(article.language) == 2 else "en"
    out: list[Sentence] = []
    i = start
    for p, para in enumerate(article.body):
        for s in split_text(para, lang):
            out.append(Sentence(id=f"{article.id}#{i}", article_id=article.id, index=i, paragraph=p, text=s))
            i += 1
    return out
