"""Run the readers' notebooks as a reader on Colab or Binder would, and compare.

``nox -s notebooks`` runs this; by hand (in an environment with the docs
group installed)::

    python docs/_tools/notebooks_check.py [--keep]

1. It serves ``<work>/html`` on 127.0.0.1 and builds the book there with
   ``BOOK_BASEURL`` set to that address, so the set-up cells install the wheel
   from the local site (the execution cache is shared with ``nox -s docs``:
   nothing re-executes if the book was built). The build writes
   ``notebooks/``, the ``notebooks`` branch's contents.
2. Colab's kind of reader: a new virtual environment with pip and ipykernel
   only (no ``neurons``, NumPy, MyST-NB; no IPython profile, no
   ``KERAS_BACKEND``); pip resolves within ``constraints.txt``
   (``PIP_CONSTRAINT``). Binder's kind: the branch's ``requirements.txt``
   installed first, as Binder does, so every set-up cell must print nothing.
3. Each notebook runs with nbclient in an empty folder, and every output is
   compared with the book's, which come from the execution cache (jupyter-
   cache's public API): printed text and text results must be identical.
   Figures are not compared (the book renders SVG, a reader PNG), nor cells
   tagged ``timing``.

It fails if a cell raises or writes to stderr, if ``neurons`` was not
installed from the site's wheel, or if an output differs. Needs pip's index
(or a local wheel cache) for the reader's packages.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path
from typing import Any

import nbformat
from book import DOCS, ENV, SETUP_CELL_ID, build, serve
from jupyter_cache import get_cache
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from outputs_check import TIMING_TAG, cell_outputs, compare_output

CACHES = DOCS / "_build" / ".jupyter_cache"


def reader_environment(folder: Path, requirements: Path | None) -> dict[str, str]:
    """Create a reader's environment; return the variables its kernel runs with."""
    print(f"Creating a reader's environment in {folder}", flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    pip = [str(folder / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", "ipykernel"], check=True)
    if requirements is not None:  # from the branch's folder: -c is beside it
        install = [*pip, "install", "--quiet", "-r", requirements.name]
        subprocess.run(install, check=True, cwd=requirements.parent)
    kernel = [str(folder / "bin" / "python"), "-m", "ipykernel", "install"]
    subprocess.run(
        [*kernel, "--prefix", str(folder / "kernel"), "--name", "reader"],
        check=True,
        capture_output=True,
    )
    tools = str(Path(sys.prefix) / "bin")  # the checker's environment, not the reader's
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ENV
        and key not in ("IPYTHONDIR", "PYTHONPATH")  # the book's, not a reader's
        and not key.startswith(("VIRTUAL_ENV", "NOX_"))
    }
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if p != tools
    )
    env["IPYTHONDIR"] = tempfile.mkdtemp(prefix="reader-ipython-")  # no book profile
    env["JUPYTER_PATH"] = str(folder / "kernel" / "share" / "jupyter")
    if requirements is None:
        env["PIP_CONSTRAINT"] = str(DOCS.parent / "constraints.txt")
    return env


def book_outputs(notebook: Any) -> Any:
    """Return ``notebook`` (set-up cell removed) with the book's cached outputs."""
    cells = [cell for cell in notebook.cells if cell.get("id") != SETUP_CELL_ID]
    page = nbformat.from_dict({**notebook, "cells": cells})
    for cache in sorted(
        CACHES.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True
    ):
        try:
            return get_cache(str(cache)).merge_match_into_notebook(page)[1]
        except KeyError:
            continue
    message = "no executed copy in docs/_build/.jupyter_cache: build the book first"
    raise LookupError(message)


def compare(name: str, book: Any, reader: Any) -> list[str]:
    """Compare a reader's run with the book's outputs; return the differences."""
    cells = [cell for cell in reader.cells if cell.get("id") != SETUP_CELL_ID]
    if len(cells) != len(book.cells):
        return [f"{name}: {len(book.cells)} cells in the book, {len(cells)} run"]
    problems = []
    for index, (ours, theirs) in enumerate(zip(book.cells, cells, strict=True)):
        if ours.cell_type != "code" or TIMING_TAG in ours.metadata.get("tags", []):
            continue
        outputs_book, outputs_reader = cell_outputs(ours), cell_outputs(theirs)
        where = f"{name} cell {index}"
        if len(outputs_book) != len(outputs_reader):
            problems.append(
                f"{where}: {len(outputs_book)} outputs, reader {len(outputs_reader)}: {outputs_reader!r:.600}"
            )
            continue
        for number, (a, b) in enumerate(zip(outputs_book, outputs_reader, strict=True)):
            # Text only: figures are SVG in the book, PNG for a reader.
            for output in (a, b):
                data = output.get("data", {})
                output["data"] = {
                    m: v for m, v in data.items() if "text/" in m and "image" not in m
                }
            problems += compare_output(f"{where} output {number}", a, b)
    return problems


def run(path: Path, workdir: Path, env: dict[str, str]) -> Any:
    """Execute the notebook at ``path`` with the reader's kernel in ``workdir``."""
    notebook = nbformat.read(path, as_version=4)
    workdir.mkdir(parents=True)
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)  # the kernel inherits this process's environment
    try:
        NotebookClient(
            notebook,
            kernel_name="reader",
            timeout=900,
            resources={"metadata": {"path": str(workdir)}},
        ).execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return notebook


def check_reader(
    reader: str, notebook: Path, work: Path, env: dict[str, str]
) -> list[str]:
    """Run one notebook as ``reader``; return its problems."""
    name = notebook.stem
    print(f"{reader}: running {name}.ipynb ...", flush=True)
    try:
        ran = run(notebook, work / "cwd" / reader / name, env)
    except CellExecutionError as error:
        return [f"{reader} {name}: a cell raised\n{error}"]
    book = book_outputs(nbformat.read(notebook, as_version=4))
    problems = [f"{reader} {p}" for p in compare(name, book, ran)]
    setup, *cells = ran.cells
    stderr = [
        o
        for cell in cells
        for o in cell.get("outputs", [])
        if o.get("name") == "stderr"
    ]
    if stderr:
        problems.append(f"{reader} {name}: output on stderr: {stderr!r:.600}")
    if reader == "binder" and setup.get("outputs"):  # everything was installed already
        problems.append(
            f"binder {name}: the set-up cell printed {setup.outputs!r:.600}"
        )
    return problems


def installed_from(environment: Path) -> str:
    """Return the URL pip installed ``neurons`` from (PEP 610's direct_url.json)."""
    records = list(environment.rglob("neurons-*.dist-info/direct_url.json"))
    return str(json.loads(records[0].read_text())["url"]) if records else "nowhere"


def main(argv: list[str] | None = None) -> int:
    """Build, serve, run every branch notebook as each reader, compare."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)

    work = DOCS / "_build" / "notebooks-check"
    shutil.rmtree(work, ignore_errors=True)
    branch = work / "notebooks"
    problems: list[str] = []
    with serve(work / "html") as baseurl:
        build(work, fresh_cache=False, env={"BOOK_BASEURL": baseurl})
        notebooks = sorted(branch.rglob("*.ipynb"))
        if not notebooks:
            print(f"No notebooks in {branch}.", file=sys.stderr)
            return 1
        wheel = f"{baseurl}wheels/{next((work / 'html' / 'wheels').glob('*.whl')).name}"
        for reader, requirements in (
            ("colab", None),
            ("binder", branch / "requirements.txt"),
        ):
            env = reader_environment(work / f"{reader}-env", requirements)
            for notebook in notebooks:
                problems += check_reader(reader, notebook, work, env)
            source = installed_from(work / f"{reader}-env")
            if source != wheel:
                problems.append(
                    f"{reader}: neurons installed from {source}, not {wheel}"
                )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if problems:
        print(f"\n{len(problems)} problems:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(
        f"{len(notebooks)} notebooks ran as on Colab and on Binder, with neurons from the site's wheel, and print what the book prints."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
