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
