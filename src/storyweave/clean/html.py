"""HTML-side noise removal on the tree trafilatura keeps, with a reason for every cut.

trafilatura finds the main content block; what it keeps still holds page furniture that
only the *structure* gives away: lists whose items are nothing but links (headlines of
other stories), blocks introduced by a "Related" / "Read more" header, one-line link
teasers spliced between paragraphs, and prompts (newsletter, follow, share). Text-only
signals (captions, datelines, bylines) are left to the plain-text cleaner
(``clean.boilerplate``) which runs on the text we hand on, so the two steps share one
vocabulary (:class:`~storyweave.model.Reason`) and one list, ``Article.removed``.

Every rule here is about the kind of block, never about a site.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..model import Reason, Removed

# trafilatura's output vocabulary: the blocks we judge one by one
_BLOCKS = {"p", "head", "list", "quote", "table", "code"}

# A header like "Related", "Read more:", "Leggi anche", "Lesen Sie auch" announces links
# to other stories: the header and the link list after it go together.
_RELATED_HEAD = re.compile(
    r"^\W*(related( \w+)?|read (more|also|next)|also read|see also|more (on|from|about|stories|news)\b.{0,40}|"
    r"recommended( \w+)?|you (may|might) also like|most (read|popular|viewed)|trending( now)?|top stories|"
    r"leggi anche|lesen sie auch|mehr zum thema|à lire aussi|lire aussi|voir aussi|lee también|leia (também|mais)|"
    r"veja também|читайте также|смотрите также)\W*$",
    re.IGNORECASE,
)
# The same header glued to a single linked teaser: "Related: Some other story".
_RELATED_PREFIX = re.compile(
    r"^\W*(related|read (more|also|next)|also read|see also|more|recommended|watch|listen|"
    r"leggi anche|lesen sie auch|à lire aussi|lire aussi|lee también|leia também|veja também|читайте также)\s*[:|»>–-]\s*\S",
    re.IGNORECASE,
)
_PROMPT = {
    # imperative at the start: prose that mentions subscribing ("you can sign up for ...") stays
    Reason.NEWSLETTER: re.compile(
        r"^\W*((sign up|subscribe|register)( now| today| here)?\b.{0,60}\b(newsletter|inbox|email|updates|alerts)|"
        r"(get|receive) (our|the) .{0,40}newsletter)|delivered (straight )?(to|in) your inbox|already a subscriber",
        re.IGNORECASE,
    ),
    Reason.SOCIAL: re.compile(
        r"^\W*(follow (us|@\w+|\w+ on (twitter|facebook|instagram|x|youtube|linkedin))|share (this|on)\b|"
        r"like us on facebook|subscribe to [\w\s]+ on youtube|click (here )?to share)",
        re.IGNORECASE,
    ),
    Reason.LEGAL: re.compile(
        r"(this copy is for your personal, non-commercial use|all rights reserved|may not be (re)?published, broadcast|"
        r"order presentation-ready copies|reprints? (and|&) permissions)",
        re.IGNORECASE,
    ),
}
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)]*$")


@dataclass(frozen=True, slots=True)
class HtmlCleanConfig:
    # An item/paragraph whose text is at least this share link text is a link, not prose.
    link_share: float = 0.8
    # Prompts are short; a long paragraph that merely mentions "newsletter" is content.
    max_prompt_words: int = 40
    # A linked one-liner this short spliced between paragraphs is a teaser for another story.
    max_teaser_words: int = 20


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _link_text_len(el: etree._Element) -> int:
    return sum(len(" ".join("".join(r.itertext()).split())) for r in el.iter("ref"))


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def block_reason(el: etree._Element, config: HtmlCleanConfig, after_related_head: bool,
                 text: str | None = None, share: float | None = None) -> Reason | None:
    """Why this block is page furniture, or None when it is content (``text`` and ``share``:
    the block's :func:`_text` and :func:`_link_share` when the caller has them already)."""
    text = _text(el) if text is None else text
    if not text:
        return None
    words = _words(text)
    share = (_link_text_len(el) / len(text)) if share is None else share
    if el.tag == "head" and _RELATED_HEAD.match(text):
        return Reason.RELATED
    if after_related_head and share >= config.link_share:
        return Reason.RELATED
    if el.tag == "list":
        texts = [(i, t) for i in el.iter("item") if (t := _text(i))]
        # every item is a link: a list of other stories' headlines
        if texts and all(_link_text_len(i) / len(t) >= config.link_share for i, t in texts):
            return Reason.HEADLINES
    if el.tag in {"p", "head"} and words <= config.max_teaser_words:
        if _RELATED_PREFIX.match(text) and share > 0:
            return Reason.RELATED
        # a linked line that is not a sentence: other stories' headlines end without a full stop
        if share >= config.link_share and words >= 3 and not _SENTENCE_END.search(text):
            return Reason.HEADLINES
    if words <= config.max_prompt_words:
        for reason, pattern in _PROMPT.items():
            if pattern.search(text):
                return reason
    return None


def clean_body(body: etree._Element, config: HtmlCleanConfig | None = None) -> list[Removed]:
    """Remove furniture blocks from trafilatura's ``body`` tree in place; return what went and why."""
    config = config or HtmlCleanConfig()
    removed: list[Removed] = []
    after_related_head = False
    for el in list(body):
        if el.tag not in _BLOCKS:
            continue
        # each block's text and link share measured once, for every rule below
        text = _text(el)
        share = _link_text_len(el) / len(text) if text else 0.0
        reason = block_reason(el, config, after_related_head, text, share)
        if reason is None:
            # a related block runs until the next piece of prose
            after_related_head = after_related_head and share >= config.link_share
            continue
        after_related_head = reason is Reason.RELATED
        removed.append(Removed(text, str(reason)))
        _drop(el)
    return removed


def _drop(el: etree._Element) -> None:
    """Remove an element but keep its tail text (lxml stores following text on the element)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
