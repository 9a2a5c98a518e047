"""Embedded posts: a paragraph that ends on a post's sign-off is that account's words.

News pages embed tweets, and a scrape keeps them as a paragraph of the post's text, its links
and a sign-off: "Thanks to the tax cuts ... pic.twitter.com/x — Donald J. Trump
(@realDonaldTrump) February 5, 2018". The sign-off names who posted it, so the text is a quote
with that speaker, as sure as "he tweeted" after quote marks. A post that itself quotes someone
("The president this morning says 'I feel badly for ...'") is left to the quote rules: its
marks say whose words those are, and the account only relays them.
"""
from __future__ import annotations

import re
from typing import Any

from ...text import post_body, post_signoff
from ..entities import EntityIndex
from .items import find_quote_spans
from .merge import Found, clean
from .vocab import MIN_QUOTE_WORDS


def is_post(texts: list[str]) -> bool:
    """Does the paragraph of these sentence texts end on a post's sign-off? An embedded post is
    another voice: a quote in it continues no speaker of the article around it."""
    return post_signoff(" ".join(texts)) is not None


def post_quotes(analysis: Any, paragraphs: dict[tuple[str, int], list[int]], entities: EntityIndex) -> list[Found]:
    """The embedded posts of the story's paragraphs (``paragraphs``: (article, paragraph) ->
    sentence indices), each a quote of the account that signed it."""
    out = []
    for (article, _), idx in paragraphs.items():
        texts = [analysis.sentences[i].text for i in idx]
        joined = " ".join(texts)
        m = post_signoff(joined)
        if m is None:
            continue
        body = post_body(joined, m)
        if len(body.split()) < MIN_QUOTE_WORDS or find_quote_spans(body):
            continue
        name = m.group("name").strip()
        # "Donald J. Trump" signs what the story calls Donald Trump; a display name in capitals or
        # with symbols ("RIP PRODIGY", "Krayzie Bone ™") is decoration: the handle says who it is
        if _NAME_SHAPED.fullmatch(name) and not name.isupper():
            speaker = entities.canonical(name) or entities.canonical(_INITIAL.sub("", name)) or name
        else:
            speaker = "@" + m.group("handle")
        ids = [analysis.sentences[i].id for i, t in zip(idx, texts) if not _only_signoff(t)]
        out.append(Found(clean(body), speaker, "post", article, ids))
    return out


_INITIAL = re.compile(r"\s[A-Z]\.(?=\s)")
_NAME_SHAPED = re.compile(r"[^\W\d_][\w.'’ -]*")


def _only_signoff(text: str) -> bool:
    m = post_signoff(text)
    return m is not None and not post_body(text, m).strip()
