"""Direct quotes with their speakers, one record per quote however many outlets carry it.

Quotes are found per paragraph (a quote often spans sentences), in curly or straight,
double or single marks; quotes of fewer than four words are scare quotes ("low point") and
are skipped. The speaker comes from the words around the quote, in this order:

1. a speech verb before the quote in its sentence, and the subject of that verb
   ("Mr Xi said he hoped that ... “...”", "Qin told Blinken that “...”");
2. the attribution after it: "“...,” he said", "“...,” tweeted minister Hua Chunying",
   "“...,” Qin was reported as saying", "“...,” the department added";
3. "according to X" after the quote;
4. a name right before the quote ("Mr Blinken “emphasised ...”");
5. a paragraph that opens on a quote with no attribution continues the previous speaker.

Subjects resolve through the story's ``EntityIndex`` ("Mr Xi" -> Xi Jinping); pronouns to
the most recent person (he/she, skipping people an honorific says are the other gender) or
organisation (it/they) before them; "the ministry" to the last organisation named with that
word. A plain description ("a US official") is kept as written rather than lost.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from ..model import Quote
from .entities import GROUP, ORGANISATION, PERSON, PLACE, ROLES, EntityIndex

__all__ = ["extract_quotes", "find_quote_spans", "UNKNOWN"]

UNKNOWN = "unknown"
_MIN_WORDS = 4
_SAME_QUOTE = 0.8  # share of the shorter quote's words found in the longer one

_BASE_VERBS = (
    "say tell add tweet post write state declare announce explain note insist warn argue claim ask reply respond "
    "remark continue urge describe call stress emphasise emphasize reiterate acknowledge admit concede complain "
    "suggest confirm deny recall predict vow promise pledge conclude observe comment quip joke caution demand "
    "report quote brand label dub accuse criticise criticize hail praise assert maintain contend counter tout "
    "underline underscore"
).split()
_IRREGULAR = {"said", "says", "saying", "told", "tells", "telling", "wrote", "writes", "writing", "written"}


def _forms(base: str) -> set[str]:
    """base, past, third person and -ing forms of a regular verb."""
    cy = base.endswith("y") and base[-2] not in "aeiou"
    double = base in ("quip", "dub", "label")  # British doubling: quipped, labelled
    stem = base + base[-1] if double else base
    past = base[:-1] + "ied" if cy else (base + "d" if base.endswith("e") else stem + "ed")
    third = base[:-1] + "ies" if cy else (base + "es" if base.endswith(("s", "sh", "ch", "x")) else base + "s")
    ing = (base[:-1] if base.endswith("e") and not base.endswith("ee") else stem) + "ing"
    return {base, past, third, ing, base + "ed"}


_SPEECH = frozenset(set().union(*(_forms(b) for b in _BASE_VERBS)) | _IRREGULAR) - {"state", "states", "call", "calls"}
# words allowed between a subject and its verb ("Mr Biden has also said", "Qin was reported as saying")
_AUX = frozenset("has had have also then later earlier once again previously reportedly repeatedly separately "
                 "further was is were are be been being as would will had not never just still only "
                 "had on monday tuesday wednesday thursday friday saturday sunday".split())
_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "they": "", "them": "", "it": ""}
_SPEAKER_NOUNS = frozenset(
    "official officials spokesman spokeswoman spokesperson spokespeople minister ministers secretary president "
    "diplomat diplomats leader leaders ministry department media statement report reports source sources analyst "
    "analysts expert experts police authorities government aide aides adviser advisers advisor advisors envoy "
    "ambassador negotiator negotiators representative representatives officer officers witness witnesses resident "
    "residents lawyer lawyers prosecutor prosecutors judge court agency broadcaster newspaper tabloid editorial "
    "outlet company firm embassy office military army party commission council committee chief executive "
    "organisers organizers campaigners campaigner activists activist researchers researcher scientist scientists "
    "doctor doctors union statement communique readout".split())
_ORG_NOUNS = frozenset("ministry department government agency office embassy company firm party commission council "
                       "committee court police military army broadcaster newspaper tabloid union bank".split())
_NP_STOP = frozenset("that which who whom and but or as when while after before because if in on at for with by from "
                     "to than then also has had have was were is are be been will would could should may might can "
                     "not it he she they we i you".split())
_DETERMINERS = frozenset("the a an one two three some several many".split())
_WORD = re.compile(r"[’']s\b|\w+(?:[’'.-]\w+)*|[^\w\s]")
_END = frozenset(".!?")


# ---- finding quotes ------------------------------------------------------------------------------

_QUOTE_PATTERNS = (
    # curly and straight double marks pair in order: scraped text mixes them (“...")
    re.compile(r'[“"]([^“”"]+)(?:[”"]|$)'),
    # single marks: ’ is also the apostrophe, so a closing mark must not be followed by a letter
    re.compile(r"(?<![\w’'])‘(\S[^‘]*?)’(?![\w])"),
    re.compile(r"(?<![\w’'])'(\S[^']*?\S)'(?![\w])"),
)


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each direct quote's content in ``text``; nested quotes are left inside."""
    found: list[tuple[int, int]] = []
    for regex in _QUOTE_PATTERNS:
        for m in regex.finditer(text):
            s, e = m.span(1)
            if any(fs - 1 <= s and e <= fe + 1 for fs, fe in found):
                continue  # inside a quote already found (a quote within a quote)
            found = [(fs, fe) for fs, fe in found if not (s <= fs and fe <= e)]
            found.append((s, e))
    return sorted(found)


# ---- a paragraph as items ---------------------------------------------------------------------------

@dataclass(slots=True)
class _Item:
    kind: str  # Q quote, E entity, W word, P punctuation
    text: str
    start: int
    end: int
    name: str = ""  # E: canonical name
    type: str = ""  # E: entity type
    sent: int = 0  # index of the sentence (in the analysis) the item starts in


@dataclass(slots=True)
class _Found:
    text: str
    speaker: str
    how: str  # which rule found the speaker
    article: str
    sentence_ids: list[str]
    paragraph: int
    at_start: bool  # the paragraph opens on this quote


class _Paragraph:
    def __init__(self, sentence_idx: list[int], analysis: Any, entities: EntityIndex) -> None:
        sents = [analysis.sentences[i] for i in sentence_idx]
        self.text = ""
        self.bounds: list[tuple[int, int, int]] = []  # (start, end, sentence index)
        mentions: list[tuple[int, int, str, str]] = []
        for i, s in zip(sentence_idx, sents):
            off = len(self.text) + (1 if self.text else 0)
            self.text = f"{self.text} {s.text}" if self.text else s.text
            self.bounds.append((off, off + len(s.text), i))
            if i < len(entities.mentions):
                mentions += [(off + m.start, off + m.end, m.name, m.type) for m in entities.mentions[i]]
        self._ends = [e for _, e, _ in self.bounds]
        self.quotes = find_quote_spans(self.text)
        self.items = self._items(mentions)

    def sentence_at(self, pos: int) -> int:
        k = bisect.bisect_left(self._ends, pos)
        return self.bounds[min(k, len(self.bounds) - 1)][2]

    def _items(self, mentions: list[tuple[int, int, str, str]]) -> list[_Item]:
        # quote marks just outside the content belong to the quote item
        spans = [(max(0, s - 1), min(len(self.text), e + 1), "Q", self.text[s:e], "", "") for s, e in self.quotes]
        spans += [(s, e, "E", self.text[s:e], n, t) for s, e, n, t in mentions
                  if not any(qs <= s < qe for qs, qe, *_ in spans)]
        spans.sort()
        items: list[_Item] = []
        pos = 0
        for s, e, kind, text, name, typ in spans:
            if s < pos:
                continue
            items += self._words(pos, s)
            items.append(_Item(kind, text, s, e, name, typ, self.sentence_at(s)))
            pos = e
        items += self._words(pos, len(self.text))
        return items

    def _words(self, start: int, end: int) -> list[_Item]:
        return [_Item("P" if not m.group(0)[0].isalnum() else "W", m.group(0), start + m.start(), start + m.end(),
                      sent=self.sentence_at(start + m.start()))
                for m in _WORD.finditer(self.text[start:end])]


# ---- speakers -------------------------------------------------------------------------------------

class _Resolver:
    """Speaker resolution inside one article: remembers who was mentioned and quoted before."""

    def __init__(self, entities: EntityIndex) -> None:
        self.entities = entities
        self.history: list[_Item] = []  # entity items outside quotes, in reading order

    def see(self, items: list[_Item]) -> None:
        self.history += [it for it in items if it.kind == "E"]

    def pronoun(self, word: str, before: int, items: list[_Item], sent: int) -> str | None:
        """The referent of a pronoun: the subject-most person (or organisation) of the nearest sentence."""
        gender = _PRONOUNS[word.lower()]
        want = (PERSON,) if word.lower() in ("he", "she", "him", "her") else (ORGANISATION, GROUP, PERSON)
        pool = self.history + [it for it in items if it.kind == "E" and it.start < before]
        by_sent: dict[int, list[_Item]] = {}
        for it in pool:
            by_sent.setdefault(it.sent, []).append(it)
        for s in sorted(by_sent, reverse=True)[:4]:
            if s > sent:
                continue
            for kind in want:  # for "they"/"it" an organisation beats a person
                for it in by_sent[s]:
                    if it.type != kind:
                        continue
                    g = self.entities.gender.get(it.name, "")
                    if kind == PERSON and gender and g and g != gender:
                        continue
                    return it.name
        return None

    def nominal(self, words: list[str]) -> str | None:
        """A descriptive subject: "the department" -> the last organisation named with that word."""
        if not words:
            return None  # nothing before the verb that could name a speaker
        phrase = " ".join(words)
        hit = self.entities.canonical(phrase)
        if hit:
            return hit
        head = words[-1].lower()
        if head in ROLES:
            # "the minister": the last person introduced with that role, else the story's only one
            for it in reversed(self.history):
                if it.type == PERSON and head in self.entities.roles.get(it.name, ()):
                    return it.name
            holders = [n for n, r in self.entities.roles.items() if head in r]
            if len(holders) == 1:
                return holders[0]
        if head in _ORG_NOUNS:
            for it in reversed(self.history):
                if it.type == ORGANISATION and head in it.name.lower():
                    return it.name
            # not named in this article: the story's only body with that word, if just one
            story = [n for n, t in self.entities.types.items() if t == ORGANISATION and head in n.lower().split()]
            if len(story) == 1:
                return story[0]
        if head in _SPEAKER_NOUNS:
            # "a US official" -> "US official"; a bare "the ministry" keeps its article
            shown = [w for w in words if w.lower() not in _DETERMINERS]
            return " ".join(shown if len(shown) >= 2 else words)
        return None


def _np_before(items: list[_Item], i: int) -> list[str]:
    """Up to five words of a noun phrase ending at items[i] (a word)."""
    words: list[str] = []
    j = i
    while j >= 0 and len(words) < 5 and items[j].kind == "W" and items[j].text.lower() not in _NP_STOP:
        words.insert(0, items[j].text)
        if items[j].text.lower() in _DETERMINERS:
            break
        j -= 1
    return words


def _subject_left(items: list[_Item], v: int, res: _Resolver) -> str | None:
    """The subject of the verb at items[v], read leftwards."""
    j = v - 1
    while j >= 0 and items[j].kind == "W" and items[j].text.lower() in _AUX:
        j -= 1
    if j < 0:
        return None
    it = items[j]
    if it.kind == "E" and it.type in (PERSON, ORGANISATION, GROUP):
        return it.name
    if it.kind == "E" and it.type == PLACE:
        return it.name  # "China said", "Washington said": a government speaking
    if it.kind == "W" and it.text.lower() in _PRONOUNS:
        return res.pronoun(it.text, it.start, items, it.sent)
    if it.kind == "W":
        words = _np_before(items, j)
        if words:
            # "China's foreign ministry": a name and a possessive right before the phrase
            k = j - len(words)
            if k >= 1 and items[k].kind == "P" and items[k].text[-1:] == "s" and items[k - 1].kind == "E":
                hit = res.entities.canonical(f"{items[k - 1].text} {' '.join(words)}")
                if hit:
                    return hit
            return res.nominal(words)
    return None


def _clause_subject(items: list[_Item], v: int, res: _Resolver) -> str | None:
    """For "..., adding that" / "and said": the first person or body of the verb's sentence."""
    sent = items[v].sent
    for it in items[:v]:
        if it.sent == sent and it.kind == "E" and it.type in (PERSON, ORGANISATION):
            return it.name
    for it in items[:v]:
        if it.sent == sent and it.kind == "W":
            return res.pronoun(it.text, it.start, items, sent) if it.text.lower() in _PRONOUNS else None
    return None


def _before(items: list[_Item], q: int, res: _Resolver) -> str | None:
    sent = items[q].sent
    for v in range(q - 1, max(-1, q - 40), -1):
        it = items[v]
        if it.sent != sent and it.kind != "Q":
            break
        if it.kind == "W" and it.text.lower() in _SPEECH:
            return _subject_left(items, v, res) or _clause_subject(items, v, res)
    return None


def _after(items: list[_Item], q: int, res: _Resolver) -> tuple[str | None, str]:
    end_sent = items[q].sent
    window: list[int] = []
    for k in range(q + 1, min(len(items), q + 25)):
        it = items[k]
        if it.kind == "Q" or (it.kind == "P" and it.text in _END and window):
            break
        if it.kind == "P" and it.text in _END:
            continue
        window.append(k)
    words = [k for k in window if items[k].kind != "P"]
    if not words:
        return None, ""
    first = items[words[0]]
    # "“...,” said Mr Blinken" / "tweeted China's assistant foreign minister Hua Chunying"
    if first.kind == "W" and first.text.lower() in _SPEECH:
        for k in words[1:8]:
            if items[k].kind == "E" and items[k].type in (PERSON, ORGANISATION, GROUP):
                return items[k].name, "after"
        if len(words) > 1 and items[words[1]].text.lower() in _PRONOUNS:
            return res.pronoun(items[words[1]].text, items[q].start, items, end_sent), "after"
        np_words = [items[k].text for k in words[1:6] if items[k].kind == "W"]
        if np_words:
            hit = res.nominal(_np_before([_Item("W", w, 0, 0) for w in np_words], len(np_words) - 1))
            if hit:
                return hit, "after"
    # "“...,” he said" / "Qin was reported as saying" / "the department added"
    for n, k in enumerate(words[:8]):
        it = items[k]
        if it.kind == "W" and it.text.lower() in _SPEECH and n > 0:
            nxt = items[words[n + 1]] if n + 1 < len(words) else None
            if it.text.lower() in ("reported", "quoted") and nxt and nxt.text.lower() in ("him", "her"):
                return res.pronoun(nxt.text, items[q].start, items, end_sent), "after"
            who = _subject_left(items, k, res)
            if who:
                return who, "after"
            break
    # "..., according to state-run broadcaster CCTV"
    for n, k in enumerate(words[:-1]):
        if items[k].text.lower() == "according" and items[words[n + 1]].text.lower() == "to":
            for k2 in words[n + 2:n + 9]:
                if items[k2].kind == "E" and items[k2].type in (PERSON, ORGANISATION, GROUP):
                    return items[k2].name, "according"
            np_words = [items[k2].text for k2 in words[n + 2:n + 7] if items[k2].kind == "W"]
            if np_words:
                return res.nominal(np_words[-2:]) or res.nominal(np_words[-1:]), "according"
    return None, ""


def _adjacent(items: list[_Item], q: int) -> str | None:
    if q >= 1 and items[q - 1].kind == "E" and items[q - 1].type in (PERSON, ORGANISATION):
        return items[q - 1].name
    return None


# ---- extraction ----------------------------------------------------------------------------------

def extract_quotes(analysis: Any, entities: EntityIndex) -> list[Quote]:
    """Direct quotes of the story, speakers resolved, merged across outlets."""
    paragraphs: dict[tuple[str, int], list[int]] = {}
    for i, s in enumerate(analysis.sentences):
        paragraphs.setdefault((s.article_id, s.paragraph), []).append(i)
    found: list[_Found] = []
    resolvers: dict[str, _Resolver] = {}
    last: dict[str, _Found] = {}  # article -> last attributed quote
    for (article, pnum), idx in paragraphs.items():
        res = resolvers.setdefault(article, _Resolver(entities))
        para = _Paragraph(idx, analysis, entities)
        items = para.items
        for q, it in enumerate(items):
            if it.kind != "Q" or len(it.text.split()) < _MIN_WORDS:
                continue
            speaker, how = _before(items, q, res), "before"
            if not speaker or speaker not in entities.types:
                # a named source after the quote beats a description before it
                # ("Officials said ... “...”, according to the embassy")
                after, after_how = _after(items, q, res)
                if after and (not speaker or after in entities.types):
                    speaker, how = after, after_how
            if not speaker:
                speaker, how = _adjacent(items, q), "adjacent"
            at_start = not para.text[: it.start].strip()
            prev = last.get(article)
            if not speaker and at_start and prev and prev.paragraph >= pnum - 1 and prev.speaker != UNKNOWN:
                speaker, how = prev.speaker, "continuation"
            sids = [analysis.sentences[i].id for s, e, i in para.bounds if s < it.end and e > it.start]
            f = _Found(_clean(it.text), speaker or UNKNOWN, how if speaker else "", article, sids, pnum, at_start)
            found.append(f)
            if speaker:
                last[article] = f
        res.see(items)
    return _merge(found, [a.id for a in analysis.articles])


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:–—")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("’", "'"))


def _merge(found: list[_Found], order: list[str]) -> list[Quote]:
    """One Quote per quoted passage: the same words (or one inside the other) across outlets."""
    groups: list[list[_Found]] = []
    sets: list[set[str]] = []
    for f in found:
        w = set(_words(f.text))
        for g, gs in zip(groups, sets):
            small = min(len(w), len(gs))
            if small and len(w & gs) / small >= _SAME_QUOTE:
                g.append(f)
                gs |= w
                break
        else:
            groups.append([f])
            sets.append(w)
    rank = {a: n for n, a in enumerate(order)}
    quotes = []
    for g in groups:
        known = [f.speaker for f in g if f.speaker != UNKNOWN]
        speaker = max(known, key=known.count) if known else UNKNOWN
        text = max(g, key=lambda f: len(f.text)).text  # the fullest version
        quotes.append(Quote(
            speaker=speaker, text=text,
            citations=sorted(dict.fromkeys(f.article for f in g), key=lambda a: rank.get(a, len(rank))),
            sentence_ids=list(dict.fromkeys(s for f in g for s in f.sentence_ids)),
            attributions={f.article: f.speaker for f in g if f.speaker != UNKNOWN},
        ))
    quotes.sort(key=lambda q: (-len(q.citations), rank.get(q.citations[0], len(rank))))
    return quotes
