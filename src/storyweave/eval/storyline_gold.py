"""Gold storylines over ``stories-dev.jsonl``: which dev stories continue each other.

The rule, written down before any storyline was linked and applied to all 60 dev stories
(their titles, ledes and dates; ids only here, no article text):

1. A later story is in an earlier one's storyline when it reports a development of the same
   *specific* matter — the same investigation or prosecution, the same negotiation, bill,
   budget or funding fight, the same diplomatic run-up — told by the later story as a step
   after the earlier one (a meeting, then its outcome; a memo, then the counsel's questions).
2. Not enough: the same people (a president, a party leader), the same kind of news (two
   congressmen indicted, two candidacies announced, two shutdowns) or the same broad topic
   (Iran's programme, immigration, the wall) when the matter itself is a different one.
   Such look-alike pairs are listed in ``HARD_NEGATIVES`` (each is in two different gold
   storylines, so a predicted link between them is a false pair anyway; the list is there to
   report how many of the hardest false pairs the linker makes).
3. Time apart does not decide it (the linker has its own window, ``storyline_days``; pairs
   beyond it count against its recall).
4. A story whose membership a reader could argue either way is left unscored (``UNSCORED``):
   no pair with it counts.

Result: five storylines over twelve stories (14 gold pairs); every other dev story is a
storyline of its own; four stories unscored; eleven hard-negative pairs. Going through all
60 stories found no continuation beyond these five (the BASIL part is one story per affair,
years apart; the WCL part is two weeks of April 2018).

Split (as ``storyweave eval stories`` splits the same file): the gold story ids sorted, the
first half *tune*, the second half *held-out*; a storyline belongs to the part of its first
story id (none of the five crosses parts): tune holds the shutdown and Ryan's budget (2 gold
pairs), held-out the Korea run-up, the Russia inquiry and the Iran deal (12 gold pairs).

The ECB+ file is not used: its articles carry no dates, and a storyline is an order in time
(its twin incidents are hard negatives the linker never links: undated stories stay alone).
"""
from __future__ import annotations

STORYLINES: dict[str, list[str]] = {
    # The April 2018 run-up to the Trump-Kim summit: the CIA director's secret meeting with
    # Kim, then North Korea announcing it suspends nuclear and missile tests three days later.
    "korea-summit-2018": ["wcl-0", "wcl-2"],
    # The Russia inquiry: the Comey memos go to Congress (Apr 2018); the special counsel's
    # questions for the president (Apr 30); the indictment of Russian intelligence officers
    # (Jul 2018); the special counsel disputes a news report (Jan 2019); the findings (Mar 2019).
    "russia-inquiry": ["wcl-1", "wcl-8", "basil-c6a0e65c", "basil-c9e4d35f", "basil-e71d149d"],
    # The Iran nuclear deal, spring 2018: the president open to a "new deal" (with Macron), then
    # Israel's claims on Iran's programme dividing Europe and the US a week later.
    "iran-deal-2018": ["wcl-4", "wcl-9"],
    # The 2019 border-wall shutdown: the president's immigration offer to end it (Jan 19), then
    # the national emergency declared to fund the wall (Feb 15).
    "wall-shutdown-2019": ["basil-70c75d68", "basil-3ae35b16"],
    # Paul Ryan's budget in 2012: challenged by Georgetown faculty (Apr), then the Medicare
    # savings fight over it with the president (Aug).
    "ryan-budget-2012": ["basil-29ffd053", "basil-2ec04201"],
}

# Arguable either way: the DNC's Russia lawsuit (a party's suit, not the inquiry); the
# vice-presidential debate (the campaign, not the budget); the president's attacks on the FBI
# over Flynn and over Clinton's aide (Flynn's plea was part of the inquiry; the aide was not).
UNSCORED: frozenset[str] = frozenset({"wcl-3", "basil-b5eefefb", "basil-0c78e748", "basil-87609973"})

# Look alike, different matters (rule 2): (earlier, later, why they are not one storyline).
HARD_NEGATIVES: list[tuple[str, str, str]] = [
    ("basil-1ed4f378", "basil-70c75d68", "two shutdowns: Jan 2018 (DACA deal) and Jan 2019 (the wall)"),
    ("basil-1ed4f378", "basil-3ae35b16", "the 2018 shutdown deal; the 2019 wall emergency"),
    ("basil-d4a4bc34", "basil-3ae35b16", "the wall: 2016 campaign exchange with Mexico's ex-presidents; 2019 funding emergency"),
    ("wcl-6", "basil-3ae35b16", "the border: the 2018 migrant caravan; the 2019 wall emergency"),
    ("basil-2b9468af", "wcl-9", "Netanyahu and Iran: the 2015 Congress speech; the 2018 claims on the deal"),
    ("basil-576116e5", "basil-2ec04201", "entitlements: AARP on Social Security (2011); Ryan's Medicare savings (2012)"),
    ("basil-f506aafc", "basil-eb17fa36", "campaign funds spent on personal items: Jackson Jr. (2013); Hunter (2018)"),
    ("basil-06ffda2d", "basil-eb17fa36", "Republican congressmen in scandal, 2018: Farenthold resigns; Hunter indicted"),
    ("basil-33521e65", "basil-f506aafc", "congressmen facing federal charges: Grimm (2014); Jackson Jr. (2013)"),
    ("basil-1bb79cc1", "basil-84678e18", "May 2013 congressional inquiries: Benghazi talking points; the IRS targeting"),
    ("basil-af4a3f41", "basil-13792511", "2016 Republican candidacies announced: Huckabee (May 2015); Christie (Jun 2015)"),
]


def _match(story: str, prefix: str) -> bool:
    return story == prefix or story.startswith(prefix + "-")


def gold_storyline(story: str) -> str | None:
    """The gold storyline of a gold story id (matched by prefix: BASIL ids are long UUIDs);
    the story itself when it continues nothing; None when unscored."""
    if any(_match(story, prefix) for prefix in UNSCORED):
        return None
    for line, members in STORYLINES.items():
        if any(_match(story, prefix) for prefix in members):
            return line
    return story


def hard_negative(a: str, b: str) -> bool:
    """Whether two gold story ids are one of the look-alike pairs of ``HARD_NEGATIVES``."""
    return any((_match(a, x) and _match(b, y)) or (_match(a, y) and _match(b, x)) for x, y, _ in HARD_NEGATIVES)
