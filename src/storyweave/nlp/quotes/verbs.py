"""Which words are speech verbs in use: "said", "tweeted", "would only say", "heard an officer
yell" — not the nouns and adjectives of the same spelling ("a report claiming", "his tweets",
"the reported deal")."""
from __future__ import annotations

from .items import Item
from .vocab import (AFTER_QUOTE, AUX, BARE_SPEECH, DETERMINERS, MODALS, NOUN_SUBJECT_OF, PERCEIVE,
                    POSSESSIVE_PRONOUNS, PREPOSITIONS, PRONOUNS, SPEECH, SPEECH_BASES, SPEECH_WITH)

END_MARKS = tuple(",!?—–")  # a quote that closes on one of these goes on into its attribution


def is_verb_word(items: list[Item], k: int) -> bool:
    """A speech verb in use, not a noun ("a report claiming", "his tweets", "the reported deal")."""
    it = items[k]
    if it.kind == "W" and (it.low in AFTER_QUOTE or it.low == "went" and k + 1 < len(items)
                           and items[k + 1].low == "on"):
        return _closes_quote(items, k) or _opens_quote(items, k)
    if it.kind == "W" and it.low in BARE_SPEECH and _after_modal(items, k):
        return True  # "would only say that “...”": a finite verb, not "declined to say"
    if heard_at(items, k) is not None:
        return True  # "heard an officer yell “...”": the bare verb of what someone heard
    if it.kind == "W" and it.low in SPEECH_WITH:
        return k + 1 < len(items) and items[k + 1].low == SPEECH_WITH[it.low] and not (
            k > 0 and items[k - 1].low in ("was", "were", "been", "be", "is", "are"))  # "as X pointed out"
    if it.kind != "W" or it.low not in SPEECH:
        return False
    if it.low.endswith("s") and k + 1 < len(items) and items[k + 1].kind == "W" and items[k + 1].low in NOUN_SUBJECT_OF:
        return False  # "government reports issued ...", "the claims were": a plural noun, the next verb's subject
    if it.low in ("called", "named") and k >= 1 and k + 1 < len(items) and items[k - 1].kind == "W" \
            and items[k - 1].text[:1].islower() and items[k - 1].low not in PRONOUNS and items[k - 1].low not in AUX \
            and (items[k + 1].kind == "E" or items[k + 1].text[:1].isupper()):
        return False  # "a consulting firm called OJT Heritage": a name given, not words said
    j = k - 1
    while j >= 0 and items[j].kind == "W" and items[j].low in ("also", "later", "then", "first", "further"):
        j -= 1
    if j < 0:
        return True
    prev = items[j]
    if prev.kind == "P" and prev.text in ("'s", "’s"):
        return False
    return not (prev.kind == "W" and (prev.low in DETERMINERS or prev.low in POSSESSIVE_PRONOUNS
                                      or prev.low in PREPOSITIONS and prev.low not in ("as", "to")))


def heard_at(items: list[Item], k: int) -> int | None:
    """The perceiving verb of "heard <someone> <bare speech verb at k>", if there is one."""
    if items[k].kind != "W" or items[k].low not in SPEECH_BASES:
        return None
    for j in range(k - 2, max(-1, k - 6), -1):
        if items[j].sent != items[k].sent or items[j].kind not in "WE":
            return None
        if items[j].kind == "W" and items[j].low in PERCEIVE:
            return j
    return None


def _after_modal(items: list[Item], k: int) -> bool:
    """A bare verb at items[k] after a modal, with no "not" between ("would only say")."""
    j = k - 1
    while j >= 0 and items[j].kind == "W" and items[j].low in ("only", "also", "simply", "just", "later", "then"):
        j -= 1
    return j >= 1 and items[j].kind == "W" and items[j].low in MODALS


def _opens_quote(items: list[Item], k: int) -> bool:
    """The verb at items[k] hands over to a quote with a colon or a comma, right after its
    subject's name or pronoun ("Quill continued: “...”"): as plain as the verb closing the quote."""
    return (k + 2 < len(items) and items[k + 1].kind == "P" and items[k + 1].text in ":," and items[k + 2].kind == "Q"
            and k >= 1 and (items[k - 1].kind == "E" or items[k - 1].kind == "W" and items[k - 1].low in PRONOUNS))


def _closes_quote(items: list[Item], k: int) -> bool:
    """The verb at items[k] ends a quote's attribution ("“...,” Quill continued", "“...,” went on
    Quill"): after the quote, its comma and at most the speaker's name or pronoun."""
    j = k - 1
    if j >= 0 and (items[j].kind == "E" or items[j].kind == "W" and items[j].low in PRONOUNS):
        j -= 1
    if j >= 1 and items[j].kind == "P" and items[j].text in ",—–":
        j -= 1  # the comma outside the marks
    return j >= 0 and items[j].kind == "Q" and items[j].text.rstrip("”\"’' ").endswith(END_MARKS)
