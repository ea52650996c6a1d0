"""Compare what clean builds of the book compute: ``nox -s repro`` and ``nox -s kernels``.

``python docs/_tools/outputs_check.py repro|kernels [--keep]``

*repro* builds the book twice, each from a fresh execution cache, and compares
every executed page cell by cell: text must be the same string, figures the
same bytes, and the site's ``neurons`` wheel the same bytes.

*kernels* builds it under each OpenBLAS configuration in :data:`KERNELS` (the
kernel OpenBLAS multiplies with, and the thread count, change the last bits of
a sum, which training amplifies) and fails if a build fails or a glued value
(a number the prose quotes) prints differently, formatted as the page
formats it; digits the prose does not print, and printed outputs, may vary.
A configuration whose kernel and thread count threadpoolctl finds in
``nox -s docs``'s build is not built again: that build's glued values stand
for it (its ``.ipynb`` files may hold no outputs: MyST-NB 1.4 writes a page
read from the execution cache without them). A kernel the CPU cannot run is
replaced by the next one down.

Ignored: metadata and execution counts, and cells tagged ``timing``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from book import DOCS, build
from myst_nb.core.variables import format_plain_text

TIMING_TAG = "timing"
KERNELS: dict[str, dict[str, str]] = {
    "haswell": {"OPENBLAS_CORETYPE": "Haswell"},
    "skylakex": {"OPENBLAS_CORETYPE": "SkylakeX"},
    "sandybridge-1-thread": {
        "OPENBLAS_CORETYPE": "Sandybridge",
        "OPENBLAS_NUM_THREADS": "1",
    },
}
#: A kernel -> (the CPU flag it needs, the kernel used without it).
FALLBACK = {"SkylakeX": ("avx512f", "Zen"), "Haswell": ("avx2", "Sandybridge")}
DEFAULT_BUILD = DOCS / "_build" / "jupyter_execute"
_PROBE = (
    "import json, numpy, threadpoolctl; print(json.dumps(sorted("
    "[i['internal_api'], i.get('architecture'), i['num_threads']]"
    " for i in threadpoolctl.threadpool_info())))"
)


def text(value: str | list[str]) -> str:
    """Return a notebook multiline string as one string."""
    return "".join(value) if isinstance(value, list) else value


def cell_outputs(cell: dict[str, Any], text_only: bool = False) -> list[Any]:
    """Return a cell's outputs, pieces of a stream joined, volatile fields dropped.

    With ``text_only``, only the ``text/*`` data of each output is kept.
    """
    outputs: list[dict[str, Any]] = []
    for output in cell.get("outputs", []):
        kept = {
            k: v for k, v in output.items() if k not in ("metadata", "execution_count")
        }
        if "data" in kept:
            data = kept["data"].items()
            kept["data"] = {
                m: text(v) for m, v in data if m.startswith("text/") or not text_only
            }
        last = outputs[-1] if outputs else {}
        if kept.get("output_type") == last.get("output_type") == "stream" and (
            last.get("name") == kept.get("name")
        ):
            last["text"] = text(last["text"]) + text(kept["text"])
        else:
            outputs.append(
                {**kept, "text": text(kept["text"])} if "text" in kept else kept
            )
    return outputs


def compare_cells(
    name: str, cells_a: list[Any], cells_b: list[Any], text_only: bool = False
) -> list[str]:
    """Compare the outputs of one page's cells in two runs; return the differences."""
    if len(cells_a) != len(cells_b):
        return [f"{name}: {len(cells_a)} cells != {len(cells_b)} cells"]
    problems = []
    for index, (cell_a, cell_b) in enumerate(zip(cells_a, cells_b, strict=True)):
        if TIMING_TAG in cell_a.get("metadata", {}).get("tags", []):
            continue
        outputs = cell_outputs(cell_a, text_only), cell_outputs(cell_b, text_only)
        if outputs[0] != outputs[1]:
            a, b = (json.dumps(o)[:300] for o in outputs)
            problems.append(f"{name} cell {index}: outputs differ:\n  {a}\n  {b}")
    return problems


def compare_builds(first: Path, second: Path) -> list[str]:
    """Compare two builds' ``jupyter_execute`` folders and ``html/wheels``."""
    names_a = {p.relative_to(first) for p in first.rglob("*.ipynb")}
    names_b = {p.relative_to(second) for p in second.rglob("*.ipynb")}
    problems = [f"{name}: only in one build" for name in sorted(names_a ^ names_b)]
    for name in sorted(names_a & names_b):
        cells = [
            json.loads((d / name).read_text("utf-8"))["cells"] for d in (first, second)
        ]
        problems += compare_cells(str(name), *cells)
    wheels = [
        {p.name: p.read_bytes() for p in d.parent.glob("html/wheels/*.whl")}
        for d in (first, second)
    ]
    if wheels[0] != wheels[1]:
        problems.append(f"wheels differ: {sorted(wheels[0])} != {sorted(wheels[1])}")
    return problems


def glued(folder: Path) -> dict[str, str]:
    """Return every glued value (MyST-NB's ``<page>.glue.json``) as ``page:name -> text``."""
    values = {}
    for path in sorted(folder.rglob("*.glue.json")):
        page = path.relative_to(folder).as_posix().removesuffix(".glue.json")
        for name, output in json.loads(path.read_text("utf-8")).items():
            data = output.get("data", {})
            mime = next(
                (m for m in ("text/markdown", "text/latex", "text/plain") if m in data),
                None,
            )
            values[f"{page}:{name}"] = text(data[mime]) if mime else ""
    return values


# The prose quotes a glued value with {glue}`key`, {glue:text}`key:format` (and
# other {glue:...} roles), or from another page as `page::key`.
GLUE_ROLE = re.compile(r"\{glue(?::(\w+))?\}`([^`]+)`")


def quoted(folder: Path, pages: Path = DOCS) -> dict[str, str]:
    """Return every glued value as the prose prints it: ``page:key:format -> text``.

    The same formatting MyST-NB applies (``format_plain_text``), so a value
    whose last, never-printed digits differ between kernels reads the same.
    """
    raw = glued(folder)
    values = {}
    for source in sorted(pages.glob("*.md")):
        for role, content in GLUE_ROLE.findall(source.read_text("utf-8")):
            page, _, rest = content.rpartition("::")
            key, fmt = (
                rest.rsplit(":", 1) if role == "text" and ":" in rest else (rest, "")
            )
            name = f"{page or source.stem}:{key}"
            if name in raw:
                values[f"{name}:{fmt}"] = format_plain_text(raw[name], fmt)
    return values


def differences(values: dict[str, dict[str, str]]) -> list[str]:
    """List the keys whose value is not the same in every configuration."""
    problems = []
    for key in sorted(set().union(*values.values())):
        seen = {name: found.get(key, "<missing>") for name, found in values.items()}
        if len(set(seen.values())) > 1:
            shown = "; ".join(
                f"{name}: {value.strip()[:60]!r}" for name, value in seen.items()
            )
            problems.append(f"{key}: {shown}")
    return problems


def runnable(
    kernels: dict[str, dict[str, str]], flags: set[str]
) -> dict[str, dict[str, str]]:
    """Replace the kernels whose instructions the CPU (``flags``) lacks."""
    result = {}
    for name, env in kernels.items():
        needs, other = FALLBACK.get(env.get("OPENBLAS_CORETYPE", ""), ("", ""))
        if needs and flags and needs not in flags:
            result[f"{name}-as-{other.lower()}"] = {**env, "OPENBLAS_CORETYPE": other}
        else:
            result[name] = env
    return result


def blas_in_use(env: dict[str, str]) -> list[Any]:
    """Return threadpoolctl's sorted [api, kernel, threads] under ``env`` alone."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("OPENBLAS_")}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE],
        env={**base, **env},
        check=True,
        capture_output=True,
        text=True,
    )
    return list(json.loads(out.stdout))


def is_current(build: Path) -> bool:
    """Return whether ``build`` has every notebook page, newer than its source.

    And newer than the package: a change to it re-reads every page.
    """
    pages = [p for p in DOCS.glob("*.md") if "kernelspec:" in p.read_text("utf-8")]
    package = max(p.stat().st_mtime for p in (DOCS.parent / "src").rglob("*.py"))
    executed = [(build / f"{p.stem}.ipynb", p.stat().st_mtime) for p in pages]
    return all(e.exists() and e.stat().st_mtime >= max(t, package) for e, t in executed)


def kernels(root: Path) -> list[str]:
    """Build under every configuration the default build did not cover; compare."""
    flags = (
        set(Path("/proc/cpuinfo").read_text().split())
        if Path("/proc/cpuinfo").exists()
        else set()
    )
    configurations = runnable(KERNELS, flags)
    default = blas_in_use({})
    folders: dict[str, Path | None] = {}
    for name, env in configurations.items():
        blas = blas_in_use(env)
        print(f"{name}: {env} -> {blas}", flush=True)
        if env["OPENBLAS_CORETYPE"].lower() not in {str(b[1]).lower() for b in blas}:
            return [f"{name}: OpenBLAS did not load {env['OPENBLAS_CORETYPE']}: {blas}"]
        if blas == default and is_current(DEFAULT_BUILD) and not folders:
            print(f"{name}: the default build ran it: {DEFAULT_BUILD}", flush=True)
            folders[name] = DEFAULT_BUILD

    def run(name: str) -> tuple[str, Path | None]:
        with (root / f"{name}.log").open("w") as log:
            try:
                return name, build(root / name, env=configurations[name], stdout=log)
            except subprocess.CalledProcessError:
                return name, None

    # One build at a time: two builds on a 2-core machine oversubscribe it
    # (OpenBLAS's threads spin while they wait), and this round's Fashion-MNIST
    # and Keras cells then ran past the 600 s cell limit.
    folders.update(run(name) for name in configurations if name not in folders)
    problems = []
    for name, folder in folders.items():
        if folder is None:
            print(
                f"--- {name}: the build failed:\n{(root / f'{name}.log').read_text()[-6000:]}"
            )
            problems.append(f"{name}: the build failed")
    if problems:
        return problems
    built = {name: folder for name, folder in folders.items() if folder is not None}
    print(
        f"{len(glued(next(iter(built.values()))))} glued values in {len(built)} builds"
    )
    return [
        f"the prose prints a glued value differently: {line}"
        for line in differences({n: quoted(f) for n, f in built.items()})
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the check named in ``argv``; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("check", choices=["repro", "kernels"])
    parser.add_argument("--keep", action="store_true", help="keep the builds")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix=f"{args.check}-"))
    if args.check == "repro":
        problems = compare_builds(build(root / "a"), build(root / "b"))
    else:
        problems = kernels(root)
    print(
        f"The builds are in {root}" if args.keep else "", end="\n" if args.keep else ""
    )
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    print(f"{len(problems)} problems." if problems else "Every build agrees.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
