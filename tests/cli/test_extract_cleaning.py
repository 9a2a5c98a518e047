"""``storyweave extract`` gives the body and removed lines the brief works from, for every
input kind, plain text included (it used to print plain text uncleaned)."""
from __future__ import annotations

import json

from storyweave.cli import main
from storyweave.clean import clean_article
from storyweave.model import Article

# invented, with scraped furniture around it
TEXT = "\n".join([
    "Home | World | Sport | Weather",
    "Share on Facebook",
    "Floodwater from the Sella river reached the centre of Valmora on Tuesday, forcing about two "
    "thousand people from their homes.",
    "Advertisement",
    "The mayor said crews had worked through the night to shore up the banks near the old bridge.",
    "Read more: Storm warning for the coast",
])


def test_extract_on_plain_text_is_cleaned_like_the_brief(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, "utf-8")
    assert main(["extract", str(path), "--removed"]) == 0
    rec = json.loads(capsys.readouterr().out)
    brief_view = clean_article(Article(id="story.txt", text=TEXT))  # what the brief pipeline cleans to
    assert rec["body"] == "\n\n".join(brief_view.body)
    assert rec["removed"] == [{"text": r.text, "reason": str(r.reason)} for r in brief_view.removed]
    assert rec["removed"] and "Share on Facebook" not in rec["body"]
    assert rec["language"] == "en"


def test_extract_text_format_shows_the_cleaned_body(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, "utf-8")
    assert main(["extract", str(path), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "Valmora" in out and "Share on Facebook" not in out and "Advertisement" not in out
