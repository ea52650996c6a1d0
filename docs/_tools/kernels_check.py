"""Build the book under several BLAS configurations and compare what it states.

``nox -s kernels`` runs this; by hand::

    python docs/_tools/kernels_check.py [--keep] [--jobs N]

A trained network's numbers depend on the BLAS kernel that multiplies its
matrices (OpenBLAS picks one per CPU, or takes ``OPENBLAS_CORETYPE``), and on
the number of threads: sums are rounded in another order, the last bits
differ, and training amplifies them. A claim that holds on one machine only
holds by luck. This check builds the whole book strictly, each time from a
fresh execution cache, under each configuration in :data:`CONFIGURATIONS`,
and fails

* if any build fails (a cell raises, an assertion in a page does not hold, a
  warning), or
* if a glued value (a number the prose quotes, MyST-NB's ``glue``) prints
  differently in two configurations: the text must not state digits that
  vary.

Cell outputs that print differently (an array of trained weights, say) are
listed but do not fail the check; a page that prints such digits should say
that they vary. Which kernel really ran is read with threadpoolctl, and a
configuration whose kernel OpenBLAS would not load (SkylakeX needs AVX-512)
is replaced by the next one down, with a note.

Exits with status 1, listing each problem, if a build fails or a glued value
differs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from book import build
from repro_check import TIMING_TAG, cell_outputs, text

#: name -> environment; every build runs under exactly one of these.
CONFIGURATIONS: dict[str, dict[str, str]] = {
    "haswell": {"OPENBLAS_CORETYPE": "Haswell"},
    "skylakex": {"OPENBLAS_CORETYPE": "SkylakeX"},
    "sandybridge-1-thread": {
        "OPENBLAS_CORETYPE": "Sandybridge",
        "OPENBLAS_NUM_THREADS": "1",
    },
}
#: A kernel this CPU cannot run -> what to use instead, and the flag it needs.
FALLBACK = {"SkylakeX": ("Zen", "avx512f"), "Haswell": ("Sandybridge", "avx2")}

_PROBE = (
    "import json, numpy, threadpoolctl;"
    "print(json.dumps([(i['internal_api'], i.get('architecture'), i['num_threads'])"
    " for i in threadpoolctl.threadpool_info()]))"
)


def cpu_flags() -> set[str]:
    """Return the CPU's feature flags (empty where /proc/cpuinfo is missing)."""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def runnable(configurations: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Replace kernels this CPU lacks the instructions for; say so."""
    flags = cpu_flags()
    result = {}
    for name, env in configurations.items():
        core = env.get("OPENBLAS_CORETYPE", "")
        if core in FALLBACK and flags and FALLBACK[core][1] not in flags:
            other = FALLBACK[core][0]
            print(f"{name}: this CPU has no {FALLBACK[core][1]}; using {other}")
            result[f"{name}-as-{other.lower()}"] = {**env, "OPENBLAS_CORETYPE": other}
        else:
            result[name] = env
    return result


def blas_in_use(env: dict[str, str]) -> list[Any]:
    """Return threadpoolctl's (api, architecture, threads) under ``env``."""
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
    )
    return list(json.loads(completed.stdout))


def glued(folder: Path) -> dict[str, str]:
    """Return every glued value of a build as ``page:name -> printed form``."""
    values = {}
    for path in sorted(folder.rglob("*.ipynb")):
        page = path.relative_to(folder).with_suffix("").as_posix()
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                name = output.get("metadata", {}).get("scrapbook", {}).get("name")
                if name is None:
                    continue
                data = output.get("data", {})
                mime = next(
                    (
                        m
                        for m in ("text/markdown", "text/latex", "text/plain")
                        if m in data
                    ),
                    None,
                )
                values[f"{page}:{name}"] = text(data[mime]) if mime else ""
    return values


def printed(folder: Path) -> dict[str, str]:
    """Return the text of every visible output, ``page cell i output j -> text``."""
    texts = {}
    for path in sorted(folder.rglob("*.ipynb")):
        page = path.relative_to(folder).with_suffix("").as_posix()
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for index, cell in enumerate(cells):
            if TIMING_TAG in cell.get("metadata", {}).get("tags", []):
                continue
            # Glued values are glued(): compared strictly, not listed here.
            outputs = [
                output
                for output in cell.get("outputs", [])
                if not output.get("metadata", {}).get("scrapbook")
            ]
            for number, output in enumerate(cell_outputs({"outputs": outputs})):
                shown = output.get("text") or output.get("data", {}).get("text/plain")
                if shown is not None:
                    texts[f"{page} cell {index} output {number}"] = text(shown)
    return texts


def differences(values: dict[str, dict[str, str]]) -> list[str]:
    """List the keys whose value is not the same in every configuration."""
    names = list(values)
    keys = sorted(set().union(*(values[name] for name in names)))
    problems = []
    for key in keys:
        seen = {name: values[name].get(key, "<missing>") for name in names}
        if len(set(seen.values())) > 1:
            shown = "; ".join(
                f"{name}: {text.strip()[:60]!r}" for name, text in seen.items()
            )
            problems.append(f"{key}: {shown}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Build under every configuration, compare, and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the builds")
    parser.add_argument(
        "--jobs", type=int, default=2, help="builds run at once (default: 2)"
    )
    args = parser.parse_args(argv)

    configurations = runnable(CONFIGURATIONS)
    for name, env in configurations.items():
        print(f"{name}: {env} -> BLAS {blas_in_use(env)}", flush=True)
        requested = env.get("OPENBLAS_CORETYPE", "").lower()
        running = {str(arch).lower() for _, arch, _ in blas_in_use(env)}
        if requested and requested not in running:
            print(f"{name}: OpenBLAS did not load {requested}: {running}")
            return 1

    root = Path(tempfile.mkdtemp(prefix="kernels-"))
    start = time.monotonic()

    def run(item: tuple[str, dict[str, str]]) -> tuple[str, Path | None]:
        name, env = item
        log = root / f"{name}.log"
        try:
            with log.open("w") as stream:
                folder = build(root / name, env=env, stdout=stream)
        except subprocess.CalledProcessError:
            return name, None
        print(f"{name}: built in {time.monotonic() - start:.0f} s", flush=True)
        return name, folder

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = dict(pool.map(run, configurations.items()))

    problems = []
    for name, folder in results.items():
        if folder is None:
            log = (root / f"{name}.log").read_text()
            print(f"--- {name}: the build failed; its log ends:\n{log[-6000:]}")
            problems.append(f"{name}: the build failed")
    built = {name: folder for name, folder in results.items() if folder is not None}
    if len(built) == len(results):
        glue_diffs = differences({name: glued(f) for name, f in built.items()})
        print_diffs = differences({name: printed(f) for name, f in built.items()})
        n_glued = len(glued(next(iter(built.values()))))
        print(f"{n_glued} glued values compared across {len(built)} configurations.")
        if print_diffs:
            print(f"{len(print_diffs)} printed outputs vary (not an error):")
            for line in print_diffs:
                print(f"  {line}")
        problems += [f"glued value varies: {line}" for line in glue_diffs]

    if args.keep:
        print(f"The builds are in {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)
    if problems:
        print(f"{len(problems)} problems:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("Every configuration built, and every glued value reads the same.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
