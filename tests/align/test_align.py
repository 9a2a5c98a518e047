"""Divergences, agreements and unique facts on stories we write here (plus the example story)."""
import pytest

from storyweave import align
from storyweave.config import Config
from storyweave.model import Article
from storyweave.pipeline import Pipeline

NO_NER = Config().with_overrides({"brief": {"ner": False}})


def story(*texts):
    return [Article(id=f"o{i}", text=t, outlet=f"Outlet {i}") for i, t in enumerate(texts)]


BASE = [
    "Firefighters battled a blaze at the Kestrel paper mill in Dunmore on Friday.\n"
    "The fire burned for {hours} hours before crews brought it under control.\n"
    "{killed} workers were killed and several were treated for smoke inhalation.\n"
    "The mill's owner, Harlan Oduya, said the cause was not yet known.",
    "A fire at the Kestrel paper mill in Dunmore killed {killed2} workers on Friday, officials said.\n"
    "Crews needed {hours2} hours to bring the blaze at the mill under control.\n"
    "Harlan Oduya, who owns the mill, promised to pay for the funerals.",
    "Residents near Dunmore were told to keep windows shut as smoke from the Kestrel mill fire drifted east.\n"
    "Fire chief Lena Morrow said {killed3} workers had died in the blaze.\n"
    "Volunteers from the Ashby rowing club handed out bottled water to families on Harbour Street.",
]


def brief_divs(models, **values):
    texts = [t.format(**values) for t in BASE]
    an = Pipeline(NO_NER, models).analyse(story(*texts))
    return an, an.divergences


def test_injected_count_conflict_found_with_outlets(models):
    an, divs = brief_divs(models, hours="six", hours2="six", killed="Three", killed2="three", killed3="five")
    dead = [d for d in divs if "killed" in d.about or "worker" in d.about]
    assert dead, [d.about for d in divs]
    d = dead[0]
    assert d.kind == "contradiction"
    by_value = {v.value: set(v.citations) for v in d.variants}
    assert by_value["3 workers"] == {"o0", "o1"}
    assert by_value["5 workers"] == {"o2"}


def test_no_divergence_when_reports_agree(models):
    _, divs = brief_divs(models, hours="six", hours2="six", killed="Three", killed2="three", killed3="three")
    assert divs == []


def test_duration_conflict_and_precision(models):
    _, divs = brief_divs(models, hours="about six", hours2="more than six", killed="Three", killed2="three", killed3="three")
    assert [d.kind for d in divs] == ["precision"]
    _, divs = brief_divs(models, hours="six", hours2="eleven", killed="Three", killed2="three", killed3="three")
    assert [d.kind for d in divs] == ["contradiction"]
    assert divs[0].attribute == "duration"


def test_one_report_saying_more_of_the_same_is_no_divergence(models):
    # "six" / "about six" hours: the same figure, one rounded; "about six" / "more than six" bound it apart
    an, divs = brief_divs(models, hours="six", hours2="about six", killed="Three", killed2="three", killed3="three")
    assert divs == [] and [d.kind for d in an.refinements] == ["precision"]
    _, divs = brief_divs(models, hours="about six", hours2="more than six", killed="Three", killed2="three",
                         killed3="three")
    assert [d.kind for d in divs] == ["precision"]


def test_refinements_of_a_day_or_a_place_are_not_shown():
    from storyweave.model import Divergence, Variant

    def div(attribute, *values):
        return Divergence("x", "precision", [Variant(text=v, value=v, citations=[str(k)]) for k, v in enumerate(values)],
                          attribute=attribute)

    assert align.refinement(div("date", "2024-09-06", "2024-09-06TEV"))  # Friday / Friday evening
    assert not align.refinement(div("date", "2024-09-06T11:00", "2024-09-06TAF"))  # 11 a.m. / afternoon
    assert align.refinement(div("place", "Iowa", "Des Moines"))
    assert not align.refinement(Divergence("x", "contradiction", div("place", "Tollmouth", "Kelby").variants,
                                           attribute="place"))


def test_agreements_count_independent_sources(models):
    wire = "The central bank raised its main interest rate by half a point to 4.5 per cent on Thursday."
    texts = [
        wire + "\nAnalysts had expected the move after inflation rose for a third month.",
        wire + "\nThe governor said further rises could not be ruled out.",
        "On Thursday the central bank lifted its main rate by half a point, to 4.5 per cent.\nMarkets barely moved.",
    ]
    an = Pipeline(NO_NER, models).analyse(story(*texts))
    agreed, single = an.agreements, an.single_source
    rate = [a for a in agreed if "4.5" in a.text]
    assert rate and set(rate[0].citations) == {"o0", "o1", "o2"}
    assert rate[0].independent_sources == 2  # o0 and o1 carry the same wire copy


def test_unique_facts_belong_to_one_outlet(models):
    an, _ = brief_divs(models, hours="six", hours2="six", killed="Three", killed2="three", killed3="three")
    uniq = align.unique_facts(an, Config())
    assert uniq and all(len(u.citations) == 1 for u in uniq)
    # a fact no other outlet touches is unique; one that restates the others' fire in part may not be
    assert any("Ashby rowing club" in u.text for u in uniq)


def test_date_and_place_swaps_in_rewrites(pipeline):
    from storyweave.model import Article

    a = Article(id="a", outlet="A", published=__import__("datetime").date(2024, 5, 10), text=(
        "The new bridge over the Arden river in Tollmouth opened to traffic on Tuesday after three years of work.\n"
        "Engineers said the bridge carries four lanes."))
    b = Article(id="b", outlet="B", published=__import__("datetime").date(2024, 5, 10), text=(
        "The new bridge over the Arden river in Tollmouth opened to traffic on Wednesday after three years of work.\n"
        "Drivers queued for an hour to cross it."))
    c = Article(id="c", outlet="C", published=__import__("datetime").date(2024, 5, 10), text=(
        "The new bridge over the Arden river in Kelby opened to traffic on Tuesday after three years of work.\n"
        "The mayor cut a ribbon."))
    brief = pipeline.brief([a, b, c])
    attrs = {(d.attribute, d.kind) for d in brief.divergences}
    assert ("date", "contradiction") in attrs
    date = next(d for d in brief.divergences if d.attribute == "date")
    assert {tuple(v.citations) for v in date.variants} == {("a", "c"), ("b",)} or \
        {frozenset(v.citations) for v in date.variants} == {frozenset({"a", "c"}), frozenset({"b"})}
    assert ("place", "contradiction") in attrs


def _reports(day, *texts):
    """One article per text, outlets A, B, C ... all published on ``day``."""
    from storyweave.model import Article

    return [Article(id=chr(97 + k), outlet=chr(65 + k), published=day, text=t) for k, t in enumerate(texts)]


def _divergent(pipeline, day, attribute: str, *texts, kind: str | None = None) -> list[list[str]]:
    """The values of each divergence on ``attribute`` (of ``kind``, if given) the brief of ``texts`` reports."""
    brief = pipeline.brief(_reports(day, *texts))
    return [[v.value for v in d.variants] for d in brief.divergences
            if d.attribute == attribute and (kind is None or d.kind == kind)]


def test_scene_of_a_fact_differs_between_outlets(pipeline):
    import datetime as dt

    brief = pipeline.brief(_reports(
        dt.date(2024, 9, 2),
        "The regional trade summit opened in Tollmouth on Monday with ministers from six nations.\n"
        "Talks focused on fishing quotas.",
        "Ministers from six nations opened the regional trade summit in Kelby on Monday.\n"
        "Protesters gathered outside.",
        "Ministers opened the regional trade summit in Norway on Monday, officials said.\n"
        "The talks run until Wednesday."))
    places = [d for d in brief.divergences if d.attribute == "place"]
    assert len(places) == 1 and places[0].kind == "contradiction"
    # a country is no contradiction with a town (the town may lie in it): only the two towns disagree
    assert {frozenset(v.citations) for v in places[0].variants} == {frozenset({"a"}), frozenset({"b"})}


@pytest.mark.parametrize("scene_a, scene_b", [
    ("in Tollmouth", "at the Kelby Arena"),  # an arena lies in some town
    ("in Tollmouth", "in Kelby"),  # the outlet names both (below): it knows both
])
def test_a_site_or_a_known_part_is_no_other_scene(pipeline, scene_a, scene_b):
    import datetime as dt

    brief = pipeline.brief(_reports(
        dt.date(2024, 9, 2),
        f"The regional trade summit opened {scene_a} on Monday with ministers from six nations.\n"
        "Talks focused on fishing quotas.",
        f"Ministers from six nations opened the regional trade summit {scene_b} on Monday.\n"
        "Protesters gathered outside the hall, which stands in the old port of Tollmouth."))
    assert not [d for d in brief.divergences if d.attribute == "place" and d.kind == "contradiction"], [
        [v.value for v in d.variants] for d in brief.divergences]


def test_a_home_is_not_a_scene_swapped():
    from storyweave.align.slots import _swapped

    assert _swapped("The new bridge in Tollmouth opened to traffic on Tuesday after three years of work.",
                    "The new bridge in Kelby opened to traffic on Tuesday after three years of work.", "Tollmouth", "Kelby")
    assert not _swapped("Mara Velt, 20, told deputies her friend was at a wedding in Tollmouth as a guest on Tuesday.",
                        "Mara Velt, of Kelby, told deputies her friend was at a wedding as a guest on Tuesday.",
                        "Tollmouth", "Kelby")


def test_a_name_written_by_its_surname_is_found_where_it_stands():
    from storyweave.align.slots import _swapped

    # the entity index names people in full; the sentences give surnames in other places:
    # the letter's writer and the office quoting it are two roles, not one name swapped
    quote = "“We were told to obey and we obeyed every order we were given,” "
    assert not _swapped(quote + "the archive quoted Brenner’s letter as saying.",
                        quote + "Vantor’s office quotes the letter as saying.", "Oskar Brenner", "Ilse Vantor")
    assert _swapped("The jury gave the prize for best film to Varga’s documentary on Sunday night.",
                    "The jury gave the prize for best film to Linde’s documentary on Sunday night.",
                    "Anna Varga", "Ola Linde")


def test_a_place_in_an_opening_time_clause_is_another_events_scene(pipeline):
    import datetime as dt

    places = _divergent(
        pipeline, dt.date(2024, 9, 2), "place",
        "After leaving a clinic in Tollmouth, Oregon, less than an hour after checking in on Thursday, the singer "
        "Mara Velt admitted herself to the Harbour Centre, her agent said.\nShe had cancelled her tour.",
        "The singer Mara Velt has left the Harbour Centre and is moving to a clinic in Kelby, Oregon, her agent "
        "said.\nHer tour is cancelled.", kind="contradiction")
    assert not places, places


def test_two_peoples_acts_on_two_days_are_no_date_contradiction(pipeline):
    import datetime as dt

    # each paid tribute on their own day: two acts, however alike the sentences
    dates = _divergent(
        pipeline, dt.date(2017, 6, 22), "date",
        "The rapper Prodo died on Monday at 42, his label said.\n"
        "Rapper John Carter paid tribute to his late friend Prodo in an Instagram post on Tuesday.",
        "The rapper Prodo died on Monday at 42.\n"
        "In a post on Wednesday, fellow rapper Mike Davis paid tribute to his late friend Prodo.")
    assert not dates, dates


def test_an_embedded_posts_sign_off_dates_the_post_not_the_event(pipeline):
    import datetime as dt

    # two accounts' tributes posted twelve minutes apart: two posts, no disagreement on a time
    dates = _divergent(
        pipeline, dt.date(2017, 6, 21), "date",
        "The rapper Prodo died on Tuesday at 42, his label said.\n\nRest in peace to my brother, the music "
        "lives on forever and ever. A post shared by Northern Lights (@northernlights) on Jun 20, 2017 at 11:20am PDT",
        "The rapper Prodo died on Tuesday at 42.\n\nRest in peace to my brother, the music lives on forever. "
        "A post shared by Harbour Kings (@harbourkings) on Jun 20, 2017 at 11:32am PDT")
    assert not dates, dates


def test_one_place_named_more_fully_is_no_contradiction(pipeline):
    import datetime as dt

    brief = pipeline.brief(_reports(
        dt.date(2024, 9, 2),
        "A climber fell to his death in Mount Kelby on Monday, police said.\nRescuers recovered the body.",
        "A climber fell to his death in Mt Kelby on Monday, police said.\nHe was 34."))
    places = [d for d in brief.divergences if d.attribute == "place"]
    # one mountain named in full and in short: at most a difference of precision
    assert all(d.kind != "contradiction" for d in places)


def test_when_it_was_said_is_not_when_it_happened(pipeline):
    import datetime as dt

    brief = pipeline.brief(_reports(
        dt.date(2024, 9, 5),  # a Thursday
        "The council's lawyer sent a letter to the regional governor on Sept. 2 asking him to delay the vote on "
        "the harbour plan.\nThe vote was set for next month.",
        "A spokesman for the council said Wednesday that its lawyer had written to the regional governor to ask "
        "for a delay of the harbour plan vote.\nThe governor has not replied."))
    # the day of the letter and the day of the spokesman's words date two things
    assert not [d for d in brief.divergences if d.attribute == "date" and d.kind == "contradiction"]


def test_what_a_person_said_is_not_unique_when_others_report_them_speaking(pipeline):
    import dataclasses
    import datetime as dt

    from storyweave.pipeline import Pipeline

    texts = ("The Harbour Bridge in Tollmouth stayed shut on Thursday after engineers found a cracked cable.\n"
             "Mayor Ida Lind said the city would pay for a ferry service until the crossing reopens, at no cost to "
             "commuters.\nTraffic backed up for miles on the coast road.",
             "Engineers closed the Harbour Bridge in Tollmouth on Thursday after a cable was found cracked.\n"
             "Ida Lind, the mayor, told reporters she was angry that the inspection had come so late.\n"
             "Commuters faced long detours.",
             "Tollmouth's Harbour Bridge was closed on Thursday when inspectors found a cracked cable.\n"
             "Drivers were sent along the coast road.")
    day = dt.date(2024, 9, 5)
    # another outlet reports the mayor speaking: her words here may be its words paraphrased
    assert not [u for u in pipeline.brief(_reports(day, *texts)).unique if "Lind" in u.text]
    config = pipeline.config
    off = Pipeline(config=dataclasses.replace(config, align=dataclasses.replace(config.align, unique_unheard_speakers=False)))
    assert [u for u in off.brief(_reports(day, *texts)).unique if "Lind" in u.text]


def test_the_speaker_is_the_subject_of_the_speech_verb_not_the_person_spoken_of(pipeline):
    import datetime as dt

    day = dt.date(2024, 9, 5)
    bridge = ("The Harbour Bridge in Tollmouth stayed shut on Thursday after engineers found a cracked cable.\n"
              "Ida Lind, the mayor, told reporters she was angry that the inspection had come so late.\n"
              "Commuters faced long detours.")
    critics = ("Engineers closed the Harbour Bridge in Tollmouth on Thursday after a cable was found cracked.\n"
               "Two council members, Rhea Dorn and Amos Vell, have criticized Mayor Ida Lind for cutting the "
               "bridge inspection budget by 40 percent in 2022.\nDrivers were sent along the coast road.")
    # Lind speaks in the other outlet, but here she is spoken of: Dorn and Vell speak, and only here
    assert [u for u in pipeline.brief(_reports(day, bridge, critics)).unique if "Dorn" in u.text]
    inverted = critics.replace("Two council members, Rhea Dorn and Amos Vell, have criticized Mayor Ida Lind",
                               "The city cut the bridge inspection budget by 40 percent in 2022, said Ida Lind, the "
                               "mayor, in a letter to Rhea Dorn and Amos Vell").replace(
        " for cutting the bridge inspection budget by 40 percent in 2022", "")
    # "..., said Ida Lind": the inverted verb's subject follows it, and she speaks elsewhere
    assert not [u for u in pipeline.brief(_reports(day, bridge, inverted)).unique if "Dorn" in u.text]


def test_one_quote_two_speakers_is_a_divergence(pipeline):
    from storyweave.model import Article

    q = "“We will not reopen the bridge until every cable has been checked,”"
    a = Article(id="a", outlet="A", text=f"The Harbour Bridge stayed shut on Friday.\n{q} said mayor Ida Lind.")
    b = Article(id="b", outlet="B", text=f"Drivers faced long detours on Friday.\n{q} said engineer Tomas Berg.")
    c = Article(id="c", outlet="C", text=f"The bridge remains closed.\n{q} Ms Lind said.")
    brief = pipeline.brief([a, b, c])
    who = [d for d in brief.divergences if d.attribute == "speaker"]
    assert len(who) == 1
    sides = {v.value: set(v.citations) for v in who[0].variants}
    assert sides == {"Ida Lind": {"a", "c"}, "Tomas Berg": {"b"}}


def test_a_unique_fact_stands_alone_and_names_something_one_could_check(pipeline):
    import datetime as dt

    texts = ("The Harbour Bridge in Tollmouth stayed shut on Thursday after engineers found a cracked cable.\n"
             "Mayor Ida Lind will hold an emergency session on the bridge budget next Monday evening.\n"
             "They were seen leaving the inspection office at noon with two folders of cable test results.\n"
             "“Nobody should have to wait this long for a crossing that was promised to be safe for decades.”\n"
             "Will the port authority pay for the repairs of the cable this winter, or the city council again?\n"
             "The mood among the people waiting at the barrier was grim and rather tired by the evening.",
             "Engineers closed the Harbour Bridge in Tollmouth on Thursday after a cable was found cracked.\n"
             "Commuters faced long detours.")
    unique = [u.text for u in pipeline.brief(_reports(dt.date(2024, 9, 5), *texts)).unique]
    assert any("emergency session" in u for u in unique)
    # "they" with no one named, a quotation with no word of its speaker: a reader cannot use them alone
    assert not [u for u in unique if u.startswith(("They were seen", "“Nobody"))]
    # a question states nothing
    assert not [u for u in unique if u.endswith("?")]
    assert not [u for u in unique if u.startswith("The mood")]  # no name, no figure: an aside


def test_one_article_with_text_has_no_unique_facts(pipeline):
    import datetime as dt

    # the second "report" is a web archive's notice: nothing of it is left to compare with
    texts = ("Mayor Ida Lind will hold an emergency session on the Tollmouth bridge budget next Monday.\n"
             "Engineers found a cracked cable on the Harbour Bridge on Thursday, the city said.",
             "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive.")
    brief = pipeline.brief(_reports(dt.date(2024, 9, 5), *texts))
    assert brief.unique == []


def test_one_disagreement_is_one_report():
    from storyweave.align import _one_report
    from storyweave.model import Divergence, Variant

    def d(a, b):  # outlet a says 20 dead, outlet b 25, in sentences a1/b1 ...
        return Divergence("number — the toll", "contradiction", [
            Variant("20 people", "20 people", [a], [f"{a}:1"], [f"{a} said 20."]),
            Variant("25 people", "25 people", [b], [f"{b}:1"], [f"{b} said 25."])], "count")

    merged = _one_report([d("x", "y"), d("z", "y"), d("x", "w")])
    assert len(merged) == 1
    (v20, v25), = [m.variants for m in merged]
    assert v20.citations == ["x", "z"] and v25.citations == ["y", "w"]
    assert v25.sentence_ids == ["y:1", "w:1"]
    # other values, or the same values differently hedged, stay apart
    other = d("x", "y")
    other.variants[1].value = "about 25 people"
    assert len(_one_report([d("x", "y"), other])) == 2


def test_an_agreement_states_its_fact_in_the_wording_every_outlet_holds():
    from storyweave.align.agreements import _covered_first
    from storyweave.analysis import StoryAnalysis
    from storyweave.model import Sentence
    from storyweave.text import content_tokens

    texts = ["The Marlow council approved the Tessel bridge on Tuesday after a 7-2 vote and a night of protests.",
             "The Marlow council approved the Tessel bridge.",
             "Marlow's council approved the Tessel bridge on Tuesday after a 7-2 vote."]
    sents = [Sentence(id=f"o{k}#0", article_id=f"o{k}", index=0, paragraph=0, text=t) for k, t in enumerate(texts)]
    an = StoryAnalysis(articles=[], sentences=sents, tokens=[content_tokens(t) for t in texts])
    # the plain report is inside the fuller one: shown with both outlets cited, it is what both state
    assert _covered_first(an, [0, 1]) == [1, 0]
    assert _covered_first(an, [1, 0]) == [1, 0]
    assert _covered_first(an, [0, 2]) == [2, 0]  # the vote is in both; the protests only in one
    assert _covered_first(an, [2, 0]) == [2, 0]
    assert _covered_first(an, [0, 2, 1]) == [0, 2, 1]  # three outlets: a new statement would cite pairs no check saw
    # a sentence that points back holds fewer words, yet says less on its own: no swap
    back = ["The Marlow council approved the Tessel bridge on Tuesday after a 7-2 vote.", "They approved it on Tuesday after a 7-2 vote."]
    pb = [Sentence(id=f"b{k}#0", article_id=f"b{k}", index=0, paragraph=0, text=t) for k, t in enumerate(back)]
    assert _covered_first(StoryAnalysis(articles=[], sentences=pb, tokens=[content_tokens(t) for t in back]), [0, 1]) == [0, 1]
    # the same claim in another order: nothing to gain, the clearest statement stays first
    same = ["On Tuesday the Marlow council approved the Tessel bridge.", "The Marlow council approved the Tessel bridge on Tuesday."]
    pair = [Sentence(id=f"p{k}#0", article_id=f"p{k}", index=0, paragraph=0, text=t) for k, t in enumerate(same)]
    an2 = StoryAnalysis(articles=[], sentences=pair, tokens=[content_tokens(t) for t in same])
    assert _covered_first(an2, [0, 1]) == [0, 1] and _covered_first(an2, [1, 0]) == [1, 0]
