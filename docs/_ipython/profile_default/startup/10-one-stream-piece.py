"""Send what a cell prints as one piece: a workaround, tested in tests/.

ipykernel sends printed text every ``flush_interval`` (0.2 s), so where a
cell's text is cut depends on timing. MyST-NB renders each piece as its own
block, and its optional merge (``nb_merge_streams``, myst-nb 1.4) can add an
empty line at a cut: executablebooks/MyST-NB#664 and #690. With an interval
longer than any cell, the text goes out when the cell ends or just before a
figure it displays (ipykernel flushes then), so the page shows it as Jupyter
does. tests/test_docs_tools.py fails once MyST-NB's merge keeps text exact.
"""

import sys

if hasattr(sys.stdout, "flush_interval"):  # ipykernel's OutStream
    sys.stdout.flush_interval = 24 * 3600.0  # seconds: longer than any cell
