"""The import graph the README writes down is the one the code has.

Issue 14 found the README's layering claim out of date; this test keeps the
written graph and the ``import`` statements in ``src/neurons`` the same.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "neurons"


def module_name(path: Path) -> str:
    """``interactive/_widget`` for ``src/neurons/interactive/_widget.py``."""
    return path.relative_to(PACKAGE).with_suffix("").as_posix()


def imported_modules(path: Path) -> set[str]:
    """The package modules ``path`` imports, outside ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    checking_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for stmt in block.body
        for node in ast.walk(stmt)
    }
    here = module_name(path).split("/")[:-1]
    found = set()
    for node in ast.walk(tree):
        if id(node) in checking_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.level:  # relative import
            base = here[: len(here) - node.level + 1]
            found.add("/".join([*base, *(node.module or "").split(".")]))
        elif isinstance(node, ast.ImportFrom) and node.module == "neurons":
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "neurons."
        ):
            found.add(node.module.removeprefix("neurons.").replace(".", "/"))
    return found


def readme_graph() -> dict[str, set[str]]:
    """Parse the README's ``A <- B, C`` block into ``{A: {B, C}}``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"Modules import downward only.*?```\n(.*?)```", text, re.DOTALL)
    assert block, "README.md lost its import-graph block"
    graph: dict[str, set[str]] = {}
    name = ""
    for raw in block[1].splitlines():
        entry = re.sub(r"\(.*?\)", "", raw)  # drop the remarks in brackets
        if not entry.startswith(" "):
            name, _, entry = entry.partition("<-")
            name = name.strip()
            graph[name] = set()
        graph[name] |= {dep.strip() for dep in entry.split(",") if dep.strip()}
    return graph


def test_readme_import_graph_is_the_real_one():
    real = {
        module_name(path).removesuffix("/__init__"): imported_modules(path)
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "__init__.py"
    }
    written = readme_graph()
    written.pop("__init__")  # "all of the above": the package's own entry
    written = {name.removesuffix("/__init__"): deps for name, deps in written.items()}
    assert written == real
