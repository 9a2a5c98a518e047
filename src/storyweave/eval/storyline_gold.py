"""Gold storylines over ``stories-dev.jsonl``: which dev stories continue each other.

How they were chosen (by gold story id, from the stories' titles and ledes, before any
storyline was linked): a later story is in an earlier one's storyline when it reports a
development of the same matter — the same investigation, negotiation or bill — not merely
the same people or the same kind of news. Time apart does not decide it (the system has its
own window, ``storyline_days``; pairs beyond it count against its recall). Every dev story
not listed here is a storyline of its own. Stories whose membership a reader could argue
either way are left unscored (``UNSCORED``): no pair with them counts.

The ECB+ file is not used: its articles carry no dates, and a storyline is an order in time.
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


def gold_storyline(story: str) -> str | None:
    """The gold storyline of a gold story id (matched by prefix: BASIL ids are long UUIDs);
    the story itself when it continues nothing; None when unscored."""
    for prefix in UNSCORED:
        if story == prefix or story.startswith(prefix + "-"):
            return None
    for line, members in STORYLINES.items():
        for prefix in members:
            if story == prefix or story.startswith(prefix + "-"):
                return line
    return story
