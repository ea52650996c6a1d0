"""What the figures draw alike: colours, two classes of points, a unit's line.

Matplotlib artists only, on an ``Axes`` the caller owns; nothing here
knows about frames or controls (that is ``_widget``).
"""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes

# Okabe-Ito, as neurons.plotting (not imported: it loads pyplot).
_BLUE, _ORANGE, _GREEN = "#0072B2", "#D55E00", "#009E73"
_FILL = ("#cfe3f3", "#f6d9c5")  # light tints of blue and vermillion

# Probability bands of the decision-region frames, blue (class 0) to
# vermillion (class 1).
_BANDS = (0.1, 0.3, 0.5, 0.7, 0.9)
_BAND_COLORS = mpl.colors.ListedColormap(
    ["#9cc3e3", "#bcd6ec", "#dde9f5", "#f8e3d4", "#f1c6a8", "#e9a77c"]
)


def _scatter_classes(
    ax: Axes, X: Any, labels: Any, classes: Any = (0, 1), **style: Any
) -> None:
    """Draw the points of two classes: blue circles, then vermillion squares."""
    for cls, color, marker in zip(classes, (_BLUE, _ORANGE), ("o", "s"), strict=True):
        rows = labels == cls
        ax.scatter(X[rows, 0], X[rows, 1], color=color, marker=marker, **style)


def _clip_half_plane(polygon: Any, w: Any, b: float) -> Any:
    """Return the part of a convex polygon where w . x + b >= 0 (Sutherland-Hodgman)."""
    kept = []
    values = polygon @ w + b
    for k in range(len(polygon)):
        p, q = polygon[k], polygon[(k + 1) % len(polygon)]
        vp, vq = values[k], values[(k + 1) % len(polygon)]
        if vp >= 0:
            kept.append(p)
        if (vp >= 0) != (vq >= 0):
            kept.append(p + (q - p) * vp / (vp - vq))
    return np.array(kept)


def _line(ax: Axes, w: Any, b: float, lim: float, **style: Any) -> None:
    """Draw the line w . x + b = 0 across [-lim, lim]^2; nothing if w = 0."""
    if not np.any(w != 0):
        return
    grid = np.linspace(-lim, lim, 2)
    # Solve for the coordinate with the larger weight, so a steep line stays exact.
    if abs(w[1]) >= abs(w[0]):
        ax.plot(grid, -(w[0] * grid + b) / w[1], **style)
    else:
        ax.plot(-(w[1] * grid + b) / w[0], grid, **style)


def _half_plane(ax: Axes, w: npt.ArrayLike, b: float, lim: float) -> None:
    """Shade where w . x + b >= 0 in [-lim, lim]^2, and draw the line."""
    w = np.asarray(w, dtype=float)
    corners = np.array([[-lim, -lim], [lim, -lim], [lim, lim], [-lim, lim]])
    ax.fill(*corners.T, color=_FILL[0], lw=0)
    firing = _clip_half_plane(corners, w, b)
    if len(firing):
        ax.fill(*firing.T, color=_FILL[1], lw=0)
    _line(ax, w, b, lim, color="black", lw=2)
    ax.set(
        xlim=(-lim, lim),
        ylim=(-lim, lim),
        aspect="equal",
        xlabel="$x_1$",
        ylabel="$x_2$",
    )
