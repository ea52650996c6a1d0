"""Build, test and check *Neurons to Networks*.

Run ``nox -l`` to list the sessions. ``nox`` alone runs the default ones: the
book, the tests, the book's doctests, lint and type checks. Every session
installs from ``constraints.txt``, the pinned versions; ``nox -s lock``
refreshes it.
"""

from __future__ import annotations

import os
import shutil
import sys
import urllib.request
from pathlib import Path

import nox

sys.path.insert(0, str(Path(__file__).parent / "docs" / "_tools"))
import book  # the strict build command and its environment, in one place

nox.needs_version = ">=2025.2.9"
# uv when it is installed, virtualenv otherwise: same pins either way.
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "typecheck", "tests", "docs", "doctest"]

ROOT = Path(__file__).parent
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
CONSTRAINTS = ROOT / "constraints.txt"
PYPROJECT = nox.project.load_toml("pyproject.toml")
# None: the Python that runs nox. constraints.txt is resolved for 3.11 and up.
PYTHON: str | None = None

# The book's environment (Keras on JAX, on the CPU, a fixed hash seed), plus
# compiled bytecode, which makes `import keras` about three times faster.
ENV = {**book.ENV, "UV_COMPILE_BYTECODE": "1"}


def install(session: nox.Session, *groups: str, extras: str = "") -> None:
    """Install the project (with ``extras``) and dependency ``groups``, pinned."""
    requirements: list[str] = []
    for group in groups:
        requirements += nox.project.dependency_groups(PYPROJECT, group)
    project = f".[{extras}]" if extras else "."
    session.install("-c", str(CONSTRAINTS), "-e", project, *requirements, env=ENV)


# Fashion-MNIST is read by the pages from verified local files (see
# neurons.datasets.load_fashion_mnist): the first call finds Debian's package
# or fetches it with apt-get download, then keeps it in a cache folder.
_PRIME_DATA = "from neurons.datasets import load_fashion_mnist; load_fashion_mnist()"


def install_book(session: nox.Session, *groups: str) -> None:
    """Install what executes the pages, and get the data they read, verified.

    On a new Debian machine apt has no package lists yet, so apt-get download
    cannot find the data package: as root, the lists are fetched once first.
    """
    install(session, "docs", *groups, extras="keras")
    try:
        session.run("python", "-c", _PRIME_DATA, env=ENV, silent=True)
    except nox.command.CommandFailed:
        if not (shutil.which("apt-get") and os.geteuid() == 0):
            raise
        session.run("apt-get", "update", "-q", external=True)
        session.run("python", "-c", _PRIME_DATA, env=ENV)


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the HTML book, executing every code cell (cached), strictly.

    Pass ``-- --fresh`` to ignore the execution cache and Sphinx's environment.
    """
    install_book(session)
    extra: list[str] = []
    if "--fresh" in session.posargs:
        shutil.rmtree(BUILD / "html", ignore_errors=True)
        shutil.rmtree(BUILD / "jupyter_execute", ignore_errors=True)
        shutil.rmtree(BUILD / ".jupyter_cache", ignore_errors=True)
        extra.append("-E")
    session.run(*book.command("html", BUILD / "html", *extra, python="python"), env=ENV)
    index = (BUILD / "html" / "index.html").resolve()
    session.log(f"The book is built: open file://{index}")
    session.log("or serve it: python -m http.server -d docs/_build/html 8000")


@nox.session(name="docs-live", python=PYTHON, default=False)
def docs_live(session: nox.Session) -> None:
    """Serve the book with live reload, rebuilding on edits to docs/ or src/."""
    install_book(session)
    session.install("-c", str(CONSTRAINTS), "sphinx-autobuild")
    session.run(
        "sphinx-autobuild",
        "-n",
        "--keep-going",
        "--watch",
        str(ROOT / "src"),
        "--ignore",
        str(BUILD),
        "--port",
        "8000",
        *session.posargs,
        str(DOCS),
        str(BUILD / "html"),
        env=ENV,
    )


# The Nu HTML checker, from npm (it bundles its own Java code; Java 17 runs it).
VNU_VERSION = "26.9.27"


@nox.session(python=PYTHON, default=False)
def site(session: nox.Session) -> None:
    """Check the built book in headless Chromium: offline, accessible, valid.

    Every page, in light and dark mode: no request leaves the site, math
    renders, images load and have alt text, axe-core finds no serious
    violation; plus valid HTML (Nu checker), internal links and anchors, and
    search. Screenshots go to docs/_build/screenshots. Needs a built book
    (``nox -s docs``), Chromium at /usr/bin/chromium, Java and npm. Pass a
    directory to check another build: ``nox -s site -- path/to/html``.
    """
    html = Path(session.posargs[0]) if session.posargs else BUILD / "html"
    if not (html / "index.html").is_file():
        session.error(f"No built book in {html}: run `nox -s docs` first.")
    site_group = nox.project.dependency_groups(PYPROJECT, "site")
    session.install("-c", str(CONSTRAINTS), *site_group, env=ENV)
    vnu_dir = Path(session.cache_dir) / f"vnu-{VNU_VERSION}"
    vnu_jar = vnu_dir / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not vnu_jar.is_file():
        session.run(
            "npm",
            "install",
            "--prefix",
            str(vnu_dir),
            "--no-audit",
            "--no-fund",
            f"vnu-jar@{VNU_VERSION}",
            external=True,
        )
    session.run(
        "python",
        str(DOCS / "_tools" / "site_check.py"),
        str(html),
        "--vnu-jar",
        str(vnu_jar),
        env=ENV,
    )


def run_check(session: nox.Session, script: str) -> None:
    """Run ``docs/_tools/<script>`` in the docs environment, passing options on."""
    install_book(session)
    session.run("python", str(DOCS / "_tools" / script), *session.posargs, env=ENV)


@nox.session(python=PYTHON, default=False)
def repro(session: nox.Session) -> None:
    """Build the book twice from scratch and compare every cell's outputs.

    Outputs must have the same text, figures and the site's wheel the same
    bytes. Slow: it executes every page twice. ``-- --keep`` keeps the builds.
    """
    run_check(session, "repro_check.py")


@nox.session(python=PYTHON, default=False)
def kernels(session: nox.Session) -> None:
    """Build the book under three BLAS configurations; compare what it states.

    OpenBLAS's Haswell and SkylakeX kernels, and Sandybridge on one thread,
    each from a fresh execution cache: every page must build, and every glued
    number must print the same under all three, because readers' machines
    (and Read the Docs, and GitHub's runners) pick other kernels than ours.
    Pass ``-- --keep`` to keep the builds.
    """
    run_check(session, "kernels_check.py")


@nox.session(python=PYTHON, default=False)
def notebooks(session: nox.Session) -> None:
    """Run every reader's notebook as on Colab and on Binder; compare outputs.

    The book is built with its set-up cells aimed at a local copy of the site;
    each notebook then runs in new environments without ``neurons``, which
    its set-up cell (or Binder's requirements.txt) installs from the site's
    wheel. Needs pip's index (or a local wheel cache) for the reader's packages.
    """
    run_check(session, "notebooks_check.py")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite, then every docstring example in the package."""
    install(session, "test", extras="keras")
    # Not in ENV: the book's kernels must keep their inline backend.
    env = {**ENV, "MPLBACKEND": "Agg"}
    session.run("pytest", *session.posargs, env=env)
    session.run(
        "pytest",
        "--doctest-modules",
        "-p",
        "no:cacheprovider",
        str(ROOT / "src" / "neurons"),
        env=env,
    )


@nox.session(python=PYTHON)
def doctest(session: nox.Session) -> None:
    """Run the book's ``{doctest}`` blocks with Sphinx's doctest builder.

    Notebook cells are not executed again: outputs come from the execution
    cache that ``nox -s docs`` filled (cells run only if the cache is cold).
    """
    install_book(session)
    session.run(*book.command("doctest", BUILD / "doctest", python="python"), env=ENV)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Lint and check formatting with ruff."""
    install_only = nox.project.dependency_groups(PYPROJECT, "lint")
    session.install("-c", str(CONSTRAINTS), *install_only, env=ENV)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """Type-check the package with mypy --strict."""
    install(session, "typecheck")
    session.run("mypy", "--strict", "src")


@nox.session(python=PYTHON, default=False)
def lock(session: nox.Session) -> None:
    """Refresh ``constraints.txt``, the pinned versions every session installs.

    Needs the network. Commit the result; the next build re-executes the book
    because the execution cache is keyed on this file.
    """
    session.install("uv")
    session.run(
        "uv",
        "pip",
        "compile",
        "pyproject.toml",
        "--all-extras",
        "--group",
        "dev",
        "--group",
        "site",
        "--universal",
        "--python-version",
        "3.11",
        "--upgrade",
        "-o",
        str(CONSTRAINTS),
    )


@nox.session(python=PYTHON, default=False)
def inventories(session: nox.Session) -> None:
    """Download fresh intersphinx inventories into docs/_inventories (online).

    The build itself never downloads: conf.py points intersphinx at the files
    kept in the repository.
    """
    sources = {
        "python": "https://docs.python.org/3.11/objects.inv",
        "sklearn": "https://scikit-learn.org/stable/objects.inv",
    }
    for name, url in sources.items():
        target = DOCS / "_inventories" / f"{name}.inv"
        session.log(f"{url} -> {target}")
        with urllib.request.urlopen(url, timeout=60) as response:
            target.write_bytes(response.read())


@nox.session(python=False, default=False)
def clean(session: nox.Session) -> None:
    """Remove the built book and its execution cache."""
    session.log(f"removing {BUILD}")
    shutil.rmtree(BUILD, ignore_errors=True)
    os.makedirs(BUILD, exist_ok=True)


@nox.session(python=PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Time neurons against scikit-learn, Keras and the BLAS floor (< 5 min).

    Prints a table and writes it as JSON and Markdown to docs/_build/bench.
    Pass options through, e.g. ``nox -s bench -- --repeats 5 --no-book``.
    """
    install_book(session, "test")
    session.run("python", str(DOCS / "_tools" / "bench.py"), *session.posargs, env=ENV)
