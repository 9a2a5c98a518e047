import pytest

from storyweave.clean import clean_article
from storyweave.config import CleanConfig
from storyweave.model import Article, Reason


def clean(text: str) -> Article:
    return clean_article(Article(id="t", text=text), CleanConfig())


def reasons(a: Article) -> dict[str, str]:
    return {r.text: r.reason for r in a.removed}


STORY = """Harbour cranes halted as dock workers strike
12 March 2024, 08:15
Dock workers at the port of Eastmere walked out on Monday over a pay offer they called insulting.
The union said more than 900 members had joined the strike.
Cranes stand idle at Eastmere port. Photo: Eastmere Gazette/J. Holm
Port managers said talks would resume later in the week.
Read more:
Council votes to close two libraries
Local bakery wins national prize
Shipping companies warned of delays to deliveries across the region.
Please use a modern browser to play this video
Strike day one
Ferry operator cancels winter timetable
Opposition leader resigns after budget defeat
The strike is the first at the port since 2011, the union said.
By Mara Quist
Leave a Reply
Your email address will not be published. Required fields are marked *
Deja una respuesta
"""


def test_body_kept_and_noise_removed_with_reasons():
    a = clean(STORY)
    body = " ".join(a.body)
    assert "walked out on Monday" in body
    assert "first at the port since 2011" in body
    r = reasons(a)
    assert r["Cranes stand idle at Eastmere port. Photo: Eastmere Gazette/J. Holm"] == str(Reason.CAPTION)
    assert r["Read more:"] == str(Reason.NAVIGATION)
    assert r["Council votes to close two libraries"] == str(Reason.RELATED)
    assert r["Please use a modern browser to play this video"] == str(Reason.VIDEO)
    assert r["Strike day one"] == str(Reason.VIDEO)
    # headlines of other stories spliced into the text, with no header before them
    assert r["Ferry operator cancels winter timetable"] == str(Reason.HEADLINES)
    assert r["Leave a Reply"] == str(Reason.COMMENT_FORM)
    assert r["Deja una respuesta"] == str(Reason.COMMENT_FORM)
    assert not any("Council votes" in b for b in a.body)


def test_metadata_becomes_fields():
    a = clean(STORY)
    assert a.title == "Harbour cranes halted as dock workers strike"
    assert a.published is not None and a.published.isoformat() == "2024-03-12"
    assert a.author == "Mara Quist"
    assert str(Reason.TITLE) in reasons(a).values()


def test_metadata_from_source_wins_over_text():
    a = Article(id="x", text="Some headline here\nA sentence of the body that is long enough.", title="Given title")
    clean_article(a)
    assert a.title == "Given title"


def test_dateline_prefix_becomes_metadata():
    a = clean("Lisbon, Portugal - The city council approved the plan on Friday.\nIt passed by nine votes to four.")
    assert a.body[0].startswith("The city council")
    assert a.meta["dateline_place"] == "Lisbon, Portugal"


def test_subheading_related_to_story_is_not_a_foreign_headline():
    text = (
        "The river authority opened the flood gates at Marrow Bridge on Sunday.\n"
        "Flood gates opened at Marrow Bridge\n"
        "Engineers at Marrow Bridge said the gates had not been opened in ten years.\n"
    )
    a = clean(text)
    # first headline-like line becomes the title; make the subheading the second one
    a2 = clean("Rivers rise across the north\n" + text)
    assert reasons(a2)["Flood gates opened at Marrow Bridge"] == str(Reason.SUBHEADING)
    assert a.body


def test_idempotent_and_empty_safe():
    a = clean("Only one line that is a sentence.")
    body = list(a.body)
    clean_article(a)
    assert a.body == body
    assert clean("\n\n  \n").body == []


def test_repeated_line_removed_once():
    a = clean("Start of the story is here today.\nThe mayor resigned on Friday.\nThe mayor resigned on Friday.")
    assert a.body.count("The mayor resigned on Friday.") == 1
    assert str(Reason.DUPLICATE) in reasons(a).values()


def test_repeated_line_found_across_case_punctuation_and_quote_style():
    a = clean(
        "Start of the story is here today.\n"
        'The mayor said "we will rebuild" on Friday.\n'
        "The mayor said \u201cwe will rebuild\u201d on Friday!\n"  # curly quotes: the same words
        "THE MAYOR SAID WE WILL REBUILD ON FRIDAY.\n"
        "The mayor said we will rebuild on Friday, again.\n"  # more words: not a repeat
        "The mayor saidwe will rebuild on Friday."  # same letters, other words: not a repeat
    )
    assert [r.text for r in a.removed if r.reason == str(Reason.DUPLICATE)] == [
        "The mayor said \u201cwe will rebuild\u201d on Friday!", "THE MAYOR SAID WE WILL REBUILD ON FRIDAY."
    ]
    assert "The mayor saidwe will rebuild on Friday." in a.body


def test_metadata_field_glued_to_the_headline():
    a = clean("date 2024-03-12 Harbour cranes halted as dock workers strike\n"
              "Dock workers at the port of Eastmere walked out on Monday.")
    assert a.title == "Harbour cranes halted as dock workers strike"
    assert a.published.isoformat() == "2024-03-12"
    assert reasons(a)["date 2024-03-12"] == str(Reason.DATELINE)
    assert a.body == ["Dock workers at the port of Eastmere walked out on Monday."]


def test_masthead_above_the_headline_is_navigation_and_section_is_kept():
    a = clean("Eastmere Gazette | Business\n"
              "Harbour cranes halted as dock workers strike | Business\n"
              "Dock workers at the port of Eastmere walked out on Monday.")
    assert reasons(a)["Eastmere Gazette | Business"] == str(Reason.NAVIGATION)
    assert a.title == "Harbour cranes halted as dock workers strike"
    assert a.meta["section"] == "Business"


def test_caption_label_takes_the_line_after_it_and_teasers_go():
    a = clean("Harbour cranes halted as dock workers strike\n"
              "Dock workers at the port of Eastmere walked out on Monday over a pay offer.\n"
              "Photo:\n"
              "Idle cranes on the quay\n"
              "Ferry operator cancels winter timetable as fuel costs climb...\n"
              "The union said more than 900 members had joined the strike.")
    r = reasons(a)
    assert r["Photo:"] == r["Idle cranes on the quay"] == str(Reason.CAPTION)
    assert r["Ferry operator cancels winter timetable as fuel costs climb..."] == str(Reason.RELATED)
    assert a.body[-1] == "The union said more than 900 members had joined the strike."


def test_extracted_text_is_cut_by_markers_only():
    # text an HTML extractor produced: no title guessed, short lines kept, markers still cut
    text = ("Harbour cranes halted as dock workers strike\n"
            "Dock workers at the port of Eastmere walked out on Monday.\n"
            "What the union wants\n"
            "Ferry operator cancels winter timetable\n"
            "Leave a Reply\n")
    a = clean_article(Article(id="t", text=text, meta={"extraction": "trafilatura"}), CleanConfig())
    assert a.title is None
    assert a.body == text.splitlines()[:4]
    assert reasons(a) == {"Leave a Reply": str(Reason.COMMENT_FORM)}
    # the same text as plain text: the structure-based guesses run
    plain = clean(text)
    assert plain.title == "Harbour cranes halted as dock workers strike"
    assert "Ferry operator cancels winter timetable" in reasons(plain)


def test_a_sign_up_form_run_into_one_paragraph_goes_and_a_story_about_subscribers_stays():
    form = ("Morning Brief Get the day's harbour news before breakfast, in your inbox. Email Sign Up "
            "By signing up you agree to receive email newsletters or alerts from the Eastmere Gazette. "
            "You can unsubscribe at any time. Invalid email address. Please re-enter. "
            "Please verify you're not a robot by clicking the box.")
    story = ("The ferry company said it had signed up more than 40,000 subscribers to its new season ticket, "
             "twice as many as a year ago. Subscribers can cancel at any time, a spokeswoman said, and the "
             "company will email every one of them before the winter timetable starts in November.")
    a = clean("Dock workers at the port of Eastmere walked out on Monday.\n" + form + "\n" + story + "\n"
              "This feature is not available right now. Please try again later.\n")
    assert reasons(a)[form] == str(Reason.NEWSLETTER)
    assert reasons(a)["This feature is not available right now. Please try again later."] == str(Reason.NEWSLETTER)
    assert story in a.body


def test_a_notice_glued_before_a_paragraph_is_cut_and_the_paragraph_kept():
    a = clean("Dock workers at the port of Eastmere walked out on Monday.\n"
              "Continue reading the main story The union said more than 900 members had joined the strike.\n")
    assert a.body[-1] == "The union said more than 900 members had joined the strike."
    assert reasons(a)["Continue reading the main story"] == str(Reason.ADVERT)


def test_reporting_credits_are_the_byline_not_the_story():
    credits = ["Staff writers Ana T. Ruiz and Jon Holm contributed to this report.",
               "Quist reported from Eastmere. Ana Ruiz in St. Ives contributed to this report.",
               "(Additional reporting by Ana Ruiz; Editing by Mara Quist)"]
    prose = "The owner gave the harbour trust her consent in writing by Sunday, the trust said."
    a = clean("Dock workers at the port of Eastmere walked out on Monday.\n" + prose + "\n" + "\n".join(credits) + "\n")
    assert all(reasons(a)[c] == str(Reason.BYLINE) for c in credits)
    assert prose in a.body


@pytest.mark.parametrize("stamp", ["Updated 6.15pm", "Posted at 10:42 a.m. EST", "Updated: 14:05", "Published 3 hours ago"])
def test_a_time_stamp_without_its_day_is_no_title(stamp):
    a = clean(stamp + "\nDock workers at the port of Eastmere walked out on Monday over a pay offer.\n")
    assert a.title != stamp and reasons(a)[stamp] == str(Reason.DATELINE)
    assert a.body == ["Dock workers at the port of Eastmere walked out on Monday over a pay offer."]


def test_contact_lines_and_corrections_are_not_the_story():
    contact = ["Call reporter Dana Whitlow at 555-0142, email her at dwhitlow@example.com or follow her on Twitter.",
               "— Sam Reyes: 555-993-7176, or sreyes@example.com; on Twitter @SamReyes"]
    correction = "Correction: An earlier version of this story misspelled the name of the board's chair."
    # a police appeal gives a number too, and is the story's
    prose = ["The county board voted on Tuesday to close the old bridge for two years.",
             "Police asked witnesses to call the tip line at 555-847-6227."]
    a = clean("\n".join(prose + contact + [correction]) + "\n")
    assert all(reasons(a)[c] == str(Reason.BYLINE) for c in contact)
    assert reasons(a)[correction] == str(Reason.CORRECTION)
    assert a.body == prose


def test_photo_credits_galleries_handles_and_account_pages_are_not_the_story():
    caption = ("Ana Ruiz / For The Herald Tomas Lind, 58, waves to reporters at the harbour on Tuesday after the "
               "rescue of his son-in-law, who had been swept out by a rip current near the north pier while the two "
               "men were swimming together late in the afternoon. (Ana Ruiz / For The Herald)")
    credits = "(Ana Ruiz / For The Herald) (Ana Ruiz / For The Herald)"
    gallery = ("Photos: The old harbour The harbour in 1935, when the first boats came in from the islands to unload "
               "the season's catch. Hide Caption 1 of 3 Photos: The old harbour The fish market before the fire "
               "destroyed its roof and half of the stalls along the quay. Hide Caption 2 of 3")
    handle = "For more news on the harbour, follow @anaruiz."
    account = ["We have sent a confirmation email to {* data_emailAddress *}.",
               "Please check your email and click on the link to activate your account.",
               "We look forward to seeing you on [website] frequently."]
    prose = ["The coast guard rescued a swimmer off the north pier on Tuesday evening.",
             "The man, 58, was flown to shore and is in stable condition, the harbour master said.",
             "Fans were told to follow @EastmereFC for news of the match, the club said on Tuesday."]
    a = clean("\n".join([prose[0], caption, credits, gallery, prose[1], handle, *account, prose[2]]) + "\n")
    r = reasons(a)
    assert r[caption] == r[credits] == r[gallery] == str(Reason.CAPTION)
    assert r[handle] == str(Reason.BYLINE)
    assert all(r[x] == str(Reason.NEWSLETTER) for x in account)
    assert a.body == prose  # a handle the story reports on is the story's


def test_a_site_notice_page_is_no_article_and_a_story_about_the_archive_stays():
    # an error page and a web archive's capture notice, scraped where the article should be
    error_page = ("Sorry, the page you requested could not be found.\n"
                  "If you are trying to reach a page from a bookmark, the page URL may have changed.\n"
                  "If you are looking for an older story, it may no longer be here.\n")
    archive = ("Since 1999 the Harbour Trust has given its crawl data to the Internet Archive. "
               "These captures are added to the Wayback Machine after an embargo period.\n")
    tweet_box = "Tweet with a location\nYou can add location information to your Tweets, such as your city.\n"
    # a capture notice scraped as one long paragraph that opens with it
    long_notice = ("These crawls are part of an effort to archive pages as they are created. " +
                   "The archive keeps the version of each linked page that was live when it was cited. " * 8 +
                   "The goal is to fix all broken links on the web.\n")
    for page in (error_page, archive, tweet_box, long_notice):
        a = clean(page)
        assert a.body == [] and {r.reason for r in a.removed} == {str(Reason.NOTICE)}
    # news about the archive, and a story with a notice glued on: the story stays
    prose = ["The Internet Archive said on Monday its Wayback Machine now holds 900 billion web pages.",
             "The Eastmere council voted on Tuesday to close the old bridge for two years, its leader said.",
             "Repairs to the bridge's cables will cost about 4 million pounds, engineers told the council.",
             "Drivers will be sent through the harbour tunnel, which opens two extra lanes in March."]
    a = clean("\n".join(prose) + "\nSorry, the page you requested could not be found.\n")
    assert a.body == prose


def test_a_caption_ending_on_a_bracketed_photographer_credit_is_no_title():
    # the page's first line is a photo's caption, its credit "(Name/Outlet)" in brackets
    caption = "Ana Ruiz, left, waves to fans at Eastmere Stadium on Tuesday. (Tomas Lind/The Eastmere Herald)"
    prose = ["Ana Ruiz scored twice as Eastmere beat Northport 3-1 on Tuesday night.",
             "The win lifts Eastmere to second place, two points behind the leaders, the club said."]
    a = clean("\n".join([caption, *prose]) + "\n")
    assert reasons(a)[caption] == str(Reason.CAPTION)
    assert a.title is None and a.body == prose
    # a sentence closing on a bracketed pair with a slash stays the story's
    kept = "Fans travelled to the match by road (over the A1/M6)."
    assert clean("\n".join([prose[0], kept, prose[1]]) + "\n").body == [prose[0], kept, prose[1]]


def test_a_wire_photo_caption_goes_however_long_and_its_date_with_it():
    # wire style opens a caption "In this <date>, file photo, ..."; the date is the picture's, not the
    # story's. A gallery's captions run together into one long line still open that way
    one = ("In this March 3, 2016, file photo, Ana Ruiz, the mayor of Eastmere, speaks at the opening of "
           "the harbour tunnel in Eastmere, where crowds had waited since dawn to walk through it before "
           "the first cars. Ruiz said on Monday she would not run again after two terms in office, ending "
           "months of talk... (Eastmere Herald)")
    run = one + " " + one.replace("March 3, 2016, file photo", "Sunday, May 1, 2016, photo")
    prose = ["Ana Ruiz, the mayor of Eastmere, said on Monday she would not seek a third term.",
             "In this case, the council's rules say the deputy mayor leads until an election is held.",
             "The election will be held in May, a council spokesman said."]
    a = clean("\n".join([prose[0], run, prose[1], prose[2]]) + "\n")
    assert len(run.split()) > 60 and reasons(a)[run] == str(Reason.CAPTION)
    assert a.body == prose


@pytest.mark.parametrize("line, caption", [
    ("In this June 21, 2018, file photo, the mayor arrives for a news conference.", True),
    ("In this image made from video, crews search the harbour.", True),
    ("In this undated handout photo, the Eastmere lighthouse stands in fog.", True),
    ("In this case, the court said the photo had been altered.", False),  # prose that names a photo
    ("In this election, voters saw the image of a divided town.", False),
])
def test_the_agencies_caption_opening_is_dates_and_a_few_words_before_the_picture(line, caption):
    from storyweave.clean.patterns import PHOTO_CAPTION

    assert bool(PHOTO_CAPTION.match(line)) is caption


@pytest.mark.parametrize("label", ["Columnist", "Politics", "July 2, 2013 07: 44"])
def test_a_one_word_label_above_the_story_is_no_headline(label):
    # a section's label or a time stamp on the first line: the headline under it is the title
    headline = "Harbour cranes halted as Eastmere dock workers strike"
    prose = ["Dock workers at the port of Eastmere walked out on Monday over a pay offer they called insulting.",
             "The union said the strike would last until the port's owners returned to talks."]
    a = clean("\n".join([label, headline, *prose]) + "\n")
    assert a.title == headline and reasons(a)[label] == str(Reason.BOILERPLATE)
    assert a.body == prose
