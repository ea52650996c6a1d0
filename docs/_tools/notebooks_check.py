"""Run the book's notebooks as a reader on Binder or Colab would, and compare.

``nox -s notebooks`` runs this; by hand (in an environment with the docs
group installed)::

    python docs/_tools/notebooks_check.py [--keep]

What a reader gets from a launch button is a notebook from the ``notebooks``
branch, opened in a Python that has Jupyter but not ``neurons``. Its hidden
first cell must install the package from the wheel on the book's site, and
every cell must then run. This script checks exactly that, with the site on
127.0.0.1 in place of the hosted one:

1. It builds the book with ``BOOK_BASEURL=http://127.0.0.1:<port>/`` into a
   folder of its own, so the set-up cells point at the local site (the
   execution cache is shared with ``nox -s docs``, so nothing re-executes if
   the book was built). The build writes ``notebooks/``, the branch's contents.
2. It serves that site on 127.0.0.1 and creates a reader's environment: a new
   virtual environment with pip and ipykernel only, no ``neurons``, NumPy,
   Matplotlib or scikit-learn, no IPython profile, no ``KERAS_BACKEND``.
3. It runs every notebook of the branch in that environment, in book order,
   each alone in an empty working folder, with nbclient. The first notebook's
   set-up cell installs ``neurons[book]`` from the served wheel; the Keras
   page's installs the ``keras`` extra. pip resolves the dependencies within
   ``constraints.txt`` (``PIP_CONSTRAINT``), the versions the book was built
   with, as Binder's ``requirements.txt`` does; on Colab the versions are
   Colab's, so the last digits of some numbers may differ there.
4. It compares every output with the book's (the notebook the same build
   offers for download): printed text and ``text/*`` results must be
   identical. Figures are not compared, because the book's kernels render SVG
   and a reader's default is PNG; cells tagged ``timing`` are skipped, and so
   are the book's ``glue(..., display=False)`` records, which a notebook
   front end never shows (the set-up cell's stand-in shows nothing for them).

It fails if a cell raises, if ``neurons`` was not installed from the site's
wheel, or if an output differs; it prints a table per notebook. Needs the
network only for what pip fetches from PyPI (or a local wheel cache).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import venv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from repro_check import TIMING_TAG, cell_outputs, join_text

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent
SETUP_CELL_ID = "book-setup"  # docs/_ext/runnable_notebooks.py
GLUE_RECORD = "application/papermill.record/"  # glue(..., display=False)
COMPARED_MIMES = ("text/plain", "text/markdown", "text/latex", "text/html")
# The book's order (docs/index.md's toctree), so that the first notebook run
# is the first page, and the Keras page, which needs the extra, comes late.
ORDER = (
    "biological_neurons",
    "mcculloch_pitts",
    "threshold_logic_units",
    "perceptron",
    "perceptron_limits",
    "multilayer_perceptrons",
    "backpropagation",
    "activation_functions",
    "regression_mlps",
    "classification_mlps",
    "training_in_practice",
    "keras",
)


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def build(target: Path, baseurl: str) -> None:
    """Build the book into ``target/html`` with the set-up cells aimed at ``baseurl``."""
    command = [
        *(sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going"),
        *("-q", "-d", str(target / "doctrees"), str(DOCS), str(target / "html")),
    ]
    print("$ BOOK_BASEURL=" + baseurl, " ".join(command), flush=True)
    env = {**os.environ, "BOOK_BASEURL": baseurl, "PYTHONHASHSEED": "0"}
    subprocess.run(command, check=True, env=env)


@contextlib.contextmanager
def serve(folder: Path, port: int) -> Iterator[None]:
    """Serve ``folder`` on 127.0.0.1:``port`` in a thread, quietly."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            del format, args

    handler = functools.partial(Quiet, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield
        finally:
            server.shutdown()


def reader_environment(folder: Path) -> Path:
    """Create a reader's environment (pip and ipykernel only); return its jupyter path."""
    print(f"Creating a reader's environment in {folder}", flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    python = folder / "bin" / "python"
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", "ipykernel"], check=True)
    for module in ("neurons", "numpy", "matplotlib", "sklearn", "keras"):
        found = subprocess.run(
            [
                str(python),
                "-c",
                f"import importlib.util as u; print(u.find_spec({module!r}))",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        if found != "None":
            message = f"the reader's environment already has {module}: {found}"
            raise RuntimeError(message)
    prefix = folder / "kernel"
    subprocess.run(
        [
            str(python),
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


def run(notebook_path: Path, jupyter_path: Path, workdir: Path) -> tuple[Any, float]:
    """Execute a notebook with the reader's kernel in an empty ``workdir``."""
    notebook = nbformat.read(notebook_path, as_version=4)
    workdir.mkdir(parents=True)
    os.environ["JUPYTER_PATH"] = str(jupyter_path)
    client = NotebookClient(
        notebook,
        kernel_name="reader",
        timeout=900,  # the first set-up cell downloads and installs packages
        resources={"metadata": {"path": str(workdir)}},
    )
    start = time.perf_counter()
    client.execute()
    return notebook, time.perf_counter() - start


def reader_variables() -> dict[str, str]:
    """Return the environment a reader's kernel starts with, without the book's."""
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
    env["PIP_CONSTRAINT"] = str(ROOT / "constraints.txt")
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


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
    port = free_port()
    baseurl = f"http://127.0.0.1:{port}/"
    build(work, baseurl)
    branch = work / "notebooks"
    names = sorted(path.stem for path in branch.glob("*.ipynb"))
    if sorted(ORDER) != names:
        print(
            f"The branch has {names}; this check runs {list(ORDER)}.", file=sys.stderr
        )
        return 1
    jupyter_path = reader_environment(work / "reader-env")
    reader_env = reader_variables()
    os.environ.clear()
    os.environ.update(reader_env)

    rows, problems = [], []
    with serve(work / "html", port):
        for name in ORDER:
            print(f"Running {name}.ipynb as a reader ...", flush=True)
            try:
                ran, seconds = run(
                    branch / f"{name}.ipynb", jupyter_path, work / "cwd" / name
                )
            except CellExecutionError as error:
                problems.append(f"{name}: a cell raised\n{error}")
                rows.append((name, "error", 0, 0, 0.0))
                continue
            # The book's outputs: the notebook that the page offers for download.
            downloaded = work / "html" / "_sources" / f"{name}.ipynb"
            book = nbformat.read(downloaded, as_version=4)
            compared, differences = compare(name, book, ran)
            stderr = sum(
                1
                for cell in ran.cells
                if cell.get("id") != SETUP_CELL_ID
                for output in cell.get("outputs", [])
                if output.get("name") == "stderr"
            )
            problems += differences
            rows.append((name, "ran", compared, len(differences), seconds))
            if stderr:
                problems.append(f"{name}: {stderr} outputs on stderr")

    # pip records where it installed a package from (PEP 610).
    records = list((work / "reader-env").rglob("neurons-*.dist-info/direct_url.json"))
    source = json.loads(records[0].read_text())["url"] if records else "nowhere"
    wheel = f"{baseurl}wheels/{next((work / 'html' / 'wheels').glob('*.whl')).name}"
    if source != wheel:
        problems.append(f"neurons was installed from {source}, not from {wheel}")

    print(
        f"\n{'notebook':<24} {'result':<7} {'outputs':>8} {'differ':>7} {'seconds':>8}"
    )
    for name, result, compared, differing, seconds in rows:
        print(f"{name:<24} {result:<7} {compared:>8} {differing:>7} {seconds:>8.1f}")
    print(f"neurons installed from {source}")
    if not args.keep:
        shutil.rmtree(work / "reader-env", ignore_errors=True)
        shutil.rmtree(work / "cwd", ignore_errors=True)
    if problems:
        print(f"\n{len(problems)} problems:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    total = sum(row[2] for row in rows)
    print(
        f"Every notebook ran in a new environment, installing neurons from the site, "
        f"and its {total} outputs match the book's."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
