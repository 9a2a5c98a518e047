"""Which words attribute a quote, read over one paragraph.

1. Every speech verb of the paragraph gets its speaker: the phrase after it when it follows a
   quote ("“...,” said Mr. X"), else its subject: the name or pronoun right before it ("Mr.
   Clapper said", "he told reporters"), or the subject of its clause ("Grimm stormed back,
   leaned in and said", "Schumer, ..., pledged support, tweeting:").
2. A quote is governed by the verb of its own sentence: the one after it when the quote ends
   its clause ("“...,” she said"), else the nearest one before it ("X said that “...”").
   Once a verb governs a quote its speaker is the answer, even when it is unknown: no weaker
   rule may then put a nearby name on it.
3. Without a verb: "according to X" in the sentence; a name right before the quote.
4. Without any attribution, a quote that opens its sentence continues the speaker of the
   sentence before (the second quote after "X said."; a quote-only paragraph after one that
   ends on X's words), and a paragraph that opens on a quote continues a quotation left open
   at the end of the previous one.

Who is spoken to or of is not the speaker: the subject of a passive ("X was asked about ...")
gives no speaker, a quoting verb gives its object ("she quoted the poet Y: “...”" is Y's; "Kyodo
quoted an official as saying" is no one named), and a verb in a subordinate clause that closed
before the quote ("when the Gazette wrote about it, X released a statement: “...”") does not
govern it. A name in quote marks ("State of the Union With ...") is a title, not a quote.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...text import is_title
from ..entities import ORGANISATION, PERSON, PLACE
from .clauses import (asked_by, be_before, before_aside, coordinated, in_opener, in_relative, opens_sentence,
                      participle_aside, participle_of, passive, plural_before, relative_word, subordinate)
from .documents import author, object_pronoun, quoted_source
from .inversion import aside, closing_inversion, inverted, joint, phrase_after
from .items import Item, Paragraph
from .mentions import (body_subject, colon_speaker, credit_speaker, described, named_after, possessive,
                       pronoun_subject, said_of, signed_speaker, subject)
from .pronouns import narrated, opens_on
from .speakers import Article, after_preposition, compound, names_a_thing, resolve_phrase
from .verbs import heard_at, is_verb_word
from .vocab import (AUX, CONJUNCTIONS, DOCUMENTS, ISSUE, MIN_QUOTE_WORDS, NOT_ATTRIBUTION, NP_END, PRONOUNS, QUOTING,
                    SUBORDINATORS)

_AFTER_REACH = 24  # items between a quote and the verb attributing it ("“...,” Sen. X of Y, who ..., told")
_CLAUSE_MARKS = frozenset(";:")
# words that open a clause reported by someone else, about its subject ("noted how X “...”")
_REPORTED = frozenset("that how whether".split())
_END_MARKS = tuple(",.!?…—–-:")


@dataclass(slots=True)
class Attribution:
    quote: Item
    speaker: str | None
    how: str  # "verb", "according", "adjacent", "continued", "open" (a quotation carried over), "" 
    opens: bool  # the paragraph opens on this quote


def _window(art: Article, para: Paragraph, sent: int) -> list[int]:
    """Sentences a pronoun in ``sent`` may reach back to: its paragraph, and the sentence before it."""
    first = para.sentences[0]
    return list(range(max(art.first, first - 1), sent))


def _subject(items: list[Item], v: int, art: Article, para: Paragraph,
             verbs: dict[int, str | None]) -> str | None:
    """The speaker of the verb at items[v] (``verbs``: the speakers of the verbs before it)."""
    sent = items[v].sent
    if passive(items, v):
        return None  # "X was asked about ...", "he was described as": X is spoken to or of
    window = _window(art, para, sent)
    if v >= 2 and items[v - 1].low == "as" and (q := _quoting_before(items, v)) is not None:
        return quoted_source(items, q, art, window)  # "Kyodo quoted an official as saying": the official's
    if participle_aside(items, v):
        return None  # "a disclaimer CBS aired, saying “...”, did not go far enough": the disclaimer's words
    if (shared := participle_of(items, v, verbs)) is not None:
        return shared  # "“No,” X said, adding later: “...”": the adding is X's
    if (p := heard_at(items, v)) is not None:  # "X said a witness heard an officer yell": the officer's
        return resolve_phrase(items, list(range(p + 1, v)), art, window)
    if (shared := coordinated(items, v, verbs)) is not None:
        return shared  # "X called the plan a “...” and vowed that “...”": one subject, two verbs
    j = v - 1
    while j >= 0 and items[j].kind == "P" and items[j].text in ",—–-":
        j -= 1
    after = phrase_after(items, v)
    if after and joint(items, after[-1] + 1):
        return None  # "“...,” wrote Molto and Sheldrick": two people's words, no one speaker
    if (cut := aside(items, v, after)) is not None:
        return resolve_phrase(items, cut, art, window)
    # (a participle after a quote is no inversion: "the teaching of “subsidiarity,” saying it means")
    if j >= 0 and (items[j].kind == "Q" and not items[v].low.endswith("ing") or inverted(items, v)):
        # “...,” said Mr. X / said the statement from X's attorney, William McGinley
        return resolve_phrase(items, after, art, window) or _surname(items, after, art)
    j = v - 1
    while j >= 0 and items[j].kind == "W" and items[j].low in AUX:
        j -= 1
    j = before_aside(items, j)  # "Nora Pell (D-Calif.) called": the name before the brackets
    if j >= 0 and items[j].sent == sent:
        it = items[j]
        # ("by the Senate, with McConnell saying": "with" gives the participle its subject)
        with_subject = items[v].low.endswith("ing") and j == v - 1 and j > 0 and items[j - 1].low == "with"
        if it.kind == "E" and it.type in (PERSON, ORGANISATION, PLACE) and not possessive(items, j) \
                and (not after_preposition(items, j) or with_subject) and not (j > 0 and items[j - 1].kind == "E") \
                and not compound(items, j) and not _locates(items, j):
            return _surname(items, [j], art) or it.name  # "Mr. Clapper said", "the Pentagon said"
        if it.kind == "W" and it.low in PRONOUNS:
            return art.pronoun(it.text, items, j, window)
        if (name := _surname(items, [j], art)) and (j == 0 or items[j - 1].kind in "PQ" or items[j - 1].sent != sent):
            return name  # "Serna said", "“...,” Dukes once told", the tagger having missed the surname alone
        if it.kind == "W" and it.low in ("him", "her") and items[v].low.endswith("ing") and j == v - 1:
            return object_pronoun(items, j, art, window)  # "she recalls him saying": the one heard
        if it.kind == "W" and it.low in ("who", "which"):
            k = j - 1 - (j > 0 and items[j - 1].text == ",")
            if k >= 0 and items[k].kind == "E" and items[k].type in (PERSON, ORGANISATION):
                return items[k].name  # "Trump, who said ..."
            # else the relative's antecedent is read below (", but who now describes him")
    if (who := relative_word(items, v)) is not None:
        # "Calloway recalls a colleague who stopped her and said": the relative's antecedent
        # speaks, and an antecedent without a name is no one named
        ante = items[who - 2] if who >= 2 and items[who - 1].text == "," else items[who - 1] if who else None
        if ante is not None and ante.kind == "E" and ante.type in (PERSON, ORGANISATION):
            return ante.name
        if ante is not None and ante.kind == "W" and ante.low not in CONJUNCTIONS:
            return None  # "a colleague who stopped her and said"
        # (", but who now describes him": the antecedent lies further back; the clause decides)
    # the subject of the clause: from the sentence start, a quote, a ; or a "when" before the verb
    # (a participle set off by a comma, "..., saying", is the main clause's: no "if" inside it counts)
    set_off = items[v].low.endswith("ing") and v > 0 and items[v - 1].text == ","
    start = v
    while start > 0:
        it = items[start - 1]
        if it.sent != sent or it.kind == "Q" and len(it.text.split()) >= MIN_QUOTE_WORDS \
                or it.kind == "P" and it.text in _CLAUSE_MARKS:
            break
        if not set_off and it.kind == "W" and it.low in SUBORDINATORS and any(
                x.kind in "WE" and x.low not in CONJUNCTIONS for x in items[:start - 1] if x.sent == sent) \
                and not in_relative(items, start - 1) and not in_opener(items, start - 1):
            break  # "..., when Senate Majority Leader Mitch McConnell suggested"
        start -= 1
    who = resolve_phrase(items, list(range(start, v)), art, window, clause=True)
    if who is None and closing_inversion(items, v, after):
        # "The rate is low, says Darby Hoover, an analyst." / "And, said Malkan, “...”"; but
        # "Ms. Venn, an analyst, said the Times erred" has its subject before the verb
        return resolve_phrase(items, after, art, window)
    return who


def _quoting_before(items: list[Item], v: int) -> int | None:
    """A quoting verb earlier in the clause of items[v] ("quoted a spokesman as saying")."""
    for k in range(v - 1, -1, -1):
        it = items[k]
        if it.sent != items[v].sent or it.kind == "Q" or it.kind == "P" and it.text in ".!?;:":
            return None
        if it.kind == "W" and it.low in QUOTING and is_verb_word(items, k):
            return None if be_before(items, k) else k  # "X was quoted as saying": X's words
    return None


def _surname(items: list[Item], idx: list[int], art: Article) -> str | None:
    """A lone capitalised word, untagged or tagged a place or a body, that is the surname of
    exactly one person of the story ("“...,” said Serna."): that person."""
    words = [items[k] for k in idx if items[k].kind != "P"]
    if len(words) != 1 or " " in words[0].text.strip() or not words[0].text[:1].isupper() \
            or words[0].low in PRONOUNS or words[0].kind == "E" and words[0].type == PERSON:
        return None
    name = art.entities.person_of_surname(word := words[0].text.strip())
    return name if name and word in name.split() else None  # as the name writes it: not "RIP PRODIGY"


def _locates(items: list[Item], j: int) -> bool:
    """The place at items[j] follows a place and a comma: the region of a town ("Ana Ruiz of
    Tenby, Texas said"), no subject of the verb after it."""
    return items[j].type == PLACE and j >= 2 and items[j - 1].text == "," \
        and items[j - 2].kind == "E" and items[j - 2].type == PLACE


def _after_verb(items: list[Item], q: int) -> int | None:
    """The speech verb of an attribution right after the quote at items[q], if any."""
    end = items[q].sent_end
    # a question or an exclamation ends its sentence at its own mark: “... my moment?” Henson
    # jokes. (the splitter's next sentence) is still its attribution, if it opens on it
    ask = items[q].text.rstrip().endswith(("?", "!")) and q + 1 < len(items) and items[q + 1].sent != end
    seen_word = False
    for k in range(q + 1, min(len(items), q + 1 + _AFTER_REACH)):
        it = items[k]
        if it.kind == "Q" or it.sent != end and not (ask and it.sent == end + 1 and k - q <= 4):
            return None
        if it.kind == "W" and not seen_word and it.low in NOT_ATTRIBUTION:
            return None
        if is_verb_word(items, k):
            return k
        seen_word = seen_word or it.kind in "WE"
    return None


def _before_verb(items: list[Item], q: int) -> int | None:
    """The nearest speech verb before the quote at items[q], in the sentence the quote opens in."""
    sent = items[q].sent
    closed = False  # a comma passed with words of another clause after it
    words = False
    for k in range(q - 1, -1, -1):
        if items[k].sent != sent:
            return None
        if is_verb_word(items, k):
            # "when the Gazette wrote about it, Pema released a statement: “...”": a verb in a
            # subordinate clause that closed before the quote's own clause is not its attribution
            # (but "... the moment when Anker said, “...”" is that verb's own quote)
            if closed and subordinate(items, k):
                return None
            # "Ukraine criticized the law, which bans crimes by “...”": the quote stands in a
            # relative clause set off on what was criticized, its words the law's, not the speaker's
            # ("said the children whose parents ... should stay because “...”" is the speaker's)
            rel = relative_word(items, q)
            aside = rel is not None and rel > k and items[rel - 1].kind == "P" and items[rel - 1].text == ","
            return None if aside else k
        if items[k].kind == "P" and items[k].text == ",":
            closed = closed or words
        words = words or items[k].kind in "WE"
    return None


def _according(items: list[Item], q: int, art: Article, para: Paragraph) -> tuple[bool, str | None]:
    """ "..., according to X" in the quote's sentences: whether the sentence says whose words
    they are, and X when it names one ("according to a 2013 memo by the House Committee ..." is
    the committee's: a document is its issuer's words)."""
    sents = range(items[q].sent, items[q].sent_end + 1)
    for k, it in enumerate(items[:-1]):
        if it.sent in sents and it.low == "according" and items[k + 1].low == "to":
            idx = []
            for j in range(k + 2, len(items)):
                if items[j].sent != it.sent or items[j].kind == "Q" or items[j].text in ".!?;:" \
                        or items[j].low in NP_END:
                    break
                idx.append(j)
            who = resolve_phrase(items, idx, art, _window(art, para, it.sent))
            if who is None:  # "a memo by X", "a statement from X": the issuer's words
                who = next((items[c].name for a, b, c in zip(idx, idx[1:], idx[2:])
                            if items[a].low in DOCUMENTS and items[b].low in ("by", "from")
                            and items[c].kind == "E" and items[c].type in (PERSON, ORGANISATION)), None)
            if who is None and len(idx) == 2 and items[idx[0]].low == "the" and items[idx[1]].low in DOCUMENTS:
                who = art.issuer(items[idx[1]].low, any_kind=True)  # "according to the statement"
            return True, who
    return False, None


def _issue(items: list[Item], k: int, art: Article, verbs: dict[int, str | None], para: Paragraph) -> None:
    """Who issued the document named at items[k]: "AARP's statement", "a Congressional Research
    Service report", "said in a statement", "issued a statement" (the issuer of "the statement
    said" later)."""
    if (who := author(items, k, art, _window(art, para, items[k].sent))) is not None:
        art.issued(items[k].low, who)  # "Israel published a letter written by X": X's words
        return
    j = k - 1
    if j >= 0 and items[j].text in ("'s", "’s"):
        j -= 1
    # who quotes a document did not issue it ("the office quoted the letter as saying")
    near = [v for v in verbs if items[v].sent == items[k].sent and 0 < k - v <= 6 and verbs[v]
            and items[v].low not in QUOTING]
    issue = [v for v in range(max(0, k - 4), k) if items[v].kind == "W" and items[v].low in ISSUE]
    if j >= 0 and items[j].kind == "E" and items[j].type in (PERSON, ORGANISATION):
        art.issued(items[k].low, items[j].name)
    elif near:
        art.issued(items[k].low, verbs[near[-1]])  # "X said in a statement", "said the statement from X"
    elif issue:
        who = _subject(items, issue[-1], art, para, verbs)
        if who:
            art.issued(items[k].low, who)


def attribute(para: Paragraph, art: Article, carries: bool) -> list[Attribution]:
    """Speakers of the quotes of one paragraph; ``carries``: the previous paragraph read is the
    one right before this one in the article, so a quote opening this one may continue it."""
    items = para.items
    verbs: dict[int, str | None] = {}
    quoted: dict[int, str | None] = {}  # quoting verbs: whose words they repeat
    for v in range(len(items)):
        if is_verb_word(items, v):
            verbs[v] = _subject(items, v, art, para, verbs)
            # "Obama was asked: “...”": nobody named spoke; he may answer. "Asserting that ..., he
            # said": a participle opening its sentence has the subject that follows it, not someone unnamed
            # "critics accusing him": a plural no "he" or "she" can mean
            no_one = verbs[v] is None and (opens_sentence(items, v) or plural_before(items, v))
            if not passive(items, v) and not no_one:
                art.spoke(items[v].sent, verbs[v])
            if items[v].low in QUOTING and not be_before(items, v):
                # "she quoted the poet Lorna Vale: “...”": the words are the poet's; she still spoke
                quoted[v] = quoted_source(items, v, art, _window(art, para, items[v].sent))
            docs = [k for k in range(v + 1, min(len(items), v + 7)) if items[k].low in DOCUMENTS]
            if verbs[v] and docs and items[docs[0]].sent == items[v].sent and items[v].low not in QUOTING:
                art.issued(items[docs[0]].low, verbs[v])  # "X said in a statement"
        elif items[v].kind == "W" and items[v].low in DOCUMENTS:
            _issue(items, v, art, verbs, para)
    out: list[Attribution] = []
    for q, it in enumerate(items):
        if it.kind != "Q":
            continue
        opens = all(x.kind == "P" for x in items[:q])
        if len(it.text.split()) < MIN_QUOTE_WORDS or is_title(it.text):
            continue
        if (signed := signed_speaker(items, q)) is not None:
            out.append(Attribution(it, signed, "verb", opens))  # “... I do.” — Claire Danes, asked ...
            art.spoke(it.sent_end, signed)
            continue
        if (asker := asked_by(items, q)) is not None:
            who = resolve_phrase(items, asker, art, _window(art, para, it.sent)) if asker else None
            out.append(Attribution(it, who, "verb", opens))  # the question put, not the reply after it
            continue
        after, before = _after_verb(items, q), _before_verb(items, q)
        ends_clause = it.text.rstrip().endswith(_END_MARKS) or (
            q + 1 < len(items) and items[q + 1].kind == "P" and items[q + 1].text in ",—–")
        verb = after if after is not None and (ends_clause or before is None) else before
        if verb is not None:
            out.append(Attribution(it, quoted[verb] if verb in quoted else verbs[verb], "verb", opens))
            continue
        attributed, speaker = _according(items, q, art, para)
        how = "according"
        if not speaker and q >= 2 and items[q - 1].text == ":":
            clause = [x for x in items[:q - 1] if x.sent == it.sent]
            if (credited := credit_speaker(clause)) is not None:
                speaker = credited  # "Bunder's response: “...”", "TechWorld's Dan Lyle: “...”"
            elif items[q - 2].low in DOCUMENTS:
                speaker = art.issuer(items[q - 2].low)  # "Pema released a short statement: “...”"
            else:  # "Rick Perry was not convinced: “...”"
                speaker = colon_speaker(clause)
            how = "verb"
        if not speaker and q > 0 and items[q - 1].kind == "E" and items[q - 1].type in (PERSON, ORGANISATION) \
                and not para.text[items[q - 1].end:it.start].strip():
            speaker, how = items[q - 1].name, "adjacent"  # Mr Blinken “emphasised ...”
            if q >= 2 and items[q - 2].kind == "W" and items[q - 2].low in _REPORTED:
                speaker, how = None, ""  # "bragged that Whitcombe “is the best hire”": said of him
        starts_sentence = all(x.kind == "P" for x in items[:q] if x.sent == it.sent)
        if not speaker and starts_sentence and not attributed and not named_after(items, q, art.speaker_of(it.sent - 1)):
            # its own "according to" is not the last speaker, nor is a name after it ("“...,” ripped X")
            if not opens or carries:
                speaker, how = art.speaker_of(it.sent - 1), "continued"
        out.append(Attribution(it, speaker, how if speaker else "", opens))
        if speaker:
            art.spoke(it.sent_end, speaker)
    for s in para.sentences:
        art.mentions[s] = [x for k, x in enumerate(items)
                           if x.kind == "E" and x.sent == s and not names_a_thing(items, k)]
        # "the Democrats", "the IRS": a name after "the" is a body, never a person mistyped
        art.bodies[s] = {x.name for k, x in enumerate(items) if x.kind == "E" and x.sent == s and x.type != PERSON
                         and k > 0 and items[k - 1].low == "the"}
        art.described[s] = described([x for x in items if x.sent == s])
        for who, told in said_of([x for x in items if x.sent == s]).items():
            art.traits.setdefault(who, set()).update(told)
        art.narrated[s] = narrated([x for x in items if x.sent == s])
        art.opens_on[s] = opens_on([x for x in items if x.sent == s])
        art.opens_body[s] = body_subject([x for x in items if x.sent == s])
        if (who := subject([x for x in items if x.sent == s])
                or pronoun_subject(items, s, art, _window(art, para, s))) is not None:
            art.subjects[s] = who
    return out
