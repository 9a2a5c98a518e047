"""Dates: absolute and relative expressions, anchors, and the merged timeline."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from storyweave.model import Article, Sentence
from storyweave.nlp.dates import article_anchors, build_timeline, find_dates

MON = dt.date(2023, 6, 19)  # a Monday
WED = dt.date(2024, 5, 15)  # a Wednesday


def values(text: str, anchor: dt.date | None = MON, future: bool | None = None) -> list[str]:
    return [m.value for m in find_dates(text, anchor, future)]


@pytest.mark.parametrize("text, expected", [
    ("The summit opened on June 19, 2023 in Bali.", "2023-06-19"),
    ("It was signed on 19 June 2023.", "2023-06-19"),
    ("Filed 2023-06-19 at noon.", "2023-06-19T12:00"),  # a clock time makes it a TimeML TIME
    ("The talks ended on Sept. 3, 2021.", "2021-09-03"),
    ("She took office in January 2021.", "2021-01"),
    ("It was the first visit since 2018.", "2018"),
    ("The fire broke out on Monday, June 12, 2023.", "2023-06-12"),
])
def test_absolute_dates(text, expected):
    assert values(text, None) == [expected]


@pytest.mark.parametrize("text, anchor, expected", [
    ("Officials met on Sunday.", MON, "2023-06-18"),  # past: the last Sunday before the anchor
    ("Officials met on Monday.", MON, "2023-06-19"),  # the anchor's own weekday is that day
    ("The minister will visit on Friday.", WED, "2024-05-17"),  # future: the next Friday
    ("She is expected to arrive on Tuesday.", WED, "2024-05-21"),
    ("He resigned on Friday.", WED, "2024-05-10"),
    ("They met last Wednesday.", WED, "2024-05-08"),  # "last" never means the anchor day
    ("The vote is scheduled for next Wednesday.", WED, "2024-05-22"),
    ("The storm hit yesterday.", WED, "2024-05-14"),
    ("The results come tomorrow.", WED, "2024-05-16"),
    ("Mr Biden and Mr Xi met in Bali last November.", MON, "2022-11"),
    ("The visit was postponed in February.", MON, "2023-02"),
    ("The leaders will meet in November.", MON, "2023-11"),  # future: the coming November
    ("The plant closed in November.", MON, "2022-11"),  # past: the last November
    ("Prices rose last month.", WED, "2024-04"),
    ("The law takes effect next month.", WED, "2024-06"),
    ("The ceasefire collapsed three days ago.", WED, "2024-05-12"),
    ("The accord was signed on 12 May.", WED, "2024-05-12"),
    ("The hearing is set to open on June 3.", WED, "2024-06-03"),
    ("The merger closed on Dec 30.", dt.date(2024, 1, 5), "2023-12-30"),  # past across the year end
    ("Talks resume in March.", dt.date(2023, 12, 20), "2024-03"),  # no cue: the nearest March
    ("Talks will resume in March.", dt.date(2023, 12, 20), "2024-03"),
    ("It happened earlier this year.", WED, "2024"),
    ("A memo from late January of last year.", WED, "2023-01"),
    ("The plant opens on March 3 next year.", WED, "2025-03-03"),
])
def test_relative_dates(text, anchor, expected):
    assert values(text, anchor) == [expected]


@pytest.mark.parametrize("text", [
    "The talks lasted five hours.",
    "A two-day visit to the capital.",
    "The plan will be complete in five years.",
    "She may resign, and the March organisers disagree.",
    "Tickets for 2,000 people sold out.",
    "Tesla showed its 2024 model.",
    "Emissions fell by 2030 tonnes.",
])
def test_durations_and_lookalikes_are_not_dates(text):
    assert find_dates(text, WED) == []


def test_explicit_tense_overrides_the_guess():
    assert values("on Sunday", MON, future=True) == ["2023-06-25"]
    assert values("on Sunday", MON, future=False) == ["2023-06-18"]


def test_relative_dates_need_an_anchor():
    assert values("They met on Sunday in February 2020.", None) == ["2020-02"]


def test_mentions_carry_offsets_and_granularity():
    text = "On Sunday, talks began; a deal followed on 3 March 2024."
    ms = find_dates(text, MON)
    assert [(text[m.start:m.end], m.granularity, m.relative) for m in ms] == [
        ("Sunday", "day", True), ("3 March 2024", "day", False)]


# ---- anchors and timeline on a made-up story ------------------------------------------------------

def story(*articles: tuple[str, dt.date | None, list[str]], meta: dict | None = None) -> SimpleNamespace:
    arts, sents = [], []
    for aid, published, texts in articles:
        arts.append(Article(id=aid, published=published, body=texts, meta=dict((meta or {}).get(aid, {}))))
        sents += [Sentence(id=f"{aid}#{i}", article_id=aid, index=i, paragraph=i, text=t) for i, t in enumerate(texts)]
    return SimpleNamespace(articles=arts, sentences=sents)


def test_undated_articles_anchor_on_the_story_dates():
    an = story(("a", dt.date(2024, 5, 14), []), ("b", WED, []), ("c", dt.date(2024, 5, 13), []), ("d", None, []),
               ("e", None, []), meta={"e": {"dateline": "NAIROBI, 14 May 2024"}})
    anchors = article_anchors(an)
    assert anchors["b"] == (WED, False)
    assert anchors["d"] == (WED, True)  # the latest date of the others
    assert anchors["e"] == (dt.date(2024, 5, 14), False)  # its own dateline


def test_a_date_in_the_url_anchors_the_article():
    an = story(("a", None, []))
    an.articles[0].url = "https://news.example/2018/04/17/world/summit-talks.html"
    assert article_anchors(an) == {"a": (dt.date(2018, 4, 17), False)}


def test_without_any_dated_article_the_latest_written_date_anchors():
    an = story(("a", None, ["The flood peaked on 3 April 2024 in the valley."]), ("b", None, ["Nothing dated."]))
    assert article_anchors(an) == {"a": (dt.date(2024, 4, 3), True), "b": (dt.date(2024, 4, 3), True)}
    assert article_anchors(story(("a", None, ["No dates here at all."]))) == {}


def test_without_any_dated_article_only_dates_written_whole_make_the_timeline():
    # the latest written day (the crime) is only a lower bound on when the trial was reported:
    # "last month" or "on Saturday" read against it would land years early
    an = story(("a", None, ["Ansel Brock was found guilty last month of the arson at the Velmora depot.",
                            "The depot burned down on 3 April 2019 in the early hours.",
                            "The judge will pass sentence on Saturday, the court said."]),
               ("b", None, ["Brock, 41, set fire to the Velmora depot in April 2019, prosecutors said."]))
    events = build_timeline(an, article_anchors(an))
    assert {e.date for e in events} == {"2019-04-03", "2019-04"}


def test_timeline_merges_outlets_resolves_and_marks_inferred():
    an = story(
        ("herald", WED, ["The dockers' union ended its blockade of the port on Monday after talks.",
                         "The port was first blockaded in March 2023 over pay.",
                         "The bridge will reopen in June, the mayor said.",
                         "The project began in 2019."]),
        ("post", None, ["On Monday, the dockers' union ended the blockade of the port.",
                        "Mayor Ilse Marant said on Tuesday that the port was running again."]),
    )
    events = build_timeline(an, article_anchors(an))
    by_date = {e.date: e for e in events}
    assert [e.date for e in events] == sorted(e.date for e in events)
    monday = by_date["2024-05-13"]
    assert monday.citations == ["herald", "post"] and not monday.inferred  # one dated source is enough
    assert by_date["2023-03"].citations == ["herald"]
    assert by_date["2024-06"].citations == ["herald"]
    assert by_date["2024-05-14"].inferred  # only the undated article says it
    assert by_date["2024-05-14"].text.startswith("Mayor Ilse Marant")
    assert by_date["2019"].text == "The project began in 2019."  # a year when nothing finer dates it


def test_a_year_dates_an_event_only_as_an_adverbial_and_only_when_nothing_finer_does():
    an = story(("a", WED, [
        "Ilse Marant, who became mayor of Velmora in 2009, opened the rebuilt pier on Monday.",
        "She was first elected to the harbour council in 2001 and served two terms.",
        "The town bid for the 2030 regatta with a budget of two million euros.",
        "The old pier had been condemned by engineers three years ago after a winter storm.",
    ]))
    by_date = {e.date: e.text for e in build_timeline(an, article_anchors(an))}
    assert by_date == {
        "2024-05-13": "Ilse Marant, who became mayor of Velmora in 2009, opened the rebuilt pier on Monday.",
        "2001": "She was first elected to the harbour council in 2001 and served two terms.",
        "2021": "The old pier had been condemned by engineers three years ago after a winter storm.",
    }  # no "2009" (Monday dates that sentence's event), no "2030" (a modifier: "the 2030 regatta")


def test_a_year_inside_a_clause_that_describes_a_noun_dates_that_clause_not_the_sentence():
    an = story(("a", None, [
        # the year is the described noun's (its own clause); the sentence's event is undated
        "Ilse Marant, who became mayor of Velmora in 2009, has proved hard to beat at the polls.",
        "The pier drew more visitors than the old ferry, which sank in the harbour in 1974, ever did.",
        "The mayor opened with a joke about how the council had lost the harbour keys in 2015.",
        "The new rule mirrors a harbour law that the council passed in 1993, its critics say.",
        # the clause is the event: the sentence only introduces its noun, or the main verb follows
        "Tomas Lind is a ferryman who rescued four swimmers off the north pier in 2018.",
        "The share of residents who used the ferry was 40 percent in 2016, the council said.",
        "The harbour was dredged in 2012, the council said.",
        # a day in such a clause is the story's own recent event; "was Brook, who" introduces him
        "Councillors who voted on 3 May 2021 to close the ferry met again in the town hall.",
        "Among the guests was Tomas Brook, who rowed the first ferry across in 1961.",
        # "that" after a verb or as a determiner opens no such clause
        "The council said that the pier was rebuilt in 1999 after the storm.",
        "She narrowly won that race and a second term in 2004, the paper recalled.",
    ]))
    assert {e.date: e.text for e in build_timeline(an, article_anchors(an))} == {
        "1999": "The council said that the pier was rebuilt in 1999 after the storm.",
        "2004": "She narrowly won that race and a second term in 2004, the paper recalled.",
        "2018": "Tomas Lind is a ferryman who rescued four swimmers off the north pier in 2018.",
        "2016": "The share of residents who used the ferry was 40 percent in 2016, the council said.",
        "2012": "The harbour was dredged in 2012, the council said.",
        "2021-05-03": "Councillors who voted on 3 May 2021 to close the ferry met again in the town hall.",
        "1961": "Among the guests was Tomas Brook, who rowed the first ferry across in 1961.",
    }


def test_timeline_trims_a_leading_date_phrase():
    an = story(("a", MON, ["On Sunday, the two ministers held talks for seven hours in Beijing."]))
    (event,) = build_timeline(an, article_anchors(an))
    assert event.date == "2023-06-18"
    assert event.text == "The two ministers held talks for seven hours in Beijing."
    # ... not a date that qualifies a noun: "Last week's escapee" stays whole
    an = story(("a", MON, ["Last week's escapee from the harbour prison is still at large, police said."]))
    (event,) = build_timeline(an, article_anchors(an))
    assert event.text.startswith("Last week's escapee")


def test_a_sentence_that_is_only_a_date_stamp_dates_no_event():
    an = story(("a", MON, ["(Published Tuesday, June 20, 2023 at 10:15 a.m.)",
                           "Updated on Sunday, June 18, 2023, 9:00 pm EDT",
                           "On Sunday, the ministers met for talks in Beijing."]))
    assert [(e.date, e.text) for e in build_timeline(an, article_anchors(an))] == [
        ("2023-06-18", "The ministers met for talks in Beijing.")]


def test_an_embedded_posts_sign_off_alone_dates_no_event():
    an = story(("a", MON, ["The harbour will reopen next spring, and the ferries with it!",
                           "— Ilse Marant (@ilsemarant) June 14, 2023",
                           "Well done — Tomas Lind (@tlind) June 14, 2023",  # a post's last words: no event
                           "Ferry tickets sold out in an hour, I am told — Tomas Lind (@tlind) June 15, 2023"]))
    assert [(e.date, e.text[:20]) for e in build_timeline(an, article_anchors(an))] == [
        ("2023-06-15", "Ferry tickets sold o")]  # the post with its sign-off stays, dated as posted


# ---- the real example story (read from ../shared) --------------------------------------------------

def test_example_undated_articles_are_anchored_on_the_dated_ones(example_brief):
    anchors = example_brief.meta["anchors"]
    assert {v["date"] for v in anchors.values()} == {"2023-06-19"}
    dated = {a.id for a in example_brief.articles if a.published}
    assert dated and all(v["inferred"] == (k not in dated) for k, v in anchors.items())


@pytest.mark.parametrize("date, words", [
    ("2023-06-18", ("Qin",)),  # the Sunday talks with Qin Gang
    ("2023-06-19", ("Xi",)),  # the Monday meeting with Xi
    ("2022-11", ("Bali",)),  # Biden and Xi in Bali "last November"
    ("2023-02", ("February",)),  # the visit postponed after the balloon, "in February"
    ("2023-06-16", ("Gates",)),  # Xi and Bill Gates "on Friday"
    ("2021-01", ("January 2021",)),  # Biden took office
    ("2023-11", ("San Francisco",)),  # APEC "in November", future
])
def test_example_timeline(example_brief, date, words):
    events = [e for e in example_brief.timeline if e.date == date]
    assert any(all(w in e.text for w in words) for e in events), [e.text for e in events]


def test_example_timeline_merges_outlets(example_brief):
    assert max(len(e.citations) for e in example_brief.timeline) >= 3
    dates = [e.date for e in example_brief.timeline]
    assert dates == sorted(dates)


def test_modal_of_the_dates_own_clause_makes_it_future():
    import datetime as dt

    from storyweave.nlp.dates import find_dates

    anchor = dt.date(2025, 3, 11)  # a Tuesday
    text = "Trains were suspended and two schools will stay closed until Friday."
    assert [d.value for d in find_dates(text, anchor)] == ["2025-03-14"]
    # a modal in another clause does not reach the date
    text = "Officials, who will meet again, said the attack happened on Sunday."
    assert [d.value for d in find_dates(text, anchor)] == ["2025-03-09"]


# ---- direction from the expression's own clause (invented sentences) -------------------------------

JAN = dt.date(2019, 1, 24)  # a Thursday
AUG = dt.date(2019, 8, 10)  # from August, the nearest March is the past one, the nearest October ahead


@pytest.mark.parametrize("text, anchor, expected", [
    # forward cues
    ("The stopgap bill funds the agencies through Feb. 15.", JAN, "2019-02-15"),
    ("A second vote could take place on Tuesday.", JAN, "2019-01-29"),
    ("The minister will visit the region in March.", AUG, "2020-03"),
    ("The agency plans to publish its report in March.", AUG, "2020-03"),
    ("The ruling is expected in March.", AUG, "2020-03"),
    ("The hearing is scheduled for March 3.", AUG, "2020-03-03"),
    ("The coastal road stays closed until March.", AUG, "2020-03"),
    ("Officials hope to reopen the line next March.", AUG, "2020-03"),
    # back cues
    ("Flooding began in late December.", JAN, "2018-12"),
    ("The factory was sold in October.", AUG, "2018-10"),
    ("The firm had warned in October that sales would slow.", AUG, "2018-10"),
    ("The mill closed last October.", AUG, "2018-10"),
    ("Rents rose two months ago.", AUG, "2019-06"),
    # a plan of the past, or no cue at all: the nearest such month
    ("The envoy, who was leaving in February, declined to comment.", JAN, "2019-02"),
    ("Her initial plans to travel were postponed in February.", dt.date(2023, 6, 19), "2023-02"),
    ("The festival takes place in October.", AUG, "2019-10"),
    ("The festival takes place in October.", dt.date(2019, 12, 10), "2019-10"),
    ("The summit opens Saturday.", JAN, "2019-01-26"),
    ("The summit opened Saturday.", JAN, "2019-01-19"),
    # a full stop ending an abbreviation or initials ends no clause; nor does a clock time's colon
    ("Aides said that on Oct. 2, the U.N. had warned the embassy.", AUG, "2018-10-02"),
    ("The recount began at 4:15 p.m. on Oct. 2, when Gen. R. Alves signed the order.", AUG, "2018-10-02T16:15"),
])
def test_direction_comes_from_the_clause(text, anchor, expected):
    assert values(text, anchor) == [expected]


def test_a_weekday_written_with_a_day_says_its_year():
    # 2 October 2018 was a Tuesday, 2 October 2019 a Wednesday: the weekday decides, not the tense
    assert values("The talks resume on Tuesday, Oct. 2, the ministry says.", AUG) == ["2018-10-02"]
    assert values("The talks resume on Wednesday, Oct. 2, the ministry says.", AUG) == ["2019-10-02"]
    assert values("The talks resumed on Tuesday, 2 October.", AUG) == ["2018-10-02"]


def test_coordinated_dates_point_the_same_way():
    # "June" alone after "and" has no verb in its clause: it follows "April"
    assert values("Output shrank between April and June.", dt.date(2008, 11, 18)) == ["2008-04", "2008-06"]


# ---- TimeML value formats --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Markets fell sharply this week.", "2019-W04"),
    ("Protests spread last weekend.", "2019-W03-WE"),
    ("Profits fell in the third quarter.", "2018-Q3"),
    ("Profits will recover in the first quarter of 2020.", "2020-Q1"),
    ("The line opens in the first half of 2020.", "2020-H1"),
    ("The talks resume this summer.", "2019-SU"),
    ("The brand peaked in the 1990s.", "199"),
    ("The two leaders will meet at 2 p.m. on Tuesday.", "2019-01-29T14:00"),
    ("Trading resumed at 16:00 UTC today.", "2019-01-24T16:00Z"),
    ("The ministry said this morning that it would appeal.", "2019-01-24TMO"),
    ("Sales dipped in fiscal 2018.", "FY2018"),
    ("The ferry sank in the 19th century.", "18"),
    ("The dam will be finished in the spring.", "2019-SP"),
    ("Rioting broke out over the weekend.", "2019-W03-WE"),
    ("Polls close at 20:00 on Sunday, officials will say.", "2019-01-27T20:00"),
])
def test_timeml_values(text, expected):
    assert values(text, JAN) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The store currently sells music.", ["PRESENT_REF"]),
    ("The recently opened bridge closed.", ["PAST_REF"]),
    ("Rates may rise in the near future.", ["FUTURE_REF"]),
    ("Sales fell in January from the same month a year ago.", ["2019-01", "2018-01"]),
    ("Tesla showed its 2024 model.", ["2024"]),
    ("The fire started on 3 May and was put out the next day.", ["2018-05-03", "2018-05-04"]),
])
def test_timeml_only_kinds_are_found_on_request(text, expected):
    assert [m.value for m in find_dates(text, JAN, every=True)] == expected
    assert all(m.granularity != "ref" for m in find_dates(text, JAN))  # the brief never shows a *_REF


def test_time_values_are_typed_and_date_their_day():
    (m,) = find_dates("The two leaders will meet at 2 p.m. on Tuesday.", JAN)
    assert (m.type, m.granularity, m.calendar, m.surface) == ("TIME", "time", "2019-01-29", "2 p.m. on Tuesday")


def test_a_weekday_in_a_name_is_no_date():
    assert find_dates("Shares tumbled on the anniversary of Black Monday.", JAN) == []


def test_a_week_within_one_month_dates_a_timeline_event_to_that_month():
    an = story(("a", WED, ["The leaders met in Rome this week to sign the grain accord."]))
    (event,) = build_timeline(an, article_anchors(an))
    assert event.date == "2024-05"


def test_remembered_dates_are_the_dates_found_afresh_and_a_caller_cannot_change_them():
    from storyweave.nlp.dates.mentions import clear_cache

    text = "The vote was held on Tuesday, two days after the storm of June 17."
    clear_cache()
    first = find_dates(text, MON)
    first.clear()  # a caller's list is its own
    again = find_dates(text, MON)
    assert [m.value for m in again] == ["2023-06-13", "2023-06-17"]
    assert [m.value for m in find_dates(text, WED)] != [m.value for m in again]  # the anchor is part of the key
    long = (text + " ") * 200  # a whole document is read afresh, not remembered
    assert [m.value for m in find_dates(long, MON)][:2] == ["2023-06-13", "2023-06-17"]


def test_a_year_or_month_after_since_starts_a_span_and_dates_no_event():
    an = story(("a", MON, ["The harbour master has run the port of Eastmere since 2009, the council said.",
                           "Ferry fares are the highest since March, traders complained.",
                           "Dock workers have camped outside the gates since Saturday.",
                           "The council approved the new quay in 2019, records show."]))
    assert [(e.date, e.text[:20]) for e in build_timeline(an, article_anchors(an))] == [
        ("2019", "The council approved"), ("2023-06-17", "Dock workers have ca")]
