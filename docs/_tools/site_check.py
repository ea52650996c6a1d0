"""Check the built book as readers meet it: in headless Chromium, offline.

``nox -s site`` runs ``python docs/_tools/site_check.py [HTML] --vnu-jar JAR``.
Each page is served on 127.0.0.1 and opened in ``/usr/bin/chromium`` (via
Playwright; no browser is downloaded) as a first-time visitor whose system is
in light, then dark mode. It fails on

* a request that leaves the site (blocked), a 4xx/5xx, a console or script
  error, or a theme that did not follow the system's mode;
* math that MathJax did not render; an image that does not load, has no alt
  text or a file name as alt text; a ``<figure>`` without caption;
* a serious or critical axe-core violation; a page wider than a 390 px phone;
* an interactive figure (``.nn-interactive``) whose control (``input[type=range]``
  or ``select``) has no accessible name, cannot take the focus, or does not
  change the figure's ``img.nn-frame`` when moved with the arrow keys;
* a broken internal link or anchor, a Nu HTML checker error, a notebook
  download or Binder/Colab link that is wrong, or a search that finds nothing.

Screenshots (each page at 1280 and 390 px; each interactive figure at two
settings at both widths) go to ``--screenshots``. External links are not
fetched; axe runs at desktop width only.
"""

from __future__ import annotations

import argparse
import html.parser
import json
import re
import subprocess
import sys
import urllib.parse
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from book import DOCS, NOTEBOOKS_BRANCH, SETUP_CELL_ID, serve

if TYPE_CHECKING:  # imported where the browser starts: the helpers run without it
    from playwright.sync_api import Browser, ConsoleMessage, Page, Response

CHROMIUM = "/usr/bin/chromium"
# No sandbox (CI runs as root), no background traffic.
_OFF = ("gpu", "quic", "sync", "background-networking", "component-update")
CHROMIUM_ARGS = ["--no-sandbox", "--no-first-run", *(f"--disable-{x}" for x in _OFF)]
VNU_OPTIONS = ["--errors-only", "--exit-zero-always", "--format", "json"]
WIDTHS = (1280, 390)
SKIPPED_DIRS = ("_static", "_sources", "_images", "_downloads")

_FONTS_JS = """
() => Promise.race([document.fonts.ready.then(() => true),
                    new Promise((resolve) => setTimeout(() => resolve(false), 120000))])
"""
_INSPECT_JS = """
async () => {
  if (window.MathJax?.startup?.promise) await MathJax.startup.promise;
  const images = Array.from(document.images);
  images.forEach((img) => { img.loading = "eager"; });
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  const maths = Array.from(document.querySelectorAll(".math"));
  return {
    theme: document.documentElement.dataset.theme || "",
    unrendered: maths.filter((m) => !m.querySelector("mjx-container")).length,
    mathErrors: document.querySelectorAll("mjx-merror").length,
    images: images.map((i) => [i.getAttribute("src") || "", (i.alt || "").trim(), i.naturalWidth]),
    uncaptioned: document.querySelectorAll("figure:not(:has(figcaption))").length,
  };
}
"""
_AXE_JS = """
async () => (await axe.run(document, {resultTypes: ["violations"], preload: false})).violations
  .filter((v) => v.impact === "serious" || v.impact === "critical")
  .map((v) => `axe ${v.impact} ${v.id} x${v.nodes.length}: `
    + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "))
"""
# Each control of each interactive figure: [figure, control, accessible name].
_CONTROLS_JS = """
() => Array.from(document.querySelectorAll(".nn-interactive")).flatMap((f, i) =>
  Array.from(f.querySelectorAll("input[type=range], select")).map((c, j) => {
    const by = (c.getAttribute("aria-labelledby") || "").split(/\\s+/)
      .map((id) => document.getElementById(id)?.textContent || "").join(" ");
    const labels = Array.from(c.labels || []).map((l) => l.textContent).join(" ");
    return [i, j, [c.getAttribute("aria-label") || "", by, labels].join(" ").trim()];
  }))
"""


def problems_of_inspection(found: dict[str, Any], mode: str) -> list[str]:
    """Turn :data:`_INSPECT_JS`'s findings into problems."""
    problems = []
    if found["theme"] != mode:
        problems.append(f'<html data-theme="{found["theme"]}">, expected {mode}')
    if found["unrendered"] or found["mathErrors"]:
        problems.append(
            f"math: {found['unrendered']} unrendered, {found['mathErrors']} errors"
        )
    for src, alt, width in found["images"]:
        name = Path(urllib.parse.urlsplit(src).path).name
        if not width:
            problems.append(f"image does not load: {src}")
        if not alt:
            problems.append(f"image without alt text: {src}")
        elif alt == name or re.search(
            r"\.(svg|png|jpe?g|gif|webp)$", alt, re.IGNORECASE
        ):
            problems.append(f"image alt text is a file name: {alt}")
    if found["uncaptioned"]:
        problems.append(f"{found['uncaptioned']} figures without caption")
    return problems


def check_interactive(page: Page, shots: Path | None, stem: str) -> list[str]:
    """Move every control of every ``.nn-interactive`` figure by keyboard."""
    problems = []
    figures = page.locator(".nn-interactive")
    for figure_index, control_index, name in page.evaluate(_CONTROLS_JS):
        figure = figures.nth(figure_index)
        control = figure.locator("input[type=range], select").nth(control_index)
        where = f"interactive figure {figure_index + 1}, control {control_index + 1}"
        if not name:
            problems.append(f"{where}: no accessible name")
        control.focus()
        if not control.evaluate("(c) => c === document.activeElement"):
            problems.append(f"{where}: cannot take the focus")
            continue
        frame = figure.locator("img.nn-frame")
        if frame.count() != 1:
            problems.append(f"{where}: {frame.count()} img.nn-frame, expected 1")
            continue
        before, value = frame.get_attribute("src"), control.input_value()
        keys = ("ArrowRight", "ArrowLeft")
        if control.evaluate("(c) => c.tagName === 'SELECT'"):
            keys = ("ArrowDown", "ArrowUp")
        page.keyboard.press(keys[0])
        if control.input_value() == value:  # at the end: move the other way
            page.keyboard.press(keys[1])
        page.wait_for_timeout(100)
        if control.input_value() == value:
            problems.append(f"{where} ({name}): the arrow keys do not move it")
        elif frame.get_attribute("src") == before:
            problems.append(f"{where} ({name}): moving it does not change the figure")
        for width in WIDTHS if shots is not None and control_index == 0 else ():
            page.set_viewport_size({"width": width, "height": 900})
            for setting, key in (("a", "Home"), ("b", keys[0])):
                page.keyboard.press(key)
                page.wait_for_timeout(100)
                shot = f"{stem}-figure{figure_index + 1}-{width}-{setting}.png"
                figure.screenshot(path=shots / shot)  # type: ignore[operator]
    return problems


def check_page(
    browser: Browser, base: str, path: str, mode: str, shots: Path | None
) -> list[str]:
    """Open ``path`` as a first visit in ``mode``; return its problems."""
    problems: list[str] = []
    context = browser.new_context(
        viewport={"width": WIDTHS[0], "height": 900},
        color_scheme=mode,  # type: ignore[arg-type]
        service_workers="block",
    )

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith((base, "data:", "blob:", "about:")):
            route.continue_()
        else:
            problems.append(f"external request blocked: {url}")
            route.abort()

    context.set_default_timeout(120_000)  # a busy machine is slow, not broken
    context.route("**/*", route)
    page = context.new_page()
    done: list[Any] = []
    page.on("requestfinished", lambda r: done.append(r))  # noqa: PLW0108 (a builtin fails)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console error: {message.text}")

    def response(response: Response) -> None:
        if response.status >= 400:
            problems.append(f"HTTP {response.status}: {response.url}")

    page.on("console", console)
    page.on("response", response)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    stem = f"{path.removesuffix('.html').replace('/', '__')}-{mode}"
    try:
        page.goto(base + path, wait_until="load")
        problems += problems_of_inspection(page.evaluate(_INSPECT_JS), mode)
        # The fonts MathJax asked for. Not "networkidle": that waits for 500 ms
        # without a request, which a loaded CI machine never gave api.html
        # within 120 s (CI run of 04285fc), though every request had finished.
        if not page.evaluate(_FONTS_JS):
            problems.append("fonts still loading after 120 s")
        import axe_playwright_python  # type: ignore[import-untyped] # ships axe.min.js

        page.add_script_tag(
            path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js")
        )
        problems += page.evaluate(_AXE_JS)
        problems += check_interactive(page, shots, stem)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(100)
            scroll = page.evaluate("() => document.documentElement.scrollWidth")
            if scroll > width:
                problems.append(f"page is {scroll} px wide at {width} px")
            if shots is not None:
                page.screenshot(path=shots / f"{stem}-{width}.png", full_page=True)
    except Exception as error:  # noqa: BLE001 (a page that cannot be checked fails)
        problems.append(f"could not check the page: {error}")
    finally:
        sizes = [r.sizes() for r in done]
        kb = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes) / 1024
        print(f"{path} ({mode}): {len(done)} requests, {kb:.0f} kB", flush=True)
        context.close()
    return problems


def check_search(browser: Browser, base: str, word: str = "perceptron") -> list[str]:
    """Search the site for ``word``; return problems."""
    page = browser.new_page()
    try:
        page.goto(f"{base}search.html?q={word}", wait_until="load")
        page.wait_for_selector("#search-results ul.search li", timeout=15_000)
    except Exception as error:  # noqa: BLE001 (any failure means no results)
        return [f"search: no results for {word!r} ({error})"]
    finally:
        page.close()
    return []


class _LinkParser(html.parser.HTMLParser):
    """Collect a page's ids and links, and whether it has notebook cells."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.is_notebook = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        self.ids |= {
            values[k]
            for k in ("id", "name")
            if values.get(k) and (k == "id" or tag == "a")
        }
        if tag in ("a", "link", "img", "script", "source"):
            self.links += [values[k] for k in ("href", "src") if values.get(k)]
        self.is_notebook |= tag == "div" and "cell" in values.get("class", "").split()


def find_pages(root: Path) -> list[str]:
    """Return every HTML page under ``root`` (posix paths), skipping assets."""
    pages = (p.relative_to(root).as_posix() for p in sorted(root.rglob("*.html")))
    return [page for page in pages if not page.startswith(SKIPPED_DIRS)]


def check_links(root: Path, pages: list[str]) -> list[str]:
    """Check every same-site link's file and #fragment, and notebook pages."""
    parsed: dict[Path, _LinkParser] = {}

    def parse(path: Path) -> _LinkParser:
        if path not in parsed:
            parsed[path] = _LinkParser()
            parsed[path].feed(path.read_text(encoding="utf-8"))
        return parsed[path]

    problems = []
    for page in pages:
        source = root / page
        for link in parse(source).links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # external: not fetched offline
            target = (
                (source.parent / urllib.parse.unquote(parts.path)).resolve()
                if parts.path
                else source
            )
            target = target / "index.html" if target.is_dir() else target
            fragment = urllib.parse.unquote(parts.fragment)
            if not target.is_file():
                problems.append(f"{page}: broken link {link}")
            elif (
                fragment
                and target.suffix == ".html"
                and fragment not in parse(target).ids
            ):
                problems.append(f"{page}: broken anchor {link}")
        if parse(source).is_notebook:
            problems += check_notebook(root, page, parse(source).links)
    return problems


def check_notebook(root: Path, page: str, links: list[str]) -> list[str]:
    """Check that a page's ``.ipynb`` starts with the set-up cell and its links.

    The wheel the set-up cell installs must be on the site; one Binder and one
    Colab link must open the notebook on :data:`book.NOTEBOOKS_BRANCH`.
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
        return [f"{page}: {name} does not start with the set-up cell {SETUP_CELL_ID!r}"]
    problems = []
    wheel = re.search(r"/wheels/(neurons-[^\s\"]+\.whl)", "".join(cells[0]["source"]))
    if not wheel or not (root / "wheels" / wheel.group(1)).is_file():
        problems.append(f"{page}: the set-up cell's wheel is not on the site")
    if len(binder) != 1 or not binder[0].endswith(
        f"/{NOTEBOOKS_BRANCH}?urlpath=lab/tree/{name}"
    ):
        problems.append(f"{page}: expected one Binder link to {name}, found {binder}")
    if len(colab) != 1 or not colab[0].endswith(f"/blob/{NOTEBOOKS_BRANCH}/{name}"):
        problems.append(f"{page}: expected one Colab link to {name}, found {colab}")
    return problems


def check_html(root: Path, pages: list[str], vnu_jar: Path) -> list[str]:
    """Run the Nu HTML checker on every page; return its errors."""
    completed = subprocess.run(
        ["java", "-jar", str(vnu_jar), *VNU_OPTIONS, *(str(root / p) for p in pages)],
        capture_output=True,
        text=True,
        check=True,
    )
    problems = []
    for message in json.loads(completed.stderr or '{"messages": []}')["messages"]:
        where = Path(urllib.parse.urlsplit(message.get("url", "")).path)
        with suppress(ValueError):  # a message about the checker, not a file
            where = where.relative_to(root.resolve())
        problems.append(
            f"{where}:{message.get('lastLine', '?')}: HTML: {message.get('message', '')}"
        )
    return problems


def check_browser(root: Path, pages: list[str], shots: Path | None) -> list[str]:
    """Check every page in light and dark mode, and the search, in Chromium."""
    from playwright.sync_api import sync_playwright

    problems = []
    with serve(root) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        try:
            for mode in ("light", "dark"):
                for page in pages:
                    found = check_page(browser, base, page, mode, shots)
                    problems += [f"{page} ({mode}): {problem}" for problem in found]
            problems += check_search(browser, base)
        finally:
            browser.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    """Run every check on the built site; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "html_dir", nargs="?", type=Path, default=DOCS / "_build" / "html"
    )
    parser.add_argument(
        "--vnu-jar", type=Path, help="the Nu HTML checker (else skipped)"
    )
    parser.add_argument(
        "--screenshots", type=Path, default=DOCS / "_build" / "screenshots"
    )
    parser.add_argument("--no-screenshots", action="store_true")
    args = parser.parse_args(argv)
    root: Path = args.html_dir.resolve()
    shots = None if args.no_screenshots else args.screenshots
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    pages = find_pages(root)
    failures = check_links(root, pages)
    failures += check_html(root, pages, args.vnu_jar) if args.vnu_jar else []
    failures += check_browser(root, pages, shots)
    for failure in failures:
        print(f"  {failure}", file=sys.stderr)
    print(f"{len(pages)} pages: {len(failures)} problems; screenshots in {shots}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
