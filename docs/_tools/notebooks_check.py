"""Run the readers' notebooks as Colab and Binder readers would; compare outputs.

``nox -s notebooks`` runs ``python docs/_tools/notebooks_check.py [--keep]``
after ``nox -s docs``. It serves the built site on 127.0.0.1 and copies the
``notebooks`` branch (``docs/_build/notebooks``) with the wheel's URL pointed
at that server. Then, for a Colab reader (a new environment with pip and
ipykernel only, pip held to ``constraints.txt``) and a Binder reader (the
branch's ``requirements.txt`` installed first, so set-up cells print nothing),
each notebook runs in an empty folder, without the book's IPython profile or
environment. It fails if a cell raises or writes to stderr, if ``neurons`` was
not installed from the site's wheel, or if a text output differs from the
book's (read from the execution cache; figures are SVG in the book, PNG for a
reader, and are not compared, nor cells tagged ``timing``).
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
import venv
from pathlib import Path
from typing import Any

import nbformat
from book import DOCS, ENV, SETUP_CELL_ID, serve
from jupyter_cache import get_cache
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from outputs_check import compare_cells

CACHES = DOCS / "_build" / ".jupyter_cache"
WHEELS = r"https?://[^\s\"\\]+/wheels/"  # the site's wheel folder, in set-up cells


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
    """Return ``notebook`` (set-up cell removed) with the book's cached outputs.

    Not ``_build/jupyter_execute/<page>.ipynb``: MyST-NB 1.4 writes it without
    outputs when the page is read from the cache (a rebuild, the doctest build).
    """
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
    """Compare the text a reader's run printed with the book's outputs."""
    cells = [cell for cell in reader.cells if cell.get("id") != SETUP_CELL_ID]
    return compare_cells(name, book.cells, cells, text_only=True)


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
    """Serve the site, run every branch notebook as each reader, compare."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    work, site = DOCS / "_build" / "notebooks-check", DOCS / "_build" / "html"
    shutil.rmtree(work, ignore_errors=True)
    branch = shutil.copytree(DOCS / "_build" / "notebooks", work / "notebooks")
    notebooks = sorted(branch.rglob("*.ipynb"))
    problems: list[str] = [] if notebooks else ["no notebooks: run nox -s docs"]
    with serve(site) as baseurl:
        for path in [*notebooks, branch / "requirements.txt"]:
            local = re.sub(WHEELS, f"{baseurl}wheels/", path.read_text("utf-8"))
            path.write_text(local, "utf-8")
        wheel = f"{baseurl}wheels/{next((site / 'wheels').glob('*.whl')).name}"
        for reader, requirements in (
            ("colab", None),
            ("binder", branch / "requirements.txt"),
        ):
            env = reader_environment(work / f"{reader}-env", requirements)
            for notebook in notebooks:
                problems += check_reader(reader, notebook, work, env)
            if (source := installed_from(work / f"{reader}-env")) != wheel:
                problems.append(
                    f"{reader}: neurons installed from {source}, not {wheel}"
                )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    print(
        f"{len(notebooks)} notebooks ran as on Colab and Binder: {len(problems)} problems"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
