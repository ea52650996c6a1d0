"""The book's figures of networks: activations, depth, training, fits, regions.

What is costly is computed once, when the page is built and before any
frame is drawn: the networks are trained (seeded, with a snapshot at each
epoch shown), and the forward passes and descent paths are run; a drawing
then looks its setting up.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib.figure import Figure

from neurons._validation import (
    check_array,
    check_int_at_least,
    check_label_vector,
    check_positive_float,
    check_random_state,
    describe,
)
from neurons.activations import get_activation
from neurons.interactive._drawing import (
    _BAND_COLORS,
    _BANDS,
    _BLUE,
    _GREEN,
    _ORANGE,
    _scatter_classes,
)
from neurons.interactive._widget import (
    Control,
    InteractiveFigure,
    _epochs,
    _menu,
    _values,
    interactive_figure,
)
from neurons.mlp import MLP


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
        One frame per activation and net input.

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

    # Each activation's f, f' and saturated region over the grid.
    curves = {}
    for name, activation in functions.items():
        derivative = np.asarray(activation.derivative(grid), dtype=float)  # type: ignore[misc]
        saturated = derivative < threshold * derivative.max()
        curves[name] = (activation(grid), derivative, saturated)

    def slope(activation: str, z: float) -> float:
        return float(np.asarray(functions[activation].derivative(np.array([z])))[0])  # type: ignore[misc]

    def draw(fig: Figure, activation: str, z: float) -> None:
        f, df, saturated = curves[activation]
        fz = float(functions[activation](np.array([z]))[0])
        dfz = slope(activation, z)
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

    def alt_text(activation: str, z: float) -> str:
        dfz = slope(activation, z)
        df = curves[activation][1]
        state = (
            "in a flat region (shaded): little or no gradient passes"
            if dfz < threshold * df.max()
            else "not in a flat region"
        )
        return f"{activation} at z = {z:g}: slope {dfz:.3f}, {state}."

    controls = [
        _menu("activation", "activation", names, default=names[0]),
        Control("z", "net input z", zs),
    ]
    return interactive_figure(
        draw, controls, alt=alt, describe_setting=alt_text, figsize=(5.6, 2.6), dpi=80
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
        Alt text of the default frame: the network at ``default``.

    Returns
    -------
    InteractiveFigure
        One frame per activation and weight scale.

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
    scale_values = _values(scales, name="scales", positive=True)
    n_layers = check_int_at_least(n_layers, name="n_layers")
    width = check_int_at_least(width, name="width")
    n_samples = check_int_at_least(n_samples, name="n_samples")
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

    def alt_text(activation: str, scale: float) -> str:
        stds = [float(hidden[activation, scale][layer - 1].std()) for layer in layers]
        return (
            f"{activation} with weight scale {scale:g}: the spread of the activations "
            f"goes from {stds[0]:.2g} in layer {layers[0]} to {stds[-1]:.2g} in layer "
            f"{layers[-1]}."
        )

    controls = [
        _menu("activation", "activation", activations, default=default[0]),
        Control("scale", "weight scale s", scale_values, default=default[1]),
    ]
    return interactive_figure(
        draw, controls, alt=alt, describe_setting=alt_text, figsize=(5.6, 2.5), dpi=80
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
        Alt text of the default frame: the run at ``default``.

    Returns
    -------
    InteractiveFigure
        One frame per learning rate and momentum.

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
    etas = _values(learning_rates, name="learning_rates", positive=True)
    mus = _values(momenta, name="momenta")
    if any(not 0.0 <= mu < 1.0 for mu in mus):
        msg = f"momenta must lie in [0, 1), got {mus}."
        raise ValueError(msg)
    a = np.array([check_positive_float(c, name="curvatures") for c in curvatures])
    n_steps = check_int_at_least(n_steps, name="n_steps")
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

    runs = {(eta, mu): run(eta, mu) for eta, mu in itertools.product(etas, mus)}
    span = np.abs(w0).max() * 1.25
    g1, g2 = np.meshgrid(np.linspace(-span, span, 120), np.linspace(-span, span, 120))
    surface = 0.5 * (a[0] * g1**2 + a[1] * g2**2)
    first_loss = 0.5 * float(a @ w0**2)

    def verdict(losses: Any) -> str:
        if losses[-1] > losses[0]:
            return "diverges"
        return f"reaches loss {losses[-1]:.2g} in {n_steps} steps"

    def draw(fig: Figure, learning_rate: float, momentum: float) -> None:
        path, losses = runs[learning_rate, momentum]
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

    def alt_text(learning_rate: float, momentum: float) -> str:
        losses = runs[learning_rate, momentum][1]
        return (
            f"Learning rate {learning_rate:g}, momentum {momentum:g}: the path on the "
            f"loss surface and the loss per step; it {verdict(losses)}."
        )

    controls = [
        Control("learning_rate", "learning rate η", etas, default=default[0]),
        Control("momentum", "momentum μ", mus, default=default[1]),
    ]
    return interactive_figure(
        draw, controls, alt=alt, describe_setting=alt_text, figsize=(5.6, 2.8), dpi=80
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
        One frame per width and epoch.

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
    widths = [check_int_at_least(w, name="widths") for w in widths]
    epochs = _epochs(epochs)
    # The weights and biases of each width after each epoch shown.
    snapshots: dict[tuple[int, int], tuple[list[Any], list[Any]]] = {}
    for width in widths:
        net = MLP((1, width, 1), activation="tanh", random_state=random_state)
        for before, after in itertools.pairwise([0, *epochs]):
            if after > before:
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

    def alt_text(width: int, epoch: int) -> str:
        return (
            f"The fit of {width} tanh units after {epoch} epochs (orange) against "
            f"the target (grey), and below, each unit's weighted output."
        )

    controls = [
        Control("width", "hidden units", widths, default=widths[-1]),
        Control("epoch", "epoch", epochs, default=epochs[-1]),
    ]
    return interactive_figure(
        draw, controls, alt=alt, describe_setting=alt_text, figsize=(5.0, 3.8), dpi=80
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
        Alt text of the default frame: the network at ``default``.

    Returns
    -------
    InteractiveFigure
        One frame per data set, width, activation and epoch.

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
    widths = [check_int_at_least(w, name="widths") for w in widths]
    epochs = _epochs(epochs)
    # Each network's probability of class 1 over the grid, and its training
    # accuracy, after each epoch shown.
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
        _scatter_classes(ax, X, labels, s=14, edgecolor="white", linewidth=0.4)
        ax.set(
            xlim=(xx.min(), xx.max()),
            ylim=(yy.min(), yy.max()),
            xlabel="$x_1$",
            ylabel="$x_2$",
            title=f"{dataset}, {width} {activation} units, epoch {epoch}: "
            f"{accuracy:.0%} right",
        )
        ax.set_aspect("equal", adjustable="box")

    def alt_text(dataset: str, width: int, activation: str, epoch: int) -> str:
        accuracy = probabilities[dataset, width, activation, epoch][1]
        return (
            f"{dataset} data; a network with {width} {activation} hidden units after "
            f"{epoch} epochs classifies {accuracy:.0%} of the points correctly; the "
            "black line is its boundary."
        )

    names = list(data)
    if default is None:
        default = (names[0], widths[(len(widths) - 1) // 2], activations[0], epochs[-1])
    controls = [
        _menu("dataset", "data set", names, default=default[0]),
        Control("width", "hidden units", widths, default=default[1]),
        _menu("activation", "activation", activations, default=default[2]),
        Control("epoch", "epoch", epochs, default=default[3]),
    ]
    return interactive_figure(
        draw,
        controls,
        alt=alt,
        describe_setting=alt_text,
        figsize=(3.9, 3.6),
        dpi=72,
        colors=40,
    )
