"""The machinery of an interactive figure: controls, frames, and the HTML.

:class:`Control` describes one slider or menu, :func:`interactive_figure`
draws one palette PNG per setting of the controls, and
:class:`InteractiveFigure` holds the frames and writes the HTML (the
contract is in :mod:`neurons.interactive`). The figures of the book are in
the sibling modules; each computes its data, draws one setting, describes
it in words, and names its controls. Also here: the checks of argument
values those figures share.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from neurons._validation import (
    check_array,
    check_choice,
    check_int_at_least,
    check_positive_float,
    describe,
)

# Numbers the element ids of the figures made in one process (with a digest
# of the frames), so that two figures on a page never share an id.
_figure_counter = itertools.count(1)

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
            parts.extend(_control_html(control, f"{prefix}-{k}-{control.name}"))
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


def _control_html(control: Control, cid: str) -> list[str]:
    """Write one control and its label as HTML; ``cid`` is its element id."""
    st = _STYLES
    label = html.escape(control.label)
    parts = ["<span>", f'<label for="{cid}" style="{st["label"]}">{label}</label>']
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
            parts.append(f'<option value="{i}"{selected}>{html.escape(text)}</option>')
        parts.append("</select>")
    parts.append("</span>")
    return parts


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
    colors = check_int_at_least(colors, name="colors")
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


def _menu(name: str, label: str, values: Sequence[Any], default: Any) -> Control:
    """Make a ``<select>`` control: for values with no order, such as names."""
    return Control(name, label, values, default=default, kind="select")


def _values(values: Any, *, name: str, positive: bool = False) -> list[float]:
    """Check a 1-D list of at least two numbers (all > 0 if ``positive``)."""
    array = check_array(values, name=name, ndim=1)
    if array.shape[0] < 2:
        msg = f"{name} must hold at least 2 values, got {array.shape[0]}."
        raise ValueError(msg)
    checked = [float(v) for v in array]
    if positive:
        for value in checked:
            check_positive_float(value, name=name)
    return checked


def _epochs(epochs: Sequence[int]) -> list[int]:
    """Check that the epochs shown increase from 0 (each is a snapshot)."""
    checked = [int(e) for e in epochs]
    if checked[0] != 0 or any(b <= a for a, b in itertools.pairwise(checked)):
        msg = f"epochs must increase from 0, got {checked}."
        raise ValueError(msg)
    return checked
