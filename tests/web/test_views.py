"""Brief dict -> page model: citations find their sentences, the matrix says who reported what."""
from __future__ import annotations

import story_fixture

from storyweave.model import Article, Removed
from storyweave.web.views import article_lines, safe_href, story_view


def test_citations_link_to_the_cited_sentences():
    v = story_view(story_fixture.brief())
    first = v.summary[0]["links"]
    assert [l.label for l in first] == ["Coastal Herald", "Norrvik Post"]
    # the DOM id of each link is a sentence rendered in that article
    doms = {s.dom: s.text for a in v.articles for p in a.paragraphs for s in p}
    for link in first:
        assert link.href == "#" + link.targets.split()[0]
        assert doms[link.targets].startswith("The ferry between Norrvik")


def test_citation_without_sentence_ids_is_found_by_text_else_points_at_the_article():
    v = story_view(story_fixture.brief())
    milk = v.summary[2]["links"]  # sentence_ids empty in the brief
    doms = {s.dom: s.text for a in v.articles for p in a.paragraphs for s in p}
    assert doms[milk[0].targets].startswith("Island shops ran short")
    timeline = v.timeline[0]["links"]  # text not in any article: link to the article itself
    assert [l.href for l in timeline] == ["#a0", "#a1"]


def test_coverage_matrix_rows_and_cells():
    v = story_view(story_fixture.brief())
    assert v.outlets == ["Coastal Herald", "Norrvik Post", "Island Wire"]
    kinds = [r.kind for r in v.matrix]
    assert kinds == ["agreement", "divergence", "unique"]
    assert [c.mark for c in v.matrix[1].cells] == ["9 days", "~2 weeks", ""]
    assert [c.mark for c in v.matrix[2].cells] == ["", "✓", ""]


def test_syndication_graph_joins_the_copying_outlets():
    v = story_view(story_fixture.brief())
    assert v.syndication[0]["outlets"] == ["Norrvik Post", "Island Wire"]
    assert v.graph and len(v.graph["edges"]) == 1 and len(v.graph["nodes"]) == 3


def test_unknown_citation_is_shown_unlinked_and_odd_shapes_do_not_crash():
    b = story_fixture.brief()
    b["summary"].append({"text": "x", "citations": ["not-in-brief"]})
    b["quotes"].append("not a dict")
    b["divergences"].append({"about": "y", "kind": "precision", "variants": None})
    v = story_view(b)
    assert v.summary[-1]["links"][0].href == ""


def test_only_web_links_to_originals():
    assert safe_href("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil", "vbscript:x", "", None, "http://"):
        assert safe_href(bad) is None


def test_removed_lines_stay_in_place_with_their_reason():
    a = Article(id="a", text="Title\nKept one.\nRead more: other\nKept two.", body=["Kept one.", "Kept two."],
                removed=[Removed("Title", "title", 0), Removed("Read more: other", "related-articles list", 2)], cleaned=True)
    lines = article_lines(a)
    assert [(l.text, l.removed, l.reason) for l in lines] == [
        ("Title", True, "title"), ("Kept one.", False, ""), ("Read more: other", True, "related-articles list"),
        ("Kept two.", False, "")]
    # without line positions: body first, removed after
    a.removed = [Removed("Read more: other", "related-articles list")]
    assert [l.removed for l in article_lines(a)] == [False, False, True]


def test_a_quote_without_speaker_is_shown_as_not_given():
    brief = story_fixture.brief()
    brief["quotes"] += [{**brief["quotes"][0], "speaker": None, "text": "Nobody asked the islanders first"},
                        {**brief["quotes"][0], "speaker": "unknown", "text": "Stored before speakers could be null"}]
    v = story_view(brief)
    assert [(q["who"], q["named"]) for q in v.quotes] == [
        ("Ingrid Holm", True), ("speaker not given", False), ("speaker not given", False)]


def test_an_article_without_outlet_reads_article_n_not_its_file_name():
    b = story_fixture.brief()
    b["articles"][2]["outlet"] = None
    v = story_view(b)
    assert v.outlets == ["Coastal Herald", "Norrvik Post", "article 3"]
    assert [a.outlet_known for a in v.articles] == [True, True, False]
    assert [l.label for l in v.agreements[0]["links"]] == ["Coastal Herald", "Norrvik Post", "article 3"]
