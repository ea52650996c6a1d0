"""Interactive figures for a static site: precomputed frames behind native controls.

A figure here is a grid of matplotlib frames, one for every setting of its
controls, computed when the page is executed. In the browser, a few lines of
inline JavaScript show the frame that matches the controls (``<input
type="range">`` sliders and ``<select>`` menus, so keyboards and screen
readers work without extra code). No kernel, no server, no request to another
site: the frames are small palette PNGs inside the page. With JavaScript off,
and in a downloaded notebook (whose output also holds a PNG), the figure shows
its default frame.

The HTML contract, checked by the book's site check: the figure is an element
of class ``nn-interactive``; each control has an ``id`` unique on the page
and a ``<label for=...>``; one ``<img class="nn-frame">`` changes its ``src``
when any control changes.

:func:`interactive_figure` builds such a figure from any drawing function;
the others build the book's figures: a TLU's line (:func:`tlu_explorer`), the
perceptron rule update by update (:func:`perceptron_stepper`), the fit of a
one-hidden-layer network as it widens and trains
(:func:`universal_approximation_explorer`), decision regions of small MLPs
(:func:`decision_region_explorer`), activations and their derivatives
(:func:`activation_explorer`), activations through depth at several
weight scales (:func:`initialisation_explorer`), a leaky integrate-and-fire neuron
(:func:`lif_explorer`), and gradient descent with momentum on a 2-D loss
surface (:func:`training_explorer`).

Deliberately left out: anything computed in the browser (every frame is drawn
in Python, so what the reader sees is what the package computes), animation
playback, and settings between the precomputed ones. Like
:mod:`neurons.plotting`, this module imports matplotlib.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import itertools
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib as mpl
import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from PIL import Image

from neurons._validation import (
    check_array,
    check_choice,
    check_label_vector,
    check_positive_float,
    check_positive_int,
    check_random_state,
    describe,
)
from neurons.activations import get_activation
from neurons.mlp import MLP
from neurons.perceptron import perceptron_steps
from neurons.spiking import LeakyIntegrateAndFire

__all__ = [
    "Control",
    "InteractiveFigure",
    "activation_explorer",
    "decision_region_explorer",
    "initialisation_explorer",
    "interactive_figure",
    "lif_explorer",
    "perceptron_stepper",
    "tlu_explorer",
    "training_explorer",
    "universal_approximation_explorer",
]

# Okabe-Ito, as neurons.plotting (not imported: it loads pyplot).
_BLUE, _ORANGE, _GREEN, _PINK = "#0072B2", "#D55E00", "#009E73", "#CC79A7"
_FILL = ("#cfe3f3", "#f6d9c5")  # light tints of blue and vermillion

_figure_counter = itertools.count(1)

# Probability bands of the decision-region frames, blue (class 0) to
# vermillion (class 1).
_BANDS = (0.1, 0.3, 0.5, 0.7, 0.9)
_BAND_COLORS = mpl.colors.ListedColormap(
    ["#9cc3e3", "#bcd6ec", "#dde9f5", "#f8e3d4", "#f1c6a8", "#e9a77c"]
)

# One small script, the same for every figure: it wires every figure on the
# page that is not wired yet, so repeating it in each figure costs ~1 kB and
# keeps each figure's HTML self-contained.
_SCRIPT = """(function () {
  var figures = document.querySelectorAll(".nn-interactive:not([data-nn-ready])");
  Array.prototype.forEach.call(figures, function (figure) {
    figure.setAttribute("data-nn-ready", "true");
    var data = JSON.parse(figure.querySelector("script.nn-data").textContent);
    var img = figure.querySelector("img.nn-frame");
    var status = figure.querySelector(".nn-status");
    var controls = figure.querySelectorAll(".nn-control");
    function update() {
      var index = 0, words = [];
      Array.prototype.forEach.call(controls, function (control, k) {
        var v = parseInt(control.value, 10);
        var text = data.values[k][v];
        index = index * data.values[k].length + v;
        words.push(data.labels[k] + " " + text);
        if (control.type === "range") {
          control.setAttribute("aria-valuetext", text);
          document.getElementById(control.id + "-value").textContent = text;
        }
      });
      img.src = data.frames[data.index[index]];
      img.alt = data.alts[index];
      status.textContent = words.join(", ") + ". " + data.alts[index];
    }
    Array.prototype.forEach.call(controls, function (control) {
      control.addEventListener("input", update);
      control.addEventListener("change", update);
    });
  });
})();"""

# Inline styles (a <style> element may not sit inside a <div> in valid
# HTML). Colours inherit from the theme, so light and dark mode both read;
# the frames keep their white background, as the book's other figures do.
_STYLES = {
    "figure": "margin:0.5em auto;max-width:100%",
    "controls": (
        "display:flex;flex-wrap:wrap;gap:0.4em 1.2em;align-items:center;"
        "margin-bottom:0.4em;font-size:0.9em"
    ),
    "label": "margin-right:0.3em",
    "range": "vertical-align:middle;max-width:10em",
    "value": "display:inline-block;min-width:3.5em;margin-left:0.3em",
    "frame": "display:block;max-width:100%;height:auto;background:#fff;border-radius:4px",
    "status": (
        "position:absolute;width:1px;height:1px;overflow:hidden;"
        "clip:rect(0 0 0 0);white-space:nowrap"
    ),
}


def _check_text(value: Any, *, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        msg = f"{name} must be a non-empty string, got {describe(value)}."
        raise ValueError(msg)
    return value


def _format_value(value: Any) -> str:
    if isinstance(value, float | np.floating):
        return f"{float(value):g}"
    return str(value)


@dataclass(frozen=True)
class Control:
    """One control of an interactive figure: a slider or a menu over fixed values.

    Parameters
    ----------
    name : str
        The keyword under which the drawing function receives the value; a
        Python identifier.
    label : str
        The control's accessible name, shown beside it (for example
        ``"weight w1"``).
    values : sequence
        The values the control steps through, in order; at least two.
    default : object, optional
        The value shown first, and with JavaScript off; the middle value if
        not given. Must be one of ``values``.
    kind : {"range", "select"}, default="range"
        A slider (``<input type="range">``) or a menu (``<select>``).
    value_labels : sequence of str, optional
        How each value is shown to the reader; ``f"{value:g}"`` for floats
        and ``str(value)`` otherwise if not given.

    Raises
    ------
    ValueError
        If ``name`` is not an identifier, ``label`` is empty, there are fewer
        than two values, ``default`` is not one of them, ``kind`` is not
        ``"range"`` or ``"select"``, or ``value_labels`` has the wrong length.

    Attributes
    ----------
    default_index : int
        Position of ``default`` in ``values``.
    labels : tuple of str
        How each value is shown.

    Examples
    --------
    >>> c = Control("bias", "bias b", [-1.0, 0.0, 1.0])
    >>> c.default_index, c.labels
    (1, ('-1', '0', '1'))
    """

    name: str
    label: str
    values: Sequence[Any]
    default: Any = None
    kind: str = "range"
    value_labels: Sequence[str] | None = None
    labels: tuple[str, ...] = field(init=False)
    default_index: int = field(init=False)

    def __post_init__(self) -> None:
        name: Any = self.name  # checked at run time, whatever the annotation
        if not isinstance(name, str) or not name.isidentifier():
            msg = f"name must be a Python identifier, got {describe(self.name)}."
            raise ValueError(msg)
        _check_text(self.label, name="label")
        values = tuple(self.values)
        if len(values) < 2:
            msg = (
                f"values of control {self.name!r} must hold at least 2 values, "
                f"got {len(values)}."
            )
            raise ValueError(msg)
        object.__setattr__(self, "values", values)
        if self.default is None:
            index = (len(values) - 1) // 2
        else:
            matches = [i for i, v in enumerate(values) if v == self.default]
            if not matches:
                msg = (
                    f"default of control {self.name!r} must be one of its values "
                    f"{[_format_value(v) for v in values]}, got {self.default!r}."
                )
                raise ValueError(msg)
            index = matches[0]
        object.__setattr__(self, "default_index", index)
        check_choice(self.kind, name="kind", choices=("range", "select"))
        if self.value_labels is None:
            labels = tuple(_format_value(v) for v in values)
        else:
            labels = tuple(str(v) for v in self.value_labels)
            if len(labels) != len(values):
                msg = (
                    f"value_labels of control {self.name!r} must have one label "
                    f"per value ({len(values)}), got {len(labels)}."
                )
                raise ValueError(msg)
        object.__setattr__(self, "value_labels", labels)
        object.__setattr__(self, "labels", labels)


class InteractiveFigure:
    """Precomputed frames behind controls, shown as HTML (and a PNG fallback).

    Made by :func:`interactive_figure`; not usually built directly. In a
    notebook or a MyST-NB page it displays as HTML with its controls
    (``_repr_html_``); its ``_repr_png_`` is the default frame, the static
    fallback of a downloaded notebook.

    Parameters
    ----------
    controls : sequence of Control
        The controls, in order; the frames vary fastest along the last.
    frames : sequence of bytes
        One PNG per setting, in the order of ``itertools.product`` over the
        controls' values.
    alts : sequence of str
        One description per setting, used as the image's alt text.
    alt : str
        Alt text of the default frame (the one shown first).

    Attributes
    ----------
    controls : tuple of Control
    n_settings : int
        Number of settings, the product of the controls' numbers of values.
    n_frames : int
        Number of distinct frames stored (equal frames are stored once).
    default_png : bytes
        The frame of the default setting.

    Examples
    --------
    >>> fig = interactive_figure(
    ...     lambda fig, slope: fig.subplots().plot([0, 1], [0, slope]),
    ...     [Control("slope", "slope", [1, 2])], alt="A line of slope 1.")
    >>> fig.n_settings, fig.n_frames
    (2, 2)
    >>> "nn-interactive" in fig.to_html()
    True
    """

    def __init__(
        self,
        controls: Sequence[Control],
        frames: Sequence[bytes],
        alts: Sequence[str],
        alt: str,
    ) -> None:
        self.controls = tuple(controls)
        sizes = [len(c.values) for c in self.controls]
        self.n_settings = int(np.prod(sizes))
        if len(frames) != self.n_settings or len(alts) != self.n_settings:
            msg = (
                f"frames and alts must have one entry per setting "
                f"({self.n_settings}), got {len(frames)} and {len(alts)}."
            )
            raise ValueError(msg)
        unique: dict[bytes, int] = {}
        self._index = [unique.setdefault(f, len(unique)) for f in frames]
        self._frames = list(unique)
        self._alts = [str(a) for a in alts]
        self.alt = _check_text(alt, name="alt")
        default = 0
        for control in self.controls:
            default = default * len(control.values) + control.default_index
        self._default = default
        self.n_frames = len(self._frames)
        self.default_png = self._frames[self._index[default]]

    def __repr__(self) -> str:
        names = ", ".join(c.name for c in self.controls)
        return (
            f"InteractiveFigure(controls=[{names}], n_settings={self.n_settings}, "
            f"size={len(self.to_html()) / 1000:.0f} kB)"
        )

    def to_html(self) -> str:
        """Return the figure as one self-contained HTML element.

        Returns
        -------
        str
            A ``<div class="nn-interactive">`` holding the controls, the
            frame, a visually hidden live region that says the setting, the
            frames as JSON, and the script.

        Examples
        --------
        >>> fig = interactive_figure(
        ...     lambda fig, k: fig.subplots().plot([0, k]),
        ...     [Control("k", "height", [1, 2])], alt="A line.")
        >>> page = fig.to_html()
        >>> page.count('<label for="'), page.count('class="nn-frame"')
        (1, 1)
        """
        uris = [
            "data:image/png;base64," + base64.b64encode(f).decode("ascii")
            for f in self._frames
        ]
        digest = hashlib.sha1(b"".join(self._frames)).hexdigest()[:6]
        prefix = f"nn-{digest}-{next(_figure_counter)}"
        st = _STYLES
        parts = [f'<div class="nn-interactive" id="{prefix}" style="{st["figure"]}">']
        parts.append(f'<div class="nn-controls" style="{st["controls"]}">')
        for k, control in enumerate(self.controls):
            cid = f"{prefix}-{k}-{control.name}"
            label = html.escape(control.label)
            parts.append("<span>")
            parts.append(f'<label for="{cid}" style="{st["label"]}">{label}</label>')
            if control.kind == "range":
                text = html.escape(control.labels[control.default_index])
                parts.append(
                    f'<input type="range" class="nn-control" id="{cid}" min="0" '
                    f'max="{len(control.values) - 1}" step="1" '
                    f'value="{control.default_index}" aria-valuetext="{text}" '
                    f'style="{st["range"]}">'
                )
                parts.append(
                    f'<span class="nn-value" id="{cid}-value" '
                    f'aria-hidden="true" style="{st["value"]}">{text}</span>'
                )
            else:
                parts.append(f'<select class="nn-control" id="{cid}">')
                for i, text in enumerate(control.labels):
                    selected = " selected" if i == control.default_index else ""
                    parts.append(
                        f'<option value="{i}"{selected}>{html.escape(text)}</option>'
                    )
                parts.append("</select>")
            parts.append("</span>")
        parts.append("</div>")
        parts.append(
            f'<img class="nn-frame" src="{uris[self._index[self._default]]}" '
            f'alt="{html.escape(self.alt)}" style="{st["frame"]}">'
        )
        parts.append(
            f'<div class="nn-status" aria-live="polite" style="{st["status"]}"></div>'
        )
        data = {
            "labels": [c.label for c in self.controls],
            "values": [list(c.labels) for c in self.controls],
            "frames": uris,
            "index": self._index,
            "alts": self._alts,
        }
        # "</" cannot end the JSON's script element early.
        payload = json.dumps(data, separators=(",", ":")).replace("</", "<\\/")
        parts.append(
            f'<script type="application/json" class="nn-data">{payload}</script>'
        )
        parts.append(f"<script>{_SCRIPT}</script>")
        parts.append("</div>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_png_(self) -> bytes:
        return self.default_png

    def frame(self, **setting: Any) -> bytes:
        """Return the PNG shown at one setting of the controls.

        Parameters
        ----------
        **setting
            One value per control, by name; a control left out takes its
            default.

        Returns
        -------
        bytes
            The PNG.

        Raises
        ------
        ValueError
            If a name is not a control's, or a value is not one of its values.

        Examples
        --------
        >>> fig = interactive_figure(
        ...     lambda fig, k: fig.subplots().plot([0, k]),
        ...     [Control("k", "height", [1, 2])], alt="A line.")
        >>> fig.frame(k=1) != fig.frame(k=2)
        True
        """
        names = {c.name for c in self.controls}
        unknown = sorted(set(setting) - names)
        if unknown:
            msg = f"setting names no control: {unknown}; the controls are {sorted(names)}."
            raise ValueError(msg)
        index = 0
        for control in self.controls:
            if control.name in setting:
                value = setting[control.name]
                matches = [i for i, v in enumerate(control.values) if v == value]
                if not matches:
                    msg = (
                        f"{control.name} must be one of "
                        f"{list(control.labels)}, got {value!r}."
                    )
                    raise ValueError(msg)
                position = matches[0]
            else:
                position = control.default_index
            index = index * len(control.values) + position
        return self._frames[self._index[index]]

    @property
    def size_kb(self) -> float:
        """Size of the figure's HTML in kB (1000 bytes): its page weight.

        Examples
        --------
        >>> fig = interactive_figure(
        ...     lambda fig, k: fig.subplots().plot([0, k]),
        ...     [Control("k", "height", [1, 2])], alt="A line.")
        >>> 1 < fig.size_kb < 50
        True
        """
        return len(self.to_html().encode("utf-8")) / 1000


def _png(fig: Figure, dpi: float, colors: int) -> bytes:
    """Render ``fig`` as a palette PNG: about a third the size of RGBA."""
    buffer = io.BytesIO()
    fig.savefig(
        buffer, format="png", dpi=dpi, facecolor="white", metadata={"Software": None}
    )
    buffer.seek(0)
    with Image.open(buffer) as image:
        quantized = image.convert("RGB").quantize(
            colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    out = io.BytesIO()
    quantized.save(out, format="PNG", optimize=True)
    return out.getvalue()


def interactive_figure(
    draw: Callable[..., Any],
    controls: Sequence[Control],
    *,
    alt: str,
    describe_setting: Callable[..., str] | None = None,
    figsize: tuple[float, float] = (5.0, 3.4),
    dpi: float = 72.0,
    colors: int = 48,
) -> InteractiveFigure:
    """Draw one frame per setting of the controls and wrap them with the controls.

    ``draw(fig, **setting)`` is called on a cleared figure once for every
    combination of the controls' values; each result is saved as a palette
    PNG (``colors`` colours, no dithering) at ``dpi``.

    Parameters
    ----------
    draw : callable
        ``draw(fig, **setting)`` draws on the :class:`~matplotlib.figure.Figure`
        ``fig``; ``setting`` maps each control's name to a value.
    controls : sequence of Control
        The controls; their names must differ.
    alt : str
        Alt text of the default frame, in words.
    describe_setting : callable, optional
        ``describe_setting(**setting)`` returns the alt text of a frame, read
        out when the reader changes a control; ``alt`` for every frame if not
        given.
    figsize : tuple of float, default=(5.0, 3.4)
        Size of each frame in inches.
    dpi : float, default=72.0
        Resolution of the frames.
    colors : int, default=48
        Colours in each frame's palette (2 to 256).

    Returns
    -------
    InteractiveFigure

    Raises
    ------
    ValueError
        If ``controls`` is empty or two controls share a name, ``alt`` is
        empty, or ``dpi`` or ``colors`` is out of range.
    TypeError
        If ``draw`` is not callable.

    Examples
    --------
    >>> def draw(fig, slope, colour):
    ...     fig.subplots().plot([0, 1], [0, slope], color=colour)
    >>> fig = interactive_figure(
    ...     draw,
    ...     [Control("slope", "slope", [0.5, 1.0, 2.0]),
    ...      Control("colour", "colour", ["red", "blue"], kind="select")],
    ...     alt="A red line of slope 1.")
    >>> fig.n_settings
    6
    >>> fig.frame(slope=0.5) != fig.frame(slope=2.0)
    True
    """
    draw_any: Any = draw  # checked at run time, whatever the annotation
    if not callable(draw_any):
        msg = f"draw must be callable, got {describe(draw)}."
        raise TypeError(msg)
    controls = list(controls)
    if not controls or not all(isinstance(c, Control) for c in controls):
        msg = f"controls must be a non-empty sequence of Control, got {describe(controls)}."
        raise ValueError(msg)
    names = [c.name for c in controls]
    if len(set(names)) != len(names):
        msg = f"controls must have distinct names, got {names}."
        raise ValueError(msg)
    alt = _check_text(alt, name="alt")
    dpi = check_positive_float(dpi, name="dpi")
    colors = check_positive_int(colors, name="colors")
    if not 2 <= colors <= 256:
        msg = f"colors must be between 2 and 256, got {colors}."
        raise ValueError(msg)
    frames, alts = [], []
    # A figure made without pyplot: nothing to close, nothing shown twice.
    # No layout engine: each draw sets its margins (constrained layout
    # doubles the cost of a frame).
    fig = Figure(figsize=figsize)
    with mpl.rc_context({"font.size": 9, "axes.titlesize": 9}):
        for values in itertools.product(*(c.values for c in controls)):
            setting = dict(zip(names, values, strict=True))
            fig.clear()
            draw(fig, **setting)
            frames.append(_png(fig, dpi, colors))
            alts.append(describe_setting(**setting) if describe_setting else alt)
    return InteractiveFigure(controls, frames, alts, alt)


def _values(values: Any, *, name: str) -> list[float]:
    array = check_array(values, name=name, ndim=1)
    if array.shape[0] < 2:
        msg = f"{name} must hold at least 2 values, got {array.shape[0]}."
        raise ValueError(msg)
    return [float(v) for v in array]


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


def _half_plane(ax: Axes, w: npt.ArrayLike, b: float, lim: float) -> None:
    """Shade where w . x + b >= 0 in [-lim, lim]^2, and draw the line."""
    w = np.asarray(w, dtype=float)
    corners = np.array([[-lim, -lim], [lim, -lim], [lim, lim], [-lim, lim]])
    ax.fill(*corners.T, color=_FILL[0], lw=0)
    firing = _clip_half_plane(corners, w, b)
    if len(firing):
        ax.fill(*firing.T, color=_FILL[1], lw=0)
    grid = np.linspace(-lim, lim, 2)
    if np.any(w != 0):
        if abs(w[1]) >= abs(w[0]):
            ax.plot(grid, -(w[0] * grid + b) / w[1], color="black", lw=2)
        else:
            ax.plot(-(w[1] * grid + b) / w[0], grid, color="black", lw=2)
    ax.set(
        xlim=(-lim, lim),
        ylim=(-lim, lim),
        aspect="equal",
        xlabel="$x_1$",
        ylabel="$x_2$",
    )


def tlu_explorer(
    w1_values: npt.ArrayLike = (-1.0, -0.5, 0.0, 0.5, 1.0),
    w2_values: npt.ArrayLike = (-1.0, -0.5, 0.0, 0.5, 1.0),
    b_values: npt.ArrayLike = (-1.5, -0.5, 0.5),
    *,
    X: npt.ArrayLike | None = None,
    y: npt.ArrayLike | None = None,
    default: tuple[float, float, float] = (1.0, 1.0, -1.5),
    alt: str,
) -> InteractiveFigure:
    r"""Sliders for a TLU's weights and bias, moving its line and firing half-plane.

    The unit fires (outputs 1) where :math:`w_1 x_1 + w_2 x_2 + b \ge 0`,
    shaded, and the line :math:`w_1 x_1 + w_2 x_2 + b = 0` bounds that
    half-plane; the weight vector is drawn as an arrow from the origin.

    Parameters
    ----------
    w1_values, w2_values, b_values : array-like of float
        The values each slider steps through.
    X : array-like of shape (n_samples, 2), optional
        Points to draw, for example a truth table's inputs.
    y : array-like of shape (n_samples,), optional
        Their labels 0 and 1 (required with ``X``).
    default : tuple of float, default=(1.0, 1.0, -1.5)
        ``(w1, w2, b)`` shown first; each must be among its slider's values.
    alt : str
        Alt text of the default frame.

    Returns
    -------
    InteractiveFigure

    Raises
    ------
    ValueError
        If a list of values has fewer than two, a default is not among them,
        or ``X`` and ``y`` do not match.

    Examples
    --------
    >>> fig = tlu_explorer((0.0, 1.0), (0.0, 1.0), (-1.0, 0.0),
    ...                    default=(1.0, 1.0, -1.0), alt="The OR line.")
    >>> fig.frame(w1=1.0, w2=1.0, b=-1.0) != fig.frame(w1=0.0, w2=1.0, b=-1.0)
    True
    """
    w1s = _values(w1_values, name="w1_values")
    w2s = _values(w2_values, name="w2_values")
    bs = _values(b_values, name="b_values")
    points = None
    if X is not None:
        X_checked = check_array(X, name="X", n_features=2)
        if y is None:
            msg = "y must be given with X: the labels of the points."
            raise ValueError(msg)
        labels = check_label_vector(y, X_checked)
        points = (X_checked, labels)
    lim = 1.6 if points is None else float(np.abs(points[0]).max()) + 0.6

    def draw(fig: Figure, w1: float, w2: float, b: float) -> None:
        ax = fig.subplots()
        fig.subplots_adjust(left=0.17, right=0.97, bottom=0.14, top=0.84)
        _half_plane(ax, (w1, w2), b, lim)
        if points is not None:
            for label, color, marker in ((0, _BLUE, "o"), (1, _ORANGE, "s")):
                rows = points[1] == label
                ax.scatter(
                    points[0][rows, 0],
                    points[0][rows, 1],
                    color=color,
                    marker=marker,
                    s=45,
                    edgecolor="black",
                    zorder=3,
                    label=f"label {label}",
                )
        if w1 or w2:
            ax.annotate(
                "",
                xy=(w1, w2),
                xytext=(0, 0),
                arrowprops={"arrowstyle": "-|>", "color": _GREEN, "lw": 2},
            )
        ax.set_title(
            f"$w_1$ = {w1:g}, $w_2$ = {w2:g}, $b$ = {b:g}\n"
            "fires (output 1) in the orange region"
        )

    def describe_setting(w1: float, w2: float, b: float) -> str:
        if w1 == 0 and w2 == 0:
            where = "everywhere" if b >= 0 else "nowhere"
            return f"With both weights 0 there is no line: the unit fires {where}."
        return (
            f"The line w1 x1 + w2 x2 + b = 0 with w1 = {w1:g}, w2 = {w2:g}, "
            f"b = {b:g}; the unit fires on the side the weight arrow points to."
        )

    return interactive_figure(
        draw,
        [
            Control("w1", "weight w1", w1s, default=default[0]),
            Control("w2", "weight w2", w2s, default=default[1]),
            Control("b", "bias b", bs, default=default[2]),
        ],
        alt=alt,
        describe_setting=describe_setting,
        figsize=(3.6, 3.4),
        dpi=72,
    )


def perceptron_stepper(
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    learning_rate: float = 1.0,
    max_epochs: int = 20,
    max_updates: int = 60,
    alt: str,
) -> InteractiveFigure:
    """Step through every update of the perceptron rule on 2-D data.

    Frame 0 is the start (all weights zero); frame ``k`` shows the ``k``-th
    update of :func:`neurons.perceptron.perceptron_steps`: the line before
    (dashed) and after (solid) it, the shaded half-plane where the unit now
    answers the positive class, the example that caused it (ringed), and
    the new weights and bias in the title.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        Inputs.
    y : array-like of shape (n_samples,)
        Two class labels.
    learning_rate : float, default=1.0
        Step size of the rule.
    max_epochs : int, default=20
        Passes over the data at most (in order, no shuffling).
    max_updates : int, default=60
        Refuse data that needs more updates (each is a frame).

    Returns
    -------
    InteractiveFigure

    Raises
    ------
    ValueError
        On bad input (as :func:`~neurons.perceptron.perceptron_steps`), or if
        the rule makes more than ``max_updates`` updates.

    Examples
    --------
    >>> from neurons.datasets import logic_gate
    >>> X, y = logic_gate("and")
    >>> fig = perceptron_stepper(X, y, alt="The start.")
    >>> fig.controls[0].values[:3]
    (0, 1, 2)
    """
    steps = [
        s
        for s in perceptron_steps(
            X, y, learning_rate=learning_rate, max_epochs=max_epochs
        )
        if s.mistake
    ]
    max_updates = check_positive_int(max_updates, name="max_updates")
    if len(steps) > max_updates:
        msg = (
            f"max_updates is {max_updates}, but the rule made {len(steps)} "
            "updates on this data; raise max_updates or use fewer samples."
        )
        raise ValueError(msg)
    X_checked = check_array(X, name="X", n_features=2)
    labels = np.asarray(y)
    classes = np.unique(labels)
    lim = float(np.abs(X_checked).max()) * 1.15
    history = [(np.zeros(2), 0.0)] + [(s.weights, s.bias) for s in steps]

    def draw(fig: Figure, update: int) -> None:
        ax = fig.subplots()
        fig.subplots_adjust(left=0.14, right=0.97, bottom=0.12, top=0.86)
        w, b = history[update]
        _half_plane(ax, w, b, lim)
        if update > 0:
            w_old, b_old = history[update - 1]
            if np.any(w_old != 0):
                grid = np.linspace(-lim, lim, 2)
                if abs(w_old[1]) >= abs(w_old[0]):
                    ax.plot(grid, -(w_old[0] * grid + b_old) / w_old[1], "k--", lw=1)
                else:
                    ax.plot(-(w_old[1] * grid + b_old) / w_old[0], grid, "k--", lw=1)
        for cls, color, marker in zip(
            classes, (_BLUE, _ORANGE), ("o", "s"), strict=True
        ):
            rows = labels == cls
            ax.scatter(
                X_checked[rows, 0],
                X_checked[rows, 1],
                color=color,
                marker=marker,
                s=22,
                edgecolor="white",
                linewidth=0.5,
                zorder=3,
            )
        if update == 0:
            ax.set_title("start: w = (0, 0), b = 0")
        else:
            step = steps[update - 1]
            ax.scatter(
                step.x[0],
                step.x[1],
                s=170,
                facecolor="none",
                edgecolor="black",
                linewidth=2,
                zorder=4,
            )
            ax.set_title(
                f"update {update} (epoch {step.epoch}, example {step.index}):\n"
                f"w = ({w[0]:.2f}, {w[1]:.2f}), b = {b:.2f}"
            )

    def describe_setting(update: int) -> str:
        if update == 0:
            return "The start: all weights zero, so the unit answers the positive class everywhere."
        step = steps[update - 1]
        return (
            f"Update {update}, in epoch {step.epoch}: example {step.index}, of class "
            f"{step.label}, was on the wrong side; the new line is solid, the old one dashed."
        )

    return interactive_figure(
        draw,
        [
            Control(
                "update", "update", list(range(len(history))), default=len(history) - 1
            )
        ],
        alt=alt,
        describe_setting=describe_setting,
        figsize=(4.2, 3.9),
        dpi=80,
    )


def universal_approximation_explorer(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    widths: Sequence[int] = (1, 3, 10, 30),
    epochs: Sequence[int] = (0, 100, 300, 1000, 3000),
    learning_rate: float = 0.1,
    momentum: float = 0.9,
    random_state: int = 0,
    alt: str,
) -> InteractiveFigure:
    r"""Show the fit of a ``(1, width, 1)`` tanh network as it widens and trains.

    For each width one network is trained on ``(x, y)`` by full-batch
    gradient descent with momentum; the weights are kept at each of
    ``epochs``. A frame shows the data and the fitted curve (top), and each
    hidden unit's contribution :math:`W^2_k \tanh(W^1_k x + b^1_k)` to it
    (bottom): the fitted curve is their sum plus the output bias.

    Parameters
    ----------
    x : array-like of shape (n_samples,) or (n_samples, 1)
        Inputs.
    y : array-like of shape (n_samples,)
        Targets.
    widths : sequence of int, default=(1, 3, 10, 30)
        Hidden widths, one slider position each.
    epochs : sequence of int, default=(0, 100, 300, 1000, 3000)
        Epochs at which the weights are shown, increasing, from 0.
    learning_rate, momentum : float
        Settings of :meth:`neurons.mlp.MLP.fit`.
    random_state : int, default=0
        Seed of every network's initial weights.
    alt : str
        Alt text of the default frame (the widest network, last epoch).

    Returns
    -------
    InteractiveFigure

    Raises
    ------
    ValueError
        If ``epochs`` is not increasing from 0 or a width is not positive.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.linspace(-1, 1, 20)
    >>> fig = universal_approximation_explorer(
    ...     x, x**2, widths=(1, 2), epochs=(0, 5), alt="A parabola.")
    >>> fig.frame(width=1, epoch=5) != fig.frame(width=2, epoch=5)
    True
    """
    X = check_array(np.asarray(x, dtype=float).reshape(-1, 1), name="x", ndim=2)
    targets = check_array(y, name="y", ndim=1)
    widths = [check_positive_int(w, name="widths") for w in widths]
    epochs = [int(e) for e in epochs]
    if epochs[0] != 0 or any(b <= a for a, b in itertools.pairwise(epochs)):
        msg = f"epochs must increase from 0, got {epochs}."
        raise ValueError(msg)
    snapshots: dict[tuple[int, int], tuple[list[Any], list[Any]]] = {}
    for width in widths:
        net = MLP((1, width, 1), activation="tanh", random_state=random_state)
        snapshots[width, 0] = (
            [w.copy() for w in net.weights],
            [b.copy() for b in net.biases],
        )
        for before, after in itertools.pairwise(epochs):
            net.fit(
                X,
                targets,
                epochs=after - before,
                batch_size=X.shape[0],
                learning_rate=learning_rate,
                momentum=momentum,
                shuffle=False,
            )
            snapshots[width, after] = (
                [w.copy() for w in net.weights],
                [b.copy() for b in net.biases],
            )
    grid = np.linspace(X.min(), X.max(), 300)[:, None]
    order = np.argsort(X[:, 0])

    def draw(fig: Figure, width: int, epoch: int) -> None:
        (W1, W2), (b1, b2) = snapshots[width, epoch]
        contributions = np.tanh(grid @ W1 + b1) * W2[:, 0]
        fitted = contributions.sum(axis=1) + b2[0]
        error = np.mean((np.tanh(X @ W1 + b1) @ W2 + b2 - targets[:, None]) ** 2)
        ax_fit, ax_units = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
        fig.subplots_adjust(left=0.12, right=0.97, bottom=0.12, top=0.92, hspace=0.08)
        ax_fit.plot(X[order, 0], targets[order], color="0.6", lw=4, label="target")
        ax_fit.plot(grid[:, 0], fitted, color=_ORANGE, lw=2, label="network")
        ax_fit.set(
            ylabel="$y$",
            ylim=(-1.6, 1.6),
            title=f"{width} hidden unit{'s' * (width > 1)}, epoch {epoch}: "
            f"mean squared error {error:.3f}",
        )
        ax_fit.legend(loc="upper right", fontsize=7)
        ax_units.plot(grid[:, 0], contributions, lw=1)
        ax_units.set(xlabel="$x$", ylabel="each unit")

    def describe_setting(width: int, epoch: int) -> str:
        return (
            f"The fit of {width} tanh units after {epoch} epochs (orange) against "
            f"the target (grey), and below, each unit's weighted output."
        )

    return interactive_figure(
        draw,
        [
            Control("width", "hidden units", widths, default=widths[-1]),
            Control("epoch", "epoch", epochs, default=epochs[-1]),
        ],
        alt=alt,
        describe_setting=describe_setting,
        figsize=(5.0, 3.8),
        dpi=80,
    )


def decision_region_explorer(
    datasets: Mapping[str, tuple[npt.ArrayLike, npt.ArrayLike]],
    *,
    widths: Sequence[int] = (2, 4, 8),
    activations: Sequence[str] = ("tanh", "relu", "sigmoid"),
    epochs: Sequence[int] = (0, 20, 200),
    learning_rate: float = 0.5,
    batch_size: int = 50,
    random_state: int = 0,
    default: tuple[str, int, str, int] | None = None,
    alt: str,
) -> InteractiveFigure:
    """Show MLP decision regions on 2-D data: a precomputed playground.

    One ``(2, width, 1)`` network with a sigmoid output and binary
    cross-entropy is trained per data set, width and activation by
    mini-batch gradient descent (seeded, so the build is reproducible); a
    frame shows its probability of class 1 over the plane after a number of
    epochs, its 0.5 boundary, the data and the training accuracy.

    Parameters
    ----------
    datasets : mapping of str to (X, y)
        Named 2-D data sets with labels 0 and 1, for example XOR, moons and
        circles.
    widths : sequence of int, default=(2, 4, 8)
        Hidden widths.
    activations : sequence of str, default=("tanh", "relu", "sigmoid")
        Hidden activations, by name (see :func:`neurons.activations.get_activation`).
    epochs : sequence of int, default=(0, 20, 200)
        Epochs shown, increasing from 0.
    learning_rate : float, default=0.5
        Step size of plain SGD.
    batch_size : int, default=50
    random_state : int, default=0
        Seed of the initial weights and the shuffling.
    default : tuple, optional
        ``(dataset, width, activation, epoch)`` shown first; the first data
        set, the middle width, the first activation and the last epoch if
        not given.
    alt : str
        Alt text of the default frame.

    Returns
    -------
    InteractiveFigure

    Raises
    ------
    ValueError
        If a data set is not 2-D with labels 0 and 1, an activation is
        unknown, or ``epochs`` does not increase from 0.

    Examples
    --------
    >>> from neurons.datasets import make_xor
    >>> fig = decision_region_explorer(
    ...     {"XOR": make_xor(40, random_state=0),
    ...      "XOR, other noise": make_xor(40, random_state=1)},
    ...     widths=(2, 4), activations=("tanh", "relu"), epochs=(0, 5),
    ...     alt="XOR regions.")
    >>> fig.n_settings  # 2 data sets x 2 widths x 2 activations x 2 epochs
    16
    """
    datasets_any: Any = datasets  # checked at run time
    if not isinstance(datasets_any, Mapping) or len(datasets_any) == 0:
        msg = f"datasets must be a non-empty mapping of name to (X, y), got {describe(datasets)}."
        raise ValueError(msg)
    data = {}
    for name, pair in datasets.items():
        X = check_array(pair[0], name=f"datasets[{name!r}] X", n_features=2)
        labels = check_label_vector(pair[1], X, name=f"datasets[{name!r}] y")
        if not set(np.unique(labels).tolist()) <= {0, 1}:
            msg = f"datasets[{name!r}] y must hold labels 0 and 1, got {np.unique(labels).tolist()}."
            raise ValueError(msg)
        data[name] = (X, labels.astype(float))
    for activation in activations:
        get_activation(activation, name="activations")
    widths = [check_positive_int(w, name="widths") for w in widths]
    epochs = [int(e) for e in epochs]
    if epochs[0] != 0 or any(b <= a for a, b in itertools.pairwise(epochs)):
        msg = f"epochs must increase from 0, got {epochs}."
        raise ValueError(msg)
    probabilities: dict[tuple[str, int, str, int], tuple[Any, float]] = {}
    grids = {}
    for name, (X, labels) in data.items():
        low, high = X.min(axis=0) - 0.4, X.max(axis=0) + 0.4
        xx, yy = np.meshgrid(
            np.linspace(low[0], high[0], 90), np.linspace(low[1], high[1], 90)
        )
        grids[name] = (xx, yy)
        flat = np.c_[xx.ravel(), yy.ravel()]
        for width, activation in itertools.product(widths, activations):
            net = MLP(
                (2, width, 1),
                activation=activation,
                output_activation="sigmoid",
                loss="binary_crossentropy",
                random_state=random_state,
            )
            shuffling = check_random_state(random_state)
            for before, after in itertools.pairwise([0, *epochs]):
                if after > before:
                    net.fit(
                        X,
                        labels,
                        epochs=after - before,
                        batch_size=batch_size,
                        learning_rate=learning_rate,
                        random_state=shuffling,
                    )
                accuracy = float(np.mean((net.forward(X)[:, 0] >= 0.5) == labels))
                probabilities[name, width, activation, after] = (
                    net.forward(flat)[:, 0].reshape(xx.shape),
                    accuracy,
                )

    def draw(
        fig: Figure, dataset: str, width: int, activation: str, epoch: int
    ) -> None:
        ax = fig.subplots()
        fig.subplots_adjust(left=0.15, right=0.97, bottom=0.13, top=0.91)
        X, labels = data[dataset]
        xx, yy = grids[dataset]
        p, accuracy = probabilities[dataset, width, activation, epoch]
        # Bands of probability in flat tints: they read as well as a smooth
        # shading and compress to a third of its size.
        ax.imshow(
            np.digitize(p, _BANDS),
            origin="lower",
            cmap=_BAND_COLORS,
            vmin=-0.5,
            vmax=len(_BANDS) + 0.5,
            interpolation="nearest",
            extent=(xx.min(), xx.max(), yy.min(), yy.max()),
            aspect="auto",
        )
        if p.min() < 0.5 < p.max():
            ax.contour(xx, yy, p, levels=[0.5], colors="black", linewidths=1.5)
        for label, color, marker in ((0, _BLUE, "o"), (1, _ORANGE, "s")):
            rows = labels == label
            ax.scatter(
                X[rows, 0],
                X[rows, 1],
                color=color,
                marker=marker,
                s=14,
                edgecolor="white",
                linewidth=0.4,
            )
        ax.set(
            xlim=(xx.min(), xx.max()),
            ylim=(yy.min(), yy.max()),
            xlabel="$x_1$",
            ylabel="$x_2$",
            title=f"{dataset}, {width} {activation} units, epoch {epoch}: "
            f"{accuracy:.0%} right",
        )
        ax.set_aspect("equal", adjustable="box")

    def describe_setting(dataset: str, width: int, activation: str, epoch: int) -> str:
        accuracy = probabilities[dataset, width, activation, epoch][1]
        return (
            f"{dataset} data; a network with {width} {activation} hidden units after "
            f"{epoch} epochs classifies {accuracy:.0%} of the points correctly; the "
            "black line is its boundary."
        )

    names = list(data)
    if default is None:
        default = (names[0], widths[(len(widths) - 1) // 2], activations[0], epochs[-1])
    return interactive_figure(
        draw,
        [
            Control("dataset", "data set", names, default=default[0], kind="select"),
            Control("width", "hidden units", widths, default=default[1]),
            Control(
                "activation",
                "activation",
                list(activations),
                default=default[2],
                kind="select",
            ),
            Control("epoch", "epoch", epochs, default=default[3]),
        ],
        alt=alt,
        describe_setting=describe_setting,
        figsize=(3.9, 3.6),
        dpi=72,
        colors=40,
    )


def activation_explorer(
    names: Sequence[str] = ("sigmoid", "tanh", "relu", "leaky_relu"),
    z_values: npt.ArrayLike = (-6.0, -4.0, -2.0, -1.0, 0.0, 1.0, 2.0, 4.0, 6.0),
    *,
    threshold: float = 0.05,
    alt: str,
) -> InteractiveFigure:
    r"""Each activation and its derivative, at a net input the reader chooses.

    The frame draws :math:`f(z)` and :math:`f'(z)` over
    :math:`z \in [-7, 7]`, marks the chosen :math:`z` on both, and shades
    where the unit is *saturated*: where :math:`f'(z)` is below ``threshold``
    times its largest value, so a gradient through it nearly vanishes.

    Parameters
    ----------
    names : sequence of str
        Activations, by name (see :func:`neurons.activations.get_activation`); each must
        have a derivative.
    z_values : array-like of float
        Net inputs the slider steps through.
    threshold : float, default=0.05
        Saturation: :math:`f'(z) <` ``threshold`` :math:`\cdot \max f'`.
    alt : str
        Alt text of the default frame: the first activation at the middle
        net input.

    Returns
    -------
    InteractiveFigure

    Raises
    ------
    ValueError
        If an activation is unknown or has no derivative.

    Examples
    --------
    >>> fig = activation_explorer(("sigmoid", "relu"), (-4.0, 0.0, 4.0), alt="sigmoid")
    >>> fig.frame(activation="sigmoid", z=4.0) != fig.frame(activation="relu", z=4.0)
    True
    """
    functions = {}
    for name in names:
        activation = get_activation(name, name="names")
        if activation.derivative is None:
            msg = f"names must name activations with a derivative, got {name!r}."
            raise ValueError(msg)
        functions[name] = activation
    zs = _values(z_values, name="z_values")
    threshold = check_positive_float(threshold, name="threshold")
    grid = np.linspace(-7, 7, 561)

    def curves(name: str) -> tuple[Any, Any, Any]:
        activation = functions[name]
        derivative = np.asarray(activation.derivative(grid), dtype=float)  # type: ignore[misc]
        return activation(grid), derivative, derivative < threshold * derivative.max()

    def draw(fig: Figure, activation: str, z: float) -> None:
        f, df, saturated = curves(activation)
        fz = float(functions[activation](np.array([z]))[0])
        dfz = float(np.asarray(functions[activation].derivative(np.array([z])))[0])  # type: ignore[misc]
        ax_f, ax_df = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.17, top=0.88, wspace=0.25)
        for ax in (ax_f, ax_df):
            ax.fill_between(
                grid,
                0,
                1,
                where=saturated,
                color="0.85",
                lw=0,
                transform=ax.get_xaxis_transform(),
                label=f"f' below {threshold:g} of its top",
            )
            ax.axvline(z, color="0.3", lw=0.8, ls=":")
            ax.set_xlabel("$z$")
        ax_f.plot(grid, f, color=_BLUE, lw=2)
        ax_f.plot([z], [fz], "o", color=_ORANGE, ms=7)
        ax_f.set_title(f"{activation}: f({z:g}) = {fz:.3f}")
        ax_df.plot(grid, df, color=_GREEN, lw=2)
        ax_df.plot([z], [dfz], "o", color=_ORANGE, ms=7)
        ax_df.set_title(f"f'({z:g}) = {dfz:.3f}")
        if saturated.any():
            ax_f.legend(loc="upper left", fontsize=7)

    def describe_setting(activation: str, z: float) -> str:
        dfz = float(np.asarray(functions[activation].derivative(np.array([z])))[0])  # type: ignore[misc]
        _, df, _ = curves(activation)
        state = (
            "in a flat region (shaded): little or no gradient passes"
            if dfz < threshold * df.max()
            else "not in a flat region"
        )
        return f"{activation} at z = {z:g}: slope {dfz:.3f}, {state}."

    return interactive_figure(
        draw,
        [
            Control(
                "activation", "activation", list(names), default=names[0], kind="select"
            ),
            Control("z", "net input z", zs),
        ],
        alt=alt,
        describe_setting=describe_setting,
        figsize=(5.6, 2.6),
        dpi=80,
    )


def initialisation_explorer(
    activations: Sequence[str] = ("tanh", "relu"),
    scales: Sequence[float] = (0.25, 0.5, 1.0, 1.5, 2.0, 4.0),
    *,
    n_layers: int = 10,
    width: int = 100,
    n_samples: int = 500,
    shown_layers: Sequence[int] = (1, 4, 7, 10),
    random_state: int = 0,
    default: tuple[str, float] = ("tanh", 1.0),
    alt: str,
) -> InteractiveFigure:
    r"""Show the activations of a deep network at initialisation, per weight scale.

    A :class:`~neurons.mlp.MLP` with ``n_layers`` hidden layers of ``width``
    units gets weights :math:`w = s\,\varepsilon / \sqrt{n_{l-1}}` with
    :math:`\varepsilon \sim N(0, 1)` (the same draws for every scale
    :math:`s`) and runs its forward pass on standard normal inputs; a frame
    shows histograms of the activations of some hidden layers, with their
    standard deviations. :math:`s = 1` is LeCun's variance :math:`1/n`,
    :math:`s = \sqrt 2` He's.

    Parameters
    ----------
    activations : sequence of str, default=("tanh", "relu")
        Hidden activations, by name.
    scales : sequence of float, default=(0.25, 0.5, 1.0, 1.5, 2.0, 4.0)
        Weight scales :math:`s`, positive.
    n_layers, width, n_samples : int
        Depth and width of the network, and number of inputs.
    shown_layers : sequence of int, default=(1, 4, 7, 10)
        The hidden layers drawn, counted from 1.
    random_state : int, default=0
        Seed of the inputs and the weights.
    default : tuple, default=("tanh", 1.0)
        ``(activation, scale)`` shown first.
    alt : str
        Alt text of the default frame.

    Returns
    -------
    InteractiveFigure

    Raises
    ------
    ValueError
        If an activation is unknown, a scale is not positive, or a shown
        layer is not between 1 and ``n_layers``.

    Examples
    --------
    >>> fig = initialisation_explorer(("tanh", "relu"), (0.5, 2.0), n_layers=3,
    ...     width=20, n_samples=50, shown_layers=(1, 3), default=("tanh", 0.5),
    ...     alt="Shrinking activations.")
    >>> fig.frame(activation="tanh", scale=0.5) != fig.frame(activation="tanh", scale=2.0)
    True
    """
    for activation in activations:
        get_activation(activation, name="activations")
    scale_values = _values(scales, name="scales")
    for scale in scale_values:
        check_positive_float(scale, name="scales")
    n_layers = check_positive_int(n_layers, name="n_layers")
    width = check_positive_int(width, name="width")
    n_samples = check_positive_int(n_samples, name="n_samples")
    layers = [int(layer) for layer in shown_layers]
    if not layers or any(not 1 <= layer <= n_layers for layer in layers):
        msg = f"shown_layers must lie between 1 and n_layers={n_layers}, got {layers}."
        raise ValueError(msg)
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((n_samples, width))
    sizes = (width,) * (n_layers + 1) + (1,)
    draws = [
        rng.standard_normal((n_in, n_out)) for n_in, n_out in itertools.pairwise(sizes)
    ]
    hidden: dict[tuple[str, float], list[Any]] = {}
    for activation, scale in itertools.product(activations, scale_values):
        net = MLP(sizes, activation=activation, random_state=random_state)
        net.weights = [scale * e / np.sqrt(e.shape[0]) for e in draws]
        hidden[activation, scale] = net.forward_pass(X).a[1:-1]

    def draw(fig: Figure, activation: str, scale: float) -> None:
        axes = fig.subplots(1, len(layers), sharey=True)
        fig.subplots_adjust(left=0.11, right=0.98, bottom=0.2, top=0.74, wspace=0.12)
        values = [hidden[activation, scale][layer - 1].ravel() for layer in layers]
        top = max([1.0] + [float(np.percentile(np.abs(v), 99)) for v in values])
        bins = np.linspace(-top if activation != "relu" else 0.0, top, 41)
        for ax, layer, v in zip(np.atleast_1d(axes), layers, values, strict=True):
            # the last 1% beyond the axis go into the end bins
            counts, _ = np.histogram(np.clip(v, bins[0], bins[-1]), bins=bins)
            ax.stairs(counts / v.size, bins, fill=True, color=_BLUE)
            ax.set_title(f"layer {layer}\nstd {v.std():.2g}")
            ax.set_xlabel("activation")
        np.atleast_1d(axes)[0].set_ylabel("share")
        fig.suptitle(f"{activation}, weight scale s = {scale:g}", fontsize=9)

    def describe_setting(activation: str, scale: float) -> str:
        stds = [float(hidden[activation, scale][layer - 1].std()) for layer in layers]
        return (
            f"{activation} with weight scale {scale:g}: the spread of the activations "
            f"goes from {stds[0]:.2g} in layer {layers[0]} to {stds[-1]:.2g} in layer "
            f"{layers[-1]}."
        )

    return interactive_figure(
        draw,
        [
            Control(
                "activation",
                "activation",
                list(activations),
                default=default[0],
                kind="select",
            ),
            Control("scale", "weight scale s", scale_values, default=default[1]),
        ],
        alt=alt,
        describe_setting=describe_setting,
        figsize=(5.6, 2.5),
        dpi=80,
    )


def lif_explorer(
    currents: npt.ArrayLike = (0.0, 0.5, 1.0, 1.4, 1.6, 2.0, 2.5, 3.0, 4.0),
    *,
    neuron: LeakyIntegrateAndFire | None = None,
    duration: float = 100.0,
    dt: float = 0.1,
    default: float = 2.0,
    alt: str,
) -> InteractiveFigure:
    r"""Show a leaky integrate-and-fire neuron under a constant input current.

    The frame shows the membrane potential over ``duration`` ms from
    :meth:`~neurons.spiking.LeakyIntegrateAndFire.simulate` (spikes drawn
    as vertical lines), the threshold, and beside it the f-I curve
    (:meth:`~neurons.spiking.LeakyIntegrateAndFire.firing_rate`) with the
    chosen current marked.

    Parameters
    ----------
    currents : array-like of float
        Input currents in nA the slider steps through.
    neuron : LeakyIntegrateAndFire, optional
        The neuron; the default parameters if not given.
    duration, dt : float
        Length and time step of the simulation, in ms.
    default : float, default=2.0
        The current shown first; one of ``currents``.
    alt : str
        Alt text of the default frame.

    Returns
    -------
    InteractiveFigure

    Raises
    ------
    ValueError
        If ``duration`` or ``dt`` is not positive, or ``default`` is not one
        of ``currents``.

    Examples
    --------
    >>> fig = lif_explorer((1.0, 2.0), default=2.0, alt="Regular spikes.")
    >>> fig.frame(current=1.0) != fig.frame(current=2.0)
    True
    """
    cell: Any = LeakyIntegrateAndFire() if neuron is None else neuron
    if not isinstance(cell, LeakyIntegrateAndFire):
        msg = f"neuron must be a LeakyIntegrateAndFire, got {describe(neuron)}."
        raise TypeError(msg)
    values = _values(currents, name="currents")
    duration = check_positive_float(duration, name="duration")
    dt = check_positive_float(dt, name="dt")
    n_steps = round(duration / dt)
    time = np.arange(n_steps) * dt
    sweep = np.linspace(0.0, max(values) * 1.05, 200)
    rates = np.asarray(cell.firing_rate(sweep)) * 1000

    def draw(fig: Figure, current: float) -> None:
        v, spikes = cell.simulate(np.full(n_steps, current), dt=dt)
        ax_v, ax_fi = fig.subplots(1, 2, width_ratios=(2.2, 1))
        fig.subplots_adjust(left=0.12, right=0.98, bottom=0.17, top=0.88, wspace=0.35)
        ax_v.plot(time, v, color=_BLUE, lw=1.2)
        ax_v.vlines(
            spikes, cell.v_threshold, cell.v_threshold + 20, color=_BLUE, lw=1.2
        )
        ax_v.axhline(cell.v_threshold, color=_ORANGE, ls="--", lw=1, label="threshold")
        ax_v.set(
            xlabel="time (ms)",
            ylabel="membrane potential (mV)",
            ylim=(cell.v_rest - 5, cell.v_threshold + 22),
            title=f"I = {current:g} nA: {len(spikes)} spikes in {duration:g} ms",
        )
        ax_v.legend(loc="lower right", fontsize=7)
        rate = float(cell.firing_rate(current)) * 1000
        ax_fi.plot(sweep, rates, color="0.3", lw=1.5)
        ax_fi.plot([current], [rate], "o", color=_ORANGE, ms=7)
        ax_fi.axvline(cell.rheobase, color="0.6", ls=":", lw=1)
        ax_fi.set(xlabel="current I (nA)", ylabel="rate (Hz)", title=f"{rate:.0f} Hz")

    def describe_setting(current: float) -> str:
        _, spikes = cell.simulate(np.full(n_steps, current), dt=dt)
        if len(spikes) == 0:
            return (
                f"At {current:g} nA, below the rheobase of {cell.rheobase:g} nA, the "
                "potential settles below threshold: no spikes."
            )
        return (
            f"At {current:g} nA the neuron fires {len(spikes)} spikes in "
            f"{duration:g} ms, regularly spaced."
        )

    return interactive_figure(
        draw,
        [Control("current", "input current I (nA)", values, default=default)],
        alt=alt,
        describe_setting=describe_setting,
        figsize=(5.6, 2.7),
        dpi=80,
    )


def training_explorer(
    learning_rates: npt.ArrayLike = (0.01, 0.05, 0.12, 0.18, 0.21),
    momenta: npt.ArrayLike = (0.0, 0.5, 0.9),
    *,
    curvatures: tuple[float, float] = (1.0, 10.0),
    start: tuple[float, float] = (-4.0, 1.5),
    n_steps: int = 50,
    default: tuple[float, float] = (0.18, 0.0),
    alt: str,
) -> InteractiveFigure:
    r"""Gradient descent with momentum on a 2-D quadratic bowl, step by step.

    The loss is :math:`C(w) = \tfrac12 (a_1 w_1^2 + a_2 w_2^2)` with
    curvatures :math:`a_1 < a_2`; the update is Keras's SGD,
    :math:`v \leftarrow \mu v - \eta \nabla C`, :math:`w \leftarrow w + v`.
    Without momentum it diverges along :math:`w_2` once
    :math:`\eta > 2 / a_2`. A frame shows the path over the loss's contour
    lines (left) and the loss per step on a log scale (right).

    Parameters
    ----------
    learning_rates : array-like of float
        Values of :math:`\eta` the slider steps through.
    momenta : array-like of float
        Values of :math:`\mu`, each in [0, 1).
    curvatures : tuple of float, default=(1.0, 10.0)
        :math:`(a_1, a_2)`, both positive.
    start : tuple of float, default=(-4.0, 1.5)
        The starting point :math:`w`.
    n_steps : int, default=50
        Steps of gradient descent.
    default : tuple of float, default=(0.18, 0.0)
        ``(learning_rate, momentum)`` shown first.
    alt : str
        Alt text of the default frame.

    Returns
    -------
    InteractiveFigure

    Raises
    ------
    ValueError
        If a learning rate or curvature is not positive, or a momentum is
        outside [0, 1).

    Examples
    --------
    >>> fig = training_explorer((0.1, 0.25), (0.0, 0.5), default=(0.1, 0.0),
    ...                         alt="A smooth descent.")
    >>> fig.frame(learning_rate=0.1) != fig.frame(learning_rate=0.25)
    True
    """
    etas = _values(learning_rates, name="learning_rates")
    for eta in etas:
        check_positive_float(eta, name="learning_rates")
    mus = _values(momenta, name="momenta")
    if any(not 0.0 <= mu < 1.0 for mu in mus):
        msg = f"momenta must lie in [0, 1), got {mus}."
        raise ValueError(msg)
    a = np.array([check_positive_float(c, name="curvatures") for c in curvatures])
    n_steps = check_positive_int(n_steps, name="n_steps")
    w0 = np.asarray(start, dtype=float)

    def run(eta: float, mu: float) -> tuple[Any, Any]:
        w, v = w0.copy(), np.zeros(2)
        path, losses = [w.copy()], [0.5 * float(a @ w**2)]
        for _ in range(n_steps):
            v = mu * v - eta * a * w
            w = w + v
            path.append(w.copy())
            losses.append(0.5 * float(a @ w**2))
        return np.array(path), np.array(losses)

    span = np.abs(w0).max() * 1.25
    g1, g2 = np.meshgrid(np.linspace(-span, span, 120), np.linspace(-span, span, 120))
    surface = 0.5 * (a[0] * g1**2 + a[1] * g2**2)
    first_loss = 0.5 * float(a @ w0**2)

    def verdict(losses: Any) -> str:
        if losses[-1] > losses[0]:
            return "diverges"
        return f"reaches loss {losses[-1]:.2g} in {n_steps} steps"

    def draw(fig: Figure, learning_rate: float, momentum: float) -> None:
        path, losses = run(learning_rate, momentum)
        ax_path, ax_loss = fig.subplots(1, 2, width_ratios=(1.3, 1))
        fig.subplots_adjust(left=0.1, right=0.98, bottom=0.17, top=0.88, wspace=0.35)
        ax_path.contour(
            g1,
            g2,
            surface,
            levels=np.geomspace(0.05, surface.max(), 12),
            colors="0.6",
            linewidths=0.7,
        )
        shown = np.clip(path, -span, span)
        ax_path.plot(shown[:, 0], shown[:, 1], "-o", color=_ORANGE, ms=2.5, lw=1)
        ax_path.plot([0], [0], "k*", ms=9)
        ax_path.set(
            xlim=(-span, span),
            ylim=(-span, span),
            xlabel="$w_1$",
            ylabel="$w_2$",
            aspect="equal",
            title=f"η = {learning_rate:g}, μ = {momentum:g}",
        )
        ax_loss.semilogy(losses, color=_BLUE, lw=1.5)
        ax_loss.set(
            xlabel="step",
            ylabel="loss $C$",
            ylim=(1e-12 * first_loss, 1e4 * first_loss),
            title=verdict(losses),
        )

    def describe_setting(learning_rate: float, momentum: float) -> str:
        _, losses = run(learning_rate, momentum)
        return (
            f"Learning rate {learning_rate:g}, momentum {momentum:g}: the path on the "
            f"loss surface and the loss per step; it {verdict(losses)}."
        )

    return interactive_figure(
        draw,
        [
            Control("learning_rate", "learning rate η", etas, default=default[0]),
            Control("momentum", "momentum μ", mus, default=default[1]),
        ],
        alt=alt,
        describe_setting=describe_setting,
        figsize=(5.6, 2.8),
        dpi=80,
    )
