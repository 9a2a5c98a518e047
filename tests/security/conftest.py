"""Security tests: SSRF, script injection in the browser, API refusals."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # security_kit, beside this file
