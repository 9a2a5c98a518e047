"""One validated configuration object.

Defaults live here; a TOML file (``--config`` or ``STORYWEAVE_CONFIG``) and environment
variables (``STORYWEAVE_<SECTION>_<KEY>``, e.g. ``STORYWEAVE_BRIEF_WORDS=120``) override
them, and the CLI applies its flags last through :meth:`Config.with_overrides`.
Stages receive the section they need, never long keyword lists.
"""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class CleanConfig:
    language: str = "en"  # the analysis language; other-language articles are kept but marked
    max_headline_words: int = 22  # a line without end punctuation and at most this long is a heading


@dataclass(frozen=True, slots=True)
class BriefConfig:
    words: int = 150  # summary word budget
    # spaCy NER for entities and quote speakers; off = capitalised-phrase entities, ~3x faster
    # briefs, rougher entity types and speakers (see README "Speed")
    ner: bool = True
    # a warmed-up pipeline (server, evaluation, benchmark) tags this share of each story's
    # sentences in a helper process on a second core while it tags the rest (0 = all in this
    # process; ignored with one core). Measured in README "Speed"
    ner_helper_share: float = 0.5
    max_unique_per_outlet: int = 8
    max_agreements: int = 25
    # the summary opens on the first agreement only when this many independent sources carry it;
    # else on its own most central pick. Two outlets often share a side detail worded alike (a
    # quotation, a hospital update): on Multi-News 0-124, the opening sentence's content words
    # against the reference summary's first sentence (bench/summary_lead.py), F1 0.199 with any
    # agreement, 0.236 from 3 (0.237 with no forced opening at all)
    lead_sources: int = 3

    def __post_init__(self) -> None:
        if not 0.0 <= self.ner_helper_share < 1.0:
            raise ConfigError(f"[brief] ner_helper_share must be in [0, 1), got {self.ner_helper_share}")


@dataclass(frozen=True, slots=True)
class SummaryConfig:
    """The summary's weights and switches ([summary]). Defaults are the measured ones (docs/summaries.md)."""

    concept: float = 1.0  # weight of new shared concepts per word
    centrality: float = 1.0
    position: float = 0.5  # prior 1/sqrt(1 + index in article)
    corroboration: float = 0.0  # independent sources of the fact group (measured: no gain)
    misnamed: float = 0.5  # a sentence naming a person wrongly ("Xi Blinken") yields to another outlet's
    redundancy: float = 0.0  # MMR penalty: max similarity to a chosen sentence
    duplicate: float = 0.85  # a candidate this similar to a chosen sentence is skipped
    same_fact: bool = True  # skip candidates that align with a chosen sentence (analysis.same_fact)
    one_per_group: bool = True
    pairs: bool = True  # a pronoun opener may come in together with its antecedent
    # Choose the whole selection at once (an integer programme, see ``summary.exact``) rather
    # than greedily: +0.4 R-2 on Multi-News for ~0.02 s more per cluster (docs/summaries.md).
    exact: bool = True
    # The programme's size: the best candidates by greedy value. 25 scores as all of them
    # (R-2 17.24 vs 17.25 with no bound) in 60 % of the time; 15 loses 0.35.
    max_candidates: int = 25
    # A safety valve: past this many search nodes the best selection found is kept (the
    # largest of the 250 Multi-News programmes needs ~15 000, ~20 ms).
    node_limit: int = 2_000_000
    gap: float = 1e-4  # relative optimality gap at which the search may stop
    min_words: int = 8
    # Longer units are mostly quotations of several sentences that the splitter keeps whole.
    # Without the cap: +0.5 R-2 on the development sample, -0.02 on the other 200 clusters;
    # kept, since a 100-word quotation would crowd a brief's summary.
    max_words: int | None = 70


@dataclass(frozen=True, slots=True)
class AlignConfig:
    # two sentences from different outlets state the same fact above this combined similarity
    same_fact: float = 0.52
    # sentences whose shingles overlap this much are copies of one another (wire copy)
    copy_overlap: float = 0.6
    # an outlet is cited for a fact when its sentence is this similar to the fact's statement, or
    # shares its rarer words this much (precision 0.95 on hand-labelled pairs of the tune half).
    # On 529 blind-labelled cited pairs of both tune halves (bench/labels/) these bars give 0.92 of
    # pairs stating the fact, 0.73 wholly; 0.70/0.55 gave 0.96/0.83 but lost every gold agreement
    # of the tune half (4/24 -> 0/24): word and static-vector overlap cannot tell more apart
    cite_similar: float = 0.60
    cite_claim: float = 0.45
    # ... and, above both, close in meaning (MiniLM cosine, nlp/meaning.py; 0 turns the check off).
    # Set on the tune half's labelled cited pairs (bench/labels), precision first: 0.60 cited 448
    # labelled pairs at 0.955 stating the fact at least in part, 0.66 403 at 0.958, 0.68 367 at
    # 0.962, 0.70 351 at 0.966 (the most), 0.72 328 at 0.963
    cite_meaning: float = 0.70
    # ... unless the pair is this similar already (near-copies: of the 133 tune pairs above 0.80
    # none states another fact), which saves the encoder about a quarter of its sentences
    cite_sure: float = 0.80
    # outlets' sentences that the fact groups and claim pairs leave apart are one fact when each is
    # the other's closest in meaning above agree_meaning (MiniLM cosine, align/paraphrases.py) and
    # they share the claim's rarer words above agree_claim; only pairs above agree_claim and
    # agree_prefilter (static vectors and words) are asked. OFF (0): at 0.72/0.35, chosen on 296
    # blind-labelled pairs of the tune halves (64/64 cited pairs stating the fact, gold agreements
    # found 3 -> 6 of 24), it held 47/52 (0.90) on the held-out halves and 17/21 (0.81) on unseen
    # Multi-News, below the 0.96 of the citations without it: a reaction joined with its event, a
    # background fact with the news (bench/labels/README.md)
    agree_meaning: float = 0.0
    # sentences of two outlets sharing a specific (a figure of one kind, a day, four quoted words)
    # and a claim word are one fact above this meaning cosine (align/paraphrases.specific_pairs).
    # OFF (0): at 0.65, the lowest bar whose new tune pairs were as right as the citations already
    # made (one blind reader per pair, bench/labels/specific-pairs-*: 85/88 tune), the new pairs held
    # 70/77 (0.909) on the held-out halves and 22/22 on Multi-News 160-249 (gold agreements 3 -> 4 of
    # 24 held out): below the 0.957 of the citations without it
    agree_specific: float = 0.0
    agree_claim: float = 0.35
    agree_prefilter: float = 0.35
    # two numeric statements are about the same thing above this context similarity
    same_frame: float = 0.45
    # two outlets' sentences make the same claim (apart from a value) above this rarity-weighted
    # word overlap, each being the other's best match (align/pairs.py; tuned on the tune half
    # of injected-dev)
    same_claim: float = 0.40
    # rarity-weighted shared words (align/pairs.claim_score) with another outlet's sentence above
    # which a sentence is not unique to its outlet (tune half of the dev gold: 0.23 -> 0.07)
    unique_below: float = 0.15
    # two values conflict only when their own clauses share a word or come this close in meaning
    # (static-vector cosine; align/roles.py): on the tune-able dev stories the five false
    # conflicts' clauses scored <= 0.26, a paraphrased duration of one fire 0.34
    same_role: float = 0.30
    # a denial and a statement are compared when each is the other's best match above this
    # (claim_score): "no charges filed against X" / "X was charged with arson" share little but
    # the name and the denied word, which align/negation.py then requires in both clauses
    same_claim_denied: float = 0.30
    # ... or meaning (sentence-vector cosine) above which: on the tune half of the dev gold, the
    # sentences of gold agreements caught by either bar went 0.87 -> 0.93, gold unique facts kept 0.67 -> 0.58
    unique_meaning: float = 0.50
    # what a person said is unique only when no other outlet reports that person speaking: outlets
    # quote and paraphrase one statement in words too far apart to match (tune half of the dev gold:
    # 2 of 2 false "unique" facts were such statements; reported-unique-yet-agreed 2/68 -> 1/53,
    # gold unique facts found 16 -> 12 of 24)
    # a unique fact names something one could check: at least this many capitalised words after the
    # first, or a figure (0 turns it off). Chosen on Multi-News 172-185's hand-checked unique facts
    # (bench/unique_facts.py): reported only there 0.59 -> 0.64 (1) -> 0.70 (2) -> 0.69 (3); held
    # apart, 186-199: 0.66 -> 0.72, reported elsewhere 9 -> 2; dev gold unique facts found 9 -> 7
    # and 7 -> 5 of 24
    unique_min_specifics: int = 2
    unique_unheard_speakers: bool = True


@dataclass(frozen=True, slots=True)
class IngestConfig:
    max_bytes: int = 20_000_000  # larger inputs are refused with a message
    # article text past this many characters is cut (at a line or sentence end), noted in meta["truncated"]
    max_article_chars: int = 200_000
    # longer lines (a page on one line) are split at sentence ends or spaces: no stage sees a giant line
    max_line_chars: int = 5_000
    timeout: float = 15.0  # seconds, per URL
    max_redirects: int = 5
    concurrency: int = 8
    allow_private: bool = False  # fetch loopback/private addresses only when asked
    user_agent: str = "storyweave/0.1 (+https://github.com/storyweave/storyweave)"


@dataclass(frozen=True, slots=True)
class StoriesConfig:
    """Grouping articles into stories ([stories]; the score is explained in stories/incremental.py)."""

    threshold: float = 0.35  # blended score (text, names, days apart) needed to join a story
    max_days: int = 4  # a story only takes articles within this many days of its span
    name_weight: float = 0.3  # share of the score given to the overlap of names
    word_weight: float = 0.0  # share given to rare content words and figures (off: no held-out gain, docs/stories.md)
    day_penalty: float = 0.05  # per day outside the story's span: events cluster in time
    undated_margin: float = 0.05  # extra score needed when either side has no date
    min_names: float = 0.05  # a story must share some who/where with the article
    top_k: int = 8  # candidates (by embedding) whose names are compared
    chunk: int = 2000  # articles per store transaction and per index commit (storyweave ingest)
    merge_threshold: float = 0.0  # >0: an article that qualifies for two alike stories merges them (0 = never)
    settle_every: int = 100  # every this many articles, lone founders look again (stories/settle.py; 0 = never)
    regroup_threshold: float = 0.175  # stories holding an undated article are re-clustered by average link at this similarity (stories/regroup.py; 0 = never)
    regroup_text_weight: float = 0.7  # share of whole-text TF-IDF in that similarity; the rest is the ledes' names
    regroup_limit: int = 3000  # articles whose features the index keeps for regrouping (memory bound)
    storyline_threshold: float = 0.30  # story-to-story score (text centroids + names) to continue a storyline
    storyline_days: int = 120  # a later event continues an earlier one at most this many days (~four months) after it
    storyline_names: int = 2  # central names (in a majority of each story's articles) the two stories must share

    def __post_init__(self) -> None:
        for ok, what in (
            (0.0 < self.threshold < 1.0, f"threshold must be in (0, 1), got {self.threshold}"),
            (self.max_days >= 0, f"max_days must be >= 0, got {self.max_days}"),
            (0.0 <= self.name_weight < 1.0, f"name_weight must be in [0, 1), got {self.name_weight}"),
            (0.0 <= self.word_weight and self.name_weight + self.word_weight < 1.0,
             f"word_weight must be >= 0 and name_weight + word_weight < 1, got {self.word_weight}"),
            (self.top_k >= 1, f"top_k must be >= 1, got {self.top_k}"),
            (self.chunk >= 1, f"chunk must be >= 1, got {self.chunk}"),
            (self.settle_every >= 0, f"settle_every must be >= 0, got {self.settle_every}"),
            (0.0 <= self.regroup_threshold < 1.0, f"regroup_threshold must be in [0, 1), got {self.regroup_threshold}"),
            (0.0 <= self.regroup_text_weight <= 1.0, f"regroup_text_weight must be in [0, 1], got {self.regroup_text_weight}"),
            (self.regroup_limit >= 2, f"regroup_limit must be >= 2, got {self.regroup_limit}"),
            (0.0 <= self.merge_threshold < 1.0, f"merge_threshold must be in [0, 1), got {self.merge_threshold}"),
            (0.0 < self.storyline_threshold < 1.0, f"storyline_threshold must be in (0, 1), got {self.storyline_threshold}"),
            (self.storyline_days >= 0, f"storyline_days must be >= 0, got {self.storyline_days}"),
            (self.storyline_names >= 0, f"storyline_names must be >= 0, got {self.storyline_names}"),
        ):
            if not ok:
                raise ConfigError(f"[stories] {what}")


@dataclass(frozen=True, slots=True)
class ServerConfig:
    db: str = "sqlite:///storyweave.db"
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    protect_reads: bool = False
    max_request_bytes: int = 5_000_000
    # background work claimed through the database (store/work.py): a claim not renewed for
    # this long is presumed dead (its worker was killed) and is claimed again
    lease_seconds: float = 120.0
    poll_seconds: float = 1.0  # how often an idle worker looks for work other processes queued
    work_batch: int = 256  # articles placed per claim
    max_attempts: int = 3  # an item that failed this many times in a row is left with its error


@dataclass(frozen=True, slots=True)
class Config:
    clean: CleanConfig = field(default_factory=CleanConfig)
    brief: BriefConfig = field(default_factory=BriefConfig)
    summary: SummaryConfig = field(default_factory=SummaryConfig)
    align: AlignConfig = field(default_factory=AlignConfig)
    ingest: IngestConfig = field(default_factory=IngestConfig)
    stories: StoriesConfig = field(default_factory=StoriesConfig)
    server: ServerConfig = field(default_factory=ServerConfig)

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None, env: dict[str, str] | None = None) -> "Config":
        """Defaults, then the TOML file, then STORYWEAVE_* environment variables."""
        cfg = cls()
        env = dict(os.environ if env is None else env)
        path = path or env.get("STORYWEAVE_CONFIG")
        if path:
            p = Path(path)
            if not p.is_file():
                raise ConfigError(f"config file {p} not found: check the path given to --config")
            try:
                data = tomllib.loads(p.read_text("utf-8"))
            except tomllib.TOMLDecodeError as e:
                raise ConfigError(f"config file {p} is not valid TOML: {e}") from e
            cfg = cfg.with_overrides(data, origin=str(p))
        env_over: dict[str, dict[str, Any]] = {}
        for key, value in env.items():
            if not key.startswith("STORYWEAVE_") or key == "STORYWEAVE_CONFIG":
                continue
            parts = key[len("STORYWEAVE_"):].lower().split("_", 1)
            if len(parts) == 2 and parts[0] in cls.__dataclass_fields__:
                env_over.setdefault(parts[0], {})[parts[1]] = value
        if env_over:
            cfg = cfg.with_overrides(env_over, origin="environment")
        return cfg

    def with_overrides(self, data: dict[str, Any], origin: str = "overrides") -> "Config":
        """A new Config with ``{section: {key: value}}`` applied, values checked and coerced."""
        changes = {}
        for section, values in data.items():
            if section not in self.__dataclass_fields__:
                raise ConfigError(
                    f"{origin}: unknown section [{section}]; known: {', '.join(self.__dataclass_fields__)}"
                )
            if not isinstance(values, dict):
                raise ConfigError(f"{origin}: [{section}] must be a table of key = value")
            current = getattr(self, section)
            sub = {}
            for key, value in values.items():
                if value is None:
                    continue
                fields = {f.name: f for f in dataclasses.fields(current)}
                if key not in fields:
                    raise ConfigError(
                        f"{origin}: unknown key '{key}' in [{section}]; known: {', '.join(fields)}"
                    )
                sub[key] = _coerce(getattr(current, key), value, f"{origin}: [{section}] {key}")
            changes[section] = dataclasses.replace(current, **sub)
        return dataclasses.replace(self, **changes)


def _coerce(default: Any, value: Any, where: str) -> Any:
    if default is None or isinstance(value, type(default)) and not isinstance(default, bool):
        return value
    try:
        if isinstance(default, bool):
            if isinstance(value, bool):
                return value
            v = str(value).strip().lower()
            if v in {"1", "true", "yes", "on"}:
                return True
            if v in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        return type(default)(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: expected {type(default).__name__}, got {value!r}") from None
