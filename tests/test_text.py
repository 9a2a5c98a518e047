"""text.py: what a sentence claims, without who is credited with it."""
from storyweave.text import claim_score, claim_text, content_tokens, quoted_share


def test_a_quotation_that_is_most_of_the_sentence_is_the_claim():
    t = "“The bridge will reopen in May, as planned,” said Ilse Marnot, the county engineer."
    assert content_tokens(claim_text(t)) == content_tokens("The bridge will reopen in May, as planned")


def test_the_speaker_and_title_are_not_the_claim():
    for t in ("The toll road will close for a week, said Ilse Marnot, the county engineer.",
              "Ilse Marnot, the county engineer, said the toll road will close for a week.",
              "The toll road will close for a week, Ilse Marnot said."):
        words = content_tokens(claim_text(t))
        assert {"toll", "road", "close"} <= words, t
        assert not {"ilse", "marnot", "engineer"} & words, t


def test_quoted_share():
    assert quoted_share("“All of it is quoted here,” she said.") > 0.5
    assert quoted_share("Nothing is quoted here.") == 0


def test_one_edit_apart():
    from storyweave.text import one_edit_apart

    assert one_edit_apart("Tump", "Trump") and one_edit_apart("Preibus", "Priebus")
    assert one_edit_apart("Marnot", "Marnet")
    assert not one_edit_apart("Democrat", "Democrats")  # a plural is no misspelling
    assert not one_edit_apart("Qin", "Xi") and not one_edit_apart("Trump", "Trump")


def test_claim_score_weighs_rare_words():
    idf = {"vasquez": 3.0, "bylaw": 3.0, "signed": 1.0, "harbour": 0.5, "mayor": 0.5, "said": 0.1}
    a = {"vasquez", "bylaw", "signed", "harbour"}
    assert claim_score(a, {"vasquez", "bylaw", "signed"}, idf) > claim_score(a, {"harbour", "mayor", "said"}, idf)
    assert claim_score(a, {"vasquez", "bylaw"}, idf) == 0.0, "two shared words are too few to call it one claim"


def test_the_claim_matrix_is_claim_score(models):
    from storyweave.config import Config
    from storyweave.model import Article
    from storyweave.pipeline import Pipeline

    texts = ["Mayor Ana Vasquez signed the harbour bylaw on Monday after a long debate.",
             "The harbour bylaw was signed by Mayor Vasquez, ending months of argument.",
             "Fishermen said the harbour was too crowded in summer."]
    an = Pipeline(Config().with_overrides({"brief": {"ner": False}}), models).analyse(
        [Article(id=f"o{i}", text=t) for i, t in enumerate(texts)])
    words, idf = an.claim_words()
    m = an.claim_matrix()
    for i in range(len(words)):
        for j in range(len(words)):
            assert abs(m[i, j] - claim_score(words[i], words[j], idf)) < 1e-9


def test_a_corpus_quotes_are_quotation_marks():
    from storyweave.text import untokenised

    assert untokenised("`` We do n't know,'' her rep told People.") == "“We don't know,” her rep told People."
    assert untokenised("He said `` no '' twice; it ca n't be.") == "He said “no” twice; it can't be."
    assert untokenised("rock 'n' roll, the ''best'' years") == "rock 'n' roll, the ''best'' years"  # no `` at all


def test_a_quotation_in_corpus_marks_has_its_speaker(models):
    from storyweave.analysis import annotate, prepare
    from storyweave.config import Config
    from storyweave.model import Article
    from storyweave.nlp.entities import build_entities
    from storyweave.nlp.quotes import extract_quotes

    text = ("The singer Dana Orlov checked into the Pine Hill clinic, her agent Ivo Lind said on Tuesday.\n"
            "`` We appreciate your respect for her family's privacy at this time,'' Lind told the magazine.")
    an = annotate(prepare([Article(id="0.txt", text=text)], models, Config()), models)
    quotes = extract_quotes(an, build_entities(an))
    assert [(q.text[:13], q.speaker) for q in quotes] == [("We appreciate", "Ivo Lind")]
