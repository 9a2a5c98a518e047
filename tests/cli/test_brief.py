"""``storyweave brief``: inputs, problems, exit status, formats and files, --all.

Most tests swap the pipeline for a stub (they test the command, not the analysis, and stay
fast); the last ones run the real pipeline on the shared example story.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from storyweave.cli import main
from storyweave.model import Brief, SummarySentence
from storyweave.render.json import validate

EXAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "examples" / "blinken-beijing"

# invented articles (no third-party text)
TEXTS = {
    "tide.txt": "Harbour tide gauges in the town of Orlen recorded a record high on Tuesday.\n\n"
                "The harbour master said the water rose 40 centimetres above the old mark.\n",
    "tide2.txt": "Orlen's harbour saw its highest tide on record on Tuesday, officials said.\n\n"
                 "Water rose 35 centimetres above the previous record, the harbour master said.\n",
    "chess.txt": "A twelve-year-old from Brisk won the regional chess final on Sunday.\n",
}


class StubPipeline:
    """Stands in for storyweave.pipeline.Pipeline: records what the command passed."""

    calls: list[dict] = []

    def __init__(self, config):
        self.config = config

    def brief(self, articles, problems=None):
        StubPipeline.calls.append({"config": self.config, "ids": [a.id for a in articles],
                                   "problems": list(problems or [])})
        for a in articles:
            a.body = [p for p in a.text.split("\n\n") if p.strip()]
        return Brief(articles=articles, problems=list(problems or []),
                     summary=[SummarySentence(a.body[0].strip(), [a.id]) for a in articles])


@pytest.fixture
def stub(monkeypatch):
    import storyweave.pipeline

    StubPipeline.calls = []
    monkeypatch.setattr(storyweave.pipeline, "Pipeline", StubPipeline)
    return StubPipeline


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "story"
    d.mkdir()
    for name, text in TEXTS.items():
        (d / name).write_text(text, "utf-8")
    return d


def test_markdown_by_default_with_problems_one_line_each(stub, folder, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", "utf-8")
    rc = main(["brief", str(folder / "tide.txt"), str(empty), str(tmp_path / "missing.txt")])
    out, err = capsys.readouterr()
    assert rc == 0
    skipped = [line for line in err.splitlines() if line.startswith("storyweave: skipped")]
    assert len(skipped) == 2
    assert any(str(empty) in line and "empty" in line for line in skipped)
    assert any("missing.txt" in line and "no such file" in line for line in skipped)
    assert out.startswith("# ") and "## Summary" in out and "[tide.txt]" in out
    assert "## Skipped inputs (2)" in out  # the problems travel into the brief too
    assert stub.calls[0]["config"].brief.words == 150


def test_nothing_readable_exits_non_zero_naming_every_item(stub, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    rc = main(["brief", str(empty), str(tmp_path / "nope")])
    out, err = capsys.readouterr()
    assert rc != 0 and out == ""
    assert f"skipped {empty}" in err and "nope: no such file or folder" in err
    assert "nothing could be read" in err
    assert stub.calls == []


def test_json_out_and_html_files(stub, folder, tmp_path, capsys):
    out_file, html_file = tmp_path / "brief.json", tmp_path / "brief.html"
    rc = main(["brief", str(folder), "--format", "json", "--out", str(out_file), "--html", str(html_file),
               "--words", "42", "--allow-private"])
    out, err = capsys.readouterr()
    assert rc == 0 and out == ""
    data = json.loads(out_file.read_text("utf-8"))
    validate(data)
    assert [a["id"] for a in data["articles"]] == sorted(TEXTS)
    page = html_file.read_text("utf-8")
    assert page.startswith("<!doctype html>") and "Harbour tide gauges" in page
    assert f"wrote brief to {out_file}" in err and f"wrote HTML brief to {html_file}" in err
    cfg = stub.calls[0]["config"]
    assert cfg.brief.words == 42 and cfg.ingest.allow_private is True


def test_json_to_stdout(stub, folder, capsys):
    assert main(["brief", str(folder / "chess.txt"), "--format", "json"]) == 0
    validate(json.loads(capsys.readouterr().out))


@pytest.mark.parametrize("bad", ["0", "-3", "many"])
def test_words_must_be_a_positive_number(stub, folder, bad, capsys):
    with pytest.raises(SystemExit) as e:
        main(["brief", str(folder), "--words", bad])
    assert e.value.code == 2
    assert "--words" in capsys.readouterr().err


def test_unwritable_output_is_a_clear_error(stub, folder, tmp_path, capsys):
    rc = main(["brief", str(folder), "--out", str(tmp_path / "no" / "such" / "dir" / "b.md")])
    assert rc != 0
    assert "cannot write the brief to" in capsys.readouterr().err


def test_all_writes_a_brief_per_story(stub, folder, tmp_path, monkeypatch, capsys):
    import storyweave.stories
    from storyweave.model import Problem
    from storyweave.stories.cluster import Clustering

    def fake_cluster(articles, config=None, engine=None, index=None):
        story = {"chess.txt": "s-chess"}
        return Clustering({a.id: story.get(a.id, "s-tide") for a in articles}, {}, [],
                          [Problem("tide2.txt", "looks like a copy")])

    monkeypatch.setattr(storyweave.stories, "cluster_articles", fake_cluster)
    html_file = tmp_path / "all.html"
    rc = main(["brief", str(folder), "--all", "--format", "json", "--html", str(html_file)])
    out, err = capsys.readouterr()
    assert rc == 0
    doc = json.loads(out)
    assert [[a["id"] for a in s["articles"]] for s in doc["stories"]] == [["tide.txt", "tide2.txt"], ["chess.txt"]]
    for story in doc["stories"]:
        validate(story)
    assert "skipped tide2.txt: looks like a copy" in err
    page = html_file.read_text("utf-8")
    assert 'id="s1-summary"' in page and 'id="s2-summary"' in page

    assert main(["brief", str(folder), "--all"]) == 0
    md = capsys.readouterr().out
    assert "_Story 1 of 2_" in md and "_Story 2 of 2_" in md


# ---- the real pipeline on the shared example story -----------------------------------------------

@pytest.fixture
def example():
    if not EXAMPLE.is_dir():
        pytest.fail(f"../shared is missing beside the repo ({EXAMPLE.resolve()}): the tests read the example story there")
    return EXAMPLE


def test_real_brief_json_validates_and_page_links_work(example, tmp_path, capsys):
    out_file, html_file = tmp_path / "b.json", tmp_path / "b.html"
    assert main(["brief", str(example), "--format", "json", "--out", str(out_file), "--html", str(html_file)]) == 0
    data = json.loads(out_file.read_text("utf-8"))
    validate(data)
    assert len(data["articles"]) == 5 and data["summary"] and data["divergences"]
    page = html_file.read_text("utf-8")
    for item in data["summary"]:
        for sid in item["sentence_ids"]:
            assert f'id="{sid}"' in page


def test_real_all_finds_one_story(example, capsys):
    assert main(["brief", str(example), "--all", "--format", "json", "--words", "60"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["stories"]) == 1 and len(doc["stories"][0]["articles"]) == 5
    validate(doc["stories"][0])


def test_unrelated_articles_get_a_note(tmp_path, capsys):
    from storyweave.cli import main

    (tmp_path / "a.txt").write_text("The harbour council approved a new ferry timetable on Monday after a long debate.\n"
                                    "Ferries will run every twenty minutes from April.")
    (tmp_path / "b.txt").write_text("A rare orchid flowered in the botanical garden for the first time in ten years.\n"
                                    "Gardeners said the bloom would last about a week.")
    assert main(["brief", str(tmp_path)]) == 0
    assert "may be different stories" in capsys.readouterr().err
