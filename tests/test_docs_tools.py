"""Unit tests of the book's tooling: docs/_tools and docs/_ext, on tiny inputs.

No book is built here: each check's comparison and parsing functions run on
hand-made notebooks and pages, and the upstream workaround is pinned down.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from ipykernel.iostream import OutStream
from IPython.core.inputtransformer2 import TransformerManager
from myst_nb.core.utils import coalesce_streams

DOCS = Path(__file__).resolve().parents[1] / "docs"
sys.path[:0] = [str(DOCS / "_tools"), str(DOCS / "_ext")]

import book
import kernels_check
import notebooks_check
import reader_notebooks
import repro_check
import site_check


def stream(text, name="stdout"):
    return {"output_type": "stream", "name": name, "text": text}


def result(plain, **data):
    return {
        "output_type": "execute_result",
        "execution_count": 1,
        "metadata": {},
        "data": {"text/plain": plain, **data},
    }


def code(*outputs, tags=()):
    return nbformat.v4.new_code_cell(
        "x", outputs=list(outputs), metadata={"tags": list(tags)}
    )


# -- book.py: one strict command -----------------------------------------------------


def test_command_is_strict_and_names_its_python():
    line = book.command("html", Path("out"), "-q", python="python")
    assert line[:5] == ["python", "-m", "sphinx", "-b", "html"]
    assert {"-n", "-W", "--keep-going"} <= set(line)
    assert line[-2:] == [str(book.DOCS), "out"]


def test_build_environment_runs_keras_on_jax_with_a_fixed_seed():
    assert book.ENV["KERAS_BACKEND"] == "jax"
    assert book.ENV["PYTHONHASHSEED"] == "0"


# -- repro_check: two builds, output by output ------------------------------------------


def test_cell_outputs_join_pieces_of_one_stream_and_drop_volatile_fields():
    cell = code(stream("a"), stream("\nb\n"), stream("!", "stderr"), result("1"))
    assert repro_check.cell_outputs(cell) == [
        stream("a\nb\n"),
        stream("!", "stderr"),
        {"output_type": "execute_result", "data": {"text/plain": "1"}},
    ]


def test_compare_notebooks_finds_changed_text_and_figures_only():
    svg = {"image/svg+xml": "<svg/>"}
    first = [code(stream("1.0\n"), result("<Figure>", **svg))]
    same = [code(stream("1.0"), stream("\n"), result("<Figure>", **svg))]
    assert repro_check.compare_notebooks("p", first, same) == []
    changed = [
        code(stream("1.1\n"), result("<Figure>", **{"image/svg+xml": "<svg />"}))
    ]
    assert repro_check.compare_notebooks("p", first, changed) == [
        "p cell 0 output 0: stream text differs",
        "p cell 0 output 1: image/svg+xml differs",
    ]
    assert repro_check.compare_notebooks("p", first, []) == ["p: 1 cells != 0 cells"]


def test_compare_notebooks_skips_timing_cells():
    first = [code(stream("0.12 s\n"), tags=["timing"])]
    second = [code(stream("0.34 s\n"), tags=["timing"])]
    assert repro_check.compare_notebooks("p", first, second) == []


def test_compare_wheels_byte_for_byte(tmp_path):
    for site, content in (("a", b"1"), ("b", b"2")):
        (tmp_path / site / "wheels").mkdir(parents=True)
        (tmp_path / site / "wheels" / "neurons.whl").write_bytes(content)
    assert repro_check.compare_wheels(tmp_path / "a", tmp_path / "a") == []
    assert repro_check.compare_wheels(tmp_path / "a", tmp_path / "b") == [
        "neurons.whl: not byte-identical"
    ]


# -- kernels_check: glued values must read the same everywhere ----------------------


def glue_output(name, plain):
    return {
        "output_type": "display_data",
        "metadata": {"scrapbook": {"name": name, "mime_prefix": ""}},
        "data": {"text/plain": plain},
    }


def write_page(folder, *cells):
    folder.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.v4.new_notebook(cells=list(cells))
    nbformat.write(nbformat.from_dict(notebook), folder / "page.ipynb")
    return folder


def test_glued_and_printed_values_are_read_per_page(tmp_path):
    folder = write_page(
        tmp_path, code(glue_output("accuracy", "0.95"), stream("w = [1.0]\n"))
    )
    assert kernels_check.glued(folder) == {"page:accuracy": "0.95"}
    assert kernels_check.printed(folder) == {"page cell 0 output 0": "w = [1.0]\n"}


def test_differences_name_the_key_and_each_configuration():
    values = {"a": {"p:x": "0.95", "p:y": "1"}, "b": {"p:x": "0.96", "p:y": "1"}}
    assert kernels_check.differences(values) == ["p:x: a: '0.95'; b: '0.96'"]
    assert kernels_check.differences({"a": {"p:x": "1"}, "b": {}}) == [
        "p:x: a: '1'; b: '<missing>'"
    ]


# -- notebooks_check: a reader's run against the book's outputs ---------------------


def test_reader_run_compares_text_not_figure_formats():
    book_nb = nbformat.v4.new_notebook(
        cells=[code(stream("1\n"), result("<Figure>", **{"image/svg+xml": "<svg/>"}))]
    )
    setup = nbformat.v4.new_code_cell("%pip install neurons")
    setup["id"] = book.SETUP_CELL_ID
    png = {"image/png": "iVBOR"}
    reader = nbformat.v4.new_notebook(
        cells=[setup, code(stream("1"), stream("\n"), result("<Figure>", **png))]
    )
    assert notebooks_check.compare("p", book_nb, reader) == []
    reader.cells[1].outputs[0]["text"] = "2"
    assert notebooks_check.compare("p", book_nb, reader) == [
        "p cell 0 output 0: stream text differs"
    ]


# -- reader_notebooks: the readers' notebooks and their links ------------------------


def test_setup_cell_installs_the_wheel_and_is_valid_ipython():
    settings = reader_notebooks.book_settings(
        DOCS / "_ipython" / "profile_default" / "startup" / "00-book.py"
    )
    assert '"""' not in settings
    assert "np.set_printoptions" in settings
    for keras in (False, True):
        cell = reader_notebooks.setup_cell(
            version="0.1.0",
            wheel_url="https://example.org/wheels/neurons-0.1.0-py3-none-any.whl",
            keras=keras,
            settings=settings,
            settings_source="startup.py",
        )
        assert cell["id"] == book.SETUP_CELL_ID
        extras = "book,keras" if keras else "book"
        assert f'"neurons[{extras}] @ https://example.org/wheels/' in cell.source
        assert ('"KERAS_BACKEND", "jax"' in cell.source) is keras
        compile(TransformerManager().transform_cell(cell.source), "setup", "exec")


def test_reader_notebook_has_no_outputs_and_starts_with_the_setup_cell():
    executed = nbformat.v4.new_notebook(cells=[code(stream("1\n"))])
    executed.cells[0].execution_count = 3
    setup = nbformat.v4.new_code_cell("pass")
    notebook = reader_notebooks.reader_notebook(executed, setup)
    assert notebook.cells[0] is setup
    assert notebook.cells[1].outputs == []
    assert notebook.cells[1].execution_count is None
    assert executed.cells[0].outputs, "the executed notebook is left as it was"


def test_launch_links_open_the_notebooks_branch_and_need_github():
    binder, colab = reader_notebooks.launch_links(
        "https://github.com/owner/name", "page.ipynb"
    )
    assert binder["url"] == (
        "https://mybinder.org/v2/gh/owner/name/notebooks?urlpath=lab/tree/page.ipynb"
    )
    assert colab["url"] == (
        "https://colab.research.google.com/github/owner/name/blob/notebooks/page.ipynb"
    )
    with pytest.raises(ValueError, match=re.escape("is 'https://gitlab.com/o/n'")):
        reader_notebooks.launch_links("https://gitlab.com/o/n", "page.ipynb")


# -- site_check: the pure helpers --------------------------------------------------------


def test_alt_text_that_is_a_file_name_is_caught():
    assert site_check._looks_like_file_name("plot.svg", "_images/plot.svg")
    assert site_check._looks_like_file_name("abc", "_images/abc")
    assert not site_check._looks_like_file_name("A sigmoid curve", "_images/a.svg")


def make_site(root, *, setup_id=book.SETUP_CELL_ID, colab_branch="notebooks"):
    binder, colab = reader_notebooks.launch_links(
        "https://github.com/o/n", "page.ipynb"
    )
    colab_url = colab["url"].replace("/notebooks/", f"/{colab_branch}/")
    (root / "_sources").mkdir(parents=True)
    (root / "wheels").mkdir()
    (root / "wheels" / "neurons-0.1.0-py3-none-any.whl").write_bytes(b"")
    setup = "%pip install neurons @ http://x/wheels/neurons-0.1.0-py3-none-any.whl"
    cells = [{"id": setup_id, "source": setup}]
    (root / "_sources" / "page.ipynb").write_text(json.dumps({"cells": cells}))
    (root / "page.html").write_text(
        '<div class="cell" id="top"></div><a href="#top">top</a>'
        '<a href="_sources/page.ipynb">.ipynb</a>'
        f'<a href="{binder["url"]}">B</a><a href="{colab_url}">C</a>'
        '<a href="index.html#gone">broken</a><a href="https://example.org">x</a>'
    )
    (root / "index.html").write_text('<a href="page.html">page</a>')
    (root / "_static").mkdir()
    (root / "_static" / "theme.html").write_text("")


def test_find_pages_skips_assets(tmp_path):
    make_site(tmp_path)
    assert site_check.find_pages(tmp_path) == ["index.html", "page.html"]


def test_check_links_finds_broken_anchors_and_checks_notebooks(tmp_path):
    make_site(tmp_path)
    pages = site_check.find_pages(tmp_path)
    assert site_check.check_links(tmp_path, pages) == [
        "page.html: broken anchor index.html#gone"
    ]


def notebook_problems(root):
    parser = site_check._LinkParser()
    parser.feed((root / "page.html").read_text())
    return site_check.check_notebook(root, "page.html", parser.links)


def test_check_notebook_wants_the_setup_cell_and_branch_links(tmp_path):
    make_site(tmp_path / "good")
    assert notebook_problems(tmp_path / "good") == []
    make_site(tmp_path / "no-setup", setup_id="other")
    assert notebook_problems(tmp_path / "no-setup") == [
        "page.html: page.ipynb does not start with the set-up cell"
    ]
    make_site(tmp_path / "main", colab_branch="main")
    [problem] = notebook_problems(tmp_path / "main")
    assert problem.startswith("page.html: expected one Colab link to page.ipynb")


# -- the upstream bug that docs/_ipython/.../10-one-stream-piece.py works around -----


def test_myst_nb_merge_still_adds_an_empty_line_at_a_cut():
    """Fails once MyST-NB merges printed pieces exactly.

    executablebooks/MyST-NB#664, #690: ``coalesce_streams`` (myst-nb 1.4)
    strips each piece and adds a newline. When this fails, the flush-interval
    start-up file can go, and ``nb_merge_streams = True`` in docs/conf.py
    joins whatever pieces a kernel sends.
    """
    pieces = [nbformat.from_dict(stream("a")), nbformat.from_dict(stream("\nb\n"))]
    [merged] = coalesce_streams(pieces)
    assert merged["text"] == "a\n\nb\n", "MyST-NB's merge is exact now: see docstring"


def test_ipykernel_still_has_the_flush_interval_the_workaround_sets():
    assert isinstance(OutStream.flush_interval, float)


def test_author_year_labels_as_the_text_cites(monkeypatch):
    monkeypatch.syspath_prepend(str(DOCS / "_ext"))
    from author_year_labels import AuthorYearStyle  # noqa: PLC0415
    from pybtex.database import parse_string  # noqa: PLC0415

    bib = parse_string(
        """
        @article{a, author = {McCulloch, Warren and Pitts, Walter}, year = {1943}, title = {A}}
        @misc{b, author = {Rumelhart, D. and Hinton, G. and Williams, R.}, year = {1986}, title = {B}}
        @misc{c, editor = {Anderson, J.}, year = {1988}, title = {C}}
        @misc{d, author = {Werbos, Paul}, year = {1982}, title = {D}}
        @misc{e, author = {Werbos, Paul}, year = {1982}, title = {E}}
        """,
        "bibtex",
    )
    style = AuthorYearStyle()
    labels = list(style.format_labels(style.sort(bib.entries.values())))
    assert labels == [
        "Anderson 1988",
        "McCulloch and Pitts 1943",
        "Rumelhart et al. 1986",
        "Werbos 1982a",
        "Werbos 1982b",
    ]
