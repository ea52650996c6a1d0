"""IPython kernel settings for the book's build (IPYTHONDIR is set in conf.py).

Figures are SVG (sharp at any zoom) and reproducible: no creation date in the
file, and a fixed hash salt for element ids (set in the startup file).
"""

c = get_config()  # noqa: F821 (provided by IPython)
c.InlineBackend.figure_formats = {"svg"}
c.InlineBackend.print_figure_kwargs = {
    "bbox_inches": "tight",
    "facecolor": "white",
    "metadata": {"Date": None},
}
c.HistoryManager.enabled = False  # keep the build from writing history.sqlite here
c.IPKernelApp.log_level = "ERROR"  # no start-up chatter in the build log
