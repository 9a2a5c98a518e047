"""Speakers across outlets: one quote given to different people, and what a person said that
another outlet reports that person saying."""
from __future__ import annotations

import re
from collections import defaultdict

from ..analysis import StoryAnalysis
from ..model import Divergence, Variant
from ..nlp.quotes.vocab import SPEECH
from ..text import quoted_share
from .patterns import PRONOUN_SUBJECT, QUOTED

# "..., said Ida Venn": words at most between an inverted speech verb and its speaker's name
_INVERTED_GAP = 1


def quote_divergences(analysis: StoryAnalysis, quotes: list) -> list[Divergence]:
    """One quote, different people: outlets disagree on who said it.

    Only people, each named (surname) outside the quotation marks in the outlet's own
    sentence with the other's surname absent: a resolved "he said" may be our error, and an
    organisation against its spokesperson or a couple sharing a surname is no disagreement.
    """
    by_id = {s.id: s for s in analysis.sentences}
    ents = analysis.entity_index
    out = []
    for q in quotes:
        attributions = {a: sp for a, sp in getattr(q, "attributions", {}).items()
                        if sp and (ents is None or ents.type_of(sp) == "person")}  # None: no speaker given
        surnames = {sp: sp.split()[-1] for sp in attributions.values()}
        if len(set(surnames.values())) < 2:
            continue
        named: dict[str, list[str]] = defaultdict(list)
        for article, speaker in attributions.items():
            outside = QUOTED.sub(" ", " ".join(
                by_id[sid].text for sid in q.sentence_ids if sid in by_id and by_id[sid].article_id == article))
            own = re.search(rf"\b{re.escape(surnames[speaker])}\b", outside)
            others = any(re.search(rf"\b{re.escape(o)}\b", outside) for o in set(surnames.values()) - {surnames[speaker]})
            if own and not others:
                named[speaker].append(article)
        if len(named) < 2:
            continue
        words = q.text.split()
        short = " ".join(words[:8]) + ("…" if len(words) > 8 else "")

        def ids(arts: list[str]) -> list[str]:
            return [sid for sid in q.sentence_ids if sid in by_id and by_id[sid].article_id in arts]

        variants = [Variant(text=speaker, value=speaker, citations=arts, sentence_ids=ids(arts),
                            sentences=[by_id[sid].text for sid in ids(arts)])
                    for speaker, arts in sorted(named.items(), key=lambda kv: -len(kv[1]))]
        out.append(Divergence(about=f"who said “{short}”", kind="contradiction", variants=variants, attribute="speaker"))
    return out


def heard_elsewhere_sentences(analysis: StoryAnalysis) -> set[int]:
    """Sentences reporting what a person said when another outlet also reports that person
    speaking: outlets quote and paraphrase one statement in words too far apart to match.
    The speaker is the quotation's (``analysis.quotes``), else the subject of the sentence's
    speech verb (a person named before it, or right after it in "..., said Ida Venn"), else, for
    "She said ...", the person the sentence before names. People the speech is about are not
    speaking: in "Beck and O'Reilly have criticized Mr. Trump" Trump says nothing."""
    ents = analysis.entity_index
    if ents is None:
        return set()
    quoted: dict[int, str | None] = {}
    for q in analysis.quotes or []:
        for sid in q.sentence_ids:
            i = analysis.sentence_index(sid)
            if i is not None:
                quoted[i] = q.attributions.get(analysis.sentences[i].article_id) or q.speaker
    people: list[set[str]] = []
    prev: dict[str, set[str]] = {}
    for i, s in enumerate(analysis.sentences):
        persons = [m for m in ents.mentions[i] if m.type == "person"] if ents.mentions else []
        who: set[str] = set()
        if quoted.get(i):
            who = {quoted[i]}
        elif not quoted_share(s.text):
            verb = _speech_verb(s.text)
            if verb is not None:
                who = _subject(s.text, verb, persons)
                if not who and PRONOUN_SUBJECT.match(s.text):
                    who = prev.get(s.article_id, set())
        people.append(who)
        named = {n for n, t in ents.by_sentence[i] if t == "person"}
        if named:
            prev[s.article_id] = named
    heard: dict[str, set[str]] = defaultdict(set)
    for i, s in enumerate(analysis.sentences):
        for n in people[i]:
            heard[n].add(s.article_id)
    return {i for i, s in enumerate(analysis.sentences) if any(heard[n] - {s.article_id} for n in people[i])}


def _speech_verb(text: str) -> tuple[int, int] | None:
    """The span of the first speech verb ("said", "told", "declined") in the sentence."""
    for m in re.finditer(r"\S+", text):
        if m.group(0).strip(".,;:!?“”\"'’").lower() in SPEECH:
            return m.start(), m.end()
    return None


def _subject(text: str, verb: tuple[int, int], persons: list) -> set[str]:
    """The people who speak: named before the verb, or, when the verb is inverted after a comma,
    named right after it."""
    before = {m.name for m in persons if m.end <= verb[0]}
    if before:
        return before
    if text[:verb[0]].rstrip().endswith(","):
        return {m.name for m in persons
                if m.start >= verb[1] and len(text[verb[1]:m.start].split()) <= _INVERTED_GAP}
    return set()
