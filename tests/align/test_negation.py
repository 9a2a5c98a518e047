"""A claim and its denial (align/negation.py), on texts written here."""
import datetime as dt

from storyweave.align.negation import denied
from storyweave.config import Config
from storyweave.model import Article
from storyweave.pipeline import Pipeline

NO_NER = Config().with_overrides({"brief": {"ner": False}})

BACKGROUND = ("The Kestrel paper mill in Dunmore burned for two days last week.\n"
              "Hundreds of workers have been sent home while the owners assess the damage.\n"
              "Residents complained about the smoke drifting across the river towards Ashby.\n")
DENY = BACKGROUND + ("Police questioned the mill's night manager, Dorian Vell, for six hours on Tuesday.\n"
                     "No formal charges have been filed against Dorian Vell, police said.")
AFFIRM = BACKGROUND.replace("last week", "in March") + (
    "Investigators said the fire was set on purpose with petrol in the storage hall.\n"
    "Dorian Vell was charged with arson and four other federal crimes on Friday.")


def _story(a, b, days=(None, None)):
    return [Article(id=f"o{i}", text=t, outlet=f"Outlet {i}", published=d) for i, (t, d) in enumerate(zip((a, b), days))]


def test_what_is_denied():
    assert denied("No formal charges have been filed against Dorian Vell.")[0][0] >= {"charg"}
    assert denied("“We have not been charged,” he said.") == []  # a quotation's denial is the speaker's
    assert denied("The mayor did not respond to a request for comment.") == []
    assert denied("He pleaded not guilty on Monday.") == []
    # "not ... only" says not merely: it denies nothing
    assert denied("The league has not fined only two clubs, saying the rules were broken widely.") == []
    assert denied("The league has not fined the clubs.")[0][0] == {"fined"}


def test_a_denied_claim_against_a_stated_one(models):
    an = Pipeline(NO_NER, models).analyse(_story(DENY, AFFIRM))
    claims = [d for d in an.divergences if d.attribute == "claim"]
    assert len(claims) == 1 and claims[0].kind == "contradiction"
    assert {v.value for v in claims[0].variants} == {"not charg", "charg"}


def test_charges_filed_after_a_report_of_none_are_an_update(models):
    an = Pipeline(NO_NER, models).analyse(_story(DENY, AFFIRM, (dt.date(2025, 3, 1), dt.date(2025, 3, 4))))
    claims = [d for d in an.divergences if d.attribute == "claim"]
    assert [d.kind for d in claims] == ["update"]
    assert claims[0].variants[0].citations == ["o1"]  # the later report first


def test_a_supposed_claim_affirms_nothing(models):
    b = AFFIRM.replace("Dorian Vell was charged", "Dorian Vell could be charged")
    an = Pipeline(NO_NER, models).analyse(_story(DENY, b))
    assert [d for d in an.divergences if d.attribute == "claim"] == []


def test_yet_to_denies_what_follows():
    assert denied("Browne has pleaded not guilty, while Vell has yet to appear in court.")[0][0] == {"appear"}
