"""Tests for neurons.gradcheck: finite differences and the check report."""

from __future__ import annotations

import numpy as np
import pytest

from neurons import MLP, gradient_check, numerical_gradients
from neurons.gradcheck import (
    DEFAULT_TOLERANCE,
    GradientCheck,
    GradientComparison,
    check_gradient,
    numerical_gradient,
)


@pytest.fixture
def network_and_data(make_softmax_net, make_data):
    """The (3, 4, 2) softmax classifier and five one-hot samples."""
    X, Y = make_data("categorical_crossentropy", n=5, seed=0)
    return make_softmax_net(), X, Y


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


# --- check_gradient: any function of an array -----------------------------------


def _logistic_cost(w, X, y):
    # Binary cross-entropy of one sigmoid neuron, bias as the last entry of w.
    z = X @ w[:-1] + w[-1]
    y_hat = 1.0 / (1.0 + np.exp(-z))
    return float(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))


def _logistic_gradient(w, X, y):
    # The textbook result: dC/dz = (y_hat - y) / m, an independent formula.
    z = X @ w[:-1] + w[-1]
    error = (1.0 / (1.0 + np.exp(-z)) - y) / len(y)
    return np.append(X.T @ error, error.sum())


def test_numerical_gradient_of_a_quadratic_form_is_exact():
    # f(x) = x^T A x has gradient (A + A^T) x; central differences are exact
    # for a quadratic up to rounding.
    rng = np.random.default_rng(1)
    A = rng.normal(size=(3, 3))
    x = rng.normal(size=3)
    estimate = numerical_gradient(lambda v: v @ A @ v, x, epsilon=1e-3)
    np.testing.assert_allclose(estimate, (A + A.T) @ x, rtol=1e-9, atol=1e-12)


def test_numerical_gradient_keeps_the_shape_and_leaves_x_alone():
    x = np.arange(6.0).reshape(2, 3) / 10
    before = x.copy()
    estimate = numerical_gradient(lambda W: float(np.sum(np.sin(W))), x)
    assert estimate.shape == (2, 3)
    np.testing.assert_allclose(estimate, np.cos(before), rtol=1e-8)
    np.testing.assert_array_equal(x, before)


def test_check_gradient_passes_for_the_logistic_regression_gradient():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(20, 2))
    y = (rng.random(20) < 0.5).astype(float)
    w = rng.normal(size=3)
    result = check_gradient(
        lambda v: _logistic_cost(v, X, y), lambda v: _logistic_gradient(v, X, y), w
    )
    assert isinstance(result, GradientComparison)
    assert result.passed
    assert result.relative_error < 1e-8
    assert str(result).startswith("gradient check passed: relative error")


def test_check_gradient_fails_for_a_wrong_gradient():
    # A planted bug: the bias gradient sums instead of averaging (m = 20 times
    # too large); the check must catch it.
    rng = np.random.default_rng(3)
    X = rng.normal(size=(20, 2))
    y = (rng.random(20) < 0.5).astype(float)
    w = rng.normal(size=3)

    def wrong_gradient(v):
        g = _logistic_gradient(v, X, y)
        g[-1] *= len(y)
        return g

    result = check_gradient(lambda v: _logistic_cost(v, X, y), wrong_gradient, w)
    assert not result.passed
    assert result.relative_error > 0.1
    assert str(result).startswith("gradient check FAILED")


def test_check_gradient_agrees_with_gradient_check_on_an_mlp(network_and_data):
    # The generic checker on the MLP's first weight matrix gives the same
    # verdict as the layer-wise one.
    net, X, Y = network_and_data
    W = net.weights[0]

    def cost(V):
        original = W.copy()
        W[...] = V
        try:
            return net.cost(X, Y)
        finally:
            W[...] = original

    def grad(V):
        original = W.copy()
        W[...] = V
        try:
            return net.gradients(X, Y)[0][0]
        finally:
            W[...] = original

    assert check_gradient(cost, grad, W.copy()).passed
    assert gradient_check(net, X, Y).passed


def test_two_zero_gradients_agree():
    result = check_gradient(lambda v: 1.0, np.zeros_like, [0.5, 0.5])
    assert result.relative_error == 0.0
    assert result.passed


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"f": 3.0}, TypeError, "f must be callable"),
        ({"grad": "2w"}, TypeError, "grad must be callable"),
        ({"x": []}, ValueError, "x must hold at least one number"),
        ({"x": [1.0, np.nan]}, ValueError, "x must hold finite numbers"),
        ({"x": ["a", "b"]}, TypeError, "x must be a numeric"),
        ({"epsilon": 0.0}, ValueError, "epsilon"),
        ({"tolerance": -1.0}, ValueError, "tolerance"),
        ({"f": lambda v: v}, ValueError, "f must return a single real number"),
        ({"f": lambda v: np.inf}, ValueError, "f must return a finite number"),
        (
            {"grad": lambda v: v[:1]},
            ValueError,
            r"shape of x, \(2,\); got shape \(1,\)",
        ),
        ({"grad": lambda v: v * np.nan}, ValueError, "grad returned NaN"),
    ],
)
def test_check_gradient_names_the_bad_parameter(kwargs, error, match):
    arguments = {
        "f": lambda v: float(v @ v),
        "grad": lambda v: 2 * v,
        "x": [1.0, 2.0],
    } | kwargs
    with pytest.raises(error, match=match):
        check_gradient(
            arguments.pop("f"), arguments.pop("grad"), arguments.pop("x"), **arguments
        )


def test_gradient_check_refuses_a_float32_network(network_and_data, make_softmax_net):
    # A network that computes in float32 cannot be checked with epsilon=1e-6.
    _, X, Y = network_and_data
    net = make_softmax_net(dtype="float32")
    with pytest.raises(ValueError, match=r"float64.*dtype=float32"):
        gradient_check(net, X, Y)
