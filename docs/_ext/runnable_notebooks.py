"""Make the book's pages run outside the book: on Binder, on Colab, anywhere.

A page of the book is a notebook that MyST-NB executes at build time. A reader
who downloads it, or opens it on Binder or Colab, gets the same notebook,
with one hidden cell added at the top. Three pieces make that work:

1. **A wheel of ``neurons`` on the site.** Every HTML build writes
   ``wheels/neurons-<version>-py3-none-any.whl``, built in-process by
   hatchling from the very sources that executed the pages, so the package
   a reader installs is the one whose outputs the pages show. hatchling
   fixes the timestamps in the archive, so two builds give the same bytes.
2. **A hidden set-up cell.** The notebook of every page whose code imports
   ``neurons`` starts with a cell that installs ``neurons`` from that wheel
   (with the extras the page needs) when it is missing or another version,
   stands in for MyST-NB's ``glue()`` where MyST-NB is not installed, then
   applies the book's print options and plot style, read from the kernels'
   IPython start-up file, so that the notebook prints what the page shows.
   It is tagged ``remove-cell``, collapsed in
   Jupyter (``source_hidden``) and shown as a titled form in Colab. These
   notebooks are what the download button serves (``_sources/<page>.ipynb``)
   and what ``_build/notebooks/`` holds: the contents of the ``notebooks``
   branch, which the book workflow publishes for Binder and Colab (Colab can
   open ``.ipynb`` files from GitHub only, and cannot read MyST Markdown).
   They carry the outputs from the execution cache and stable cell ids, so
   an unchanged book gives the same files.
3. **Launch buttons.** Those pages get a rocket menu with Binder and Colab
   links to their notebook on the ``notebooks`` branch.

Pages whose code does not use ``neurons``, and pages that set
``launch_buttons: false`` in their front matter (the performance appendix,
which reads a file recorded beside it), keep their plain download and get no
buttons.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import nbformat
from hatchling.builders.wheel import WheelBuilder
from jupyter_cache import get_cache
from sphinx.util import logging

# What a page's imports need installed beyond ``neurons`` itself: the extras of
# pyproject.toml, and the modules whose presence shows each extra is there.
_BOOK_EXTRA = ("book", ("sklearn",))
_KERAS_EXTRA = ("keras", ("keras", "jax"))
_IMPORTS_NEURONS = re.compile(r"^\s*(?:import|from)\s+neurons\b", re.MULTILINE)
_IMPORTS_KERAS = re.compile(r"^\s*(?:import|from)\s+keras\b", re.MULTILINE)

SETUP_CELL_ID = "book-setup"
LOGGER = logging.getLogger(__name__)

_SETUP_TEMPLATE = """\
# @title Set up as the book does (this cell is hidden on the website)
# Installs `neurons` {version}, the package this page was built with, where
# it is missing (Colab, Binder, a new environment), with {with_extras}.
# Then applies the book's print options and plot style.
{imports}
try:
    _ready = importlib.metadata.version("neurons") == "{version}"
except importlib.metadata.PackageNotFoundError:
    _ready = False
_ready = _ready and all(importlib.util.find_spec(m) for m in ({modules}))
if not _ready:
    %pip install --quiet "{requirement}"

# The pages save numbers for their prose with MyST-NB's glue(). Outside the
# book, glue() only has to show what it is given: when MyST-NB is not
# installed, a stand-in does that.
if importlib.util.find_spec("myst_nb") is None:
    import sys
    import types

    import IPython.display

    def _glue(name, variable, display=True):
        if display:
            IPython.display.display(variable)

    sys.modules["myst_nb"] = types.ModuleType("myst_nb")
    sys.modules["myst_nb"].glue = _glue

# The book's print options and plot style, from
# {settings_source}:
{settings}"""


def book_settings(startup_file: Path) -> str:
    """Return the code of the kernels' start-up file, without its docstring."""
    source = startup_file.read_text(encoding="utf-8")
    tree = ast.parse(source)
    first = tree.body[0] if tree.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        source = "\n".join(source.splitlines()[first.end_lineno or 0 :])
    return source.strip() + "\n"


def setup_cell_source(
    *, version: str, wheel_url: str, keras: bool, settings: str, settings_source: str
) -> str:
    """Return the code of the set-up cell for a page (``keras``: it uses Keras)."""
    extras = [_BOOK_EXTRA] + ([_KERAS_EXTRA] if keras else [])
    names = ",".join(name for name, _ in extras)
    modules = [module for _, group in extras for module in group]
    imports = "import importlib.metadata\nimport importlib.util\n"
    if keras:
        imports += (
            "import os\n\n"
            'os.environ.setdefault("KERAS_BACKEND", "jax")  # the book runs Keras on JAX\n'
        )
    return _SETUP_TEMPLATE.format(
        version=version,
        with_extras="scikit-learn" + (" and Keras" if keras else ""),
        imports=imports,
        modules=", ".join(f'"{module}"' for module in modules)
        + ("," if len(modules) == 1 else ""),
        requirement=f"neurons[{names}] @ {wheel_url}",
        settings_source=settings_source,
        settings=settings,
    )


def with_setup_cell(notebook: Any, source: str) -> Any:
    """Return a copy of ``notebook`` whose first cell is the hidden set-up cell."""
    notebook = copy.deepcopy(notebook)
    cell = nbformat.v4.new_code_cell(
        source,
        metadata={
            "tags": ["remove-cell"],  # Jupyter Book and MyST-NB: not rendered
            "jupyter": {"source_hidden": True},  # JupyterLab: collapsed
            "cellView": "form",  # Colab: the @title, not the code
        },
    )
    cell["id"] = SETUP_CELL_ID  # not nbformat's random id: builds reproduce
    notebook.cells.insert(0, cell)
    return notebook


def uses(pattern: re.Pattern[str], notebook: Any) -> bool:
    """Whether any code cell of ``notebook`` matches ``pattern``."""
    return any(
        cell.cell_type == "code" and pattern.search(cell.source)
        for cell in notebook.cells
    )


def launch_links(
    repository_url: str, branch: str, notebook: str, binderhub: str, colab: str
) -> list[dict[str, str]]:
    """Return sphinx-book-theme link buttons for Binder and Colab."""
    parts = urlsplit(repository_url)
    owner_repo = parts.path.strip("/").removesuffix(".git")
    if parts.netloc != "github.com" or owner_repo.count("/") != 1:
        message = (
            "launch buttons need a GitHub repository URL like "
            f"'https://github.com/owner/name'; repository_url is {repository_url!r}"
        )
        raise ValueError(message)
    urlpath = quote(f"lab/tree/{notebook}", safe="")
    return [
        {
            "type": "link",
            "text": "Binder",
            "tooltip": "Run this page on Binder",
            "icon": "_static/images/logo_binder.svg",
            "url": f"{binderhub}/v2/gh/{owner_repo}/{branch}?urlpath={urlpath}",
            "label": "launch-binder-button",
        },
        {
            "type": "link",
            "text": "Colab",
            "tooltip": "Run this page on Colab",
            "icon": "_static/images/logo_colab.png",
            "url": f"{colab}/github/{owner_repo}/blob/{branch}/{notebook}",
            "label": "launch-colab-button",
        },
    ]


# -- Sphinx ----------------------------------------------------------------------------


def _notebooks_dir(app: Any) -> Path:
    return Path(app.outdir).parent / "notebooks"


def _wheel_name(app: Any) -> str:
    return f"neurons-{app.config.release}-py3-none-any.whl"


def _build_wheel(app: Any) -> None:
    """Write the wheel of ``neurons`` into the site's ``wheels/`` folder."""
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "wheels"
    shutil.rmtree(target, ignore_errors=True)
    builder = WheelBuilder(str(app.config.runnable_notebooks_project))
    built = [
        Path(p) for p in builder.build(directory=str(target), versions=["standard"])
    ]
    if [p.name for p in built] != [_wheel_name(app)]:
        message = f"expected the wheel {_wheel_name(app)}, hatchling built {built}"
        raise RuntimeError(message)


def _wheel_url(app: Any) -> str:
    return f"{app.config.html_baseurl.rstrip('/')}/wheels/{_wheel_name(app)}"


def with_outputs(app: Any, pagename: str, notebook: Any) -> Any:
    """Return ``notebook`` with its outputs from the execution cache.

    MyST-NB (1.4) writes ``jupyter_execute/<page>.ipynb`` from the notebook
    it parsed. When it executes the page, that notebook holds the outputs;
    when the cache already has them, it renders the page from a merged copy
    and writes the notebook *without outputs*. Readers' notebooks therefore
    take the outputs from the cache, as the rendered page does.
    """
    if app.config.nb_execution_mode != "cache":
        return notebook
    cache = get_cache(app.config.nb_execution_cache_path)
    try:
        _, merged = cache.merge_match_into_notebook(notebook)
    except KeyError:
        LOGGER.warning(
            "runnable_notebooks: no executed copy of %s in the cache", pagename
        )
        return notebook
    return with_stable_ids(merged)


def with_stable_ids(notebook: Any) -> Any:
    """Give every cell an id made from its position and source.

    MyST-NB gives the cells of a text notebook random ids at every read, so
    two builds of an unchanged page would offer different files.
    """
    for index, cell in enumerate(notebook.cells):
        digest = hashlib.sha256(f"{index}\n{cell.source}".encode()).hexdigest()
        cell["id"] = f"cell-{digest[:12]}"
    return notebook


def _notebook_for_readers(app: Any, pagename: str) -> tuple[Any, bool] | None:
    """Return the page's executed notebook as readers get it, and whether it launches.

    ``None`` when the page is not a notebook. A launchable notebook (its code
    imports ``neurons`` and its front matter does not say
    ``launch_buttons: false``) starts with the set-up cell.
    """
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    metadata = app.env.metadata.get(pagename, {})
    if "kernelspec" not in metadata or not executed.is_file():
        return None
    notebook = with_outputs(app, pagename, nbformat.read(executed, as_version=4))
    # Front matter reaches the metadata as text: launch_buttons: false is "False".
    wanted = str(metadata.get("launch_buttons", True)).strip().lower() != "false"
    if not wanted or not uses(_IMPORTS_NEURONS, notebook):
        return notebook, False
    config = app.config
    startup = Path(config.runnable_notebooks_settings)
    source = setup_cell_source(
        version=config.release,
        wheel_url=_wheel_url(app),
        keras=uses(_IMPORTS_KERAS, notebook),
        settings=book_settings(startup),
        settings_source=startup.relative_to(
            config.runnable_notebooks_project
        ).as_posix(),
    )
    return with_setup_cell(notebook, source), True


def _write_notebook(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Offer the page's notebook for download, and launch it if it can run elsewhere.

    sphinx-book-theme copies the ``.ipynb`` to ``_sources`` only when its own
    launch buttons are configured; this takes their place.
    """
    del templatename, doctree
    prepared = _notebook_for_readers(app, pagename)
    if prepared is None:
        return
    notebook, launchable = prepared
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["ipynb_source"] = f"{pagename}.ipynb"
    if launchable:
        config = app.config
        context["runnable_notebooks_launch"] = launch_links(
            config.html_theme_options["repository_url"],
            config.runnable_notebooks_branch,
            f"{pagename}.ipynb",
            config.runnable_notebooks_binderhub_url.rstrip("/"),
            config.runnable_notebooks_colab_url.rstrip("/"),
        )


def _add_launch_buttons(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put the rocket menu first among the page's header buttons, as the theme does."""
    del app, pagename, templatename, doctree
    if context.get("runnable_notebooks_launch") and "header_buttons" in context:
        context["header_buttons"].insert(
            0,
            {
                "type": "group",
                "tooltip": "Run this page on Binder or Colab",
                "icon": "fas fa-rocket",
                "buttons": context["runnable_notebooks_launch"],
                "label": "launch-buttons",
            },
        )


_BRANCH_README = """\
# Notebooks of *Neurons to Networks*

Generated by the book's build from <{source}>: do not edit them here, edit
the pages.

Each notebook is a page of the book as it was executed. Its hidden first
cell installs `neurons` {version}, when it is missing, from

    {wheel_url}

Binder builds its image from `requirements.txt` (the package, with the
versions the book was built with) and `runtime.txt`.

{pages}
"""


def _write_branch(app: Any, exception: Exception | None) -> None:
    """Write ``_build/notebooks``: the contents of the ``notebooks`` branch.

    Rewritten whole at every build (from every page, not only the pages this
    build wrote), so it never keeps the notebook of a page that changed.
    """
    if exception is not None or app.builder.format != "html":
        return
    folder = _notebooks_dir(app)
    shutil.rmtree(folder, ignore_errors=True)
    notebooks = []
    for pagename in sorted(app.env.found_docs):
        prepared = _notebook_for_readers(app, pagename)
        if prepared is not None and prepared[1]:
            path = folder / f"{pagename}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(prepared[0], path)
            notebooks.append(path.relative_to(folder).as_posix())
    if not notebooks:
        return
    config = app.config
    project = Path(config.runnable_notebooks_project)
    shutil.copyfile(project / "constraints.txt", folder / "constraints.txt")
    (folder / "requirements.txt").write_text(
        "# Binder installs this when it builds the image: the book's package, with\n"
        "# the versions of everything that the book was built with.\n"
        "-c constraints.txt\n"
        f"neurons[{_BOOK_EXTRA[0]},{_KERAS_EXTRA[0]}] @ {_wheel_url(app)}\n",
        encoding="utf-8",
    )
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    requires = pyproject["project"]["requires-python"]
    minimum = re.fullmatch(r">=\s*(\d+\.\d+)", requires)
    (folder / "runtime.txt").write_text(
        f"python-{minimum.group(1) if minimum else '3.11'}\n", encoding="utf-8"
    )
    (folder / "README.md").write_text(
        _BRANCH_README.format(
            source=config.html_theme_options["repository_url"],
            version=config.release,
            wheel_url=_wheel_url(app),
            pages="\n".join(f"- `{name}`" for name in notebooks),
        ),
        encoding="utf-8",
    )


def setup(app: Any) -> dict[str, Any]:
    """Register the configuration values and the build's hooks."""
    root = Path(app.confdir).parent
    app.add_config_value("runnable_notebooks_project", str(root), "html")
    app.add_config_value(
        "runnable_notebooks_settings",
        str(
            Path(app.confdir)
            / "_ipython"
            / "profile_default"
            / "startup"
            / "00-book.py"
        ),
        "html",
    )
    app.add_config_value("runnable_notebooks_branch", "notebooks", "html")
    app.add_config_value(
        "runnable_notebooks_binderhub_url", "https://mybinder.org", "html"
    )
    app.add_config_value(
        "runnable_notebooks_colab_url", "https://colab.research.google.com", "html"
    )
    app.connect("builder-inited", _build_wheel)
    # Before sphinx-book-theme builds its header buttons (priority 501) ...
    app.connect("html-page-context", _write_notebook, priority=400)
    # ... and after: the theme's prep_header_buttons resets the list.
    app.connect("html-page-context", _add_launch_buttons, priority=502)
    app.connect("build-finished", _write_branch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
