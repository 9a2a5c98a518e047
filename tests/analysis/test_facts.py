"""The brief's own steps over the analysis: which fact the summary opens on."""
import dataclasses

from storyweave.analysis import StoryAnalysis, facts
from storyweave.config import BriefConfig, Config
from storyweave.model import Agreement, Article, Sentence

TEXTS = [
    ("a", "The ferry Kestrel ran aground off Holm Point on Friday with 212 passengers aboard."),
    ("a", "A passenger, Mira Tallis, was treated in hospital for a broken wrist."),
    ("b", "Mira Tallis, a passenger, was taken to hospital with a broken wrist."),
    ("c", "Coastguards took 212 people off the stranded ferry Kestrel near Holm Point."),
]


def _opening(monkeypatch, agreements: list[Agreement], lead_sources: int) -> int | None:
    sentences, seen = [], {}
    for art, text in TEXTS:
        k = seen[art] = seen.get(art, -1) + 1
        sentences.append(Sentence(id=f"{art}#{k}", article_id=art, index=k, paragraph=k, text=text))
    an = StoryAnalysis(articles=[Article(id=a, body=[]) for a in "abc"], sentences=sentences, agreements=agreements)
    asked = {}

    def summarize(an, words, config, lead=None):
        asked["lead"] = lead
        return []

    monkeypatch.setattr(facts, "summarize", summarize)
    config = dataclasses.replace(Config(), brief=BriefConfig(lead_sources=lead_sources))
    facts.Summary(config).run(an)
    return asked["lead"]


def test_the_summary_opens_on_an_agreement_only_when_enough_independent_sources_carry_it(monkeypatch):
    side = Agreement(text=TEXTS[1][1], citations=["a", "b"], independent_sources=2, sentence_ids=["a#1", "b#0"])
    main = Agreement(text=TEXTS[0][1], citations=["a", "b", "c"], independent_sources=3, sentence_ids=["a#0", "c#0"])
    # two outlets sharing a side detail (a passenger's injury) do not make it the story's opening
    assert _opening(monkeypatch, [side], lead_sources=3) is None
    assert _opening(monkeypatch, [main, side], lead_sources=3) == 0
    assert _opening(monkeypatch, [side], lead_sources=2) == 1
