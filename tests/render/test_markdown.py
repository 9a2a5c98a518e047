"""Markdown for the terminal: all nine parts, citations as outlet names."""
from __future__ import annotations

from storyweave.model import Brief, Quote
from storyweave.render.markdown import render_markdown

HEADINGS = ["## Summary", "## Agreements", "## Divergences", "## Unique facts", "## Quotes", "## Timeline",
            "## Entities", "## Syndication", "## Cleaned articles"]


def test_all_nine_parts_in_order(brief):
    md = render_markdown(brief)
    positions = [md.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    assert md.startswith("# Velmora's Kestrel Bridge reopens\n")


def test_citations_are_outlet_names_else_the_id(brief):
    md = render_markdown(brief)
    assert "cut the ribbon before a crowd of about 3,000 people. [Coastline Herald]" in md
    # the ledger has no outlet: its id stands in
    assert "[ledger & co.txt, Northern Post]" in md
    assert "[herald.txt]" not in md


def test_divergence_shows_who_says_what(brief):
    md = render_markdown(brief)
    assert "### length of the union talks on Friday — contradiction, duration" in md
    assert "- **more than four hours** — Coastline Herald:" in md
    assert "- **six hours** — Northern Post, ledger & co.txt:" in md
    assert "size of the crowd — difference of precision" in md


def test_other_parts(brief):
    md = render_markdown(brief)
    assert "· 2 independent sources" in md
    assert "- **Ilse Marant**: “This bridge carries the city” [Coastline Herald, Northern Post]" in md
    assert "- **2023-11** A storm closes the Kestrel Bridge." in md
    assert "_(date inferred from the other articles)_" in md
    assert "- Ilse Marant (also Ms Marant)" in md
    assert "Northern Post = ledger & co.txt: 75%" in md
    assert "- _navigation_: Home | Politics | Business | Sport" in md
    assert "## Skipped inputs (1)\n\n- broken.bin: binary file, not text" in md


def test_every_part_present_even_when_empty():
    md = render_markdown(Brief(articles=[]))
    for h in HEADINGS:
        assert h in md
    assert md.count("_None found._") == 9
    assert "Skipped inputs" not in md


def test_two_articles_of_one_outlet_stay_distinguishable(brief):
    brief.articles[2].outlet = "Northern Post"
    md = render_markdown(brief)
    assert "[Northern Post (ledger & co.txt), Northern Post (post.json)]" in md


def test_terminal_control_sequences_are_dropped(brief):
    brief.summary[0].text = "Bridge \x1b[2J\x1b]0;pwned\x07reopened."
    brief.articles[0].removed[0].text = "nav\x1b[31m"
    md = render_markdown(brief)
    assert "\x1b" not in md and "\x07" not in md
    assert "reopened." in md


def test_renders_a_stored_dict_like_the_brief(brief, brief_dict):
    assert render_markdown(brief_dict) == render_markdown(brief)


def test_a_quote_without_speaker_says_so(brief):
    brief.quotes.append(Quote(None, "Nobody told us the bridge would close", ["herald.txt"]))
    md = render_markdown(brief)
    assert "- _speaker not given_: “Nobody told us the bridge would close”" in md
    assert "None" not in md and "unknown" not in md.lower()


def test_an_update_says_which_report_is_later(brief):
    brief.divergences[0].kind = "update"  # the first variant is the later report
    md = render_markdown(brief)
    assert "— update: a later report changes the value, duration" in md
    assert "- **more than four hours** (later) — Coastline Herald:" in md
    assert "- **six hours** (earlier) — Northern Post" in md



def test_an_agreed_quotation_says_who_he_is(brief):
    from storyweave.model import Agreement

    sid = "herald.txt#99"  # a sentence no other part of the fixture cites
    brief.agreements.append(Agreement("“The bridge will stay shut until May,” he said.", ["herald.txt", "post.txt"], 2,
                                      sentence_ids=[sid]))
    brief.quotes.append(Quote("Mara Quell", "The bridge will stay shut until May", ["herald.txt"], sentence_ids=[sid]))
    md = render_markdown(brief)
    assert "“The bridge will stay shut until May,” he said. — *Mara Quell*" in md
    # a sentence that names its speaker needs no name after it
    brief.agreements[-1].text = "“The bridge will stay shut until May,” Ms. Quell said."
    assert "— *Mara Quell*" not in render_markdown(brief)
