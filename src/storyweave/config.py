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
    # the summary's sentences chosen together, exactly (an integer programme); off = the greedy
    # pass, ~3x faster summaries, 0.4 lower ROUGE-2 on Multi-News (docs/summaries.md)
    exact_summary: bool = True
    max_unique_per_outlet: int = 8
    max_agreements: int = 25


@dataclass(frozen=True, slots=True)
class AlignConfig:
    # two sentences from different outlets state the same fact above this combined similarity
    same_fact: float = 0.52
    # sentences whose shingles overlap this much are copies of one another (wire copy)
    copy_overlap: float = 0.6
    # two numeric statements are about the same thing above this context similarity
    same_frame: float = 0.45


@dataclass(frozen=True, slots=True)
class IngestConfig:
    max_bytes: int = 20_000_000  # larger inputs are refused with a message
    timeout: float = 15.0  # seconds, per URL
    max_redirects: int = 5
    concurrency: int = 8
    allow_private: bool = False  # fetch loopback/private addresses only when asked
    user_agent: str = "storyweave/0.1 (+https://github.com/storyweave/storyweave)"


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    threshold: float = 0.35  # on the story score's scale (stories/incremental.py)
    max_days: int = 4  # articles further apart than this are rarely the same event


@dataclass(frozen=True, slots=True)
class ServerConfig:
    db: str = "sqlite:///storyweave.db"
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    protect_reads: bool = False
    max_request_bytes: int = 5_000_000


@dataclass(frozen=True, slots=True)
class Config:
    clean: CleanConfig = field(default_factory=CleanConfig)
    brief: BriefConfig = field(default_factory=BriefConfig)
    align: AlignConfig = field(default_factory=AlignConfig)
    ingest: IngestConfig = field(default_factory=IngestConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
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
