"""Plain-text boilerplate removal for scraped news.

Scraped article text mixes the story with page furniture: navigation, lists of other
headlines (at the end or spliced mid-text), teasers, image captions and credits,
video-player notices, comment forms in any language, bylines and datelines. We classify
each line. Body text is made of *sentences*; furniture is mostly short lines without
sentence-final punctuation, or lines with tell-tale markers (credits, prompts). Context
decides the reason: a headline-like line after a "Read more" header is a related-article
list, one after a video notice is a video title, one next to a photo credit is a caption,
one that shares little vocabulary with the story is a headline of another story, and one
that does share it is a subheading.

``clean_lines`` runs one phase after another over the lines; a line keeps the first reason
a phase gives it. The patterns are in clean/patterns.py, the line features in clean/lines.py.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..config import CleanConfig
from ..model import Reason, Removed
from . import patterns as pat
from .lines import Line, content_tokens, is_sentence, looks_foreign, norm, parse_date_text, signature, split_lines, words_of

__all__ = ["CleanResult", "clean_lines", "parse_date_text"]

_DROP = "__drop__"  # a line that was nothing but a metadata field: neither body nor a removed line
_NAVIGATION, _VIDEO, _CAPTION = str(Reason.NAVIGATION), str(Reason.VIDEO), str(Reason.CAPTION)
_HEADLINES = str(Reason.HEADLINES)


@dataclass(slots=True)
class CleanResult:
    body: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    dateline_place: str | None = None
    section: str | None = None


def clean_lines(text: str, config: CleanConfig, markers_only: bool = False) -> CleanResult:
    """Classify every line; ``markers_only`` for text an HTML extractor already cut from its
    page: the structure-based guesses (title, headline lists, subheadings, other-language
    lines) would then cut real paragraphs and bullet points, so only tell-tale markers count."""
    res = CleanResult()
    lines = split_lines(text)
    if not lines:
        return res
    max_h = config.max_headline_words
    _mark_metadata(lines, res)
    _cut_furniture_prefix(lines, res)
    _mark_furniture(lines, markers_only)
    _mark_notice_page(lines)
    if not markers_only:
        _mark_title(lines, res, max_h)
    _mark_by_context(lines)
    _mark_teasers(lines)
    if not markers_only:
        _mark_headlines(lines, max_h)
    _mark_repeats(lines, res.title)
    _cut_dateline_prefix(lines, res)
    return _collect(lines, res)


def _next_open(lines: list[Line], start: int) -> int | None:
    """The first line from ``start`` on that no phase has given a reason yet."""
    return next((j for j in range(start, len(lines)) if lines[j].reason is None), None)


def _mark_metadata(lines: list[Line], res: CleanResult) -> None:
    """Metadata glued at the top ("date 2023-06-19 Headline"), bare date lines and bylines
    become fields: they are facts about the article, not its text."""
    for i, ln in enumerate(lines):
        m = pat.META_PREFIX.match(ln.text) if i < 5 else None
        if m:
            res.published = res.published or parse_date_text(m.group(2))
            rest = m.group(3).strip()
            res.removed.append(Removed(f"{m.group(1)} {m.group(2)}", str(Reason.DATELINE), ln.n))
            if rest and not res.title and not is_sentence(rest):
                res.title = rest
                ln.text, ln.words = rest, words_of(rest)
                ln.mark(Reason.TITLE)
            elif rest:
                ln.text, ln.words, ln.sentence = rest, words_of(rest), is_sentence(rest)
            else:
                ln.reason = _DROP
            continue
        if len(ln.words) <= 8 and pat.TIME_STAMP_ONLY.match(ln.text):
            ln.mark(Reason.DATELINE)  # the time of an update, without its day: no date to keep
            continue
        if len(ln.words) <= 12 and pat.DATELINE_ONLY.match(ln.text):
            d = parse_date_text(ln.text)
            if d:
                res.published = res.published or d
            ln.mark(Reason.DATELINE)
            continue
        b = pat.BYLINE.match(ln.text)
        if b and len(ln.words) <= 10:
            res.author = res.author or b.group(2).strip()
            ln.mark(Reason.BYLINE)


def _mark_furniture(lines: list[Line], markers_only: bool) -> None:
    """Tell-tale markers (credits, prompts, notices, forms) give furniture away wherever it
    stands; page furniture is short, so a long paragraph is body (and searching every marker
    through it is what cleaning time would be spent on), unless it is a sign-up form the
    scraper ran together into one line (``_form_run``)."""
    for ln in lines:
        if ln.reason:
            continue
        t = ln.text
        low, ascii_ = t.lower(), t.isascii()
        if pat.LEAD_CREDIT.match(t) or pat.PHOTO_CAPTION.match(t) or len(ln.words) > 30 and _gallery_run(low):
            ln.mark(Reason.CAPTION)  # a photographer's credit or a wire caption's opening opens only a caption, however long
            continue
        if len(ln.words) > 30:
            if _form_run(t, low, ascii_):
                ln.mark(Reason.NEWSLETTER)
                continue
            if len(ln.words) > 60:
                if _opens_with_notice(t):
                    ln.mark(Reason.NOTICE)  # a web archive's notice scraped as one long paragraph
                continue
        if len(ln.words) <= 30 and pat.COMMENT_FORM.search_line(t, low, ascii_):
            ln.mark(Reason.COMMENT_FORM)
        elif pat.VIDEO.search_line(t, low, ascii_) and (not ln.sentence or len(ln.words) <= 14):
            ln.mark(Reason.VIDEO)
        elif (pat.CAPTION_LABEL.match(t) or pat.CREDIT.search_line(t, low, ascii_)
              or ("/" in t[-60:] and pat.SLASH_CREDIT.search(t[-60:])) or pat.GALLERY.search_line(t, low, ascii_)):
            ln.mark(Reason.CAPTION)
        elif pat.BRACKET_LINK.search_line(t, low, ascii_):
            ln.mark(Reason.RELATED)
        elif (pat.LIST_HEADER.match(t) and len(ln.words) <= 6) or pat.BREADCRUMB.match(t):
            ln.mark(Reason.NAVIGATION)
        elif pat.SOCIAL.match(t):
            ln.mark(Reason.SOCIAL)
        elif pat.NEWSLETTER.search_line(t, low, ascii_) and len(ln.words) <= 30 or _all_prompts(t, low, ascii_):
            ln.mark(Reason.NEWSLETTER)
        elif (pat.REPORTING_CREDIT.search_line(t, low, ascii_) or " reported from " in t) and _all_credits(t):
            ln.mark(Reason.BYLINE)
        elif len(ln.words) <= 40 and (pat.CONTACT_ADDRESS.search(t) and pat.CONTACT_OFFER.search(t)
                                      or "@" in t and pat.FOLLOW_HANDLE.search(t)):
            ln.mark(Reason.BYLINE)  # the reporter's address is no part of the story
        elif pat.SITE_NOTICE.search_line(t, low, ascii_):
            ln.mark(Reason.NOTICE)
        elif len(ln.words) <= 60 and pat.CORRECTION.search_line(t, low, ascii_):
            ln.mark(Reason.CORRECTION)
        elif pat.ADVERT.match(t):
            ln.mark(Reason.ADVERT)
        elif pat.LEGAL.search_line(t, low, ascii_) and len(ln.words) <= 40:
            ln.mark(Reason.LEGAL)
        elif not markers_only and looks_foreign(t, ln.words):
            ln.mark(Reason.FOREIGN)


# what is left of a page beside its site notices that is still no article (words)
_NOTICE_PAGE_REST = 40


def _mark_notice_page(lines: list[Line]) -> None:
    """A page that shows a site notice (an error page, a web archive's notice) and little else is
    the notice: what is left of it ("it may no longer be here") is the notice's, not a story's."""
    if not any(ln.reason == Reason.NOTICE for ln in lines):
        return
    rest = [ln for ln in lines if ln.reason is None]
    if sum(len(ln.words) for ln in rest) < _NOTICE_PAGE_REST:
        for ln in rest:
            ln.mark(Reason.NOTICE)


def _opens_with_notice(text: str) -> bool:
    """A long paragraph is a site notice only when its first sentence is one."""
    return pat.SITE_NOTICE.search(pat.SENTENCE_END.split(text, maxsplit=1)[0])


def _gallery_run(low: str) -> bool:
    """A photo gallery's captions run together into one line ("Photos: ... Hide Caption 1 of 6
    Photos: ... Hide Caption 2 of 6"): its counter comes back."""
    return len(pat.GALLERY_COUNTER.findall(low)) >= 2


def _form_run(text: str, low: str, ascii_: bool) -> bool:
    """A sign-up or paywall form run together into one long line ("Email Sign Up By signing up
    you agree ... You can unsubscribe at any time."): at least half its sentences are the
    form's, one of them a sign-up's. A paragraph that only mentions subscribers is not."""
    if not pat.NEWSLETTER.search_line(text, low, ascii_):
        return False
    parts = pat.SENTENCE_END.split(text)
    return 2 * sum(map(_form_sentence, parts)) >= len(parts)


def _all_prompts(text: str, low: str, ascii_: bool) -> bool:
    """A short line every sentence of which is a form's ("This feature is not available right
    now. Please try again later.")."""
    if not pat.FORM_PROMPT.search_line(text, low, ascii_):
        return False
    return all(map(_form_sentence, pat.SENTENCE_END.split(text)))


def _form_sentence(sentence: str) -> bool:
    return pat.NEWSLETTER.search(sentence) or pat.FORM_PROMPT.search(sentence)


def _all_credits(text: str) -> bool:
    """Every sentence of the line credits a reporter ("Lucey reported from Washington. Jill Colvin
    contributed to this report.")."""
    return all(pat.REPORTING_CREDIT.search(p) or pat.REPORTED_FROM.match(p)
               for p in pat.SENTENCE_END.split(text.strip()))


def _cut_furniture_prefix(lines: list[Line], res: CleanResult) -> None:
    """A notice glued before a paragraph's first words ("Continue reading the main story At the
    scene ..."): the notice is removed, the paragraph kept."""
    for ln in lines:
        if ln.reason is None and ln.text[:1] in "CcAaSs" and (m := pat.FURNITURE_PREFIX.match(ln.text)):
            res.removed.append(Removed(ln.text[: m.end()].strip(), str(Reason.ADVERT), ln.n))
            ln.text = ln.text[m.end():]
            ln.words, ln.sentence = words_of(ln.text), is_sentence(ln.text)


def _mark_title(lines: list[Line], res: CleanResult, max_h: int) -> None:
    """The first remaining line is the title when it reads as a headline (a masthead above it
    is navigation), and a headline-like line right under it is its subtitle."""
    first = _next_open(lines, 0)
    if first is not None and pat.MASTHEAD.match(lines[first].text):
        # "Outlet | Section" above a headline is the page's masthead, not the title
        nxt = _next_open(lines, first + 1)
        if nxt is not None and lines[nxt].headline_like:
            lines[first].mark(Reason.NAVIGATION)
            first = nxt
    if first is None or res.title:
        return
    ln = lines[first]
    if ln.headline_like and len(ln.words) == 1:
        ln.mark(Reason.BOILERPLATE)  # "Columnist", "Opinion", a time stamp: a label above the story, no headline
        first = _next_open(lines, first + 1)
        if first is None:
            return
        ln = lines[first]
    if ln.headline_like and len(ln.words) <= max_h + 6:
        t = ln.text
        m = pat.TITLE_SECTION.match(t)
        if m:
            t, res.section = m.group(1).strip(), m.group(2).strip()
        res.title = t
        ln.mark(Reason.TITLE)
        # a headline-like line right under the title is its subtitle, whatever its words
        nxt = _next_open(lines, first + 1)
        if nxt is not None and nxt == first + 1 and lines[nxt].headline_like and len(lines[nxt].words) <= max_h:
            lines[nxt].mark(Reason.SUBHEADING)


def _mark_by_context(lines: list[Line]) -> None:
    """What follows a list header, a video notice or a caption label takes its reason from it:
    the header announces a list, the notice a player title, the label a caption."""
    for i, ln in enumerate(lines):
        if ln.reason is None:
            continue
        if ln.reason == _NAVIGATION:
            # a related-articles list: headline-like lines and teasers until the story resumes
            j = i + 1
            while j < len(lines) and (lines[j].reason in (None, _CAPTION, _NAVIGATION)):
                lj = lines[j]
                # the story resumes with a full sentence (list items are headlines or cut-off teasers)
                if lj.reason is None and lj.sentence and not pat.TRUNCATED.search(lj.text[-8:]) and len(lj.words) >= 8:
                    break
                lj.mark(Reason.RELATED)
                j += 1
        elif ln.reason == _VIDEO and pat.VIDEO.search(ln.text):
            # the player's title: one short line right after the notice
            j = i + 1
            if j < len(lines) and lines[j].reason is None and lines[j].headline_like and len(lines[j].words) <= 12:
                lines[j].mark(Reason.VIDEO)
        elif ln.reason == _CAPTION:
            # alt text / caption line next to a credit: short and not a sentence
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if pat.CAPTION_LABEL.match(ln.text) and nxt is not None and nxt.reason is None and nxt.headline_like:
                nxt.mark(Reason.CAPTION)
            if i > 0 and lines[i - 1].reason is None and lines[i - 1].headline_like and len(lines[i - 1].words) <= 12:
                lines[i - 1].mark(Reason.CAPTION)


def _mark_teasers(lines: list[Line]) -> None:
    """A line cut off with an ellipsis is a teaser for another page, never body."""
    for ln in lines:
        if ln.reason is None and pat.TRUNCATED.search(ln.text[-8:]) and len(ln.words) <= 40:
            ln.mark(Reason.RELATED)


def _mark_headlines(lines: list[Line], max_h: int) -> None:
    """A remaining headline-like line is a subheading of this story when it shares its words
    and stands alone, else the headline of another story spliced into the text."""
    body_vocab: set[str] | None = None  # the body's content words, read only if a line needs them
    # How many headline-like lines stand together around line i, counted in one pass
    # instead of a scan around each line, which was quadratic in a long list of headlines: lines
    # after i are as this phase found them, lines before i are final.
    ahead = [0] * len(lines)  # run of headline-like lines right after k
    for k in range(len(lines) - 2, -1, -1):
        ahead[k] = ahead[k + 1] + 1 if _in_headline_run(lines[k + 1], max_h) else 0
    behind = 0  # run right before i
    for i, ln in enumerate(lines):
        if i:
            behind = behind + 1 if _in_headline_run(lines[i - 1], max_h) else 0
        if ln.reason is not None or not ln.headline_like:
            continue
        if len(ln.words) > max_h + 10:
            continue  # a long paragraph that lost its full stop: keep it
        if body_vocab is None:
            body_vocab = content_tokens([w for b in lines if b.reason is None and b.sentence for w in b.words])
        toks = content_tokens(ln.words)
        overlap = sum(1 for w in toks if w in body_vocab) / max(1, len(toks))
        run = behind + 1 + ahead[i]
        if overlap >= 0.5 and run <= 2:
            ln.mark(Reason.SUBHEADING)
        else:
            ln.mark(Reason.HEADLINES)


def _in_headline_run(ln: Line, max_h: int) -> bool:
    return ln.reason in (None, _HEADLINES) and ln.headline_like and len(ln.words) <= max_h + 10


def _mark_repeats(lines: list[Line], title: str | None) -> None:
    """A line said again (a standfirst repeated verbatim, the title again) adds nothing."""
    # Lines are compared by norm; equal keys have equal signatures (cheaper), so a key is
    # only built for lines whose signature was met before.
    seen: dict[str, list[str]] = {}  # signature -> the lines with it
    if title:
        seen[signature(title)] = [title]
    for ln in lines:
        if ln.reason is not None:
            continue
        same = seen.setdefault(signature(ln.text), [])
        if same and any(norm(t) == norm(ln.text) for t in same):
            ln.mark(Reason.DUPLICATE)
        same.append(ln.text)


def _cut_dateline_prefix(lines: list[Line], res: CleanResult) -> None:
    """A dateline ("BEIJING, China - ") before the first body paragraph says where it was filed:
    metadata, not text."""
    first_body = next((ln for ln in lines if ln.reason is None), None)
    if first_body is None:
        return
    m = pat.DATELINE_PREFIX.match(first_body.text)
    if m and len(m.group(1).split()) <= 5:
        res.dateline_place = m.group(1).strip().rstrip(",")
        res.removed.append(Removed(first_body.text[: m.end()].strip(), str(Reason.DATELINE), first_body.n))
        first_body.text = first_body.text[m.end():]


def _collect(lines: list[Line], res: CleanResult) -> CleanResult:
    """Body lines in order; removed lines with their reasons, in the order of the raw text."""
    for ln in lines:
        if ln.reason is None:
            res.body.append(ln.text)
        elif ln.reason != _DROP:
            res.removed.append(Removed(ln.text, ln.reason, ln.n))
    res.removed.sort(key=lambda r: (r.line if r.line is not None else -1))
    return res
