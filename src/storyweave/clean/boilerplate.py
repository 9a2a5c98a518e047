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
"""
from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass, field

from ..config import CleanConfig
from ..model import Reason, Removed

# ---- line features -----------------------------------------------------------------------


class _Marker:
    """A case-insensitive marker pattern with a faster, equivalent path for ASCII lines.

    Python's ``re`` checks every alternative at every position of a line, and case-insensitive
    Unicode matching makes each check slow; these markers are most of the cleaning time. On an
    ASCII line the same pattern matches exactly as it does with the ASCII flag, and a pattern
    with no upper-case literal matches exactly as it does case-sensitively on the lower-cased
    line (ASCII lower-casing keeps every position and every character class). On other lines
    the lower-cased search is the same yes/no too, except for the few letters whose lower case
    is longer (those lines take the exact path) or whose case folding differs from their lower
    case (the long s, the Kelvin sign): a marker never hinges on them.
    """

    __slots__ = ("pattern", "_ascii", "_lower", "_required", "_required_any")

    def __init__(self, pattern: str, flags: int = re.IGNORECASE) -> None:
        self.pattern = re.compile(pattern, flags)
        # Under IGNORECASE an upper-case literal is its lower-case self; escapes (\S, \W)
        # keep their case. Named groups would be renamed: those take the ASCII-flag path.
        self._lower = bool(flags & re.IGNORECASE) and "(?P" not in pattern
        self._required: tuple[str, ...] = ()
        self._required_any: tuple[str, ...] = ()
        if self._lower:
            lowered = re.sub(r"(\\.)|([A-Z]+)", lambda m: m.group(1) or m.group(2).lower(), pattern)
            self._ascii = re.compile(lowered, flags & ~re.IGNORECASE)
            found = _required_literals(lowered, flags & ~re.IGNORECASE) or set()
            # a string that contains another one adds nothing to it; on an ASCII line a
            # non-ASCII string never occurs
            found = {k for k in found if not any(j != k and j in k for j in found)}
            self._required_any = tuple(sorted(found))
            self._required = tuple(sorted(k for k in found if k.isascii())) or self._required_any
        else:
            self._ascii = re.compile(pattern, flags | re.ASCII)

    def search(self, text: str) -> re.Match | None:
        """A match or None; on the fast paths the match is on the lower-cased line: a yes/no."""
        return self.search_line(text, text.lower(), text.isascii())

    def search_line(self, text: str, low: str, ascii_: bool) -> re.Match | None:
        """``search`` with the line's lower case and ASCII test given (a line meets ten markers)."""
        if not self._lower:
            return self._ascii.search(text) if ascii_ else self.pattern.search(text)
        if not ascii_ and len(low) != len(text):
            return self.pattern.search(text)
        # a plain substring test rules out most lines before the regex runs
        required = self._required if ascii_ else self._required_any
        if not required:
            return self._ascii.search(low)
        for k in required:
            if k in low:
                return self._ascii.search(low)
        return None


def _required_literals(pattern: str, flags: int) -> set[str] | None:
    """Strings one of which every match of ``pattern`` contains, read off its parse tree, or
    None when no such set is found (e.g. a branch made only of classes)."""
    from re import _constants as c, _parser

    def rarity(k: str) -> int:
        # a punctuation mark is as rare in prose as three more letters ("/" vs "ap")
        return len(k) + (3 if any(not ch.isalnum() and not ch.isspace() for ch in k) else 0)

    def score(req: set[str]) -> tuple[int, int]:
        return (min(map(rarity, req)), -len(req))  # long, rare, few strings rule out the most lines

    def required(items) -> set[str] | None:
        best: set[str] | None = None
        run: list[str] = []

        def consider(req: set[str] | None) -> None:
            nonlocal best
            if req and all(req) and (best is None or score(req) > score(best)):
                best = req

        for op, av in items:
            if op is c.LITERAL:
                run.append(chr(av))
                continue
            consider({"".join(run)} if run else None)
            run = []
            if op is c.SUBPATTERN:
                consider(required(av[-1]))
            elif op is c.BRANCH:
                alternatives = [required(b) for b in av[1]]
                if all(alternatives):
                    consider(set().union(*alternatives))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                consider(required(av[2]))
        consider({"".join(run)} if run else None)
        return best

    return required(_parser.parse(pattern, flags))


_END_PUNCT = re.compile(r"""[.!?…]["'”’)\]]*\s*$|[.!?]\s*["'”’]\s*$""")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_TRUNCATED = re.compile(r"(…|\.\.\.)\s*$")

# Photo credits and caption labels. Agencies' credit formats are stable across outlets.
_CREDIT = _Marker(
    r"(\b(REUTERS|AFP|AP|EPA|ANSA|Xinhua|Getty Images?|Shutterstock|Alamy|Bloomberg|PA( Wire| Media)?)\s*/\s*\S|"
    r"\((?:[^()]*\b(?:via|Photo|Getty|AP|AFP|Reuters|EPA|PA|Pool|Credit|Image|Shutterstock)\b[^()]*)\)\s*$|"
    r"\b(Picture|Photo(graph)?|Image|Credit|Illustration|Photo credit|Image source|Image caption)\s*:\s*\S.{0,60}$|"

    r"\bAP Photo\b|\bGetty Images\b|©|\bFile photo\b|\bPhoto by\b)",
    re.IGNORECASE,
)
# "Photo: Agency/Name Surname" style credits at a line's end (case matters: names are capitalised)
_SLASH_CREDIT = re.compile(r"\b[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3}\s?/\s?[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,3}\s*$")
_CAPTION_LABEL = re.compile(r"^(image|photo|picture|video|gallery|graphic|media)\s*:?\s*$", re.IGNORECASE)

_VIDEO = _Marker(
    r"(video player|this video|play(ing)? video|watch (the )?video|media playback|your browser does not support|"
    r"enable javascript to (watch|view)|video unavailable|^watch\s*:|^video\s*:|^listen\s*:|^now playing)",
    re.IGNORECASE,
)

# Headers that introduce lists of other articles (the list follows the header).
_LIST_HEADER = re.compile(
    r"^(read more|read also|also read|see also|related( posts| stories| articles| coverage| topics| content| links)?|"
    r"more (on|from|about) .{0,40}|you (may|might) (also )?(like|be interested in)|recommended( for you| reading)?|"
    r"most (read|popular|viewed|shared)|trending( now| stories)?|top stories|editor'?s? picks?|"
    r"latest( \w+){0,3}( news)?|see more( \w+){0,4}|more stories|more news|in other news|don'?t miss|"
    r"popular( stories| now)?|what to read next|further reading|around the web|sponsored( content| stories)?|"
    r"promoted( stories)?|from our partners|elsewhere on .{0,30})\s*[:»>]*\s*$",
    re.IGNORECASE,
)

_SOCIAL = re.compile(
    r"^(share( this( article| story)?)?( on \w+)?|tweet|follow us( on .{0,30})?|like us on facebook|"
    r"(share|post) (on|to) (facebook|twitter|x|whatsapp|linkedin|reddit|email)|copy link|print|email|"
    r"facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram)\s*$",
    re.IGNORECASE,
)
_NEWSLETTER = _Marker(
    r"(sign up (for|to) (our|the) .{0,40}newsletter|subscribe (now|today|to (our|the))|newsletter sign[- ]?up|"
    r"get (our|the) .{0,30}newsletter|already a subscriber|subscribe for full access|create a free account)",
    re.IGNORECASE,
)
_ADVERT = re.compile(r"^(advertisement|advertising|sponsored|ad|story continues below( advertisement)?|"
                     r"continue reading( below)?|skip (the )?ad(vert)?|article continues (below|after advertisement))\s*$",
                     re.IGNORECASE)
_LEGAL = _Marker(
    r"(all rights reserved|^copyright\b|this (site|website) uses cookies|we use cookies|cookie (policy|settings)|"
    r"privacy policy|terms (of use|and conditions)|this material may not be published, broadcast)",
    re.IGNORECASE,
)
# "Home | News | World" breadcrumbs and "Outlet | Section" mastheads
_BREADCRUMB = re.compile(r"^[^|›»>]{1,30}(\s[|›»>]\s[^|›»>]{1,30}){2,}$")
_MASTHEAD = re.compile(r"^(\S+(?:\s\S+){0,2})\s[|•]\s\S+(?:\s\S+){0,2}$")
_BRACKET_LINK = _Marker(r"^\s*\[.{3,200}\]\s*$|opens in new (window|tab)")

# Comment forms: the commonest wordings in several languages, plus the form's field labels.
_COMMENT_FORM = _Marker(
    r"(leave a (reply|comment)|post a comment|add (a|your) comment|your email address will not be published|"
    r"required fields are marked|save my name, email|cancel reply|comments? (are|is) closed|"
    r"^(name|e-?mail|website|comment)\s*\*?\s*$|log in to (comment|reply)|join the (conversation|discussion)|"
    r"deixe (uma resposta|um comentário)|deja (una respuesta|un comentario)|laisser un commentaire|"
    r"lascia un commento|(schreibe|hinterlasse) einen kommentar|bir (cevap|yorum) yaz|e-posta hesabınız|"
    r"gerekli alanlar|оставьте (комментарий|ответ)|ваш адрес email не будет|laat een reactie achter|"
    r"no será publicada|campos obligatorios|não será publicado|campos obrigatórios|ne sera pas publiée|"
    r"champs obligatoires|wird nicht veröffentlicht|erforderliche felder|non sarà pubblicato|campi obbligatori|"
    r"wordt niet gepubliceerd|verplichte velden|"
    r"skomentuj|zostaw komentarz|tinggalkan balasan|コメントを残す|发表评论|댓글 남기기|اترك تعليقاً)",
    re.IGNORECASE,
)

_BYLINE = re.compile(
    r"^\s*((?i:by|written by|words by|reporting by|von|par|por))\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|van|von|al|bin))"
    r"{0,6})\s*(,.{0,60})?$"
)
_DATE_WORDS = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)"
)
_DATELINE_ONLY = re.compile(
    rf"^\s*((published|updated|posted|last updated|date|first published)\s*[:\-]?\s*)?"
    rf"((mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    rf"(\d{{4}}-\d{{2}}-\d{{2}}([ T]\d{{1,2}}:\d{{2}}(:\d{{2}})?\S*)?|"
    rf"\d{{1,2}}(st|nd|rd|th)?\s+{_DATE_WORDS}\.?,?\s+\d{{4}}|{_DATE_WORDS}\.?\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}/\d{{1,2}}/\d{{4}})"
    rf"([,\s]+(at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(am|pm|a\.m\.|p\.m\.)?(\s*[A-Z]{{2,4}})?)?\s*$",
    re.IGNORECASE,
)
# "date 2023-06-19 Headline text": a metadata field glued to the headline by the scraper.
_META_PREFIX = re.compile(r"^\s*(date|published|posted|updated)\s*[:\-]?\s*(\d{4}-\d{2}-\d{2})\s*(.*)$", re.IGNORECASE)
# "BEIJING, China - " / "WASHINGTON (Reuters) -- " at the start of the first body paragraph.
_DATELINE_PREFIX = re.compile(
    r"^((?:[A-Z][A-Za-z.'’-]+)(?:[ ,]+[A-Z][A-Za-z.'’-]+){0,3}(?:\s*\([A-Za-z .]+\))?)\s*(?:-|–|—|--)\s+(?=[A-Z“\"])"
)
_TITLE_SECTION = re.compile(r"^(.{15,}?)\s+[|•]\s+([^|•]{2,40})$")

_EN_STOP = frozenset(
    "the a an and or but of to in on at for with from by as is are was were be been has have had it its "
    "this that these those he she they we you i his her their our not no will would can could said says "
    "after before about over into than then there which who what when where while more most also".split()
)
_STOP_FOR_OVERLAP = _EN_STOP | frozenset("mr mrs ms dr new news says say one two first last".split())


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _is_sentence(line: str) -> bool:
    # only the end matters; an end-anchored search would try every position of a long line
    return bool(_END_PUNCT.search(line[-8:]))


def _english_share(words: list[str]) -> float:
    if not words:
        return 0.0
    return sum(1 for w in words if w.lower() in _EN_STOP) / len(words)


def _looks_foreign(line: str, words: list[str]) -> bool:
    """A line of 3+ words with no English function word and non-ASCII letters: another language."""
    if len(words) < 3 or len(words) > 40 or line.isascii():
        return False  # a whole paragraph in another language is the language detector's call
    if _english_share(words) > 0.0:
        return False
    return sum(1 for ch in line if ord(ch) > 127 and ch.isalpha()) >= 2


def _content_tokens(words: list[str]) -> set[str]:
    """Content words (lower-cased, 3+ letters, no stop words) of ``_words`` output."""
    return {w.strip("'’") for w in map(str.lower, words) if len(w) > 2 and w not in _STOP_FOR_OVERLAP}


def parse_date_text(text: str) -> dt.date | None:
    from dateutil import parser

    m = re.search(r"\d{4}-\d{2}-\d{2}", text)
    if m:
        try:
            return dt.date.fromisoformat(m.group(0))
        except ValueError:
            return None
    cleaned = re.sub(r"^(published|updated|posted|last updated|date|first published)\s*[:\-]?\s*", "", text.strip(), flags=re.I)
    try:
        with warnings.catch_warnings():  # "tzname EDT not understood": only the date is kept anyway
            warnings.simplefilter("ignore", parser.UnknownTimezoneWarning)
            return parser.parse(cleaned, fuzzy=True, dayfirst=bool(re.match(r"^\s*\d{1,2}\s", cleaned))).date()
    except (ValueError, OverflowError):
        return None


# ---- classification ------------------------------------------------------------------------

@dataclass(slots=True)
class CleanResult:
    body: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    dateline_place: str | None = None
    section: str | None = None


@dataclass(slots=True)
class _Line:
    n: int
    text: str
    words: list[str]
    sentence: bool
    reason: str | None = None

    @property
    def headline_like(self) -> bool:
        return not self.sentence and 0 < len(self.words)


def clean_lines(text: str, config: CleanConfig, markers_only: bool = False) -> CleanResult:
    """Classify every line; ``markers_only`` for text an HTML extractor already cut from its
    page: the structure-based guesses (headline lists, subheadings, other-language lines)
    would then cut real paragraphs and bullet points, so only tell-tale markers count."""
    res = CleanResult()
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_Line(n, t, _words(t), _is_sentence(t)) for n, t in enumerate(map(str.strip, raw_lines)) if t]
    if not lines:
        return res
    max_h = config.max_headline_words

    def mark(i: int, reason: Reason | str) -> None:
        if lines[i].reason is None:
            lines[i].reason = str(reason)

    # 1. metadata glued at the top: "date 2023-06-19 Headline", a bare date line, a byline
    for i, ln in enumerate(lines):
        m = _META_PREFIX.match(ln.text)
        if m and i < 5:
            res.published = res.published or parse_date_text(m.group(2))
            rest = m.group(3).strip()
            res.removed.append(Removed(f"{m.group(1)} {m.group(2)}", str(Reason.DATELINE), ln.n))
            if rest and not res.title and not _is_sentence(rest):
                res.title = rest
                ln.text, ln.words = rest, _words(rest)
                mark(i, Reason.TITLE)
            elif rest:
                ln.text, ln.words, ln.sentence = rest, _words(rest), _is_sentence(rest)
            else:
                ln.reason = "__drop__"
            continue
        if len(ln.words) <= 12 and _DATELINE_ONLY.match(ln.text):
            d = parse_date_text(ln.text)
            if d:
                res.published = res.published or d
            mark(i, Reason.DATELINE)
            continue
        b = _BYLINE.match(ln.text)
        if b and len(ln.words) <= 10:
            res.author = res.author or b.group(2).strip()
            mark(i, Reason.BYLINE)

    # 2. marker-based furniture: page furniture is short; a long paragraph is body (and
    # searching every marker through it is what cleaning time is spent on)
    for i, ln in enumerate(lines):
        if ln.reason or len(ln.words) > 60:
            continue
        t = ln.text
        low, ascii_ = t.lower(), t.isascii()
        if len(ln.words) <= 30 and _COMMENT_FORM.search_line(t, low, ascii_):
            mark(i, Reason.COMMENT_FORM)
        elif _VIDEO.search_line(t, low, ascii_) and (not ln.sentence or len(ln.words) <= 14):
            mark(i, Reason.VIDEO)
        elif _CAPTION_LABEL.match(t) or _CREDIT.search_line(t, low, ascii_) or ("/" in t[-60:] and _SLASH_CREDIT.search(t[-60:])):
            mark(i, Reason.CAPTION)
        elif _BRACKET_LINK.search_line(t, low, ascii_):
            mark(i, Reason.RELATED)
        elif (_LIST_HEADER.match(t) and len(ln.words) <= 6) or _BREADCRUMB.match(t):
            mark(i, Reason.NAVIGATION)
        elif _SOCIAL.match(t):
            mark(i, Reason.SOCIAL)
        elif _NEWSLETTER.search_line(t, low, ascii_) and len(ln.words) <= 30:
            mark(i, Reason.NEWSLETTER)
        elif _ADVERT.match(t):
            mark(i, Reason.ADVERT)
        elif _LEGAL.search_line(t, low, ascii_) and len(ln.words) <= 40:
            mark(i, Reason.LEGAL)
        elif not markers_only and _looks_foreign(t, ln.words):
            mark(i, Reason.FOREIGN)

    # 3. title: the first remaining line, when it reads as a headline
    first = next((i for i, ln in enumerate(lines) if ln.reason is None), None)
    if first is not None and not markers_only and _MASTHEAD.match(lines[first].text):
        # "Outlet | Section" above a headline is the page's masthead, not the title
        nxt = next((j for j in range(first + 1, len(lines)) if lines[j].reason is None), None)
        if nxt is not None and lines[nxt].headline_like:
            mark(first, Reason.NAVIGATION)
            first = nxt
    if first is not None and not res.title and not markers_only:
        ln = lines[first]
        if ln.headline_like and len(ln.words) <= max_h + 6:
            t = ln.text
            m = _TITLE_SECTION.match(t)
            if m:
                t, res.section = m.group(1).strip(), m.group(2).strip()
            res.title = t
            mark(first, Reason.TITLE)
            # a headline-like line right under the title is its subtitle, whatever its words
            nxt = next((j for j in range(first + 1, len(lines)) if lines[j].reason is None), None)
            if nxt is not None and nxt == first + 1 and lines[nxt].headline_like and len(lines[nxt].words) <= max_h:
                mark(nxt, Reason.SUBHEADING)

    # 4. context: what follows a header, a video notice or a caption label
    nav, video, caption = str(Reason.NAVIGATION), str(Reason.VIDEO), str(Reason.CAPTION)
    for i, ln in enumerate(lines):
        if ln.reason is None:
            continue
        if ln.reason == nav:
            # a related-articles list: headline-like lines and teasers until the story resumes
            j = i + 1
            while j < len(lines) and (lines[j].reason in (None, caption, nav)):
                lj = lines[j]
                # the story resumes with a full sentence (list items are headlines or cut-off teasers)
                if lj.reason is None and lj.sentence and not _TRUNCATED.search(lj.text[-8:]) and len(lj.words) >= 8:
                    break
                mark(j, Reason.RELATED)
                j += 1
        elif ln.reason == video and _VIDEO.search(ln.text):
            # the player's title: one short line right after the notice
            j = i + 1
            if j < len(lines) and lines[j].reason is None and lines[j].headline_like and len(lines[j].words) <= 12:
                mark(j, Reason.VIDEO)
        elif ln.reason == caption:
            # alt text / caption line next to a credit: short and not a sentence
            if _CAPTION_LABEL.match(ln.text) and i + 1 < len(lines) and lines[i + 1].reason is None and lines[i + 1].headline_like:
                mark(i + 1, Reason.CAPTION)
            if i > 0 and lines[i - 1].reason is None and lines[i - 1].headline_like and len(lines[i - 1].words) <= 12:
                mark(i - 1, Reason.CAPTION)

    # teaser lines cut off with an ellipsis are never body
    for i, ln in enumerate(lines):
        if ln.reason is None and _TRUNCATED.search(ln.text[-8:]) and len(ln.words) <= 40:
            mark(i, Reason.RELATED)

    # 5. remaining headline-like lines: subheading of this story, or headline of another
    body_vocab: set[str] | None = None  # the body's content words, read only if a line needs them
    # How many headline-like lines stand together around line i, counted in one pass
    # instead of a scan around each line, which was quadratic in a long list of headlines: lines
    # after i are as this step found them, lines before i are final.
    ahead = [0] * len(lines)  # run of headline-like lines right after k
    for k in range(len(lines) - 2, -1, -1):
        ahead[k] = ahead[k + 1] + 1 if _in_headline_run(lines[k + 1], max_h) else 0
    behind = 0  # run right before i
    for i, ln in enumerate(lines):
        if i:
            behind = behind + 1 if _in_headline_run(lines[i - 1], max_h) else 0
        if markers_only or ln.reason is not None or not ln.headline_like:
            continue
        if len(ln.words) > max_h + 10:
            continue  # a long paragraph that lost its full stop: keep it
        if body_vocab is None:
            body_vocab = _content_tokens([w for b in lines if b.reason is None and b.sentence for w in b.words])
        toks = _content_tokens(ln.words)
        overlap = sum(1 for w in toks if w in body_vocab) / max(1, len(toks))
        run = behind + 1 + ahead[i]
        if overlap >= 0.5 and run <= 2:
            mark(i, Reason.SUBHEADING)
        else:
            mark(i, Reason.HEADLINES)

    # 6. repeated lines (a standfirst repeated verbatim, the title again) and the dateline prefix
    # Lines are compared by _norm; equal keys have equal _signature (cheaper), so a key is
    # only built for lines whose signature was met before.
    seen: dict[str, list[str]] = {}  # signature -> the lines with it
    if res.title:
        seen[_signature(res.title)] = [res.title]
    for i, ln in enumerate(lines):
        if ln.reason is not None:
            continue
        same = seen.setdefault(_signature(ln.text), [])
        if same and any(_norm(t) == _norm(ln.text) for t in same):
            mark(i, Reason.DUPLICATE)
        same.append(ln.text)

    first_body = next((ln for ln in lines if ln.reason is None), None)
    if first_body is not None:
        m = _DATELINE_PREFIX.match(first_body.text)
        if m and len(m.group(1).split()) <= 5:
            res.dateline_place = m.group(1).strip().rstrip(",")
            res.removed.append(Removed(first_body.text[: m.end()].strip(), str(Reason.DATELINE), first_body.n))
            first_body.text = first_body.text[m.end():]

    for ln in lines:
        if ln.reason is None:
            res.body.append(ln.text)
        elif ln.reason != "__drop__":
            res.removed.append(Removed(ln.text, ln.reason, ln.n))
    res.removed.sort(key=lambda r: (r.line if r.line is not None else -1))
    return res


_NON_WORD = re.compile(r"\W+")


# ASCII characters that \W matches, each to a space: an ASCII line's key without the regex
_ASCII_NON_WORD = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}


_ASCII_NON_WORD_DELETE = {c: None for c in _ASCII_NON_WORD}


def _signature(s: str) -> str:
    """``_norm`` without its spaces: lines with equal keys have equal signatures."""
    if s.isascii():
        return s.lower().translate(_ASCII_NON_WORD_DELETE)
    return _norm(s).replace(" ", "")


def _norm(s: str) -> str:
    """A line's words, lower-cased, single-spaced: the key for repeated lines."""
    if s.isascii():
        return " ".join(s.lower().translate(_ASCII_NON_WORD).split())
    return _NON_WORD.sub(" ", s.lower()).strip()


_HEADLINES = str(Reason.HEADLINES)


def _in_headline_run(ln: _Line, max_h: int) -> bool:
    return ln.reason in (None, _HEADLINES) and ln.headline_like and len(ln.words) <= max_h + 10
