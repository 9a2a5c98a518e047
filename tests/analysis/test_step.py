"""The step runner: order checked when built, promises checked when run, timings kept."""
import pytest

from storyweave.analysis import StepOrderError, Steps, StoryAnalysis
from storyweave.analysis.preparation import Clean, Embed, Split
from storyweave.analysis.step import Step, check_order
from storyweave.config import Config
from storyweave.model import Article
from storyweave.pipeline import brief_steps


class _Reads(Step):
    name, reads, adds = "reader", ("similarity",), ()

    def run(self, an):
        return an


class _Forgets(Step):
    name, reads, adds = "forgetful", ("sentences",), ("groups",)

    def run(self, an):
        return an


def test_a_step_reading_what_no_earlier_step_adds_is_refused_when_built():
    with pytest.raises(StepOrderError, match="reader reads similarity"):
        check_order([Split(), _Reads()])


def test_unknown_fields_are_refused():
    class Typo(Step):
        name, reads, adds = "typo", ("sentence",), ()

    with pytest.raises(StepOrderError, match="'sentence' is not a field"):
        check_order([Typo()])


def test_a_step_that_does_not_add_what_it_promised_fails_at_run(models):
    steps = Steps([Split(), _Forgets()], models)
    with pytest.raises(StepOrderError, match="forgetful promised 'groups'"):
        steps.run(StoryAnalysis(articles=[Article(id="a", text="One sentence here. And another one.")]))


def test_steps_run_in_order_and_are_timed(models):
    text = "The river rose above its banks on Monday night. Roads into the old town were closed by police."
    an = Steps([Clean(Config()), Split(), Embed()], models).run(StoryAnalysis(articles=[Article(id="a", text=text)]))
    assert [s.text for s in an.sentences] == ["The river rose above its banks on Monday night.",
                                              "Roads into the old town were closed by police."]
    assert an.vectors.shape == (2, 256)
    assert set(an.timings) == {"clean", "sentences", "embed"}


@pytest.mark.parametrize("ner", [True, False])
def test_the_brief_steps_are_in_a_valid_order(ner):
    steps = brief_steps(Config().with_overrides({"brief": {"ner": ner}}))
    check_order(steps)
    names = [s.name for s in steps]
    assert ("annotate" in names) is ner
    assert names[-1] == "evidence"


def test_agreements_without_the_dates_and_names_steps_are_refused():
    from storyweave.analysis.facts import Agreements
    from storyweave.analysis.preparation import preparation_steps

    config = Config()
    with pytest.raises(StepOrderError, match="agreements reads anchors, entity_index"):
        check_order([*preparation_steps(config), Agreements(config)])
