"""One statement, two days: when outlets quote the same words of one person but date them apart.

"'I feel badly for General Flynn,' Mr. Trump said on Monday." / "On Wednesday, Trump said he
feels 'badly' for Flynn": the same words of the same speaker are one statement, so the days
the outlets give for it cannot both be right. Sentence matching misses such pairs — the rest
of the sentences differ, and two sentences naming different days are taken for two events
(``StoryAnalysis.clash``) — so they are found here by what they quote. Precision first: the
quoted words shared must be rare in the story, each sentence names one person set (the same
on both sides) and one day of saying, and a pair is taken only when each sentence is the
other's best match in its outlet.
"""
from __future__ import annotations

from ..analysis import StoryAnalysis
from ..model import Divergence
from ..text import QUOTED, content_tokens
from .slots import said_on
from .variants import date_compatible, event_dates, short, slot_divergence

# the quoted words two sentences share must weigh this much (the sum of their rarity in the
# story, text.claim_words: a word in one sentence of 60 weighs ~3.7, one in every tenth ~2.2;
# the story's topic words ~0.5-1)
SHARED_QUOTE = 2.0


def statement_days(an: StoryAnalysis) -> list[Divergence]:
    """Date contradictions between two outlets' reports of one quoted statement."""
    _, idf = an.claim_words()
    said: dict[int, tuple[str, str]] = {}
    quoted: dict[int, set[str]] = {}
    for i, s in enumerate(an.sentences):
        words = content_tokens(" ".join(m.group(0) for m in QUOTED.finditer(s.text)))
        days = {(d.calendar or d.value): d.surface for d in event_dates(an, i, spoken=True) if said_on(s.text, d)}
        if words and len(days) == 1:
            said[i] = next(iter(days.items()))
            quoted[i] = words
    by_article: dict[str, list[int]] = {}
    for i in said:
        by_article.setdefault(an.sentences[i].article_id, []).append(i)

    def weight(i: int, j: int) -> float:
        return sum(idf.get(w, 0.0) for w in quoted[i] & quoted[j])

    out = []
    arts = list(by_article)
    for x in range(len(arts)):
        for y in range(x + 1, len(arts)):
            for i in by_article[arts[x]]:
                j = max(by_article[arts[y]], key=lambda k: weight(i, k))
                if weight(i, j) < SHARED_QUOTE or max(by_article[arts[x]], key=lambda k: weight(k, j)) != i:
                    continue
                (da, sa), (db, sb) = said[i], said[j]
                if date_compatible(da, db) or not _same_people(an, i, j):
                    continue
                out.append(slot_divergence(an, "date", "contradiction", {da: [(i, sa)], db: [(j, sb)]},
                                           about=f"date — {short(min(an.sentences[i].text, an.sentences[j].text, key=len))}"))
    return out


def _same_people(an: StoryAnalysis, i: int, j: int) -> bool:
    """Both sentences name people, and neither names one the other does not (the speaker and
    whom the words are about: a quote's words are not evidence across speakers)."""
    if an.entity_index is None:
        return False
    pi = {n for n, t in an.entity_index.by_sentence[i] if t == "person"}
    pj = {n for n, t in an.entity_index.by_sentence[j] if t == "person"}
    return bool(pi) and pi == pj
