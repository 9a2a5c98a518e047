"""``storyweave eval briefs GOLD.json STORIES.jsonl``: a brief scored against hand-made gold.

The gold (``../shared/data/briefs-dev-gold.json``, its ``note`` gives the schema) holds, per
story, every direct quote of five words or more with its speaker, dated events, facts only
one outlet reports and facts several outlets agree on, each as a regex over the system's
output text. For each gold story we group STORIES.jsonl by its ``story`` field, build the
brief, and count:

- quotes: recall (a brief quote citing one of the gold's articles matches the pattern);
  speaker precision (of found quotes with a speaker given, how many name the gold speaker
  or one of its aliases; a name given to a quote the gold calls anonymous is wrong) and
  speaker recall (of gold quotes whose speaker the text gives, how many found with it);
- timeline: gold dated events found with the right date (a timeline entry citing one of the
  event's articles whose text matches), and those found only with a date in another year;
- unique facts: gold unique facts found, and reported unique facts that the gold says
  another outlet also reports (a sentence matching a gold agreement in the cited article);
- agreements: gold agreements found (an agreement citing, for two of the gold's articles, a
  sentence matching that article's pattern), and the matching article pairs over all pairs.

The gold stories split by sorted id: the first half is the part to tune on, the rest is held
out; both are reported apart (a figure measured on what one tuned on is not a result).
"""
from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["Counts", "Result", "load_gold", "split_of", "score_story", "evaluate", "register"]

SPLITS = ("tune", "held-out")
_UNKNOWN = {"", "unknown", "none", "null"}
# the gold's patterns were checked against text with these characters made plain
_PLAIN = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})


def plain(text: str) -> str:
    return text.translate(_PLAIN)


def _matches(pattern: str, text: str) -> bool:
    return re.search(pattern, plain(text), re.I) is not None


def _name_key(name: str | None) -> str:
    """A speaker name as compared: case, accents, "the", middle initials, punctuation and spacing aside
    ("Luis V. Gutiérrez" is "Luis Gutierrez")."""
    s = unicodedata.normalize("NFKD", plain(name or ""))
    s = re.sub(r"[^\w\s]", "", "".join(c for c in s if not unicodedata.combining(c))).lower()
    words = s.split()
    if words[:1] == ["the"]:
        words = words[1:]
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]
    return " ".join(words)


# ---- counts ------------------------------------------------------------------------------------------

@dataclass
class Counts:
    """What one story (or a sum of stories) scored; ratios come from these."""

    stories: int = 0
    quotes: int = 0  # gold quotes
    quotes_found: int = 0
    speakers_known: int = 0  # gold quotes whose speaker the text gives
    speakers_given: int = 0  # found gold quotes the brief gives a speaker
    speakers_right: int = 0  # ... and it is the gold speaker or an alias
    speakers_recalled: int = 0  # gold quotes with a known speaker, found with it
    timeline: int = 0
    timeline_right: int = 0
    timeline_wrong_year: int = 0
    unique: int = 0  # gold unique facts
    unique_found: int = 0
    unique_reported: int = 0  # unique facts in the brief (on the gold's articles)
    unique_false: int = 0  # ... that another outlet also reports, per the gold's agreements
    agreements: int = 0
    agreements_found: int = 0
    agreement_pairs: int = 0  # article pairs over the gold agreements
    agreement_pairs_found: int = 0
    cited_checkable: int = 0  # cited pairs of an agreement whose statement the gold knows in both articles
    cited_right: int = 0  # ... where the cited sentence states that same gold agreement
    seconds: float = 0.0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: "Counts") -> "Counts":
        for k, v in asdict(other).items():
            if k == "misses":
                self.misses += other.misses
            else:
                setattr(self, k, getattr(self, k) + v)
        return self

    def ratios(self) -> dict[str, float | None]:
        def r(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "quote_recall": r(self.quotes_found, self.quotes),
            "speaker_precision": r(self.speakers_right, self.speakers_given),
            "speaker_recall": r(self.speakers_recalled, self.speakers_known),
            "timeline_accuracy": r(self.timeline_right, self.timeline),
            "unique_recall": r(self.unique_found, self.unique),
            "unique_false_share": r(self.unique_false, self.unique_reported),
            "agreement_recall": r(self.agreements_found, self.agreements),
            "agreement_pair_recall": r(self.agreement_pairs_found, self.agreement_pairs),
            "agreement_citation_precision": r(self.cited_right, self.cited_checkable),
        }


# ---- gold --------------------------------------------------------------------------------------------

def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The gold stories, each checked for the fields the scoring reads."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(str(path), f"cannot read the gold: {e}") from e
    stories = data.get("stories") if isinstance(data, dict) else None
    if not isinstance(stories, list):
        raise InputError(str(path), "the gold has no 'stories' list")
    for n, s in enumerate(stories):
        missing = [k for k in ("story", "quotes", "timeline", "unique", "agreements") if k not in s]
        if missing:
            raise InputError(f"{path}: story {n} ({s.get('story', '?')})", f"missing {', '.join(missing)}")
        for q in s["quotes"]:
            try:
                re.compile(q["pattern"])
            except (KeyError, re.error) as e:
                raise InputError(f"{path}: {s['story']}", f"bad quote pattern {q.get('pattern')!r}: {e}") from e
    return stories


def split_of(story_ids: list[str]) -> dict[str, str]:
    """story id -> "tune" | "held-out": sorted ids, the first half to tune on, the rest held out."""
    ids = sorted(story_ids)
    half = len(ids) // 2
    return {sid: SPLITS[0] if n < half else SPLITS[1] for n, sid in enumerate(ids)}


def _load_articles(path: Path, wanted: set[str]) -> dict[str, list[Any]]:
    from ..ingest.jsonl import record_to_article

    out: dict[str, list[Any]] = defaultdict(list)
    try:
        fh = path.open(encoding="utf-8")
    except OSError as e:
        raise InputError(str(path), f"cannot read the stories: {e}") from e
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                raise InputError(f"{path}:{n}", f"not valid JSON ({e})") from e
            if isinstance(rec, dict) and rec.get("story") in wanted:
                out[rec["story"]].append(record_to_article(rec, f"{path}:{n}", f"{rec['story']}:{n}"))
    return out


# ---- scoring -----------------------------------------------------------------------------------------

def _score_quotes(gold: dict[str, Any], brief: Any, c: Counts) -> None:
    for g in gold["quotes"]:
        docs = set(g.get("docs") or gold.get("articles") or [])
        known = _name_key(g.get("speaker")) not in _UNKNOWN
        required = g.get("required", True)
        if required:
            c.quotes += 1
            c.speakers_known += known
        hits = [q for q in brief.quotes if _matches(g["pattern"], q.text) and (not docs or docs & set(q.citations))]
        if not required:
            # an optional entry nested in another's quote ("He said, 'I don't think I can'") is
            # found inside that quote, whose speaker is the other entry's
            others = [o for o in gold["quotes"] if o is not g and _name_key(o.get("speaker")) != _name_key(g.get("speaker"))]
            hits = [q for q in hits if not any(_matches(o["pattern"], q.text) for o in others)]
        if not hits:
            if required:
                c.misses.append({"story": gold["story"], "part": "quote", "pattern": g["pattern"],
                                 "gold": g.get("speaker"), "got": None, "why": "not found"})
            continue
        c.quotes_found += required
        names = {_name_key(g.get("speaker"))} | {_name_key(a) for a in g.get("aliases", [])}
        given = [q.speaker for q in hits if _name_key(q.speaker) not in _UNKNOWN]
        if not given:
            if known and required:
                c.misses.append({"story": gold["story"], "part": "quote", "pattern": g["pattern"],
                                 "gold": g.get("speaker"), "got": None, "why": "no speaker"})
            continue
        # every brief quote matching it is shown to a reader: one wrong name makes it wrong
        right = known and all(_name_key(s) in names for s in given)
        c.speakers_given += 1
        c.speakers_right += right
        c.speakers_recalled += right and required
        if not right:
            c.misses.append({"story": gold["story"], "part": "quote", "pattern": g["pattern"],
                             "gold": g.get("speaker"), "got": sorted(set(given)), "why": "wrong speaker"})


def _score_timeline(gold: dict[str, Any], brief: Any, c: Counts) -> None:
    for g in gold["timeline"]:
        if not g.get("required", True):
            continue
        c.timeline += 1
        docs = set(g.get("docs") or [])
        hits = [e for e in brief.timeline if _matches(g["pattern"], e.text) and (not docs or docs & set(e.citations))]
        date = str(g["date"])
        # a brief date as precise as the gold's or more, agreeing with it
        right = [e for e in hits if e.date == date or e.date.startswith(date + "-")]
        if right:
            c.timeline_right += 1
            continue
        wrong_year = bool(hits) and all(e.date[:4] != date[:4] for e in hits)
        c.timeline_wrong_year += wrong_year
        c.misses.append({"story": gold["story"], "part": "timeline", "pattern": g["pattern"], "gold": date,
                         "got": sorted({e.date for e in hits}) or None,
                         "why": "wrong year" if wrong_year else ("wrong date" if hits else "not found")})


def _sentence_texts(brief: Any) -> dict[str, str]:
    return {s.id: s.text for s in brief.sentences}


def _cited(item: Any, texts: dict[str, str], article: str) -> list[str]:
    """The texts of an item's cited sentences that belong to one article (its own text as a fall-back)."""
    own = [texts[i] for i in item.sentence_ids if i in texts and i.rsplit("#", 1)[0] == article]
    return own or ([item.text] if article in item.citations else [])


def _score_unique(gold: dict[str, Any], brief: Any, c: Counts) -> None:
    texts = _sentence_texts(brief)
    arts = set(gold.get("articles") or [])
    for g in gold["unique"]:
        if not g.get("required", True):
            continue
        c.unique += 1
        found = any(g["doc"] in u.citations and any(_matches(g["pattern"], t) for t in _cited(u, texts, g["doc"]))
                    for u in brief.unique)
        c.unique_found += found
        if not found:
            c.misses.append({"story": gold["story"], "part": "unique", "pattern": g["pattern"], "gold": g["doc"],
                             "got": None, "why": "not found"})
    for u in brief.unique:
        own = [a for a in u.citations if not arts or a in arts]
        if not own:
            continue
        c.unique_reported += 1
        # the gold says another outlet also reports it: it matches an agreement in its own article
        shared = [a for a in gold["agreements"]
                  if any(_matches(a["pattern_by_doc"][d], t) for d in own if d in a["pattern_by_doc"]
                         for t in _cited(u, texts, d))]
        if shared:
            c.unique_false += 1
            c.misses.append({"story": gold["story"], "part": "unique", "pattern": shared[0]["id"],
                             "gold": "agreement", "got": u.text[:120], "why": "reported unique, gold agrees"})


def _score_agreements(gold: dict[str, Any], brief: Any, c: Counts) -> None:
    texts = _sentence_texts(brief)
    for g in gold["agreements"]:
        by_doc = g["pattern_by_doc"]
        pairs = list(combinations(sorted(by_doc), 2))
        c.agreements += 1
        c.agreement_pairs += len(pairs)
        matched: set[tuple[str, str]] = set()
        for a in brief.agreements:
            ok = {d for d, p in by_doc.items() if d in a.citations and any(_matches(p, t) for t in _cited(a, texts, d))}
            matched |= {pr for pr in pairs if set(pr) <= ok}
        c.agreements_found += bool(matched)
        c.agreement_pairs_found += len(matched)
        if not matched:
            c.misses.append({"story": gold["story"], "part": "agreement", "pattern": g["id"], "gold": g.get("about"),
                             "got": None, "why": "not found"})


def _score_citations(gold: dict[str, Any], brief: Any, c: Counts) -> None:
    """Precision of agreements' citations where the gold knows the statement: the cited sentence
    of another article must state one of the gold agreements the statement states."""
    texts = _sentence_texts(brief)
    for a in brief.agreements:
        first = a.citations[0]
        stated = [g["pattern_by_doc"] for g in gold["agreements"] if first in g["pattern_by_doc"]
                  and any(_matches(g["pattern_by_doc"][first], t) for t in _cited(a, texts, first))]
        for d in a.citations[1:]:
            patterns = [p[d] for p in stated if d in p]
            if not patterns:
                continue
            c.cited_checkable += 1
            right = any(_matches(p, t) for p in patterns for t in _cited(a, texts, d))
            c.cited_right += right
            if not right:
                c.misses.append({"story": gold["story"], "part": "agreement", "pattern": patterns[0], "gold": None,
                                 "got": " | ".join(_cited(a, texts, d))[:120], "why": "cites another fact"})


def score_story(gold: dict[str, Any], brief: Any) -> Counts:
    c = Counts(stories=1)
    _score_quotes(gold, brief, c)
    _score_timeline(gold, brief, c)
    _score_unique(gold, brief, c)
    _score_agreements(gold, brief, c)
    _score_citations(gold, brief, c)
    return c


def _select(gold: list[dict[str, Any]], stories: str | None, split: str) -> list[tuple[dict[str, Any], str]]:
    parts = split_of([g["story"] for g in gold])
    chosen = [(g, parts[g["story"]]) for g in gold]
    if stories:
        wanted = [w.strip() for w in stories.split(",") if w.strip()]
        for w in wanted:
            if not any(g["story"].startswith(w) for g, _ in chosen):
                raise InputError(w, "no gold story has this id (or id prefix)")
        chosen = [(g, p) for g, p in chosen if any(g["story"].startswith(w) for w in wanted)]
    if split != "all":
        chosen = [(g, p) for g, p in chosen if p == split]
    return sorted(chosen, key=lambda gp: gp[0]["story"])


@dataclass
class Result:
    parts: dict[str, Counts]  # "tune" / "held-out" -> the sum over its stories
    stories: dict[str, tuple[str, Counts]]  # story id -> (its part, its counts)


def evaluate(gold_path: str | Path, stories_path: str | Path, stories: str | None = None, split: str = "all",
             pipeline: Any = None) -> Result:
    """Counts per part ("tune", "held-out") and per story, for the chosen gold stories."""
    chosen = _select(load_gold(gold_path), stories, split)
    articles = _load_articles(Path(stories_path), {g["story"] for g, _ in chosen})
    if pipeline is None:
        from ..pipeline import Pipeline

        pipeline = Pipeline()
    out = Result({}, {})
    for g, part in chosen:
        arts = articles.get(g["story"])
        if not arts:
            raise InputError(str(stories_path), f"no articles of gold story {g['story']}")
        t0 = time.perf_counter()
        brief = pipeline.brief(arts)
        c = score_story(g, brief)
        c.seconds = round(time.perf_counter() - t0, 2)
        out.stories[g["story"]] = (part, c)
        out.parts.setdefault(part, Counts()).add(c)
    out.parts = {p: out.parts[p] for p in SPLITS if p in out.parts}
    return out


# ---- command -----------------------------------------------------------------------------------------

def register(evsub) -> None:
    p = evsub.add_parser("briefs", help="score briefs against hand-made gold: quotes and speakers, timeline, "
                                        "unique facts, agreements")
    p.add_argument("gold", help="gold JSON (format of ../shared/data/briefs-dev-gold.json)")
    p.add_argument("stories", help="JSONL articles with a 'story' field (the gold's stories among them)")
    p.add_argument("--stories", dest="only", metavar="ID,ID", help="score only these gold stories (ids or id prefixes)")
    p.add_argument("--split", choices=("tune", "held-out", "all"), default="all",
                   help="sorted gold ids: first half 'tune', second half 'held-out' (default: both, reported apart)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--misses", action="store_true", help="list what was missed or wrong under the table")
    p.set_defaults(func=run)


_ROWS = (
    ("quote recall", "quotes_found", "quotes"),
    ("speaker precision", "speakers_right", "speakers_given"),
    ("speaker recall", "speakers_recalled", "speakers_known"),
    ("timeline (right date)", "timeline_right", "timeline"),
    ("timeline (wrong year)", "timeline_wrong_year", "timeline"),
    ("unique facts found", "unique_found", "unique"),
    ("unique, yet gold agrees", "unique_false", "unique_reported"),
    ("agreements found", "agreements_found", "agreements"),
    ("agreement pairs found", "agreement_pairs_found", "agreement_pairs"),
    ("agreement citations right", "cited_right", "cited_checkable"),
)


def run(args, config) -> int:
    from ..pipeline import Pipeline

    t0 = time.perf_counter()
    result = evaluate(args.gold, args.stories, args.only, args.split, Pipeline(config))
    parts = result.parts
    if args.format == "json":
        print(json.dumps({
            "gold": str(args.gold),
            "split": {p: [k for k, (q, _) in result.stories.items() if q == p] for p in parts},
            "parts": {p: {**c.ratios(), **_plain_counts(c)} for p, c in parts.items()},
            "stories": {k: {"part": p, **c.ratios(), **_plain_counts(c)} for k, (p, c) in result.stories.items()},
            "misses": [m for c in parts.values() for m in c.misses],
            "seconds": round(time.perf_counter() - t0, 1),
        }, indent=1))
        return 0
    width = 26
    print(f"briefs against {Path(args.gold).name}: " + "; ".join(
        f"{p} {c.stories} stories" for p, c in parts.items()))
    print(f"{'':<{width}}" + "".join(f"{p:>18}" for p in parts))
    for label, num, den in _ROWS:
        cells = []
        for p in parts:
            a, b = getattr(parts[p], num), getattr(parts[p], den)
            cells.append(f"{(f'{a / b:.2f}' if b else '-'):>6} ({a:>3}/{b:<3})")
        print(f"{label:<{width}}" + "".join(f"{c:>18}" for c in cells))
    if args.misses:
        for p, c in parts.items():
            for m in c.misses:
                print(f"  [{p}] {m['story'][:14]} {m['part']:<9} {m['why']:<14} {m['pattern'][:40]!r} "
                      f"gold={m['gold']!r} got={m['got']!r}", file=sys.stdout)
    print(f"{time.perf_counter() - t0:.0f} s")
    return 0


def _plain_counts(c: Counts) -> dict[str, Any]:
    return {k: v for k, v in asdict(c).items() if k != "misses"}
