"""The quality gate on the real example story (read from ../shared at test time)."""
import json

from storyweave.model import Reason


def variant_articles(div):
    return [set(c[:3] for c in v.citations) for v in div.variants]


def test_qin_talks_divergence_with_right_outlets(example_brief):
    qin = [d for d in example_brief.divergences if "Qin" in d.about]
    assert qin, [d.about for d in example_brief.divergences]
    d = qin[0]
    assert d.kind == "contradiction"
    sides = variant_articles(d)
    assert {"001"} in sides  # "more than five hours"
    assert {"003", "004"} in sides  # "seven and a half hours"


def test_precision_difference_is_not_a_contradiction(example_brief):
    wang = [d for d in example_brief.divergences if "Wang" in d.about]
    assert wang and wang[0].kind == "precision"


def test_noise_removed_with_reasons(example_brief):
    removed = {r.text: r.reason for a in example_brief.articles for r in a.removed}
    body = " ".join(p for a in example_brief.articles for p in a.body)
    assert removed.get("Please use Chrome browser for a more accessible video player") == str(Reason.VIDEO)
    assert removed.get("Bir cevap yazın") == str(Reason.COMMENT_FORM)
    assert removed.get("Israel says it will not allow Iran to use Syria crisis to its benefit") == str(Reason.HEADLINES)
    assert "Tornadoes kill four people in Oklahoma" not in body
    assert "REUTERS/Leah Millis" not in body
    assert "Picture: PA" not in body


def test_summary_is_cited_budgeted_and_clean(example_brief):
    s = example_brief.summary
    assert s and sum(len(x.text.split()) for x in s) <= 150
    ids = {a.id for a in example_brief.articles}
    removed = {r.text for a in example_brief.articles for r in a.removed}
    for x in s:
        assert x.citations and set(x.citations) <= ids
        assert x.text not in removed
        assert x.text.split()[0].lower() not in {"he", "she", "it", "they", "his", "her", "their", "this"}


def test_syndication_between_wire_copies(example_brief):
    pairs = [set(a[:3] for a in s.articles) for s in example_brief.syndication]
    assert {"000", "002"} in pairs


def test_demo_story_divergences(demo_brief):
    kinds = {(d.kind, d.attribute) for d in demo_brief.divergences}
    assert ("contradiction", "count") in kinds
    assert ("precision", "count") in kinds
    assert all(r.reason for a in demo_brief.articles for r in a.removed)


def test_a_warm_pipeline_on_two_cores_shares_ner_with_a_helper_process(monkeypatch):
    import storyweave.pipeline as pipeline
    from storyweave import Config, Pipeline
    from storyweave.nlp.models import Models
    from storyweave.nlp.ner_process import SharedNer

    monkeypatch.setattr(pipeline, "_cores", lambda: 2)
    models = Models()
    try:
        Pipeline(Config(), models).warm_up()
        assert isinstance(models.spacy, SharedNer) and models.spacy.helper._proc is not None
    finally:
        models.close()
    monkeypatch.setattr(pipeline, "_cores", lambda: 1)  # one core: a helper would only take turns
    alone = Models()
    Pipeline(Config(), alone).warm_up()
    assert not isinstance(alone.spacy, SharedNer)
    off = Models()
    monkeypatch.setattr(pipeline, "_cores", lambda: 2)
    Pipeline(Config().with_overrides({"brief": {"ner_helper_share": 0}}), off).warm_up()
    assert not isinstance(off.spacy, SharedNer)


def test_the_helpers_share_of_ner_is_checked():
    import pytest

    from storyweave import Config
    from storyweave.errors import ConfigError

    with pytest.raises(ConfigError, match="ner_helper_share"):
        Config().with_overrides({"brief": {"ner_helper_share": 1.0}})
