"""Tests for neurons.units: McCulloch-Pitts neurons and threshold logic units."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from neurons import TLU, McCullochPittsNeuron
from neurons.datasets import logic_gate

# --- McCulloch-Pitts neurons ------------------------------------------------


@pytest.mark.parametrize(
    ("gate", "neuron"),
    [
        ("and", McCullochPittsNeuron(threshold=2)),
        ("or", McCullochPittsNeuron(threshold=1)),
        # NOR: never excited, silenced by either input.
        ("nor", McCullochPittsNeuron(threshold=0, inhibitory=[0, 1])),
        ("not", McCullochPittsNeuron(threshold=0, inhibitory=[0])),
        ("identity", McCullochPittsNeuron(threshold=1)),
    ],
)
def test_mcculloch_pitts_gates_match_truth_tables(gate, neuron):
    X, y = logic_gate(gate)
    np.testing.assert_array_equal(neuron.predict(X), y)


def test_a_and_not_b():
    X, _ = logic_gate("and")
    a, b = X[:, 0], X[:, 1]
    neuron = McCullochPittsNeuron(threshold=1, inhibitory=(1,))
    np.testing.assert_array_equal(neuron.predict(X), a & (1 - b))


def test_xor_composed_from_three_units():
    # XOR = (A AND NOT B) OR (B AND NOT A): a second layer that a single
    # threshold unit cannot replace.
    X, y = logic_gate("xor")
    a_not_b = McCullochPittsNeuron(threshold=1, inhibitory=[1])
    b_not_a = McCullochPittsNeuron(threshold=1, inhibitory=[0])
    either = McCullochPittsNeuron(threshold=1)
    hidden = np.column_stack([a_not_b.predict(X), b_not_a.predict(X)])
    np.testing.assert_array_equal(either.predict(hidden), y)


def test_three_input_majority_and_dtype():
    X, _ = logic_gate("and", n_inputs=3)
    output = McCullochPittsNeuron(threshold=2).predict(X)
    assert output.dtype == np.int64
    np.testing.assert_array_equal(output, (X.sum(axis=1) >= 2).astype(int))


def test_inhibition_is_absolute():
    # Two excitatory inputs on cannot outvote one active inhibitory input.
    neuron = McCullochPittsNeuron(threshold=1, inhibitory=[2])
    assert neuron.predict([[1, 1, 1], [1, 1, 0]]).tolist() == [0, 1]


def test_boolean_input_and_whole_float_threshold_accepted():
    neuron = McCullochPittsNeuron(threshold=2.0)
    assert neuron.threshold == 2
    assert isinstance(neuron.threshold, int)
    assert neuron.predict(np.array([[True, True], [True, False]])).tolist() == [1, 0]


def test_mcculloch_pitts_repr_and_read_only():
    assert repr(McCullochPittsNeuron(2)) == "McCullochPittsNeuron(threshold=2)"
    neuron = McCullochPittsNeuron(1, inhibitory=np.array([0, 2]))
    assert repr(neuron) == "McCullochPittsNeuron(threshold=1, inhibitory=(0, 2))"
    assert neuron.inhibitory == (0, 2)
    with pytest.raises(AttributeError):
        neuron.threshold = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("threshold", "error", "match"),
    [
        (-1, ValueError, r"threshold must be a whole number >= 0, got -1"),
        (1.5, ValueError, r"threshold must be a whole number >= 0, got 1\.5"),
        (float("nan"), ValueError, r"threshold must be a whole number"),
        (
            "2",
            TypeError,
            r"threshold must be a whole number >= 0, got '2' \(type str\)",
        ),
        (True, TypeError, r"threshold must be a whole number"),
        (None, TypeError, r"threshold must be a whole number"),
    ],
)
def test_bad_threshold(threshold, error, match):
    with pytest.raises(error, match=match):
        McCullochPittsNeuron(threshold)


@pytest.mark.parametrize(
    ("inhibitory", "error", "match"),
    [
        ([0, 0], ValueError, r"inhibitory must not repeat an index, got \[0, 0\]"),
        ([-1], ValueError, r"inhibitory must hold non-negative indices, got -1"),
        ([0.5], TypeError, r"inhibitory must hold integer indices, got 0\.5"),
        ([True], TypeError, r"inhibitory must hold integer indices"),
        (1, TypeError, r"inhibitory must be a sequence of input indices, got 1"),
        ("0", TypeError, r"inhibitory must be a sequence of input indices"),
    ],
)
def test_bad_inhibitory(inhibitory, error, match):
    with pytest.raises(error, match=match):
        McCullochPittsNeuron(1, inhibitory=inhibitory)


@settings(max_examples=50, deadline=None)
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 10)))
def test_threshold_is_any_whole_number_at_least_zero(threshold):
    whole = isinstance(threshold, int) or (
        np.isfinite(threshold) and float(threshold).is_integer()
    )
    if whole and threshold >= 0:
        assert McCullochPittsNeuron(threshold).threshold == threshold
    else:
        with pytest.raises(ValueError, match=r"threshold must be a whole number >= 0"):
            McCullochPittsNeuron(threshold)


def test_inhibitory_indices_in_any_sequence():
    assert McCullochPittsNeuron(1, inhibitory=np.array([2, 0])).inhibitory == (2, 0)
    assert McCullochPittsNeuron(1, inhibitory=range(2)).inhibitory == (0, 1)


def test_inhibitory_index_out_of_range_names_index_and_shape():
    neuron = McCullochPittsNeuron(1, inhibitory=[0, 3])
    with pytest.raises(
        ValueError,
        match=r"inhibitory index\(es\) \[3\] out of range for X of shape \(4, 2\): "
        r"X has 2 input\(s\), so valid indices are 0 to 1",
    ):
        neuron.predict(logic_gate("and")[0])


@pytest.mark.parametrize(
    ("X", "error", "match"),
    [
        (
            [[0, 2]],
            ValueError,
            r"X must be binary \(only 0 and 1\), got the value\(s\) \[2\.0\]",
        ),
        ([[0.5, 1]], ValueError, r"X must be binary"),
        ([[np.nan, 1]], ValueError, r"X must contain only finite values"),
        ([0, 1], ValueError, r"X must be a 2-D array .* got 1-D shape \(2,\)"),
        (np.zeros((0, 2)), ValueError, r"X must not be empty, got shape \(0, 2\)"),
        ([["a", "b"]], TypeError, r"X must hold numbers"),
    ],
)
def test_mcculloch_pitts_bad_input(X, error, match):
    with pytest.raises(error, match=match):
        McCullochPittsNeuron(1).predict(X)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_mcculloch_pitts_matches_definition(data):
    n_inputs = data.draw(st.integers(1, 5), label="n_inputs")
    X = data.draw(
        hnp.arrays(
            np.int64,
            (data.draw(st.integers(1, 8)), n_inputs),
            elements=st.integers(0, 1),
        ),
        label="X",
    )
    inhibitory = data.draw(
        st.lists(st.integers(0, n_inputs - 1), unique=True), label="I"
    )
    threshold = data.draw(st.integers(0, n_inputs + 1), label="threshold")
    output = McCullochPittsNeuron(threshold, inhibitory).predict(X)
    # The definition, row by row, in plain Python.
    expected = [
        int(
            not any(row[j] for j in inhibitory)
            and sum(row[j] for j in range(n_inputs) if j not in inhibitory) >= threshold
        )
        for row in X.tolist()
    ]
    assert output.tolist() == expected


# --- threshold logic units --------------------------------------------------


@pytest.mark.parametrize(
    ("gate", "weights", "bias"),
    [
        ("and", [1.0, 1.0], -1.5),
        ("or", [1.0, 1.0], -0.5),
        ("nand", [-1.0, -1.0], 1.5),
        ("nor", [-1.0, -1.0], 0.5),
        ("not", [-1.0], 0.5),
        ("identity", [1.0], -0.5),
    ],
)
def test_tlu_logic_gates(gate, weights, bias):
    X, y = logic_gate(gate)
    np.testing.assert_array_equal(TLU(weights, bias).predict(X), y)
    np.testing.assert_array_equal(TLU(weights, bias, "sign").predict(X), 2 * y - 1)


def test_tlu_net_input_is_affine():
    unit = TLU([2.0, -1.0, 0.5], bias=0.25)
    X = np.array([[1.0, 2.0, 4.0], [0.0, 0.0, 0.0]])
    # z = 2*1 - 1*2 + 0.5*4 + 0.25 = 2.25; the origin gives the bias.
    np.testing.assert_allclose(unit.net_input(X), [2.25, 0.25])


def test_tlu_geometry_boundary_sides_and_distance():
    # The line 3 x1 + 4 x2 - 5 = 0, with |w| = 5 and unit normal (0.6, 0.8).
    unit = TLU([3.0, 4.0], bias=-5.0)
    on_boundary = np.array([[1.0, 0.5], [-1.0, 2.0], [3.0, -1.0]])
    np.testing.assert_array_equal(unit.net_input(on_boundary), 0.0)
    # z = 0 gives the upper value of either step.
    assert unit.predict(on_boundary).tolist() == [1, 1, 1]
    assert TLU([3.0, 4.0], -5.0, "sign").predict(on_boundary).tolist() == [1, 1, 1]
    normal = np.array([0.6, 0.8])
    for d in (-2.0, -0.1, 0.1, 2.0):
        moved = on_boundary + d * normal
        np.testing.assert_allclose(unit.signed_distance(moved), d)
        assert set(unit.predict(moved).tolist()) == {int(d > 0)}
    # The origin is |b| / |w| = 1 away, on the lower side.
    assert unit.signed_distance([[0.0, 0.0]]).tolist() == [-1.0]


def test_tlu_zero_weights_has_no_boundary():
    unit = TLU([0.0, 0.0], bias=1.0)
    assert unit.predict([[5.0, -5.0]]).tolist() == [1]
    with pytest.raises(
        ValueError, match=r"signed_distance needs a non-zero weight vector"
    ):
        unit.signed_distance([[0.0, 0.0]])


def test_tlu_repr_properties_and_read_only_weights():
    weights = np.array([1.0, 2.0])
    unit = TLU(weights, bias=3, activation="sign")
    assert repr(unit) == "TLU(weights=[1.0, 2.0], bias=3.0, activation='sign')"
    assert unit.bias == 3.0
    assert unit.activation == "sign"
    weights[0] = 99.0  # the unit keeps its own copy
    assert unit.weights.tolist() == [1.0, 2.0]
    with pytest.raises(ValueError, match="read-only"):
        unit.weights[0] = 5.0


@settings(max_examples=60, deadline=None)
@given(
    weights=hnp.arrays(
        np.float64,
        st.integers(1, 4),
        elements=st.floats(-10, 10, allow_subnormal=False),
    ),
    bias=st.floats(-10, 10),
    data=st.data(),
)
def test_heaviside_output_is_half_sign_plus_one(weights, bias, data):
    X = data.draw(
        hnp.arrays(
            np.float64,
            (data.draw(st.integers(1, 6)), weights.shape[0]),
            elements=st.floats(-10, 10),
        )
    )
    heaviside_out = TLU(weights, bias, "heaviside").predict(X)
    sign_out = TLU(weights, bias, "sign").predict(X)
    np.testing.assert_array_equal(heaviside_out, (sign_out + 1) // 2)
    # sign never outputs 0 (z = 0 gives +1), so heaviside is 0 or 1.
    assert set(sign_out.tolist()) <= {-1, 1}


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"weights": [[1.0, 2.0]]},
            ValueError,
            r"weights must be a 1-D array of shape \(n_features,\), got 2-D shape \(1, 2\)",
        ),
        ({"weights": []}, ValueError, r"weights must not be empty"),
        (
            {"weights": [1.0, np.inf]},
            ValueError,
            r"weights must contain only finite values",
        ),
        ({"weights": ["a"]}, TypeError, r"weights must hold numbers"),
        ({"weights": "12"}, TypeError, r"weights must be a numeric array"),
        ({"weights": 1.0}, ValueError, r"weights must be a 1-D array .* got 0-D"),
        (
            {"weights": [1.0], "bias": np.nan},
            ValueError,
            r"bias must be a finite number, got nan",
        ),
        (
            {"weights": [1.0], "bias": "0"},
            TypeError,
            r"bias must be a finite number, got '0'",
        ),
        (
            {"weights": [1.0], "activation": "relu"},
            ValueError,
            r"Unknown activation 'relu'\. Valid names are: 'heaviside', 'sign'",
        ),
        (
            {"weights": [1.0], "activation": None},
            TypeError,
            r"activation must be one of",
        ),
    ],
)
def test_tlu_bad_parameters(kwargs, error, match):
    with pytest.raises(error, match=match):
        TLU(**kwargs)


@pytest.mark.parametrize(
    ("X", "error", "match"),
    [
        (
            np.ones((4, 3)),
            ValueError,
            (
                r"X has 3 features \(shape \(4, 3\)\), but this TLU, with weights of shape "
                r"\(2,\), expects 2"
            ),
        ),
        ([1.0, 2.0], ValueError, r"X must be a 2-D array"),
        ([[1.0, np.nan]], ValueError, r"X must contain only finite values"),
        (np.zeros((0, 2)), ValueError, r"X must not be empty"),
        ([["a", "b"]], TypeError, r"X must hold numbers"),
    ],
)
@pytest.mark.parametrize("method", ["net_input", "predict", "signed_distance"])
def test_tlu_bad_input(method, X, error, match):
    with pytest.raises(error, match=match):
        getattr(TLU([1.0, 1.0]), method)(X)
