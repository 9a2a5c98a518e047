"""Shared helpers for the security tests. The live-server harness is tests/web's own (loaded
by path, not copied), so these tests drive the server exactly as the web tests do.
Imported by module name (``import security_kit``): pytest puts this folder on sys.path."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_WEB = Path(__file__).resolve().parents[1] / "web" / "webkit.py"
_spec = importlib.util.spec_from_file_location("storyweave_tests_webkit", _WEB)
_web = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _web
_spec.loader.exec_module(_web)

LiveServer = _web.LiveServer
TOKEN = _web.TOKEN
make_config = _web.make_config
free_port = _web.free_port
