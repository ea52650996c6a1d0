"""Rebuild the pages whose cells read other files when those files change.

Sphinx re-reads a page when its source changes, and jupyter-cache keys a page's
outputs on its code alone. Two pages read files, so both would keep stale
outputs: the preface (``index.md``) counts the words of every page, and the
Performance appendix renders ``performance_run.json``. This extension records
those files as the pages' dependencies (Sphinx then re-reads a page when one
of them changes), and the two pages' front matter sets MyST-NB's
``execution_mode: force``, so that a re-read page is executed again rather
than served from the cache. Each runs in about a second.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parents[1]


def inputs(docname: str) -> list[Path]:
    """Return the files that the cells of ``docname`` read (none for most pages)."""
    if docname == "index":
        return sorted(path for path in DOCS.glob("*.md") if path.stem != "index")
    if docname == "performance":
        return [DOCS / "performance_run.json"]
    return []


def note_inputs(app: Any, docname: str, _source: list[str]) -> None:
    """At ``source-read``: record ``docname``'s inputs as its dependencies."""
    for path in inputs(docname):
        app.env.note_dependency(str(path))


def setup(app: Any) -> dict[str, Any]:
    """Register the handler."""
    app.connect("source-read", note_inputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
