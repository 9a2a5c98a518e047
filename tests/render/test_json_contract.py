"""The JSON contract: brief_to_dict, the shipped JSON Schema, and validate()."""
from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator

from storyweave.model import Quote
from storyweave.render.json import (SCHEMA_VERSION, BriefSchemaError, brief_to_dict, reference_errors, schema,
                                    schema_errors, validate)

PARTS = ["articles", "summary", "agreements", "divergences", "unique", "quotes", "timeline", "entities",
         "syndication"]


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"].endswith("2020-12/schema")
    assert set(PARTS) <= set(schema()["required"])


def test_hand_made_brief_follows_the_contract(brief_dict):
    validate(brief_dict)
    assert brief_dict["schema_version"] == SCHEMA_VERSION
    assert json.loads(json.dumps(brief_dict)) == brief_dict  # plain JSON data, nothing lost on a round trip
    art = brief_dict["articles"][0]
    assert art["published"] == "2024-03-10" and art["removed"][0] == {
        "text": "Home | Politics | Business | Sport", "reason": "navigation", "line": 0}
    assert art["sentences"][0]["id"] == "herald.txt#0"
    assert brief_dict["divergences"][0]["variants"][1]["citations"] == ["post.json", "ledger & co.txt"]
    assert brief_dict["meta"]["when"] == "2024-03-10"  # meta made JSON-safe


def test_datetime_published_becomes_a_calendar_date(brief):
    import datetime as dt

    brief.articles[0].published = dt.datetime(2024, 3, 10, 23, 15)
    assert brief_to_dict(brief)["articles"][0]["published"] == "2024-03-10"


def test_odd_meta_values_are_stringified_not_fatal(brief):
    brief.meta["obj"] = object()
    brief.meta["tags"] = {"a"}
    d = brief_to_dict(brief)
    json.dumps(d)
    validate(d)


@pytest.mark.parametrize("break_it, where", [
    (lambda d: d.pop("quotes"), "(top level)"),
    (lambda d: d["divergences"][0].update(kind="conflict"), "divergences/0/kind"),
    (lambda d: d["divergences"][0]["variants"].pop(), "divergences/0/variants"),
    (lambda d: d["timeline"][0].update(date="Nov 2023"), "timeline/0/date"),
    (lambda d: d["timeline"][0].update(date="2023-13"), "timeline/0/date"),
    (lambda d: d["timeline"][0].update(date="203"), "timeline/0/date"),  # a decade is no timeline date
    (lambda d: d["articles"][1].update(published="9 March 2024"), "articles/1/published"),
    (lambda d: d["agreements"][0].update(independent_sources=1), "agreements/0/independent_sources"),
    (lambda d: d["summary"][0].update(citations=[]), "summary/0/citations"),
    (lambda d: d["syndication"][0].update(overlap=1.5), "syndication/0/overlap"),
    (lambda d: d["entities"][0].update(type="human"), "entities/0/type"),
])
def test_schema_rejects_broken_briefs(brief_dict, break_it, where):
    d = copy.deepcopy(brief_dict)
    break_it(d)
    errors = schema_errors(d)
    assert any(e.startswith(where) for e in errors), errors
    with pytest.raises(BriefSchemaError, match="brief.schema.json"):
        validate(d)


def test_citations_must_name_articles_and_sentences_of_the_brief(brief_dict):
    d = copy.deepcopy(brief_dict)
    d["quotes"][0]["citations"].append("ghost.txt")
    d["summary"][1]["sentence_ids"] = ["herald.txt#99"]
    errors = reference_errors(d)
    assert "quotes/0/citations: unknown article 'ghost.txt'" in errors
    assert "summary/1/sentence_ids: unknown sentence 'herald.txt#99'" in errors
    with pytest.raises(BriefSchemaError, match="ghost.txt"):
        validate(d)


def test_real_pipeline_output_validates(example_brief):
    d = brief_to_dict(example_brief)
    validate(d)
    assert len(d["articles"]) == 5
    assert all(a["sentences"] for a in d["articles"])  # every article has anchors for its citations
    assert d["summary"] and d["divergences"]


def test_a_quote_without_speaker_is_null_never_a_word(brief):
    brief.quotes.append(Quote(None, "Nobody told us the bridge would close", ["herald.txt"]))
    d = brief_to_dict(brief)
    validate(d)
    assert d["quotes"][-1]["speaker"] is None
    assert '"speaker": null' in json.dumps(d)


def test_a_timeline_event_may_be_dated_to_its_year(brief_dict):
    d = copy.deepcopy(brief_dict)
    d["timeline"][0]["date"] = "2009"
    validate(d)
