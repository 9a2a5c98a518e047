"""text.py: what a sentence claims, without who is credited with it."""
from storyweave.text import claim_text, content_tokens, quoted_share


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
