from storyweave.syndication import find_copies, syndication_records
from storyweave.text import containment
from storyweave.text import sentence_shingles as shingles
from storyweave.model import Sentence


def S(aid, i, text):
    return Sentence(id=f"{aid}#{i}", article_id=aid, index=i, paragraph=i, text=text)


def test_lightly_edited_wire_copy_is_a_copy():
    a = shingles("The visit is expected to usher in a new round of visits by senior officials – possibly including a summit.")
    b = shingles("His visit is expected to usher in a new round of visits by senior officials, possibly including a summit.")
    assert containment(a, b) > 0.7


def test_syndication_between_articles():
    sents = [
        S("a", 0, "The storm cut power to forty thousand homes across the county on Monday night."),
        S("a", 1, "Engineers expect to restore supplies to most customers by Wednesday evening."),
        S("a", 2, "A local baker said she lost a week of stock."),
        S("b", 0, "The storm cut power to forty thousand homes across the county on Monday night."),
        S("b", 1, "Engineers expect to restore supplies to most customers by Wednesday evening, the company said."),
        S("c", 0, "Power went out for tens of thousands in the county after the storm."),
    ]
    copies, synd = find_copies(sents, [set()] * len(sents), 0.6)
    assert (0, 3) in copies and (1, 4) in copies
    assert not any(5 in pair for pair in copies)
    recs = syndication_records(sents, synd)
    assert len(recs) == 1 and recs[0].articles == ["a", "b"]
    assert recs[0].overlap == 1.0  # both of b's sentences are copied


SHARED = {("a", "b"), ("b", "a")}  # the two articles share some copy word for word


def _retold(order_b, close=0.7, far=0.2):
    """Similarities of article a's 6 sentences and b's 6: b's sentence order_b[k] retells a's k."""
    import numpy as np

    sents = [S("a", i, f"a{i}") for i in range(6)] + [S("b", i, f"b{i}") for i in range(6)]
    sim = np.full((12, 12), far)
    for k, j in enumerate(order_b):
        if j is not None:
            sim[k, 6 + j] = sim[6 + j, k] = close
    return sents, sim


def test_an_article_retelling_another_sentence_by_sentence_is_a_rewrite():
    from storyweave.syndication import rewrites

    sents, sim = _retold([0, 1, 2, None, 3, 5])  # five of six retold, in order
    assert rewrites(sents, sim, SHARED) == {("a", "b"), ("b", "a")}
    assert rewrites(sents, sim, set()) == set()  # no sentence copied word for word: told alike, not one report


def test_the_same_facts_in_another_order_or_too_few_are_not_a_rewrite():
    from storyweave.syndication import rewrites

    assert rewrites(*_retold([5, 0, 3, 1, 4, 2]), SHARED) == set()  # the same sentences, told in another order
    assert rewrites(*_retold([0, 1, 2, None, None, None]), SHARED) == set()  # half, but only three
    assert rewrites(*_retold([0, 1, 2, 3, 4, 5], close=0.55), SHARED) == set()  # close, not close enough


def test_a_fact_two_articles_carry_counts_once_when_one_retells_the_other():
    import numpy as np
    from storyweave.analysis.preparation import independent_sources

    sents, sim = _retold([0, 1, 2, 3, 4, 5])
    sents.append(S("c", 0, "c0"))
    sim = np.pad(sim, ((0, 1), (0, 1)), constant_values=0.2)
    group = [0, 6, 12]  # a0, its retelling b0, and c's own report
    assert independent_sources(group, sents, {}, sim) == 3
    assert independent_sources(group, sents, {}, sim, rewritten={("a", "b"), ("b", "a")}) == 2
