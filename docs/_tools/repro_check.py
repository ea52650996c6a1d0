"""Check that two clean builds of the book produce the same outputs.

``nox -s repro`` runs this; by hand::

    python docs/_tools/repro_check.py [--keep]

The book is built twice (:func:`book.build`), each time from scratch into its
own temporary folder, with a fresh execution cache, so every cell runs in a
new kernel. MyST-NB writes each executed page to ``jupyter_execute/``; the
two sets are compared cell by cell, output by output: text outputs (streams,
``text/*``, errors) must be identical strings, figures byte-identical, and the
same pages, cells and outputs must exist. The wheels of ``neurons`` that the
builds put on the site (which the readers' notebooks install) must be
byte-identical too.

Ignored, because they record when or how a build ran rather than what it
computed: notebook, cell and output ``metadata`` and ``execution_count``.
Cells tagged ``timing`` are skipped: they print wall-clock measurements, and
their text says so. Exits with status 1, listing each difference.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from book import build

#: Cells that measure time, and so can never print the same twice.
TIMING_TAG = "timing"


def text(value: str | list[str]) -> str:
    """Return a notebook multiline string as one string."""
    return "".join(value) if isinstance(value, list) else value


def cell_outputs(cell: dict[str, Any]) -> list[dict[str, Any]]:
    """Return a cell's outputs without volatile fields, printed pieces joined.

    Consecutive pieces of one stream are joined exactly, so text compares the
    same however the kernel cut it.
    """
    outputs: list[dict[str, Any]] = []
    for output in cell.get("outputs", []):
        kept = {
            k: v for k, v in output.items() if k not in ("metadata", "execution_count")
        }
        previous = outputs[-1] if outputs else {}
        if kept.get("output_type") == "stream" and (
            previous.get("output_type") == "stream"
            and previous.get("name") == kept.get("name")
        ):
            previous["text"] = text(previous["text"]) + text(kept["text"])
        else:
            outputs.append(kept)
    return outputs


def compare_output(
    where: str, first: dict[str, Any], second: dict[str, Any]
) -> list[str]:
    """Compare two outputs of the same cell; return the differences."""
    kinds = first.get("output_type"), second.get("output_type")
    if kinds[0] != kinds[1]:
        return [f"{where}: output type {kinds[0]} != {kinds[1]}"]
    problems = []
    if text(first.get("text", "")) != text(second.get("text", "")):
        problems.append(f"{where}: stream text differs")
    if first.get("traceback") != second.get("traceback"):
        problems.append(f"{where}: error output differs")
    data_a, data_b = first.get("data", {}), second.get("data", {})
    for mime in sorted(set(data_a) | set(data_b)):
        if mime not in data_a or mime not in data_b:
            problems.append(f"{where}: {mime} only in one build")
        elif text(data_a[mime]) != text(data_b[mime]):
            problems.append(f"{where}: {mime} differs")
    return problems


def compare_notebooks(name: str, cells_a: list[Any], cells_b: list[Any]) -> list[str]:
    """Compare the cells of one page in two builds; return the differences."""
    if len(cells_a) != len(cells_b):
        return [f"{name}: {len(cells_a)} cells != {len(cells_b)} cells"]
    problems = []
    for index, (cell_a, cell_b) in enumerate(zip(cells_a, cells_b, strict=True)):
        if TIMING_TAG in cell_a.get("metadata", {}).get("tags", []):
            continue
        outputs_a, outputs_b = cell_outputs(cell_a), cell_outputs(cell_b)
        where = f"{name} cell {index}"
        if len(outputs_a) != len(outputs_b):
            problems.append(f"{where}: {len(outputs_a)} outputs != {len(outputs_b)}")
            continue
        for number, pair in enumerate(zip(outputs_a, outputs_b, strict=True)):
            problems += compare_output(f"{where} output {number}", *pair)
    return problems


def compare(first: Path, second: Path) -> tuple[int, list[str]]:
    """Compare two jupyter_execute folders; return (pages, differences)."""
    names_a = {p.relative_to(first) for p in first.rglob("*.ipynb")}
    names_b = {p.relative_to(second) for p in second.rglob("*.ipynb")}
    problems = [f"{name}: only in one build" for name in sorted(names_a ^ names_b)]
    for name in sorted(names_a & names_b):
        cells_a = json.loads((first / name).read_text(encoding="utf-8"))["cells"]
        cells_b = json.loads((second / name).read_text(encoding="utf-8"))["cells"]
        problems += compare_notebooks(str(name), cells_a, cells_b)
    return len(names_a & names_b), problems


def compare_wheels(first: Path, second: Path) -> list[str]:
    """Compare the ``wheels/*.whl`` of two built sites, byte for byte."""
    wheels_a = {p.name: p.read_bytes() for p in first.glob("wheels/*.whl")}
    wheels_b = {p.name: p.read_bytes() for p in second.glob("wheels/*.whl")}
    if wheels_a.keys() != wheels_b.keys():
        return [f"wheels differ: {sorted(wheels_a)} != {sorted(wheels_b)}"]
    return [
        f"{name}: not byte-identical"
        for name in wheels_a
        if wheels_a[name] != wheels_b[name]
    ]


def main(argv: list[str] | None = None) -> int:
    """Build twice, compare, and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the two builds")
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="repro-"))
    first, second = build(root / "a"), build(root / "b")
    pages, problems = compare(first, second)
    problems += compare_wheels(first.parent / "html", second.parent / "html")
    print(f"Compared the outputs of {pages} executed pages.")
    if args.keep:
        print(f"The builds are in {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)
    if problems:
        print(f"{len(problems)} differences:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("The two builds are identical (outputs, figures and wheels).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
