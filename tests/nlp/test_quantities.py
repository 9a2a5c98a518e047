import pytest

from storyweave.nlp.quantities import compatible, find_quantities, format_value


def one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize(
    "text,value,kind",
    [
        ("talks lasted seven and a half hours", 7.5, "duration"),
        ("talks lasted more than seven a half hours", 7.5, "duration"),  # a real typo in news copy
        ("a 90-minute meeting", 1.5, "duration"),
        ("about 3,000 people were evacuated", 3000, "count:people"),
        ("it will cost $1.2bn", 1.2e9, "money:USD"),
        ("unemployment rose to 4.5%", 4.5, "percent"),
        ("turnout was 61 per cent", 61, "percent"),
        ("twenty-five soldiers were hurt", 25, "count:soldier"),
        # what is counted is the head of the phrase, over its modifiers
        ("ferries from three northern island ports, officials said", 3, "count:port"),
        ("two Coast Guard divers injured in the storm", 2, "count:diver"),
        ("at least 40 hospital workers who stayed", 40, "count:worker"),
        ("seven women were rescued", 7, "count:woman"),
        ("he threw 34 passes", 34, "count:pass"),  # -es after s, ch, sh, x: "inches", "boxes"
        ("nine benches in the park", 9, "count:bench"),
        ("the storm killed 12 people along the coast", 12, "count:people"),  # a preposition ends the phrase
        ("20 migrants aboard the boat", 20, "count:migrant"),
        ("they won 5 straight wins", 5, "count:win"),  # a modifier before the head
        ("the storm killed 12 people Friday", 12, "count:people"),  # a date after it is not what it counts
        ("five people dead after the blast", 5, "count:people"),
    ],
)
def test_values_and_kinds(text, value, kind):
    q = one(text)
    assert q.value == pytest.approx(value)
    assert q.kind == kind


@pytest.mark.parametrize("text", ["the talks began at 4.30 pm", "since 2018", "at the G20 summit", "on June 19, 2023",
                                  "two of the victims", "at 3 p.m. on Friday", "kept the No. 3 position",
                                  "the number 10 shirt", "a 43-year-old congressman", "the six-month-old puppy",
                                  "during a 15-2 run", "the Lions won 65 - 53",
                                  "they won 5 straight", "12 came forward", "with 3 left in the half",
                                  "he was arrested eight days ago", "a zero-day flaw in the browser"])
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_hedges_make_intervals():
    more5 = one("more than five hours")
    exact75 = one("seven and a half hours")
    about3 = one("about three hours")
    more3 = one("more than three hours")
    assert not compatible(more5, exact75)  # a contradiction
    assert compatible(about3, more3)  # a difference of precision
    assert format_value(more5) == "more than 5 hours"


def test_at_least_is_a_bound_and_no_more():
    # "at least" states only a floor; "more than" implies not much more (the first test)
    least2, three, one_truck = one("at least two trucks"), one("three trucks"), one("one truck")
    assert compatible(least2, three) and compatible(three, least2)
    assert not compatible(least2, one_truck)
    assert not compatible(least2, three, open_bounds=False)  # the band, as "more than" has
    assert not compatible(one("at least 10 people died"), one("at least 30 people died"))  # two floors: two counts


def test_a_figure_at_a_sentence_end_keeps_no_full_stop():
    assert one("Police arrested 40 protesters.").text == "40 protesters"


def test_a_count_stops_before_a_particle():
    assert [(q.text, q.kind) for q in find_quantities("Kim scored 14 points off the bench")] == [("14 points", "count:point")]


def test_ranks_are_read_apart_from_amounts():
    from storyweave.nlp.quantities import find_ranks

    assert [(q.kind, q.value, q.text) for q in find_ranks("she kept the No. 3 position, not the #2 seed")] == [
        ("rank", 3.0, "No. 3"), ("rank", 2.0, "#2")]
    assert find_ranks("section 12.5 of the number 10 rule") == []
    assert find_quantities("kept the No. 3 position") == []  # not an amount


@pytest.mark.parametrize("text, low, high, shown", [
    ("implants must be replaced every eight to fifteen years", 8, 15, "8 to 15 years"),
    ("runners who ran 2.5 hours to four hours a week", 2.5, 4, "2.5 to 4 hours"),
    ("between 20 and 30 people were hurt", 20, 30, "20 to 30 people"),
])
def test_a_range_is_one_quantity_between_its_ends(text, low, high, shown):
    q = one(text)
    unit = 8760 if "years" in text else 1  # durations in hours
    assert q.low == pytest.approx(low * unit, rel=0.06) and q.high == pytest.approx(high * unit, rel=0.06)
    assert format_value(q) == shown
    assert compatible(q, one(f"every {low + 1:g} years" if "years" in text else f"{low + 1:g} hours a week"))


def test_a_score_is_no_range():
    assert format_value(one("they lost 3 to 2 points down")) == "2 points"


@pytest.mark.parametrize("text, hours, shown", [
    ("took the lead with 4 minutes 48 seconds remaining", 4 / 60 + 48 / 3600, "4 minutes 48 seconds"),
    ("the flight lasted 2 hours and 30 minutes", 2.5, "2 hours and 30 minutes"),
    ("held for 3 hours, 20 minutes", 3 + 20 / 60, "3 hours, 20 minutes"),
])
def test_a_length_written_in_two_units_is_one(text, hours, shown):
    (q,) = find_quantities(text)
    assert q.text == shown and q.value == pytest.approx(hours) and format_value(q) == shown
    # "just under five minutes" and "4 minutes 48 seconds" agree
    assert compatible(find_quantities("with 4 minutes 48 seconds left")[0], find_quantities("with just under five minutes left")[0])


def test_two_lengths_of_two_things_stay_two():
    assert len(find_quantities("a 5-minute walk and 3 hours of talks")) <= 2
    assert [q.text for q in find_quantities("after 20 minutes, 3 hours later")] == ["20 minutes", "3 hours"]


def test_an_amount_restated_in_another_currency_is_one_amount():
    assert [q.text for q in find_quantities("Repairs were put at $US2 million ($2.9 million), the council said.")] \
        == ["$US2 million"]
    assert [q.text for q in find_quantities("It cost £4m (€4.6m) to build.")] == ["£4m"]
    # a parenthesis saying more than the amount is not a restatement
    assert len(find_quantities("The fund raised $5 million ($3 million more than last year).")) == 2


@pytest.mark.parametrize("text, value", [
    ("finished with 6, 728 yards rushing", 6728),  # tokenised text writes 6,728 so
    ("On May 5, 300 people marched to the square", 300),  # a day, then a count
    ("On Sept. 15, 300 people marched", 300),
    ("In 2012, 300 people died", 300),
])
def test_a_thousands_group_after_a_comma_and_space(text, value):
    assert [q.value for q in find_quantities(text)] == [value]


def test_numbers_written_in_a_sentence():
    from storyweave.nlp.quantities import numbers_in
    text = "Deadlocked at 9-3 after four days, with nine in favor and 1,200 letters sent"
    assert numbers_in(text) >= {9.0, 3.0, 4.0, 1200.0}
    assert 4.0 not in numbers_in(text, kind="count:voting")  # "four days" measures time
    assert numbers_in("one of them") == set()  # "one" is too common a word to count


@pytest.mark.parametrize("text, words", [
    ("two U.S. Capitol Police officers", ["U.S.", "Capitol", "Police", "officers"]),
    ("around 30 youths", ["youths"]),
    ("more than 1,200 people", ["people"]),
])
def test_counted_words_are_the_words_after_the_number(text, words):
    from storyweave.nlp.quantities import counted_words

    assert counted_words(find_quantities(text)[0]) == words


def test_inches_measure_a_length():
    q = find_quantities("More than 19 inches of snow fell.")[0]
    assert q.kind == "distance" and q.unit == "inches"


@pytest.mark.parametrize("text", [
    "The three holdouts told the other nine jurors that they would not agree.",
    "Two more people died in hospital on Sunday.",
    "Prosecutors filed three additional charges against him.",
    "The remaining 12 hostages were freed at dawn.",
])
def test_a_count_of_the_rest_of_a_set_is_not_a_count_of_the_set(text):
    # "the other nine jurors" is not what "twelve jurors" or "one or two jurors" count
    assert not [q for q in find_quantities(text) if q.kind in ("count:juror", "count:people", "count:charge", "count:hostage")]


def test_a_count_of_the_whole_set_is_kept():
    assert [q.value for q in find_quantities("Nine jurors voted to convict him on Friday.")] == [9.0]


@pytest.mark.parametrize("text, kind", [
    ("One day after placing their leading rusher on injured reserve, the club lost another.", "duration:offset"),
    ("Three weeks into the trial, the judge fell ill.", "duration:offset"),
    ("He is the second player in two days to be placed on injured reserve.", "duration"),
    ("The fire burned for two days before crews contained it.", "duration"),  # "for": how long it burned
])
def test_the_time_between_two_events_is_not_a_length(text, kind):
    # "one day after X" and "in two days" measure different things: never one fact told two ways
    assert [q.kind for q in find_quantities(text)] == [kind]
