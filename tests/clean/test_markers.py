"""The fast marker matching (a substring pre-test on the marker's keys, lower-cased ASCII) must
find exactly what the plain regular expressions find, on real scraped lines and on crafted
ones; every alternative of every marker has a crafted line, so a key that stops covering its
alternative fails here."""
import json

import pytest

from storyweave.clean import patterns
from storyweave.clean.markers import Marker

# one invented line per alternative of each marker, in the pattern's order
EXAMPLES = {
    "CREDIT": [
        "REUTERS/Leah Millis/Pool", "Getty Image / Harbour Trust", "PA Wire/J. Holm",
        "The old mill at dawn (Pool via Valmora Post)", "Picture: the flooded square",
        "Photograph : Eastmere Gazette", "Image caption: a man at the gate", "Credit: Harbour Trust",
        "Illustration: Mara Quist",
        "AP Photo", "Getty Images", "© Valmora Post 2024", "File photo of the bridge", "Photo by Ana Ruiz",
    ],
    "VIDEO": [
        "Please use Chrome browser for a more accessible video player", "Watch this video",
        "Playing video", "Watch the video", "Media playback is unsupported on your device",
        "Your browser does not support iframes", "Enable JavaScript to view",
        "Video unavailable", "Watch: the moment it hit", "VIDEO: the flood", "Listen: the mayor",
        "Now playing", "Rating is available when the video has been rented.",
    ],
    "NEWSLETTER": [
        "Sign up for our daily newsletter", "Subscribe now", "Subscribe to our podcast",
        "Newsletter sign-up", "Get the morning newsletter", "Already a subscriber? Log in",
        "Subscribe for full access", "Create a free account",
        "Sign up now for Valmora Post breaking news alerts", "Email Sign Up", "By signing up, you agree to our terms",
        "You can unsubscribe at any time.", "Thank you for subscribing!", "Please consider subscribing today.",
        "Please verify you're not a robot by clicking the box.", "Invalid email address.",
    ],
    "REPORTING_CREDIT": [
        "Ana Ruiz contributed reporting.", "Staff writer Ana Ruiz contributed to this report.",
        "(Additional reporting by Ana Ruiz; Editing by Mara Quist)", "(Editing by Mara Quist)",
    ],
    "CORRECTION": [
        "Correction: An earlier version of this story misspelled the chair's name.",
        "Editor’s note: This story has been revised.", "An earlier version of this article gave the wrong date.",
        "Correction 31 July 2017: This article has been amended to give the right date.",
    ],
    "SITE_NOTICE": [
        "Sorry, the page you requested could not be found.", "The page you are looking for doesn't exist.",
        "If you are trying to reach a page from a bookmark, the page URL may have changed.",
        "If you still have trouble, please contact our webmaster",
        "Since 1999 the trust has given its crawl data to the Internet Archive.",
        "These captures are added to the Wayback Machine after an embargo period.",
        "The seed for this crawl was a list of every host", "This crawl was run at a level 1",
        "this data is currently not publicly accessible.", "Tweet with a location",
        "These crawls are part of an effort to archive pages.", "The goal is to fix all broken links on the web .",
        "You can add location information to your Tweets.", "You always have the option to delete your Tweet location history.",
    ],
    "FORM_PROMPT": [
        "Please re-enter.", "Try again later", "For the full council report, click here.", "You must select a plan",
        "Get full access for 99 cents", "This feature is not available right now.", "Continue reading the main story",
        "Please check your inbox and click the link to activate your account.", "Sign in to update your profile",
        "Verify your email address", "We have sent a confirmation email to you.",
        "We sent a note to {* data_emailAddress *}.", "Hello {{ user.name }}", "We look forward to seeing you on [website]",
    ],
    "GALLERY": [
        "Hide Caption 2 of 6", "Show captions", "3 of 12 photos: The harbour at dawn", "Photo 4 of 9",
        "Slide 2 of 5: the flooded square", "1 of 3 images",
    ],
    "LEGAL": [
        "All Rights Reserved.", "Copyright 2024 Valmora Post", "This website uses cookies",
        "We use cookies to improve", "Cookie settings", "Privacy Policy", "Terms and Conditions",
        "This material may not be published, broadcast, rewritten",
    ],
    "BRACKET_LINK": ["[Harbour cranes halted as dock workers strike]", "Council report (opens in new tab)"],
    "COMMENT_FORM": [
        "Leave a Reply", "Post a comment", "Add your comment", "Your email address will not be published.",
        "Required fields are marked *", "Save my name, email, and website", "Cancel reply", "Comments are closed.",
        "Name *", "E-mail", "Website", "Comment", "Log in to reply", "Join the conversation", "Join the discussion",
        "Deixe uma resposta", "Deixe um comentário", "Deja una respuesta", "Deja un comentario", "Laisser un commentaire", "Lascia un commento",
        "Hinterlasse einen Kommentar", "Bir cevap yazın", "Bir yorum yazın", "E-posta hesabınız yayımlanmayacak",
        "Gerekli alanlar * ile işaretlenmişlerdir", "Оставьте комментарий", "Ваш адрес email не будет опубликован",
        "Laat een reactie achter", "Tu dirección no será publicada.", "Campos obligatorios",
        "O seu endereço não será publicado.", "Campos obrigatórios", "Votre adresse ne sera pas publiée.",
        "Champs obligatoires", "Ihre Adresse wird nicht veröffentlicht.", "Erforderliche Felder",
        "Il tuo indirizzo non sarà pubblicato.", "Campi obbligatori", "Je adres wordt niet gepubliceerd.",
        "Verplichte velden", "Skomentuj", "Zostaw komentarz", "Tinggalkan Balasan", "コメントを残す", "发表评论",
        "댓글 남기기", "اترك تعليقاً",
    ],
}

# lines that must not match: prose that mentions the same things
PROSE = [
    "The mayor said the video was shared widely.",
    "He said the photographs were taken on Monday.", "The name of the ship was withheld.",
    "She subscribed to the view that rates would fall.", "",
    "The carrier signed up 2 million subscribers.", "Please help us find him, she said.",
    "The owner gave consent in writing by Sunday.", "The mayor reported from the scene of the fire that it was out.",
    # a newsletter's source label: an agency's name with a slash and a colon credits no photograph
    "HARBOUR STOCKS FALL - Reuters/Tokyo: “Stocks fell to a 15-month low on Tuesday as investors sold.”",
]


def _lines(shared_dir, limit=3000):
    # "Copyright holders sued." is a legal notice to the pattern (^copyright): agreement only
    out = [x for examples in EXAMPLES.values() for x in examples] + PROSE + ["Copyright holders sued."]
    with (shared_dir / "data" / "multinews-validation.jsonl").open() as fh:
        for line in fh:
            for doc in json.loads(line)["documents"]:
                out.extend(x.strip() for x in doc.split("\n") if x.strip())
            if len(out) > limit:
                break
    for f in sorted((shared_dir / "examples" / "blinken-beijing").iterdir()):
        out.extend(x.strip() for x in f.read_text().split("\n") if x.strip())
    return out


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_alternative_is_found_by_the_fast_path(name):
    marker = getattr(patterns, name)
    for line in EXAMPLES[name]:
        assert marker.pattern.search(line), (name, line, "the example does not match the pattern")
        assert marker.search(line), (name, line, "missed by the fast path: a key is missing")
        assert marker.search_line(line, line.lower(), line.isascii())


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_prose_is_not_a_marker(name):
    marker = getattr(patterns, name)
    for line in PROSE:
        assert not marker.search(line), (name, line)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_fast_marker_agrees_with_the_regex(name, shared_dir):
    marker = getattr(patterns, name)
    for line in _lines(shared_dir):
        assert marker.search(line) == bool(marker.pattern.search(line)), (name, line)


def test_every_marker_is_covered_by_examples():
    markers = {n for n, v in vars(patterns).items() if isinstance(v, Marker)}
    assert markers == set(EXAMPLES)


def test_a_wrong_key_shows_as_a_miss():
    # the check above can fail: keys that do not cover an alternative lose its matches
    marker = Marker(r"harbour (crane|dock)s?|ferry", keys=("harbour",))
    assert marker.pattern.search("Ferry cancelled")
    assert not marker.search("Ferry cancelled")
    assert marker.search("HARBOUR CRANES")


def test_non_ascii_line_with_longer_lower_case_takes_the_exact_path():
    # "İ" lower-cases to two characters: the lower-cased line's positions shift
    marker = Marker(r"^\w{3}$", keys=())
    assert marker.search("İST") == bool(marker.pattern.search("İST"))


@pytest.mark.parametrize("pattern, keys, why", [
    (r"(?P<x>photo)", ("photo",), "named groups"),
    (r"photo", ("Photo",), "lower-case"),
    (r"photo", ("",), "non-empty"),
])
def test_bad_markers_are_refused_with_the_reason(pattern, keys, why):
    with pytest.raises(ValueError, match=why):
        Marker(pattern, keys)
