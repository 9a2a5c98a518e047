"""A claim and its denial: "no formal charges have been filed" / "was charged with five crimes".

Two outlets' sentences are compared when they are each other's best match by the claim's rarer
words (align/pairs.py) — the same claim — and one denies, outside any quotation, a word that the
other states without a denial in its own clause. The published days decide the kind: the later
report affirming what the earlier denied is an ``update`` (charges filed since), else a
``contradiction``. Precision first: the denied word must be a word of the claim in both, a
quotation's denial is the speaker's, and manners of speaking ("did not respond", "not only")
deny nothing.
"""
from __future__ import annotations

from ..analysis import StoryAnalysis
from ..config import Config
from ..model import Divergence
from ..text import QUOTED, content_tokens
from .patterns import CAP, CLAUSE_BREAK, DENIAL, HYPOTHETICAL, NOT_A_DENIAL
from .pairs import claim_pairs
from .variants import norm_name, short, slot_divergence


# the words after a denied verb that say what it is done to
_OBJECT_WORDS = 2


def _outside_quotes(text: str) -> str:
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def _clauses(text: str) -> list[str]:
    cuts = [0] + [b.start() for b in CLAUSE_BREAK.finditer(text)] + [len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


def _names(clause: str) -> set[str]:
    return {norm_name(m.group(0)) for m in CAP.finditer(clause) if m.start() > 0 or len(m.group(0)) > 3}


def denied(text: str) -> list[tuple[set[str], set[str], set[str]]]:
    """What a sentence denies outside quotations: per denial, the denied words, what a denied
    verb is done to ("not been named [as a suspect]") and the names of its clause."""
    out = []
    plain = _outside_quotes(text)
    for clause in _clauses(plain):
        if NOT_A_DENIAL.search(clause) or HYPOTHETICAL.search(clause):
            continue  # a manner of speaking, or a denial under a condition ("wouldn't ... if")
        rest = plain[plain.index(clause):]
        for m in DENIAL.finditer(clause):
            words = content_tokens(m.group("thing") or m.group("verb") or "")
            # what the verb is done to may lie past the clause's end ("named | as a suspect")
            after = [w for w in rest[m.end():].split() if content_tokens(w)][:_OBJECT_WORDS] if m.group("verb") else []
            if words:
                out.append((words, content_tokens(" ".join(after)) - _names(clause), _names(clause)))
    return out


def _affirmed(text: str, words: set[str], objects: set[str], names: set[str]) -> set[str]:
    """Which of ``words`` the sentence states as done — to the same thing, when the denial says
    to what — in a clause that names one of ``names`` and neither denies nor supposes."""
    out: set[str] = set()
    for clause in _clauses(_outside_quotes(text)):
        said = content_tokens(clause)
        if DENIAL.search(clause) or HYPOTHETICAL.search(clause) or not _names(clause) & names:
            continue
        if objects and not objects & said:
            continue
        out |= said & words
    return out


def negation_divergences(an: StoryAnalysis, config: Config) -> list[Divergence]:
    out: list[Divergence] = []
    seen: set[tuple[str, ...]] = set()
    words, _ = an.claim_words()
    for i, j in claim_pairs(an, config.align.same_claim_denied):
        for neg, pos in ((i, j), (j, i)):
            hit = set()
            for denied_words, objects, names in denied(an.sentences[neg].text):
                hit |= _affirmed(an.sentences[pos].text, denied_words & words[pos], objects, names)
            if hit:
                d = _divergence(an, neg, pos, sorted(hit)[0])
                key = tuple(v.sentences[0] for v in d.variants)
                if key not in seen:  # copies of one pair of sentences: one report
                    seen.add(key)
                    out.append(d)
                break
    return out


def _divergence(an: StoryAnalysis, neg: int, pos: int, word: str) -> Divergence:
    sn, sp = an.sentences[neg], an.sentences[pos]
    dn, dp = an.article(sn.article_id).published, an.article(sp.article_id).published
    later_affirms = dn is not None and dp is not None and dp > dn
    kind = "update" if later_affirms else "contradiction"
    values = {f"not {word}": [(neg, sn.text)], word: [(pos, sp.text)]}
    d = slot_divergence(an, "claim", kind, values, about=f"claim — {short(min(sn.text, sp.text, key=len))}")
    if later_affirms:  # the later report first, as updates read
        d.variants.sort(key=lambda v: v.value.startswith("not "))
    return d
