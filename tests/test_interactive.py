"""Tests of neurons.interactive: frames, the HTML contract, and bad input."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import numpy as np
import pytest

from neurons import interactive as ni
from neurons.datasets import logic_gate, make_separable, make_xor
from neurons.interactive._drawing import _clip_half_plane
from neurons.perceptron import perceptron_steps


class _Elements(HTMLParser):
    """Collect start tags with their attributes, and the JSON payload."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._in_data = False
        self.data = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_data = tag == "script" and dict(attrs).get("class") == "nn-data"

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data += data

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


def _line(fig, k):  # a drawing function for the tests
    fig.subplots().plot([0, 1], [0, k])


@pytest.fixture(scope="module")
def small() -> ni.InteractiveFigure:
    return ni.interactive_figure(
        lambda fig, k, colour: fig.subplots().plot([0, 1], [0, k], color=colour),
        [
            ni.Control("k", "slope", [1, 2, 3]),
            ni.Control("colour", "colour", ["red", "blue"], kind="select"),
        ],
        alt="A line of slope 2.",
        describe_setting=lambda k, colour: f"A {colour} line of slope {k}.",
    )


def test_every_setting_has_its_own_frame(small: ni.InteractiveFigure) -> None:
    frames = {small.frame(k=k, colour=c) for k in (1, 2, 3) for c in ("red", "blue")}
    assert len(frames) == small.n_settings == small.n_frames == 6
    assert small.default_png == small.frame(k=2, colour="red")
    assert small._repr_png_().startswith(b"\x89PNG")


def test_html_contract(small: ni.InteractiveFigure) -> None:
    page = small.to_html()
    parsed = _parse(page)
    tags = parsed.tags
    assert tags[0][0] == "div"
    assert tags[0][1]["class"] == "nn-interactive"
    labels = [a["for"] for t, a in tags if t == "label"]
    controls = [a for t, a in tags if t in {"input", "select"}]
    assert [c["id"] for c in controls] == labels  # every control has a label
    assert controls[0]["type"] == "range"
    assert controls[0]["value"] == "1"
    images = [a for t, a in tags if t == "img"]
    assert len(images) == 1
    assert images[0]["class"] == "nn-frame"
    assert images[0]["alt"] == "A line of slope 2."
    data = json.loads(parsed.data)
    # the static fallback is the default frame
    default = data["frames"][data["index"][1 * 2 + 0]]
    assert images[0]["src"] == default
    assert data["alts"][5] == "A blue line of slope 3."
    assert data["values"] == [["1", "2", "3"], ["red", "blue"]]
    # self-contained: no address outside the page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_ids_are_unique_per_figure(small: ni.InteractiveFigure) -> None:
    ids = [
        a["id"]
        for page in (small.to_html(), small.to_html())
        for _, a in _parse(page).tags
        if "id" in a
    ]
    assert len(ids) == len(set(ids))


def test_equal_frames_are_stored_once() -> None:
    fig = ni.interactive_figure(
        lambda fig, k: fig.subplots().plot([0, 1], [0, abs(k)]),
        [ni.Control("k", "k", [-1, 1])],
        alt="A line.",
    )
    assert fig.n_settings == 2
    assert fig.n_frames == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "not valid", "label": "x", "values": [1, 2]}, "name must be"),
        ({"name": "k", "label": "", "values": [1, 2]}, "label must be"),
        ({"name": "k", "label": "x", "values": [1]}, "values of control 'k'"),
        (
            {"name": "k", "label": "x", "values": [1, 2], "default": 3},
            "default of control 'k'",
        ),
        ({"name": "k", "label": "x", "values": [1, 2], "kind": "knob"}, "kind"),
        (
            {"name": "k", "label": "x", "values": [1, 2], "value_labels": ["a"]},
            "value_labels of control 'k'",
        ),
    ],
)
def test_bad_control(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ni.Control(**kwargs)  # type: ignore[arg-type]


def test_bad_figure_arguments() -> None:
    control = ni.Control("k", "k", [1, 2])
    with pytest.raises(TypeError, match="draw must be callable"):
        ni.interactive_figure("draw", [control], alt="x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="alt must be"):
        ni.interactive_figure(_line, [control], alt=" ")
    with pytest.raises(ValueError, match="distinct names"):
        ni.interactive_figure(_line, [control, control], alt="x")
    with pytest.raises(ValueError, match="colors must be between"):
        ni.interactive_figure(_line, [control], alt="x", colors=300)
    fig = ni.interactive_figure(_line, [control], alt="x")
    with pytest.raises(ValueError, match="k must be one of"):
        fig.frame(k=5)
    with pytest.raises(ValueError, match="setting names no control"):
        fig.frame(slope=1)


def test_tlu_explorer_moves_the_line() -> None:
    X, y = logic_gate("and")
    # one value is too few for a slider
    with pytest.raises(ValueError, match="w2_values must hold at least 2"):
        ni.tlu_explorer((0.0, 1.0), (1.0,), (-1.5, 0.5), alt="x")
    fig = ni.tlu_explorer(
        (0.0, 1.0),
        (0.0, 1.0),
        (-1.5, 0.5),
        X=X,
        y=y,
        default=(1.0, 1.0, -1.5),
        alt="AND",
    )
    assert fig.frame(w1=1.0, w2=1.0, b=-1.5) != fig.frame(w1=1.0, w2=1.0, b=0.5)
    with pytest.raises(ValueError, match="y must be given with X"):
        ni.tlu_explorer(
            (0.0, 1.0), (0.0, 1.0), (-1.5, 0.5), X=X, alt="x", default=(1.0, 1.0, -1.5)
        )


def test_clip_half_plane_against_the_inequality() -> None:
    square = np.array([[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]])
    kept = _clip_half_plane(square, np.array([1.0, 1.0]), -1.0)
    # x1 + x2 >= 1 in the square is the triangle (0, 1), (1, 0), (1, 1)
    assert sorted(map(tuple, kept.round(12).tolist())) == [
        (0.0, 1.0),
        (1.0, 0.0),
        (1.0, 1.0),
    ]
    assert len(_clip_half_plane(square, np.array([1.0, 0.0]), -5.0)) == 0


def test_perceptron_stepper_has_one_frame_per_update() -> None:
    X, y = make_separable(12, margin=0.3, random_state=0)
    fig = ni.perceptron_stepper(X, y, alt="x")
    updates = sum(s.mistake for s in perceptron_steps(X, y, max_epochs=20))
    assert fig.n_settings == updates + 1 == fig.n_frames
    with pytest.raises(ValueError, match="max_updates is 1"):
        ni.perceptron_stepper(X, y, max_updates=1, alt="x")


def test_universal_approximation_explorer() -> None:
    x = np.linspace(-1, 1, 15)
    fig = ni.universal_approximation_explorer(
        x, x**2, widths=(1, 2), epochs=(0, 3), alt="x"
    )
    assert fig.n_frames == 4
    with pytest.raises(ValueError, match="epochs must increase from 0"):
        ni.universal_approximation_explorer(
            x, x**2, widths=(1,), epochs=(1, 3), alt="x"
        )


def test_decision_region_explorer() -> None:
    X, y = make_xor(30, random_state=0)
    fig = ni.decision_region_explorer(
        {"XOR": (X, y), "XOR again": (X[::-1], y[::-1])},
        widths=(2, 3),
        activations=("tanh", "relu"),
        epochs=(0, 2),
        alt="x",
    )
    assert fig.n_settings == 16
    assert fig.frame(width=2, epoch=0) != fig.frame(width=2, epoch=2)
    with pytest.raises(
        ValueError, match=r"datasets\['three'\] y must hold labels 0 and 1"
    ):
        ni.decision_region_explorer({"three": (X, y + 1)}, alt="x")
    with pytest.raises(ValueError, match="activations"):
        ni.decision_region_explorer(
            {"XOR": (X, y)}, activations=("tanh", "nope"), alt="x"
        )


def test_activation_explorer_marks_saturation() -> None:
    fig = ni.activation_explorer(("sigmoid", "relu"), (0.0, 6.0), alt="x")
    data = json.loads(_parse(fig.to_html()).data)
    assert "not in a flat region" in data["alts"][0]
    assert "little or no gradient passes" in data["alts"][1]
    with pytest.raises(ValueError, match="names"):
        ni.activation_explorer(("sigmoid", "nope"), alt="x")


def test_lif_explorer_says_when_it_is_silent() -> None:
    fig = ni.lif_explorer((1.0, 2.0), default=2.0, alt="x")
    data = json.loads(_parse(fig.to_html()).data)
    assert "no spikes" in data["alts"][0]
    assert "no spikes" not in data["alts"][1]
    with pytest.raises(ValueError, match="duration"):
        ni.lif_explorer((1.0, 2.0), duration=-1.0, default=2.0, alt="x")


def test_training_explorer_shows_divergence() -> None:
    # curvature 10: plain gradient descent diverges once eta > 2/10
    fig = ni.training_explorer((0.1, 0.25), (0.0, 0.5), default=(0.1, 0.0), alt="x")
    data = json.loads(_parse(fig.to_html()).data)
    assert "diverges" not in data["alts"][0]
    assert "diverges" in data["alts"][2]
    with pytest.raises(ValueError, match="momenta must lie in"):
        ni.training_explorer((0.1, 0.2), (0.0, 1.0), default=(0.1, 0.0), alt="x")


def test_initialisation_explorer_shrinks_and_saturates() -> None:
    fig = ni.initialisation_explorer(
        ("tanh", "relu"),
        (0.25, 4.0),
        n_layers=4,
        width=30,
        n_samples=60,
        shown_layers=(1, 4),
        default=("tanh", 0.25),
        alt="x",
    )
    data = json.loads(_parse(fig.to_html()).data)
    assert fig.n_frames == 4
    # small weights: the spread shrinks with depth (about 0.25 per layer)
    spreads = [
        float(t)
        for t in re.findall(r"(\d+(?:\.\d+)?(?:e-?\d+)?) in layer", data["alts"][0])
    ]
    assert spreads[1] < 0.1 * spreads[0]
    with pytest.raises(
        ValueError, match="shown_layers must lie between 1 and n_layers=4"
    ):
        ni.initialisation_explorer(n_layers=4, width=5, shown_layers=(5,), alt="x")
