"""Entities of a story: people, organisations, places and groups, with their aliases merged.

The steps live in their own modules (spans -> people -> bodies -> evidence -> index), the
words they read in vocab.py; build.py runs them. This package's public face is below.
"""
from __future__ import annotations

from .build import build_entities
from .index import EntityIndex, Mention, entity_names
from .spans import normalise
from .vocab import ABBREVIATED_ROLES, GENDERED_ROLES, GROUP, KIN, ORGANISATION, OTHER, PERSON, PLACE, ROLES

__all__ = ["EntityIndex", "Mention", "build_entities", "entity_names", "normalise",
           "PERSON", "ORGANISATION", "PLACE", "GROUP", "OTHER", "ROLES", "GENDERED_ROLES", "KIN", "ABBREVIATED_ROLES"]
