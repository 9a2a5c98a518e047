"""The one text module: tokens, stop words, stems, shingles and URL dates, for every stage.

Stages used to keep private copies of these; two URL-date regexes meant clustering and the
brief could date one article differently. Each vocabulary here is named for what it is for:
a word that is noise for one purpose (a weekday, for an event's content) is signal for
another (a date), so there is a shared core and named extensions, not one list for all.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import zlib
from functools import lru_cache

# Lower-case word tokens: letters and digits, with an apostrophe suffix kept attached ("xi's")
TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
# Plain alphanumeric runs (no apostrophes): what concepts, shingles and event words use
WORD = re.compile(r"[a-z0-9]+")

# Function words and reporting verbs: shared by every "content words" notion below.
FUNCTION_WORDS = frozenset(
    "the a an and or but of to in on at for with from by as is are was were be been being has have had it its "
    "this that these those he she they we you i his her their our not no will would can could said says say "
    "after before about over into than then there which who whom what when where while more most also mr mrs "
    "ms dr".split()
)
# Alignment's content words: function words plus fillers that say nothing about which fact it is.
STOP_WORDS = FUNCTION_WORDS | frozenset(
    "s t just only other such some any each both all if so up out one who's".split()
)
# The summary's concepts (word pairs): a pair of these is no concept.
CONCEPT_STOP_WORDS = frozenset(
    "a an the and or but of to in on at for with from by as is are was were be been being has have had do does "
    "did it its this that these those he she they we you i me my our your his her their them him us not no "
    "will would can could should may might must shall said says say told tell also just only than then there "
    "here which who whom whose what when where why how while if so up out about into over after before more "
    "most some any all each both other such very one new".split()
)
# A timeline event's content: dates themselves say nothing about which event it is.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
EVENT_STOP_WORDS = frozenset(
    "the a an and or but of to in on at for with from by as is are was were be been has have had it its this that "
    "he she they his her their who which what when after before about than more also mr mrs ms not no will would "
    "said says say earlier later last next".split()
) | frozenset(WEEKDAYS) | frozenset(MONTHS)

NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion dozen dozens half".split()
)
_WORD_VALUES = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


@lru_cache(maxsize=65536)  # pure: a function of the word alone; a story repeats its words
def stem(word: str) -> str:
    """Crude suffix stripping: enough to let "talks"/"talked"/"talking" count as one word."""
    for suf in ("ing", "ed", "es", "s"):
        if len(word) > len(suf) + 3 and word.endswith(suf):
            return word[: -len(suf)]
    return word


def content_word(w: str) -> str | None:
    """A lower-cased token as a content word (stemmed), or None for function words and figures."""
    w = w.split("'")[0]
    if w in STOP_WORDS or len(w) < 2 or w in NUMBER_WORDS or w[0].isdigit():
        return None
    return stem(w)


# token -> its content word or None: a pure function of the token, cached because a story
# repeats its words and this runs for every sentence of every article
_CONTENT_WORD: dict[str, str | None] = {}
_UNSEEN = object()


def content_tokens(text: str) -> set[str]:
    """Lower-cased content words, crudely stemmed, for lexical overlap.

    Numbers are left out on purpose: two reports of one fact with different figures must
    still align, so that the figures can be compared (see align/).
    """
    cache = _CONTENT_WORD
    words = TOKEN.findall(text.lower().replace("’", "'"))
    try:
        out = set(map(cache.__getitem__, words))
    except KeyError:  # new words: look each up once (another thread may clear the cache meanwhile)
        if len(cache) > 200_000:  # bounded: a long-running server meets new words forever
            cache.clear()
        out = set()
        for w in set(words):
            c = cache.get(w, _UNSEEN)
            if c is _UNSEEN:
                c = cache[w] = content_word(w)
            out.add(c)
    out.discard(None)
    return out


def number_tokens(text: str) -> set[str]:
    """The figures of a sentence, normalised ("seven" -> "7", "2,000" -> "2000")."""
    out = set()
    for w in TOKEN.findall(text.lower().replace(",", "")):
        if w[0].isdigit():
            out.add(w.rstrip("stndrh") or w)
        elif w in _WORD_VALUES:
            out.add(_WORD_VALUES[w])
    return out


def event_words(text: str) -> set[str]:
    """Content words of a timeline event (dates, function words and plurals folded away)."""
    out = set()
    for w in WORD.findall(text.lower().replace("’s", "").replace("'s", "")):
        if w not in EVENT_STOP_WORDS and len(w) > 1:
            out.add(w[:-1] if len(w) > 4 and w.endswith("s") else w)
    return out


# ---- the same claim in other words ------------------------------------------------------------

def claim_words(token_sets: list[set[str]]) -> tuple[list[set[str]], dict[str, float]]:
    """Each sentence's content words without date words (a changed weekday must not lower a
    match), and each word's rarity among the sentences (inverse sentence frequency)."""
    dates = frozenset(WEEKDAYS) | frozenset(MONTHS)
    words = [t - dates for t in token_sets]
    df: dict[str, int] = {}
    for t in words:
        for w in t:
            df[w] = df.get(w, 0) + 1
    n = len(words)
    return words, {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


CLAIM_MIN_SHARED = 3  # fewer shared words than this is no shared claim


def claim_score(a: set[str], b: set[str], idf: dict[str, float], min_shared: int = CLAIM_MIN_SHARED) -> float:
    """Rarity-weighted overlap of two sentences' words (a cosine over idf weights: both must
    say the same; containment alone lets a short sentence match any long one). The words a
    story's sentences all share (its names, its topic) weigh little; a claim's specifics much."""
    shared = a & b
    if len(shared) < min_shared:
        return 0.0
    wa, wb = sum(idf[w] for w in a), sum(idf[w] for w in b)
    if not wa or not wb:
        return 0.0
    return sum(idf[w] for w in shared) / math.sqrt(wa * wb)


# ---- quotations and attribution -------------------------------------------------------------------

# Quotation marks as plain-text corpora write them (LaTeX and the Penn Treebank: ``...''), with
# the spaces tokenised text leaves inside them
_TEX_OPEN = re.compile(r"``\s*")
_TEX_CLOSE = re.compile(r"\s*''")


_SPLIT_NOT = re.compile(r"(?<=\w) n['’]t\b")  # tokenised "do n't", "ca n't"


def untokenised(text: str, tex_quotes: bool | None = None) -> str:
    """A corpus's tokenised typography as news writes it: ``We do n't know,'' she said ->
    “We don't know,” she said. Text written so already is returned as it is. ``tex_quotes``:
    whether the document writes ``quotes'' (default: whether this text does)."""
    if "``" in text if tex_quotes is None else tex_quotes:
        text = _TEX_CLOSE.sub("”", _TEX_OPEN.sub("“", text))
    return _SPLIT_NOT.sub(lambda m: m.group(0)[1:], text) if " n" in text else text


QUOTED = re.compile(r"[“\"][^”\"]*[”\"]|‘[^’]{12,}’")
# who said it is not what was said: "Name (title) said", "said Name", "according to Name"
ATTRIBUTION = re.compile(
    r"(?:\b(?:said|says|told \w+|added|according to)\s+(?:(?:the|a|an)\s+)?(?:[a-z]+\s+){0,3}(?:[A-Z][\w’'-]+\s*){1,4}"
    r"(?:,\s+(?:the\s+|a\s+|an\s+)?[^,.;“”\"]{3,80}(?=[,.;]|$))?)"  # ... and the speaker's title
    r"|(?:(?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+,\s+[^,;“”\"]{3,80},\s+(?:said|says|told \w+|added)\b)"
    r"|(?:(?:[A-Z][\w’'-]+\s+){1,4}(?:said|says|told|added)\b)"
)


# Words a title leaves in lower case ("Harry Potter and the Deathly Hallows").
TITLE_SMALL_WORDS = frozenset("a an the and or nor but of in on at to for with by from as than into onto "
                              "over through up via vs v per".split())


def is_title(text: str) -> bool:
    """A name in quote marks, not words spoken: every word but the small ones capitalised, one
    sentence at most ("State of the Union With Candy Crowley", "More Money Than God"). Shouted
    words (all capitals) are speech."""
    body = text.strip().rstrip(".,!?;:…").strip()
    words = [w.strip("()[]“”\"‘’'") for w in body.split()]
    words = [w for w in words if w and any(c.isalpha() for c in w)]
    if not words or body.isupper() or any(m in body for m in (". ", "! ", "? ")):
        return False
    return all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)


def quoted_share(text: str) -> float:
    """The share of a sentence's characters inside quotation marks."""
    return sum(len(m.group(0)) for m in QUOTED.finditer(text) if len(m.group(0)) > 4) / max(1, len(text))


def claim_text(text: str) -> str:
    """What a sentence claims, without who is credited with it: the quotation itself when it is
    most of the sentence ("…,” Mick Mulvaney, the acting chief of staff, told reporters), else
    the sentence without its attribution. Two statements by one spokesman are not one fact."""
    if quoted_share(text) >= 0.5:
        return " ".join(m.group(0) for m in QUOTED.finditer(text))
    return ATTRIBUTION.sub(" ", text)


# ---- spelling -------------------------------------------------------------------------------------

CAPITALISED = re.compile(r"\b[A-Z][a-zA-Z’'-]+")  # a cheap, model-free stand-in for names

# An embedded post's sign-off, as news pages scrape it: "— Donald J. Trump (@realDonaldTrump)
# January 5, 2018" after a tweet's text, "A post shared by Jo Bell (@jobell) on Jun 20, 2017 at
# 12:38pm PDT" after an Instagram caption: who posted it and when (quotes and the timeline read it)
_POST_DATE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}"
POST_SIGNOFFS = (
    re.compile(r"(?:^|\s)[—–]\s*(?P<name>[^\s()@—–][^()@—–\n]{0,60}?)\s*\(@(?P<handle>\w{1,30})\)\s+"
               rf"(?P<date>{_POST_DATE})\s*$"),
    re.compile(r"(?:^|\s)A post shared by\s+(?P<name>[^()@\n]{1,60}?)\s*\(@(?P<handle>[\w.]{1,30})\)\s+on\s+"
               rf"(?P<date>{_POST_DATE})(?:\s+at\s+[\d:]+\s*[ap]m(?:\s+[A-Z]{{2,4}})?)?\s*$"),
)


_SIGNOFF_REACH = 200  # a sign-off is short: only a text's last characters are read
# the links a scraped post ends on ("pic.twitter.com/x1y2", "https://t.co/x1y2")
POST_LINKS = re.compile(r"(?:\s*(?:pic\.twitter\.com/\w+|https?://t\.co/\w+))+\s*$")


def post_signoff(text: str) -> re.Match | None:
    """The sign-off an embedded post's text ends on (``name``, ``handle`` and ``date`` groups), if any."""
    start = max(0, len(text) - _SIGNOFF_REACH)
    for pattern in POST_SIGNOFFS:
        m = pattern.search(text, start)
        if m:
            return m
    return None


def post_body(text: str, signoff: re.Match) -> str:
    """The post's own words: the text before its sign-off, without the links it ends on."""
    return POST_LINKS.sub("", text[:signoff.start()]).rstrip()

def one_edit_apart(a: str, b: str) -> bool:
    """One letter added, dropped, changed or two swapped ("Tump" / "Trump", "Preibus" / "Priebus"),
    a plural "s" aside."""
    if a == b or abs(len(a) - len(b)) > 1 or a + "s" == b or b + "s" == a:
        return False  # a plural is no misspelling
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    return a[i + 1:] == b[i + 1:] or (a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1])


# ---- shingles ---------------------------------------------------------------------------------

_W = re.compile(r"\w+")


def sentence_shingles(text: str, k: int = 3) -> set[int]:
    """Word k-gram hashes of one sentence (process-local hashes: for comparisons within a run)."""
    text = text.replace("’", "'")
    # lower-casing the whole text finds the same words only in ASCII ("İ" lower-cases to two
    # characters); elsewhere each word is lower-cased on its own
    words = _W.findall(text.lower()) if text.isascii() else [w.lower() for w in _W.findall(text)]
    if len(words) < k:
        return {hash(" ".join(words))} if words else set()
    if k == 3:  # the common case, without a join per position
        return {hash(f"{a} {b} {c}") for a, b, c in zip(words, words[1:], words[2:])}
    return {hash(" ".join(words[i: i + k])) for i in range(len(words) - k + 1)}


def stable_shingles(text: str, k: int = 5) -> set[int]:
    """crc32 of word k-grams: stable across processes, so a stored MinHash stays comparable."""
    words = WORD.findall(text.lower())
    if len(words) < k:
        return set()
    return {zlib.crc32(" ".join(words[i: i + k]).encode()) for i in range(len(words) - k + 1)}


def containment(a: set[int], b: set[int]) -> float:
    """Share of the smaller set found in the other: survives a clause cut from a copy."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


# ---- dates written in URLs --------------------------------------------------------------------

_URL_DATE_SLASHED = re.compile(r"/((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)(?:/|\b)")
_URL_DATE_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")


def url_date(url: str | None) -> dt.date | None:
    """The publication day many news URLs carry: /2018/04/17/world/..., /20180417-..., /2018-4-17/."""
    if not url:
        return None
    for rx in (_URL_DATE_SLASHED, _URL_DATE_COMPACT):
        m = rx.search(url)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None
