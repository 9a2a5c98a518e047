"""Sentence splitting (sentencex: rule-based, no data, handles Mr., U.S., $1.5 and quotes)."""
from __future__ import annotations

import re

from sentencex import segment

from ..model import Article, Sentence

_WS = re.compile(r"\s+")


def split_text(text: str, language: str = "en") -> list[str]:
    out = []
    for s in segment(language, text):
        s = _WS.sub(" ", s).strip()
        if s:
            out.append(s)
    return _merge_fragments(out)


def _merge_fragments(parts: list[str]) -> list[str]:
    # sentencex can split after a closing quote followed by a lower-case attribution
    # ("... conflict,” he said."): glue such tails back on.
    merged: list[str] = []
    for s in parts:
        if merged and (s[:1].islower() or len(s.split()) <= 2 and not s[:1].isupper()):
            merged[-1] = merged[-1] + " " + s
        else:
            merged.append(s)
    return merged


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
