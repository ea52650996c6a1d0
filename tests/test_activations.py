"""Tests for neurons.activations: formulas, derivatives, softmax, resolver."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.special import expit
from scipy.special import softmax as scipy_softmax

from neurons import activations
from neurons.activations import (
    ACTIVATIONS,
    Activation,
    get_activation,
    softmax,
    softmax_backward,
    softmax_derivative,
)

ELEMENTWISE = [name for name in ACTIVATIONS if name != "softmax"]

# Independent references: SciPy, NumPy, or the formula written another way.
REFERENCES = {
    "heaviside": lambda z: (z >= 0).astype(float),
    "sign": lambda z: np.where(np.sign(z) == 0, 1.0, np.sign(z)),
    "identity": lambda z: z,
    "sigmoid": expit,
    "tanh": np.tanh,
    "relu": lambda z: z * (z > 0),
    "leaky_relu": lambda z: np.maximum(z, 0.01 * z),
}


def derivative(name):
    return ACTIVATIONS[name].derivative


# Points away from the kinks at 0 (where one-sided slopes differ), plus large
# values that overflow a naive exp.
Z = np.array([-1000.0, -30.0, -2.5, -0.7, -0.01, 0.01, 0.3, 1.9, 30.0, 1000.0])


def central_difference(f, z, h=1e-6):
    return (f(z + h) - f(z - h)) / (2 * h)


def test_step_conventions_at_zero():
    # The book's conventions: both steps fire at z = 0.
    assert activations.heaviside(0.0) == 1.0
    assert activations.sign(0.0) == 1.0
    assert activations.heaviside([-1e-12]).tolist() == [0.0]
    assert activations.sign([-1e-12]).tolist() == [-1.0]
    # Their derivative is taken as 0 everywhere, including at 0.
    assert activations.heaviside_derivative([0.0]).tolist() == [0.0]
    assert activations.sign_derivative([0.0]).tolist() == [0.0]


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_activation_matches_reference(name):
    # filterwarnings=error also proves that z = +-1000 raises no overflow.
    np.testing.assert_allclose(ACTIVATIONS[name](Z), REFERENCES[name](Z), rtol=1e-12)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_central_differences(name):
    z = Z[np.abs(Z) < 100]  # finite differences lose precision far out
    numerical = central_difference(ACTIVATIONS[name], z)
    np.testing.assert_allclose(derivative(name)(z), numerical, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_functions_keep_shape_and_dtype(name):
    z = np.arange(6, dtype=np.int64).reshape(2, 3) - 2
    for function in (ACTIVATIONS[name], derivative(name)):
        out = function(z)
        assert out.shape == (2, 3)
        assert out.dtype == np.float64


def test_relu_and_leaky_relu_derivatives_at_zero():
    assert activations.relu_derivative([0.0]).tolist() == [0.0]
    assert activations.leaky_relu_derivative([0.0]).tolist() == [0.01]


def test_leaky_relu_alpha():
    assert activations.leaky_relu([-2.0, 3.0], alpha=0.2).tolist() == [-0.4, 3.0]
    assert activations.leaky_relu_derivative([-2.0, 3.0], alpha=0.2).tolist() == [
        0.2,
        1.0,
    ]


def test_softmax_matches_scipy_and_is_stable():
    rng = np.random.default_rng(0)
    z = rng.normal(scale=5, size=(4, 3))
    np.testing.assert_allclose(softmax(z), scipy_softmax(z, axis=-1), rtol=1e-12)
    np.testing.assert_allclose(softmax([[1000.0, 0.0]]), [[1.0, 0.0]])


def test_softmax_jacobian_matches_central_differences():
    z = np.array([0.3, -1.2, 2.0])
    numerical = np.column_stack(
        [
            central_difference(lambda t, j=j: softmax(z + t * np.eye(3)[j]), 0.0)
            for j in range(3)
        ]
    )
    np.testing.assert_allclose(softmax_derivative(z), numerical, atol=1e-9)


def test_softmax_backward_matches_explicit_jacobian():
    rng = np.random.default_rng(1)
    z = rng.normal(size=(5, 4))
    grad_a = rng.normal(size=(5, 4))
    a = softmax(z)
    J = softmax_derivative(z)  # J[n, i, j] = d a_i / d z_j
    expected = np.einsum("ni,nij->nj", grad_a, J)
    np.testing.assert_allclose(softmax_backward(z, a, grad_a), expected, atol=1e-12)
    np.testing.assert_allclose(
        get_activation("softmax").backward(z, a, grad_a), expected, atol=1e-12
    )


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_backward_is_grad_times_derivative(name):
    act = get_activation(name)
    grad_a = np.linspace(-1, 1, Z.size)
    np.testing.assert_allclose(
        act.backward(Z, act(Z), grad_a), grad_a * derivative(name)(Z)
    )


def test_one_registry_carries_function_and_derivative():
    for name, entry in ACTIVATIONS.items():
        assert isinstance(entry, Activation)
        assert entry.name == name
        assert entry.function is getattr(activations, name)
        assert entry.derivative is getattr(activations, f"{name}_derivative")
        assert entry.differentiable
    # Only softmax, which mixes a row, has a backward step of its own.
    assert [name for name, entry in ACTIVATIONS.items() if entry.vjp] == ["softmax"]
    assert ACTIVATIONS["softmax"].vjp is softmax_backward
    assert set(ACTIVATIONS) == {
        "heaviside",
        "sign",
        "identity",
        "sigmoid",
        "tanh",
        "relu",
        "leaky_relu",
        "softmax",
    }


def test_registry_is_read_only():
    with pytest.raises(TypeError, match="does not support item assignment"):
        ACTIVATIONS["swish"] = Activation("swish", np.tanh)
    assert "swish" not in ACTIVATIONS


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_get_activation_by_name_and_function(name):
    by_name = get_activation(name)
    assert by_name.name == name
    assert by_name is ACTIVATIONS[name]
    assert by_name.differentiable
    # A registered function maps back to its entry, derivative included.
    assert get_activation(ACTIVATIONS[name].function) is by_name
    assert get_activation(by_name) is by_name


def test_get_activation_wraps_plain_callable_without_derivative():
    act = get_activation(np.abs)
    assert act.name == "absolute"
    assert act.derivative is None
    assert not act.differentiable
    assert act([-2.0]).tolist() == [2.0]
    with pytest.raises(ValueError, match="'absolute' has no derivative"):
        act.backward([1.0], [1.0], [1.0])
    partial = get_activation(functools.partial(activations.leaky_relu, alpha=0.3))
    assert partial.derivative is None
    assert partial([-1.0]).tolist() == [-0.3]


def test_custom_activation_object():
    cube = Activation(
        "cube", lambda z: np.asarray(z) ** 3, lambda z: 3 * np.asarray(z) ** 2
    )
    assert get_activation(cube) is cube
    assert cube.backward([2.0], [8.0], [1.0]).tolist() == [12.0]
    assert repr(cube) == "Activation('cube')"


def test_get_activation_unknown_name_lists_valid_names():
    with pytest.raises(
        ValueError,
        match=r"Unknown activation 'swish'\. Valid names are: 'heaviside', 'sign'",
    ):
        get_activation("swish")
    with pytest.raises(ValueError, match="Unknown output_activation 'step'"):
        get_activation("step", name="output_activation")


@pytest.mark.parametrize("bad", [3, None, 1.5, ["relu"]])
def test_get_activation_wrong_type(bad):
    with pytest.raises(
        TypeError,
        match=r"activation must be a name in \['heaviside', .*'softmax'\], an "
        r"Activation or a callable, got ",
    ):
        get_activation(bad)
    with pytest.raises(TypeError, match=r"^output_activation must be a name in"):
        get_activation(bad, name="output_activation")


finite_arrays = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=1, max_dims=3, max_side=6),
    elements=st.floats(-100, 100),
)


@given(finite_arrays)
def test_softmax_rows_are_probabilities(z):
    p = softmax(z)
    assert p.shape == z.shape
    assert np.all(p > 0)
    assert np.all(p <= 1)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=1e-12)


@given(
    hnp.arrays(
        np.float64, hnp.array_shapes(max_dims=2), elements=st.floats(-1e300, 1e300)
    )
)
def test_bounded_activations_stay_in_range(z):
    assert np.all((activations.sigmoid(z) >= 0) & (activations.sigmoid(z) <= 1))
    assert np.all(np.abs(activations.tanh(z)) <= 1)
    assert np.all(activations.relu(z) >= 0)
    assert np.all(np.isin(activations.heaviside(z), [0.0, 1.0]))
    assert np.all(np.isin(activations.sign(z), [-1.0, 1.0]))
    assert np.all(
        (activations.sigmoid_derivative(z) >= 0)
        & (activations.sigmoid_derivative(z) <= 0.25)
    )
