r"""Gradient checking: backpropagation against central finite differences.

Backpropagation is easy to get subtly wrong, and a wrong gradient still
trains, only worse. The cure is to compare :meth:`neurons.MLP.gradients`
with a numerical estimate of the same derivatives,

.. math:: \frac{\partial C}{\partial w} \approx
          \frac{C(w + \epsilon) - C(w - \epsilon)}{2\epsilon},

whose error shrinks as :math:`\epsilon^2`. :func:`numerical_gradients`
computes that estimate for every weight and bias; :func:`gradient_check`
compares the two and returns a small printable report.

Deliberately left out: checks of anything but an :class:`~neurons.MLP`
(second derivatives, random directional checks); the estimate costs two
forward passes per parameter, so it is meant for tiny networks only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from neurons._validation import (
    Float64Array,
    check_array,
    check_network_target,
    check_positive_float,
)
from neurons.mlp import MLP

__all__ = [
    "DEFAULT_TOLERANCE",
    "GradientCheck",
    "gradient_check",
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
    dW = [_central_differences(network, W, X, Y, epsilon) for W in network.weights]
    db = [_central_differences(network, b, X, Y, epsilon) for b in network.biases]
    return dW, db


def _central_differences(
    network: MLP,
    parameter: Float64Array,
    X: Float64Array,
    Y: Float64Array,
    epsilon: float,
) -> Float64Array:
    # ``parameter`` is one of the network's own arrays, so writing into it
    # changes the network's cost.
    grad = np.zeros_like(parameter)
    for index in np.ndindex(parameter.shape):
        original = parameter[index]
        try:
            parameter[index] = original + epsilon
            cost_plus = network.cost(X, Y)
            parameter[index] = original - epsilon
            cost_minus = network.cost(X, Y)
        finally:
            parameter[index] = original
        grad[index] = (cost_plus - cost_minus) / (2.0 * epsilon)
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
        ``tolerance`` is not positive and finite.

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
