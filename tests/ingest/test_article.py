"""The article step: every input kind yields the same kind of Article — decoded (encoding
recorded), bounded, cleaned, with its language — and running the step again changes nothing.
All article text here is invented."""
from __future__ import annotations

import copy
import csv
import io
import json

import pytest

from storyweave.clean import clean_article
from storyweave.clean.language import is_analysis_language
from storyweave.config import CleanConfig, Config, IngestConfig
from storyweave.ingest import read_articles
from storyweave.ingest.article import ArticleStep
from storyweave.model import Article

PARAS = [
    "Floodwater from the Sella river reached the centre of Valmora on Tuesday, forcing dozens of "
    "families from their homes as the rain kept falling through the night.",
    "The mayor said emergency crews had worked until dawn to shore up the banks near the old bridge, "
    "and that the town's schools would stay closed until the water went down.",
    "Residents were told to stay away from the quay, where the river had already risen more than two "
    "metres above its usual level by the early hours of Wednesday morning.",
]
TEXT = "\n\n".join(PARAS)
NOISE = ["Share on Facebook", "Advertisement"]  # lines the cleaner removes with a reason
FRENCH = ("Les eaux de la Sella ont atteint mardi le centre de Valmora, obligeant des dizaines de familles "
          "à quitter leur maison alors que la pluie continuait de tomber pendant toute la nuit. Le maire a "
          "déclaré que les écoles resteraient fermées jusqu'à la décrue.")


def _page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Valmora floods</title>'
            '<meta property="og:site_name" content="Valmora Herald"></head><body><main><article>'
            f"<h1>Valmora floods</h1>{body}</article></main></body></html>")


def _rss(paragraphs: list[str]) -> str:
    content = "".join(f"<p>{p}</p>" for p in paragraphs)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Sella Radio</title>'
            "<link>https://radio.example/</link><item><title>Valmora floods</title>"
            "<link>https://radio.example/floods</link><guid>https://radio.example/floods</guid>"
            f"<description>teaser</description><content:encoded><![CDATA[{content}]]></content:encoded>"
            "</item></channel></rss>")


def _csv(rows: list[dict], delimiter: str = ",") -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def _write_every_kind(d) -> None:
    noisy = "\n".join([NOISE[0], *PARAS, NOISE[1]])
    (d / "story.txt").write_text(noisy, "utf-8")
    (d / "story.json").write_text(json.dumps({"id": "j1", "url": "https://ledger.example/a", "text": noisy}), "utf-8")
    (d / "story.jsonl").write_text(json.dumps({"id": "l1", "text": TEXT}) + "\n"
                                   + json.dumps({"id": "l2", "html": _page(PARAS)}) + "\n", "utf-8")
    (d / "story.csv").write_text(_csv([{"id": "c1", "outlet": "Post", "text": TEXT}]), "utf-8")
    (d / "story.tsv").write_text(_csv([{"id": "t1", "text": TEXT}], "\t"), "utf-8")
    (d / "story.html").write_text(_page(PARAS), "utf-8")
    (d / "story.rss").write_text(_rss(PARAS), "utf-8")


def test_every_input_kind_yields_the_same_kind_of_article(tmp_path):
    _write_every_kind(tmp_path)
    arts, probs = read_articles([tmp_path])
    assert probs == []
    assert len(arts) == 8
    for a in arts:
        where = f"{a.source}: "
        assert a.cleaned and a.body, where + "not cleaned"
        assert a.language == "en", where + f"language {a.language!r}"
        assert a.meta.get("encoding") == "utf-8", where + f"encoding {a.meta.get('encoding')!r}"
        assert "language_confidence" in a.meta, where
        assert any(PARAS[0][:40] in p for p in a.body), where + f"body {a.body!r:.200}"
        assert not [p for p in a.body if p in NOISE], where + "noise kept"
    by_source = {a.source.rsplit("/", 1)[-1]: a for a in arts}
    assert {r.text for r in by_source["story.txt"].removed} >= set(NOISE)
    assert by_source["story.json"].outlet == "ledger.example"  # outlet from the URL when none given


def test_language_is_detected_for_every_reader_unless_given(tmp_path):
    (tmp_path / "fr.txt").write_text(FRENCH, "utf-8")
    (tmp_path / "fr.json").write_text(json.dumps({"id": "fr-json", "text": FRENCH}), "utf-8")
    (tmp_path / "fr.csv").write_text(_csv([{"id": "fr-csv", "text": FRENCH}]), "utf-8")
    (tmp_path / "given.json").write_text(json.dumps({"id": "given", "language": "de", "text": TEXT}), "utf-8")
    (tmp_path / "en.txt").write_text(TEXT, "utf-8")
    arts, probs = read_articles([tmp_path])
    assert probs == []
    lang = {a.id: a.language for a in arts}
    assert lang == {"fr.txt": "fr", "fr-json": "fr", "fr-csv": "fr", "given": "de", "en.txt": "en"}
    # kept and marked: left out of the English-only analysis, not dropped at ingest
    assert [a.id for a in arts if not is_analysis_language(a.language, "en")] == ["fr-csv", "fr-json", "fr.txt", "given"]


def test_huge_line_and_huge_article_are_bounded_with_a_note(tmp_path):
    config = IngestConfig(max_article_chars=30_000, max_line_chars=1_000)
    words = " ".join(f"word{i}" for i in range(100_000))  # ~690,000 characters on one line
    (tmp_path / "huge.txt").write_text(PARAS[0] + "\n" + words + "\n" + PARAS[1], "utf-8")
    (tmp_path / "good.txt").write_text(TEXT, "utf-8")
    arts, probs = read_articles([tmp_path], config)
    assert probs == []
    by = {a.id: a for a in arts}
    huge = by["huge.txt"]
    assert len(huge.text) <= 30_000
    assert "cut from" in huge.meta["truncated"] and "max_article_chars" in huge.meta["truncated"]
    assert huge.meta["split_lines"] == 1
    assert max(len(line) for line in huge.text.split("\n")) <= 1_000
    assert max(len(p) for p in huge.body) <= 1_000 and huge.body[0] == PARAS[0]
    assert "truncated" not in by["good.txt"].meta and by["good.txt"].body == PARAS


def test_an_article_built_cleaned_gets_its_paragraphs_bounded():
    art = Article(id="x", text="", body=["word " * 1000], cleaned=True, language="en")
    out = ArticleStep(IngestConfig(max_line_chars=500))(art)
    assert max(len(p) for p in out.body) <= 500 and out.meta["split_lines"] == len(out.body) - 1


def test_the_step_is_idempotent(tmp_path):
    _write_every_kind(tmp_path)
    arts, _ = read_articles([tmp_path])
    step = ArticleStep()
    for a in arts:
        before = copy.deepcopy(a)
        assert step(a) is a and a == before, a.source


def test_clean_article_is_a_no_op_on_a_cleaned_article_unless_settings_differ():
    art = clean_article(Article(id="x", text="\n".join([NOISE[0], *PARAS])))
    assert art.cleaned and art.meta["cleaned_with"] == {"language": "en", "max_headline_words": 22}
    before = copy.deepcopy(art)
    assert clean_article(art) == before and clean_article(art, CleanConfig()) == before
    # other settings: cleaned again from the text, the first cleaning's removals not doubled
    again = clean_article(art, CleanConfig(max_headline_words=3))
    assert again.meta["cleaned_with"]["max_headline_words"] == 3
    assert [r.text for r in again.removed].count(NOISE[0]) == 1


def test_a_whole_config_drives_the_cleaning(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    config = Config().with_overrides({"clean": {"max_headline_words": 9}})
    (art,), _ = read_articles([tmp_path], config)
    assert art.meta["cleaned_with"]["max_headline_words"] == 9


@pytest.mark.parametrize("record, reason", [
    ({"id": "h", "html": "<html><body><nav><a href='/'>Home</a></nav></body></html>"}, "no article"),
])
def test_a_record_whose_page_holds_no_article_is_a_problem(tmp_path, record, reason):
    (tmp_path / "r.jsonl").write_text(json.dumps(record) + "\n", "utf-8")
    arts, probs = read_articles([tmp_path])
    assert arts == [] and reason in probs[0].reason and probs[0].item.endswith("r.jsonl:1")
