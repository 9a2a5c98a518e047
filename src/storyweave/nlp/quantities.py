"""Numbers with their units and hedges: "more than five hours", "about 3,000 people", "$1.2bn".

Each quantity becomes an interval, so that two reports can be compared: "about three hours"
and "more than three hours" overlap (a difference of precision), "more than five hours" and
"seven and a half hours" do not (a contradiction). Hedges widen the interval the way
journalists use them: "more than five" rarely means seven and a half.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

_UNITS = {
    # duration, normalised to hours
    "second": ("duration", 1 / 3600), "seconds": ("duration", 1 / 3600),
    "minute": ("duration", 1 / 60), "minutes": ("duration", 1 / 60), "mins": ("duration", 1 / 60),
    "hour": ("duration", 1.0), "hours": ("duration", 1.0), "hrs": ("duration", 1.0),
    "day": ("duration", 24.0), "days": ("duration", 24.0),
    "week": ("duration", 168.0), "weeks": ("duration", 168.0),
    "month": ("duration", 730.0), "months": ("duration", 730.0),
    "year": ("duration", 8760.0), "years": ("duration", 8760.0),
    # distance (km), mass (kg), speed
    "km": ("distance", 1.0), "kilometres": ("distance", 1.0), "kilometers": ("distance", 1.0),
    "kilometre": ("distance", 1.0), "kilometer": ("distance", 1.0),
    "miles": ("distance", 1.609), "mile": ("distance", 1.609), "metres": ("distance", 0.001),
    "meters": ("distance", 0.001), "m": ("distance", 0.001), "feet": ("distance", 0.0003048),
    "inch": ("distance", 0.0000254), "inches": ("distance", 0.0000254),
    "centimetres": ("distance", 0.00001), "centimeters": ("distance", 0.00001), "cm": ("distance", 0.00001),
    "kg": ("mass", 1.0), "kilograms": ("mass", 1.0), "tonnes": ("mass", 1000.0), "tons": ("mass", 907.0),
    "percent": ("percent", 1.0), "per cent": ("percent", 1.0), "%": ("percent", 1.0),
}
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a dozen": 12, "dozen": 12, "a couple of": 2, "a hundred": 100, "a thousand": 1000, "half an": 0.5, "half a": 0.5,
}
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3, "mn": 1e6, "tn": 1e12}
_CURRENCY = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "dollars": "USD", "pounds": "GBP",
             "euros": "EUR", "yuan": "CNY", "rupees": "INR"}

# hedge -> (low factor, high factor) applied to the stated number
_HEDGES = [
    (r"more than|over|upwards of|in excess of|above|exceeding|longer than", "more than", 1.0, 1.3),
    (r"at least|no fewer than|no less than|a minimum of", "at least", 1.0, 1.3),
    (r"about|around|approximately|roughly|some|an estimated|estimated|nearly|almost|close to|just under|"
     r"about|circa|c\.|up to|as many as|less than|under|fewer than|just over|just shy of", None, 0, 0),
]
_HEDGE_FACTORS = {
    "more than": (1.0, 1.3), "over": (1.0, 1.3), "upwards of": (1.0, 1.3), "in excess of": (1.0, 1.3),
    "above": (1.0, 1.3), "exceeding": (1.0, 1.3), "longer than": (1.0, 1.3), "just over": (1.0, 1.1),
    "at least": (1.0, 1.3), "no fewer than": (1.0, 1.3), "no less than": (1.0, 1.3), "a minimum of": (1.0, 1.3),
    "about": (0.85, 1.15), "around": (0.85, 1.15), "approximately": (0.85, 1.15), "roughly": (0.85, 1.15),
    "some": (0.85, 1.15), "an estimated": (0.8, 1.2), "estimated": (0.8, 1.2), "circa": (0.85, 1.15),
    "nearly": (0.85, 1.0), "almost": (0.85, 1.0), "close to": (0.85, 1.0), "just under": (0.9, 1.0),
    "just shy of": (0.9, 1.0), "up to": (0.6, 1.0), "as many as": (0.6, 1.0), "less than": (0.6, 1.0),
    "under": (0.6, 1.0), "fewer than": (0.6, 1.0),
}
# superlative modifiers state a bound and no more: "at least two trucks" holds of three, while
# "more than five hours" implies not much more (Geurts & Nouwen 2007, "At least et al.")
AT_LEAST = frozenset({"at least", "no fewer than", "no less than", "a minimum of"})
# hedges that round, neither bound: "about 600" and "600" say the same
APPROXIMATE = frozenset(h for h, (lo, hi) in _HEDGE_FACTORS.items() if lo < 1.0 < hi)
_HEDGE_RE = "|".join(sorted((re.escape(h) for h in _HEDGE_FACTORS), key=len, reverse=True))

_NUMWORD = "|".join(sorted((re.escape(w) for w in _SMALL), key=len, reverse=True))
# a thousands group after a comma and a space ("6, 728 yards") is how tokenised text writes 6,728,
# but never after a month: "May 5, 300 people" is a day and a count
_NOT_AFTER_MONTH = "".join(rf"(?<!{m}\s)" for m in (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.").replace(".", r"\.").split())
_NUM = (
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|{_NOT_AFTER_MONTH}\d{{1,3}}(?:,\s\d{{3}})+(?!\d)|\d+(?:\.\d+)?|(?:{_NUMWORD})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
    rf"(?P<half>\s+(?:and\s+)?a\s+half)?"
    rf"(?:\s*(?P<scale>hundred|thousand|million|billion|trillion|bn|mn|tn|m|k)\b)?"
)
# the low end of a range before a quantity: "eight to", "2.5 hours to", "between 20 and", "from 3 –"
_RANGE_HEAD = re.compile(
    rf"(?:\b(?P<between>between|from)\s+)?(?<![\w.,])(?P<lo>\d+(?:\.\d+)?|{_NUMWORD})(?:\s+(?P<lounit>[a-z]+))?"
    rf"\s*(?P<sep>to|–|and)\s*$",
    re.IGNORECASE,
)
_QTY = re.compile(
    rf"(?<![\w.$£€¥-])(?:(?P<hedge>{_HEDGE_RE})\s+)?(?P<cur>us\$|\$\s?us(?=\d)|\$|£|€|¥)?\s?{_NUM}"
    rf"(?P<pct>\s?%|\s+per\s?cent)?(?:[- ](?P<unit>[a-z]+(?:\s+cent)?))?(?![\w])",
    re.IGNORECASE,
)
# nouns that are not what a number counts ("two sides", "one of", "the two countries" are fine to keep)
_NOT_COUNTS = frozenset({"of", "and", "or", "to", "in", "on", "at", "the", "a", "an", "as", "by", "for", "from", "with",
                         "pm", "am", "gmt", "utc", "bst", "est", "pst", "cet", "per", "times", "time", "percentage"})
# what a count's head cannot be, read from the count heads of the dev stories (not one story):
# verbs and words a number comes before ("3 came forward", "won 5 straight", "12 went"), which end
# the noun phrase, and modifiers that may precede its head ("5 straight wins") but are none
_NOT_IN_PHRASE = frozenset("""came went fell met won lost struck hit threw thrown put held stood left sat
    stuck told got took gave made saw ran him her them respectively ago however whether never together""".split())
_NOT_NOUNS = _NOT_IN_PHRASE | frozenset("""other others another remaining straight most familiar early earlier
    later sooner short close live late first second third fourth fifth sixth seventh eighth ninth tenth
    last next""".split())
_YEARLIKE = re.compile(r"^(1[89]|20)\d{2}$")
# What a number counts is the head of the noun phrase after it ("four African countries",
# "two U.S. Capitol Police officers", "544 store managers"): the phrase runs over modifiers
# until a function word, a participle or punctuation, and its last word is the head.
_PHRASE_WORD = re.compile(r"\s*([A-Za-z][A-Za-z.'’-]*)")
_PHRASE_STOP = frozenset("""of and or but to in on at the a an as by for from with who whom which that whose
    were was are is be been being have has had will would could should may might can said says after before
    during since than then when where while into over under about against between among per this these
    those their his her its our your my them they he she it we you i not no also still now only just even
    already each more than yesterday today tomorrow tonight dead alive missing injured wounded hurt
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december off up down out back away ahead behind apiece
    along across near around inside outside throughout within without beyond toward towards via upon
    amid amidst despite beside besides below above beneath onto through until till like unlike except
    including aboard atop alongside amongst underneath versus vs here there again so too""".split())


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str  # surface form, e.g. "more than five hours"
    value: float  # in the base unit of its kind
    low: float
    high: float
    kind: str  # duration | duration:offset | distance | mass | percent | money:USD | count:<noun>
    hedge: str | None
    start: int
    end: int
    number: float = 0.0  # as written, in the unit written
    unit: str = ""  # the unit as written ("hours", "people", "USD")

    @property
    def display(self) -> str:
        return self.text


def _parse_number(num: str, half: str | None, scale: str | None) -> float | None:
    s = num.lower().replace(",", "").replace(" ", "") if num[:1].isdigit() else num.lower().replace(",", "")
    try:
        v = float(s)
    except ValueError:
        parts = re.split(r"[- ]", s)
        if s in _SMALL:
            v = float(_SMALL[s])
        elif len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
            v = float(_SMALL[parts[0]] + _SMALL[parts[1]])
        else:
            return None
    if half:
        v += 0.5
    if scale:
        v *= _SCALE[scale.lower()]
    return v


def _precision_band(num: str, value: float) -> float:
    """Relative tolerance implied by how the number is written: "3,000" is rounder than "2,947"."""
    digits = re.sub(r"\D", "", num)
    if not digits or not digits.strip("0"):
        return 0.0
    trailing = len(digits) - len(digits.rstrip("0"))
    if "." in num or trailing == 0 or value < 20:
        return 0.0
    return 0.05  # a round figure stands for a small range


def find_quantities(text: str) -> list[Quantity]:
    """Every comparable figure of a text, in order (a fresh list; the figures are immutable)."""
    return list(_quantities(text))


# "No. 3", "#2": a rank, not an amount (find_quantities leaves it out), yet two reports of one
# rank compare ("the No. 3 position" / "the No. 5 spot")
_RANK = re.compile(r"(?<![\w.])(?:No\.\s?|#)(\d{1,3})\b(?![.,]\d)")


def find_ranks(text: str) -> list[Quantity]:
    """Ranks written "No. 3" or "#3", as exact quantities of kind ``rank``."""
    return [Quantity(m.group(0), float(m.group(1)), float(m.group(1)), float(m.group(1)), "rank", None,
                     m.start(), m.end(), float(m.group(1)), "No.") for m in _RANK.finditer(text)]


@lru_cache(maxsize=8192)  # pure in the text; frames, slots, pairs and unique facts all ask about each sentence
def _quantities(text: str) -> tuple[Quantity, ...]:
    out: list[Quantity] = []
    for m in _QTY.finditer(text):
        num = m.group("num")
        unit = (m.group("unit") or "").lower()
        cur = (m.group("cur") or "").lower()
        scale = m.group("scale")
        # "a half hours" typo tolerance: "seven a half hours" -> the half regex handles "a half"
        value = _parse_number(num, m.group("half"), scale)
        if value is None:
            continue
        phrase = _head_noun(text, m.end("num")) if not cur and not m.group("pct") else None
        if not cur and not unit and not phrase and not m.group("pct"):
            continue  # a bare number: a year, an ordinal, a clock time — not comparable
        if _YEARLIKE.match(num) and not cur and unit not in _UNITS:
            continue
        # an age describes a person ("a 43-year-old congressman"): not a duration to compare
        if re.match(r"[- ]\w+[- ]old\b", text[m.end("num"):m.end("num") + 12], re.IGNORECASE):
            continue
        # the second half of a score or a range ("a 15-2 run", "won 65 - 53") counts nothing
        if re.search(r"\d\s*[-–—]\s*$", text[max(0, m.start() - 6):m.start()]):
            continue
        # a rank is not an amount: "No. 3 position", "#2 seed", "number 10"
        if re.search(r"(?:\bno\.?|#|\bnumber)\s*$", text[max(0, m.start() - 8):m.start()], re.IGNORECASE):
            continue
        # numbers glued to letters (G20, 4.30pm) or clock times are not quantities
        after = text[m.end("num"):m.end("num") + 3].lower()
        if re.match(r"[:.]\d", after) or re.match(r"\s?(am|pm|gmt)\b", after):
            continue
        # "eight days ago" dates an event (the dates resolve it against the article's day), and a
        # "zero-day" flaw measures nothing: neither is a duration to compare
        if unit in _UNITS and _UNITS[unit][0] == "duration" and (
                value == 0 or re.match(r"\s+ago\b", text[m.end("unit"):m.end("unit") + 5], re.IGNORECASE)):
            continue
        kind: str
        factor = 1.0
        uses_unit = True
        if m.group("pct") or unit in ("percent", "per cent"):
            kind, shown, uses_unit = "percent", "%", unit in ("percent", "per cent")
        elif cur or unit in _CURRENCY:
            code = _CURRENCY.get(cur or unit, "USD")
            kind, shown, uses_unit = f"money:{code}", code, unit in _CURRENCY
        elif unit in _UNITS:
            kind, factor = _UNITS[unit]
            shown = unit
            if kind == "duration" and _OFFSET_AFTER.match(text, m.end("unit")) \
                    and not _SPAN_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                kind = "duration:offset"  # "one day after the raid": the time between two events, not a length
        elif phrase and _counts_a_thing(phrase[0].lower()):
            if _PART_OF_A_SET.search(text, max(0, m.start() - 12), m.start()) \
                    or _PART_OF_A_SET_AFTER.match(text, m.end("num")):
                continue  # "the other nine jurors", "two more people": the rest of a set, not the set
            kind, shown = f"count:{_singular(phrase[0].lower())}", phrase[0]
        else:
            continue
        hedge = (m.group("hedge") or "").lower() or None
        base = value * factor
        lo_f, hi_f = _HEDGE_FACTORS.get(hedge or "", (1.0, 1.0))
        band = _precision_band(num, value)
        low, high = base * min(lo_f, 1 - band), base * max(hi_f, 1 + band)
        start = m.start()
        rng = None if hedge else _RANGE_HEAD.search(text, max(0, start - 40), start)
        if rng and (rng.group("sep").lower() != "and" or rng.group("between")):
            # "eight to fifteen years", "2.5 hours to four hours", "between 20 and 30 people": one
            # quantity, the interval between its ends (the low end's own reading is dropped)
            lo_value = _parse_number(rng.group("lo"), None, scale if not rng.group("lounit") else None)
            lo_unit = (rng.group("lounit") or "").lower()
            if lo_value is not None and 0 <= lo_value < value and (
                    not lo_unit or lo_unit.rstrip("s") == (unit or shown).lower().rstrip("s")):
                while out and out[-1].start >= rng.start("lo"):
                    out.pop()
                low = min(low, lo_value * factor * (1 - band))
                hedge = f"{lo_value:g} to" if abs(lo_value) < 1e6 else f"{lo_value:,.0f} to"  # as format_value
                start = rng.start()
        if kind.startswith("count:") and phrase:
            end = phrase[1]
        elif uses_unit and m.group("unit"):
            end = m.end("unit")
        else:
            end = max(m.end("num"), m.end("half") if m.group("half") else 0, m.end("scale") if scale else 0,
                      m.end("pct") if m.group("pct") else 0)
        prev = out[-1] if out else None
        if (kind.startswith("money:") and prev is not None and prev.kind.startswith("money:")
                and re.fullmatch(r"\s*\(\s*", text[prev.end:start]) and re.match(r"\s*\)", text[end:])):
            continue  # "$US1 million ($1.52 million)": the same amount in another currency
        if (kind == "duration" and prev is not None and prev.kind == "duration" and not hedge
                and _PART_GAP.fullmatch(text, prev.end, start) and prev.number > 0 and prev.value / prev.number > factor):
            # "4 minutes 48 seconds", "2 hours and 30 minutes": one length, written in two units
            out[-1] = Quantity(text[prev.start:end].strip(), prev.value + base, prev.low + low, prev.high + high,
                               kind, prev.hedge, prev.start, end, prev.number, prev.unit + text[prev.end:end])
            continue
        out.append(Quantity(text[start:end].strip(), base, low, high, kind, hedge, start, end, value, shown))
    return tuple(out)


# a length followed by the event it is counted from ("two days after the vote", "a week into the
# trial") measures the gap between two events, not how long one lasted ("for two days before")
_OFFSET_AFTER = re.compile(r"\s+(?:after|before|later|earlier|since|into|prior to)\b", re.IGNORECASE)
_SPAN_BEFORE = re.compile(r"\b(?:for|lasted|lasting|spent|took|takes)\s+"
                          r"(?:(?:about|nearly|almost|more than|over|some|at least)\s+)?$", re.IGNORECASE)
# a count of what is left or added ("the other nine jurors", "two more deaths", "three additional
# charges"): it counts part of a set another sentence may count whole
_PART_OF_A_SET = re.compile(r"\b(?:other|remaining)\s+$", re.IGNORECASE)
_PART_OF_A_SET_AFTER = re.compile(r"\s+(?:other|more|additional|further|remaining)\b", re.IGNORECASE)
_PART_GAP = re.compile(r"\s*(?:,\s*|and\s+|,\s*and\s+)?")


def _counts_a_thing(word: str) -> bool:
    """Can ``word`` (the head read after a number) be what the number counts?"""
    if len(word) <= 2 or word in _NOT_COUNTS or word in _NOT_NOUNS:
        return False
    return not (len(word) >= 7 and word.endswith("ly") and word not in ("assembly", "anomaly", "monopoly"))


def _head_noun(text: str, start: int, limit: int = 5) -> tuple[str, int] | None:
    """The last word of the noun phrase that opens at ``start`` (at most ``limit`` words),
    and where it ends."""
    pos, head, end = start, None, start
    for _ in range(limit):
        m = _PHRASE_WORD.match(text, pos)
        if not m:
            break
        word = m.group(1)
        low = word.lower().rstrip(".'’")
        if not low or low in _PHRASE_STOP or low in _NOT_IN_PHRASE or (head and (low.endswith("ed") or low.endswith("ing"))):
            break
        head, pos, end = word, m.end(), m.start(1) + len(word.rstrip(".'’"))
        if text[pos:pos + 1] in ",;:—–)(\"“”!?":
            break
    if head is None:
        return None
    head = head.rstrip(".'’")
    if not head.isalpha() or head.isupper():  # "U.S.", "GMT": a modifier or a code, not a counted thing
        return None
    return head, end


_IRREGULAR = {"women": "woman", "men": "man", "people": "people", "children": "child", "police": "police"}


def _singular(w: str) -> str:
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")) and len(w) > 4:  # inches, passes, boxes
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


_BARE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d,]\d)|\b(" + "|".join(
    w for w in _SMALL if " " not in w and _SMALL[w] >= 2) + r")\b", re.IGNORECASE)


def numbers_in(text: str, kind: str | None = None) -> set[float]:
    """Every number written in ``text``, bare or counting ("9-3", "nine in favor"), two and up;
    with ``kind``, not those that measure something else ("two days" is no count of countries)."""
    taken = [(q.start, q.end) for q in _quantities(text) if kind and q.kind.split(":")[0] != kind.split(":")[0]]
    found = {float(m.group(1).replace(",", "")) if m.group(1) else float(_SMALL[m.group(2).lower()])
             for m in _BARE.finditer(text) if not any(a <= m.start() < b for a, b in taken)}
    return {v for v in found if v >= 2}


def compatible(a: Quantity, b: Quantity, tolerance: float = 0.02, open_bounds: bool = True) -> bool:
    """Can both statements be true of the same thing? (``open_bounds=False``: "at least" as a band)"""
    # "at least two" against a figure holds of any figure above; two such bounds keep their
    # bands: "at least 10 dead" and "at least 30 dead" are two counts
    for x, y in ((a, b), (b, a)) if open_bounds else ():
        if x.hedge in AT_LEAST and y.hedge not in AT_LEAST:
            return y.high * (1 + tolerance) >= x.low
    return a.low <= b.high * (1 + tolerance) and b.low <= a.high * (1 + tolerance)


def same_statement(a: Quantity, b: Quantity) -> bool:
    return abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value)) and (a.hedge or "") == (b.hedge or "")


def format_value(q: Quantity) -> str:
    """A normalised value string for the JSON contract: hedge + number + unit."""
    v = q.number
    num = f"{v:g}" if abs(v) < 1e6 else f"{v:,.0f}"
    if q.kind == "rank":
        return f"No. {num}"
    sep = "" if q.unit == "%" else " "
    return f"{q.hedge + ' ' if q.hedge else ''}{num}{sep}{q.unit}".strip()


_NUMBER_TOKEN = re.compile(r"[\d.,]+$")


def counted_words(q: Quantity) -> list[str]:
    """The words a count's number is followed by, its head last: "two U.S. Capitol Police
    officers" -> [U.S., Capitol, Police, officers]; "around 30 youths" -> [youths]."""
    tokens = q.text.split()
    last = max((k for k, t in enumerate(tokens)
                if _NUMBER_TOKEN.match(t) or t.lower() in _SMALL or t.lower() in _SCALE), default=-1)
    return tokens[last + 1:]
