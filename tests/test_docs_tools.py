"""Unit tests of the book's tooling: docs/_tools and docs/_ext, on tiny inputs.

No book is built here: each check's comparison and parsing functions run on
hand-made notebooks and pages, and the upstream workaround is pinned down.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import sphinx_exercise.directive
import sphinx_proof.directive
from docutils import nodes
from docutils.core import publish_parts
from docutils.utils import new_document
from ipykernel.iostream import OutStream
from IPython.core.inputtransformer2 import TransformerManager
from myst_nb.core.utils import coalesce_streams
from myst_nb.sphinx_ import visit_HideCellInput
from sphinx import addnodes

DOCS = Path(__file__).resolve().parents[1] / "docs"
sys.path[:0] = [str(DOCS / "_tools"), str(DOCS / "_ext")]

import bench
import book
import execution_times
import notebooks_check
import outputs_check
import page_inputs
import reader_notebooks
import site_check
import upstream_fixes


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


# -- outputs_check: repro, output by output ----------------------------------------


def test_cell_outputs_join_pieces_of_one_stream_and_drop_volatile_fields():
    cell = code(stream("a"), stream("\nb\n"), stream("!", "stderr"), result("1"))
    assert outputs_check.cell_outputs(cell) == [
        stream("a\nb\n"),
        stream("!", "stderr"),
        {"output_type": "execute_result", "data": {"text/plain": "1"}},
    ]


def test_compare_cells_finds_changed_text_and_figures():
    svg = {"image/svg+xml": "<svg/>"}
    first = [code(stream("1.0\n"), result("<Figure>", **svg))]
    same = [code(stream("1.0"), stream("\n"), result("<Figure>", **svg))]
    assert outputs_check.compare_cells("p", first, same) == []
    changed = [code(stream("1.1\n"), result("<Figure>", **{"image/svg+xml": "<s/>"}))]
    [problem] = outputs_check.compare_cells("p", first, changed)
    assert problem.startswith("p cell 0: outputs differ:")
    assert '"1.1\\n"' in problem
    assert '"<s/>"' in problem
    figure_only = [code(stream("1.0\n"), result("<Figure>", **{"image/png": "iV"}))]
    assert outputs_check.compare_cells("p", first, figure_only, text_only=True) == []
    assert outputs_check.compare_cells("p", first, figure_only) != []
    assert outputs_check.compare_cells("p", first, []) == ["p: 1 cells != 0 cells"]


def test_compare_notebooks_skips_timing_cells():
    first = [code(stream("0.12 s\n"), tags=["timing"])]
    second = [code(stream("0.34 s\n"), tags=["timing"])]
    assert outputs_check.compare_cells("p", first, second) == []


def test_compare_builds_finds_pages_and_wheels_that_differ(tmp_path):
    for site, content in (("a", b"1"), ("b", b"2")):
        write_page(tmp_path / site / "jupyter_execute", code(stream("1\n")))
        (tmp_path / site / "html" / "wheels").mkdir(parents=True)
        (tmp_path / site / "html" / "wheels" / "n.whl").write_bytes(content)
    a, b = tmp_path / "a" / "jupyter_execute", tmp_path / "b" / "jupyter_execute"
    assert outputs_check.compare_builds(a, a) == []
    assert outputs_check.compare_builds(a, b) == [
        "wheels differ: ['n.whl'] != ['n.whl']"
    ]


# -- outputs_check: kernels, glued values must read the same everywhere -------------


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


def test_glued_values_are_read_per_page(tmp_path):
    folder = write_page(tmp_path, code(stream("w = [1.0]\n")))
    glue = {"accuracy": glue_output("accuracy", "0.95")}
    (folder / "page.glue.json").write_text(json.dumps(glue))
    assert outputs_check.glued(folder) == {"page:accuracy": "0.95"}


def test_quoted_values_are_formatted_as_the_prose_formats_them(tmp_path):
    pages, folder = tmp_path / "docs", tmp_path / "build"
    pages.mkdir()
    (pages / "page.md").write_text(
        "Accuracy {glue:text}`accuracy:.2f`, loss {glue}`loss`, "
        "from elsewhere {glue:text}`other::n:d`.\n"
    )
    glue = {
        "accuracy": glue_output("accuracy", "0.9512345678901"),
        "loss": glue_output("loss", "0.25"),
        "unquoted": glue_output("unquoted", "3"),
    }
    write_page(folder)
    (folder / "page.glue.json").write_text(json.dumps(glue))
    (folder / "other.glue.json").write_text(json.dumps({"n": glue_output("n", "7")}))
    assert outputs_check.quoted(folder, pages) == {
        "page:accuracy:.2f": "0.95",
        "page:loss:": "0.25",
        "other:n:d": "7",
    }
    # A difference in digits the prose does not print is not a difference.
    glue["accuracy"] = glue_output("accuracy", "0.9512345678999")
    other = tmp_path / "other_build"
    write_page(other)
    (other / "page.glue.json").write_text(json.dumps(glue))
    (other / "other.glue.json").write_text(json.dumps({"n": glue_output("n", "8")}))
    values = {
        "a": outputs_check.quoted(folder, pages),
        "b": outputs_check.quoted(other, pages),
    }
    assert outputs_check.differences(values) == ["other:n:d: a: '7'; b: '8'"]


def test_kernels_the_cpu_lacks_fall_back_to_the_next_one_down():
    kernels = outputs_check.runnable(outputs_check.KERNELS, {"avx2"})
    assert kernels["skylakex-as-zen"] == {"OPENBLAS_CORETYPE": "Zen"}
    assert "haswell" in kernels
    assert outputs_check.runnable(outputs_check.KERNELS, set()) == outputs_check.KERNELS


def test_differences_name_the_key_and_each_configuration():
    values = {"a": {"p:x": "0.95", "p:y": "1"}, "b": {"p:x": "0.96", "p:y": "1"}}
    assert outputs_check.differences(values) == ["p:x: a: '0.95'; b: '0.96'"]
    assert outputs_check.differences({"a": {"p:x": "1"}, "b": {}}) == [
        "p:x: a: '1'; b: '<missing>'"
    ]


def test_the_default_build_stands_in_only_when_it_is_current(tmp_path, monkeypatch):
    import os  # noqa: PLC0415

    docs, build = tmp_path / "docs", tmp_path / "build"
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "m.py").write_text("")
    docs.mkdir()
    build.mkdir()
    (docs / "page.md").write_text("---\nkernelspec:\n---\n")
    (docs / "glossary.md").write_text("# Glossary\n")
    monkeypatch.setattr(outputs_check, "DOCS", docs)
    assert not outputs_check.is_current(build), "page.md never executed"
    (build / "page.ipynb").write_text("{}")
    assert outputs_check.is_current(build)
    os.utime(docs / "page.md", (2e9, 2e9))  # edited after the build
    assert not outputs_check.is_current(build)


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
    [problem] = notebooks_check.compare("p", book_nb, reader)
    assert problem.startswith("p cell 0: outputs differ:")
    assert '"2\\n"' in problem


def test_reader_kernel_runs_with_the_readers_environment_only(tmp_path, monkeypatch):
    kernels = tmp_path / "kernel"
    install = [sys.executable, "-m", "ipykernel", "install", "--name", "reader"]
    subprocess.run(
        [*install, "--prefix", str(kernels)], check=True, capture_output=True
    )
    monkeypatch.setenv("BOOK_ONLY", "1")  # the checker's, not the reader's
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "IPYTHONDIR": str(tmp_path / "ipython"),
        "JUPYTER_PATH": str(kernels / "share" / "jupyter"),
        "READER": "yes",
    }
    source = "import os; print(os.environ.get('READER'), os.environ.get('BOOK_ONLY'))"
    path = tmp_path / "n.ipynb"
    cells = [
        nbformat.v4.new_code_cell(source),
        nbformat.v4.new_code_cell("os.getcwd()"),
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    ran = notebooks_check.run(path, tmp_path / "cwd", env)
    assert ran.cells[0].outputs[0]["text"] == "yes None\n"
    assert ran.cells[1].outputs[0]["data"]["text/plain"] == repr(str(tmp_path / "cwd"))
    assert os.environ["BOOK_ONLY"] == "1", "the checker's environment is restored"
    assert "READER" not in os.environ


def test_reader_notebooks_are_pointed_at_a_local_copy_of_the_site():
    cell = reader_notebooks.setup_cell(
        version="0.1.0",
        wheel_url="https://example.org/book/wheels/neurons-0.1.0-py3-none-any.whl",
        keras=False,
        settings="",
        settings_source="s.py",
    )
    local = re.sub(notebooks_check.WHEELS, "http://127.0.0.1:8/wheels/", cell.source)
    assert '"neurons[book] @ http://127.0.0.1:8/wheels/neurons-0.1.0-' in local


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


def test_inspection_catches_theme_math_images_and_captions():
    found = {
        "theme": "light",
        "unrendered": 0,
        "mathErrors": 0,
        "images": [["_images/a.svg", "A sigmoid curve", 10]],
        "uncaptioned": 0,
    }
    assert site_check.problems_of_inspection(found, "light") == []
    found |= {"theme": "auto", "unrendered": 1, "uncaptioned": 2}
    found["images"] += [["_images/p.svg", "p.svg", 0], ["_images/q", "", 5]]
    assert site_check.problems_of_inspection(found, "light") == [
        '<html data-theme="auto">, expected light',
        "math: 1 unrendered, 0 errors",
        "image does not load: _images/p.svg",
        "image alt text is a file name: p.svg",
        "image without alt text: _images/q",
        "2 figures without caption",
    ]


# An interactive figure as the contract in site_check.py's docstring has it;
# BROKEN_FIGURE's select has no name and its slider does not swap the frame.
FIGURE = """<!DOCTYPE html><html lang="en"><head><title>f</title></head><body>
<div class="nn-interactive">
  <label for="w">Weight</label><input id="w" type="range" min="0" max="2" value="0">
  <select aria-label="Data set"><option>a</option><option>b</option></select>
  <img class="nn-frame" alt="A line" src="data:,0">
</div>
<script>
  const frame = document.querySelector(".nn-frame");
  document.querySelectorAll(".nn-interactive input, .nn-interactive select")
    .forEach((c) => c.addEventListener("input", () => {
      frame.src = "data:," + Math.random(); }));
</script></body></html>"""
BROKEN_FIGURE = FIGURE.replace(' aria-label="Data set"', "").replace(
    'frame.src = "data:," + Math.random();', ""
)


@pytest.mark.skipif(not Path(site_check.CHROMIUM).exists(), reason="no Chromium")
def test_interactive_figures_are_moved_by_keyboard_and_named(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    (tmp_path / "good.html").write_text(FIGURE)
    (tmp_path / "broken.html").write_text(BROKEN_FIGURE)
    (tmp_path / "plain.html").write_text("<p>No figure here.</p>")
    with book.serve(tmp_path) as base, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=site_check.CHROMIUM, args=site_check.CHROMIUM_ARGS
        )
        page = browser.new_page()
        found = {}
        for name in ("good", "broken", "plain"):
            page.goto(f"{base}{name}.html")
            found[name] = site_check.check_interactive(page, tmp_path, name)
        browser.close()
    assert found["good"] == []
    assert sorted(p.name for p in tmp_path.glob("good-figure1-*.png")) == [
        f"good-figure1-{width}-{setting}.png"
        for width in (1280, 390)
        for setting in "ab"
    ]
    assert found["broken"] == [
        "interactive figure 1, control 1 (Weight): moving it does not change the figure",
        "interactive figure 1, control 2: no accessible name",
        "interactive figure 1, control 2 (): moving it does not change the figure",
    ]
    assert found["plain"] == []


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
        "page.html: page.ipynb does not start with the set-up cell 'book-setup'"
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


MYST_PAGE = """---
jupytext:
  text_representation: {extension: .md, format_name: myst}
kernelspec: {display_name: Python 3, language: python, name: python3}
---
# Page

```{code-cell} python
print("hello")
```
"""


@pytest.mark.slow
def test_myst_nb_still_writes_a_cached_page_without_outputs(tmp_path):
    """Fails once MyST-NB writes ``jupyter_execute/<page>.ipynb`` with cached outputs.

    myst-nb 1.4 writes the notebook it was given, not the one it merged from
    the cache. So notebooks_check reads outputs from the cache, and the
    kernels check reads a reused build's ``<page>.glue.json``, not its
    notebooks. When this fails, ``book_outputs`` could read the file instead.
    """
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "conf.py").write_text(
        f'extensions = ["myst_nb"]\nnb_execution_mode = "cache"\n'
        f"nb_execution_cache_path = {str(tmp_path / 'cache')!r}\n"
    )
    (tmp_path / "src" / "index.md").write_text(MYST_PAGE)
    outputs = []
    for _ in range(2):  # executed, then read from the cache (-E: every page read)
        sphinx = [sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html"]
        subprocess.run([*sphinx, tmp_path / "src", tmp_path / "html"], check=True)
        ran = nbformat.read(tmp_path / "jupyter_execute" / "index.ipynb", 4)
        outputs.append(ran.cells[-1].outputs)
    assert outputs[0] == [stream("hello\n")]
    assert outputs[1] == [], "MyST-NB writes cached outputs now: see docstring"


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


def test_author_year_letters_are_decided_for_the_whole_book(monkeypatch, tmp_path):
    monkeypatch.syspath_prepend(str(DOCS / "_ext"))
    import author_year_labels  # noqa: PLC0415
    from pybtex.database import parse_string  # noqa: PLC0415

    (tmp_path / "refs.bib").write_text(
        """
        @misc{lecun1998a, author = {LeCun, Y. and Bottou, L. and others}, year = {1998}, title = {A}}
        @misc{lecun1998b, author = {LeCun, Y. and Bengio, Y. and Haffner, P.}, year = {1998}, title = {B}}
        """
    )
    app = type("App", (), {"confdir": tmp_path})()
    app.config = type("Config", (), {"bibtex_bibfiles": ["refs.bib"]})()
    monkeypatch.setattr(author_year_labels, "BOOK_LABELS", {})
    author_year_labels.label_whole_book(app)
    style = author_year_labels.AuthorYearStyle()
    bib = parse_string((tmp_path / "refs.bib").read_text(), "bibtex")
    both = style.sort(bib.entries.values())
    labels = dict(zip([e.key for e in both], style.format_labels(both), strict=True))
    assert sorted(labels.values()) == ["LeCun et al. 1998a", "LeCun et al. 1998b"]
    # A page that cites one of the two works gives it its book-wide label.
    for key, label in labels.items():
        assert list(style.format_labels([bib.entries[key]])) == [label]


def test_theme_still_starts_a_first_visit_in_an_empty_mode():
    """Fails once pydata-sphinx-theme starts a first visit in a valid mode.

    pydata/pydata-sphinx-theme#1635: the head script sets the mode to
    ``localStorage || default_mode``, empty unless configured, and the theme
    then logs "Got invalid theme mode: ." When this fails, the one-line script
    in docs/_templates/layout.html can go.
    """
    theme = pytest.importorskip("pydata_sphinx_theme")
    layout = Path(theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    head = (layout / "layout.html").read_text()
    assert 'localStorage.getItem("mode") || "{{ default_mode }}"' in head
    assert "default_mode" not in (layout / "theme.conf").read_text()
    assert (
        'dataset.mode ||= "auto"' in (DOCS / "_templates" / "layout.html").read_text()
    )


@pytest.mark.slow
def test_bench_times_every_contender_in_the_records_format():
    case = bench.MLPCase("tiny", bench.digits, (64, 32, 10), 5, 32, 0.1)
    rows = bench.mlp_case(case, repeats=2)
    assert [row["contender"] for row in rows] == [
        "neurons",
        "scikit-learn",
        bench.PLAIN,
        "keras",
        bench.FLOOR,
    ]
    recorded = json.loads((DOCS / "performance_run.json").read_text())["rows"][0]
    assert all(row.keys() == recorded.keys() for row in rows)
    assert all(len(row["samples"]) == 2 for row in rows)
    assert all(row["min"] <= row["seconds"] <= row["max"] for row in rows)
    assert [row["dtype"] for row in rows] == [
        "float64",
        "float64",
        "float64",
        "float32",
        "float64",
    ]
    assert all(row["accuracy"] > 0.8 for row in rows[:4])  # all four learned
    ratios = bench.ratios(rows)["tiny"]
    assert ratios["neurons / keras"] == rows[0]["seconds"] / rows[3]["seconds"]
    table = bench.markdown(rows, bench.ratios(rows))
    assert f"| tiny | neurons / keras | {ratios['neurons / keras']:.2f} |" in table


def test_the_pages_that_read_files_depend_on_them_and_always_execute():
    assert page_inputs.inputs("performance") == [DOCS / "performance_run.json"]
    pages = page_inputs.inputs("index")
    assert DOCS / "perceptron.md" in pages
    assert DOCS / "index.md" not in pages
    assert page_inputs.inputs("perceptron") == []

    class Env:
        dependencies: list[str] = []  # noqa: RUF012 (one test's stand-in)

        def note_dependency(self, path):
            self.dependencies.append(path)

    class App:
        env = Env()

    page_inputs.note_inputs(App(), "performance", [])
    assert App.env.dependencies == [str(DOCS / "performance_run.json")]
    for page in ("index", "performance"):
        front_matter = (DOCS / f"{page}.md").read_text().split("---")[1]
        assert "mystnb:\n  execution_mode: force\n" in front_matter


def test_bench_breakdown_times_every_part_of_a_step():
    case = bench.MLPCase("tiny", bench.digits, (64, 32, 10), 1, 32, 0.1)
    line = bench.step_breakdown(case, repeats=1)
    assert line["case"] == "tiny"
    parts = line["microseconds"]
    assert list(parts) == ["batch", "step", "check", "update", "floor", "fit"]
    assert all(seconds > 0 for seconds in parts.values())


def test_bench_perceptron_case_finds_the_same_weights_on_iris():
    X, y = bench.PERCEPTRON_CASES["perceptron iris"]()
    rows = bench.perceptron_case("iris", X, y, repeats=1)
    assert [row["note"] for row in rows] == ["20 epochs, same weights"] * 2


def test_docutils_still_writes_the_deprecated_bibliography_role():
    """When this fails, docutils no longer writes it: delete fix_aria_roles."""
    body = publish_parts("See [Ref]_.\n\n.. [Ref] A work.\n", writer="html5")["body"]
    assert 'role="doc-biblioentry"' in body
    context = {"body": body}
    upstream_fixes.fix_aria_roles(None, "page", "page.html", context, None)
    assert "doc-biblioentry" not in context["body"]
    assert 'role="listitem"' in context["body"]


def test_myst_nb_still_writes_paragraphs_in_the_hidden_cells_summary():
    """When this fails, MyST-NB's markup changed: delete visit_hidden_cell."""

    class Translator:
        def __init__(self) -> None:
            self.body: list[str] = []

    node = {"classes": ["tag_hide-input"], "prompt_show": "Show <code>"}
    node["prompt_hide"] = "Hide"
    theirs, ours = Translator(), Translator()
    visit_HideCellInput(theirs, node)
    assert "<p " in "".join(theirs.body)
    assert "aria-label" in "".join(theirs.body)
    upstream_fixes.visit_hidden_cell(ours, node)
    html = "".join(ours.body)
    assert "<p" not in html
    assert "aria-label" not in html
    assert '<span class="collapsed admonition-title">Show &lt;code&gt;</span>' in html


def test_exercise_and_proof_directives_still_repeat_one_id():
    """When this fails, the ids are unique upstream: delete UniqueContentIds."""
    for ident, module in [
        ("exercise-content", sphinx_exercise.directive),
        ("solution-content", sphinx_exercise.directive),
        ("proof-content", sphinx_proof.directive),
    ]:
        assert f'ids=["{ident}"]' in inspect.getsource(module)
    document = new_document("page")
    for ident in ["exercise-content", "proof-content", "exercise-content"]:
        document += nodes.section(ids=[ident])
    upstream_fixes.UniqueContentIds(document).run()
    ids = [section["ids"] for section in document.findall(nodes.section)]
    assert ids == [["exercise-content-1"], ["proof-content-1"], ["exercise-content-2"]]


# --- docs/_ext/execution_times.py --------------------------------------------


def test_part_times_sums_each_parts_timed_pages_in_the_root_toctrees():
    parts = [("Part I", ["a", "b", "c"]), ("Part II", ["d"]), ("Part III", ["e"])]
    runtimes = {"a": 1.5, "b": 2.0, "c": None, "d": 4.25}  # c: no code; e: unknown
    assert execution_times.part_times(parts, runtimes) == [
        ("Part I", 3.5, 2),
        ("Part II", 4.25, 1),
        ("Part III", 0.0, 0),
    ]


def test_part_pages_reads_the_captioned_toctrees_of_the_book():
    """The parts as a root document's captioned toctrees list them."""
    doctree = new_document("index")
    for caption in ("Part I", None, "Part II"):
        toctree = addnodes.toctree(entries=[(None, f"{caption}-page")])
        if caption:
            toctree["caption"] = caption
        doctree += toctree

    class Env:
        class config:  # stands for Sphinx's Config
            root_doc = "index"

        def get_doctree(self, docname):
            assert docname == "index"
            return doctree

    assert execution_times.part_pages(Env()) == [
        ("Part I", ["Part I-page"]),
        ("Part II", ["Part II-page"]),
    ]
