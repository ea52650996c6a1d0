"""Tests for neurons.datasets: truth tables and seeded toy problems."""

from __future__ import annotations

import itertools
import operator
from functools import reduce

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neurons import Perceptron
from neurons._validation import check_random_state
from neurons.datasets import (
    LOGIC_GATES,
    logic_gate,
    make_separable,
    make_wave,
    make_xor,
)

# Independent definitions of each gate on a tuple of bits.
GATE_DEFINITIONS = {
    "and": all,
    "or": any,
    "nand": lambda bits: not all(bits),
    "nor": lambda bits: not any(bits),
    "xor": lambda bits: reduce(operator.xor, bits),
    "xnor": lambda bits: not reduce(operator.xor, bits),
    "not": lambda bits: not bits[0],
    "identity": lambda bits: bits[0],
}


@pytest.mark.parametrize("name", LOGIC_GATES)
def test_logic_gate_truth_tables(name):
    n_inputs = 1 if name in ("not", "identity") else 2
    X, y = logic_gate(name)
    assert X.dtype == y.dtype == np.int64
    # itertools.product counts in the usual truth-table order: 00, 01, 10, 11.
    rows = list(itertools.product([0, 1], repeat=n_inputs))
    assert X.tolist() == [list(row) for row in rows]
    assert y.tolist() == [int(GATE_DEFINITIONS[name](row)) for row in rows]


@pytest.mark.parametrize("name", ["and", "or", "nand", "nor", "xor", "xnor"])
@pytest.mark.parametrize("n_inputs", [1, 3, 4])
def test_logic_gate_many_inputs(name, n_inputs):
    X, y = logic_gate(name, n_inputs=n_inputs)
    rows = list(itertools.product([0, 1], repeat=n_inputs))
    assert X.shape == (2**n_inputs, n_inputs)
    assert X.tolist() == [list(row) for row in rows]
    assert y.tolist() == [int(GATE_DEFINITIONS[name](row)) for row in rows]


def test_two_input_gates_order():
    assert logic_gate("and")[1].tolist() == [0, 0, 0, 1]
    assert logic_gate("or")[1].tolist() == [0, 1, 1, 1]
    assert logic_gate("xor")[1].tolist() == [0, 1, 1, 0]
    assert logic_gate("not", n_inputs=1)[1].tolist() == [1, 0]


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (
            ("nope",),
            ValueError,
            (
                r"Unknown gate name 'nope'\. Valid names are: 'and', 'or', 'nand', 'nor', 'xor', "
                r"'xnor', 'not', 'identity'"
            ),
        ),
        ((3,), TypeError, r"gate name must be one of"),
        (("AND",), ValueError, r"Unknown gate name 'AND'"),
        (
            ("and", 0),
            ValueError,
            r"n_inputs must be a positive integer \(>= 1\), got 0",
        ),
        (("and", 17), ValueError, r"n_inputs must be at most 16, got 17"),
        (
            ("and", 2.0),
            TypeError,
            r"n_inputs must be a positive integer \(>= 1\), got 2\.0",
        ),
        (("not", 2), ValueError, r"the 'not' gate has exactly 1 input, got n_inputs=2"),
        (("identity", 3), ValueError, r"the 'identity' gate has exactly 1 input"),
    ],
)
def test_logic_gate_errors(args, error, match):
    with pytest.raises(error, match=match):
        logic_gate(*args)


# --- make_separable ---------------------------------------------------------


def _signed_distance_to_true_line(X, y):
    # The documented separator: w* = (1, 1) / sqrt(2), b* = 0, class 1 above.
    distance = (X[:, 0] + X[:, 1]) / np.sqrt(2.0)
    return np.where(y == 1, distance, -distance)


def test_make_separable_shape_labels_and_margin():
    X, y = make_separable(101, margin=0.7, random_state=0)
    assert X.shape == (101, 2)
    assert X.dtype == np.float64
    assert y.dtype == np.int64
    assert np.bincount(y).tolist() == [50, 51]
    margins = _signed_distance_to_true_line(X, y)
    assert margins.min() == pytest.approx(0.7, abs=1e-12)
    for label in (0, 1):
        assert margins[y == label].min() == pytest.approx(0.7, abs=1e-12)
    # Shuffled: the classes are not in two blocks.
    assert 0 < np.argmax(y) < 50


def test_make_separable_is_reproducible():
    first = make_separable(20, random_state=5)
    second = make_separable(20, random_state=np.random.default_rng(5))
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])
    assert not np.array_equal(first[0], make_separable(20, random_state=6)[0])


@settings(max_examples=30, deadline=None)
@given(
    n_samples=st.integers(2, 60),
    margin=st.floats(0.01, 3.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_make_separable_margin_property(n_samples, margin, seed):
    X, y = make_separable(n_samples, margin=margin, random_state=seed)
    margins = _signed_distance_to_true_line(X, y)
    assert np.all(margins >= margin - 1e-9)
    assert margins.min() == pytest.approx(margin, abs=1e-9)
    assert set(y.tolist()) == {0, 1}


def test_perceptron_converges_on_make_separable():
    X, y = make_separable(200, margin=0.2, random_state=1)
    assert Perceptron(random_state=0).fit(X, y).score(X, y) == 1.0


# --- make_xor ---------------------------------------------------------------


def test_make_xor_clouds_and_labels():
    X, y = make_xor(203, noise=0.1, random_state=0)
    assert X.shape == (203, 2)
    assert y.dtype == np.int64
    assert abs(int(np.sum(y == 1)) - int(np.sum(y == 0))) <= 1
    # Each point lies near the corner whose XOR label it carries.
    nearest_corner = np.rint(np.clip(X, 0, 1)).astype(int)
    agree = (nearest_corner[:, 0] ^ nearest_corner[:, 1]) == y
    assert agree.mean() > 0.95


def test_make_xor_without_noise_is_the_truth_table():
    X, y = make_xor(4, noise=0.0, random_state=3)
    gate_X, gate_y = logic_gate("xor")
    order = np.lexsort((X[:, 1], X[:, 0]))
    assert X[order].tolist() == gate_X.tolist()
    assert y[order].tolist() == gate_y.tolist()


def test_make_xor_is_reproducible():
    np.testing.assert_array_equal(
        make_xor(12, random_state=1)[0], make_xor(12, random_state=1)[0]
    )


# --- make_wave --------------------------------------------------------------


def test_make_wave_shapes_order_and_curve():
    X, y = make_wave(50, noise=0.0, random_state=0)
    assert X.shape == (50, 1)
    assert y.shape == (50,)
    assert np.all(np.diff(X[:, 0]) >= 0)
    assert np.all((X >= -2.0) & (X <= 2.0))
    np.testing.assert_allclose(y, np.sin(np.pi * X[:, 0]))


def test_make_wave_noise_and_reproducibility():
    X, y = make_wave(400, noise=0.2, random_state=4)
    residual = y - np.sin(np.pi * X[:, 0])
    assert residual.std() == pytest.approx(0.2, rel=0.15)
    np.testing.assert_array_equal(y, make_wave(400, noise=0.2, random_state=4)[1])


# --- errors shared by the generators ----------------------------------------


@pytest.mark.parametrize(
    ("function", "kwargs", "error", "match"),
    [
        (
            make_separable,
            {"n_samples": 1},
            ValueError,
            r"n_samples must be an integer >= 2, got 1",
        ),
        (
            make_separable,
            {"n_samples": 10.0},
            TypeError,
            r"n_samples must be an integer >= 2",
        ),
        (
            make_separable,
            {"margin": 0.0},
            ValueError,
            r"margin must be a positive finite number, got 0\.0",
        ),
        (
            make_separable,
            {"margin": np.nan},
            ValueError,
            r"margin must be a positive finite number",
        ),
        (
            make_xor,
            {"n_samples": 3},
            ValueError,
            r"n_samples must be an integer >= 4, got 3",
        ),
        (
            make_xor,
            {"noise": -0.1},
            ValueError,
            r"noise must be a finite number >= 0, got -0\.1",
        ),
        (make_xor, {"noise": "a"}, TypeError, r"noise must be a finite number >= 0"),
        (
            make_wave,
            {"n_samples": 0},
            ValueError,
            r"n_samples must be a positive integer \(>= 1\), got 0",
        ),
        (
            make_wave,
            {"noise": np.inf},
            ValueError,
            r"noise must be a finite number >= 0, got inf",
        ),
    ],
)
def test_generator_errors(function, kwargs, error, match):
    with pytest.raises(error, match=match):
        function(**kwargs)


@pytest.mark.parametrize(
    ("function", "random_state"), [(make_separable, "x"), (make_wave, 1.5)]
)
def test_generators_pass_on_check_random_states_error(
    function, random_state, assert_same_error
):
    assert_same_error(
        TypeError,
        lambda: function(random_state=random_state),
        lambda: check_random_state(random_state),
    )
