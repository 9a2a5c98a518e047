"""A page's HTML parsed once into the tree every consumer reads (trafilatura's passes, the
metadata evidence, htmldate).

Same parse as :func:`trafilatura.utils.load_html` (same parser options, the same repairs and
fallbacks), with one difference in how lxml makes Python objects for the tree's elements.
``lxml.html``'s parser decides each element's class in a *Python* ``lookup`` method, called
every time an element is touched from Python (each XPath result, each step of ``iter()``):
on the extraction benchmark that was about 4,500 calls per page and a sixth of the whole
extraction time. Here the class is fixed in C (:class:`lxml.etree.ElementDefaultClassLookup`):
every element is an ``HtmlElement`` (so ``text_content()``, ``drop_tree()`` and the rest work
as before); only the form-widget subclasses (``FormElement``, ``InputElement``, ...), whose
extra methods no consumer of ours or of trafilatura's calls, are not made. Copies of the tree
(trafilatura copies it for each pass) keep the parser and so the lookup.
"""
from __future__ import annotations

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring


def _parser() -> HTMLParser:
    # trafilatura's own options (trafilatura.utils.HTML_PARSER): ids not collected, no doctype
    # invented, comments and processing instructions dropped
    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                        remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
    return parser


PARSER = _parser()


def _from_bytes(html: str) -> HtmlElement | None:
    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=PARSER)
    except Exception:  # noqa: BLE001 - as trafilatura: a page lxml cannot read is no tree
        return None


def parse_html(html: str | bytes) -> HtmlElement | None:
    """The page's tree, or None when it is not HTML; the steps of trafilatura's ``load_html``."""
    from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html

    if isinstance(html, HtmlElement):
        return html
    text = decode_file(html)
    beginning = text[:50].lower()
    dubious = is_dubious_html(beginning)
    text = repair_faulty_html(text, beginning)
    tree, from_bytes = None, False
    try:
        tree = fromstring(text, parser=PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, from_bytes = _from_bytes(text), True
    except Exception:  # noqa: BLE001 - trafilatura logs and tries the bytes below
        tree = None
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _from_bytes(text)
    # not HTML at all: a plain string parses to a lone <p> (trafilatura's rejection test)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree
