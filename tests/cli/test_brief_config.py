"""A ``[clean]`` setting given in a TOML config reaches the cleaning of ``storyweave brief``'s
inputs at ingest (the article step gets the whole Config), and the brief's own Clean step
then leaves those articles as they are."""
from __future__ import annotations

import pytest

from storyweave.clean import clean_article
from storyweave.cli import main

# invented: a headline-like first line of 16 words, then the story
TEXT = ("Valmora river crews work through the night as the Sella keeps rising near the bridge\n\n"
        "Floodwater from the Sella river reached the centre of Valmora on Tuesday, forcing about "
        "two thousand people from their homes.\n\n"
        "The mayor said crews had worked through the night to shore up the banks near the old bridge.\n")
HEADLINE = TEXT.split("\n\n")[0]


class RecordingPipeline:
    """Stands in for storyweave.pipeline.Pipeline: keeps the articles as the command passed them."""

    seen: list = []

    def __init__(self, config):
        self.config = config

    def brief(self, articles, problems=None):
        from storyweave.model import Brief, SummarySentence

        RecordingPipeline.seen = [(self.config, a, a.title, list(a.body), dict(a.meta)) for a in articles]
        return Brief(articles=articles, problems=list(problems or []),
                     summary=[SummarySentence(a.body[0], [a.id]) for a in articles if a.body])


@pytest.fixture
def recording(monkeypatch):
    import storyweave.pipeline

    RecordingPipeline.seen = []
    monkeypatch.setattr(storyweave.pipeline, "Pipeline", RecordingPipeline)
    return RecordingPipeline


@pytest.mark.parametrize("toml, headline_is_title", [
    ("", True),  # default: at most 22 + 6 words read as a title
    ("[clean]\nmax_headline_words = 1\n", False),  # at most 7 words: the line stays in the body
])
def test_clean_section_of_the_toml_config_cleans_the_brief_inputs(recording, tmp_path, capsys, toml, headline_is_title):
    story = tmp_path / "story.txt"
    story.write_text(TEXT, "utf-8")
    cfg_file = tmp_path / "storyweave.toml"
    cfg_file.write_text(toml, "utf-8")
    assert main(["--config", str(cfg_file), "brief", str(story)]) == 0
    capsys.readouterr()
    [(config, article, title, body, meta)] = recording.seen
    assert meta["cleaned_with"]["max_headline_words"] == config.clean.max_headline_words
    assert config.clean.max_headline_words == (22 if headline_is_title else 1)
    assert (title == HEADLINE) is headline_is_title
    assert (HEADLINE in body) is not headline_is_title
    # the brief's Clean step (clean_article with the same section) keeps what ingest did
    before = list(article.body)
    assert clean_article(article, config.clean) is article and article.body == before

