"""Check the built book the way readers meet it: in a real browser, offline.

``nox -s site`` runs this on ``docs/_build/html``; it can also be run by hand::

    python docs/_tools/site_check.py [HTML_DIR] --vnu-jar PATH/vnu.jar

The site is served on 127.0.0.1 (a free port) and every page is opened in
headless Chromium (the system's ``/usr/bin/chromium``, driven by Playwright;
no browser is ever downloaded), once in light and once in dark mode. For each
page it checks that

* no request leaves the site: every URL is the local origin, ``data:``,
  ``blob:`` or ``about:`` (anything else is blocked and reported), no
  response is 4xx/5xx and the console shows no error;
* the color mode took effect (``<html data-theme="dark">`` in dark mode);
* math renders: every ``.math`` element holds MathJax output
  (``mjx-container``) and there is no ``mjx-merror``;
* every image loads (non-zero natural size) and has alt text that is not a
  file name, and every ``<figure>`` has a ``<figcaption>``;
* axe-core (the ``axe.min.js`` shipped in the axe-playwright-python wheel)
  finds no serious or critical accessibility violation;
* the page is no wider than a 390 px phone screen (wide content must scroll
  inside itself).

Over the whole site it also checks that every internal link and anchor
resolves (by parsing the HTML files), that the Nu HTML checker reports no error
other than the documented false positives in :data:`VNU_ALLOWED`, that a page
offering its ``.ipynb`` starts it with the set-up cell and links to it on
Binder and Colab (:func:`check_notebook`), and that the built-in search finds
a word. Full-page screenshots at 1280 px and 390 px, in
both modes, go to ``docs/_build/screenshots`` for reviewers.

It prints a per-page table (requests, transfer size, load time, violations)
and exits with status 1 listing every failure.

Left out on purpose: external links are not fetched (the check is offline),
and axe runs at desktop width only (the phone layout is checked by the
overflow check and the screenshots).
"""

from __future__ import annotations

import argparse
import html.parser
import json
import re
import subprocess
import sys
import time
import urllib.parse
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from book import DOCS, NOTEBOOKS_BRANCH, SETUP_CELL_ID
from serving import serve

if TYPE_CHECKING:  # Playwright is imported where the browser starts: the pure
    # helpers below are unit-tested without it.
    from playwright.sync_api import (
        Browser,
        ConsoleMessage,
        Page,
        Request,
        Response,
        Route,
    )

CHROMIUM = "/usr/bin/chromium"
# Quiet, offline Chromium: no sandbox (CI runs as root), no GPU, and none of
# the background traffic (updates, sync, QUIC probes) a fresh profile makes.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MODES = ("light", "dark")
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
LOCAL_SCHEMES = ("data:", "blob:", "about:")
# Not pages: theme assets, page sources offered for download, and Sphinx's
# generated search index.
SKIPPED_DIRS = ("_static", "_sources", "_images", "_downloads")
SEARCH_WORD = "perceptron"

# Nu HTML checker errors that are false positives for this site, each with why.
# Each entry: (regular expression matched against the message, reason).
VNU_ALLOWED: list[tuple[str, str]] = []


@dataclass
class PageResult:
    """What one page did in one color mode."""

    page: str
    mode: str
    requests: int = 0
    transfer_bytes: int = 0
    load_ms: float = 0.0
    violations: int = 0
    problems: list[str] = field(default_factory=list)


# -- Serving ---------------------------------------------------------------------


def find_pages(root: Path) -> list[str]:
    """Return every HTML page under ``root`` (posix paths), skipping assets."""
    pages = []
    for path in sorted(root.rglob("*.html")):
        relative = path.relative_to(root).as_posix()
        if not relative.startswith(SKIPPED_DIRS):
            pages.append(relative)
    return pages


# -- One page in the browser ----------------------------------------------------------

# Run inside the page once it has loaded: math, images, figures, mode, width.
_INSPECT_JS = """
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const images = Array.from(document.images);
  images.forEach((img) => { img.loading = "eager"; });
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  const nav = performance.getEntriesByType("navigation")[0];
  const maths = Array.from(document.querySelectorAll(".math"));
  return {
    theme: document.documentElement.dataset.theme || "",
    loadMs: nav ? nav.loadEventEnd - nav.startTime : 0,
    maths: maths.length,
    unrendered: maths.filter((m) => !m.querySelector("mjx-container")).length,
    mathErrors: document.querySelectorAll("mjx-merror").length,
    images: images.map((img) => ({
      src: img.getAttribute("src") || "",
      alt: (img.getAttribute("alt") || "").trim(),
      width: img.naturalWidth,
    })),
    figuresWithoutCaption: Array.from(document.querySelectorAll("figure"))
      .filter((f) => !f.querySelector("figcaption")).length,
  };
}
"""

_AXE_JS = """
async () => {
  const result = await axe.run(document, {resultTypes: ["violations"], preload: false});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      count: v.nodes.length,
    }));
}
"""

_WIDTH_JS = "() => document.documentElement.scrollWidth"


def _looks_like_file_name(alt: str, src: str) -> bool:
    """Return whether ``alt`` is a path or file name rather than a description."""
    name = Path(urllib.parse.urlsplit(src).path).name
    return bool(re.search(r"\.(svg|png|jpe?g|gif|webp)$", alt, re.IGNORECASE)) or (
        alt == name
    )


def check_page(
    browser: Browser, base: str, page_path: str, mode: str, shots: Path | None
) -> PageResult:
    """Open ``page_path`` in ``mode`` and run every per-page check."""
    result = PageResult(page_path, mode)
    origin = base.rstrip("/")
    # A fresh context per page: a cold cache, so sizes are what a reader loads.
    context = browser.new_context(
        viewport={"width": WIDTHS["desktop"][0], "height": WIDTHS["desktop"][1]},
        color_scheme=mode,  # type: ignore[arg-type]
        service_workers="block",
    )
    # pydata-sphinx-theme reads the mode from localStorage before first paint.
    context.add_init_script(
        f'localStorage.setItem("mode", "{mode}"); localStorage.setItem("theme", "{mode}");'
    )
    requests: list[Request] = []

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith(origin + "/") or url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            result.problems.append(f"external request blocked: {url}")
            route.abort()

    context.route("**/*", route)
    page: Page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            result.problems.append(f"console error: {message.text}")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            result.problems.append(f"HTTP {response.status}: {response.url}")

    def on_failed(request: Request) -> None:
        if request.url.startswith(origin):  # external ones were blocked above
            result.problems.append(f"request failed: {request.url} ({request.failure})")

    # Playwright cannot wrap a bound builtin method as a handler: keep the lambda.
    page.on("request", lambda request: requests.append(request))  # noqa: PLW0108
    page.on("console", on_console)
    page.on("pageerror", lambda error: result.problems.append(f"script error: {error}"))
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    try:
        page.goto(base + page_path, wait_until="load")
        found = page.evaluate(_INSPECT_JS)
        page.wait_for_load_state("networkidle")  # fonts MathJax asked for

        result.load_ms = found["loadMs"]
        if found["theme"] != mode:
            result.problems.append(
                f'<html data-theme="{found["theme"]}">, expected {mode}'
            )
        if found["unrendered"]:
            result.problems.append(
                f"{found['unrendered']} of {found['maths']} math elements not rendered"
            )
        if found["mathErrors"]:
            result.problems.append(f"{found['mathErrors']} MathJax errors (mjx-merror)")
        for image in found["images"]:
            if not image["width"]:
                result.problems.append(f"image does not load: {image['src']}")
            if not image["alt"]:
                result.problems.append(f"image without alt text: {image['src']}")
            elif _looks_like_file_name(image["alt"], image["src"]):
                result.problems.append(f"image alt text is a file name: {image['alt']}")
        if found["figuresWithoutCaption"]:
            result.problems.append(
                f"{found['figuresWithoutCaption']} figures without caption"
            )

        import axe_playwright_python  # ships axe.min.js

        axe_js = Path(axe_playwright_python.__file__).parent / "axe.min.js"
        page.add_script_tag(path=str(axe_js))
        for violation in page.evaluate(_AXE_JS):
            result.violations += violation["count"]
            targets = ", ".join(violation["targets"])
            result.problems.append(
                f"axe {violation['impact']} {violation['id']} x{violation['count']}: {targets}"
            )

        name = page_path.removesuffix(".html").replace("/", "__")
        for label, (width, height) in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(100)  # let the layout settle
            if label == "phone" and (scroll := page.evaluate(_WIDTH_JS)) > width:
                result.problems.append(
                    f"page is {scroll} px wide on a {width} px phone"
                )
            if shots is not None:
                page.screenshot(
                    path=shots / f"{name}-{mode}-{width}.png", full_page=True
                )
    except Exception as error:  # noqa: BLE001 (a page that cannot be checked fails)
        result.problems.append(f"could not check the page: {error}")
    finally:
        for request in requests:
            if request.url.startswith(origin):
                result.requests += 1
                try:
                    sizes = request.sizes()
                    result.transfer_bytes += (
                        sizes["responseBodySize"] + sizes["responseHeadersSize"]
                    )
                except Exception:  # noqa: BLE001, S110 (a request that never completed)
                    pass
        context.close()
    return result


def check_search(browser: Browser, base: str) -> list[str]:
    """Search for :data:`SEARCH_WORD` on search.html; return problems."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{base}search.html?q={SEARCH_WORD}", wait_until="load")
        page.wait_for_selector("#search-results ul.search li", timeout=15_000)
        hits = page.locator("#search-results ul.search li").count()
        return [] if hits else [f"search: no results for {SEARCH_WORD!r}"]
    except Exception as error:  # noqa: BLE001 (any failure means no results)
        return [f"search: no results for {SEARCH_WORD!r} ({error})"]
    finally:
        context.close()


# -- Whole-site checks on the files -------------------------------------------------


class _LinkParser(html.parser.HTMLParser):
    """Collect the ids a page defines, the links it makes, and its download menu."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.is_notebook = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        for key in ("href", "src"):
            if values.get(key) and tag in ("a", "link", "img", "script", "source"):
                self.links.append(values[key])
        if tag == "div" and "cell" in values.get("class", "").split():
            self.is_notebook = True  # MyST-NB renders code cells as div.cell


def check_links(root: Path, pages: list[str]) -> list[str]:
    """Check that every same-site link's file exists and its #fragment is an id."""
    parsed: dict[Path, _LinkParser] = {}

    def parse(path: Path) -> _LinkParser:
        if path not in parsed:
            parser = _LinkParser()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    problems = []
    for page in pages:
        source = root / page
        parser = parse(source)
        for link in parser.links:
            parts = urllib.parse.urlsplit(link)
            if (
                parts.scheme
                or parts.netloc
                or link.startswith(("mailto:", "javascript:"))
            ):
                continue  # external: not fetched offline
            target = source
            if parts.path:
                target = (source.parent / urllib.parse.unquote(parts.path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    problems.append(f"{page}: broken link {link}")
                    continue
            fragment = urllib.parse.unquote(parts.fragment)
            if (
                fragment
                and target.suffix == ".html"
                and fragment not in parse(target).ids
            ):
                problems.append(f"{page}: broken anchor {link}")
        if parser.is_notebook:
            problems += check_notebook(root, page, parser.links)
    return problems


def check_notebook(root: Path, page: str, links: list[str]) -> list[str]:
    """Check a notebook page's ``.ipynb`` download and its launch links.

    A page that offers its notebook (docs/_ext/reader_notebooks.py) must
    start it with the set-up cell, whose wheel must be on the site, and link
    to it once on Binder and once on Colab, on the notebooks branch. A page
    with launch links must offer its notebook.
    """
    name = Path(page).with_suffix(".ipynb").as_posix()
    binder = [link for link in links if link.startswith("https://mybinder.org/")]
    colab = [link for link in links if link.startswith("https://colab.")]
    if not any(link.endswith(f"_sources/{name}") for link in links):
        return (
            [f"{page}: launch links but no .ipynb download"] if binder + colab else []
        )
    cells = json.loads((root / "_sources" / name).read_text(encoding="utf-8"))["cells"]
    if not cells or cells[0].get("id") != SETUP_CELL_ID:
        return [f"{page}: {name} does not start with the set-up cell"]
    problems = []
    wheel = re.search(r"/wheels/(neurons-[^\s\"]+\.whl)", "".join(cells[0]["source"]))
    if not wheel or not (root / "wheels" / wheel.group(1)).is_file():
        problems.append(f"{page}: the set-up cell's wheel is not on the site")
    binder_path = f"/{NOTEBOOKS_BRANCH}?urlpath=lab/tree/{name}"
    if len(binder) != 1 or not binder[0].endswith(binder_path):
        problems.append(f"{page}: expected one Binder link to {name}, found {binder}")
    if len(colab) != 1 or not colab[0].endswith(f"/blob/{NOTEBOOKS_BRANCH}/{name}"):
        problems.append(f"{page}: expected one Colab link to {name}, found {colab}")
    return problems


def check_html(root: Path, pages: list[str], vnu_jar: Path) -> list[str]:
    """Run the Nu HTML checker; return errors not in :data:`VNU_ALLOWED`."""
    completed = subprocess.run(
        [
            "java",
            "-jar",
            str(vnu_jar),
            "--errors-only",
            "--exit-zero-always",
            "--format",
            "json",
            *(str(root / page) for page in pages),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    problems = []
    for message in json.loads(completed.stderr or '{"messages": []}')["messages"]:
        if message["type"] not in ("error", "non-document-error"):
            continue
        text = message.get("message", "")
        if any(re.search(pattern, text) for pattern, _reason in VNU_ALLOWED):
            continue
        where = Path(urllib.parse.urlsplit(message.get("url", "")).path)
        with suppress(ValueError):  # a message about the checker, not a file
            where = where.relative_to(root.resolve())
        problems.append(f"{where}:{message.get('lastLine', '?')}: HTML: {text}")
    return problems


# -- Report ------------------------------------------------------------------------------


def print_table(results: list[PageResult]) -> None:
    """Print one row per page: the light-mode load, violations in each mode."""
    by_page: dict[str, dict[str, PageResult]] = {}
    for result in results:
        by_page.setdefault(result.page, {})[result.mode] = result
    header = f"{'page':<40} {'requests':>8} {'transfer':>10} {'load':>8} {'axe light/dark':>15}"
    print(header)
    print("-" * len(header))
    for page, modes in by_page.items():
        light, dark = modes["light"], modes["dark"]
        print(
            f"{page:<40} {light.requests:>8} {light.transfer_bytes / 1024:>7.0f} KB"
            f" {light.load_ms:>5.0f} ms {light.violations:>7}/{dark.violations:<7}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run every check on the built site; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "html_dir",
        nargs="?",
        type=Path,
        default=DOCS / "_build" / "html",
        help="the built site",
    )
    parser.add_argument(
        "--vnu-jar", type=Path, help="the Nu HTML checker (skipped if not given)"
    )
    parser.add_argument(
        "--screenshots",
        type=Path,
        default=DOCS / "_build" / "screenshots",
        help="where screenshots go",
    )
    parser.add_argument("--no-screenshots", action="store_true")
    args = parser.parse_args(argv)

    root: Path = args.html_dir.resolve()
    if not (root / "index.html").is_file():
        print(f"No built book in {root}: run `nox -s docs` first.", file=sys.stderr)
        return 2
    shots: Path | None = None if args.no_screenshots else args.screenshots
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    pages = find_pages(root)
    print(f"Checking {len(pages)} pages in {root}")

    failures = check_links(root, pages)
    if args.vnu_jar:
        failures += check_html(root, pages, args.vnu_jar)
    else:
        print("--vnu-jar not given: HTML validation skipped")

    from playwright.sync_api import sync_playwright

    results: list[PageResult] = []
    started = time.perf_counter()
    with serve(root) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        try:
            for mode in MODES:
                for page in pages:
                    results.append(check_page(browser, base, page, mode, shots))
            failures += check_search(browser, base)
        finally:
            browser.close()
    print(f"Browser checks took {time.perf_counter() - started:.0f} s\n")

    print_table(results)
    for result in results:
        failures += [f"{result.page} ({result.mode}): {p}" for p in result.problems]
    if shots is not None:
        print(f"\nScreenshots: {shots}")
    if failures:
        print(f"\n{len(failures)} problems:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    print("\nEvery check passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
