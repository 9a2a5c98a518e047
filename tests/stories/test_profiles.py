from storyweave.stories.profiles import Profiles, as_bag


def _profiles(*stories):
    p = Profiles()
    p.observe([b for story in stories for b in story])
    for s, story in enumerate(stories):
        p.open()
        for b in story:
            p.join(s, b)
    return p


def test_rare_shared_tokens_weigh_more_than_common_ones():
    # "police" is in every story; "okafor" and "lisbon" name one event only
    quake = [as_bag({"police", "okafor", "lisbon"}), as_bag({"police", "okafor"})]
    other = [as_bag({"police", "mayor"}), as_bag({"police", "harbour"})]
    p = _profiles(quake, other)
    assert p.sim(as_bag({"police", "okafor"}), 0) > p.sim(as_bag({"police", "okafor"}), 1)
    assert p.sim(as_bag({"okafor"}), 0) > p.sim(as_bag({"police"}), 0)
    assert p.sim({}, 0) == 0.0 and p.sim(as_bag({"unseen"}), 1) == 0.0


def test_similarity_is_a_cosine_and_follows_story_growth():
    p = _profiles([{"a": 1.0, "b": 1.0}])
    assert abs(p.sim({"a": 1.0, "b": 1.0}, 0) - 1.0) < 1e-9
    before = p.sim({"c": 1.0}, 0)
    p.join(0, {"c": 2.0})  # the cached norm must not hide the new member
    assert before == 0.0 < p.sim({"c": 1.0}, 0) <= 1.0


def test_state_round_trip():
    p = _profiles([{"x": 1.0}], [{"y": 1.5, "x": 1.0}])
    q = Profiles.from_meta(p.to_meta())
    assert q.sim({"y": 1.0}, 1) == p.sim({"y": 1.0}, 1) and q.docs == p.docs
