"""trafilatura's pruning XPaths, evaluated without Python call-backs: the same elements, in the
same order, at a fraction of the cost.

trafilatura prunes the page tree with XPath expressions that test ``id``/``class`` values with
EXSLT regular expressions (``re:test``). lxml runs every ``re:test`` as a call from libxml2 back
into Python, building a Python string (with a proxy of its element) for each attribute it
tests, for every candidate element: on the extraction benchmark those expressions were a third
of storyweave's extraction time, most of it the precision mode's prune of the whole raw page
(``compare_extraction``). Here each expression is a walk over the element kinds it names
(lxml's tag-filtered iteration, in document order, as XPath returns them) with its tests
written in Python: the same ``re`` patterns lxml compiles for ``re:test``, on the same strings
(an absent attribute is XPath's empty string; ``string(@id|@class)`` is the value of whichever
of the two attributes the element writes first), tested only where the attribute is present.

:func:`fast_prunes` puts these evaluators in place of trafilatura's expressions while our own
extraction runs and puts the originals back after: trafilatura's code and its decisions are
untouched, only how the selected elements are found changes. An evaluator is used only when
trafilatura's expression is exactly the one it was written for (a digest of the XPath text):
another trafilatura version keeps its own expressions. ``tests/ingest/test_html_prune.py``
checks every evaluator against its XPath on generated trees.
"""
from __future__ import annotations

import functools
import re
import threading
from contextlib import contextmanager
from typing import Callable, Iterator

from lxml.etree import Element


def _tester(pattern: str, flags: int = 0) -> Callable[[str], bool]:
    """``re:test`` of one pattern, its answer kept per string: a page repeats its class names,
    and each pass of trafilatura's tests them again (a long alternation costs microseconds)."""
    search = re.compile(pattern, flags).search
    return functools.lru_cache(maxsize=1 << 16)(lambda value: search(value) is not None)


def _first(el, a: str, b: str) -> str:
    """XPath's string(@a|@b): the value of whichever attribute comes first on the element."""
    va, vb = el.get(a), el.get(b)
    if va is None:
        return vb or ""
    if vb is None:
        return va
    for k in el.keys():
        if k == a:
            return va
        if k == b:
            return vb
    return va  # pragma: no cover - both attributes are among the keys


# ---- trafilatura.xpaths.OVERALL_DISCARD_XPATH ----------------------------------------------------

_O0_TAGS = ("div", "item", "list", "p", "section", "span")
_O0_ID = _tester(
    "^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author|"
    "^(?:jp-|dpsp-content)|bmdh|footer|Footer|share|Share|nav|Nav|menu|related|message-container|premium|^ad-")
_O0_CLASS = _tester(
    "^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author|"
    "^(?:nav|post-nav|ZendeskForm)|subnav|avigation|navbar|navbox|menu|bar| ad |-ad-|(?:^| )ad-|dfp[Aa]d|"
    "outbrain|taboola|criteo|paid-?content|widget|footer|Footer|byline|Byline|share-|sociable|embedded|embed|"
    "tag-list|consent|modal-content|permission|elated|next-|-stories|most-popular|more-on|meta|rating|"
    "attachment|timestamp|user-info|user-profile|-icon|article-infos|message-container|slide|viewport|"
    "overlay|options|expand|obfuscated|blurred|mol-factbox|yin|zlylin|nfoline")


def _overall_0(tree) -> list:
    """``.//*[self::div or ...][@data-lp-replacement-content or contains(translate(@role, 'N',
    'n'), 'nav') or contains(@data-component, 'MostPopularStories') or re:test(@id|@class,
    'cookie') or re:test(@id, ...) or re:test(@class, ...)]``"""
    out = []
    for el in tree.iterdescendants(*_O0_TAGS):
        get = el.get
        i, c = get("id") or "", get("class") or ""
        if (c and _O0_CLASS(c) or i and _O0_ID(i)
                # 'cookie' in the first of the two only (both hold it: either is first)
                or ("cookie" in i or "cookie" in c) and "cookie" in _first(el, "id", "class")
                or get("data-lp-replacement-content") is not None
                or "nav" in (get("role") or "").replace("N", "n")
                or "MostPopularStories" in (get("data-component") or "")):
            out.append(el)
    return out


_O1_CLASS = _tester("^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print|"
                       " hidden| hide|noprint|notloaded")


def _overall_1(tree) -> list:
    """``.//*[@class='comments-title' or starts-with(@id|@class, 'reply-') or re:test(@id|@style,
    'hidden') or contains(@style, 'display:none') or contains(@style, 'display: none') or
    re:test(@id, 'reader-comments|akismet') or re:test(@class, ...) or @aria-hidden='true']``"""
    out = []
    for el in tree.iterdescendants(Element):
        get = el.get
        i, c, s = get("id") or "", get("class") or "", get("style") or ""
        if (c and _O1_CLASS(c)  # covers @class='comments-title'
                or ("reply-" in i or "reply-" in c) and _first(el, "id", "class").startswith("reply-")
                or ("hidden" in i or "hidden" in s) and "hidden" in _first(el, "id", "style")
                or s and ("display:none" in s or "display: none" in s)
                or i and ("reader-comments" in i or "akismet" in i)
                or get("aria-hidden") == "true"):
            out.append(el)
    return out


# ---- RAW_TREE_PRUNE_XPATH[0], REMOVE_COMMENTS_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH ------------

_SCROLL = _tester("mvp-post-add-(?:box|wrap)|infinite-?scroll")
_POST_ADD = re.compile("mvp-post-add-(?:box|wrap)")


def _raw_prune_0(tree) -> list:
    out = []
    for el in tree.iterdescendants("div", "section", "aside"):
        i, c = el.get("id") or "", el.get("class") or ""
        if (i or c) and (_SCROLL(i) or _SCROLL(c)) and (
                el.find(".//h1") is None or _POST_ADD.search(i) or _POST_ADD.search(c)):
            out.append(el)
    return out


_COMMENT_ID = re.compile("^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
_COMMENT_LIST_ID = re.compile("^(?:[Cc]omment(?!ary)|comol)")
_COMMENT_CLASS = _tester("^[Cc]omment(?!ary)|(?:article|post)-comments")


def _remove_comments(tree) -> list:
    out = []
    for el in tree.iterdescendants("div", "list", "section", "details"):
        i, c = el.get("id"), el.get("class")
        if i and _COMMENT_ID.search(i) or c and _COMMENT_CLASS(c):
            out.append(el)
    return out


def _remove_comments_and_lists(tree) -> list:
    out = []
    for el in tree.iterdescendants("div", "list", "section", "details", "ol", "ul"):
        i, c = el.get("id") or "", el.get("class") or ""
        if (i or c) and (_COMMENT_ID.search(i) or _COMMENT_CLASS(c)) and (
                el.tag not in ("ol", "ul") or _COMMENT_LIST_ID.search(i) or _COMMENT_CLASS(c)):
            out.append(el)
    return out


# ---- PRECISION_DISCARD_XPATH[1] -----------------------------------------------------------------

_BOTTOM = re.compile(r"(^|\s)bottom|bottom(\s|$)")
_LINK = re.compile(r"(^|\s)link(\s|$)")


def _precision_discard_1(tree) -> list:
    out = []
    for el in tree.iterdescendants(*_O0_TAGS):
        i, c = el.get("id"), el.get("class")
        first = _first(el, "id", "class") if i is not None or c is not None else ""
        if first and (_BOTTOM.search(first) or _LINK.search(first)) or "border" in (el.get("style") or ""):
            out.append(el)
    return out


# ---- RAW_TREE_PRUNE_XPATH[1], settings.BASIC_CLEAN_XPATH --------------------------------------

def _raw_prune_1(tree) -> list:
    """``.//*[self::div or self::section or self::aside][contains(@class, 'elementor-share-buttons')]``"""
    return [el for el in tree.iterdescendants("div", "section", "aside")
            if "elementor-share-buttons" in (el.get("class") or "")]


_BASIC_TAGS = frozenset(("aside", "fencedframe", "footer", "script", "style", "svg", "template"))
_CONSENT = _tester(
    "cookie[-_]?(?:banner|bar|consent|law|notice|policy|description)|notice[-_]{0,2}cookie"
    "|consent[-_]?(?:banner|manager|sdk)|borlabs|cookiebot|cmplz|onetrust|moove[-_]?gdpr", re.IGNORECASE)


def _basic_clean(tree) -> list:
    """``.//aside|.//div[contains(@class|@id, 'footer')]|.//fencedframe|.//footer|.//script|
    .//style|.//svg|.//template|.//*[re:test(@class, ..., 'i') or re:test(@id, ..., 'i')]``
    (a union: each element once, in document order)"""
    out = []
    for el in tree.iterdescendants(Element):
        tag = el.tag
        i, c = el.get("id") or "", el.get("class") or ""
        if (tag in _BASIC_TAGS or tag == "div" and ("footer" in i or "footer" in c) and "footer" in _first(el, "class", "id")
                or c and _CONSENT(c) or i and _CONSENT(i)):
            out.append(el)
    return out


# ---- metadata.AUTHOR_XPATHS, metadata.AUTHOR_DISCARD_XPATHS[0] -------------------------------------

_A0_TAGS = ("a", "address", "author", "div", "link", "p", "span", "strong")
_A0_CLASS = _tester("author-?name|AuthorName|authorName")


def _rel_me(el) -> bool:
    # rel='me': a child element <rel> whose string value is "me"
    return any(ch.tag == "rel" and ch.xpath("string()") == "me" for ch in el.iterchildren("rel"))


def _author_0(tree) -> list:
    """``//*[self::a or ...][@rel='author' or @id='author' or @class='author' or @itemprop='author
    name' or rel='me' or @data-testid='AuthorCard' or @data-testid='AuthorURL' or re:test(@class,
    ...)]|//author`` (from the document's root, as ``//`` reads)"""
    out = []
    for el in tree.getroottree().getroot().iter(*_A0_TAGS):
        if el.tag == "author":
            out.append(el)
        else:
            get = el.get
            c = get("class")
            if (get("rel") == "author" or get("id") == "author" or c == "author"
                    or get("itemprop") == "author name" or get("data-testid") in ("AuthorCard", "AuthorURL")
                    or c and _A0_CLASS(c) or len(el) and _rel_me(el)):
                out.append(el)
    return out


_A1_TAGS = ("a", "div", "h3", "h4", "p", "span")
_A1_ID = _tester("author|zuozhe|bianji|xiaobian")
_A1_CLASS = _tester("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")


def _author_1(tree) -> list:
    """``//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span][@class='byline'
    or ... or contains(@itemprop, 'author') or re:test(@id, ...) or re:test(@class, ...)]``"""
    out = []
    for el in tree.getroottree().getroot().iter(*_A1_TAGS):
        get = el.get
        i, c = get("id"), get("class")
        if (c in ("byline", "username", "byl", "BBL") or "author" in (get("itemprop") or "")
                or i and _A1_ID(i) or c and _A1_CLASS(c)):
            out.append(el)
    return out


_A2_ID = _tester("[Aa]uthor")
_A2_CLASS = _tester("[Aa]uthor|screenname|writer|[Bb]yline")


def _author_2(tree) -> list:
    """``//*[contains(@data-component, 'Byline') or contains(@itemprop, 'author') or re:test(@id,
    '[Aa]uthor') or re:test(@class, '[Aa]uthor|screenname|writer|[Bb]yline')]``"""
    out = []
    for el in tree.getroottree().getroot().iter(Element):
        get = el.get
        i, c = get("id"), get("class")
        if ("Byline" in (get("data-component") or "") or "author" in (get("itemprop") or "")
                or i and _A2_ID(i) or c and _A2_CLASS(c)):
            out.append(el)
    return out


_AD_ID = _tester("^comments|comment-?list|ProductReviews")
_AD_CLASS = _tester("^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
                       "article-(?:share|support)|print|category|meta-date|meta-reviewer")


def _author_discard_0(tree) -> list:
    """``.//*[self::a or self::div or self::section or self::span][@id='comments' or
    @class='comments' or @class='title' or @class='date' or re:test(@id, ...) or re:test(@class,
    ...) or contains(@data-component, 'Figure')]``"""
    out = []
    for el in tree.iterdescendants("a", "div", "section", "span"):
        get = el.get
        i, c = get("id"), get("class")
        if (i and _AD_ID(i) or c and (c in ("comments", "title", "date") or _AD_CLASS(c))
                or "Figure" in (get("data-component") or "")):
            out.append(el)
    return out


# trafilatura's expression (name, index in its list; None: a lone XPath) -> (sha1 of its XPath text
# in trafilatura 2.3.1, the evaluator)
_EVALUATORS: dict[tuple[str, int | None], tuple[str, Callable[[object], list]]] = {
    ("OVERALL_DISCARD_XPATH", 0): ("d00545c1e3acd7dd", _overall_0),
    ("OVERALL_DISCARD_XPATH", 1): ("8c88600b03181df7", _overall_1),
    ("RAW_TREE_PRUNE_XPATH", 0): ("c15751070b078a64", _raw_prune_0),
    ("RAW_TREE_PRUNE_XPATH", 1): ("12b073ccb20e9633", _raw_prune_1),
    ("REMOVE_COMMENTS_XPATH", 0): ("97b3a45900e751de", _remove_comments),
    ("REMOVE_COMMENTS_AND_LISTS_XPATH", 0): ("7e7d885e629a5119", _remove_comments_and_lists),
    ("PRECISION_DISCARD_XPATH", 1): ("1333a88a43255a90", _precision_discard_1),
    ("BASIC_CLEAN_XPATH", None): ("841f8efcd6f3ebba", _basic_clean),
    ("AUTHOR_XPATHS", 0): ("4f5c359594eedf20", _author_0),
    ("AUTHOR_XPATHS", 1): ("73fbf938a6e51e59", _author_1),
    ("AUTHOR_XPATHS", 2): ("f4cc58faa793a925", _author_2),
    ("AUTHOR_DISCARD_XPATHS", 0): ("c65fe99332df7270", _author_discard_0),
}
# where each expression is defined, and the modules whose code reads it (as a module global)
_HOME = {"BASIC_CLEAN_XPATH": "settings"}
_READERS = {"core": ("RAW_TREE_PRUNE_XPATH", "REMOVE_COMMENTS_AND_LISTS_XPATH", "REMOVE_COMMENTS_XPATH"),
            "external": ("OVERALL_DISCARD_XPATH",),
            "main_extractor": ("OVERALL_DISCARD_XPATH", "PRECISION_DISCARD_XPATH"),
            "baseline": ("BASIC_CLEAN_XPATH",),
            "metadata": ("AUTHOR_XPATHS", "AUTHOR_DISCARD_XPATHS")}


class _Evaluator:
    """Stands in for one XPath object (trafilatura only calls it on a tree)."""

    __slots__ = ("path", "_fn")

    def __init__(self, xpath, fn: Callable[[object], list]) -> None:
        self.path, self._fn = xpath.path, fn

    def __call__(self, tree) -> list:
        return self._fn(tree)


def _digest(xpath) -> str:
    import hashlib

    return hashlib.sha1(xpath.path.encode()).hexdigest()[:16]


def fast_versions() -> dict[str, tuple[object, object]]:
    """name -> (trafilatura's expression or list, the same with evaluators in place of the
    expressions they reproduce); an expression whose text differs from the one an evaluator was
    written for is kept, a name with nothing replaced is left out."""
    import importlib

    out = {}
    for name in dict.fromkeys(n for n, _ in _EVALUATORS):
        original = getattr(importlib.import_module(f"trafilatura.{_HOME.get(name, 'xpaths')}"), name)
        if (name, None) in _EVALUATORS:
            digest, fn = _EVALUATORS[name, None]
            fast = _Evaluator(original, fn) if _digest(original) == digest else original
        else:
            fast = list(original)
            for i, xp in enumerate(fast):
                digest, fn = _EVALUATORS.get((name, i), ("", None))
                if fn is not None and _digest(xp) == digest:
                    fast[i] = _Evaluator(xp, fn)
        if fast != original:
            out[name] = (original, fast)
    return out


_LOCK = threading.Lock()
_active = 0
_swaps: list[tuple[object, str, object, object]] | None = None  # (module, name, original, fast)


def _prepare() -> list[tuple[object, str, object, object]]:
    import importlib

    versions = fast_versions()
    swaps = []
    for mod_name, names in _READERS.items():
        mod = importlib.import_module(f"trafilatura.{mod_name}")
        for name in names:
            # only where the module reads trafilatura's own expression (not one it made itself)
            if name in versions and getattr(mod, name, None) is versions[name][0]:
                swaps.append((mod, name, *versions[name]))
    return swaps


@contextmanager
def fast_prunes() -> Iterator[None]:
    """While this runs, trafilatura's pruning expressions are found by the evaluators above
    (the same elements); the originals are back when the last caller leaves (thread-safe: a
    trafilatura call in another thread meanwhile selects the same elements, only faster)."""
    global _active, _swaps
    with _LOCK:
        if _swaps is None:
            _swaps = _prepare()
        if _active == 0:
            for mod, name, _, fast in _swaps:
                setattr(mod, name, fast)
        _active += 1
    try:
        yield
    finally:
        with _LOCK:
            _active -= 1
            if _active == 0:
                for mod, name, original, _ in _swaps:
                    setattr(mod, name, original)
