"""Reliability fixtures: the store variants of tests/store (shared, not copied)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # reliability_kit, beside this file

import reliability_kit  # noqa: E402

_pg = reliability_kit.load_pg_fixture_module()
store_url = _pg.store_url  # sqlite + postgres, a fresh database per test
