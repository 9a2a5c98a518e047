"""An outlet is not cited for a fact whose opposite phase its sentence reports (align/phases.py)."""
from storyweave.align.phases import opposite_phases, phases
from storyweave.config import Config
from storyweave.model import Article
from storyweave.pipeline import Pipeline

NO_NER = Config().with_overrides({"brief": {"ner": False}})
# invented: two outlets on one council election, one reporting its start, the other its end
STORY = [
    "Voting in the Elbrook council election began at seven in the morning on Sunday, the electoral board said.\n"
    "Turnout in the Elbrook council election was low in the rain, the electoral board said.",
    "Voting in the Elbrook council election ended at eight in the evening on Sunday, the electoral board said.\n"
    "Turnout in the Elbrook council election was low because of the rain, the electoral board said.",
]


def test_phases_of_the_main_clause():
    assert phases("Voting began at seven on Sunday.") == {"begin"}
    assert phases("The poll closed at eight.") == {"end"}
    # the opening time clause reports another event
    assert phases("After she abruptly left the clinic on Friday, Mira Voss checked into another one.") == {"enter"}
    assert phases("Mira Voss has left the clinic.") == {"leave"}
    assert phases("The minister met the mayor.") == frozenset()


def test_opposite_phases():
    assert opposite_phases(phases("Voting began at seven."), phases("Voting ended at eight."))
    assert opposite_phases(phases("Police arrested the driver."), phases("The driver was released on bail."))
    # one sentence naming both phases does not clash with either
    assert not opposite_phases(phases("Polls opened at seven and closed at eight."), phases("Polls closed at eight."))
    # winning and losing are one result told from two sides
    assert not opposite_phases(phases("Elbrook beat Dunmore 3-1."), phases("Dunmore lost to Elbrook 3-1."))
    assert not opposite_phases(phases("Voting began at seven."), phases("Turnout was low."))


def test_the_stages_of_a_criminal_case():
    charged = phases("Prosecutors have charged Dale Mott with two counts of murder.")
    assert charged == {"charge"}
    assert phases("Dale Mott was indicted on Friday.") == {"charge"}
    assert phases("A jury convicted Dale Mott of murder.") == {"verdict"}
    assert phases("Dale Mott has pleaded guilty to lying to investigators.") == {"verdict"}
    assert phases("Dale Mott was sentenced to life in prison.") == {"sentence"}
    assert opposite_phases(charged, phases("Dale Mott has pleaded guilty to lying to investigators."))
    assert opposite_phases(charged, phases("Dale Mott was sentenced to life in prison."))
    # "charges" as a noun is no stage: a plea to charges is the plea
    assert phases("Dale Mott pleaded guilty to fraud charges.") == {"verdict"}
    # a conviction and its sentence are often told as one fact
    assert not opposite_phases(phases("Mott was convicted of assault."), phases("Mott was sentenced to life for assault."))


def test_the_start_is_not_cited_for_the_end(models, monkeypatch):
    arts = [Article(id=f"o{i}", text=t, outlet=f"Outlet {i}") for i, t in enumerate(STORY)]
    an = Pipeline(NO_NER, models).analyse(arts)
    began = next(k for k, s in enumerate(an.sentences) if " began " in s.text)
    ended = next(k for k, s in enumerate(an.sentences) if " ended " in s.text)
    cited = [{e.sentence for e in a.evidence} for a in an.agreements + an.single_source]
    assert not any({an.sentences[began].id, an.sentences[ended].id} <= c for c in cited), cited
    assert an.phases_apart(began, ended)
    # without the rule the pair passes every other bar of a citation
    monkeypatch.setattr(type(an), "phases_apart", lambda self, i, j: False)
    assert an.states(began, ended, *an.cite_bars)
    assert an.states(ended, began, *an.cite_bars)
