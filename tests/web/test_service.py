"""The service facade prepares what it stores with the server's whole Config: uploads read by
a reader and records posted as JSON or text alike (article step: bounds, ``[clean]``,
language)."""
from __future__ import annotations

import dataclasses

from storyweave.config import Config
from storyweave.ingest.jsonl import record_to_article
from storyweave.model import Article, Problem
from storyweave.web.service import Service, read_with_reader

# invented texts
HEADLINE = "Valmora river crews work through the night as the Sella keeps rising near the bridge"
TEXT = (f"{HEADLINE}\n\n"
        "Floodwater from the Sella river reached the centre of Valmora on Tuesday, forcing about "
        "two thousand people from their homes.\n\n"
        "The mayor said crews had worked through the night to shore up the banks near the old bridge.\n")
FRENCH = ("Les eaux de la Sella ont atteint le centre de Valmora mardi, forçant environ deux mille "
          "personnes à quitter leur maison.\n\nLe maire a déclaré que les équipes avaient travaillé "
          "toute la nuit pour renforcer les berges près du vieux pont.\n")


def config(max_headline_words: int = 1) -> Config:
    return Config().with_overrides({"clean": {"max_headline_words": max_headline_words}}, origin="test")


def test_an_upload_is_cleaned_with_the_servers_clean_section():
    [art] = list(read_with_reader(TEXT.encode("utf-8"), "upload", ".txt", config(1)))
    assert isinstance(art, Article)
    assert art.meta["cleaned_with"] == dataclasses.asdict(config(1).clean)
    assert HEADLINE in art.body and art.title is None  # with the default section it is the title
    [default] = list(read_with_reader(TEXT.encode("utf-8"), "upload", ".txt", Config()))
    assert default.title == HEADLINE and HEADLINE not in default.body


def test_posted_records_get_the_article_step():
    service = Service.default(config(1), brief_process=False)
    french, english = (record_to_article({"id": i, "text": t}, i, i) for i, t in (("fr1", FRENCH), ("en1", TEXT)))
    out = service.clean([french, english])
    assert [a.id for a in out] == ["fr1", "en1"]
    assert out[0].language == "fr" and out[1].language == "en"
    assert all(a.cleaned and a.meta["cleaned_with"]["max_headline_words"] == 1 for a in out)
    assert HEADLINE in out[1].body


def test_articles_cleaned_with_the_same_settings_pass_unchanged_and_others_are_recleaned():
    service = Service.default(config(1), brief_process=False)
    [same] = list(read_with_reader(TEXT.encode("utf-8"), "a", ".txt", config(1)))
    body = list(same.body)
    assert service.clean([same])[0].body == body
    [other] = list(read_with_reader(TEXT.encode("utf-8"), "b", ".txt", Config()))  # e.g. a feed entry
    assert HEADLINE not in other.body
    [again] = service.clean([other])
    assert HEADLINE in again.body and again.meta["cleaned_with"]["max_headline_words"] == 1


def test_an_article_the_step_cannot_prepare_is_stored_raw(monkeypatch):
    import storyweave.ingest.article as article_step

    service = Service.default(config(1), brief_process=False)
    monkeypatch.setattr(article_step.ArticleStep, "__call__", lambda self, a: Problem(a.id, "broken"))
    raw = Article(id="r1", text=TEXT)
    assert service.clean([raw]) == [raw] and not raw.cleaned
