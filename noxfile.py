"""Build, test and check *Neurons to Networks*: ``nox -l`` lists the sessions.

Every session installs from ``constraints.txt`` (``nox -s lock`` refreshes it);
the book's build command and environment come from ``docs/_tools/book.py``.
"""

from __future__ import annotations

import os
import shutil
import sys
import urllib.request
from pathlib import Path

import nox

sys.path.insert(0, str(Path(__file__).parent / "docs" / "_tools"))
import book

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "typecheck", "tests", "docs", "doctest"]

ROOT = Path(__file__).parent
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
CONSTRAINTS = str(ROOT / "constraints.txt")
PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHON: str | None = None  # the Python that runs nox (constraints need >= 3.11)
ENV = {**book.ENV, "UV_COMPILE_BYTECODE": "1"}  # compiled: `import keras` 3x faster
VNU_VERSION = "26.9.27"  # the Nu HTML checker, from npm


def pinned(*groups: str) -> list[str]:
    """Return pip's arguments for dependency ``groups``, held to the constraints."""
    group = nox.project.dependency_groups
    return ["-c", CONSTRAINTS, *(r for g in groups for r in group(PYPROJECT, g))]


def install(session: nox.Session, *groups: str, extras: str = "") -> None:
    """Install the project (with ``extras``) and dependency ``groups``, pinned."""
    project = f".[{extras}]" if extras else "."
    session.install(*pinned(*groups), "-e", project, env=ENV)


def install_book(session: nox.Session, *groups: str) -> None:
    """Install what executes the pages, and fetch Fashion-MNIST, verified.

    On a new Debian machine apt has no package lists, so apt-get download (see
    neurons.datasets.load_fashion_mnist) needs an apt-get update first.
    """
    install(session, "docs", *groups, extras="keras")
    prime = ["python", "-c", "import neurons.datasets as d; d.load_fashion_mnist()"]
    try:
        session.run(*prime, env=ENV, silent=True)
    except nox.command.CommandFailed:
        if not (shutil.which("apt-get") and os.geteuid() == 0):
            raise
        session.run("apt-get", "update", "-q", external=True)
        session.run(*prime, env=ENV)


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the HTML book strictly, executing every cell (cached); ``-- --fresh``."""
    install_book(session)
    extra = ["-E"] if "--fresh" in session.posargs else []
    if extra:
        for folder in ("html", "jupyter_execute", ".jupyter_cache"):
            shutil.rmtree(BUILD / folder, ignore_errors=True)
    session.run(*book.command("html", BUILD / "html", *extra, python="python"), env=ENV)
    session.log(f"Built: file://{(BUILD / 'html' / 'index.html').resolve()}")


@nox.session(name="docs-live", python=PYTHON, default=False)
def docs_live(session: nox.Session) -> None:
    """Serve the book with live reload, rebuilding on edits to docs/ or src/."""
    install_book(session)
    session.install("-c", CONSTRAINTS, "sphinx-autobuild")
    watch = ["--watch", str(ROOT / "src"), "--ignore", str(BUILD), "--port", "8000"]
    args = [*watch, *session.posargs, str(DOCS), str(BUILD / "html")]
    session.run("sphinx-autobuild", "-n", "--keep-going", *args, env=ENV)


@nox.session(python=PYTHON, default=False)
def site(session: nox.Session) -> None:
    """Check the built book in headless Chromium: offline, accessible, valid.

    See docs/_tools/site_check.py. Needs ``nox -s docs`` first, /usr/bin/chromium,
    Java and npm. ``-- path/to/html`` checks another build.
    """
    html = Path(session.posargs[0]) if session.posargs else BUILD / "html"
    if not (html / "index.html").is_file():
        session.error(f"No built book in {html}: run `nox -s docs` first.")
    session.install(*pinned("site"), env=ENV)
    vnu = Path(session.cache_dir) / f"vnu-{VNU_VERSION}"
    jar = vnu / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        npm = ["npm", "install", "--prefix", str(vnu), "--no-audit", "--no-fund"]
        session.run(*npm, f"vnu-jar@{VNU_VERSION}", external=True)
    check = str(DOCS / "_tools" / "site_check.py")
    session.run("python", check, str(html), "--vnu-jar", str(jar), env=ENV)


def run_check(session: nox.Session, script: str, *args: str) -> None:
    """Run ``docs/_tools/<script>`` in the docs environment, passing options on."""
    install_book(session)
    tool = str(DOCS / "_tools" / script)
    session.run("python", tool, *args, *session.posargs, env=ENV)


@nox.session(python=PYTHON, default=False)
def repro(session: nox.Session) -> None:
    """Build the book twice from fresh caches: same outputs, same wheel bytes."""
    run_check(session, "outputs_check.py", "repro")


@nox.session(python=PYTHON, default=False)
def kernels(session: nox.Session) -> None:
    """Build under OpenBLAS Haswell, SkylakeX, Sandybridge-1-thread; compare glue.

    Fresh caches; the configuration ``nox -s docs`` ran reuses that build.
    """
    run_check(session, "outputs_check.py", "kernels")


@nox.session(python=PYTHON, default=False)
def notebooks(session: nox.Session) -> None:
    """Run the built book's notebooks as on Colab and on Binder; compare outputs."""
    run_check(session, "notebooks_check.py")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite, then every docstring example in the package."""
    install(session, "test", extras="keras")
    env = {**ENV, "MPLBACKEND": "Agg"}  # not in ENV: the book keeps its inline backend
    session.run("pytest", *session.posargs, env=env)
    package = str(ROOT / "src" / "neurons")
    session.run(
        "pytest", "--doctest-modules", "-p", "no:cacheprovider", package, env=env
    )


@nox.session(python=PYTHON)
def doctest(session: nox.Session) -> None:
    """Run the book's ``{doctest}`` blocks (cells come from the execution cache)."""
    install_book(session)
    session.run(*book.command("doctest", BUILD / "doctest", python="python"), env=ENV)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Lint and check formatting with ruff."""
    session.install(*pinned("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """Type-check the package with mypy --strict."""
    install(session, "typecheck")
    session.run("mypy", "--strict", "src")


@nox.session(python=PYTHON, default=False)
def lock(session: nox.Session) -> None:
    """Refresh ``constraints.txt`` (online); the next build re-executes the book."""
    session.install("uv")
    groups = ["--all-extras", "--group", "dev", "--group", "site", "--universal"]
    session.run(
        *("uv", "pip", "compile", "pyproject.toml", *groups),
        *("--python-version", "3.11", "--upgrade", "-o", CONSTRAINTS),
    )


@nox.session(python=PYTHON, default=False)
def inventories(session: nox.Session) -> None:
    """Download the intersphinx inventories into docs/_inventories (online)."""
    for name, url in {
        "python": "https://docs.python.org/3.11/objects.inv",
        "sklearn": "https://scikit-learn.org/stable/objects.inv",
    }.items():
        session.log(f"{url} -> docs/_inventories/{name}.inv")
        with urllib.request.urlopen(url, timeout=60) as response:
            (DOCS / "_inventories" / f"{name}.inv").write_bytes(response.read())


@nox.session(python=False, default=False)
def clean(session: nox.Session) -> None:
    """Remove the built book and its execution cache."""
    session.log(f"removing {BUILD}")
    shutil.rmtree(BUILD, ignore_errors=True)
    BUILD.mkdir(parents=True)


@nox.session(python=PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Time neurons against scikit-learn, Keras and the BLAS floor (< 5 min).

    Prints a table and writes it as JSON and Markdown to docs/_build/bench.
    ``-- --help`` lists the options: ``--quick`` (a smoke run), ``--book`` (the
    book's build too), ``--record`` (the run the Performance page shows).
    """
    run_check(session, "bench.py")
