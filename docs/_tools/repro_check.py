"""Check that two clean builds of the book produce the same outputs.

``nox -s repro`` runs this; by hand::

    python docs/_tools/repro_check.py [--keep]

The book is built twice, each time from scratch into its own temporary
folder: an empty doctree folder (``-d``), a fresh jupyter-cache
(``-D nb_execution_cache_path=...``), so every cell is executed in a new
kernel. MyST-NB writes each executed page to ``jupyter_execute/<page>.ipynb``
beside the HTML; the two sets are compared cell by cell, output by output:

* text outputs (streams, ``text/plain``, ``text/html``, ``text/latex``,
  ``text/markdown``, errors) must be identical strings;
* figures (``image/svg+xml``, ``image/png`` and other images) must be
  byte-identical;
* the same pages, cells and number of outputs must exist;
* the wheel of ``neurons`` that each build puts on the site
  (``wheels/*.whl``, which the notebooks' set-up cell installs) must be
  byte-identical.

Printed text is compared after merging its pieces, as the page shows it: how
a cell's stdout is cut into messages depends on timing, not on the code.

Ignored, because they record when or how a build ran rather than what it
computed: notebook and cell ``metadata`` (execution timestamps, kernel
versions, MyST-NB's bookkeeping), ``execution_count``, output
``metadata``, and the random element ids (``uuid4``) in matplotlib's
JavaScript animations (``_anim_img<32 hex digits>`` and the like), which name
DOM nodes only. Cells tagged ``timing`` are skipped too: they print
wall-clock measurements (the backward pass against the forward pass), which
no two runs share; their text says so to the reader. The built HTML is not compared: it embeds the same outputs,
plus asset digests that depend on the theme only.

Exits with status 1, listing each difference, if the builds differ.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

import nbformat

DOCS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(DOCS / "_ext"))
from streams import merge_streams

# Text-like outputs compared as strings; everything else as bytes.
TEXT_MIMES = ("text/", "application/json", "application/javascript")
# matplotlib's Animation.to_jshtml names its elements with uuid4().hex.
# Cells that measure time, and so can never print the same twice.
TIMING_TAG = "timing"
ANIMATION_ID = re.compile(r"(anim\w*?)[0-9a-f]{32}")


def build(
    target: Path,
    *,
    fresh_cache: bool = True,
    env: dict[str, str] | None = None,
    stdout: IO[str] | None = None,
) -> Path:
    """Build the book strictly into ``target/html``; return its jupyter_execute.

    Always with an empty doctree folder; with ``fresh_cache`` also with a new
    execution cache, so that every cell runs again. ``env`` adds variables;
    ``stdout``, a file, takes the build's output (both streams) if given.
    """
    command = [
        *(sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going"),
        *("-q", "-d", str(target / "doctrees")),
    ]
    if fresh_cache:
        command += ["-D", f"nb_execution_cache_path={target / 'jupyter_cache'}"]
    command += [str(DOCS), str(target / "html")]
    extra = env or {}
    shown = " ".join(f"{key}={value}" for key, value in extra.items())
    print("$", shown, " ".join(command), flush=True)
    subprocess.run(
        command,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0", **extra},
        stdout=stdout,
        stderr=subprocess.STDOUT if stdout is not None else None,
    )
    return target / "jupyter_execute"


def cell_outputs(cell: dict[str, Any]) -> list[dict[str, Any]]:
    """Return a cell's outputs as the page shows them, volatile fields dropped.

    Printed text reaches the notebook in pieces whose boundaries depend on
    timing; the page merges them (``nb_merge_streams``), and so does this,
    with the same function, before comparing.
    """
    volatile = ("metadata", "execution_count")
    outputs = [
        {key: value for key, value in output.items() if key not in volatile}
        for output in cell.get("outputs", [])
    ]
    merged: list[dict[str, Any]] = merge_streams(
        [nbformat.from_dict(output) for output in outputs]
    )
    return merged


def join_text(value: str | list[str]) -> str:
    """Return a notebook multiline string as one string, animation ids blanked."""
    text = "".join(value) if isinstance(value, list) else value
    return ANIMATION_ID.sub(r"\1<id>", text)


def compare_output(
    where: str, first: dict[str, Any], second: dict[str, Any]
) -> list[str]:
    """Compare two outputs of the same cell; return the differences."""
    if first.get("output_type") != second.get("output_type"):
        return [
            f"{where}: output type {first.get('output_type')} != {second.get('output_type')}"
        ]
    problems = []
    if join_text(first.get("text", "")) != join_text(second.get("text", "")):  # streams
        problems.append(f"{where}: stream text differs")
    if "traceback" in first and first.get("traceback") != second.get("traceback"):
        problems.append(f"{where}: error output differs")
    data_a, data_b = first.get("data", {}), second.get("data", {})
    for mime in sorted(set(data_a) | set(data_b)):
        if mime not in data_a or mime not in data_b:
            problems.append(f"{where}: {mime} only in one build")
        elif join_text(data_a[mime]) != join_text(data_b[mime]):
            kind = "text" if mime.startswith(TEXT_MIMES) else "bytes"
            problems.append(f"{where}: {mime} differs ({kind})")
    return problems


def compare(first: Path, second: Path) -> tuple[int, int, list[str]]:
    """Compare two jupyter_execute folders; return (pages, outputs, differences)."""
    names_a = {p.relative_to(first) for p in first.rglob("*.ipynb")}
    names_b = {p.relative_to(second) for p in second.rglob("*.ipynb")}
    problems = [f"{name}: only in one build" for name in sorted(names_a ^ names_b)]
    n_outputs = 0
    for name in sorted(names_a & names_b):
        cells_a = json.loads((first / name).read_text(encoding="utf-8"))["cells"]
        cells_b = json.loads((second / name).read_text(encoding="utf-8"))["cells"]
        if len(cells_a) != len(cells_b):
            problems.append(f"{name}: {len(cells_a)} cells != {len(cells_b)} cells")
            continue
        for index, (cell_a, cell_b) in enumerate(zip(cells_a, cells_b, strict=True)):
            if TIMING_TAG in cell_a.get("metadata", {}).get("tags", []):
                continue
            outputs_a, outputs_b = cell_outputs(cell_a), cell_outputs(cell_b)
            where = f"{name} cell {index}"
            if len(outputs_a) != len(outputs_b):
                problems.append(
                    f"{where}: {len(outputs_a)} outputs != {len(outputs_b)}"
                )
                continue
            for number, (out_a, out_b) in enumerate(
                zip(outputs_a, outputs_b, strict=True)
            ):
                n_outputs += 1
                problems += compare_output(f"{where} output {number}", out_a, out_b)
    return len(names_a & names_b), n_outputs, problems


def compare_wheels(first: Path, second: Path) -> list[str]:
    """Compare the wheels of ``neurons`` that two builds put on the site, byte for byte."""
    wheels_a = {p.name: p.read_bytes() for p in first.glob("wheels/*.whl")}
    wheels_b = {p.name: p.read_bytes() for p in second.glob("wheels/*.whl")}
    if not wheels_a and not wheels_b:
        return []  # --compare of bare jupyter_execute folders
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
    parser.add_argument(
        "--compare",
        nargs=2,
        type=Path,
        metavar="DIR",
        help="only compare two existing jupyter_execute folders",
    )
    args = parser.parse_args(argv)

    if args.compare:
        first, second = args.compare
    else:
        root = Path(tempfile.mkdtemp(prefix="repro-"))
        first, second = build(root / "a"), build(root / "b")
    pages, outputs, problems = compare(first, second)
    problems += compare_wheels(first.parent / "html", second.parent / "html")
    print(f"Compared {outputs} outputs on {pages} executed pages.")
    if not args.compare:
        if args.keep:
            print(f"The builds are in {first.parent.parent}")
        else:
            shutil.rmtree(first.parent.parent, ignore_errors=True)
    if problems:
        print(f"{len(problems)} differences:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("The two builds are identical (outputs and figures).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
