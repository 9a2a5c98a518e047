"""What a value measures: the words of its own clause.

Two sentences that share a story's words may each state a figure or a date of a different
event ("resigned on Friday" / "Politico reported in December"; "a 15 percent increase" /
"about 5 percent of imports"). A conflict between two values is shown only when their own
clauses share a word of what is measured — precision before recall: a wrong contradiction
misleads the reader more than a missed one.
"""
from __future__ import annotations

import re

from ..analysis import StoryAnalysis
from ..model import Divergence, Variant
from ..nlp.quantities import Quantity, compatible, counted_words, find_quantities, find_ranks, numbers_in
from ..text import MONTHS, WEEKDAYS, content_tokens
from .patterns import (CLAUSE_BREAK, FUTURE_CLAUSE, FUTURE_SPAN, PAST_AFTER, MODAL, PAST_SPAN, SPEECH_VERB,
                       TALLIES, TERM, WEEKDAY)
from .variants import date_compatible, event_dates, stated

# a date's value naming a day: a weekday, or a calendar day with or without its time
_DAY_VALUE = re.compile(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$|\d{4}-\d\d-\d\d", re.IGNORECASE)
# a date that modifies the noun after it ("the March 11 incident", "the Friday fire") dates that noun
_DATE_AS_MODIFIER = re.compile(r"\b(?:the|a|an|this|that|its|his|her|their)\s+$", re.IGNORECASE)
_NOUN_AFTER_DATE = re.compile(r",?\s+([a-z][a-z-]+)")
_DATE_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS) | frozenset(
    "day days week weeks month months year years today yesterday tomorrow morning afternoon evening night "
    "last earlier later ago early late".split())


# date words that name no calendar date by themselves, read against each article's own day
_SEASONS_AND_DEICTICS = frozenset("spring summer autumn fall winter yesterday today tomorrow tonight".split())
# a year after a determiner or a possessive is part of a name ("the 2015 agreement", "Obama's
# 2016 budget"): it names a thing, while "in 2016" dates its clause's event
_NAMING_YEAR = re.compile(r"(?:\b(?:the|a|an|its|his|her|their|this|that)|['’]s)\s+$", re.IGNORECASE)


def figures(text: str) -> list[Quantity]:
    """Every figure a value of a sentence may be compared by: its amounts, then its ranks."""
    return find_quantities(text) + find_ranks(text)


def year_role(text: str, at: int) -> str:
    """What the year at ``at`` does: ``year`` (dates its clause), or ``year:<noun>`` (names the
    noun after it, "the 2015 agreement" -> ``year:agreement``). Two years compare only in one role."""
    named = _NAMING_YEAR.search(text, 0, at)
    noun = re.match(r"\s+([A-Za-z-]+)", text[at + 4:]) if named and named.end() == at else None
    return f"year:{noun.group(1).lower()}" if noun else "year"


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding text[start:end]; a clause with nothing but the value in it ("For two
    months, ...") is read with the clause it opens (or, at the end, the one it closes)."""
    cuts = [0] + [m.start() for m in CLAUSE_BREAK.finditer(text)] + [len(text)]
    before = max((c for c in cuts if c <= start), default=0)
    after = min((c for c in cuts if c >= end), default=len(text))
    if not content_tokens(text[before:start] + " " + text[end:after]) - _DATE_WORDS:
        if after < len(text):
            after = min((c for c in cuts if c > after), default=len(text))
        else:
            before = max((c for c in cuts if c < before), default=0)
    return before, after


def clause_words(text: str, start: int, end: int, counted: bool = False) -> set[str]:
    """Content words of the value's clause, its units left out (a count keeps what it counts:
    "officers", "Democrats")."""
    before, after = clause(text, start, end)
    if counted:
        return content_tokens(text[before:after]) - _DATE_WORDS
    own = content_tokens(text[start:end]) | _DATE_WORDS
    return content_tokens(text[before:start] + " " + text[end:after]) - own


def act_words(text: str, start: int, end: int) -> set[str]:
    """What a date in text[start:end] dates, as the words of its clause naming the act ("was
    killed", "identified the victim", "said"), the names of who and where left out: two days
    disagree only on one act ("killed Wednesday" / "identified on Thursday" are two)."""
    before, after = clause(text, start, end)
    noun = _NOUN_AFTER_DATE.match(text, end)
    if noun and _DATE_AS_MODIFIER.search(text, 0, start) and content_tokens(noun.group(1)) - _DATE_WORDS:
        # "sentenced him for the March 11, 2005, incident that left four dead": the incident's day
        before, after = end, max(after, clause(text, noun.start(1), noun.end(1))[1])
    part = text[before:start] + " " + text[end:after]
    plain = re.sub(r"\b[A-Z][\w'’.-]*", " ", part)  # names, and the sentence's first word
    return (content_tokens(plain) - _DATE_WORDS) | ({"say"} if SPEECH_VERB.search(part) else set())


def _span(an: StoryAnalysis, index: int, v: Variant) -> tuple[int, int] | None:
    text = an.sentences[index].text
    at = text.find(v.text) if v.text else -1
    if at >= 0 and v.text != v.value or (at >= 0 and not v.value[:1].isdigit()):
        return at, at + len(v.text)
    for d in event_dates(an, index, spoken=True):  # a date variant holds the resolved value
        if v.value in (d.calendar, d.value) or d.surface.lower() == v.value.lower():
            return d.start, d.end
    for m in WEEKDAY.finditer(text):
        if m.group(1).lower() == v.value.lower():
            return m.start(), m.end()
    return (at, at + len(v.text)) if at >= 0 else None


def _placed(an: StoryAnalysis, v: Variant) -> list[tuple[int, tuple[int, int]]] | None:
    """Each of a variant's sentences with where its value stands; None when one cannot be placed."""
    out = []
    for sid in v.sentence_ids:
        i = an.sentence_index(sid)
        span = _span(an, i, v) if i is not None else None
        if span is None:
            return None
        out.append((i, span))
    return out


def _placements(an: StoryAnalysis, d: Divergence) -> list[list[tuple[int, tuple[int, int]]]] | None:
    """``_placed`` for every variant; None when any value cannot be placed."""
    out = [_placed(an, v) for v in d.variants]
    return None if any(p is None for p in out) else out


def _roles(an: StoryAnalysis, v: Variant, counted: bool) -> tuple[set[str], list[str]] | None:
    """A variant's clause words and clause texts over its sentences; None when a value cannot be placed."""
    placed = _placed(an, v)
    if placed is None:
        return None
    words: set[str] = set()
    texts: list[str] = []
    for i, span in placed:
        text = an.sentences[i].text
        words |= clause_words(text, *span, counted=counted)
        texts.append(text[slice(*clause(text, *span))])
    return words, texts


def left_over(qs_a: list[Quantity], qs_b: list[Quantity]) -> tuple[Quantity, Quantity] | None:
    """Two enumerations of one kind in the same order ("the No. 2 job ..., the No. 3 position"
    / "the No. 2 position ..., the No. 5 spot") that agree on every value but one: the one
    left on each side, at the same place, measures the same thing."""
    if len(qs_a) != len(qs_b) or len(qs_a) < 2:
        return None
    apart = [k for k, (qa, qb) in enumerate(zip(qs_a, qs_b)) if not compatible(qa, qb)]
    if len(apart) != 1:
        return None
    qa, qb = qs_a[apart[0]], qs_b[apart[0]]
    # "55 kilometers (34 miles)": a value the other side states too is agreed, not left over
    if any(compatible(qa, q) for q in qs_b) or any(compatible(qb, q) for q in qs_a):
        return None
    return qa, qb


def _enumerated(an: StoryAnalysis, d: Divergence) -> bool:
    """Two figures that are the one disagreement of two parallel enumerations (``left_over``)."""
    if len(d.variants) != 2 or any(len(v.sentence_ids) != 1 for v in d.variants):
        return False
    found = []
    for v in d.variants:
        i = an.sentence_index(v.sentence_ids[0])
        if i is None:
            return False
        found.append(figures(an.sentences[i].text))
    kinds = {q.kind for q in found[0] if q.text == d.variants[0].text}
    for kind in kinds:
        pair = left_over([q for q in found[0] if q.kind == kind], [q for q in found[1] if q.kind == kind])
        if pair and (pair[0].text, pair[1].text) == (d.variants[0].text, d.variants[1].text):
            return True
    return False


def same_role(an: StoryAnalysis, d: Divergence, embed, bar: float) -> bool:
    """Every variant's value shares a clause word with another variant's, or its clause is close
    in meaning to another's (cosine >= ``bar``: "the fire burned for six hours" / "crews needed
    eleven hours to bring the blaze under control"), or the two values are the one difference of
    two parallel enumerations: one thing measured."""
    if _enumerated(an, d):
        return True
    roles = [_roles(an, v, counted=d.attribute == "count") for v in d.variants]
    if any(r is None for r in roles):
        return True  # cannot tell: the finder's own tests stand
    flat = [t for _, texts in roles for t in texts]
    vectors = embed(flat) if flat else []
    owner = [k for k, (_, texts) in enumerate(roles) for _ in texts]

    def close(a: int, b: int) -> bool:
        if roles[a][0] & roles[b][0]:
            return True
        return any(float(vectors[x] @ vectors[y]) >= bar
                   for x in range(len(flat)) if owner[x] == a for y in range(len(flat)) if owner[y] == b)
    return all(any(close(a, b) for b in range(len(roles)) if b != a) for a in range(len(roles)))


def days_of_two_acts(an: StoryAnalysis, d: Divergence) -> bool:
    """A conflict of days ("Wednesday", "March 11, 2005", "last night") whose clauses name no act
    in common ("was killed Wednesday night" / "police identified her on Thursday"; "sentenced
    Saturday" / "the March 11 shooting"): two acts on two days. A year or a month dates too much
    of a story to say which act it dates, so those stay with the finders' own tests."""
    if d.attribute != "date" or not all(_DAY_VALUE.match(v.value or "") for v in d.variants):
        return False
    placements = _placements(an, d)
    if placements is None:
        return False
    acts = [set().union(*(act_words(an.sentences[i].text, *span) for i, span in placed)) for placed in placements]
    if not all(acts):
        return False  # a clause naming no act cannot tell
    return not any(acts[a] & acts[b] for a in range(len(acts)) for b in range(a + 1, len(acts)))


def on_a_guessed_day(an: StoryAnalysis, d: Divergence) -> bool:
    """A date conflict that needs a day read against a guess: "yesterday", "last night" in an
    article with no date of its own, read against the day the other articles give (the
    timeline says "date inferred"). Unless two variants that need no such guess disagree, the
    outlets may not disagree at all."""
    if d.attribute != "date":
        return False
    anchors = an.anchors or {}

    def solid(v) -> bool:
        words = set(re.findall(r"[a-z]+", (v.text or "").lower()))
        written = bool(re.search(r"\d", v.text or "") or words & {*MONTHS, *WEEKDAYS})  # not "yesterday", "last night"
        return written or any(a in anchors and not anchors[a][1] for a in v.citations)
    values = [v.value for v in d.variants if solid(v)]
    return not any(not date_compatible(a, b) for k, a in enumerate(values) for b in values[k + 1:])


def planned_and_done(an: StoryAnalysis, d: Divergence) -> bool:
    """A figure stated as a rule, plan, need or forecast ("can only be valid with a turnout of
    more than 50 percent") against one stated as what happened ("90 percent voted"): two facts.
    Two planned figures, or two reported ones, still compare."""
    if d.attribute == "date":
        return False  # a date planned and one reported is an update (align/variants.as_update)
    placements = _placements(an, d)
    if placements is None:
        return False
    modes = set()
    for placed in placements:
        found = {bool(MODAL.search(an.sentences[i].text[slice(*clause(an.sentences[i].text, *span))]))
                 for i, span in placed}
        if len(found) > 1:
            return False
        modes |= found
    return modes == {True, False}


def same_words(an: StoryAnalysis, d: Divergence) -> bool:
    """Do all variants of a date conflict write the same day-words ("Thursday" / "Thursday
    morning")? Then only the dates their articles were read against differ — an article without
    a publication date, or one written days later — and the outlets do not disagree."""
    if d.attribute != "date":
        return False
    words = []
    for v in d.variants:
        placed = _placed(an, v)
        if placed is None:
            return False
        # the date's words as written: weekday and month names, seasons, "yesterday", and its
        # figures ("9:40 p.m. on Tuesday" and "10:40 p.m. Tuesday" disagree on the hour)
        words.append(frozenset(w.lower() for i, span in placed
                               for w in WEEKDAY.findall(an.sentences[i].text[slice(*span)])
                               + [t for t in re.findall(r"[A-Za-z]+|\d+", an.sentences[i].text[slice(*span)])
                                  if t.isdigit() or t.lower() in MONTHS or t.lower() in _SEASONS_AND_DEICTICS]))
    return bool(words[0]) and all(w == words[0] for w in words)


def different_terms(an: StoryAnalysis, d: Divergence) -> bool:
    """Two lengths of different terms ("six months in county jail" / "three years probation"):
    a sentence's parts, not one length told two ways."""
    terms = set()
    for v in d.variants:
        placed = _placed(an, v)
        if placed is None:
            return False
        found = {m.group("term").lower() for i, (_, end) in placed if (m := TERM.match(an.sentences[i].text[end:]))}
        if len(found) != 1:
            return False
        terms |= found
    return len(terms) > 1


def past_and_future(an: StoryAnalysis, d: Divergence) -> bool:
    """A period counted back ("shrunk over the last 30 years") against a window ahead ("a chance
    of extinction in 40 years"): two periods, not one length told two ways."""
    ways = set()
    for v in d.variants:
        placed = _placed(an, v)
        if placed is None:
            return False
        for i, (start, end) in placed:
            text = an.sentences[i].text
            if PAST_SPAN.search(text[max(0, start - 20):start]) or PAST_AFTER.match(text[end:]):
                ways.add("past")
            elif FUTURE_SPAN.search(text[max(0, start - 20):start]) \
                    or FUTURE_CLAUSE.search(text[slice(*clause(text, start, end))]):
                ways.add("future")
            else:
                return False
    return ways == {"past", "future"}


def an_individual(d: Divergence, sentence_outcome) -> bool:
    """ "One neighbourhood group came to her defence" picks out one of its kind, it does not count
    them: against "five groups" it is no conflict, unless it counts an outcome ("one dead")."""
    for v in d.variants:
        if re.match(r"(?i)(?:one|a single)\s+\w", v.text) and not any(sentence_outcome(s, v.text)
                                                                       for s in v.sentences or []):
            return True
    return False


def unnamed_groups(d: Divergence, outcome_of) -> bool:
    """Counts of which one names no group: "around 30 youths", "12 people", "five charges" say
    how many, not which ones, unlike "two African countries", "four U.S. Capitol Police
    officers", "three charges of attempted murder" or "ten people killed" (an outcome,
    ``outcome_of(sentence, q)``, names them by what befell them). Where one side names none, the
    words around the two numbers cannot show they count one group: a story of many outlets counts
    people and things many ways (the crowd, those held, those hurt; the charges filed, those proved)."""
    named, outcomes = [], []
    for v in d.variants:
        found = stated(v)
        if not found or not all(q.kind.startswith("count:") for _, q in found):
            return False  # cannot tell
        named.append(any(len(counted_words(q)) > 1 or _OF_WHAT.match(s, q.end) for s, q in found))
        outcomes.append({o for s, q in found if (o := outcome_of(s, q))})
    if all(named):
        return False
    return not (all(outcomes) and set.intersection(*outcomes))


# "three charges of attempted murder": what is counted, named after the noun
_OF_WHAT = re.compile(r"\s+of\s+(?!(?:the|them|those|these|whom|which|all|us|you)\b)[a-z]")


def tallies(d: Divergence) -> bool:
    """Counts of what a player or team tallies in play (yards, points, rebounds ...): a game's,
    a season's and a career's are all written the same way, so two of them are two facts."""
    kinds = {q.kind for v in d.variants for _, q in stated(v)}
    return bool(kinds) and all(k.startswith("count:") and k[6:] in TALLIES for k in kinds)


def states_the_other(d: Divergence) -> bool:
    """Two figures where one outlet's sentence also writes the other's ("deadlocked at 9-3, with
    nine in favor and three voting for life" / "the nine voting for death"): that outlet states
    both, so the two were read into one frame, not told differently."""
    if len(d.variants) != 2:
        return False
    stated = [find_quantities(v.text)[:1] for v in d.variants]
    if not all(stated):
        return False
    (va, vb), ((qa,), (qb,)) = d.variants, stated
    return any(other.number >= 2 and v.sentences and all(other.number in numbers_in(s, other.kind) for s in v.sentences)
               for v, other in ((va, qb), (vb, qa)))


_ELAPSED = r"(?i)(?:\bafter\s+{v}|{v}\s+of\b)"  # the value, after "after" or before "of"


def elapsed_when_undated(an: StoryAnalysis, d: Divergence) -> bool:
    """Durations of an event still going on, counted to the time of writing ("after four days of
    rioting" / "eight days of the worst riots"): reports written on different days give different
    counts, so where an article has no date to order them by, they are no contradiction."""
    if d.attribute != "duration":
        return False
    for v in d.variants:
        pattern = re.compile(_ELAPSED.format(v=re.escape(v.text)))
        if not v.text or not any(pattern.search(s) for s in v.sentences or ()):
            return False
    return any(an.article(a).published is None for v in d.variants for a in v.citations)
