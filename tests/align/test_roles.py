"""A conflict stands only where both values measure one thing (align/roles.py), and a fact whose
specific another outlet states is not unique (align/agreements.py). Texts written here."""
import pytest

from storyweave.align.variants import slot_divergence
from storyweave.align.roles import clause, clause_words, same_role
from storyweave.config import Config
from storyweave.model import Article
from storyweave.pipeline import Pipeline

NO_NER = Config().with_overrides({"brief": {"ner": False}})


def _at(text, value):
    i = text.index(value)
    return i, i + len(value)


def test_clause_is_the_values_own():
    t = "The mayor, who took office in 2019, closed the bridge for 12 days and reopened it in June."
    assert clause_words(t, *_at(t, "12 days")) == {"clos", "bridge"}  # stemmed; "mayor" and "June" are other clauses
    assert "office" in clause_words(t, *_at(t, "2019"))
    assert "bridge" not in clause_words(t, *_at(t, "2019"))


def test_a_date_before_a_noun_dates_that_noun():
    from storyweave.align.roles import act_words
    t = "A judge sentenced Ana Brode to life in prison for the June 3, 2011, robbery that left two guards hurt."
    assert act_words(t, *_at(t, "June 3, 2011")) >= {"robbery", "left"}
    assert "sentenc" not in act_words(t, *_at(t, "June 3, 2011"))
    t = "A judge sentenced Ana Brode on Friday to life in prison."
    assert "sentenc" in act_words(t, *_at(t, "Friday"))


def test_a_bare_opening_clause_reads_the_clause_it_opens():
    t = "For three weeks, negotiators haggled over the budget."
    a, b = clause(t, *_at(t, "three weeks"))
    assert "negotiators" in t[a:b]


def _story(*texts):
    return [Article(id=f"o{i}", text=t, outlet=f"Outlet {i}") for i, t in enumerate(texts)]


def test_dates_of_two_events_do_not_conflict(models):
    # both sentences are about the councillor's spending; one dates her resignation, the other a
    # report. The paraphrase finder pairs them; their clauses measure different things.
    # (A name shared by both clauses would still pair them: the check is by words, not by parse;
    # within one fact group's close rewrites dates are compared without it.)
    a = ("Councillor Ines Varga, who spent $40,000 of council money on a private survey, abruptly resigned "
         "her seat on 12 March 2024.\nThe council will elect her successor in May.")
    b = ("Varga spent $40,000 of council money on a private survey, a local paper reported on 3 January 2024.\n"
         "Residents had complained about the survey for months.")
    pipe = Pipeline(NO_NER, models)
    an = pipe.analyse(_story(a, b))
    i, j = (next(k for k, s in enumerate(an.sentences) if s.text.startswith(x[:20])) for x in (a, b))
    d = slot_divergence(an, "date", "contradiction",
                        {"2024-03-12": [(i, "12 March 2024")], "2024-01-03": [(j, "3 January 2024")]}, about="")
    bar = pipe.config.align.same_role
    assert not same_role(an, d, models.embedder.embed, bar)
    # a paraphrase of the resignation's clause would measure the same thing
    d.variants[1].sentences = [b.replace("a local paper reported", "she resigned her seat")]
    assert "seat" in clause_words(d.variants[1].sentences[0], *_at(d.variants[1].sentences[0], "3 January 2024"))


def test_a_shared_figure_is_not_unique(models):
    a = ("The Harlow council approved the Lindqvist bridge repair on Tuesday after a long debate.\n"
         "The repair will cost the town 2.4 million euros, to be paid over six years by the regional fund.")
    b = ("Harlow councillors voted for the Lindqvist bridge repair on Tuesday.\n"
         "Opponents said 2.4 million euros was too much for a bridge that carries few cars each day.")
    an = Pipeline(NO_NER, models).analyse(_story(a, b))
    assert not any("2.4 million" in u.text for u in an.unique), [u.text for u in an.unique]


def test_the_fact_is_stated_by_a_sentence_that_spells_names_as_the_others_do(models):
    # three outlets word it apart (no shared copy); the third, closest to both others, misspells the mayor
    texts = ["Firefighters fought a blaze at the Kestrel paper mill in Dunmore for two days.\n"
             "Mayor Ilse Marnot ordered the Kestrel mill closed on Tuesday.",
             "Smoke from the burning Kestrel mill drifted over Ashby on Tuesday.\n"
             "Until the fire inquiry ends, the mill stays shut, Mayor Ilse Marnot told reporters.",
             "Crews were still dousing hot spots at the Dunmore paper mill on Wednesday.\n"
             "Mayor Ilse Marnet ordered the Kestrel mill closed until the fire inquiry ends."]
    for order in (texts, texts[::-1]):
        an = Pipeline(NO_NER, models).analyse(_story(*order))
        closed = [a for a in an.agreements + an.single_source if "closed" in a.text]
        assert closed, [a.text for a in an.agreements]
        assert "Marnot" in closed[0].text


def test_the_same_weekday_read_against_two_dates_is_no_conflict(models):
    from storyweave.align.roles import same_words

    a = "The Kestrel paper mill in Dunmore burned down on Thursday, the fire brigade said."
    b = "Fire destroyed the Kestrel paper mill in Dunmore on Thursday, according to the brigade."
    pipe = Pipeline(NO_NER, models)
    an = pipe.analyse(_story(a, b))
    d = slot_divergence(an, "date", "contradiction",
                        {"2024-03-07": [(0, "Thursday")], "2024-03-14": [(1, "Thursday")]}, about="")
    assert same_words(an, d)
    d.variants[1].text = "Wednesday"
    assert not same_words(an, d)


def test_a_day_read_against_a_guessed_date_is_no_conflict(models):
    import datetime as dt

    from storyweave.align.roles import on_a_guessed_day

    a = "The Kestrel paper mill in Dunmore burned down on March 6, the fire brigade said."
    b = "Fire destroyed the Kestrel paper mill in Dunmore yesterday, according to the brigade."

    def divergence(b_dated):
        arts = [Article(id="o0", text=a, outlet="Outlet 0", published=dt.date(2024, 3, 8)),
                Article(id="o1", text=b, outlet="Outlet 1", published=dt.date(2024, 3, 8) if b_dated else None)]
        an = Pipeline(NO_NER, models).analyse(arts)
        return an, slot_divergence(an, "date", "contradiction",
                                   {"2024-03-06": [(0, "March 6")], "2024-03-07": [(1, "yesterday")]}, about="")

    # "yesterday" in an article with no date of its own was read against the other's day: a guess
    assert on_a_guessed_day(*divergence(b_dated=False))
    assert not on_a_guessed_day(*divergence(b_dated=True))


def test_a_figure_the_other_enumeration_states_too_is_not_left_over():
    from storyweave.align.roles import left_over
    from storyweave.nlp.quantities import find_quantities

    a = find_quantities("The quake was six miles deep and 34 miles west of the town.")
    b = find_quantities("The epicentre was 55 kilometers (34 miles) west of the town.")
    assert left_over(a, b) is None
    c = find_quantities("The quake was six miles deep and 34 miles west of the town.")
    d = find_quantities("The quake was nine miles deep and 34 miles west of the town.")
    assert [q.text for q in left_over(c, d)] == ["six miles", "nine miles"]


def test_a_day_opening_the_sentence_before_its_speaker_dates_the_saying():
    import datetime as dt

    from storyweave.align.slots import said_on
    from storyweave.nlp.dates import find_dates

    def said(text):
        return [said_on(text, d) for d in find_dates(text, dt.date(2019, 3, 5))]

    assert said("On Wednesday, Odile Fenn said the quay would reopen.") == [True]
    assert said("On Monday, she told reporters the quay would reopen.") == [True]
    # an attribution closing the sentence does not date the saying
    assert said("A trawler sank off Kelby on Friday night, the coastguard said.") == [False]


_ATTACK = ("Police in Vessen said Sunday they had arrested a man suspected of planning an attack on a train station. "
           "Officers found weapons and maps in his apartment. "
           "The city has been on alert since the March attacks on the central market left {a}. "
           "The suspect, 27, was known to intelligence services.",
           "A 27-year-old man was arrested in Vessen on Sunday on suspicion of plotting to attack a train station, "
           "police said. Weapons and maps were found at his home. "
           "Authorities tightened security after gunmen killed {b} in March in attacks on the central market. "
           "The man was already known to intelligence services.")
_SENTENCE = ("A judge on Friday sentenced Corwin Delacroix to {a} for the warehouse burglary. "
             "Prosecutors had asked for a five-year prison term. "
             "Delacroix, 24, was convicted in March of burglary and theft.",
             "Corwin Delacroix, 24, faced at least two years in state prison until the judge sentenced him to {b} "
             "instead. "
             "Prosecutors wanted a five-year term. "
             "A jury convicted Delacroix in March of burglary and theft at a warehouse.")
_ICE = ("The sea ice around the Varn islands is thinning fast, a report by the Polar Office said on Monday. "
        "{a} "
        "The report drew on satellite records.",
        "Sea ice near the Varn islands is disappearing, according to a Polar Office report released Monday. "
        "{b} "
        "The office used satellite data.")

_GAME = ("The Harbor City Gulls beat the Rivertown Owls 27-20 on Sunday before {a} at Gull Park. "
         "Running back Tomas Ekwe {c} for the Gulls. "
         "The Owls have lost four straight.",
         "Harbor City won 27-20 at home against Rivertown on Sunday, watched by {b}. "
         "Tomas Ekwe, the Gulls' running back, {d}. "
         "Rivertown's losing run reached four games.")
_TURNOUT = ("Voters in Karsk elected a new town council on Sunday, the election commission said. "
            "{a} "
            "Four parties ran for the council's 21 seats.",
            "Karsk chose its town council on Sunday in a vote watched by observers. "
            "{b} "
            "Four parties competed for 21 seats.")
_REHAB = ("The singer Dana Orlov left the Pine Hill clinic on Monday, her lawyer said. "
          "{a} "
          "Orlov thanked her fans in a short statement.",
          "Dana Orlov has checked out of the Pine Hill clinic, according to her lawyer. "
          "{b} "
          "The singer posted a thank-you note to fans.")
_CRASH = ("A cyclist was killed {a} when a delivery van struck her on Quay Road in Tenby. "
          "The van's driver, 38, stopped and called an ambulance. "
          "Police said the road would stay closed for the inquiry.",
          "{b} as Marta Ruhl, 61, of Tenby, who was hit by a delivery van on Quay Road. "
          "The driver of the van, 38, stayed at the scene. "
          "Quay Road remained closed on Friday.")


@pytest.mark.parametrize("texts, a, b, conflict", [
    # a whole with a part the other report leaves out
    (_ATTACK, "12 people dead, including the two attackers", "10 people", False),
    (_ATTACK, "12 people dead", "10 people", True),
    # the lengths of two different terms of one sentence
    (_SENTENCE, "six months in county jail", "county jail and three years probation", False),
    (_SENTENCE, "eight months in county jail", "ten months in county jail", True),
    # a period counted back and a window ahead
    (_ICE, "The ice has shrunk by up to 20 percent over the last 30 years.",
     "The ice could shrink by half in 40 years, the report said.", False),
    (_ICE, "The ice cover has shrunk by a fifth over the last 30 years.",
     "The ice cover has shrunk by a fifth over the past 20 years.", True),
    # a player's tallies: one game's and a season's are written alike and are two facts
    (_GAME, ("41,000 fans", "rushed for 112 yards and two touchdowns"),
     ("41,000 fans", "has 640 yards and five touchdowns in nine games this season"), False),
    (_GAME, ("41,000 fans", "rushed for 112 yards"), ("29,000 fans", "rushed for 112 yards"), True),
    # a figure as a rule against one as what happened
    (_TURNOUT, "Under Karsk law, the election can only be declared valid with a turnout of more than 50 percent of voters.",
     "The election commission said the turnout of voters was 90 percent.", False),
    (_TURNOUT, "The election commission said the turnout of voters was more than 50 percent.",
     "The election commission said the turnout of voters was 90 percent.", True),
    (_REHAB, "A judge had ordered her to spend 90 days in treatment at the Pine Hill clinic.",
     "She spent 30 days in treatment at the Pine Hill clinic.", False),
    (_REHAB, "She spent 90 days in treatment at the Pine Hill clinic.",
     "She spent 30 days in treatment at the Pine Hill clinic.", True),
    # two weekdays of two acts: killed one day, identified the next
    (_CRASH, "Wednesday night", "Police on Thursday identified the victim", False),
    (_CRASH, "Wednesday night", "The cyclist killed on Thursday was identified", True),
])
def test_a_conflict_needs_one_thing_measured(models, texts, a, b, conflict):
    (a, c), (b, d) = (a, "") if isinstance(a, str) else a, (b, "") if isinstance(b, str) else b
    an = Pipeline(NO_NER, models).analyse(_story(texts[0].format(a=a, c=c), texts[1].format(b=b, d=d)))
    assert any(d.kind == "contradiction" for d in an.divergences) == conflict, [
        (d.kind, [v.text for v in d.variants]) for d in an.divergences]


def test_one_of_a_kind_is_no_count_of_them(models):
    a = ("The city council voted Monday to censure Mayor Ilse Pell over her handling of permit reviews. "
         "One neighborhood association came to the defense of Pell, calling the censure a political stunt. "
         "Pell has denied any wrongdoing.")
    b = ("Mayor Ilse Pell was censured by the city council on Monday. "
         "In March, Pell forwarded a memo naming seven associations whose permits she wanted to review. "
         "Pell says she did nothing wrong.")
    an = Pipeline(NO_NER, models).analyse(_story(a, b))
    assert not [d for d in an.divergences if d.kind == "contradiction"]


@pytest.mark.parametrize("a, b, kinds", [
    # a floor and a figure above it: two ways of saying it, not a conflict
    ("The election commission said the turnout of voters was at least 60 percent.",
     "The election commission said the turnout of voters was 90 percent.", {"precision"}),
    # a floor that holds only by being open must still measure the same thing as the figure
    ("Under Karsk law, the election can only be declared valid with a turnout of at least 50 percent of voters.",
     "The election commission said the turnout of voters was 90 percent.", set()),
])
def test_a_floor_holds_of_a_figure_above_it(models, a, b, kinds):
    an = Pipeline(NO_NER, models).analyse(_story(_TURNOUT[0].format(a=a), _TURNOUT[1].format(b=b)))
    assert {d.kind for d in an.divergences if d.attribute == "percent"} == kinds, [
        (d.kind, d.attribute, [v.text for v in d.variants]) for d in an.divergences]


def test_an_outlet_that_writes_both_figures_does_not_contradict_either():
    from storyweave.align.roles import states_the_other
    from storyweave.model import Divergence, Variant

    def d(a, sa, b, sb):
        return Divergence(about="", kind="contradiction", attribute="count", variants=[
            Variant(text=a, value=a, citations=["x"], sentences=[sa]), Variant(text=b, value=b, citations=["y"], sentences=[sb])])
    jury = "The jury deadlocked 9-3 after four days, with nine in favor of death and three voting for life in prison."
    assert states_the_other(d("nine voting", "Two jurors said they were among the nine voting for death.", "three voting", jury))
    # a number that measures something else is not the other figure: "two days" counts no countries
    assert not states_the_other(d("two countries", "Hunters may import trophies from two countries.", "four countries",
                                  "Two days later the ban on imports from four countries stood."))
    assert not states_the_other(d("nine voting", "Two jurors were among the nine voting for death.", "eight voting",
                                  "The jury deadlocked with eight voting for death."))


@pytest.mark.parametrize("dated, conflict", [(False, False), (True, True)])
def test_days_of_an_ongoing_event_count_to_the_writing(models, dated, conflict):
    import datetime as dt

    a = ("Calm returned to Vessen on Sunday after four days of rioting over the death of a student. "
         "Shops reopened in the old town. Police made 40 arrests.")
    b = ("Vessen was calm on Sunday after eight days of rioting over the death of a student. "
         "Traders swept up broken glass. Police said 40 people had been arrested.")
    arts = _story(a, b)
    if dated:  # both written the same Sunday: the counts cannot both hold
        for art in arts:
            art.published = dt.date(2024, 3, 10)
    an = Pipeline(NO_NER, models).analyse(arts)
    assert any(d.kind == "contradiction" and d.attribute == "duration" for d in an.divergences) == conflict, [
        (d.kind, [v.text for v in d.variants]) for d in an.divergences]


def _count_conflict(a_sentence, a_value, b_sentence, b_value):
    from storyweave.model import Divergence, Variant

    return Divergence(about="count", kind="contradiction", attribute="count", variants=[
        Variant(text=a_value, value=a_value, citations=["o0"], sentence_ids=["o0-s1"], sentences=[a_sentence]),
        Variant(text=b_value, value=b_value, citations=["o1"], sentence_ids=["o1-s1"], sentences=[b_sentence])])


@pytest.mark.parametrize("a, av, b, bv, unnamed", [
    # bare counts of a crowd at two moments: how many, not which ones
    ("Police clashed with around 30 youths near the Tollmouth market on Sunday.", "around 30 youths",
     "Later, about 100 youths threw stones at the Tollmouth police station.", "about 100 youths", True),
    ("Nine people were booked into the county jail.", "Nine people",
     "Two people at the rally were taken to hospital with cuts.", "Two people", True),
    # one side names its group, the other does not: nothing ties them
    ("Ms. Orlo was convicted on three charges of attempted fraud.", "three charges",
     "The jury convicted her on four of five charges.", "five charges", True),
    # both name their group: one group counted twice
    ("The order covers two Harbour Board inspectors.", "two Harbour Board inspectors",
     "Four Harbour Board inspectors were suspended under the order.", "Four Harbour Board inspectors", False),
    # bare, but what befell them names them: one toll told twice
    ("Twelve people were killed when the bridge fell.", "Twelve people",
     "The collapse killed ten people, the mayor said.", "ten people", False),
])
def test_a_count_conflict_needs_both_counts_to_name_their_group(a, av, b, bv, unnamed):
    from storyweave.align.frames import nearest_outcome
    from storyweave.align.roles import unnamed_groups

    assert unnamed_groups(_count_conflict(a, av, b, bv), nearest_outcome) is unnamed


def test_two_outlets_sole_counts_are_not_paired_as_one_figure(models):
    """Each outlet's only count of the injured, at two stages of a rescue: two tallies, not one figure
    told twice (a duration or a distance still is: the demo's 36 hours / more than two days)."""
    from storyweave.align import pairs

    arts = [Article(id="o0", outlet="Outlet A", text=(
                "By Sunday evening rescuers in Tollmouth had counted 12 people injured in the collapsed houses. "
                "The harbour authority said repairs to the northern quay would take most of the summer.")),
            Article(id="o1", outlet="Outlet B", text=(
                "In the first hours after the quake, Tollmouth rescuers reported eight people injured. "
                "Fishermen moved their boats to the southern basin for the season."))]
    an = Pipeline(NO_NER, models).analyse(arts)
    slots = {i: pairs._slots(an, i) for i in range(len(an.sentences))}
    words, _ = an.claim_words()
    left = [i for i, s in enumerate(an.sentences) if s.article_id == "o0"]
    right = [i for i, s in enumerate(an.sentences) if s.article_id == "o1"]
    assert any(q.kind.startswith("count") for i in left for q in slots[i].quantities or ())
    assert pairs._sole_figures(an, left, right, slots, words, set()) == []
