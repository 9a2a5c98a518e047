"""One fact worded apart, joined by meaning and the claim's rarer words (align/paraphrases.py)."""
import pytest

from storyweave.config import Config
from storyweave.model import Article
from storyweave.pipeline import Pipeline

# invented: two outlets on one council decision; the safety finding is worded apart
STORY = [
    "The Harwick county council voted on Tuesday to close the Linmoor ferry terminal by the end of the year.\n"
    "Officials in Harwick have certified that the Linmoor terminal fails the new safety code.\n"
    "The ferry carried about 300 commuters a day, according to the operator.",
    "Harwick councillors decided on Tuesday that the Linmoor ferry terminal will shut by the end of the year.\n"
    "A review by Harwick inspectors found the Linmoor terminal in breach of safety rules.\n"
    "The council leader, Priya Anand, said the decision was painful.",
]
# the citation bars of the fact groups and claim pairs shut, so only the meaning path can cite
BASE = Config().with_overrides({"brief": {"ner": False}, "align": {"cite_similar": 1.01, "cite_claim": 1.01}})
FINDING = {"o0#1", "o1#1"}


def _cited(models, **align):
    arts = [Article(id=f"o{i}", text=t, outlet=f"Outlet {i}") for i, t in enumerate(STORY)]
    an = Pipeline(BASE.with_overrides({"align": align}), models).analyse(arts)
    return an, [{e.sentence for e in a.evidence} for a in an.agreements + an.single_source]


def test_off_by_default():
    assert Config().align.agree_meaning == 0.0


def test_a_paraphrase_close_in_meaning_and_words_is_one_fact(models):
    an, cited = _cited(models, agree_meaning=0.72, agree_claim=0.20)
    assert FINDING in cited, cited
    i, j = (an.sentence_index(s) for s in sorted(FINDING))
    assert an.meaning.cosine(i, j) >= 0.72 and an.claim(i, j) >= 0.20
    # a sentence an agreement cites is never "only one outlet"
    assert not FINDING & {sid for u in an.unique for sid in u.sentence_ids}


@pytest.mark.parametrize("align", [{"agree_meaning": 0.0}, {"agree_meaning": 0.72, "agree_claim": 0.40},
                                   {"agree_meaning": 0.95, "agree_claim": 0.20}])
def test_either_bar_alone_is_not_enough(models, align):
    _, cited = _cited(models, **align)
    assert FINDING not in cited, cited


# invented: one figure of one thing, worded apart; the other figure sentences are other facts
FIGURES = [
    "The Harwick council voted on Tuesday to close the Linmoor ferry terminal by the end of the year.\n"
    "The closure had support from 33 councillors, enough to override the mayor's objection.\n"
    "The ferry carried about 300 commuters a day, according to the operator.",
    "Harwick councillors decided on Tuesday that the Linmoor ferry terminal will shut by the end of the year.\n"
    "In all, 33 councillors backed the closure over the objection of the mayor.\n"
    "The terminal opened in 1962 and was last refitted 20 years ago.",
]
VOTE = {"o0#1", "o1#1"}


def _cited_figures(models, **align):
    arts = [Article(id=f"o{i}", text=t, outlet=f"Outlet {i}") for i, t in enumerate(FIGURES)]
    an = Pipeline(BASE.with_overrides({"align": align}), models).analyse(arts)
    return [{e.sentence for e in a.evidence} for a in an.agreements + an.single_source]


def test_a_shared_specific_path_is_off_by_default_and_joins_one_figure_of_one_thing_when_on(models):
    assert Config().align.agree_specific == 0.0
    assert VOTE not in _cited_figures(models)
    cited = _cited_figures(models, agree_specific=0.5)
    assert VOTE in cited, cited
    assert not any(s & {"o0#2", "o1#2"} for s in cited), cited  # 300 commuters / 1962: nothing shared
