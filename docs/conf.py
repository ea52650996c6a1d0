"""Sphinx configuration for *Neurons to Networks*.

The build is strict (``-n -W --keep-going``), executes every notebook page
(MyST-NB with a jupyter-cache), and is offline once the environment is
installed: MathJax is served from the site, and intersphinx reads inventories
kept in ``docs/_inventories``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

import mathjax  # django-static-mathjax: MathJax 3 as package data

import neurons

DOCS = Path(__file__).parent
ROOT = DOCS.parent

# -- Project -------------------------------------------------------------------
project = "Neurons to Networks"
author = "the Neurons to Networks contributors"
copyright = "2026, " + author  # noqa: A001
version = release = neurons.__version__
language = "en"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "numpydoc",
    "sphinx_book_theme",
    "sphinx_copybutton",
    "sphinx_design",
    "sphinx_exercise",
    "sphinx_proof",
    "sphinx_togglebutton",
    "sphinxcontrib.bibtex",
]

exclude_patterns = ["_build", "_inventories", "**.ipynb_checkpoints", "README.md"]
templates_path = ["_templates"]
nitpicky = True

# -- Notebook execution ----------------------------------------------------------
# Every page is a MyST text notebook, executed at every build. jupyter-cache
# keys a notebook only on its code cells, so a change to the package or to
# the pinned dependencies would not re-execute anything. The cache folder is
# therefore named after a hash of src/neurons and constraints.txt: change
# either and the pages run again.


def _fingerprint() -> str:
    digest = hashlib.sha256()
    sources = sorted((ROOT / "src" / "neurons").rglob("*.py"))
    for path in [*sources, ROOT / "constraints.txt", ROOT / "pyproject.toml"]:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_CACHE_ROOT = DOCS / "_build" / ".jupyter_cache"
_CACHE = _CACHE_ROOT / _fingerprint()
if _CACHE_ROOT.is_dir():  # drop caches of older package versions
    for stale in _CACHE_ROOT.iterdir():
        if stale != _CACHE:
            shutil.rmtree(stale, ignore_errors=True)

nb_execution_mode = "cache"
nb_execution_cache_path = str(_CACHE)
nb_execution_raise_on_error = True  # a cell that raises fails the build
nb_execution_show_tb = True  # ... and its traceback is in the log
nb_execution_timeout = 180  # seconds per cell
nb_execution_excludepatterns: list[str] = []
nb_merge_streams = True
nb_render_image_options = {"align": "center"}

# The kernels inherit this environment: Keras on JAX, on the CPU, quiet.
os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("PYTHONHASHSEED", "0")
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

myst_enable_extensions = [
    "amsmath",
    "colon_fence",
    "deflist",
    "dollarmath",
    "substitution",
]
myst_dmath_double_inline = True
myst_heading_anchors = 3

# -- Math: MathJax 3 served from this site, never from a CDN ---------------------
# django-static-mathjax ships MathJax as package data; the build copies the
# combined component and its fonts into _static/mathjax (see setup below).
_MATHJAX_ES5 = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
mathjax_path = "mathjax/tex-mml-chtml.js"
mathjax3_config = {
    "tex": {"tags": "ams"},
    "options": {"enableMenu": False},
}

# -- Cross-references, offline ---------------------------------------------------
# Inventories are files in the repository (`nox -s inventories` refreshes them
# when online); nothing is downloaded at build time. NumPy and Matplotlib
# publish no inventory we can get offline, so references to them stay
# unlinked (and are not errors): see nitpick_ignore_regex.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3.11/", str(DOCS / "_inventories" / "python.inv")),
    "sklearn": (
        "https://scikit-learn.org/stable/",
        str(DOCS / "_inventories" / "sklearn.inv"),
    ),
}
intersphinx_timeout = 1
nitpick_ignore_regex = [
    (r"py:.*", r"(numpy|np|matplotlib|mpl)(\..*)?"),
    (r"py:.*", r"(ndarray|NDArray|ArrayLike|Axes|Figure|FuncAnimation)"),
    (r"py:.*", r"npt\..*"),
]

# -- API reference -----------------------------------------------------------------
autosummary_generate = True
autodoc_typehints = "none"  # numpydoc's Parameters sections carry the types
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()
numpydoc_xref_param_type = False

# -- Citations -----------------------------------------------------------------------
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "alpha"
bibtex_reference_style = "author_year"

# -- Proofs and exercises -------------------------------------------------------
proof_minimal_theme = False
hide_solutions = False

# -- HTML ----------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "Neurons to Networks"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_last_updated_fmt = None
html_copy_source = True
html_show_sourcelink = True
html_theme_options: dict[str, Any] = {
    "repository_url": "https://github.com/neurons-to-networks/neurons-to-networks",
    "repository_branch": "main",
    "path_to_docs": "docs",
    "use_repository_button": True,
    "use_source_button": True,
    "use_download_button": True,
    "use_issues_button": False,
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
}

copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True

# Deterministic SVG output from matplotlib in the executed notebooks is set in
# the pages' own first cell (rcParams), since the kernels are separate
# processes.


def _copy_mathjax(app: Any, exception: Exception | None) -> None:
    """Copy MathJax's combined component and fonts into the built site."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "mathjax"
    shutil.copytree(
        _MATHJAX_ES5,
        target,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("*.map", "mml-chtml.js", "mml-svg.js", "tex-svg*"),
    )


def setup(app: Any) -> dict[str, Any]:
    app.connect("build-finished", _copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
