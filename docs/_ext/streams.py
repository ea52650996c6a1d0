"""Merge what a cell printed the same way, however the kernel cut it up.

Used by ``docs/conf.py`` (the pages) and by ``docs/_tools`` (the checks).
"""

from __future__ import annotations

import copy
from typing import Any

from myst_nb.core.utils import coalesce_streams


def merge_streams(outputs: list[Any]) -> list[Any]:
    r"""Return a copy of ``outputs`` with each stream's pieces joined, exactly.

    ipykernel sends what a cell prints in pieces cut by a timer, so a line and
    its newline can land in different pieces. MyST-NB's ``coalesce_streams``
    (1.4) strips the end of each piece and adds one newline, so a newline that
    starts a piece turns into an empty line, or not, depending on timing. Here
    the pieces of each stream are first concatenated into its first piece,
    which depends only on what was printed; MyST-NB's merge then does the rest
    as before (one final newline, ``\r`` and ``\b``, stdout before stderr).
    It works on a copy, because MyST-NB's merge edits outputs in place, and
    MyST-NB saves those outputs as the notebook readers download.
    """
    joined: list[Any] = []
    first: dict[str, Any] = {}
    for output in copy.deepcopy(outputs):
        if output.get("output_type") == "stream":
            text = output["text"]
            text = "".join(text) if isinstance(text, list) else text
            if output["name"] in first:
                first[output["name"]]["text"] += text
                continue
            output["text"] = text
            first[output["name"]] = output
        joined.append(output)
    merged: list[Any] = coalesce_streams(joined)
    return merged
