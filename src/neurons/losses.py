r"""Loss functions ``C(y, a)`` and their derivatives ``dC/da``, as Keras defines them.

Each loss takes targets ``y`` and predictions ``a`` (the network's output
activations) of the same shape ``(n_samples, n_outputs)`` and returns the
*mean* cost over the batch, a float. Each is defined exactly as Keras 3 defines
the loss of the same name (``keras.losses.<name>`` with its default
``"sum_over_batch_size"`` reduction), so that a network trained here and the
same network trained in Keras follow the same path:

* ``mse``: mean over the outputs of :math:`(y - a)^2`, then mean over samples.
* ``binary_crossentropy``: ``a`` is clipped to :math:`[\epsilon, 1-\epsilon]`
  with :math:`\epsilon = 10^{-7}` (``keras.config.epsilon()``); mean over the
  outputs of :math:`-[y \log a + (1-y)\log(1-a)]`, then mean over samples.
* ``categorical_crossentropy``: each row of ``a`` is first renormalised to sum
  to 1, then clipped to :math:`[\epsilon, 1-\epsilon]`;
  :math:`-\sum_k y_k \log a_k` over the outputs, then mean over samples.
  ``y`` is one-hot.

Each derivative is the gradient of that mean cost with respect to ``a``, and
is exactly what automatic differentiation of Keras's formula gives, including
a zero gradient wherever the clipping is active.

:data:`LOSSES` and :data:`LOSS_DERIVATIVES` map names to functions, and
:func:`get_loss` turns a name into a :class:`Loss`, as
:func:`neurons.activations.get_activation` does for activations.

Deliberately left out: losses from logits (``from_logits=True``), label
smoothing, sample weights, sparse integer targets and the other Keras losses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from neurons._validation import Float64Array, check_choice, describe

__all__ = [
    "EPSILON",
    "LOSSES",
    "LOSS_DERIVATIVES",
    "Loss",
    "binary_crossentropy",
    "binary_crossentropy_derivative",
    "categorical_crossentropy",
    "categorical_crossentropy_derivative",
    "get_loss",
    "mse",
    "mse_derivative",
]

#: Keras's fuzz factor ``keras.config.epsilon()``: predictions are clipped to
#: ``[EPSILON, 1 - EPSILON]`` before taking logarithms.
EPSILON = 1e-7

LossFunction = Callable[[npt.ArrayLike, npt.ArrayLike], float]
LossDerivative = Callable[[npt.ArrayLike, npt.ArrayLike], Float64Array]


def _as_pair(y: npt.ArrayLike, a: npt.ArrayLike) -> tuple[Float64Array, Float64Array]:
    y = np.asarray(y, dtype=np.float64)
    a = np.asarray(a, dtype=np.float64)
    if y.shape != a.shape:
        msg = (
            f"y and a must have the same shape, got y of shape {y.shape} "
            f"and a of shape {a.shape}."
        )
        raise ValueError(msg)
    if y.ndim == 0:
        msg = "y and a must be at least 1-D arrays, got scalars."
        raise ValueError(msg)
    return y, a


def _n_rows(a: Float64Array) -> int:
    # Every loss is a mean over the rows (samples); a 1-D array is one row.
    return int(a.size // a.shape[-1])


def mse(y: npt.ArrayLike, a: npt.ArrayLike) -> float:
    r"""Mean squared error.

    .. math:: C = \frac{1}{n}\sum_{i=1}^{n} \frac{1}{K}\sum_{k=1}^{K}
              (y_{ik} - a_{ik})^2

    for ``n`` samples and ``K`` outputs, as ``keras.losses.MeanSquaredError``.

    Parameters
    ----------
    y : array-like of shape (n_samples, n_outputs)
        Targets.
    a : array-like of shape (n_samples, n_outputs)
        Predictions.

    Returns
    -------
    float
        The mean cost.

    Raises
    ------
    ValueError
        If ``y`` and ``a`` differ in shape.

    Examples
    --------
    >>> mse([[1.0], [0.0]], [[0.5], [0.0]])
    0.125
    """
    y, a = _as_pair(y, a)
    per_sample = np.mean((y - a) ** 2, axis=-1)
    return float(np.mean(per_sample))


def mse_derivative(y: npt.ArrayLike, a: npt.ArrayLike) -> Float64Array:
    r"""Return the gradient of :func:`mse` with respect to the predictions.

    .. math:: \frac{\partial C}{\partial a_{ik}} = \frac{2}{nK}(a_{ik} - y_{ik})

    Parameters
    ----------
    y : array-like of shape (n_samples, n_outputs)
        Targets.
    a : array-like of shape (n_samples, n_outputs)
        Predictions.

    Returns
    -------
    ndarray of float64 of shape (n_samples, n_outputs)

    Examples
    --------
    >>> mse_derivative([[1.0], [0.0]], [[0.5], [0.0]]).tolist()
    [[-0.5], [0.0]]
    """
    y, a = _as_pair(y, a)
    return 2.0 * (a - y) / a.size


def binary_crossentropy(y: npt.ArrayLike, a: npt.ArrayLike) -> float:
    r"""Binary cross-entropy of probabilities.

    .. math:: C = -\frac{1}{n}\sum_{i=1}^{n} \frac{1}{K}\sum_{k=1}^{K}
              \big[y_{ik}\log \hat a_{ik} + (1 - y_{ik})\log(1 - \hat a_{ik})\big],
              \quad \hat a = \operatorname{clip}(a, \epsilon, 1 - \epsilon)

    with :math:`\epsilon` = :data:`EPSILON`, as
    ``keras.losses.BinaryCrossentropy()``.

    Parameters
    ----------
    y : array-like of shape (n_samples, n_outputs)
        Targets in [0, 1] (usually 0 or 1).
    a : array-like of shape (n_samples, n_outputs)
        Predicted probabilities.

    Returns
    -------
    float
        The mean cost.

    Raises
    ------
    ValueError
        If ``y`` and ``a`` differ in shape.

    Examples
    --------
    >>> round(binary_crossentropy([[1.0], [0.0]], [[0.9], [0.2]]), 6)
    0.164252
    """
    y, a = _as_pair(y, a)
    a_hat = np.clip(a, EPSILON, 1.0 - EPSILON)
    per_entry = -(y * np.log(a_hat) + (1.0 - y) * np.log(1.0 - a_hat))
    return float(np.mean(np.mean(per_entry, axis=-1)))


def binary_crossentropy_derivative(y: npt.ArrayLike, a: npt.ArrayLike) -> Float64Array:
    r"""Return the gradient of :func:`binary_crossentropy` with respect to ``a``.

    .. math:: \frac{\partial C}{\partial a_{ik}} = \frac{1}{nK}
              \left(\frac{1 - y_{ik}}{1 - a_{ik}} - \frac{y_{ik}}{a_{ik}}\right)
              \text{ where } \epsilon < a_{ik} < 1 - \epsilon,
              \text{ else } 0

    The gradient is zero where the clipping is active, as automatic
    differentiation of Keras's formula gives.

    Parameters
    ----------
    y : array-like of shape (n_samples, n_outputs)
        Targets.
    a : array-like of shape (n_samples, n_outputs)
        Predicted probabilities.

    Returns
    -------
    ndarray of float64 of shape (n_samples, n_outputs)

    Examples
    --------
    >>> binary_crossentropy_derivative([[1.0], [0.0]], [[0.5], [0.5]]).tolist()
    [[-1.0], [1.0]]
    """
    y, a = _as_pair(y, a)
    inside = (a > EPSILON) & (a < 1.0 - EPSILON)
    a_hat = np.clip(a, EPSILON, 1.0 - EPSILON)
    grad = (1.0 - y) / (1.0 - a_hat) - y / a_hat
    return np.where(inside, grad, 0.0) / a.size


def categorical_crossentropy(y: npt.ArrayLike, a: npt.ArrayLike) -> float:
    r"""Categorical cross-entropy of probabilities, with one-hot targets.

    .. math:: C = -\frac{1}{n}\sum_{i=1}^{n}\sum_{k=1}^{K} y_{ik}\log \hat p_{ik},
              \quad \hat p_{ik} = \operatorname{clip}\Big(
              \frac{a_{ik}}{\sum_j a_{ij}}, \epsilon, 1 - \epsilon\Big)

    with :math:`\epsilon` = :data:`EPSILON`, as
    ``keras.losses.CategoricalCrossentropy()``. The rows of ``a`` are
    renormalised first, so they need not sum exactly to 1.

    Parameters
    ----------
    y : array-like of shape (n_samples, n_classes)
        One-hot targets.
    a : array-like of shape (n_samples, n_classes)
        Predicted class probabilities (softmax outputs).

    Returns
    -------
    float
        The mean cost.

    Raises
    ------
    ValueError
        If ``y`` and ``a`` differ in shape.

    Examples
    --------
    >>> round(categorical_crossentropy([[0, 1, 0]], [[0.2, 0.7, 0.1]]), 6)
    0.356675
    """
    y, a = _as_pair(y, a)
    p_hat = np.clip(a / np.sum(a, axis=-1, keepdims=True), EPSILON, 1.0 - EPSILON)
    per_sample = -np.sum(y * np.log(p_hat), axis=-1)
    return float(np.mean(per_sample))


def categorical_crossentropy_derivative(
    y: npt.ArrayLike, a: npt.ArrayLike
) -> Float64Array:
    r"""Return the gradient of :func:`categorical_crossentropy` with respect to ``a``.

    With :math:`S_i = \sum_j a_{ij}`, :math:`p = a / S` and
    :math:`g_{ik} = -y_{ik} / p_{ik}` where the clipping is inactive (else 0),
    the chain rule through the renormalisation gives

    .. math:: \frac{\partial C}{\partial a_{ik}} = \frac{1}{n\,S_i}
              \Big(g_{ik} - \sum_j g_{ij}\,p_{ij}\Big)

    Parameters
    ----------
    y : array-like of shape (n_samples, n_classes)
        One-hot targets.
    a : array-like of shape (n_samples, n_classes)
        Predicted class probabilities.

    Returns
    -------
    ndarray of float64 of shape (n_samples, n_classes)

    Examples
    --------
    >>> grad = categorical_crossentropy_derivative([[0, 1]], [[0.5, 0.5]])
    >>> grad.tolist()
    [[1.0, -1.0]]
    """
    y, a = _as_pair(y, a)
    S: Float64Array = np.sum(a, axis=-1, keepdims=True)
    p = a / S
    inside = (p > EPSILON) & (p < 1.0 - EPSILON)
    g = np.where(inside, -y / np.clip(p, EPSILON, 1.0), 0.0)
    # Chain rule through p = a / S: dp_j/da_k = (delta_jk - p_j) / S.
    g_dot_p: Float64Array = np.sum(g * p, axis=-1, keepdims=True)
    return (g - g_dot_p) / S / _n_rows(a)


#: Loss functions by name (Keras's names).
LOSSES: dict[str, LossFunction] = {
    "mse": mse,
    "binary_crossentropy": binary_crossentropy,
    "categorical_crossentropy": categorical_crossentropy,
}

#: Derivatives with respect to the predictions ``a``, by name.
LOSS_DERIVATIVES: dict[str, LossDerivative] = {
    "mse": mse_derivative,
    "binary_crossentropy": binary_crossentropy_derivative,
    "categorical_crossentropy": categorical_crossentropy_derivative,
}


@dataclass(frozen=True)
class Loss:
    r"""A loss function with its derivative with respect to the predictions.

    .. math:: C = \text{function}(y, a), \qquad
              \frac{\partial C}{\partial a} = \text{derivative}(y, a)

    Parameters
    ----------
    name : str
        Name used in messages and ``repr``.
    function : callable
        ``function(y, a) -> float``, the mean cost over a batch.
    derivative : callable or None, default=None
        ``derivative(y, a) -> ndarray``, the gradient of the mean cost with
        respect to ``a``. ``None`` for a plain callable: the loss can then be
        evaluated but not trained on.

    See Also
    --------
    get_loss : Build a ``Loss`` from a name.

    Examples
    --------
    >>> loss = get_loss("mse")
    >>> loss
    Loss('mse')
    >>> loss([[1.0]], [[0.0]]), loss.derivative([[1.0]], [[0.0]]).tolist()
    (1.0, [[-2.0]])
    """

    name: str
    function: LossFunction
    derivative: LossDerivative | None = None

    def __call__(self, y: npt.ArrayLike, a: npt.ArrayLike) -> float:
        """Return the mean cost ``function(y, a)``.

        Examples
        --------
        >>> get_loss("mse")([[2.0]], [[0.0]])
        4.0
        """
        return float(self.function(y, a))

    def __repr__(self) -> str:
        return f"Loss({self.name!r})"

    def gradient(self, y: npt.ArrayLike, a: npt.ArrayLike) -> Float64Array:
        """Return ``dC/da``, the gradient of the mean cost with respect to ``a``.

        Parameters
        ----------
        y : array-like of shape (n_samples, n_outputs)
            Targets.
        a : array-like of shape (n_samples, n_outputs)
            Predictions.

        Returns
        -------
        ndarray of float64 of shape (n_samples, n_outputs)

        Raises
        ------
        ValueError
            If the loss has no derivative (a wrapped plain callable).

        Examples
        --------
        >>> get_loss("mse").gradient([[1.0], [0.0]], [[0.5], [0.0]]).tolist()
        [[-0.5], [0.0]]
        """
        if self.derivative is None:
            msg = (
                f"loss {self.name!r} has no derivative, so it cannot be trained "
                f"by backpropagation. Use one of {list(LOSS_DERIVATIVES)}."
            )
            raise ValueError(msg)
        return np.asarray(self.derivative(y, a), dtype=np.float64)


def get_loss(loss: Any, *, name: str = "loss") -> Loss:
    """Turn a name, a :class:`Loss` or a callable into a :class:`Loss`.

    Parameters
    ----------
    loss : str, Loss or callable
        A name in :data:`LOSSES`; a :class:`Loss` (returned as is); or a
        callable ``f(y, a) -> float``. A registered function maps back to its
        registry entry; any other callable is wrapped with
        ``derivative=None`` and can be evaluated but not trained on.
    name : str, default="loss"
        The parameter name used in error messages.

    Returns
    -------
    Loss

    Raises
    ------
    ValueError
        If ``loss`` is an unknown name; the message lists the valid ones.
    TypeError
        If ``loss`` is neither a string nor a callable.

    Examples
    --------
    >>> get_loss("binary_crossentropy")
    Loss('binary_crossentropy')
    >>> get_loss("hinge")
    Traceback (most recent call last):
    ...
    ValueError: Unknown loss 'hinge'. Valid names are: 'mse', 'binary_crossentropy', 'categorical_crossentropy'.
    """
    if isinstance(loss, Loss):
        return loss
    if isinstance(loss, str):
        key = check_choice(loss, name=name, choices=list(LOSSES))
        return Loss(key, LOSSES[key], LOSS_DERIVATIVES[key])
    if callable(loss):
        for key, function in LOSSES.items():
            if loss is function:
                return Loss(key, function, LOSS_DERIVATIVES[key])
        return Loss(getattr(loss, "__name__", type(loss).__name__), loss)
    msg = (
        f"{name} must be a name in {list(LOSSES)}, a Loss or a callable, "
        f"got {describe(loss)}."
    )
    raise TypeError(msg)
