"""The ingest modules import one another without cycles (feeds and url used to import each
other, at function level to dodge the import error)."""
from __future__ import annotations

import ast
from pathlib import Path

import storyweave.ingest

PACKAGE = Path(storyweave.ingest.__file__).parent


def _imports(path: Path) -> set[str]:
    """Sibling modules a module imports, at any level (function-level imports count)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                out.add(node.module.split(".")[0])
            else:
                out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("storyweave.ingest."):
            out.add(node.module.split(".")[2])
    return out


def test_no_import_cycles_between_ingest_modules():
    modules = {p.stem: p for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    graph = {name: _imports(path) & set(modules) for name, path in modules.items()}
    # the registry (register) wires readers into __init__'s tables; it is the top, not part of a cycle
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle.extend(path[path.index(nxt):] + [node, nxt] if nxt in path else [node, nxt])
                return True
            if nxt not in state and visit(nxt, path + [node]):
                return True
        state[node] = 2
        return False

    for name in sorted(graph):
        if name not in state and visit(name, []):
            break
    assert not cycle, f"import cycle: {' -> '.join(cycle)}"
    assert "feeds" not in graph["url"] and "url" in graph["feeds"]
