"""Build the book: the one strict Sphinx command and the environment it runs in.

Everything that builds the book uses this module: the nox sessions, the
repro, kernels and notebooks checks, Read the Docs and the GitHub workflow
(through nox). By hand, from the repository root, in an environment with the
``docs`` group installed::

    python docs/_tools/book.py OUTDIR [SPHINX OPTION ...]

builds the HTML book into ``OUTDIR``, as ``nox -s docs`` does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import IO

DOCS = Path(__file__).resolve().parents[1]

#: What the build and the kernels it starts run under: Keras on JAX, on the
#: CPU, quiet; a fixed hash seed, so that sets and dicts print in one order.
ENV = {
    "KERAS_BACKEND": "jax",
    "JAX_PLATFORMS": "cpu",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONHASHSEED": "0",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}

#: The branch of the repository that holds the readers' notebooks, which the
#: Binder and Colab buttons open (docs/_ext/reader_notebooks.py writes it).
NOTEBOOKS_BRANCH = "notebooks"
#: The id of the set-up cell that starts every reader's notebook.
SETUP_CELL_ID = "book-setup"


def command(
    builder: str, outdir: Path, *options: str, python: str = sys.executable
) -> list[str]:
    """Return the strict ``sphinx-build`` command line for ``builder``.

    ``python`` runs Sphinx: this one by default; nox passes its session's.
    """
    return [
        *(python, "-m", "sphinx", "-b", builder),
        "-n",  # nit-picky: every cross-reference must resolve
        "-W",  # warnings are errors ...
        "--keep-going",  # ... but report them all before failing
        *options,
        str(DOCS),
        str(outdir),
    ]


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
    options = ["-q", "-d", str(target / "doctrees")]
    if fresh_cache:
        options += ["-D", f"nb_execution_cache_path={target / 'jupyter_cache'}"]
    shown = " ".join(f"{key}={value}" for key, value in (env or {}).items())
    line = command("html", target / "html", *options)
    print("$", shown, " ".join(line), flush=True)
    subprocess.run(
        line,
        check=True,
        env={**os.environ, **ENV, **(env or {})},
        stdout=stdout,
        stderr=subprocess.STDOUT if stdout is not None else None,
    )
    return target / "jupyter_execute"


def main(argv: list[str]) -> int:
    """Build the HTML book into ``argv[0]``, passing the rest to Sphinx."""
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    line = command("html", Path(argv[0]), *argv[1:])
    return subprocess.run(line, check=False, env={**os.environ, **ENV}).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
