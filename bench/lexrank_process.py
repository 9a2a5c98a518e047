"""sumy's LexRank as a one-shot command, the peer of ``storyweave brief`` in bench_brief.py:

    python bench/lexrank_process.py FOLDER

reads every file of the folder, summarises them as one text in 7 sentences (~150 words, the
brief's summary budget) and prints them. Sentences are split with a regular expression (sumy's
own tokenizer needs NLTK data downloads); nothing else is imported that sumy does not need.
"""
import re
import sys
from pathlib import Path

SUMMARY_SENTENCES = 7


class RegexTokenizer:
    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [s for s in re.split(r"(?<=[.!?])\s+|(?<=[.!?][\"”’])\s+", paragraph) if s.strip()]

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"\w+", sentence)


def lexrank(text: str, sentences: int, tokenizer) -> list[str]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return [str(s) for s in summarizer(PlaintextParser.from_string(text, tokenizer).document, sentences)]


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.is_file())
    print("\n".join(lexrank(text, SUMMARY_SENTENCES, RegexTokenizer())))
