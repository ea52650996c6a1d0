"""Run the book's notebooks as a reader on Binder or Colab would, and compare.

``nox -s notebooks`` runs this; by hand (in an environment with the docs
group installed)::

    python docs/_tools/notebooks_check.py [--keep]

What a reader gets from a launch button is a notebook from the ``notebooks``
branch, opened in a Python that has Jupyter but not ``neurons``. Its hidden
first cell must install the package from the wheel on the book's site, and
every cell must then run. This script checks exactly that, with the site on
127.0.0.1 in place of the hosted one:

1. It serves ``<work>/html`` on a free port of 127.0.0.1, then builds the
   book there with ``BOOK_BASEURL`` set to that address, so the set-up cells
   point at the local site (the execution cache is shared with
   ``nox -s docs``, so nothing re-executes if the book was built). The build
   writes ``notebooks/``, the branch's contents.
2. It creates Colab's kind of reader
   environment: a new virtual environment with pip and ipykernel only, no
   ``neurons``, NumPy, Matplotlib or scikit-learn, no IPython profile, no
   ``KERAS_BACKEND``.
3. It runs every notebook of the branch in it (those that need Keras last),
   each alone in an empty working folder, with nbclient. The first notebook's set-up cell
   installs ``neurons[book]`` from the served wheel; the Keras page's installs
   the ``keras`` extra. pip resolves the dependencies within
   ``constraints.txt`` (``PIP_CONSTRAINT``), the versions the book was built
   with; on Colab the versions are Colab's, so the last digits of some
   numbers may differ there. Then the same again in Binder's kind of
   environment: the branch's ``requirements.txt`` installed with
   ``pip install -r`` as Binder does, after which every set-up cell must find
   everything in place and print nothing.
4. It compares every output with the book's (the notebook the same build
   offers for download): printed text and ``text/*`` results must be
   identical. Figures are not compared, because the book's kernels render SVG
   and a reader's default is PNG; cells tagged ``timing`` are skipped, and so
   are the book's ``glue(..., display=False)`` records, which a notebook
   front end never shows (the set-up cell's stand-in shows nothing for them).

It fails if a cell raises or writes to stderr, if ``neurons`` was not
installed from the site's wheel, or if an output differs; it prints a table per notebook. Needs the
network only for what pip fetches from PyPI (or a local wheel cache).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from repro_check import TIMING_TAG, build, cell_outputs, join_text
from serving import serve

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))
from runnable_notebooks import SETUP_CELL_ID

GLUE_RECORD = "application/papermill.record/"  # glue(..., display=False)
COMPARED_MIMES = ("text/plain", "text/markdown", "text/latex", "text/html")


def reader_environment(folder: Path, requirements: Path | None = None) -> Path:
    """Create a reader's environment; return the Jupyter path of its kernel.

    Colab's kind (``requirements=None``): pip and ipykernel only, checked to
    lack ``neurons`` and the libraries it brings. Binder's kind: the branch's
    ``requirements.txt`` installed as Binder installs it when it builds the
    image (``pip install -r``, which reads ``-c constraints.txt`` beside it).
    """
    print(f"Creating a reader's environment in {folder}", flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    python = str(folder / "bin" / "python")
    pip = [python, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", "ipykernel"], check=True)
    if requirements is not None:
        # From the branch's folder, as Binder does (pip reads -c beside the file).
        subprocess.run(
            [*pip, "install", "--quiet", "-r", requirements.name],
            check=True,
            cwd=requirements.parent,
        )
    else:
        for module in ("neurons", "numpy", "matplotlib", "sklearn", "keras"):
            probe = f"import importlib.util as u; print(u.find_spec({module!r}))"
            found = subprocess.run(
                [python, "-c", probe], check=True, capture_output=True, text=True
            ).stdout.strip()
            if found != "None":
                message = f"the reader's environment already has {module}: {found}"
                raise RuntimeError(message)
    prefix = folder / "kernel"
    subprocess.run(
        [
            python,
            "-m",
            "ipykernel",
            "install",
            "--prefix",
            str(prefix),
            "--name",
            "reader",
        ],
        check=True,
        capture_output=True,
    )
    return prefix / "share" / "jupyter"


def installed_from(environment: Path) -> str:
    """Return the URL pip installed ``neurons`` from (PEP 610's direct_url.json)."""
    records = list(environment.rglob("neurons-*.dist-info/direct_url.json"))
    return str(json.loads(records[0].read_text())["url"]) if records else "nowhere"


def shown_outputs(cell: dict[str, Any]) -> list[dict[str, Any]]:
    """Return a cell's outputs as a reader sees them: merged streams, no glue records."""
    return [
        output
        for output in cell_outputs(cell)
        if not (
            output.get("output_type") == "display_data"
            and output.get("data")
            and all(mime.startswith(GLUE_RECORD) for mime in output["data"])
        )
    ]


def compare(name: str, book: Any, reader: Any) -> tuple[int, list[str]]:
    """Compare the book's cells with the reader's run; return (outputs, differences)."""
    book_cells = [cell for cell in book.cells if cell.get("id") != SETUP_CELL_ID]
    reader_cells = [cell for cell in reader.cells if cell.get("id") != SETUP_CELL_ID]
    if len(book_cells) != len(reader_cells):
        return 0, [
            f"{name}: {len(book_cells)} cells in the book, {len(reader_cells)} run"
        ]
    if not any(cell.get("outputs") for cell in book_cells):
        return 0, [f"{name}: the book's notebook has no outputs"]
    compared, problems = 0, []
    for index, (ours, theirs) in enumerate(zip(book_cells, reader_cells, strict=True)):
        if ours.cell_type != "code" or TIMING_TAG in ours.metadata.get("tags", []):
            continue
        where = f"{name} cell {index}"
        outputs_book, outputs_reader = shown_outputs(ours), shown_outputs(theirs)
        if len(outputs_book) != len(outputs_reader):
            problems.append(
                f"{where}: {len(outputs_book)} outputs in the book, "
                f"{len(outputs_reader)} for the reader: {outputs_reader!r:.600}"
            )
            continue
        for number, (a, b) in enumerate(zip(outputs_book, outputs_reader, strict=True)):
            compared += 1
            label = f"{where} output {number}"
            if a.get("output_type") != b.get("output_type"):
                problems.append(
                    f"{label}: {a.get('output_type')} != {b.get('output_type')}"
                )
            elif join_text(a.get("text", "")) != join_text(b.get("text", "")):
                problems.append(
                    f"{label}: printed text differs:\n--- book\n{join_text(a['text'])}"
                    f"--- reader\n{join_text(b['text'])}"
                )
            for mime in COMPARED_MIMES:
                in_a, in_b = a.get("data", {}).get(mime), b.get("data", {}).get(mime)
                if (
                    in_a is not None
                    and in_b is not None
                    and join_text(in_a) != join_text(in_b)
                ):
                    problems.append(f"{label}: {mime} differs")
    return compared, problems


def run(notebook_path: Path, workdir: Path) -> tuple[Any, float]:
    """Execute a notebook with the reader's kernel in an empty ``workdir``."""
    notebook = nbformat.read(notebook_path, as_version=4)
    workdir.mkdir(parents=True)
    client = NotebookClient(
        notebook,
        kernel_name="reader",
        timeout=900,  # the first set-up cell downloads and installs packages
        resources={"metadata": {"path": str(workdir)}},
    )
    start = time.perf_counter()
    client.execute()
    return notebook, time.perf_counter() - start


def run_as_reader(
    reader: str, name: str, branch: Path, work: Path
) -> tuple[tuple[str, str, str, int, int, float], list[str]]:
    """Run one branch notebook with the reader's kernel; return its row and problems."""
    print(f"{reader}: running {name}.ipynb ...", flush=True)
    try:
        ran, seconds = run(branch / f"{name}.ipynb", work / "cwd" / reader / name)
    except CellExecutionError as error:
        return (reader, name, "error", 0, 0, 0.0), [
            f"{reader} {name}: a cell raised\n{error}"
        ]
    # The book's outputs: the notebook that the page offers for download.
    book = nbformat.read(work / "html" / "_sources" / f"{name}.ipynb", as_version=4)
    compared, problems = compare(name, book, ran)
    problems = [f"{reader} {problem}" for problem in problems]
    stderr = [
        output
        for cell in ran.cells
        if cell.get("id") != SETUP_CELL_ID
        for output in cell.get("outputs", [])
        if output.get("name") == "stderr"
    ]
    if stderr:
        problems.append(f"{reader} {name}: output on stderr: {stderr!r:.600}")
    setup_outputs = ran.cells[0].get("outputs", [])
    if reader == "binder" and setup_outputs:  # everything was installed already
        problems.append(
            f"binder {name}: the set-up cell printed {setup_outputs!r:.600}"
        )
    result = "ran" if not problems else "differs"
    return (reader, name, result, compared, len(problems), seconds), problems


def reader_variables(jupyter_path: Path, *, constrained: bool) -> dict[str, str]:
    """Return the environment a reader's kernel starts with, without the book's.

    ``jupyter_path`` finds the reader's kernel; ``constrained`` makes pip
    resolve within ``constraints.txt`` (Colab's kind; Binder's has only the
    branch's files).
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"KERAS_BACKEND", "JAX_PLATFORMS", "IPYTHONDIR", "PYTHONHASHSEED"}
        and not key.startswith(("VIRTUAL_ENV", "NOX_"))
    }
    tools = str(Path(sys.prefix) / "bin")  # the checker's environment, not the reader's
    env["PATH"] = os.pathsep.join(
        entry for entry in env.get("PATH", "").split(os.pathsep) if entry != tools
    )
    env["IPYTHONDIR"] = tempfile.mkdtemp(prefix="reader-ipython-")  # no book profile
    env["JUPYTER_PATH"] = str(jupyter_path)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    if constrained:
        env["PIP_CONSTRAINT"] = str(ROOT / "constraints.txt")
    return env


@contextlib.contextmanager
def environment(variables: dict[str, str]) -> Iterator[None]:
    """Replace ``os.environ`` (which kernels inherit) while the block runs."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(variables)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def reading_order(branch: Path) -> list[str]:
    """Return the branch's notebooks, those that install Keras last.

    So the first notebook a reader runs installs ``neurons[book]`` and the
    Keras page later adds the ``keras`` extra, as for a reader of the book.
    """

    def installs_keras(path: Path) -> bool:
        cells = nbformat.read(path, as_version=4).cells
        return bool(cells) and "neurons[book,keras]" in cells[0].source

    paths = sorted(branch.glob("*.ipynb"))
    return [path.stem for path in sorted(paths, key=installs_keras)]


def main(argv: list[str] | None = None) -> int:
    """Build, serve, run every branch notebook as a reader, compare; return the status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument(
        "--work",
        type=Path,
        default=DOCS / "_build" / "notebooks-check",
        help="work folder (default: docs/_build/notebooks-check)",
    )
    args = parser.parse_args(argv)

    work: Path = args.work
    shutil.rmtree(work, ignore_errors=True)
    branch = work / "notebooks"
    rows: list[tuple[str, str, str, int, int, float]] = []
    problems: list[str] = []
    with serve(work / "html") as baseurl:
        build(work, fresh_cache=False, env={"BOOK_BASEURL": baseurl})
        names = reading_order(branch)
        if not names:
            print(f"No notebooks in {branch}.", file=sys.stderr)
            return 1
        wheel = f"{baseurl}wheels/{next((work / 'html' / 'wheels').glob('*.whl')).name}"
        # Colab's kind first: the set-up cells must install everything.
        # Binder's kind second: requirements.txt installed, the cells skip.
        for reader, requirements in (
            ("colab", None),
            ("binder", branch / "requirements.txt"),
        ):
            folder = work / f"{reader}-env"
            jupyter_path = reader_environment(folder, requirements)
            variables = reader_variables(jupyter_path, constrained=requirements is None)
            with environment(variables):
                for name in names:
                    row, found = run_as_reader(reader, name, branch, work)
                    rows.append(row)
                    problems += found
            source = installed_from(folder)
            print(f"{reader}: neurons installed from {source}")
            if source != wheel:
                problems.append(
                    f"{reader}: neurons installed from {source}, not {wheel}"
                )

    print(
        f"\n{'reader':<7} {'notebook':<24} {'outputs':>8} {'problems':>8} {'seconds':>8}"
    )
    for reader, name, _, compared, found, seconds in rows:
        print(f"{reader:<7} {name:<24} {compared:>8} {found:>8} {seconds:>8.1f}")
    if not args.keep:
        for folder in ("colab-env", "binder-env", "cwd"):
            shutil.rmtree(work / folder, ignore_errors=True)
    if problems:
        print(f"\n{len(problems)} problems:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    total = sum(row[3] for row in rows)
    print(
        f"Every notebook ran in a Colab-like and a Binder-like environment with "
        f"neurons from the site's wheel; all {total} outputs match the book's."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
