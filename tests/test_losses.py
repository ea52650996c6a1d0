"""Tests for neurons.losses: Keras's definitions, NumPy formulas, derivatives."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.metrics import log_loss, mean_squared_error

from neurons import losses
from neurons.activations import sigmoid, softmax
from neurons.losses import (
    EPSILON,
    LOSSES,
    Loss,
    binary_crossentropy_from_logits,
    binary_crossentropy_from_logits_derivative,
    categorical_crossentropy_from_logits,
    categorical_crossentropy_from_logits_derivative,
    get_loss,
)

# The probability-input losses and their derivatives, by name.
FUNCTIONS = {name: entry.function for name, entry in LOSSES.items()}
DERIVATIVES = {name: entry.derivative for name, entry in LOSSES.items()}

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
@pytest.mark.slow
def test_loss_matches_keras(name, extreme):
    keras = pytest.importorskip("keras")
    y, a = sample(name, extreme=extreme)
    keras_loss = getattr(keras.losses, KERAS_CLASSES[name])()
    expected = float(np.asarray(keras_loss(y, a)))
    # Keras computes in float32.
    np.testing.assert_allclose(FUNCTIONS[name](y, a), expected, rtol=1e-5)


@pytest.mark.parametrize("name", list(LOSSES))
@pytest.mark.parametrize("extreme", [False, True])
@pytest.mark.slow
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
    ours = DERIVATIVES[name](y, a)
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
    numerical = numerical_gradient(lambda t: FUNCTIONS[name](y, t), a)
    np.testing.assert_allclose(
        DERIVATIVES[name](y, a), numerical, rtol=1e-6, atol=1e-10
    )


@pytest.mark.parametrize("name", list(LOSSES))
def test_losses_are_means_over_samples(name):
    # Stacking a batch on itself leaves the mean cost unchanged and halves dC/da.
    y, a = sample(name)
    y2, a2 = np.vstack([y, y]), np.vstack([a, a])
    assert FUNCTIONS[name](y2, a2) == pytest.approx(FUNCTIONS[name](y, a), rel=1e-12)
    np.testing.assert_allclose(
        DERIVATIVES[name](y2, a2)[: len(y)], DERIVATIVES[name](y, a) / 2
    )


def test_one_registry_carries_every_form_of_a_loss():
    for name, entry in LOSSES.items():
        assert isinstance(entry, Loss)
        assert entry.name == name
        assert entry.function is getattr(losses, name)
        assert entry.derivative is getattr(losses, f"{name}_derivative")
    assert LOSSES["mse"].from_logits is None
    assert LOSSES["mse"].output_activation is None
    bce, cce = LOSSES["binary_crossentropy"], LOSSES["categorical_crossentropy"]
    assert bce.from_logits is binary_crossentropy_from_logits
    assert bce.from_logits_derivative is binary_crossentropy_from_logits_derivative
    assert bce.output_activation == "sigmoid"
    assert cce.from_logits is categorical_crossentropy_from_logits
    assert cce.from_logits_derivative is categorical_crossentropy_from_logits_derivative
    assert cce.output_activation == "softmax"
    with pytest.raises(TypeError, match="does not support item assignment"):
        LOSSES["hinge"] = Loss("hinge", losses.mse)


@pytest.mark.parametrize("name", list(LOSSES))
def test_get_loss(name):
    loss = get_loss(name)
    assert loss is LOSSES[name]
    assert get_loss(loss) is loss
    assert get_loss(FUNCTIONS[name]) is loss
    assert repr(loss) == f"Loss({name!r})"
    y, a = sample(name)
    assert loss(y, a) == FUNCTIONS[name](y, a)
    np.testing.assert_array_equal(loss.gradient(y, a), DERIVATIVES[name](y, a))


def test_get_loss_unknown_name_lists_valid_names():
    with pytest.raises(
        ValueError,
        match=r"Unknown loss 'hinge'\. Valid names are: 'mse', 'binary_crossentropy', 'categorical_crossentropy'",
    ):
        get_loss("hinge")


@pytest.mark.parametrize("bad", [1, None, ["mse"]])
def test_get_loss_wrong_type(bad):
    with pytest.raises(
        TypeError,
        match=r"^loss must be a name in \['mse', 'binary_crossentropy', "
        r"'categorical_crossentropy'\], a Loss or a callable, got ",
    ):
        get_loss(bad)


def test_plain_callable_loss_has_no_gradient():
    def mean_absolute_error(y, a):
        return float(np.mean(np.abs(np.subtract(y, a))))

    loss = get_loss(mean_absolute_error)
    assert loss([[1.0]], [[3.0]]) == 2.0
    with pytest.raises(ValueError, match="'mean_absolute_error' has no derivative"):
        loss.gradient([[1.0]], [[3.0]])


@pytest.mark.parametrize(
    "function", list(FUNCTIONS.values()) + list(DERIVATIVES.values())
)
def test_shape_mismatch_names_both_shapes(function):
    with pytest.raises(
        ValueError, match=r"y of shape \(2, 1\) and a of shape \(2, 2\)"
    ):
        function(np.zeros((2, 1)), np.full((2, 2), 0.5))
    with pytest.raises(ValueError, match="at least 1-D"):
        function(1.0, 0.5)


FROM_LOGITS = [
    binary_crossentropy_from_logits,
    binary_crossentropy_from_logits_derivative,
    categorical_crossentropy_from_logits,
    categorical_crossentropy_from_logits_derivative,
]


@pytest.mark.parametrize("function", FROM_LOGITS)
def test_from_logits_shape_mismatch_names_both_shapes(function):
    with pytest.raises(
        ValueError, match=r"y of shape \(2, 1\) and z of shape \(2, 2\)"
    ):
        function(np.zeros((2, 1)), np.zeros((2, 2)))
    with pytest.raises(ValueError, match="y and z must be at least 1-D"):
        function(1.0, 0.5)


probabilities = hnp.arrays(np.float64, (4, 3), elements=st.floats(0.0, 1.0))


@given(probabilities, probabilities)
def test_losses_are_nonnegative(y, a):
    assert losses.mse(y, a) >= 0
    assert losses.binary_crossentropy(np.round(y), a) >= 0


# --- cross-entropy from the logits ---------------------------------------------

# (from-logits cost, its derivative, output activation) by loss name
HEADS = {
    "binary_crossentropy": (
        binary_crossentropy_from_logits,
        binary_crossentropy_from_logits_derivative,
        sigmoid,
    ),
    "categorical_crossentropy": (
        categorical_crossentropy_from_logits,
        categorical_crossentropy_from_logits_derivative,
        softmax,
    ),
}


def logits_sample(name, *, n=6, k=3, seed=0, scale=2.0):
    """Targets and logits; with the default scale no probability is clipped."""
    rng = np.random.default_rng(seed)
    z = rng.normal(scale=scale, size=(n, k))
    if name == "binary_crossentropy":
        return rng.integers(0, 2, size=(n, k)).astype(float), z
    return np.eye(k)[rng.integers(0, k, size=n)], z


def closed_form_delta(name, y, z):
    """dC/dz written out independently: prediction minus target, averaged."""
    n = y.shape[0]
    if name == "binary_crossentropy":
        p = 1.0 / (1.0 + np.exp(-z))  # no overflow for |z| <= 30
        return (p - y) / (n * y.shape[1])
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return (p * y.sum(axis=1, keepdims=True) - y) / n


@pytest.mark.parametrize("name", list(HEADS))
@pytest.mark.slow
def test_from_logits_matches_keras_from_logits(name):
    keras = pytest.importorskip("keras")
    cost, _, _ = HEADS[name]
    y, z = logits_sample(name)
    keras_loss = getattr(keras.losses, KERAS_CLASSES[name])(from_logits=True)
    expected = float(np.asarray(keras_loss(y, z)))
    # Keras computes in float32.
    np.testing.assert_allclose(cost(y, z), expected, rtol=1e-5)


@pytest.mark.parametrize("name", list(HEADS))
@pytest.mark.slow
def test_from_logits_derivative_matches_autodiff_of_keras(name):
    keras = pytest.importorskip("keras")
    jax = pytest.importorskip("jax")
    if keras.backend.backend() != "jax":
        pytest.skip("needs KERAS_BACKEND=jax")
    _, derivative, _ = HEADS[name]
    y, z = logits_sample(name, scale=10.0)  # saturated logits included
    keras_loss = getattr(keras.losses, KERAS_CLASSES[name])(from_logits=True)
    expected = np.asarray(
        jax.grad(lambda z32: keras_loss(y, z32))(z.astype(np.float32))
    )
    np.testing.assert_allclose(derivative(y, z), expected, rtol=1e-4, atol=1e-7)


@pytest.mark.parametrize("name", list(HEADS))
def test_from_logits_equals_loss_of_probabilities_away_from_the_clip(name):
    cost, _, activation = HEADS[name]
    y, z = logits_sample(name)
    assert cost(y, z) == pytest.approx(FUNCTIONS[name](y, activation(z)), rel=1e-12)


@pytest.mark.parametrize("name", list(HEADS))
@pytest.mark.parametrize("scale", [1.0, 30.0])
def test_from_logits_derivative_is_the_closed_form(name, scale):
    _, derivative, _ = HEADS[name]
    y, z = logits_sample(name, n=5, k=4, scale=1.0)
    z = np.clip(z * scale, -30.0, 30.0)
    np.testing.assert_allclose(
        derivative(y, z), closed_form_delta(name, y, z), rtol=1e-12, atol=1e-300
    )


@pytest.mark.parametrize("name", list(HEADS))
def test_from_logits_derivative_matches_central_differences(name):
    cost, derivative, _ = HEADS[name]
    rng = np.random.default_rng(4)
    z = rng.normal(scale=3.0, size=(4, 3))
    # Soft targets, so softmax rows do not sum to 1: the derivative
    # p * sum(y) - y is exact for them too.
    y = rng.uniform(0.0, 1.0, size=(4, 3))
    numerical = numerical_gradient(lambda t: cost(y, t), z)
    np.testing.assert_allclose(derivative(y, z), numerical, rtol=1e-6, atol=1e-10)


def test_confidently_wrong_logits_cost_and_gradient():
    # z = -30 for target 1: the cost is -log sigmoid(-30) = 30 + log1p(e^-30)
    # and the gradient sigmoid(-30) - 1 is about -1, not 0.
    assert binary_crossentropy_from_logits([[1.0]], [[-30.0]]) == pytest.approx(
        30.0, rel=1e-14
    )
    assert binary_crossentropy_from_logits_derivative(
        [[1.0]], [[-30.0]]
    ).item() == pytest.approx(-1.0, abs=1e-12)
    # z = +30 for target 1: nearly free and nearly no gradient, but not zero.
    tiny = binary_crossentropy_from_logits_derivative([[1.0]], [[30.0]]).item()
    assert tiny == pytest.approx(-np.exp(-30.0), rel=1e-6)
    assert binary_crossentropy_from_logits([[1.0]], [[30.0]]) == pytest.approx(
        np.exp(-30.0), rel=1e-6
    )
    # Softmax: the true class 60 below another costs about 60.
    y, z = [[0.0, 0.0, 1.0]], [[30.0, 0.0, -30.0]]
    assert categorical_crossentropy_from_logits(y, z) == pytest.approx(60.0)
    np.testing.assert_allclose(
        categorical_crossentropy_from_logits_derivative(y, z),
        [[1.0, 0.0, -1.0]],
        atol=1e-12,
    )


def test_probability_losses_keep_the_clipping_pathology():
    # The documented defect that the from-logits forms cure: a prediction in
    # the clip zone gets an exactly zero gradient, however wrong it is.
    p = sigmoid([[-20.0]])  # about 2e-9 for target 1
    assert losses.binary_crossentropy_derivative([[1.0]], p).tolist() == [[0.0]]
    assert losses.binary_crossentropy([[1.0]], p) == pytest.approx(-np.log(EPSILON))
    z = [[10.0, -9.3, 0.0]]
    a = softmax(z)
    assert a[0, 1] < EPSILON  # p_true is about 4e-9
    assert not losses.categorical_crossentropy_derivative([[0.0, 1.0, 0.0]], a).any()
    # From the logits, the same predictions get the full error signal.
    assert binary_crossentropy_from_logits_derivative(
        [[1.0]], [[-20.0]]
    ).item() == pytest.approx(-1.0, abs=1e-8)
    delta = categorical_crossentropy_from_logits_derivative([[0.0, 1.0, 0.0]], z)
    assert delta[0, 1] == pytest.approx(-1.0, abs=1e-8)


logits = hnp.arrays(np.float64, (4, 3), elements=st.floats(-1e3, 1e3))


@given(logits, probabilities)
def test_from_logits_losses_are_finite_and_nonnegative(z, y):
    targets = np.round(y)
    for cost, derivative, _ in HEADS.values():
        value = cost(targets, z)
        assert np.isfinite(value)
        assert value >= 0
        assert np.all(np.isfinite(derivative(targets, z)))
