"""Bibliography labels in the author-year form the text cites them in.

sphinxcontrib-bibtex labels each entry of a bibliography with the label style
of its pybtex formatting style: ``alpha`` gives ``[MP43]`` while the pages
cite "McCulloch and Pitts (1943)". pybtex has no author-year label style, so
this extension registers one, through pybtex's public plugin registry, and a
formatting style ``author_year`` that uses it (entries sorted by author, year
and title). ``conf.py`` selects it with ``bibtex_default_style``.

Labels: "McCulloch and Pitts 1943" for two authors, "Rumelhart et al. 1986"
for more, the editor where there is no author, the key where there is
neither; "a", "b", ... tell apart two works with the same label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle


def author_year(entry: Any) -> str:
    """Return ``"Surname 1943"``, ``"A and B 1943"`` or ``"A et al. 1943"``."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [" ".join(person.last_names) for person in persons]
    if not names:
        who = entry.key
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    who = who.replace("{", "").replace("}", "")
    return f"{who} {entry.fields.get('year', 'n.d.')}"


class AuthorYearLabelStyle(BaseLabelStyle):  # type: ignore[misc]
    """Label every entry with its authors and year, made unique."""

    def format_labels(self, sorted_entries: Iterable[Any]) -> Iterator[str]:
        """Yield one label per entry, in the order given."""
        entries = list(sorted_entries)
        labels = [author_year(entry) for entry in entries]
        counts = Counter(labels)
        seen: Counter[str] = Counter()
        for label in labels:
            if counts[label] > 1:
                seen[label] += 1
                yield label + "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
            else:
                yield label


class AuthorYearStyle(UnsrtStyle):  # type: ignore[misc]
    """pybtex's ``unsrt`` formatting with author-year labels, sorted by author."""

    default_label_style = AuthorYearLabelStyle
    default_sorting_style = "author_year_title"


def setup(app: Any) -> dict[str, Any]:
    """Register the styles with pybtex (Sphinx calls this)."""
    del app
    register_plugin("pybtex.style.labels", "author_year", AuthorYearLabelStyle)
    register_plugin("pybtex.style.formatting", "author_year", AuthorYearStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
