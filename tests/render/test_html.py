"""The HTML page: self-contained, escaped, every citation a working link to its sentence."""
from __future__ import annotations

import re
from urllib.parse import unquote

from storyweave.model import Quote
from storyweave.render.html import brief_body, frag, mark_value, render_html, render_html_stories
from storyweave.render.json import brief_to_dict


def test_page_is_self_contained_and_locked_down(brief, page_links):
    page = render_html(brief)
    assert page.startswith("<!doctype html>")
    assert "<style>" in page and "<script" not in page
    links = page_links(page)
    assert links.loads == []  # no src=, <link>, <img>, <script>: nothing is fetched
    assert not re.search(r"url\(|@import", page)
    assert "default-src &#39;none&#39;" in page  # CSP: even injected markup could not fetch anything


def test_source_text_is_escaped_never_injected(brief):
    page = render_html(brief)
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<b>Tolls</b>" not in page and "&lt;b&gt;Tolls&lt;/b&gt;" in page
    assert "Kestrel Bridge reopens &lt;after&gt; storm repairs" in page
    # a javascript: URL from a record is shown as text, never as a link
    assert 'href="javascript:' not in page
    assert 'href="https://herald.example/kestrel"' in page


def test_every_citation_links_to_a_sentence_on_the_page(brief, page_links):
    links = page_links(render_html(brief))
    assert links.fragments and set(links.fragments) <= links.ids
    # the tricky id (space, ampersand) is reachable: escaped in the id, percent-encoded in the link
    assert "ledger & co.txt#0" in links.ids
    assert frag("ledger & co.txt#0") == "#ledger%20%26%20co.txt%230"


def test_summary_citations_point_at_the_cited_sentences(brief):
    page = render_html(brief)
    summary = page[page.index("id=\"summary\""):page.index("id=\"divergences\"")]
    hrefs = re.findall(r'class="chip cite o\d" href="([^"]+)"', summary)
    assert hrefs == ["#ledger%20%26%20co.txt%230", "#post.json%230", "#herald.txt%231", "#herald.txt%234"]
    assert 'title="Coastline Herald: Engineers replaced 212 steel cables, according to the ministry."' in summary


def test_sources_are_chips_one_colour_per_outlet(brief):
    page = render_html(brief)
    header = page[:page.index('class="sw-nav"')]
    chips = re.findall(r'class="chip src (o\d)" href="#article-([^"]+)"', header)
    assert [c for c, _ in chips] == ["o0", "o1", "o2"]
    brief.articles[2].outlet = "Northern Post"  # same outlet, same colour
    header = render_html(brief)[:2000 + page.index('class="sw-nav"')]
    assert [c for c, _ in re.findall(r'class="chip src (o\d)" href="#article-([^"]+)"', header)] == ["o0", "o1", "o1"]


def test_divergences_side_by_side_with_full_sentences(brief):
    page = render_html(brief)
    div = page[page.index('id="divergences"'):page.index('id="agreements"')]
    tables = div.split('<table class="variants">')[1:]
    assert len(tables) == 2
    heads = re.findall(r'<span class="value">([^<]+)</span>', tables[0])
    assert heads == ["more than four hours", "six hours"]
    assert "lasted <mark>six hours</mark> before the dockers" in tables[0]
    assert "badge k-contradiction" in div and "badge k-precision" in div


def test_coverage_matrix_rows_and_columns(brief):
    page = render_html(brief)
    matrix = page[page.index('<table class="matrix">'):]
    matrix = matrix[:matrix.index("</table>")]
    rows = matrix.split("<tr")[2:]
    assert len(rows) == 3  # 1 agreement + 2 divergences
    assert rows[0].count('class="dot"') == 3
    assert re.findall(r'class="vl">([A-Z])<', rows[1]) == ["A", "B", "B"]


def test_timeline_articles_removed_and_problems(brief):
    page = render_html(brief)
    assert '<time datetime="2023-11">Nov 2023</time>' in page
    assert '<time datetime="2024-03-09">Sat 9 Mar 2024</time>' in page
    assert 'class="inferred"' in page
    assert '<span class="sent used" id="herald.txt#1">' in page  # summary sentences are tinted
    assert '<details class="removed">' in page and "3 lines removed" in page
    assert '<span class="reason">comment form</span><span class="gone">Leave a comment</span>' in page
    assert 'id="problems"' in page and "<code>broken.bin</code> — binary file, not text" in page
    assert "Ilse Marant" in page and "also Ms Marant" in page
    assert "75% shared" in page


def test_value_marking_escapes_around_the_match():
    assert str(mark_value("<i>6 hours</i> & more", "6 hours")) == "&lt;i&gt;<mark>6 hours</mark>&lt;/i&gt; &amp; more"
    assert str(mark_value("a < b", "")) == "a &lt; b"


def test_body_fragment_for_embedding(brief_dict):
    body = brief_body(brief_dict)
    assert not re.search(r"<(html|head|body|style)[\s>]", body)
    assert body.lstrip().startswith('<article class="sw sw-brief" id="top">')


def test_several_stories_on_one_page_keep_section_ids_apart(brief, page_links):
    page = render_html_stories([brief, brief_to_dict(brief)])
    links = page_links(page)
    assert {"s1-summary", "s2-summary", "s1-top", "s2-top"} <= links.ids
    assert 'href="#s2-top"' in page


def test_real_story_page(example_brief, page_links):
    page = render_html(example_brief)
    links = page_links(page)
    assert links.loads == []
    missing = set(links.fragments) - links.ids
    assert not missing, sorted(missing)[:5]
    assert page.count('class="sent') > 50


def test_normalised_numbers_are_still_marked_in_the_sentence():
    assert "<mark>about 2,000</mark> people" in str(mark_value("forced about 2,000 people out", "about 2000"))
    assert "<mark>1 234 567</mark>" in str(mark_value("x 1 234 567 y", "1234567"))


def test_citations_without_exported_sentences_link_to_the_article(brief_dict, page_links):
    for a in brief_dict["articles"]:
        a["sentences"] = []  # e.g. a stored brief written without them
    links = page_links(render_html(brief_dict))
    assert set(links.fragments) <= links.ids
    assert "article-herald.txt" in links.fragments


def test_a_quote_without_speaker_says_so(brief):
    brief.quotes.append(Quote(None, "Nobody told us the bridge would close", ["herald.txt"]))
    page = render_html(brief)
    assert '<i class="muted">speaker not given</i>' in page
    assert "<b>None</b>" not in page and "<b></b>" not in page


def test_every_chip_links_to_the_sentence_its_evidence_names(evidence_dict, page_links):
    page = render_html(evidence_dict)
    evidence = {e["sentence"] for part in ("summary", "agreements", "unique", "quotes", "timeline")
                for item in evidence_dict[part] for e in item["evidence"]}
    evidence |= {e["sentence"] for d in evidence_dict["divergences"] for v in d["variants"] for e in v["evidence"]}
    chips = [unquote(h[1:]) for h in re.findall(r'class="chip cite[^"]*" href="([^"]+)"', page)]
    assert chips and all(h in evidence for h in chips), [h for h in chips if h not in evidence]
    # the timeline's storm event names a sentence for one outlet only: its other chip follows evidence
    assert "ledger & co.txt#0" in chips


def test_an_article_without_outlet_reads_article_n_and_says_outlet_unknown(brief):
    page = render_html(brief)  # the ledger article (third) names no outlet
    assert re.search(r'class="chip cite[^"]*" href="#ledger%20%26%20co.txt%23\d"\s+title="article 3: ', page)
    assert page.count("outlet unknown") == 1 and ">ledger &amp; co.txt<" not in page


def test_an_update_is_badged_as_one(brief):
    brief.divergences[0].kind = "update"
    page = render_html(brief)
    assert '<span class="badge k-update">update</span>' in page
    assert page.count('<span class="when">later</span>') == 1 and '<span class="when">earlier</span>' in page
