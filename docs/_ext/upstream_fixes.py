"""Workarounds for three upstream defects in the HTML the book is built into.

Each one is kept here, small, with the upstream code it works around and the
version pinned in ``constraints.txt``; ``tests/test_docs_tools.py`` has a test
per workaround that fails once upstream changes that code, so the workaround
can then be deleted. The site check (``nox -s site``) found all three: two are
Nu HTML checker errors, one an axe-core violation.

* docutils 0.22.4 (``docutils/writers/_html_base.py``, ``visit_citation``)
  marks each bibliography entry ``role="doc-biblioentry"``, a role DPUB-ARIA
  1.1 deprecated because it cannot be a list's child
  (https://github.com/w3c/dpub-aria/pull/22); axe then reports the list as
  having no items (critical). :func:`fix_aria_roles` uses ``listitem``, as the
  deprecation note says to.
* MyST-NB 1.4.0 (``myst_nb/sphinx_.py``, ``visit_HideCellInput``) writes ``<p>``
  titles inside ``<summary>`` (invalid HTML) and an ``aria-label`` that differs
  from the visible "Show code cell source" (axe: label-content-name-mismatch).
  :func:`visit_hidden_cell` writes ``<span>`` titles and no label.
* sphinx-exercise 1.2.1 and sphinx-proof 0.4.0 (``directive.py``) give every
  exercise, solution and proof body the same id, and an HTML page may not
  repeat an id. :class:`UniqueContentIds` numbers them.

No upstream issue for the last two was found (searched 2026-12-01); they are
to be reported upstream.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.transforms.post_transforms import SphinxPostTransform

REPEATED_IDS = frozenset({"exercise-content", "solution-content", "proof-content"})


def fix_aria_roles(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give bibliography entries the ``listitem`` role (``html-page-context``)."""
    del app, pagename, templatename, doctree
    if "body" in context:
        context["body"] = context["body"].replace(
            'role="doc-biblioentry"', 'role="listitem"'
        )


def visit_hidden_cell(self: Any, node: Any) -> None:
    """Open a hidden code cell as MyST-NB does, with valid, accessible markup.

    ``custom.css`` styles the spans as MyST-NB styles its paragraphs.
    """
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    for state, prompt in (("collapsed", "prompt_show"), ("expanded", "prompt_hide")):
        title = escape(node[prompt])
        self.body.append(f'<span class="{state} admonition-title">{title}</span>\n')
    self.body.append("</summary>\n")


class UniqueContentIds(SphinxPostTransform):
    """Number the repeated ids: ``exercise-content-1``, ``-2``, ...

    Nothing links to them, so renaming them breaks no link.
    """

    default_priority = 900

    def run(self, **kwargs: Any) -> None:  # noqa: ARG002 (Sphinx passes options)
        """Rename the repeated ids of this document's sections."""
        counts: dict[str, int] = {}
        for section in self.document.findall(nodes.section):
            for position, ident in enumerate(section["ids"]):
                if ident in REPEATED_IDS:
                    counts[ident] = counts.get(ident, 0) + 1
                    section["ids"][position] = f"{ident}-{counts[ident]}"


def setup(app: Any) -> dict[str, Any]:
    """Register the three workarounds with Sphinx."""
    app.add_post_transform(UniqueContentIds)
    app.connect("html-page-context", fix_aria_roles)
    app.add_node(
        HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_HideCellInput)
    )
    return {"parallel_read_safe": True, "parallel_write_safe": True}
