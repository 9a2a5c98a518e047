"""trafilatura's pruning XPaths evaluated without Python call-backs (ingest/html_prune.py): the
same elements in the same order as the XPath, on generated trees; trafilatura's own
expressions back in place after every use."""
import importlib
import random

import pytest

from storyweave.ingest import html_prune as hp
from storyweave.ingest.html_tree import parse_html

TAGS = ["div", "p", "span", "section", "aside", "a", "ol", "ul", "li", "details", "header", "h1", "h3", "h4",
        "time", "figure", "address", "link", "strong", "author", "rel", "script", "style", "svg", "footer",
        "fencedframe", "template", "article", "b"]
# renamed after parsing, as trafilatura's tag conversion does (<list>, <item>, <head>, <ref>)
RENAMED = {"ul": "list", "li": "item", "h4": "head", "b": "ref"}
ATTRS = ["id", "class", "style", "role", "data-component", "data-lp-replacement-content", "aria-hidden",
         "itemprop", "rel", "data-testid", "title"]
# pieces of what the expressions test, near misses included ("commentary", "Share" vs "share")
TOKENS = ["", "x", "cookie", "cookie-banner", "OneTrust", "reply-", "reply-box", "hidden", "is-hidden", "hide-x",
          "comment", "Comments", "commentary", "comment-list", "comol", "disqus_thread", "article-comments", "ad-",
          " ad ", "ad", "-ad-", "dfpAd", "nav", "Nav", "NAVIGATION", "main", "navbar", "share", "Share", "share-",
          "shariff", "social", "author", "Author", "author-name", "authorName", "author name", "byline", "Byline",
          "byl", "BBL", "username", "footer", "Footer", "elementor-share-buttons", "infinite-scroll",
          "mvp-post-add-box", "bottom", "link", "border", "display:none", "display: none", "Figure", "AuthorCard",
          "AuthorURL", "me", "comments", "title", "date", "true", "false", "teaser", "caption", "meta", "widget",
          "zuozhe", "writer", "screenname", "ProductReviews", "sidebar", "MostPopularStories", "print", "yin",
          "message", "suggest-links", "noprint", "premium", "related", "tags", "tag-list", "bread-crumb"]


def _value(rng: random.Random) -> str:
    return " ".join(rng.choice(TOKENS) for _ in range(rng.randint(0, 3))).replace('"', "")


def _element(rng: random.Random, depth: int) -> str:
    tag = rng.choice(TAGS)
    names = rng.sample(ATTRS, rng.randint(0, 4))  # attributes in random order: string(@id|@class) reads the first
    attrs = "".join(f' {n}="{_value(rng)}"' if rng.random() > 0.1 else f" {n}" for n in names)
    inner = "".join(_element(rng, depth + 1) for _ in range(rng.randint(0, 3) if depth < 5 else 0))
    text = rng.choice(["", "me", "Jane Roe", "text"])
    return f"<{tag}{attrs}>{text}{inner}</{tag}>tail "


def _trees(n: int = 250):
    rng = random.Random(16)
    for _ in range(n):
        tree = parse_html("<html><head><title>t</title></head><body>"
                          + "".join(_element(rng, 0) for _ in range(6)) + "</body></html>")
        if rng.random() < 0.5:
            for el in tree.iter(*RENAMED):
                el.tag = RENAMED[el.tag]
        yield tree


def test_every_expression_of_trafilatura_2_3_1_is_replaced():
    versions = hp.fast_versions()
    replaced = {(name, i) for name, (_, fast) in versions.items()
                for i, e in (enumerate(fast) if isinstance(fast, list) else [(None, fast)])
                if isinstance(e, hp._Evaluator)}
    assert replaced == set(hp._EVALUATORS), "trafilatura's XPath text changed: those evaluators are not used"


@pytest.mark.parametrize("key", sorted(hp._EVALUATORS, key=str), ids=lambda k: f"{k[0]}[{k[1]}]")
def test_same_elements_in_the_same_order_as_the_xpath(key):
    name, index = key
    original, fast = hp.fast_versions()[name]
    xpath, evaluator = (original, fast) if index is None else (original[index], fast[index])
    matched = 0
    for tree in _trees():
        for context in (tree, tree.find("body")):
            want = xpath(context)
            assert evaluator(context) == want  # lxml elements compare by identity
            matched += len(want)
    assert matched  # the generated trees exercise the expression


def _readers():
    return [(importlib.import_module(f"trafilatura.{m}"), n) for m, names in hp._READERS.items() for n in names]


def test_originals_are_back_after_use_even_after_an_error():
    before = [getattr(m, n) for m, n in _readers()]
    with hp.fast_prunes():
        with hp.fast_prunes():  # nested use
            assert any(getattr(m, n) is not b for (m, n), b in zip(_readers(), before))
        assert any(getattr(m, n) is not b for (m, n), b in zip(_readers(), before))
    assert all(getattr(m, n) is b for (m, n), b in zip(_readers(), before))
    with pytest.raises(RuntimeError):
        with hp.fast_prunes():
            raise RuntimeError
    assert all(getattr(m, n) is b for (m, n), b in zip(_readers(), before))


def test_extract_leaves_trafilatura_as_it_was():
    from storyweave.ingest.html import extract

    before = [getattr(m, n) for m, n in _readers()]
    page = ("<html><body><article><h1>Title</h1><div class='byline author'>By Jane Roe</div>"
            + "<p>" + "Words of the article body go here. " * 40 + "</p>"
            + "<div id='comments'><p>a comment</p></div><footer>site</footer></article></body></html>")
    ex = extract(page)
    assert ex is not None and "a comment" not in ex.text
    assert all(getattr(m, n) is b for (m, n), b in zip(_readers(), before))
