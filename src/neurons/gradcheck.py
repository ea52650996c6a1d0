r"""Gradient checking: an analytic gradient against central finite differences.

Backpropagation is easy to get subtly wrong, and a wrong gradient still
trains, only worse. The cure is to compare a gradient computed by formula
with a numerical estimate of the same derivatives,

.. math:: \frac{\partial C}{\partial w} \approx
          \frac{C(w + \epsilon) - C(w - \epsilon)}{2\epsilon}.

Its truncation error shrinks as :math:`\epsilon^2` but its rounding error
grows as :math:`u\,|C| / \epsilon` (:math:`u` the unit roundoff), so
:math:`\epsilon` near :math:`10^{-6}` in float64 balances the two.

Two entry points:

* :func:`check_gradient` checks *any* function of an array against the
  gradient function you wrote for it (your own NumPy code, a loss, a
  neuron); :func:`numerical_gradient` is its estimate.
* :func:`gradient_check` checks :meth:`neurons.MLP.gradients` layer by layer;
  :func:`numerical_gradients` is its estimate.

Deliberately left out: second derivatives and random directional checks;
the estimate costs two evaluations per parameter, so it is meant for small
problems only, in float64.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from neurons._validation import (
    Float64Array,
    check_array,
    check_network_target,
    check_positive_float,
    describe,
)
from neurons.mlp import MLP

__all__ = [
    "DEFAULT_TOLERANCE",
    "GradientCheck",
    "GradientComparison",
    "check_gradient",
    "gradient_check",
    "numerical_gradient",
    "numerical_gradients",
]

#: Largest relative error that :attr:`GradientCheck.passed` accepts. With
#: ``epsilon=1e-6`` in float64, a correct gradient of a smooth network typically
#: agrees to 1e-8 or better; a bug usually shows as an error near 1.
DEFAULT_TOLERANCE = 1e-6

# Guards 0 / 0 when both gradients are exactly zero (for example behind a step
# activation): the relative error is then 0.
_TINY = np.finfo(np.float64).tiny


def numerical_gradients(
    network: MLP, X: npt.ArrayLike, y: npt.ArrayLike, *, epsilon: float = 1e-6
) -> tuple[list[Float64Array], list[Float64Array]]:
    r"""Estimate the gradient of ``network.cost(X, y)`` by central differences.

    .. math:: \frac{\partial C}{\partial w} \approx
              \frac{C(w + \epsilon) - C(w - \epsilon)}{2\epsilon}

    for every weight and bias :math:`w` in turn. The network is perturbed in
    place and restored exactly afterwards.

    Parameters
    ----------
    network : MLP
        The network whose cost is differentiated.
    X : array-like of shape (n_samples, n_inputs)
        Inputs.
    y : array-like of shape (n_samples, n_outputs) or (n_samples,)
        Targets.
    epsilon : float, default=1e-6
        Step :math:`\epsilon > 0`.

    Returns
    -------
    dW : list of ndarray
        Same structure and shapes as ``network.weights``.
    db : list of ndarray
        Same structure and shapes as ``network.biases``.

    Raises
    ------
    ValueError
        If ``X`` or ``y`` does not fit the network, or ``epsilon`` is not
        positive and finite.

    See Also
    --------
    neurons.MLP.gradients : The same derivatives by backpropagation.

    Examples
    --------
    >>> net = MLP((1, 1), activation="identity", random_state=0)
    >>> net.weights, net.biases = [[[2.0]]], [[0.0]]
    >>> dW, db = numerical_gradients(net, [[1.0]], [[3.0]])
    >>> round(float(dW[0][0, 0]), 6), round(float(db[0][0]), 6)
    (-2.0, -2.0)
    """
    epsilon = check_positive_float(epsilon, name="epsilon")
    X = check_array(X, n_features=network.layer_sizes[0])
    Y = check_network_target(y, n_samples=X.shape[0], n_outputs=network.layer_sizes[-1])
    # Each W and b is one of the network's own arrays, so writing into it
    # changes the network's cost.
    cost = functools.partial(network.cost, X, Y)
    dW = [_central_differences(cost, W, epsilon) for W in network.weights]
    db = [_central_differences(cost, b, epsilon) for b in network.biases]
    return dW, db


def _central_differences(
    f: Callable[[], float], x: Float64Array, epsilon: float
) -> Float64Array:
    """Return the central difference of ``f()`` for each entry of ``x``, which ``f`` reads.

    Each entry is set to ``original +- epsilon`` in place and restored, even
    if ``f`` raises.
    """
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        try:
            x[index] = original + epsilon
            f_plus = f()
            x[index] = original - epsilon
            f_minus = f()
        finally:
            x[index] = original
        grad[index] = (f_plus - f_minus) / (2.0 * epsilon)
    return grad


def _relative_error(analytic: Float64Array, numerical: Float64Array) -> float:
    difference = float(np.linalg.norm(analytic - numerical))
    scale = float(np.linalg.norm(analytic) + np.linalg.norm(numerical))
    return difference / max(scale, _TINY)


@dataclass(frozen=True)
class GradientCheck:
    r"""The result of :func:`gradient_check`.

    .. math:: e = \frac{\lVert g_{\text{backprop}} - g_{\text{numerical}}\rVert}
              {\max(\lVert g_{\text{backprop}}\rVert
              + \lVert g_{\text{numerical}}\rVert, \text{tiny})}

    computed per layer, with :math:`\lVert\cdot\rVert` the Euclidean
    (Frobenius) norm of all the layer's weights or biases.

    Parameters
    ----------
    weight_errors : tuple of float
        Relative error of each layer's weight gradient.
    bias_errors : tuple of float
        Relative error of each layer's bias gradient.
    tolerance : float
        The largest relative error that counts as passing.

    Attributes
    ----------
    max_relative_error : float
        The largest of all the errors.
    passed : bool
        Whether ``max_relative_error <= tolerance``.

    Examples
    --------
    >>> check = GradientCheck(weight_errors=(1e-9,), bias_errors=(2e-9,),
    ...                       tolerance=1e-6)
    >>> check.passed, check.max_relative_error
    (True, 2e-09)
    >>> print(check)
    gradient check passed: max relative error 2.0e-09 (tolerance 1.0e-06)
      layer 1: W 1.0e-09, b 2.0e-09
    """

    weight_errors: tuple[float, ...]
    bias_errors: tuple[float, ...]
    tolerance: float = DEFAULT_TOLERANCE

    @property
    def max_relative_error(self) -> float:
        """The largest relative error over all layers, weights and biases.

        Examples
        --------
        >>> GradientCheck((1e-9, 3e-9), (0.0, 0.0)).max_relative_error
        3e-09
        """
        return max(self.weight_errors + self.bias_errors)

    @property
    def passed(self) -> bool:
        """Whether every relative error is at most ``tolerance``.

        Examples
        --------
        >>> GradientCheck((0.5,), (0.0,)).passed
        False
        """
        return self.max_relative_error <= self.tolerance

    def __str__(self) -> str:
        verdict = "passed" if self.passed else "FAILED"
        header = (
            f"gradient check {verdict}: max relative error "
            f"{self.max_relative_error:.1e} (tolerance {self.tolerance:.1e})"
        )
        lines = [header]
        lines += [
            f"  layer {l}: W {w_error:.1e}, b {b_error:.1e}"
            for l, (w_error, b_error) in enumerate(
                zip(self.weight_errors, self.bias_errors, strict=True), start=1
            )
        ]
        return "\n".join(lines)


def gradient_check(
    network: MLP,
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    epsilon: float = 1e-6,
    tolerance: float = DEFAULT_TOLERANCE,
) -> GradientCheck:
    r"""Compare backpropagation with central differences on one batch.

    .. math:: e = \frac{\lVert a - b\rVert}{\max(\lVert a\rVert + \lVert b\rVert,
              \text{tiny})}

    per layer, for :math:`a` the gradient from :meth:`neurons.MLP.gradients`
    and :math:`b` the one from :func:`numerical_gradients`; ``tiny`` is the
    smallest positive float64, so two zero gradients agree with error 0.

    Parameters
    ----------
    network : MLP
        The network to check.
    X : array-like of shape (n_samples, n_inputs)
        Inputs; a handful of samples suffices.
    y : array-like of shape (n_samples, n_outputs) or (n_samples,)
        Targets.
    epsilon : float, default=1e-6
        Finite-difference step.
    tolerance : float, default=1e-6
        The largest relative error that counts as passing.

    Returns
    -------
    GradientCheck
        Per-layer errors, their maximum and a ``passed`` verdict; ``print``
        shows them.

    Raises
    ------
    ValueError
        If ``X`` or ``y`` does not fit the network, or ``epsilon`` or
        ``tolerance`` is not positive and finite, or the network computes in
        a precision other than float64.

    Notes
    -----
    Kinks spoil the estimate: if a ReLU's net input lies within ``epsilon``
    of 0, the two one-sided slopes differ and so does the estimate. With
    random weights and inputs this is rare.

    Examples
    --------
    >>> net = MLP((2, 3, 1), activation="tanh", output_activation="sigmoid",
    ...           loss="binary_crossentropy", random_state=0)
    >>> check = gradient_check(net, [[0.0, 1.0], [1.0, 0.0]], [1, 0])
    >>> check.passed
    True
    """
    tolerance = check_positive_float(tolerance, name="tolerance")
    _check_float64_network(network)
    dW_numerical, db_numerical = numerical_gradients(network, X, y, epsilon=epsilon)
    dW, db = network.gradients(X, y)
    return GradientCheck(
        weight_errors=tuple(
            _relative_error(a, b) for a, b in zip(dW, dW_numerical, strict=True)
        ),
        bias_errors=tuple(
            _relative_error(a, b) for a, b in zip(db, db_numerical, strict=True)
        ),
        tolerance=tolerance,
    )


def _check_float64_network(network: MLP) -> None:
    # A network that computes in float32 (if it has a ``dtype``) cannot be
    # checked: with epsilon = 1e-6 the rounding error u |C| / epsilon of float32
    # (u = 6e-8) is of the order of the gradient itself.
    dtype = getattr(network, "dtype", None)
    if dtype is not None and np.dtype(dtype) != np.float64:
        msg = (
            "gradient_check needs a network that computes in float64, got "
            f"dtype={np.dtype(dtype).name}: in float32 the central difference "
            "is swamped by rounding. Check a float64 copy of the network "
            "(the same layer sizes and weights) instead."
        )
        raise ValueError(msg)


def _as_point(x: Any) -> Float64Array:
    try:
        point = np.array(x, dtype=np.float64)
    except (TypeError, ValueError) as error:
        msg = f"x must be a numeric array-like, got {describe(x)}."
        raise TypeError(msg) from error
    if point.size == 0:
        msg = f"x must hold at least one number, got {describe(point)}."
        raise ValueError(msg)
    if not np.all(np.isfinite(point)):
        msg = "x must hold finite numbers only, got NaN or infinity."
        raise ValueError(msg)
    return point


def _check_callable(function: Any, *, name: str) -> None:
    if not callable(function):
        msg = f"{name} must be callable (a function of an array), got {describe(function)}."
        raise TypeError(msg)


def _value(f: Callable[[Float64Array], Any], point: Float64Array) -> float:
    value = f(point)
    if np.ndim(value) != 0 or not np.isrealobj(value):
        msg = f"f must return a single real number, got {describe(value)}."
        raise ValueError(msg)
    number = float(value)
    if not np.isfinite(number):
        msg = f"f must return a finite number, got {number} at the point checked."
        raise ValueError(msg)
    return number


def numerical_gradient(
    f: Callable[[Float64Array], Any], x: npt.ArrayLike, *, epsilon: float = 1e-6
) -> Float64Array:
    r"""Estimate the gradient of a scalar function ``f`` at ``x`` by central differences.

    .. math:: \frac{\partial f}{\partial x_j} \approx
              \frac{f(x + \epsilon e_j) - f(x - \epsilon e_j)}{2\epsilon}

    for every entry :math:`x_j` of ``x`` in turn (:math:`e_j` the unit array
    with a 1 at entry :math:`j`).

    Parameters
    ----------
    f : callable
        ``f(x)`` takes a float64 array of the shape of ``x`` and returns one
        real number (a cost). It must not keep or modify its argument.
    x : array-like of any shape
        The point; it is copied, never modified.
    epsilon : float, default=1e-6
        Step :math:`\epsilon > 0`.

    Returns
    -------
    ndarray of float64, of the shape of ``x``
        The estimated gradient.

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``x`` is not numeric.
    ValueError
        If ``x`` is empty or not finite, ``epsilon`` is not positive and
        finite, or ``f`` does not return a single finite real number.

    See Also
    --------
    check_gradient : Compare the estimate with a gradient function.

    Examples
    --------
    The gradient of :math:`f(x) = x_1^2 + 3 x_2` is :math:`(2 x_1, 3)`:

    >>> g = numerical_gradient(lambda x: x[0] ** 2 + 3 * x[1], [1.0, 5.0])
    >>> g.round(6).tolist()
    [2.0, 3.0]
    """
    _check_callable(f, name="f")
    epsilon = check_positive_float(epsilon, name="epsilon")
    point = _as_point(x)
    _value(f, point)  # fail early, with a clear message, on a bad f
    return _central_differences(lambda: _value(f, point), point, epsilon)


@dataclass(frozen=True, eq=False)
class GradientComparison:
    r"""The result of :func:`check_gradient`.

    .. math:: e = \frac{\lVert g_{\text{analytic}} - g_{\text{numerical}}\rVert}
              {\max(\lVert g_{\text{analytic}}\rVert
              + \lVert g_{\text{numerical}}\rVert, \text{tiny})}

    Parameters
    ----------
    analytic : ndarray
        The gradient returned by the gradient function.
    numerical : ndarray
        The central-difference estimate, of the same shape.
    tolerance : float
        The largest relative error that counts as passing.

    Attributes
    ----------
    relative_error : float
        :math:`e` above, with Euclidean (Frobenius) norms.
    passed : bool
        Whether ``relative_error <= tolerance``.

    Examples
    --------
    >>> import numpy as np
    >>> result = GradientComparison(np.array([1.0, 2.0]), np.array([1.0, 2.0]),
    ...                             tolerance=1e-6)
    >>> result.passed, result.relative_error
    (True, 0.0)
    >>> print(result)
    gradient check passed: relative error 0.0e+00 (tolerance 1.0e-06)
    """

    analytic: Float64Array
    numerical: Float64Array
    tolerance: float = DEFAULT_TOLERANCE

    @property
    def relative_error(self) -> float:
        """The relative error between the two gradients (0 when both are 0).

        Examples
        --------
        >>> import numpy as np
        >>> GradientComparison(np.array([1.0]), np.array([3.0])).relative_error
        0.5
        """
        return _relative_error(self.analytic, self.numerical)

    @property
    def passed(self) -> bool:
        """Whether the relative error is at most ``tolerance``.

        Examples
        --------
        >>> import numpy as np
        >>> GradientComparison(np.array([1.0]), np.array([-1.0])).passed
        False
        """
        return self.relative_error <= self.tolerance

    def __str__(self) -> str:
        verdict = "passed" if self.passed else "FAILED"
        return (
            f"gradient check {verdict}: relative error {self.relative_error:.1e} "
            f"(tolerance {self.tolerance:.1e})"
        )


def check_gradient(
    f: Callable[[Float64Array], Any],
    grad: Callable[[Float64Array], Any],
    x: npt.ArrayLike,
    *,
    epsilon: float = 1e-6,
    tolerance: float = DEFAULT_TOLERANCE,
) -> GradientComparison:
    r"""Check a gradient function against central differences of ``f`` at ``x``.

    .. math:: e = \frac{\lVert \nabla f(x) - g(x)\rVert}
              {\max(\lVert \nabla f(x)\rVert + \lVert g(x)\rVert, \text{tiny})}

    with :math:`\nabla f(x)` from ``grad`` and :math:`g(x)` from
    :func:`numerical_gradient`. Works for any function of an array: a cost
    written in NumPy as a function of a weight vector, of a weight matrix, or
    of all parameters flattened into one vector.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns one real number for a float64 array ``x``.
    grad : callable
        ``grad(x)`` returns the gradient of ``f`` at ``x``: an array of the
        shape of ``x``.
    x : array-like of any shape
        The point to check at; pick a generic one (not all zeros), away from
        kinks such as ReLU's at 0. It is copied, never modified.
    epsilon : float, default=1e-6
        Finite-difference step.
    tolerance : float, default=1e-6
        The largest relative error that counts as passing.

    Returns
    -------
    GradientComparison
        Both gradients, the relative error and a ``passed`` verdict; ``print``
        shows them.

    Raises
    ------
    TypeError
        If ``f`` or ``grad`` is not callable, or ``x`` is not numeric.
    ValueError
        If ``x`` is empty or not finite, ``epsilon`` or ``tolerance`` is not
        positive and finite, ``f`` does not return one finite real number, or
        ``grad`` returns an array of another shape than ``x`` or non-finite
        values.

    See Also
    --------
    numerical_gradient : The central-difference estimate alone.
    gradient_check : The same check for :meth:`neurons.MLP.gradients`.

    Notes
    -----
    A float32 function cannot be checked this way: with ``epsilon=1e-6`` its
    rounding error is as large as the gradient. Compute ``f`` in float64.

    Examples
    --------
    The cost :math:`C(w) = \lVert w \rVert^2` has gradient :math:`2w`; a
    gradient that forgot the factor 2 fails:

    >>> cost = lambda w: float(w @ w)
    >>> check_gradient(cost, lambda w: 2 * w, [1.0, -2.0]).passed
    True
    >>> check_gradient(cost, lambda w: w, [1.0, -2.0]).passed
    False
    """
    _check_callable(f, name="f")
    _check_callable(grad, name="grad")
    tolerance = check_positive_float(tolerance, name="tolerance")
    point = _as_point(x)
    numerical = numerical_gradient(f, point, epsilon=epsilon)
    try:
        analytic = np.array(grad(point.copy()), dtype=np.float64)
    except (TypeError, ValueError) as error:
        msg = "grad must return a numeric array of the shape of x."
        raise TypeError(msg) from error
    if analytic.shape != point.shape:
        msg = (
            f"grad must return an array of the shape of x, {point.shape}; "
            f"got shape {analytic.shape}."
        )
        raise ValueError(msg)
    if not np.all(np.isfinite(analytic)):
        msg = "grad returned NaN or infinity at the point checked."
        raise ValueError(msg)
    return GradientComparison(
        analytic=analytic, numerical=numerical, tolerance=tolerance
    )
