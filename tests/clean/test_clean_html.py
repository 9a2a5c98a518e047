from lxml import etree

from storyweave.clean.html import clean_body
from storyweave.model import Reason


def body(xml: str) -> etree._Element:
    return etree.fromstring(f"<body>{xml}</body>")


PROSE = "<p>The council voted on Tuesday to expand the ferry service, officials said after the meeting.</p>"


def test_link_list_and_related_block_removed_with_reasons():
    tree = body(
        PROSE
        + "<list><item><ref target='/a'>Mayor opens new library wing</ref></item>"
        "<item><ref target='/b'>Storm closes coastal road</ref></item></list>"
        + "<head>Read more</head><p><ref target='/c'>School board delays its budget vote</ref></p>"
        + PROSE
    )
    removed = clean_body(tree)
    assert [r.reason for r in removed] == [str(Reason.HEADLINES), str(Reason.RELATED), str(Reason.RELATED)]
    assert removed[0].text.startswith("Mayor opens")
    assert [el.tag for el in tree] == ["p", "p"]  # the two prose paragraphs stay


def test_prose_with_links_and_linked_sentences_stay():
    tree = body(
        "<p>As <ref target='/x'>reported last week</ref>, the plan was approved by seven votes to two.</p>"
        "<p><ref target='/y'>The whole paragraph is a link but reads as a sentence.</ref></p>"
        "<p>You can sign up for a ferry pass at any station, the operator said on Monday.</p>"
        "<list><item>First point of the plan</item><item><ref target='/z'>a linked point</ref></item></list>"
    )
    assert clean_body(tree) == []
    assert len(tree) == 4


def test_prompts():
    tree = body(
        PROSE
        + "<p>Sign up for our morning newsletter</p>"
        + "<p>Follow us on Twitter</p>"
        + "<p>This copy is for your personal, non-commercial use only.</p>"
        + "<p>Related: <ref target='/q'>Ferry fares to rise</ref></p>"
    )
    reasons = [r.reason for r in clean_body(tree)]
    assert reasons == [str(Reason.NEWSLETTER), str(Reason.SOCIAL), str(Reason.LEGAL), str(Reason.RELATED)]


def test_tail_text_kept_when_block_removed():
    tree = body("<p>Keep me.</p><p>Follow us on Twitter</p>tail words")
    clean_body(tree)
    assert "".join(tree.itertext()).endswith("tail words")
