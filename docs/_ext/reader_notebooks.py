"""Readers' notebooks: every page as a notebook that runs outside the book.

The theme's own launch buttons open a page's MyST source, which Colab cannot
read, so this extension (public Sphinx, nbformat and hatchling APIs only):

1. puts the ``neurons`` wheel on the site (``wheels/``; hatchling fixes its
   timestamps, so the same sources give the same bytes);
2. writes each executed page as ``_sources/<page>.ipynb``, outputs cleared
   (the reader runs it), after a visible set-up cell that installs that wheel
   and MyST-NB (for ``glue``) where missing and applies the book's print
   options and plot style; the theme's download button offers it, and
   ``_templates/launch-buttons.html`` renders Binder and Colab links to it on
   the ``notebooks`` branch;
3. writes that branch to ``_build/notebooks``, with Binder's requirements.

Pages with ``launch_buttons: false`` in their front matter get neither.
"""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_tools"))
from book import NOTEBOOKS_BRANCH, SETUP_CELL_ID

BINDER = "https://mybinder.org"
COLAB = "https://colab.research.google.com"
IMPORTS_KERAS = re.compile(r"^\s*(?:import|from)\s+keras\b", re.MULTILINE)

KERAS_BACKEND = (
    'import os\n\nos.environ.setdefault("KERAS_BACKEND", "jax")  # as the book\n'
)
SETUP_TEMPLATE = """\
# @title Set up as the book does
# Installs neurons {version} (the package this page was built with) and
# MyST-NB (for glue) where they are missing, e.g. on Colab.
import importlib.util
{keras}
if not all(importlib.util.find_spec(m) for m in ("neurons", "myst_nb"{modules})):
    %pip install --quiet "neurons[{extras}] @ {wheel_url}" "myst-nb=={myst_nb}"

# The book's print options and plot style ({settings_source}):
{settings}"""


def book_settings(startup_file: Path) -> str:
    """Return the code of the kernels' start-up file, without its docstring."""
    source = startup_file.read_text(encoding="utf-8")
    if source.startswith('"""'):
        source = source.split('"""', 2)[2]
    return source.strip() + "\n"


def setup_cell(
    *, version: str, wheel_url: str, keras: bool, settings: str, settings_source: str
) -> Any:
    """Return the set-up cell for a page (``keras``: the page imports Keras)."""
    source = SETUP_TEMPLATE.format(
        version=version,
        keras=KERAS_BACKEND if keras else "",
        modules=', "keras"' if keras else "",
        extras="book,keras" if keras else "book",
        wheel_url=wheel_url,
        myst_nb=importlib.metadata.version("myst-nb"),
        settings_source=settings_source,
        settings=settings,
    )
    cell = nbformat.v4.new_code_cell(source)
    cell["id"] = SETUP_CELL_ID
    return cell


def reader_notebook(executed: Any, setup: Any) -> Any:
    """Return ``executed`` with its outputs cleared, after the ``setup`` cell."""
    notebook = nbformat.from_dict(executed)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    notebook.cells.insert(0, setup)
    return notebook


def launch_links(repository_url: str, notebook: str) -> list[dict[str, str]]:
    """Return the theme's link buttons for Binder and Colab to ``notebook``."""
    owner_repo = repository_url.removeprefix("https://github.com/").strip("/")
    if (
        not repository_url.startswith("https://github.com/")
        or owner_repo.count("/") != 1
    ):
        message = (
            "Binder and Colab links need a GitHub repository URL like "
            f"'https://github.com/owner/name'; repository_url is {repository_url!r}"
        )
        raise ValueError(message)
    return [
        {
            "type": "link",
            "text": "Binder",
            "tooltip": "Run this page on Binder",
            "icon": "_static/images/logo_binder.svg",
            "url": f"{BINDER}/v2/gh/{owner_repo}/{NOTEBOOKS_BRANCH}?urlpath=lab/tree/{notebook}",
        },
        {
            "type": "link",
            "text": "Colab",
            "tooltip": "Run this page on Colab",
            "icon": "_static/images/logo_colab.png",
            "url": f"{COLAB}/github/{owner_repo}/blob/{NOTEBOOKS_BRANCH}/{notebook}",
        },
    ]


# -- Sphinx --------------------------------------------------------------------------


def _wheel_url(app: Any) -> str:
    wheel = f"neurons-{app.config.release}-py3-none-any.whl"
    return f"{app.config.html_baseurl.rstrip('/')}/wheels/{wheel}"


def _build_wheel(app: Any) -> None:
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "wheels"
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(target)],
        cwd=Path(app.confdir).parent,
        check=True,
        capture_output=True,
    )


def _write_notebook(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    del templatename, doctree
    metadata = app.env.metadata.get(pagename, {})
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    # Front matter reaches the metadata as text: launch_buttons: false is "False".
    wanted = str(metadata.get("launch_buttons", True)).lower() != "false"
    if "kernelspec" not in metadata or not executed.is_file() or not wanted:
        return
    notebook = nbformat.read(executed, as_version=4)
    startup = Path(app.confdir) / "_ipython/profile_default/startup/00-book.py"
    setup = setup_cell(
        version=app.config.release,
        wheel_url=_wheel_url(app),
        keras=any(
            cell.cell_type == "code" and IMPORTS_KERAS.search(cell.source)
            for cell in notebook.cells
        ),
        settings=book_settings(startup),
        settings_source=startup.relative_to(Path(app.confdir).parent).as_posix(),
    )
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(reader_notebook(notebook, setup), target)
    context["ipynb_source"] = f"{pagename}.ipynb"  # the theme's download button
    repository = app.config.html_theme_options["repository_url"]
    context["launch_links"] = launch_links(repository, f"{pagename}.ipynb")


def _write_branch(app: Any, exception: Exception | None) -> None:
    """Write ``_build/notebooks``, the ``notebooks`` branch, from every page."""
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.outdir).parent / "notebooks"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = Path(app.outdir) / "_sources"
    for path in sorted(sources.rglob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        if cells and cells[0].get("id") == SETUP_CELL_ID:
            target = folder / path.relative_to(sources)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    root = Path(app.confdir).parent
    shutil.copyfile(root / "constraints.txt", folder / "constraints.txt")
    (folder / "requirements.txt").write_text(
        "# Binder installs this: the book's package and MyST-NB, at the book's pins.\n"
        "-c constraints.txt\n"
        f"neurons[book,keras] @ {_wheel_url(app)}\n"
        "myst-nb\n",
        encoding="utf-8",
    )
    (folder / "runtime.txt").write_text("python-3.11\n", encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    """Register the build's hooks."""
    app.connect("builder-inited", _build_wheel)
    app.connect("html-page-context", _write_notebook)
    app.connect("build-finished", _write_branch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
