"""The book's figures of single units: a TLU, the perceptron rule, a spiking neuron.

A TLU's line and firing half-plane under sliders for its weights
(:func:`tlu_explorer`), the perceptron rule update by update
(:func:`perceptron_stepper`), and a leaky integrate-and-fire neuron under a
constant current (:func:`lif_explorer`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib.figure import Figure

from neurons._validation import (
    check_array,
    check_int_at_least,
    check_label_vector,
    check_positive_float,
    describe,
)
from neurons.interactive._drawing import (
    _BLUE,
    _GREEN,
    _ORANGE,
    _half_plane,
    _line,
    _scatter_classes,
)
from neurons.interactive._widget import (
    Control,
    InteractiveFigure,
    _values,
    interactive_figure,
)
from neurons.perceptron import perceptron_steps
from neurons.spiking import LeakyIntegrateAndFire


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
        Alt text of the default frame: the unit at ``default``.

    Returns
    -------
    InteractiveFigure
        One frame per setting of the three sliders.

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
            _scatter_classes(ax, *points, s=45, edgecolor="black", zorder=3)
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

    def alt_text(w1: float, w2: float, b: float) -> str:
        if w1 == 0 and w2 == 0:
            where = "everywhere" if b >= 0 else "nowhere"
            return f"With both weights 0 there is no line: the unit fires {where}."
        return (
            f"The line w1 x1 + w2 x2 + b = 0 with w1 = {w1:g}, w2 = {w2:g}, "
            f"b = {b:g}; the unit fires on the side the weight arrow points to."
        )

    controls = [
        Control("w1", "weight w1", w1s, default=default[0]),
        Control("w2", "weight w2", w2s, default=default[1]),
        Control("b", "bias b", bs, default=default[2]),
    ]
    return interactive_figure(
        draw, controls, alt=alt, describe_setting=alt_text, figsize=(3.6, 3.4), dpi=72
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
    alt : str
        Alt text of the default frame: the last update.

    Returns
    -------
    InteractiveFigure
        One frame for the start and one per update; the last is the default.

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
    max_updates = check_int_at_least(max_updates, name="max_updates")
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
            _line(ax, w_old, b_old, lim, color="black", ls="--", lw=1)
        _scatter_classes(
            ax,
            X_checked,
            labels,
            classes,
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

    def alt_text(update: int) -> str:
        if update == 0:
            return "The start: all weights zero, so the unit answers the positive class everywhere."
        step = steps[update - 1]
        return (
            f"Update {update}, in epoch {step.epoch}: example {step.index}, of class "
            f"{step.label}, was on the wrong side; the new line is solid, the old one dashed."
        )

    updates = list(range(len(history)))
    controls = [Control("update", "update", updates, default=updates[-1])]
    return interactive_figure(
        draw, controls, alt=alt, describe_setting=alt_text, figsize=(4.2, 3.9), dpi=80
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
        Alt text of the default frame: the neuron at the ``default`` current.

    Returns
    -------
    InteractiveFigure
        One frame per current.

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
    runs = {
        current: cell.simulate(np.full(n_steps, current), dt=dt) for current in values
    }

    def draw(fig: Figure, current: float) -> None:
        v, spikes = runs[current]
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

    def alt_text(current: float) -> str:
        spikes = runs[current][1]
        if len(spikes) == 0:
            return (
                f"At {current:g} nA, below the rheobase of {cell.rheobase:g} nA, the "
                "potential settles below threshold: no spikes."
            )
        return (
            f"At {current:g} nA the neuron fires {len(spikes)} spikes in "
            f"{duration:g} ms, regularly spaced."
        )

    controls = [Control("current", "input current I (nA)", values, default=default)]
    return interactive_figure(
        draw, controls, alt=alt, describe_setting=alt_text, figsize=(5.6, 2.7), dpi=80
    )
