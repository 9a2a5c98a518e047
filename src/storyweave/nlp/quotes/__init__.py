"""Direct quotes with their speakers, one record per quote however many outlets carry it.

Quotes are found per paragraph (a quote often spans sentences; one left open runs on into the
next paragraph), in curly or straight, double or single marks; quotes of fewer than four words
are scare quotes or titles and are skipped. Speakers come from the words that attribute each
quote (``attribute``), resolved through the story's entity index to canonical names
(``speakers``). Precision comes first: a quote whose speaker the text does not give, or gives
ambiguously, gets no speaker (``UNKNOWN``, None: ``speaker: null`` in the JSON) rather than a
nearby name, and an article's quotes are attributed from that article's text alone.

Modules: ``vocab`` (speech verbs, titles, cue words), ``items`` (quote spans, a paragraph as
items), ``speakers`` (phrases to names), ``attribute``, ``clauses`` and ``inversion`` (the rules),
``pronouns``, ``mentions`` and ``documents`` (who "he", a description or a document is),
``posts`` (embedded posts, signed by their account), ``merge`` (across outlets).
"""
from __future__ import annotations

from typing import Any

from ...model import Quote
from ..entities import EntityIndex
from .attribute import Attribution, attribute
from .items import Paragraph, continued_span, find_quote_spans, has_marks
from .merge import UNKNOWN, Found, clean, merge
from .posts import is_post, post_quotes
from .speakers import Article

__all__ = ["extract_quotes", "find_quote_spans", "UNKNOWN"]


def extract_quotes(analysis: Any, entities: EntityIndex) -> list[Quote]:
    """Direct quotes of the story, speakers resolved, merged across outlets."""
    paragraphs: dict[tuple[str, int], list[int]] = {}
    for i, s in enumerate(analysis.sentences):
        paragraphs.setdefault((s.article_id, s.paragraph), []).append(i)
    found: list[Found] = []
    articles: dict[str, Article] = {}
    last: dict[str, int] = {}  # article -> the paragraph read last
    chain: dict[str, list[tuple[Attribution, Found]]] = {}  # article -> the parts of a quotation left open
    for (article, pnum), idx in paragraphs.items():
        art = articles.setdefault(article, Article(entities, first=idx[0]))
        art.paragraph = pnum
        adjacent = last.get(article) == pnum - 1 and not is_post([analysis.sentences[i].text for i in idx])
        last[article] = pnum
        run = chain.pop(article, []) if adjacent else []
        para = Paragraph(idx, analysis, entities, continues=bool(run),
                         whole=bool(run) and _closed_later(analysis, paragraphs, article, pnum))
        atts = attribute(para, art, adjacent)
        for a in atts:
            f = Found(clean(a.quote.text), a.speaker, a.how, article, para.sentence_ids(analysis, a.quote))
            found.append(f)
            if run and a.opens:
                run.append((a, f))
                _one_speaker(run)
            if a is atts[-1] and a.quote.open:
                # the quotation runs on into the next paragraph
                chain[article] = run if run and run[-1][0] is a else [(a, f)]
            if not a.opens:
                run = []
    found += post_quotes(analysis, paragraphs, entities)
    return merge(found, [a.id for a in analysis.articles])


def _closed_later(analysis: Any, paragraphs: dict, article: str, pnum: int, within: int = 4) -> bool:
    """Is this paragraph, without marks, inside a quotation one of the next few closes without
    reopening it (text written one sentence per line: “A. / B. / C,” she said)?"""
    for k in range(pnum, pnum + within + 1):
        idx = paragraphs.get((article, k))
        if idx is None:
            return False
        text = " ".join(analysis.sentences[i].text for i in idx)
        if k == pnum and has_marks(text):
            return False
        if k > pnum and has_marks(text):
            return continued_span(text) is not None
    return False


def _one_speaker(run: list[tuple[Attribution, Found]]) -> None:
    """A quotation over several paragraphs has one speaker, whichever paragraph names it."""
    named = [a.speaker for a, _ in run if a.speaker and a.how != "continued"]
    speaker = named[0] if named else None
    if not speaker or len(set(named)) > 1:
        # nobody named (a speaker carried over from the quote before is a guess, not spread
        # further: "X, director of Y, commented," may introduce it), or two names
        return
    for a, f in run:
        if a.speaker != speaker:
            a.speaker, f.speaker, f.how = speaker, speaker, "open"
