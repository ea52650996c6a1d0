"""Sphinx configuration: every page executed (MyST-NB, cached), offline.

Build it with docs/_tools/book.py (strict). MathJax is served from the site and
intersphinx reads the inventories kept in ``docs/_inventories``.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import shutil
import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as escape_xml

import mathjax  # django-static-mathjax: MathJax 3 as package data

import neurons

DOCS = Path(__file__).parent
ROOT = DOCS.parent
sys.path[:0] = [str(DOCS / "_ext"), str(DOCS / "_tools")]

from book import ENV

project = "Neurons to Networks"
author = "the Neurons to Networks contributors"
copyright = "2026, " + author
version = release = neurons.__version__
language = "en"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_book_theme",
    "sphinx_copybutton",
    "sphinx_design",
    "sphinx_exercise",
    "sphinx_proof",
    "sphinx_togglebutton",
    "sphinxcontrib.bibtex",
    "sphinxext.opengraph",
    "reader_notebooks",
    "author_year_labels",
    "upstream_fixes",
    "execution_times",
    "page_inputs",
]

exclude_patterns = [
    "_build",
    "_ext",
    "_inventories",
    "_ipython",
    "_tools",
    "**.ipynb_checkpoints",
    "README.md",
]
templates_path = ["_templates"]
nitpicky = True

# -- Notebook execution ----------------------------------------------------------
# jupyter-cache keys a page on its code cells only, so the cache folder is named
# after what else shapes the outputs: src/neurons, the pins, the kernels'
# IPython profile, and the BLAS kernel and threads (the kernels inherit ours).


def _blas() -> str:
    """Return the BLAS libraries NumPy loaded, their kernels and thread counts."""
    import numpy as np  # noqa: F401, PLC0415 (loads the BLAS threadpoolctl reads)
    from threadpoolctl import threadpool_info  # noqa: PLC0415

    return repr(
        sorted(
            (info["internal_api"], info.get("architecture"), info["num_threads"])
            for info in threadpool_info()
        )
    )


def _fingerprint() -> str:
    """Hash the BLAS in use, the package, the IPython profile and the pins."""
    digest = hashlib.sha256()
    digest.update(_blas().encode())
    sources = sorted((ROOT / "src" / "neurons").rglob("*.py"))
    profile = sorted((DOCS / "_ipython").rglob("*.py"))
    for path in [*sources, *profile, ROOT / "constraints.txt", ROOT / "pyproject.toml"]:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_CACHE_ROOT = DOCS / "_build" / ".jupyter_cache"
_CACHE = _CACHE_ROOT / _fingerprint()
# Keep the newest four caches (one per BLAS configuration), drop older ones.
_CACHE.mkdir(parents=True, exist_ok=True)
_CACHE.touch()
for _stale in sorted(_CACHE_ROOT.iterdir(), key=lambda p: p.stat().st_mtime)[:-4]:
    shutil.rmtree(_stale, ignore_errors=True)

nb_execution_mode = "cache"
nb_execution_cache_path = str(_CACHE)
nb_execution_raise_on_error = True
nb_execution_show_tb = True
# Fashion-MNIST training takes ~40 s alone, several times that on a busy machine.
nb_execution_timeout = 600
# MyST-NB's merge adds empty lines at cuts (executablebooks/MyST-NB#664, #690);
# the kernels send printed text in one piece (_ipython/.../10-one-stream-piece.py).
nb_merge_streams = False
nb_output_stderr = "warn"  # with -W: anything on stderr fails the build
nb_render_image_options = {"align": "center"}

# The kernels inherit the book's environment, and its IPython profile
# (deterministic SVG figures, print options, plot style).
for _name, _value in ENV.items():
    os.environ.setdefault(_name, _value)
os.environ["IPYTHONDIR"] = str(DOCS / "_ipython")

myst_enable_extensions = [
    "amsmath",
    "colon_fence",
    "deflist",
    "dollarmath",
    "substitution",
]
myst_dmath_double_inline = True
myst_heading_anchors = 3

# MathJax 3 from django-static-mathjax's package data, copied into _static.
_MATHJAX_ES5 = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
mathjax_path = "tex-mml-chtml.js"
mathjax3_config = {"tex": {"tags": "ams"}, "options": {"enableMenu": False}}

# Inventories kept in the repository (`nox -s inventories`); NumPy's and
# Matplotlib's are not, so references to them stay unlinked.
intersphinx_mapping = {
    "python": (
        "https://docs.python.org/3.11/",
        str(DOCS / "_inventories" / "python.inv"),
    ),
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

# The package's docstring examples run under pytest (`nox -s tests`), not here.
doctest_test_doctest_blocks = ""

autosummary_generate = True
autodoc_typehints = "none"  # numpydoc's Parameters sections carry the types
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()
numpydoc_xref_param_type = False

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "author_year"  # docs/_ext/author_year_labels.py
bibtex_reference_style = "author_year"
# Each page lists what it cites, and so does the bibliography page: by design.
suppress_warnings = ["bibtex.duplicate_citation"]
proof_minimal_theme = False
hide_solutions = False

html_theme = "sphinx_book_theme"
html_title = "Neurons to Networks"
html_static_path = ["_static", str(_MATHJAX_ES5)]
html_css_files = ["custom.css"]
# Where the sources and the site live: GitHub Actions and Read the Docs say so
# when they build (the book workflow passes the Pages URL as BOOK_BASEURL).
_DEFAULT_REPOSITORY = "https://github.com/neurons-to-networks/neurons-to-networks"
_DEFAULT_BASEURL = "https://neurons-to-networks.github.io/neurons-to-networks/"


def _repository_url() -> str:
    if os.environ.get("GITHUB_ACTIONS") == "true" and os.environ.get(
        "GITHUB_REPOSITORY"
    ):
        server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
        return f"{server}/{os.environ['GITHUB_REPOSITORY']}"
    clone_url = os.environ.get("READTHEDOCS_GIT_CLONE_URL", "")
    if clone_url.startswith("https://"):
        return clone_url.removesuffix(".git")
    return _DEFAULT_REPOSITORY


def _baseurl() -> str:
    url = (
        os.environ.get("BOOK_BASEURL")
        or os.environ.get("READTHEDOCS_CANONICAL_URL")
        or _DEFAULT_BASEURL
    )
    return url.rstrip("/") + "/"


html_theme_options: dict[str, Any] = {
    "repository_url": _repository_url(),
    "repository_branch": "main",
    "path_to_docs": "docs",
    "use_repository_button": True,
    "use_source_button": True,
    "use_download_button": True,
    "use_issues_button": False,
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "article_header_end": ["launch-buttons.html", "article-header-buttons.html"],
}

html_baseurl = _baseurl()  # also where the set-up cells get the wheel
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_social_cards = {"enable": False}  # drawn with a font it may download
ogp_enable_meta_description = True

copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True


def _write_sitemap(app: Any, exception: Exception | None) -> None:
    """Write sitemap.xml: every page under html_baseurl, in a stable order."""
    if exception is not None or app.builder.format != "html":
        return
    pages = sorted(name for name in app.env.found_docs if name != "404")
    urls = "".join(
        f"  <url><loc>{escape_xml(html_baseurl + app.builder.get_target_uri(name))}</loc></url>\n"
        for name in pages
    )
    Path(app.outdir, "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n",
        encoding="utf-8",
    )


def _resolve_reexports(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve ``neurons.MLP`` to ``neurons.mlp.MLP``, and so on.

    The API page documents each object where it is defined, but readers and
    docstrings use the short names that ``neurons`` re-exports. Any
    ``neurons.<name>...`` reference that Sphinx cannot find is looked up on
    the package and retried under the object's defining module.
    """
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target.startswith("neurons."):
        return None
    obj: Any = neurons
    canonical = "neurons"
    for part in target.split(".")[1:]:
        try:
            obj = getattr(obj, part)
        except AttributeError:
            return None
        module, qualname = (
            getattr(obj, "__module__", None),
            getattr(obj, "__qualname__", None),
        )
        if inspect.ismodule(obj):
            canonical = obj.__name__
        elif (inspect.isclass(obj) or inspect.isfunction(obj)) and module and qualname:
            canonical = f"{module}.{qualname}"
        else:
            canonical = f"{canonical}.{part}"
    if canonical == target:
        return None
    return env.get_domain("py").resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], canonical, node, contnode
    )


def setup(app: Any) -> dict[str, Any]:
    app.connect("missing-reference", _resolve_reexports)
    app.connect("build-finished", _write_sitemap)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
