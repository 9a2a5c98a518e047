"""The fast marker matching (a substring pre-test, lower-cased ASCII) must find exactly what
the plain regular expressions find, on real scraped lines and on crafted ones."""
import json

import pytest

from storyweave.clean import boilerplate as bp

MARKERS = ["_CREDIT", "_VIDEO", "_NEWSLETTER", "_LEGAL", "_COMMENT_FORM"]

CRAFTED = [
    "Photo: CPA/Marta Lind", "REUTERS/Leah Millis/Pool", "(Pool via AP)", "Image caption: a man",
    "Please use Chrome browser for a more accessible video player", "Watch: the moment it hit",
    "Sign up for our daily newsletter", "Already a subscriber? Log in", "All Rights Reserved.",
    "This website uses cookies", "Leave a Reply", "Your email address will not be published.",
    "Required fields are marked *", "Bir cevap yazın", "E-posta hesabınız yayımlanmayacak",
    "Deixe uma resposta", "Tu dirección de correo electrónico no será publicada.",
    "LEAVE A COMMENT", "The mayor said the video was shared widely.", "Copyright holders sued.",
    "He said the photographs were taken on Monday.", "",
]


def _lines(shared_dir, limit=3000):
    out = list(CRAFTED)
    with (shared_dir / "data" / "multinews-validation.jsonl").open() as fh:
        for line in fh:
            for doc in json.loads(line)["documents"]:
                out.extend(x.strip() for x in doc.split("\n") if x.strip())
            if len(out) > limit:
                break
    for f in sorted((shared_dir / "examples" / "blinken-beijing").iterdir()):
        out.extend(x.strip() for x in f.read_text().split("\n") if x.strip())
    return out


@pytest.mark.parametrize("name", MARKERS)
def test_fast_marker_agrees_with_the_regex(name, shared_dir):
    marker = getattr(bp, name)
    for line in _lines(shared_dir):
        assert bool(marker.search(line)) == bool(marker.pattern.search(line)), (name, line)
