import datetime as dt

from storyweave.model import Article
from storyweave.stories.features import Featurizer, event_date, lede, names, shingles


def test_event_date_prefers_published_then_url():
    a = Article(id="a", text="x", published=dt.date(2020, 5, 1), url="https://n.com/2019/01/02/x")
    assert event_date(a) == dt.date(2020, 5, 1)
    a.published = None
    assert event_date(a) == dt.date(2019, 1, 2)
    a.url = "https://n.com/news/story-20180417-abc"
    assert event_date(a) == dt.date(2018, 4, 17)
    a.url = "https://n.com/2019/13/45/not-a-date"
    assert event_date(a) is None


def test_names_skip_sentence_initial_words_and_months():
    got = names("The talks began on Monday in Singapore. Mr. Kim Jong-un met President Trump in June.")
    assert {"singapore", "kim", "jong", "un", "trump"} <= got
    assert not {"the", "monday", "mr", "june", "president"} & got


def test_shingles_are_stable_and_order_free():
    text = "one two three four five six seven eight"
    assert (shingles(text) == shingles(text)).all()
    assert len(shingles("too short")) == 0


def test_lede_is_bounded_and_uses_title():
    a = Article(id="a", text="word " * 1000, title="Headline")
    out = lede(a)
    assert out.startswith("Headline.") and len(out) < 700


def test_featurizer_handles_empty_and_title_only():
    feats = Featurizer()([Article(id="e", text=""), Article(id="t", text="", title="Quake hits Lisbon")])
    assert feats[0].empty and not feats[0].vector.any()
    assert not feats[1].empty and abs(float((feats[1].vector ** 2).sum()) - 1) < 1e-3


def test_words_keep_figures_and_stems_drop_function_words():
    from storyweave.stories.features import words

    w = words("The Harriers beat the Rovers 31-24; the Harriers were beaten twice before.")
    assert {"31", "24", "harrier", "rover"} <= set(w)
    assert "the" not in w and "were" not in w
    assert w["harrier"] > w["rover"]  # counted twice, sublinearly


def test_featurizer_reads_words_only_when_asked():
    import pickle

    from storyweave.model import Article
    from storyweave.stories.features import Featurizer

    art = Article(id="w", title="Harriers beat Rovers 31-24", text="The Harriers beat the Rovers on Sunday.")
    assert Featurizer()([art])[0].words == {}
    on = pickle.loads(pickle.dumps(Featurizer(words=True)))  # the flag survives a trip to a worker
    assert "31" in on([art])[0].words
