"""The one strict build of the book, its environment, and a local server.

nox, the checks and Read the Docs all build through :func:`command`. By hand,
with the ``docs`` group installed: ``python docs/_tools/book.py OUTDIR [OPTION ...]``.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

DOCS = Path(__file__).resolve().parents[1]
#: Keras on JAX on the CPU, quiet; a fixed hash seed, so sets print in one order.
ENV = {
    "KERAS_BACKEND": "jax",
    "JAX_PLATFORMS": "cpu",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONHASHSEED": "0",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
NOTEBOOKS_BRANCH = "notebooks"  # the branch Binder and Colab open
SETUP_CELL_ID = "book-setup"  # the first cell of every reader's notebook


def command(
    builder: str, outdir: Path, *options: str, python: str = sys.executable
) -> list[str]:
    """Return the strict ``sphinx-build`` command line (``-n -W --keep-going``)."""
    strict = ["-n", "-W", "--keep-going", *options]
    return [python, "-m", "sphinx", "-b", builder, *strict, str(DOCS), str(outdir)]


def build(
    target: Path,
    *,
    fresh_cache: bool = True,
    env: dict[str, str] | None = None,
    stdout: IO[str] | None = None,
) -> Path:
    """Build into ``target/html`` (fresh doctrees, cache if asked); return jupyter_execute."""
    options = ["-q", "-d", str(target / "doctrees")]
    if fresh_cache:
        options += ["-D", f"nb_execution_cache_path={target / 'jupyter_cache'}"]
    line = command("html", target / "html", *options)
    print("$", *(f"{k}={v}" for k, v in (env or {}).items()), *line, flush=True)
    err = subprocess.STDOUT if stdout is not None else None
    full_env = {**os.environ, **ENV, **(env or {})}
    subprocess.run(line, check=True, env=full_env, stdout=stdout, stderr=err)
    return target / "jupyter_execute"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` (looked up per request) on 127.0.0.1; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    line = command("html", Path(sys.argv[1]), *sys.argv[2:])
    sys.exit(subprocess.run(line, check=False, env={**os.environ, **ENV}).returncode)
