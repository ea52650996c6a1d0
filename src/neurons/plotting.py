"""Figures for the book: decision regions, activations, learning curves, loss landscapes, an animation.

The only module of :mod:`neurons` that imports matplotlib; ``import neurons``
loads it lazily, on first use of ``neurons.plotting``. Every function draws
with the object-oriented API on the axes it is given (or on new ones), and
returns what it drew on: an :class:`~matplotlib.axes.Axes`, or a
:class:`~matplotlib.animation.FuncAnimation`. Nothing calls ``plt.show()``.

Colours come from the Okabe-Ito palette, which readers with the common colour
vision deficiencies can tell apart; classes also differ by marker shape.

Deliberately left out: styling beyond legible defaults (the book's theme sets
fonts and sizes), 3-D plots, and saving files (use ``Figure.savefig`` or
``FuncAnimation.save``).
"""

from __future__ import annotations

import base64
import html
import io
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import numpy.typing as npt
from matplotlib.animation import Animation, FuncAnimation, PillowWriter
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure
from PIL import Image, ImageSequence

from neurons._validation import (
    Float64Array,
    RandomState,
    check_array,
    check_bool,
    check_int_at_least,
    check_label_vector,
    check_positive_float,
    check_vector,
    describe,
)
from neurons.activations import get_activation
from neurons.exceptions import NotFittedError
from neurons.perceptron import PerceptronStep, perceptron_steps

__all__ = [
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "animate_perceptron",
    "animation_to_html",
    "plot_activation",
    "plot_decision_regions",
    "plot_learning_curves",
    "plot_loss_contours",
    "plot_loss_curve",
    "plot_roadmap",
]

#: Okabe-Ito colours, in the order classes use them (blue, vermillion, ...).
CLASS_COLORS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#F0E442",
    "#000000",
)
#: Marker shapes, in the same order, so that classes differ without colour.
CLASS_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

_FIGSIZE = (5.0, 4.0)


def _new_axes(ax: object) -> Axes:
    if ax is not None:
        if not isinstance(ax, Axes):
            msg = f"ax must be a matplotlib Axes or None, got {describe(ax)}."
            raise TypeError(msg)
        return ax
    # pyplot, not Figure(), so that a notebook displays the new figure.
    _, new_ax = plt.subplots(figsize=_FIGSIZE, layout="constrained")
    return new_ax


def _root_figure(ax: Axes) -> Figure:
    figure: Figure | SubFigure | None = ax.figure
    while isinstance(figure, SubFigure):
        figure = figure.figure
    if not isinstance(figure, Figure):  # pragma: no cover - an Axes has a figure
        msg = "ax must belong to a matplotlib Figure."
        raise TypeError(msg)
    return figure


def _padded_limits(values: Float64Array) -> tuple[float, float]:
    low, high = float(values.min()), float(values.max())
    # 10% of the range, and at least 0.5 so that a truth table's corners
    # (range 1) or a single point do not sit on the frame.
    pad = max(0.1 * (high - low), 0.5)
    return low - pad, high + pad


def _class_style(k: int) -> tuple[str, str]:
    return CLASS_COLORS[k % len(CLASS_COLORS)], CLASS_MARKERS[k % len(CLASS_MARKERS)]


def _scatter_classes(
    ax: Axes, X: Float64Array, y: npt.NDArray[Any], classes: npt.NDArray[Any]
) -> None:
    for k, label in enumerate(classes):
        color, marker = _class_style(k)
        members = y == label
        ax.scatter(
            X[members, 0],
            X[members, 1],
            c=color,
            marker=marker,
            edgecolors="black",
            linewidths=0.6,
            s=40,
            label=str(label),
            zorder=3,
        )


def plot_decision_regions(
    model: Any,
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    ax: Axes | None = None,
    resolution: int = 200,
    feature_names: tuple[str, str] = ("$x_1$", "$x_2$"),
    title: str | None = None,
) -> Axes:
    """Colour the plane by a classifier's prediction and scatter the data on it.

    Parameters
    ----------
    model : object with a ``predict`` method
        A fitted classifier of two features: :class:`neurons.Perceptron`,
        :class:`neurons.TLU`, a scikit-learn classifier, ...
    X : array-like of shape (n_samples, 2)
        The points to scatter; they also set the extent of the plot.
    y : array-like of shape (n_samples,)
        Their labels.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    resolution : int, default=200
        The number of grid points along each axis, at least 2.
    feature_names : tuple of two str, default=("$x_1$", "$x_2$")
        The axis labels.
    title : str, optional
        The axes title.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: a filled contour of the regions, one scatter and
        one legend entry per class.

    Raises
    ------
    TypeError
        If ``model`` has no ``predict`` method or ``X`` is not numeric.
    ValueError
        If ``X`` does not have exactly 2 features, ``y`` does not match it,
        or ``model.predict`` returns the wrong number of labels.

    Examples
    --------
    >>> from neurons import TLU
    >>> from neurons.datasets import logic_gate
    >>> X, y = logic_gate("and")
    >>> ax = plot_decision_regions(TLU([1.0, 1.0], bias=-1.5), X, y)
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['0', '1']
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('$x_1$', '$x_2$')
    """
    if not callable(getattr(model, "predict", None)):
        msg = f"model must have a 'predict' method (a fitted classifier), got {describe(model)}."
        raise TypeError(msg)
    X_checked = check_array(
        X,
        n_features=2,
        expected_by="plot_decision_regions, which draws the plane of 2 features,",
    )
    labels = check_label_vector(y, X_checked)
    n_grid = check_int_at_least(resolution, name="resolution", minimum=2)
    ax = _new_axes(ax)

    xlim = _padded_limits(X_checked[:, 0])
    ylim = _padded_limits(X_checked[:, 1])
    xx, yy = np.meshgrid(np.linspace(*xlim, n_grid), np.linspace(*ylim, n_grid))
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    predicted = np.asarray(model.predict(grid)).reshape(-1)
    if predicted.shape[0] != grid.shape[0]:
        msg = (
            f"model.predict returned {predicted.shape[0]} labels for "
            f"{grid.shape[0]} points; it must return one label per row."
        )
        raise ValueError(msg)
    classes = np.unique(np.concatenate([labels, predicted]))
    region = np.searchsorted(classes, predicted).reshape(xx.shape)

    colors = [_class_style(k)[0] for k in range(classes.shape[0])]
    ax.contourf(
        xx,
        yy,
        region,
        levels=np.arange(classes.shape[0] + 1) - 0.5,
        colors=colors,
        alpha=0.25,
    )
    _scatter_classes(ax, X_checked, labels, classes[np.isin(classes, labels)])
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_xlabel(feature_names[0])
    ax.set_ylabel(feature_names[1])
    ax.legend(title="class", loc="best")
    if title is not None:
        ax.set_title(title)
    return ax


def plot_activation(
    activation: Any,
    *,
    ax: Axes | None = None,
    z: npt.ArrayLike | None = None,
) -> Axes:
    """Plot an activation ``a = f(z)`` and its derivative ``f'(z)``.

    Parameters
    ----------
    activation : str, Activation or callable
        A name in :data:`neurons.activations.ACTIVATIONS`, or anything
        :func:`~neurons.activations.get_activation` accepts. A plain callable
        has no derivative, so only ``f`` is drawn. ``"softmax"`` is refused:
        it maps a vector to a vector. Its first output on ``[z, 0]`` is
        ``sigmoid(z)``, so plot ``"sigmoid"`` instead.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    z : array-like of shape (n_points,), optional
        The net inputs to plot over; by default 401 points on [-5, 5].

    Returns
    -------
    matplotlib.axes.Axes
        The axes, with a solid line for ``f``, a dashed one for ``f'`` and a
        legend naming them.

    Raises
    ------
    ValueError
        If ``activation`` is an unknown name or ``"softmax"``, or ``z`` is not
        a non-empty finite 1-D array.
    TypeError
        If ``activation`` is neither a string nor a callable.

    Examples
    --------
    >>> ax = plot_activation("sigmoid")
    >>> [line.get_label() for line in ax.get_legend().get_lines()]
    ['sigmoid(z)', "sigmoid'(z)"]
    """
    act = get_activation(activation)
    if act.name == "softmax":
        msg = (
            "plot_activation cannot plot 'softmax': it maps a vector of net "
            "inputs to a vector, not a number to a number. softmax([z, 0])[0] "
            "equals sigmoid(z), so plot 'sigmoid' to see its shape."
        )
        raise ValueError(msg)
    z_values = (
        np.linspace(-5.0, 5.0, 401)
        if z is None
        else check_vector(z, name="z", shape_hint="(n_points,)")
    )
    ax = _new_axes(ax)
    # Thin grey axes through the origin, drawn first so the curves sit on top.
    ax.axhline(0.0, color="0.6", linewidth=0.8)
    ax.axvline(0.0, color="0.6", linewidth=0.8)
    ax.plot(
        z_values,
        act(z_values),
        color=CLASS_COLORS[0],
        linewidth=2,
        label=f"{act.name}(z)",
    )
    if act.derivative is not None:
        ax.plot(
            z_values,
            act.derivative(z_values),
            color=CLASS_COLORS[1],
            linewidth=2,
            linestyle="--",
            label=f"{act.name}'(z)",
        )
    ax.set_xlabel("net input $z$")
    ax.set_ylabel("$f(z)$ and $f'(z)$")
    ax.set_title(act.name)
    ax.grid(True, linewidth=0.4)
    ax.legend(loc="best")
    return ax


# Per-epoch attributes of fitted estimators, in order of preference, with the
# curve's legend label and the y-axis label.
_ESTIMATOR_CURVES = (
    ("loss_curve_", "training loss", "loss"),
    ("errors_", "mistakes", "mistakes per epoch"),
)


def _curves_from(curves: Any) -> tuple[dict[str, Float64Array], str]:
    """Turn the accepted inputs into named 1-D curves and a default y label."""
    if hasattr(curves, "fit"):  # an estimator
        for attribute, label, ylabel in _ESTIMATOR_CURVES:
            if hasattr(curves, attribute):
                values = check_vector(
                    getattr(curves, attribute), name=attribute, shape_hint="(n_epochs,)"
                )
                return {label: values}, ylabel
        # Neither attribute: the estimator has not been fitted; this raises.
        msg = (
            f"This {type(curves).__name__} instance is not fitted yet. Call 'fit' "
            "with appropriate arguments before using 'plot_learning_curves'."
        )
        raise NotFittedError(msg)
    if isinstance(curves, Mapping):
        if not curves:
            msg = "curves must not be an empty mapping: give at least one curve."
            raise ValueError(msg)
        named = {
            str(key): check_vector(
                values, name=f"curves[{key!r}]", shape_hint="(n_epochs,)"
            )
            for key, values in curves.items()
        }
        return named, "value"
    return {"": check_vector(curves, name="curves", shape_hint="(n_epochs,)")}, "value"


def plot_learning_curves(
    curves: Any,
    *,
    ax: Axes | None = None,
    xlabel: str = "epoch",
    ylabel: str | None = None,
    title: str | None = None,
    logy: bool = False,
) -> Axes:
    """Plot per-epoch values (loss, mistakes, accuracy) against the epoch.

    Parameters
    ----------
    curves : sequence of float, mapping of str to sequence, or estimator
        One curve (``[0.9, 0.5, 0.3]``); named curves
        (``{"train": [...], "validation": [...]}``), which may differ in
        length; or a fitted estimator, whose ``loss_curve_`` is plotted, or
        failing that its ``errors_`` (:class:`neurons.Perceptron`).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    xlabel : str, default="epoch"
        The x-axis label. Epochs are numbered from 1.
    ylabel : str, optional
        The y-axis label; by default "loss" or "mistakes per epoch" for an
        estimator and "value" otherwise.
    title : str, optional
        The axes title.
    logy : bool, default=False
        Use a logarithmic y axis (the values must then be positive).

    Returns
    -------
    matplotlib.axes.Axes
        The axes, with one line per curve and, for named curves, a legend.

    Raises
    ------
    NotFittedError
        If ``curves`` is an estimator that has not been fitted.
    TypeError, ValueError
        If a curve is not a non-empty finite 1-D numeric sequence.

    Examples
    --------
    >>> ax = plot_learning_curves({"train": [0.9, 0.4, 0.2],
    ...                            "validation": [1.0, 0.6, 0.5]})
    >>> [line.get_label() for line in ax.get_lines()]
    ['train', 'validation']
    >>> ax.get_lines()[0].get_xdata().tolist()
    [1, 2, 3]
    """
    named, default_ylabel = _curves_from(curves)
    use_log = check_bool(logy, name="logy")
    ax = _new_axes(ax)
    for k, (name, values) in enumerate(named.items()):
        color, marker = _class_style(k)
        epochs = np.arange(1, values.shape[0] + 1)
        ax.plot(
            epochs,
            values,
            color=color,
            linewidth=2,
            # Markers help count a few epochs and clutter many.
            marker=marker if values.shape[0] <= 30 else None,
            # A label starting with "_" keeps an unnamed curve out of the legend.
            label=name if name else f"_{k}",
        )
    ax.set_xlabel(xlabel)
    ax.set_ylabel(default_ylabel if ylabel is None else ylabel)
    if use_log:
        ax.set_yscale("log")
    if any(named):
        ax.legend(loc="best")
    if title is not None:
        ax.set_title(title)
    ax.grid(True, linewidth=0.4)
    return ax


def _check_loss(loss: Any) -> None:
    if not callable(loss):
        msg = (
            f"loss must be callable (a function of the weights), got {describe(loss)}."
        )
        raise TypeError(msg)


def _check_paths(paths: Any, *, n_weights: int) -> dict[str, Float64Array]:
    if paths is None:
        return {}
    if not isinstance(paths, Mapping):
        msg = (
            "paths must be a mapping of a label to an array of shape "
            f"(n_steps, {n_weights}), got {describe(paths)}."
        )
        raise TypeError(msg)
    checked: dict[str, Float64Array] = {}
    for label, path in paths.items():
        name = f"paths[{label!r}]"
        array = check_array(path, name=name, ndim=2 if n_weights > 1 else 1)
        if n_weights > 1 and array.shape[1] != n_weights:
            msg = (
                f"{name} must have shape (n_steps, {n_weights}), "
                f"got shape {array.shape}."
            )
            raise ValueError(msg)
        checked[str(label)] = array
    return checked


def plot_loss_curve(
    loss: Callable[[float], Any],
    w: npt.ArrayLike,
    *,
    path: npt.ArrayLike | None = None,
    label: str | None = None,
    ax: Axes | None = None,
    xlabel: str = "weight $w$",
    ylabel: str = "cost $C(w)$",
    color: str | None = None,
) -> Axes:
    """Plot a cost as a function of one weight, and optionally a descent path on it.

    Parameters
    ----------
    loss : callable
        ``loss(w)`` returns the cost for one weight value ``w`` (a float).
    w : array-like of shape (n_points,)
        The weight values to draw the curve over.
    path : array-like of shape (n_steps,), optional
        Successive weights of a descent; drawn as dots on the curve joined by
        thin lines, so an overshoot shows as a zigzag.
    label : str, optional
        Legend label of the curve (or of the path, if one is given).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default. Call again with the same
        ``ax`` to compare several costs or paths on one picture.
    xlabel, ylabel : str
        Axis labels.
    color : str, optional
        Colour of the path, or of the curve when there is no path.

    Returns
    -------
    matplotlib.axes.Axes
        The axes, with the curve as its first new line.

    Raises
    ------
    TypeError
        If ``loss`` is not callable.
    ValueError
        If ``w`` or ``path`` is not a non-empty finite 1-D array, or ``loss``
        does not return finite numbers.

    Examples
    --------
    >>> ax = plot_loss_curve(lambda w: (w - 1.0) ** 2, [-1.0, 0.0, 1.0, 2.0, 3.0],
    ...                      path=[3.0, 1.4, 1.08], label="eta = 0.4")
    >>> ax.get_lines()[0].get_ydata().tolist()
    [4.0, 1.0, 0.0, 1.0, 4.0]
    >>> ax.get_lines()[1].get_ydata().round(4).tolist()
    [4.0, 0.16, 0.0064]
    """
    _check_loss(loss)
    grid = check_vector(w, name="w", shape_hint="(n_points,)")
    steps = (
        None
        if path is None
        else check_vector(path, name="path", shape_hint="(n_steps,)")
    )
    values = np.array([float(loss(float(v))) for v in grid])
    if not np.all(np.isfinite(values)):
        msg = "loss must return finite numbers over w; got NaN or infinity."
        raise ValueError(msg)
    ax = _new_axes(ax)
    ax.plot(
        grid,
        values,
        color=("0.45" if steps is not None else color or CLASS_COLORS[0]),
        linewidth=2 if steps is None else 1.2,
        label=label if steps is None and label else "_curve",
    )
    if steps is not None:
        heights = np.array([float(loss(float(v))) for v in steps])
        ax.plot(
            steps,
            heights,
            color=color or CLASS_COLORS[1],
            marker="o",
            markersize=4,
            linewidth=0.9,
            label=label if label else "_path",
            zorder=3,
        )
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, linewidth=0.4)
    if label:
        ax.legend(loc="best")
    return ax


def plot_loss_contours(
    loss: Callable[[Float64Array], Any],
    w1: npt.ArrayLike,
    w2: npt.ArrayLike,
    *,
    paths: Mapping[str, npt.ArrayLike] | None = None,
    levels: int | npt.ArrayLike = 15,
    ax: Axes | None = None,
    xlabel: str = "$w_1$",
    ylabel: str = "$w_2$",
) -> Axes:
    """Draw contour lines of a cost of two weights, with descent paths on them.

    Parameters
    ----------
    loss : callable
        ``loss(w)`` returns the cost for a weight vector ``w`` of shape (2,).
    w1, w2 : array-like of shape (n_points,)
        Grid values of the first and second weight (the x and y axes).
    paths : mapping of str to array-like of shape (n_steps, 2), optional
        Named sequences of weight vectors (``{"gradient descent": W_path}``);
        each is drawn as a line with dots at the iterates, a ring at the
        start, in the Okabe-Ito colours and marker shapes, with a legend.
    levels : int or array-like, default=15
        Number of contour levels, or the levels themselves (increasing), as
        in :meth:`matplotlib.axes.Axes.contour`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    xlabel, ylabel : str
        Axis labels.

    Returns
    -------
    matplotlib.axes.Axes
        The axes, with the contour set and one line per path.

    Raises
    ------
    TypeError
        If ``loss`` is not callable or ``paths`` is not a mapping.
    ValueError
        If a grid or path has the wrong shape or is not finite, or ``loss``
        does not return finite numbers on the grid.

    Examples
    --------
    >>> import numpy as np
    >>> bowl = lambda w: w[0] ** 2 + 10 * w[1] ** 2
    >>> grid = np.linspace(-2, 2, 41)
    >>> ax = plot_loss_contours(bowl, grid, grid,
    ...                         paths={"descent": [[2, 1], [1.6, 0.0], [1.28, 0.0]]})
    >>> [line.get_label() for line in ax.get_lines()]
    ['descent']
    >>> ax.get_lines()[0].get_xdata().tolist()
    [2.0, 1.6, 1.28]
    """
    _check_loss(loss)
    grid1 = check_vector(w1, name="w1", shape_hint="(n_points,)")
    grid2 = check_vector(w2, name="w2", shape_hint="(n_points,)")
    named = _check_paths(paths, n_weights=2)
    values = np.array([[float(loss(np.array([a, b]))) for a in grid1] for b in grid2])
    if not np.all(np.isfinite(values)):
        msg = "loss must return finite numbers on the grid of w1 and w2; got NaN or infinity."
        raise ValueError(msg)
    ax = _new_axes(ax)
    ax.contour(grid1, grid2, values, levels=levels, cmap="viridis", linewidths=0.9)
    for k, (name, path) in enumerate(named.items()):
        color, marker = _class_style(k)
        ax.plot(
            path[:, 0],
            path[:, 1],
            color=color,
            marker=marker,
            markersize=3.5,
            linewidth=1.4,
            label=name,
            zorder=3,
        )
        ax.scatter(
            path[:1, 0],
            path[:1, 1],
            s=90,
            facecolors="none",
            edgecolors=color,
            linewidths=1.5,
            zorder=4,
        )
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if named:
        ax.legend(loc="best")
    return ax


def _boundary_segment(
    weights: Float64Array,
    bias: float,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
) -> tuple[list[float], list[float]]:
    """Two points of the line ``w1 x1 + w2 x2 + b = 0`` spanning the box.

    Solved for ``x2`` when the line is closer to horizontal, for ``x1``
    otherwise, so that a steep line does not divide by a tiny ``w2``. An
    all-zero ``w`` has no line: both lists are empty.
    """
    w1, w2 = float(weights[0]), float(weights[1])
    if w1 == 0.0 and w2 == 0.0:
        return [], []
    if abs(w2) >= abs(w1):
        return list(xlim), [-(w1 * x1 + bias) / w2 for x1 in xlim]
    return [-(w2 * x2 + bias) / w1 for x2 in ylim], list(ylim)


def animate_perceptron(
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    learning_rate: float = 1.0,
    max_epochs: int = 10,
    shuffle: bool = False,
    random_state: RandomState = None,
    interval: int = 500,
    ax: Axes | None = None,
) -> FuncAnimation:
    """Animate the perceptron's decision boundary, one frame per update.

    Runs :func:`~neurons.perceptron.perceptron_steps` and draws the data with the boundary
    ``w . x + b = 0``. Frame 0 shows the start (``w = 0``: no boundary);
    frame ``k`` the boundary after the ``k``-th update, with the sample that
    caused it circled and the epoch, sample, ``w`` and ``b`` in the title.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        Training inputs of two features.
    y : array-like of shape (n_samples,)
        Labels of exactly two classes.
    learning_rate : float, default=1.0
        The step size ``eta`` > 0.
    max_epochs : int, default=10
        The most passes over the data.
    shuffle : bool, default=False
        Visit the samples in a new random order each epoch.
    random_state : int, numpy.random.Generator or None, default=None
        Seed for the shuffling.
    interval : int, default=500
        Milliseconds between frames.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.animation.FuncAnimation
        ``1 + (number of updates)`` frames. Display it in a notebook with
        ``IPython.display.HTML(anim.to_jshtml())`` or save it with
        ``anim.save("perceptron.gif", writer="pillow")``. Keep a reference
        to it until then: matplotlib warns if it is deleted unrendered.

    Raises
    ------
    TypeError, ValueError
        As :func:`~neurons.perceptron.perceptron_steps`; ValueError also if ``X`` does not have
        exactly 2 features.

    Examples
    --------
    >>> from neurons.datasets import logic_gate
    >>> X, y = logic_gate("and")
    >>> anim = animate_perceptron(X, y, max_epochs=1)
    >>> len(list(anim.new_frame_seq()))  # the start and 2 updates
    3
    >>> html = anim.to_jshtml()  # render every frame, as a notebook would
    """
    X_checked = check_array(
        X,
        n_features=2,
        expected_by="animate_perceptron, which draws the plane of 2 features,",
    )
    step_iterator = perceptron_steps(
        X_checked,
        y,
        learning_rate=learning_rate,
        max_epochs=max_epochs,
        shuffle=shuffle,
        random_state=random_state,
    )
    delay = check_int_at_least(interval, name="interval")
    ax = _new_axes(ax)
    figure = _root_figure(ax)
    labels = np.asarray(y)
    classes = np.unique(labels)

    n_features = X_checked.shape[1]
    frames: list[tuple[Float64Array, float, PerceptronStep | None]] = [
        (np.zeros(n_features), 0.0, None)
    ]
    frames += [
        (step.weights, step.bias, step) for step in step_iterator if step.mistake
    ]

    xlim = _padded_limits(X_checked[:, 0])
    ylim = _padded_limits(X_checked[:, 1])
    _scatter_classes(ax, X_checked, labels, classes)
    (boundary,) = ax.plot([], [], color="black", linewidth=2, label="boundary")
    (circle,) = ax.plot(
        [],
        [],
        linestyle="none",
        marker="o",
        markersize=16,
        markerfacecolor="none",
        markeredgecolor="black",
        markeredgewidth=2,
        label="updated on",
    )
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="upper left", fontsize="small")
    title = ax.set_title("")

    def draw_frame(k: int) -> tuple[Artist, ...]:
        weights, bias, step = frames[k]
        boundary.set_data(*_boundary_segment(weights, bias, xlim, ylim))
        w_text = f"w = ({weights[0]:.3g}, {weights[1]:.3g}), b = {bias:.3g}"
        if step is None:
            circle.set_data([], [])
            title.set_text(f"start: {w_text}")
        else:
            circle.set_data([step.x[0]], [step.x[1]])
            title.set_text(
                f"update {k}: epoch {step.epoch}, sample {step.index}\n{w_text}"
            )
        return boundary, circle, title

    # Show the start even before the animation runs (a static export).
    draw_frame(0)
    return FuncAnimation(
        figure,
        draw_frame,
        frames=len(frames),
        interval=delay,
        repeat=False,
        cache_frame_data=False,
    )


def animation_to_html(
    animation: object, *, alt: object, fps: int = 2, dpi: float = 80.0
) -> str:
    """Render an animation as an ``<img>`` of an animated GIF that plays once.

    For pages that must work offline and for everyone: the GIF is embedded in
    the HTML (no script, no stylesheet from another site, as matplotlib's
    ``to_jshtml`` loads), it carries ``alt`` text for screen readers, and it
    plays through once and stops on its last frame instead of moving forever
    beside the text. Reload the page to play it again. The same frames give
    the same bytes, so rebuilt pages do not change.

    Parameters
    ----------
    animation : matplotlib.animation.Animation
        For example what :func:`animate_perceptron` returns.
    alt : str
        What the animation shows, in words; must not be empty.
    fps : int, default=2
        Frames per second.
    dpi : float, default=80.0
        Resolution of the frames.

    Returns
    -------
    str
        An HTML ``<img>`` element, for ``IPython.display.HTML``.

    Raises
    ------
    TypeError
        If ``animation`` is not a matplotlib animation.
    ValueError
        If ``alt`` is empty, or ``fps`` or ``dpi`` is not positive.

    Examples
    --------
    >>> from neurons.datasets import logic_gate
    >>> X, y = logic_gate("or")
    >>> anim = animate_perceptron(X, y)
    >>> snippet = animation_to_html(anim, alt="The boundary learns OR.")
    >>> snippet.startswith('<img src="data:image/gif;base64,')
    True
    >>> plt.close("all")
    """
    if not isinstance(animation, Animation):
        msg = f"animation must be a matplotlib Animation, got {describe(animation)}."
        raise TypeError(msg)
    if not isinstance(alt, str) or not alt.strip():
        msg = f"alt must be a non-empty description of the animation, got {alt!r}."
        raise ValueError(msg)
    fps = check_int_at_least(fps, name="fps")
    dpi = check_positive_float(dpi, name="dpi")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "animation.gif"
        animation.save(path, writer=PillowWriter(fps=fps), dpi=dpi)
        with Image.open(path) as gif:
            frames = [frame.copy() for frame in ImageSequence.Iterator(gif)]
    for frame in frames:  # no looping: drop the loop count PillowWriter wrote
        frame.info.pop("loop", None)
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=round(1000 / fps),
    )
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<img src="data:image/gif;base64,{data}" alt="{html.escape(alt)}" '
        f'width="{frames[0].width}" height="{frames[0].height}" '
        'style="max-width: 100%; height: auto;">'
    )


def plot_roadmap(parts: Any, ax: Axes | None = None) -> Axes:
    """Draw a reading path: one column per part, its pages top to bottom.

    Each page is a box; arrows lead down a column and from the foot of one
    column to the head of the next, so the picture reads as one path.

    Parameters
    ----------
    parts : mapping of str to sequence of str
        Part titles, in reading order, each with its pages' titles in order.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure sized to the parts by default.

    Returns
    -------
    matplotlib.axes.Axes
        The axes: one text per part title and per page, in order, and an
        arrow (an annotation with empty text) into every page but the first.

    Raises
    ------
    TypeError
        If ``parts`` is not a mapping of strings to sequences of strings.
    ValueError
        If ``parts`` or one of its parts is empty.

    Examples
    --------
    >>> ax = plot_roadmap({"Part I": ["Neurons", "Perceptron"], "Part II": ["MLP"]})
    >>> [text.get_text() for text in ax.texts if text.get_text()]
    ['Part I', 'Neurons', 'Perceptron', 'Part II', 'MLP']
    """
    if not isinstance(parts, Mapping):
        msg = f"parts must be a mapping of part titles to page titles, got {describe(parts)}."
        raise TypeError(msg)
    if not parts:
        msg = "parts must hold at least one part, got an empty mapping."
        raise ValueError(msg)
    for part, pages in parts.items():
        if (
            not isinstance(part, str)
            or isinstance(pages, str)
            or not all(isinstance(page, str) for page in pages)
        ):
            msg = (
                "parts must map each part title (a str) to a sequence of page "
                f"titles (str), got {part!r}: {pages!r}."
            )
            raise TypeError(msg)
        if not pages:
            msg = f"parts[{part!r}] must list at least one page, got none."
            raise ValueError(msg)
    longest = max(len(pages) for pages in parts.values())
    if ax is None:
        _, ax = plt.subplots(
            figsize=(3.2 * len(parts), 0.55 * longest + 0.9), layout="constrained"
        )
    ax = _new_axes(ax)
    arrow = {"arrowstyle": "-|>", "color": "0.45", "lw": 1.0}
    previous: tuple[float, float] | None = None
    for column, (part, pages) in enumerate(parts.items()):
        color = CLASS_COLORS[column % len(CLASS_COLORS)]
        ax.text(column, 0.0, part, ha="center", va="center", fontweight="bold")
        for row, page in enumerate(pages, start=1):
            ax.text(
                column, -row, page, ha="center", va="center", fontsize=8.5,
                bbox={"boxstyle": "round,pad=0.3", "facecolor": "white",
                      "edgecolor": color, "lw": 1.4},
            )  # fmt: skip
            if previous is not None:  # down the column, or in from the last one
                head = (column, -row + 0.3) if row > 1 else (column - 0.47, -1.0)
                ax.annotate("", xy=head, xytext=previous, arrowprops=arrow)
            previous = (column, -row - 0.3)
        previous = (column + 0.47, -float(len(pages)))
    ax.set(xlim=(-0.55, len(parts) - 0.45), ylim=(-longest - 0.6, 0.5))
    ax.set_axis_off()
    return ax
