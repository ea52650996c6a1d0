"""Report, at the end of every build, how long each part of the book takes to execute.

MyST-NB records each page's execution time (``exec_data["runtime"]``, kept in
the jupyter-cache with the executed notebook, so a cached build reports the
time of the run that filled the cache). This extension sums those times over
the pages of each captioned ``toctree`` of the root document (the book's
parts) and logs one line per part, for example::

    execution time: Part II — Multilayer perceptrons: 96.4 s over 10 pages

It only reports: timings depend on the machine, so the build never fails on
them (the project's rule: performance is measured, not asserted).
"""

from __future__ import annotations

from typing import Any

from myst_nb.sphinx_ import NbMetadataCollector
from sphinx import addnodes
from sphinx.util import logging

logger = logging.getLogger(__name__)


def part_pages(env: Any) -> list[tuple[str, list[str]]]:
    """Return ``(caption, docnames)`` for each captioned toctree of the root document."""
    doctree = env.get_doctree(env.config.root_doc)
    parts = []
    for toctree in doctree.findall(addnodes.toctree):
        caption = toctree.get("caption")
        if caption:
            parts.append((caption, [docname for _, docname in toctree["entries"]]))
    return parts


def part_times(
    parts: list[tuple[str, list[str]]], runtimes: dict[str, float | None]
) -> list[tuple[str, float, int]]:
    """Sum the runtimes of each part's pages: ``(caption, seconds, pages timed)``.

    Pages with no recorded runtime (no code cells) are not counted.

    Examples
    --------
    >>> part_times([("Part I", ["a", "b", "c"])], {"a": 1.5, "b": 2.0, "c": None})
    [('Part I', 3.5, 2)]
    """
    result = []
    for caption, docnames in parts:
        times = [runtimes[d] for d in docnames if runtimes.get(d) is not None]
        result.append((caption, float(sum(times)), len(times)))  # type: ignore[arg-type]
    return result


def report(app: Any, exception: Exception | None) -> None:
    """Log each part's execution time once the build has finished without error."""
    if exception is not None:
        return
    env = app.env
    runtimes = {}
    for docname in env.found_docs:
        data = NbMetadataCollector.get_exec_data(env, docname)
        runtimes[docname] = data.get("runtime") if data else None
    for caption, seconds, n_pages in part_times(part_pages(env), runtimes):
        if n_pages == 0:  # no code to run (the API reference)
            continue
        logger.info(
            "execution time: %s: %.1f s over %d pages", caption, seconds, n_pages
        )


def setup(app: Any) -> dict[str, Any]:
    """Register :func:`report` for Sphinx's ``build-finished`` event."""
    app.connect("build-finished", report)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
