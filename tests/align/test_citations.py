"""A citation rests on a sentence that means the statement's fact (align.cite_meaning)."""
from storyweave.config import Config
from storyweave.model import Article
from storyweave.pipeline import Pipeline

NO_NER = Config().with_overrides({"brief": {"ner": False}})
STORY = [
    "Crews brought the fire at the Kestrel paper mill in Dunmore under control after six hours on Friday.\n"
    "The mill's owner, Harlan Oduya, said the cause was not yet known.",
    "On Friday firefighters needed six hours to control the blaze at the Kestrel paper mill in Dunmore.\n"
    "Harlan Oduya, who owns the mill, promised to pay for the funerals.",
]


def _articles():
    return [Article(id=f"o{i}", text=t, outlet=f"Outlet {i}") for i, t in enumerate(STORY)]


def _cited(models, **align):
    an = Pipeline(NO_NER.with_overrides({"align": align}), models).analyse(_articles())
    return an, {tuple(e.sentence for e in a.evidence) for a in an.agreements}


def test_the_meaning_bar_decides_a_paraphrase_citation(models):
    _, off = _cited(models, cite_meaning=0.0)
    assert any(len(ev) == 2 for ev in off), off  # the paraphrased fire report is cited without the check
    an, strict = _cited(models, cite_meaning=0.99, cite_sure=1.01)
    assert not strict  # no paraphrase means the same to the encoder at 0.99
    assert an.meaning.embedded >= 2  # the encoder was asked, not skipped


def test_every_cited_pair_of_the_example_passes_the_check(pipeline, example_dir):
    from storyweave.ingest import read_articles

    arts, _ = read_articles([example_dir])
    an = pipeline.analyse(arts)
    bar, sure = pipeline.config.align.cite_meaning, pipeline.config.align.cite_sure
    checked = 0
    for a in an.agreements + an.single_source:
        i = an.sentence_index(a.evidence[0].sentence)
        for e in a.evidence[1:]:
            j = an.sentence_index(e.sentence)
            assert an.similarity[i, j] >= sure or an.meaning.cosine(i, j) >= bar, (a.text, e.text)
            checked += 1
    assert checked >= 4
