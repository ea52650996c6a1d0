"""Tests for neurons.losses: Keras's definitions, NumPy formulas, derivatives."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.metrics import log_loss, mean_squared_error

from neurons import losses
from neurons.losses import (
    EPSILON,
    LOSS_DERIVATIVES,
    LOSSES,
    Loss,
    get_loss,
)

KERAS_CLASSES = {
    "mse": "MeanSquaredError",
    "binary_crossentropy": "BinaryCrossentropy",
    "categorical_crossentropy": "CategoricalCrossentropy",
}


def sample(name, *, n=6, k=3, seed=0, extreme=False):
    """Targets and predictions for a loss; ``extreme`` puts some a in the clip zone."""
    rng = np.random.default_rng(seed)
    if name == "mse":
        return rng.normal(size=(n, k)), rng.normal(size=(n, k))
    if name == "binary_crossentropy":
        y = rng.integers(0, 2, size=(n, k)).astype(float)
        a = rng.uniform(0.05, 0.95, size=(n, k))
        if extreme:
            a[0, 0], a[1, 1], a[2, 2] = 1e-9, 1.0 - 1e-9, 0.0
            # In float32, Keras's 1 - 1e-7 rounds to 1 - 1.19e-7, which would
            # make log(1 - a) differ; with y = 1 that term drops out.
            y[1, 1] = 1.0
        return y, a
    y = np.eye(k)[rng.integers(0, k, size=n)]
    a = rng.uniform(0.05, 1.0, size=(n, k))
    if extreme:
        a[0] = [1e-12, 1.0, 1.0]  # renormalised p_0 = 5e-13 is clipped
        a[1] = [1.0, 1e-12, 1e-12]  # p_0 is about 1 - 2e-12, clipped
    # Rows need not sum to 1: the loss renormalises them, as Keras does.
    return y, a


def numerical_gradient(f, a, h=1e-6):
    grad = np.zeros_like(a)
    for index in np.ndindex(a.shape):
        step = np.zeros_like(a)
        step[index] = h
        grad[index] = (f(a + step) - f(a - step)) / (2 * h)
    return grad


@pytest.mark.parametrize("name", list(LOSSES))
@pytest.mark.parametrize("extreme", [False, True])
def test_loss_matches_keras(name, extreme):
    keras = pytest.importorskip("keras")
    y, a = sample(name, extreme=extreme)
    keras_loss = getattr(keras.losses, KERAS_CLASSES[name])()
    expected = float(np.asarray(keras_loss(y, a)))
    # Keras computes in float32.
    np.testing.assert_allclose(LOSSES[name](y, a), expected, rtol=1e-5)


@pytest.mark.parametrize("name", list(LOSSES))
@pytest.mark.parametrize("extreme", [False, True])
def test_derivative_matches_autodiff_of_keras(name, extreme):
    keras = pytest.importorskip("keras")
    jax = pytest.importorskip("jax")
    if keras.backend.backend() != "jax":
        pytest.skip("needs KERAS_BACKEND=jax")
    y, a = sample(name, extreme=extreme)
    keras_loss = getattr(keras.losses, KERAS_CLASSES[name])()
    expected = np.asarray(
        jax.grad(lambda a32: keras_loss(y, a32))(a.astype(np.float32))
    )
    ours = LOSS_DERIVATIVES[name](y, a)
    # Zero exactly where Keras clips, equal elsewhere (to float32 precision).
    np.testing.assert_array_equal(ours == 0, expected == 0)
    np.testing.assert_allclose(ours, expected, rtol=2e-4, atol=1e-6)


def test_losses_match_independent_formulas():
    rng = np.random.default_rng(2)
    # mse: scikit-learn's mean over all entries equals mean over outputs, then samples.
    y, a = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    assert losses.mse(y, a) == pytest.approx(mean_squared_error(y, a), rel=1e-12)
    # binary cross-entropy with one output is scikit-learn's log loss.
    y = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    p = rng.uniform(0.1, 0.9, size=5)
    expected = log_loss(y, p)
    assert losses.binary_crossentropy(y[:, None], p[:, None]) == pytest.approx(
        expected, rel=1e-12
    )
    # categorical cross-entropy of normalised rows is the multi-class log loss.
    labels = np.array([0, 2, 1, 2])
    P = rng.uniform(0.1, 1.0, size=(4, 3))
    P /= P.sum(axis=1, keepdims=True)
    expected = log_loss(labels, P)
    assert losses.categorical_crossentropy(np.eye(3)[labels], P) == pytest.approx(
        expected, rel=1e-12
    )
    # ... and by hand: -mean log p_true.
    assert losses.categorical_crossentropy(np.eye(3)[labels], P) == pytest.approx(
        -np.mean(np.log(P[np.arange(4), labels])), rel=1e-12
    )


def test_categorical_crossentropy_renormalises_rows():
    y = np.array([[0.0, 1.0]])
    assert losses.categorical_crossentropy(y, [[2.0, 2.0]]) == pytest.approx(np.log(2))


def test_binary_crossentropy_clips_at_epsilon():
    # log(0) would be -inf: Keras clips a to [eps, 1 - eps] first.
    assert losses.binary_crossentropy([[1.0]], [[0.0]]) == pytest.approx(
        -np.log(EPSILON)
    )
    assert losses.binary_crossentropy_derivative([[1.0]], [[0.0]]).tolist() == [[0.0]]


@pytest.mark.parametrize("name", list(LOSSES))
def test_derivative_matches_central_differences(name):
    y, a = sample(name, n=4, k=3, seed=3)
    numerical = numerical_gradient(lambda t: LOSSES[name](y, t), a)
    np.testing.assert_allclose(
        LOSS_DERIVATIVES[name](y, a), numerical, rtol=1e-6, atol=1e-10
    )


@pytest.mark.parametrize("name", list(LOSSES))
def test_losses_are_means_over_samples(name):
    # Stacking a batch on itself leaves the mean cost unchanged and halves dC/da.
    y, a = sample(name)
    y2, a2 = np.vstack([y, y]), np.vstack([a, a])
    assert LOSSES[name](y2, a2) == pytest.approx(LOSSES[name](y, a), rel=1e-12)
    np.testing.assert_allclose(
        LOSS_DERIVATIVES[name](y2, a2)[: len(y)], LOSS_DERIVATIVES[name](y, a) / 2
    )


@pytest.mark.parametrize("name", list(LOSSES))
def test_get_loss(name):
    loss = get_loss(name)
    assert loss == Loss(name, LOSSES[name], LOSS_DERIVATIVES[name])
    assert get_loss(loss) is loss
    assert get_loss(LOSSES[name]) == loss
    assert repr(loss) == f"Loss({name!r})"
    y, a = sample(name)
    assert loss(y, a) == LOSSES[name](y, a)
    np.testing.assert_array_equal(loss.gradient(y, a), LOSS_DERIVATIVES[name](y, a))


def test_get_loss_unknown_name_lists_valid_names():
    with pytest.raises(
        ValueError,
        match=r"Unknown loss 'hinge'\. Valid names are: 'mse', 'binary_crossentropy', 'categorical_crossentropy'",
    ):
        get_loss("hinge")


@pytest.mark.parametrize("bad", [1, None, ["mse"]])
def test_get_loss_wrong_type(bad):
    with pytest.raises(TypeError, match="loss must be a name in"):
        get_loss(bad)


def test_plain_callable_loss_has_no_gradient():
    def mean_absolute_error(y, a):
        return float(np.mean(np.abs(np.subtract(y, a))))

    loss = get_loss(mean_absolute_error)
    assert loss([[1.0]], [[3.0]]) == 2.0
    with pytest.raises(ValueError, match="'mean_absolute_error' has no derivative"):
        loss.gradient([[1.0]], [[3.0]])


@pytest.mark.parametrize(
    "function", list(LOSSES.values()) + list(LOSS_DERIVATIVES.values())
)
def test_shape_mismatch_names_both_shapes(function):
    with pytest.raises(
        ValueError, match=r"y of shape \(2, 1\) and a of shape \(2, 2\)"
    ):
        function(np.zeros((2, 1)), np.full((2, 2), 0.5))
    with pytest.raises(ValueError, match="at least 1-D"):
        function(1.0, 0.5)


probabilities = hnp.arrays(np.float64, (4, 3), elements=st.floats(0.0, 1.0))


@given(probabilities, probabilities)
def test_losses_are_nonnegative(y, a):
    assert losses.mse(y, a) >= 0
    assert losses.binary_crossentropy(np.round(y), a) >= 0
