"""Tests for neurons.plotting: the returned matplotlib objects, not pixels."""

from __future__ import annotations

import base64
import gc
import io
import re
import subprocess
import sys

import matplotlib as mpl

mpl.use("Agg")  # before pyplot: no window, the same output on every machine

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.animation import FuncAnimation
from matplotlib.axes import Axes
from PIL import Image
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

from neurons import TLU, Perceptron, perceptron_steps
from neurons._validation import check_class_labels
from neurons.activations import ACTIVATIONS, get_activation
from neurons.datasets import logic_gate, make_separable
from neurons.exceptions import NotFittedError
from neurons.plotting import (
    CLASS_COLORS,
    animate_perceptron,
    animation_to_html,
    plot_activation,
    plot_decision_regions,
    plot_learning_curves,
    plot_loss_contours,
    plot_loss_curve,
    plot_roadmap,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _legend_texts(ax):
    return [text.get_text() for text in ax.get_legend().get_texts()]


@pytest.mark.slow
def test_import_neurons_loads_neither_matplotlib_nor_keras():
    # A fresh interpreter: this test process has imported matplotlib already.
    code = (
        "import sys, neurons; "
        "assert 'matplotlib' not in sys.modules, 'matplotlib'; "
        "assert 'keras' not in sys.modules, 'keras'; "
        "neurons.plotting; assert 'matplotlib' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- plot_decision_regions ----------------------------------------------------


def test_decision_regions_of_a_fitted_perceptron():
    X, y = make_separable(40, random_state=0)
    clf = Perceptron(random_state=0).fit(X, y)
    ax = plot_decision_regions(clf, X, y, title="perceptron")
    assert isinstance(ax, Axes)
    # One filled contour set for the regions, one scatter per class.
    assert len(ax.collections) == 3
    assert _legend_texts(ax) == ["0", "1"]
    assert ax.get_legend().get_title().get_text() == "class"
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == (
        "$x_1$",
        "$x_2$",
        "perceptron",
    )
    # The data sits inside the frame.
    assert ax.get_xlim()[0] < X[:, 0].min() < X[:, 0].max() < ax.get_xlim()[1]
    # An opaque figure background.
    assert ax.figure.get_facecolor()[3] == 1.0


def test_decision_regions_on_given_axes_with_string_labels_and_three_classes():
    X, y = load_iris(return_X_y=True)
    X2 = X[:, :2]
    species = np.array(["setosa", "versicolor", "virginica"])[y]
    model = LogisticRegression().fit(X2, species)
    _, ax = plt.subplots()
    returned = plot_decision_regions(
        model,
        X2,
        species,
        ax=ax,
        resolution=30,
        feature_names=("sepal length", "sepal width"),
    )
    assert returned is ax
    assert _legend_texts(ax) == ["setosa", "versicolor", "virginica"]
    assert ax.get_xlabel() == "sepal length"
    colours = [tuple(c.get_facecolor()[0]) for c in ax.collections[1:]]
    assert colours == [mpl.colors.to_rgba(c) for c in CLASS_COLORS[:3]]


def test_decision_regions_of_a_tlu_on_a_truth_table():
    X, y = logic_gate("and")
    ax = plot_decision_regions(TLU([1.0, 1.0], -1.5), X, y, resolution=2)
    assert _legend_texts(ax) == ["0", "1"]


class _BadModel:
    def predict(self, X):
        return np.zeros(3)


@pytest.mark.parametrize(
    ("model", "X", "y", "kwargs", "error", "match"),
    [
        (
            object(),
            np.zeros((4, 2)),
            [0, 1, 0, 1],
            {},
            TypeError,
            r"model must have a 'predict' method \(a fitted classifier\)",
        ),
        (
            TLU([1.0, 1.0]),
            np.zeros((4, 3)),
            [0, 1, 0, 1],
            {},
            ValueError,
            (
                r"X has 3 features \(shape \(4, 3\)\), but plot_decision_regions, which draws "
                r"the plane of 2 features, expects 2"
            ),
        ),
        (
            TLU([1.0, 1.0]),
            np.zeros((4, 2)),
            [0, 1],
            {},
            ValueError,
            r"y has 2 labels \(shape \(2,\)\), but X has 4 samples \(shape \(4, 2\)\)",
        ),
        (
            TLU([1.0, 1.0]),
            [[np.nan, 0.0]],
            [0],
            {},
            ValueError,
            r"X must contain only finite",
        ),
        (
            TLU([1.0, 1.0]),
            np.zeros((4, 2)),
            [0, 1, 0, 1],
            {"resolution": 1},
            ValueError,
            r"resolution must be an integer >= 2, got 1",
        ),
        (
            TLU([1.0, 1.0]),
            np.zeros((4, 2)),
            [0, 1, 0, 1],
            {"ax": "axes"},
            TypeError,
            r"ax must be a matplotlib Axes or None",
        ),
        (
            _BadModel(),
            np.zeros((4, 2)),
            [0, 1, 0, 1],
            {"resolution": 5},
            ValueError,
            r"model.predict returned 3 labels for 25 points",
        ),
    ],
)
def test_decision_regions_errors(model, X, y, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_decision_regions(model, X, y, **kwargs)


# --- plot_activation ----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(set(ACTIVATIONS) - {"softmax"}))
def test_plot_activation_draws_function_and_derivative(name):
    ax = plot_activation(name)
    labelled = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert [line.get_label() for line in labelled] == [f"{name}(z)", f"{name}'(z)"]
    assert labelled[1].get_linestyle() == "--"
    assert labelled[0].get_xdata().shape == (401,)
    assert ax.get_xlabel() == "net input $z$"
    assert ax.get_title() == name


def test_plot_activation_values_on_a_given_grid_and_axes():
    _, ax = plt.subplots()
    returned = plot_activation("relu", ax=ax, z=[-1.0, 0.0, 2.0])
    assert returned is ax
    f_line = next(line for line in ax.get_lines() if line.get_label() == "relu(z)")
    assert f_line.get_ydata().tolist() == [0.0, 0.0, 2.0]


def test_plot_activation_of_a_plain_callable_has_no_derivative_line():
    ax = plot_activation(np.sin)
    assert _legend_texts(ax) == ["sin(z)"]


@pytest.mark.parametrize(
    ("activation", "kwargs", "error", "match"),
    [
        (
            "softmax",
            {},
            ValueError,
            r"plot_activation cannot plot 'softmax'.*plot 'sigmoid'",
        ),
        (
            "tanh",
            {"z": [[0.0, 1.0]]},
            ValueError,
            r"z must be a 1-D array of shape \(n_points,\)",
        ),
        ("tanh", {"z": []}, ValueError, r"z must not be empty"),
        (
            "tanh",
            {"z": [0.0, np.nan]},
            ValueError,
            r"z must contain only finite values",
        ),
    ],
)
def test_plot_activation_errors(activation, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_activation(activation, **kwargs)


@pytest.mark.parametrize(
    ("activation", "error"), [("swish", ValueError), (3, TypeError)]
)
def test_plot_activation_passes_on_the_resolvers_error(
    activation, error, assert_same_error
):
    assert_same_error(
        error, lambda: plot_activation(activation), lambda: get_activation(activation)
    )


# --- plot_learning_curves -----------------------------------------------------


def test_learning_curve_from_a_sequence():
    ax = plot_learning_curves([3.0, 2.0, 1.5, 1.4], ylabel="loss", title="training")
    (line,) = ax.get_lines()
    assert line.get_xdata().tolist() == [1, 2, 3, 4]
    assert line.get_ydata().tolist() == [3.0, 2.0, 1.5, 1.4]
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == (
        "epoch",
        "loss",
        "training",
    )
    assert ax.get_legend() is None  # one unnamed curve needs no legend


def test_learning_curves_from_a_mapping_of_different_lengths():
    ax = plot_learning_curves(
        {"train": [1.0, 0.5, 0.25], "validation": [1.0, 0.8]}, logy=True
    )
    assert _legend_texts(ax) == ["train", "validation"]
    assert [len(line.get_xdata()) for line in ax.get_lines()] == [3, 2]
    assert ax.get_yscale() == "log"


def test_learning_curve_of_a_perceptron_plots_its_mistakes():
    X, y = make_separable(40, margin=0.1, random_state=2)
    clf = Perceptron(random_state=0).fit(X, y)
    ax = plot_learning_curves(clf)
    assert ax.get_lines()[0].get_ydata().tolist() == clf.errors_.tolist()
    assert ax.get_ylabel() == "mistakes per epoch"


class _FittedNetwork:
    loss_curve_ = (0.7, 0.4, 0.3)

    def fit(self, X, y):
        return self


class _UnfittedNetwork:
    def fit(self, X, y):
        return self


def test_learning_curve_of_an_estimator_with_loss_curve():
    ax = plot_learning_curves(_FittedNetwork())
    assert _legend_texts(ax) == ["training loss"]
    assert ax.get_ylabel() == "loss"


@pytest.mark.parametrize(
    ("curves", "kwargs", "error", "match"),
    [
        (
            _UnfittedNetwork(),
            {},
            NotFittedError,
            (
                r"This _UnfittedNetwork instance is not fitted yet\. Call 'fit' with appropriate "
                r"arguments before using 'plot_learning_curves'\."
            ),
        ),
        ([], {}, ValueError, r"curves must not be empty"),
        ([1.0, np.nan], {}, ValueError, r"curves must contain only finite values"),
        (
            [[1.0, 2.0]],
            {},
            ValueError,
            r"curves must be a 1-D array of shape \(n_epochs,\)",
        ),
        ({}, {}, ValueError, r"curves must not be an empty mapping"),
        ({"train": ["a"]}, {}, TypeError, r"curves\['train'\] must hold numbers"),
        ([1.0], {"logy": "yes"}, TypeError, r"logy must be True or False"),
    ],
)
def test_learning_curve_errors(curves, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_learning_curves(curves, **kwargs)


# --- animate_perceptron -------------------------------------------------------


def test_animation_has_one_frame_per_update_and_renders(tmp_path):
    X, y = make_separable(12, margin=0.3, random_state=0)
    clf = Perceptron(shuffle=False, max_epochs=10).fit(X, y)
    _, ax = plt.subplots()
    anim = animate_perceptron(X, y, max_epochs=10, interval=50, ax=ax)
    assert isinstance(anim, FuncAnimation)
    n_frames = len(list(anim.new_frame_seq()))
    assert n_frames == 1 + int(clf.errors_.sum())
    assert ax.get_title().startswith("start: w = (0, 0), b = 0")
    # Render every frame (as a notebook would); the last one shows the
    # learned boundary: its end points satisfy w . x + b = 0.
    anim.save(tmp_path / "perceptron.gif", writer="pillow")
    boundary = next(line for line in ax.get_lines() if line.get_label() == "boundary")
    ends = np.column_stack([boundary.get_xdata(), boundary.get_ydata()])
    np.testing.assert_allclose(ends @ clf.weights_ + clf.bias_, 0.0, atol=1e-9)
    assert ax.get_title().startswith(
        f"update {n_frames - 1}: epoch {clf.n_epochs_ - 1}"
    )
    assert (tmp_path / "perceptron.gif").stat().st_size > 0


def test_animation_on_given_axes_with_shuffling():
    X, y = logic_gate("or")
    anim = animate_perceptron(X, y, shuffle=True, random_state=0, max_epochs=1)
    ax = plt.gcf().axes[0]  # a new figure, made current by pyplot
    assert _legend_texts(ax) == ["0", "1", "boundary", "updated on"]
    steps = list(perceptron_steps(X, y, shuffle=True, random_state=0, max_epochs=1))
    assert len(list(anim.new_frame_seq())) == 1 + sum(s.mistake for s in steps)
    anim.to_jshtml()  # render, so matplotlib does not warn on deletion


@pytest.mark.parametrize(
    ("X", "y", "kwargs", "error", "match"),
    [
        (
            np.zeros((4, 3)),
            [0, 1, 0, 1],
            {},
            ValueError,
            r"X has 3 features \(shape \(4, 3\)\), but animate_perceptron",
        ),
        (
            np.zeros((2, 2)),
            [0, 1],
            {"interval": 0},
            ValueError,
            r"interval must be a positive integer \(>= 1\), got 0",
        ),
        (
            np.zeros((2, 2)),
            [0, 1],
            {"learning_rate": -1.0},
            ValueError,
            r"The 'learning_rate' parameter of perceptron_steps must be a float",
        ),
    ],
)
def test_animation_errors(X, y, kwargs, error, match):
    with pytest.raises(error, match=match):
        animate_perceptron(X, y, **kwargs)


@pytest.mark.parametrize(
    ("X", "y", "reference"),
    [
        (np.zeros((3, 2)), [0, 1, 2], perceptron_steps),
        (np.zeros((2, 2)), [1, 1], lambda X, y: check_class_labels(y)),
    ],
    ids=["three-classes", "one-class"],
)
def test_animation_passes_on_the_label_checks_error(X, y, reference, assert_same_error):
    assert_same_error(
        ValueError, lambda: animate_perceptron(X, y), lambda: list(reference(X, y))
    )


# --- animation_to_html ---------------------------------------------------------


@pytest.mark.slow
def test_animation_to_html_is_a_gif_that_plays_once_with_alt_text():
    X, y = logic_gate("or")
    anim = animate_perceptron(X, y)
    snippet = animation_to_html(anim, alt='The line "moves" & settles.', fps=4)
    plt.close("all")
    match = re.fullmatch(
        r'<img src="data:image/gif;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)" '
        r'width="(\d+)" height="(\d+)" style="[^"]*">',
        snippet,
    )
    assert match is not None
    # alt text is escaped for HTML, so quotes cannot end the attribute early
    assert match.group(2) == "The line &quot;moves&quot; &amp; settles."
    with Image.open(io.BytesIO(base64.b64decode(match.group(1)))) as gif:
        assert gif.format == "GIF"
        # one frame per update plus the start, as animate_perceptron draws
        # one frame for the start and one per update, as animate_perceptron
        n_updates = sum(step.mistake for step in perceptron_steps(X, y, max_epochs=10))
        assert gif.n_frames == 1 + n_updates
        assert "loop" not in gif.info  # no loop extension: plays once
        assert gif.info["duration"] == 250  # 4 frames per second
        assert (gif.width, gif.height) == (int(match.group(3)), int(match.group(4)))


@pytest.mark.slow
def test_animation_to_html_is_reproducible():
    X, y = logic_gate("and")
    first = animation_to_html(animate_perceptron(X, y), alt="AND")
    second = animation_to_html(animate_perceptron(X, y), alt="AND")
    plt.close("all")
    assert first == second


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"alt": ""}, ValueError, "alt must be a non-empty description"),
        ({"alt": "   "}, ValueError, "alt must be a non-empty description"),
        ({"alt": None}, ValueError, "alt must be a non-empty description"),
        ({"alt": "x", "fps": 0}, ValueError, "fps must be a positive integer"),
        ({"alt": "x", "dpi": -1.0}, ValueError, "dpi must be a positive finite"),
    ],
)
# The animation is refused before it is drawn, and matplotlib warns when an
# undrawn animation is garbage-collected: expected here.
@pytest.mark.filterwarnings("ignore:Animation was deleted without rendering")
def test_animation_to_html_errors(kwargs, error, match):
    X, y = logic_gate("or")
    anim = animate_perceptron(X, y)
    with pytest.raises(error, match=match):
        animation_to_html(anim, **kwargs)
    plt.close("all")
    del anim
    gc.collect()  # collect it here, under this test's warning filter


def test_animation_to_html_refuses_a_figure():
    fig, _ = plt.subplots()
    with pytest.raises(TypeError, match="animation must be a matplotlib Animation"):
        animation_to_html(fig, alt="x")
    plt.close(fig)


# --- loss landscapes -------------------------------------------------------------


def _bowl(w):
    # An elongated quadratic bowl, minimum 0 at the origin.
    return float(w[0] ** 2 + 10.0 * w[1] ** 2)


def test_plot_loss_curve_draws_the_curve_and_the_path_on_it():
    w = np.linspace(-2.0, 2.0, 9)
    ax = plot_loss_curve(lambda v: v**2, w, path=[2.0, -1.0, 0.5], label="path")
    curve, path = ax.get_lines()
    np.testing.assert_allclose(curve.get_ydata(), w**2)
    np.testing.assert_allclose(path.get_xdata(), [2.0, -1.0, 0.5])
    np.testing.assert_allclose(path.get_ydata(), [4.0, 1.0, 0.25])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["path"]


def test_plot_loss_curve_twice_on_one_axes_compares_costs():
    _, ax = plt.subplots()
    w = np.linspace(-1.0, 1.0, 5)
    plot_loss_curve(abs, w, label="|w|", ax=ax)
    plot_loss_curve(lambda v: v**2, w, label="w^2", ax=ax)
    assert [line.get_label() for line in ax.get_lines()] == ["|w|", "w^2"]


def test_plot_loss_contours_draws_levels_and_paths():
    grid = np.linspace(-2.0, 2.0, 21)
    gd = np.array([[2.0, 1.0], [1.6, -0.8], [1.28, 0.64]])
    heavy = np.array([[2.0, 1.0], [1.8, 0.5]])
    ax = plot_loss_contours(_bowl, grid, grid, paths={"GD": gd, "momentum": heavy})
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["GD", "momentum"]
    np.testing.assert_allclose(lines[0].get_xydata(), gd)
    assert lines[0].get_color() != lines[1].get_color()
    # The contour levels span the cost on the grid (0 at the centre, 44 at a corner).
    levels = ax.collections[0].levels
    assert len(levels) > 5
    assert levels.min() <= 1.0
    assert levels.max() >= 40.0


def test_plot_loss_contours_without_paths_has_no_legend():
    grid = np.linspace(-1.0, 1.0, 5)
    ax = plot_loss_contours(_bowl, grid, grid, levels=[1.0, 2.0, 4.0])
    assert ax.get_legend() is None
    assert list(ax.collections[0].levels) == [1.0, 2.0, 4.0]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: plot_loss_curve(3.0, [0.0, 1.0]), TypeError, "loss must be callable"),
        (lambda: plot_loss_curve(abs, [[0.0, 1.0]]), ValueError, "w"),
        (lambda: plot_loss_curve(abs, [0.0], path=[np.nan]), ValueError, "path"),
        (
            lambda: plot_loss_curve(lambda v: np.inf if v == 0 else v, [0.0, 1.0]),
            ValueError,
            "finite numbers over w",
        ),
        (lambda: plot_loss_contours(_bowl, [0.0, 1.0], []), ValueError, "w2"),
        (
            lambda: plot_loss_contours(_bowl, [0.0, 1.0], [0.0, 1.0], paths=[[0, 0]]),
            TypeError,
            "paths must be a mapping",
        ),
        (
            lambda: plot_loss_contours(
                _bowl, [0.0, 1.0], [0.0, 1.0], paths={"a": [[0, 0, 0]]}
            ),
            ValueError,
            r"paths\['a'\] must have shape \(n_steps, 2\), got shape \(1, 3\)",
        ),
        (
            lambda: plot_loss_contours(lambda w: np.inf, [0.0, 1.0], [0.0, 1.0]),
            ValueError,
            "finite numbers on the grid",
        ),
    ],
)
def test_loss_plots_name_the_bad_parameter(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_plot_roadmap_draws_every_part_and_page_in_reading_order():
    parts = {
        "Part I": ["Neurons", "Perceptron"],
        "Part II": ["MLP", "Backprop", "Keras"],
    }
    ax = plot_roadmap(parts)
    assert [text.get_text() for text in ax.texts if text.get_text()] == [
        "Part I", "Neurons", "Perceptron", "Part II", "MLP", "Backprop", "Keras",
    ]  # fmt: skip
    # one arrow into every page but the first: 1 in part I, 1 across, 2 in part II
    assert (
        len(
            [
                child
                for child in ax.get_children()
                if getattr(child, "arrow_patch", None)
            ]
        )
        == 4
    )


@pytest.mark.parametrize(
    ("parts", "error", "match"),
    [
        (["Part I"], TypeError, "parts must be a mapping"),
        ({}, ValueError, "at least one part"),
        ({"Part I": []}, ValueError, r"parts\['Part I'\] must list at least one page"),
        ({"Part I": "Neurons"}, TypeError, "sequence of page titles"),
        ({"Part I": ["Neurons", 3]}, TypeError, "sequence of page titles"),
    ],
)
def test_plot_roadmap_refuses_bad_parts(parts, error, match):
    with pytest.raises(error, match=match):
        plot_roadmap(parts)
