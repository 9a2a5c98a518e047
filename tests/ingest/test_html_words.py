"""Word counts of trafilatura results (ingest/html.py): exact where the short-page rule compares them."""
from lxml import etree

from storyweave.ingest.html import _PREFIX_CHARS, _SHORT_WORDS, _word_count, word_count


class Doc:
    def __init__(self, text: str):
        self.body = etree.Element("body")
        etree.SubElement(self.body, "p").text = text


def test_short_texts_are_counted_exactly():
    text = "word " * (_SHORT_WORDS - 1)
    assert _word_count(Doc(text), enough=_SHORT_WORDS) == _SHORT_WORDS - 1
    # long in characters, few words: the prefix is not enough, the whole text is counted
    long_words = " ".join(["x" * 60] * 100)
    assert len(long_words) > _PREFIX_CHARS
    assert _word_count(Doc(long_words), enough=_SHORT_WORDS) == 100


def test_long_texts_stop_at_enough_and_never_overcount():
    text = "word " * 5000
    assert _word_count(Doc(text)) == 5000
    assert _word_count(Doc(text), enough=_SHORT_WORDS) == _SHORT_WORDS
    # a prefix never has more words than the whole text, in any script
    for t in ("新电脑 DeepMind " * 900, "abc def" * 1000):
        assert word_count(t[:_PREFIX_CHARS]) <= word_count(t)


def test_no_result_counts_nothing():
    assert _word_count(None, enough=_SHORT_WORDS) == 0
