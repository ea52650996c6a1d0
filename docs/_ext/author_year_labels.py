"""Bibliography labels in the author-year form the text cites them in.

sphinxcontrib-bibtex labels each entry of a bibliography with the label style
of its pybtex formatting style: ``alpha`` gives ``[MP43]`` while the pages
cite "McCulloch and Pitts (1943)". pybtex has no author-year label style, so
this extension registers one, through pybtex's public plugin registry, and a
formatting style ``author_year`` that uses it (entries sorted by author, year
and title). ``conf.py`` selects it with ``bibtex_default_style``.

Labels: "McCulloch and Pitts 1943" for two authors, "Rumelhart et al. 1986"
for more, the editor where there is no author, the key where there is
neither; "a", "b", ... tell apart two works with the same label. The
letters are decided once for the whole .bib file (``builder-inited``), not per
list: each page lists only what it cites, and a per-list letter would give
"LeCun et al. 1998" to one work on one page and to another on the next.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pybtex.database import parse_file
from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle


def author_year(entry: Any) -> str:
    """Return ``"Surname 1943"``, ``"A and B 1943"`` or ``"A et al. 1943"``."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [" ".join(person.last_names) for person in persons]
    if not names:
        who = entry.key
    elif len(names) > 2 or names[-1] == "others":  # BibTeX's "and others"
        who = f"{names[0]} et al."
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    who = who.replace("{", "").replace("}", "")
    return f"{who} {entry.fields.get('year', 'n.d.')}"


def unique_labels(entries: Iterable[Any]) -> dict[str, str]:
    """Return ``key -> label`` with "a", "b", ... where two entries share a label."""
    entries = list(entries)
    labels = [author_year(entry) for entry in entries]
    counts = Counter(labels)
    seen: Counter[str] = Counter()
    unique = {}
    for entry, label in zip(entries, labels, strict=True):
        letter = ""
        if counts[label] > 1:
            seen[label] += 1
            letter = "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
        unique[entry.key] = label + letter
    return unique


# key -> label over every entry of the book's .bib files, set at builder-inited.
BOOK_LABELS: dict[str, str] = {}


class AuthorYearLabelStyle(BaseLabelStyle):  # type: ignore[misc]
    """Label every entry with its authors and year, unique across the book."""

    def format_labels(self, sorted_entries: Iterable[Any]) -> Iterator[str]:
        """Yield one label per entry, in the order given."""
        entries = list(sorted_entries)
        local = unique_labels(entries)
        for entry in entries:
            yield BOOK_LABELS.get(entry.key, local[entry.key])


class AuthorYearStyle(UnsrtStyle):  # type: ignore[misc]
    """pybtex's ``unsrt`` formatting with author-year labels, sorted by author."""

    default_label_style = AuthorYearLabelStyle
    default_sorting_style = "author_year_title"


def label_whole_book(app: Any) -> None:
    """Decide every entry's label from all of ``bibtex_bibfiles`` at once."""
    style = AuthorYearStyle()
    entries = []
    for name in app.config.bibtex_bibfiles:
        entries += parse_file(str(Path(app.confdir) / name), "bibtex").entries.values()
    BOOK_LABELS.clear()
    BOOK_LABELS.update(unique_labels(style.sort(entries)))


def setup(app: Any) -> dict[str, Any]:
    """Register the styles with pybtex (Sphinx calls this)."""
    register_plugin("pybtex.style.labels", "author_year", AuthorYearLabelStyle)
    register_plugin("pybtex.style.formatting", "author_year", AuthorYearStyle)
    app.connect("builder-inited", label_whole_book)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
