import datetime as dt

from storyweave.model import Article
from storyweave.stories import cluster_articles
from storyweave.stories.near_duplicates import CopyIndex
from storyweave.stories.features import shingles

WIRE = (
    "Officials in the coastal province said on Thursday that heavy rain had flooded dozens of villages, "
    "forcing thousands of residents to leave their homes as rivers rose above warning levels. Rescue teams "
    "used boats to reach families stranded on rooftops, and the regional governor asked the army for help "
    "with evacuations while forecasters warned that more storms were expected over the weekend."
)


def test_copies_are_marked_and_join_the_original():
    d = dt.date(2024, 3, 7)
    arts = [
        Article(id="wire", text=WIRE, outlet="AP", published=d),
        Article(id="reprint", text=WIRE.replace("Thursday", "Thursday,") + " Copyright 2024.", outlet="Daily", published=d),
        Article(id="other", text="The central bank raised interest rates by a quarter point, citing inflation.", published=d),
    ]
    result = cluster_articles(arts)
    assert result.copies == {"reprint": "wire"}
    assert result.assignments["wire"] == result.assignments["reprint"] != result.assignments["other"]


def test_copy_index_state_round_trip():
    idx = CopyIndex()
    sig = idx.signature(shingles(WIRE))
    idx.add("wire", sig)
    keys, sigs = idx.to_arrays()
    again = CopyIndex.from_arrays(keys, sigs)
    assert again.find(idx.signature(shingles(WIRE))) == "wire"
    other = " ".join(f"word{i}" for i in range(80))
    assert again.find(idx.signature(shingles(other))) is None
