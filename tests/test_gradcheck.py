"""Tests for neurons.gradcheck: finite differences and the check report."""

from __future__ import annotations

import numpy as np
import pytest

from neurons import MLP, gradient_check, numerical_gradients
from neurons.gradcheck import DEFAULT_TOLERANCE, GradientCheck


@pytest.fixture
def network_and_data():
    net = MLP(
        (3, 4, 2),
        activation="tanh",
        output_activation="softmax",
        loss="categorical_crossentropy",
        random_state=0,
    )
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5, 3))
    Y = np.eye(2)[rng.integers(0, 2, size=5)]
    return net, X, Y


def test_numerical_gradients_have_the_structure_of_gradients(network_and_data):
    net, X, Y = network_and_data
    dW, db = numerical_gradients(net, X, Y)
    assert [g.shape for g in dW] == [W.shape for W in net.weights]
    assert [g.shape for g in db] == [b.shape for b in net.biases]


def test_numerical_gradients_restore_the_network_exactly(network_and_data):
    net, X, Y = network_and_data
    before = [p.copy() for p in net.weights + net.biases]
    numerical_gradients(net, X, Y, epsilon=1e-3)
    for original, now in zip(before, net.weights + net.biases, strict=True):
        np.testing.assert_array_equal(original, now)


def test_numerical_gradients_of_a_quadratic():
    # C = (w x + b - y)^2 at w = 2, b = 0, x = 1, y = 3: dC/dw = dC/db = -2.
    # Central differences are exact for a quadratic (up to rounding).
    net = MLP((1, 1), activation="identity")
    net.weights, net.biases = [[[2.0]]], [[0.0]]
    dW, db = numerical_gradients(net, [[1.0]], [3.0], epsilon=1e-3)
    assert dW[0].item() == pytest.approx(-2.0, abs=1e-9)
    assert db[0].item() == pytest.approx(-2.0, abs=1e-9)


def test_gradient_check_passes_for_backprop(network_and_data):
    check = gradient_check(*network_and_data)
    assert check.passed
    assert check.max_relative_error < 1e-8
    assert len(check.weight_errors) == len(check.bias_errors) == 2
    assert str(check).startswith("gradient check passed: max relative error")


def test_gradient_check_catches_a_wrong_gradient(network_and_data, monkeypatch):
    net, X, Y = network_and_data
    right = net.gradients

    def off_by_a_factor(X, y):
        dW, db = right(X, y)
        return [2 * g for g in dW], db

    monkeypatch.setattr(net, "gradients", off_by_a_factor)
    check = gradient_check(net, X, Y)
    assert not check.passed
    # |2g - g| / (|2g| + |g|) = 1/3
    assert check.weight_errors == pytest.approx((1 / 3, 1 / 3))
    assert "FAILED" in str(check)


def test_relative_error_formula():
    # |a - b| / max(|a| + |b|, tiny), per layer, with Euclidean norms.
    check = GradientCheck(weight_errors=(0.1 / 2.1,), bias_errors=(0.0,))
    assert check.max_relative_error == pytest.approx(0.1 / 2.1)
    assert check.tolerance == DEFAULT_TOLERANCE == 1e-6
    assert not check.passed
    # Two zero gradients (behind a step activation) agree exactly.
    net = MLP(
        (2, 3, 1),
        activation="heaviside",
        output_activation="sigmoid",
        loss="binary_crossentropy",
        random_state=0,
    )
    check = gradient_check(net, [[0.3, -0.2], [1.0, 0.5]], [1, 0])
    assert check.weight_errors[0] == 0.0
    assert check.passed


def test_str_lists_every_layer():
    text = str(GradientCheck((1e-9, 2e-9), (3e-9, 4e-9), tolerance=1e-6))
    assert text.splitlines() == [
        "gradient check passed: max relative error 4.0e-09 (tolerance 1.0e-06)",
        "  layer 1: W 1.0e-09, b 3.0e-09",
        "  layer 2: W 2.0e-09, b 4.0e-09",
    ]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"epsilon": 0.0}, "epsilon must be a positive finite number, got 0.0"),
        ({"epsilon": np.nan}, "epsilon must be a positive finite number"),
        ({"tolerance": -1.0}, "tolerance must be a positive finite number, got -1.0"),
    ],
)
def test_invalid_arguments(network_and_data, kwargs, match):
    with pytest.raises(ValueError, match=match):
        gradient_check(*network_and_data, **kwargs)


def test_data_must_fit_the_network(network_and_data):
    net, X, _ = network_and_data
    with pytest.raises(
        ValueError, match=r"y has shape \(5, 3\), but the network has 2 output"
    ):
        numerical_gradients(net, X, np.zeros((5, 3)))


@pytest.mark.parametrize("bias", [-30.0, 30.0])
def test_finite_differences_see_the_logits_cost(bias):
    # A sigmoid unit with binary cross-entropy at z = bias, target 1. The cost
    # is -log sigmoid(z), computed from z, so its slope in b is sigmoid(z) - 1:
    # about -1 when confidently wrong. Through a clipped probability both the
    # slope and backpropagation would be 0.
    net = MLP((1, 1), output_activation="sigmoid", loss="binary_crossentropy")
    net.weights, net.biases = [[[1.0]]], [[bias]]
    _, db = numerical_gradients(net, [[0.0]], [1.0])
    expected = 1.0 / (1.0 + np.exp(-bias)) - 1.0
    assert db[0].item() == pytest.approx(expected, rel=1e-6, abs=1e-9)
    # Targets that keep every gradient far above the finite differences'
    # rounding error (about 1e-16 * cost / epsilon).
    check = gradient_check(net, [[0.0], [0.5]], [1.0, 1.0] if bias < 0 else [0, 0])
    assert check.passed
