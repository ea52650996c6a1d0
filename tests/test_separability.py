"""Tests for neurons.separability: exact separability and the counts it gives."""

from __future__ import annotations

import functools
import itertools

import numpy as np
import pytest
from sklearn.preprocessing import PolynomialFeatures

import neurons
from neurons import TLU, McCullochPittsNeuron, Perceptron
from neurons.datasets import logic_gate
from neurons.separability import (
    add_pairwise_products,
    boolean_inputs,
    is_linearly_separable,
    mcculloch_pitts_functions,
    separable_dichotomy_count,
    separating_hyperplane,
    threshold_functions,
)


def _as_set(tables):
    return {tuple(row) for row in np.asarray(tables).tolist()}


@functools.cache
def _threshold_set(n_inputs):
    """The set of threshold_functions(n_inputs), computed once per session."""
    return _as_set(threshold_functions(n_inputs))


def _integer_weight_tables(n_inputs, max_weight, max_bias):
    """Truth tables of every TLU with small integer weights and bias.

    Each one is a threshold function by construction: an independent lower
    bound on the set, with no linear programming.
    """
    X = boolean_inputs(n_inputs)
    W = np.array(
        list(itertools.product(range(-max_weight, max_weight + 1), repeat=n_inputs))
    )
    biases = np.arange(-max_bias, max_bias + 1)
    z = (X @ W.T)[:, :, np.newaxis] + biases  # (rows, weight vectors, biases)
    return _as_set((z >= 0).reshape(len(X), -1).T.astype(np.int64))


# --- threshold functions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("n_inputs", "count"), [(0, 2), (1, 4), (2, 14), (3, 104), (4, 1882)]
)
def test_counts_are_oeis_a000609(n_inputs, count):
    # OEIS A000609: 2, 4, 14, 104, 1882, ... threshold functions of n inputs.
    tables = threshold_functions(n_inputs)
    assert tables.shape == (count, 2**n_inputs)
    assert len(_as_set(tables)) == count  # no duplicates


def test_two_inputs_miss_exactly_xor_and_xnor():
    everything = _as_set(itertools.product([0, 1], repeat=4))
    missing = everything - _as_set(threshold_functions(2))
    assert missing == {(0, 1, 1, 0), (1, 0, 0, 1)}


@pytest.mark.parametrize(
    ("n_inputs", "max_weight", "max_bias"), [(2, 1, 2), (3, 2, 4), (4, 3, 8)]
)
def test_equal_to_tlus_with_small_integer_weights(n_inputs, max_weight, max_bias):
    # Every threshold function of up to 4 inputs has integer weights of size
    # at most 3 (Muroga, 1971): the grid and the linear programs must agree.
    assert _integer_weight_tables(n_inputs, max_weight, max_bias) == _threshold_set(
        n_inputs
    )


@pytest.mark.parametrize("n_inputs", [2, 3])
def test_shortcuts_change_nothing(n_inputs):
    # One linear program per function, without the unate and flip shortcuts.
    X = boolean_inputs(n_inputs)
    brute = {
        table
        for table in itertools.product([0, 1], repeat=2**n_inputs)
        if is_linearly_separable(X, table)
    }
    assert brute == _threshold_set(n_inputs)


def test_rows_are_ordered_by_their_number():
    tables = threshold_functions(2)
    numbers = tables @ (1 << np.arange(4))
    assert numbers.tolist() == sorted(numbers.tolist())
    assert numbers[0] == 0  # constant 0
    assert numbers[-1] == 15  # constant 1


def test_boolean_inputs_match_the_logic_gates():
    X, _ = logic_gate("and")
    assert boolean_inputs(2).tolist() == X.tolist()
    assert boolean_inputs(3)[5].tolist() == [1, 0, 1]
    assert boolean_inputs(0).shape == (1, 0)


# --- McCulloch-Pitts units ---------------------------------------------------------


def test_mcculloch_pitts_computes_9_of_16_two_input_functions():
    tables = mcculloch_pitts_functions(2)
    assert len(tables) == 9
    # By hand, with the neuron of the book (excitatory inputs count; any
    # active inhibitory input silences). Rows: 00, 01, 10, 11.
    by_hand = {
        (1, 1, 1, 1): McCullochPittsNeuron(0),  # always
        (0, 1, 1, 1): McCullochPittsNeuron(1),  # OR
        (0, 0, 0, 1): McCullochPittsNeuron(2),  # AND
        (0, 0, 0, 0): McCullochPittsNeuron(3),  # never
        (1, 1, 0, 0): McCullochPittsNeuron(0, [0]),  # NOT x1
        (0, 1, 0, 0): McCullochPittsNeuron(1, [0]),  # x2 AND NOT x1
        (1, 0, 1, 0): McCullochPittsNeuron(0, [1]),  # NOT x2
        (0, 0, 1, 0): McCullochPittsNeuron(1, [1]),  # x1 AND NOT x2
        (1, 0, 0, 0): McCullochPittsNeuron(0, [0, 1]),  # NOR
    }
    X = boolean_inputs(2)
    for table, neuron in by_hand.items():
        assert tuple(neuron.predict(X).tolist()) == table
    assert _as_set(tables) == set(by_hand)
    # Out of reach although a TLU computes them: the unit cannot ignore an
    # input, and inhibition cannot be outvoted.
    assert _as_set(threshold_functions(2)) - set(by_hand) == {
        (0, 0, 1, 1),  # x1
        (0, 1, 0, 1),  # x2
        (1, 1, 1, 0),  # NAND
        (1, 0, 1, 1),  # x1 OR NOT x2
        (1, 1, 0, 1),  # NOT x1 OR x2
    }


@pytest.mark.parametrize("n_inputs", [1, 2, 3, 4])
def test_mcculloch_pitts_functions_are_threshold_functions(n_inputs):
    mcculloch_pitts = _as_set(mcculloch_pitts_functions(n_inputs))
    threshold = _threshold_set(n_inputs)
    assert mcculloch_pitts <= threshold
    # One input: all four functions (0, 1, x, NOT x); from two on, fewer.
    assert (mcculloch_pitts == threshold) == (n_inputs == 1)


# --- separating hyperplanes and Cover's count ---------------------------------------


@pytest.mark.parametrize("gate", ["and", "or", "nand", "nor"])
def test_separating_hyperplane_reproduces_the_gate(gate):
    X, y = logic_gate(gate)
    w, b = separating_hyperplane(X, y)
    assert TLU(w, b).predict(X).tolist() == y.tolist()


def test_one_class_is_separable_and_string_labels_work():
    X = [[0.0, 1.0], [2.0, 3.0]]
    assert is_linearly_separable(X, ["a", "a"])
    assert is_linearly_separable(X, ["b", "a"])
    assert not is_linearly_separable([[0.0], [1.0], [2.0]], ["x", "y", "x"])


@pytest.mark.parametrize(("n_points", "n_inputs"), [(5, 1), (6, 2), (7, 2), (6, 3)])
def test_cover_count_by_enumeration(n_points, n_inputs):
    # Random points are in general position with probability 1.
    X = np.random.default_rng(0).normal(size=(n_points, n_inputs))
    separable = sum(
        is_linearly_separable(X, labels)
        for labels in itertools.product([0, 1], repeat=n_points)
    )
    assert separable == separable_dichotomy_count(n_points, n_inputs)


def test_cover_count_values():
    # C(N, d) = 2 * sum_{k<d} binom(N - 1, k), d = n + 1.
    assert separable_dichotomy_count(4, 2) == 2 * (1 + 3 + 3)
    assert separable_dichotomy_count(3, 2) == 2**3  # N <= n + 1: all of them
    assert separable_dichotomy_count(8, 3) == 128 > len(threshold_functions(3))
    for n in range(6):  # at capacity N = 2 (n + 1), exactly half
        assert separable_dichotomy_count(2 * (n + 1), n) == 2 ** (2 * (n + 1)) // 2


# --- XOR becomes separable with the product feature --------------------------------


def test_pairwise_products_match_sklearn():
    X = np.random.default_rng(0).normal(size=(5, 4))
    reference = PolynomialFeatures(
        degree=2, interaction_only=True, include_bias=False
    ).fit_transform(X)
    np.testing.assert_array_equal(add_pairwise_products(X), reference)


def test_xor_with_the_product_is_learned_by_the_perceptron():
    X, y = logic_gate("xor")
    assert not is_linearly_separable(X, y)
    lifted = add_pairwise_products(X)  # columns x1, x2, x1 * x2
    assert is_linearly_separable(lifted, y)
    clf = Perceptron(shuffle=False).fit(lifted, y)  # converges: no warning
    assert clf.errors_[-1] == 0
    assert clf.predict(lifted).tolist() == [0, 1, 1, 0]
    # The hand-made unit of the docstring: x1 + x2 - 2 x1 x2 - 0.5 >= 0.
    assert TLU([1.0, 1.0, -2.0], -0.5).predict(lifted).tolist() == [0, 1, 1, 0]


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "value", "error", "match"),
    [
        (threshold_functions, 5, ValueError, r"n_inputs must be at most 4.*n_inputs=5"),
        (
            threshold_functions,
            -1,
            ValueError,
            r"n_inputs must be an integer >= 0, got -1",
        ),
        (
            threshold_functions,
            2.0,
            TypeError,
            r"n_inputs must be an integer >= 0, got 2\.0",
        ),
        (
            mcculloch_pitts_functions,
            0,
            ValueError,
            r"n_inputs must be a positive integer",
        ),
        (
            mcculloch_pitts_functions,
            9,
            ValueError,
            r"n_inputs must be at most 8, got 9",
        ),
        (boolean_inputs, -2, ValueError, r"n_inputs must be an integer >= 0, got -2"),
    ],
)
def test_bad_n_inputs(function, value, error, match):
    with pytest.raises(error, match=match):
        function(value)


def test_bad_points_and_labels():
    with pytest.raises(ValueError, match=r"at most 2 classes .*got 3: \[0, 1, 2\]"):
        is_linearly_separable([[0.0], [1.0], [2.0]], [0, 1, 2])
    with pytest.raises(ValueError, match=r"y has 2 labels .*X has 3 samples"):
        is_linearly_separable([[0.0], [1.0], [2.0]], [0, 1])
    with pytest.raises(ValueError, match="X must contain only finite values"):
        separating_hyperplane([[0.0], [np.nan]], [0, 1])
    with pytest.raises(ValueError, match="n_points must be a positive integer"):
        separable_dichotomy_count(0, 2)


def test_public_names():
    assert neurons.threshold_functions is threshold_functions
    assert neurons.mcculloch_pitts_functions is mcculloch_pitts_functions
    assert neurons.is_linearly_separable is is_linearly_separable
    assert {"Adaline", "LeakyIntegrateAndFire"} <= set(neurons.__all__)
