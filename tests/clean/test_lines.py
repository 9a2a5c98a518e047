from storyweave.clean.lines import content_tokens, is_sentence, looks_foreign, norm, parse_date_text, signature
from storyweave.clean.lines import split_lines, words_of


def test_split_lines_keeps_raw_line_numbers_and_features():
    lines = split_lines("Harbour cranes halted\r\n\r\n  The union said so.  \rSee more")
    assert [(ln.n, ln.text, ln.sentence) for ln in lines] == [
        (0, "Harbour cranes halted", False), (2, "The union said so.", True), (3, "See more", False)]
    assert lines[0].headline_like and not lines[1].headline_like


def test_first_reason_wins():
    ln = split_lines("Idle cranes")[0]
    ln.mark("caption")
    ln.mark("headline")
    assert ln.reason == "caption"


def test_sentence_end_and_words():
    assert is_sentence('He said "no."') and is_sentence("Really?)") and not is_sentence("Cranes halted")
    assert words_of("Dock workers' 2024 pay-offer") == ["Dock", "workers'", "pay-offer"]
    # prose that hands over to the next line with a colon or a comma is body text, not a heading
    assert is_sentence("Andrew Welt, director of the drivers association at the port, commented,")
    assert is_sentence("The harbour master read out the statement to the waiting crews:")
    assert not is_sentence("Related Stories:") and not is_sentence("Dock Workers, Cranes,")


def test_content_tokens_drop_stop_words_and_short_words():
    assert content_tokens(["The", "mayor", "said", "Mr", "Holm's", "ok"]) == {"mayor", "holm's"}


def test_repeat_key_ignores_case_punctuation_and_quotes():
    a, b = 'The mayor said "we will rebuild".', "THE MAYOR SAID \u201cWE WILL REBUILD\u201d"
    assert norm(a) == norm(b) == "the mayor said we will rebuild"
    assert signature(a) == signature(b) == "themayorsaidwewillrebuild"
    assert norm("Åsa said so") == "åsa said so" and signature("Åsa said so") == "åsasaidso"


def test_foreign_line_needs_non_ascii_letters_and_no_english_function_word():
    line = "Die Kräne stehen über Nacht still"
    assert looks_foreign(line, words_of(line))
    assert not looks_foreign("Die Kräne stehen still", words_of("Die Kräne stehen still"))  # one such letter
    assert not looks_foreign("The Kräne stand still", words_of("The Kräne stand still"))
    assert not looks_foreign("Cranes stand idle", words_of("Cranes stand idle"))


def test_date_lines():
    assert parse_date_text("Published: 12 March 2024, 08:15 EDT").isoformat() == "2024-03-12"
    assert parse_date_text("Updated 2024-03-12T08:15").isoformat() == "2024-03-12"
    assert parse_date_text("03/04/2024").isoformat() == "2024-03-04"
    assert parse_date_text("date 2024-13-45") is None
