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
a zero gradient wherever the clipping is active. That zero is a real defect of
computing cross-entropy from probabilities: a sigmoid output at
:math:`z = -20` for a target of 1 has :math:`a \approx 2 \times 10^{-9}`, is
clipped, and gets no gradient at all, although it is as wrong as it can be.
The book uses these functions to show the defect.

The cure is to compute the two cross-entropies from the output layer's net
input ``z`` (the *logits*), as ``from_logits=True`` does in Keras:

* :func:`binary_crossentropy_from_logits` is the same cost of
  ``a = sigmoid(z)``, written as :math:`\max(z, 0) - zy + \log(1 + e^{-|z|})`;
* :func:`categorical_crossentropy_from_logits` is the same cost of
  ``a = softmax(z)``, written with the log-sum-exp of ``z``.

Neither clips nor overflows, each cost is the true :math:`-\log p` however
small :math:`p` is, and each gradient with respect to ``z`` is the exact
:math:`(p - y)/m` (over :math:`mK` for binary cross-entropy, which is also
averaged over the ``K`` outputs). :class:`neurons.mlp.MLP` uses them whenever
its output activation is the one the loss pairs with.

:data:`LOSSES` maps each name to a :class:`Loss` record that carries the loss,
its derivative and, for the cross-entropies, the from-logits form with its
derivative and the output activation it pairs with. :func:`get_loss` turns a
name into a :class:`Loss` with the resolver that
:func:`neurons.activations.get_activation` uses.

Deliberately left out: label smoothing, sample weights, sparse integer targets
and the other Keras losses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from neurons._validation import Float64Array
from neurons.activations import _resolve, sigmoid, softmax

__all__ = [
    "EPSILON",
    "LOSSES",
    "Loss",
    "binary_crossentropy",
    "binary_crossentropy_derivative",
    "binary_crossentropy_from_logits",
    "binary_crossentropy_from_logits_derivative",
    "categorical_crossentropy",
    "categorical_crossentropy_derivative",
    "categorical_crossentropy_from_logits",
    "categorical_crossentropy_from_logits_derivative",
    "get_loss",
    "mse",
    "mse_derivative",
]

#: Keras's fuzz factor ``keras.config.epsilon()``: predictions are clipped to
#: ``[EPSILON, 1 - EPSILON]`` before taking logarithms.
EPSILON = 1e-7

LossFunction = Callable[[npt.ArrayLike, npt.ArrayLike], float]
LossDerivative = Callable[[npt.ArrayLike, npt.ArrayLike], Float64Array]


def _as_pair(
    y: npt.ArrayLike, a: npt.ArrayLike, *, name: str = "a"
) -> tuple[Float64Array, Float64Array]:
    # ``name`` is the second argument's name: "a" (predictions) or "z" (logits).
    # float32 pairs (a float32 network's) stay float32; all else is float64.
    y, a = np.asarray(y), np.asarray(a)
    dtype = np.float32 if np.result_type(y, a) == np.float32 else np.float64
    y = y.astype(dtype, copy=False)
    a = a.astype(dtype, copy=False)
    if y.shape != a.shape:
        msg = (
            f"y and {name} must have the same shape, got y of shape {y.shape} "
            f"and {name} of shape {a.shape}."
        )
        raise ValueError(msg)
    if y.ndim == 0:
        msg = f"y and {name} must be at least 1-D arrays, got scalars."
        raise ValueError(msg)
    return y, a


def _n_rows(a: Float64Array) -> int:
    # Every loss is a mean over the rows (samples); a 1-D array is one row.
    return int(a.size // a.shape[-1])


def mse(y: npt.ArrayLike, a: npt.ArrayLike) -> float:
    r"""Mean squared error.

    .. math:: C = \frac{1}{m}\sum_{i=1}^{m} \frac{1}{K}\sum_{k=1}^{K}
              (y_{ik} - a_{ik})^2

    for ``m`` samples and ``K`` outputs, as ``keras.losses.MeanSquaredError``.

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

    .. math:: \frac{\partial C}{\partial a_{ik}} = \frac{2}{mK}(a_{ik} - y_{ik})

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

    .. math:: C = -\frac{1}{m}\sum_{i=1}^{m} \frac{1}{K}\sum_{k=1}^{K}
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

    .. math:: \frac{\partial C}{\partial a_{ik}} = \frac{1}{mK}
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

    .. math:: C = -\frac{1}{m}\sum_{i=1}^{m}\sum_{k=1}^{K} y_{ik}\log \hat p_{ik},
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

    With :math:`S_i = \sum_{k'} a_{ik'}`, :math:`p = a / S` and
    :math:`g_{ik} = -y_{ik} / p_{ik}` where the clipping is inactive (else 0),
    the chain rule through the renormalisation gives

    .. math:: \frac{\partial C}{\partial a_{ik}} = \frac{1}{m\,S_i}
              \Big(g_{ik} - \sum_{k'} g_{ik'}\,p_{ik'}\Big)

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


# --- cross-entropy from the logits -------------------------------------------


def binary_crossentropy_from_logits(y: npt.ArrayLike, z: npt.ArrayLike) -> float:
    r"""Binary cross-entropy of ``sigmoid(z)``, computed from the logits ``z``.

    .. math:: C = \frac{1}{m}\sum_{i=1}^{m} \frac{1}{K}\sum_{k=1}^{K}
              \big[\max(z_{ik}, 0) - z_{ik} y_{ik}
              + \log\big(1 + e^{-|z_{ik}|}\big)\big]

    This is :func:`binary_crossentropy` of :math:`a = \sigma(z)` without the
    clipping: :math:`-\log\sigma(z) = \log(1 + e^{-z})` and
    :math:`-\log(1 - \sigma(z)) = \log(1 + e^{z})`, rearranged so that no
    exponential overflows. It equals
    ``keras.losses.BinaryCrossentropy(from_logits=True)``.

    Parameters
    ----------
    y : array-like of shape (n_samples, n_outputs)
        Targets in [0, 1] (usually 0 or 1).
    z : array-like of shape (n_samples, n_outputs)
        Logits: the net input of the sigmoid output layer.

    Returns
    -------
    float
        The mean cost.

    Raises
    ------
    ValueError
        If ``y`` and ``z`` differ in shape.

    See Also
    --------
    binary_crossentropy : The same loss of probabilities, clipped as in Keras.

    Examples
    --------
    A confidently wrong output costs what it should, :math:`-\log\sigma(-25)
    \approx 25`; from the clipped probability it costs only
    :math:`-\log 10^{-7} \approx 16.1`:

    >>> from neurons.activations import sigmoid
    >>> round(binary_crossentropy_from_logits([[1.0]], [[-25.0]]), 6)
    25.0
    >>> round(binary_crossentropy([[1.0]], sigmoid([[-25.0]])), 6)
    16.118096
    """
    y, z = _as_pair(y, z, name="z")
    # log(1 + exp(-|z|)) never overflows; log1p keeps it exact when tiny.
    per_entry = np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(np.mean(per_entry, axis=-1)))


def binary_crossentropy_from_logits_derivative(
    y: npt.ArrayLike, z: npt.ArrayLike
) -> Float64Array:
    r"""Return the gradient of :func:`binary_crossentropy_from_logits` with respect to ``z``.

    .. math:: \frac{\partial C}{\partial z_{ik}}
              = \frac{\sigma(z_{ik}) - y_{ik}}{mK}

    for ``m`` samples and ``K`` outputs: prediction minus target, exact for
    any target in [0, 1], and never zero while the prediction is wrong.

    Parameters
    ----------
    y : array-like of shape (n_samples, n_outputs)
        Targets.
    z : array-like of shape (n_samples, n_outputs)
        Logits.

    Returns
    -------
    ndarray of float64 of shape (n_samples, n_outputs)

    Raises
    ------
    ValueError
        If ``y`` and ``z`` differ in shape.

    Examples
    --------
    >>> binary_crossentropy_from_logits_derivative([[1.0], [0.0]],
    ...                                            [[-30.0], [0.0]]).tolist()
    [[-0.5], [0.25]]
    """
    y, z = _as_pair(y, z, name="z")
    return (sigmoid(z) - y) / z.size


def _log_softmax(z: Float64Array) -> Float64Array:
    # log softmax(z) = z - logsumexp(z), with the row maximum shifted out so
    # that exp never overflows; the largest term is exp(0) = 1, so the log
    # never sees 0.
    shifted: Float64Array = z - np.max(z, axis=-1, keepdims=True)
    log_total: Float64Array = np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
    return shifted - log_total


def categorical_crossentropy_from_logits(y: npt.ArrayLike, z: npt.ArrayLike) -> float:
    r"""Categorical cross-entropy of ``softmax(z)``, computed from the logits ``z``.

    .. math:: C = -\frac{1}{m}\sum_{i=1}^{m}\sum_{k=1}^{K} y_{ik}
              \Big(z_{ik} - \log\sum_{j=1}^{K} e^{z_{ij}}\Big)

    This is :func:`categorical_crossentropy` of :math:`a = \operatorname{softmax}(z)`
    without the clipping; the log-sum-exp is taken after subtracting each
    row's maximum, so nothing overflows. It equals
    ``keras.losses.CategoricalCrossentropy(from_logits=True)``, which like
    this function does not renormalise the targets.

    Parameters
    ----------
    y : array-like of shape (n_samples, n_classes)
        Targets, usually one-hot rows.
    z : array-like of shape (n_samples, n_classes)
        Logits: the net input of the softmax output layer.

    Returns
    -------
    float
        The mean cost.

    Raises
    ------
    ValueError
        If ``y`` and ``z`` differ in shape.

    See Also
    --------
    categorical_crossentropy : The same loss of probabilities, clipped as in Keras.

    Examples
    --------
    >>> round(categorical_crossentropy_from_logits([[0, 1]], [[0.0, 0.0]]), 6)
    0.693147
    >>> round(categorical_crossentropy_from_logits([[0, 1]], [[30.0, 0.0]]), 6)
    30.0
    """
    y, z = _as_pair(y, z, name="z")
    per_sample = -np.sum(y * _log_softmax(z), axis=-1)
    return float(np.mean(per_sample))


def categorical_crossentropy_from_logits_derivative(
    y: npt.ArrayLike, z: npt.ArrayLike
) -> Float64Array:
    r"""Return the gradient of :func:`categorical_crossentropy_from_logits` with respect to ``z``.

    With :math:`p = \operatorname{softmax}(z)`,

    .. math:: \frac{\partial C}{\partial z_{ik}}
              = \frac{1}{m}\Big(p_{ik}\sum_{k'} y_{ik'} - y_{ik}\Big),

    which is :math:`(p_{ik} - y_{ik})/m` for one-hot rows: prediction minus
    target, exact, and never zero while the prediction is wrong.

    Parameters
    ----------
    y : array-like of shape (n_samples, n_classes)
        Targets, usually one-hot rows.
    z : array-like of shape (n_samples, n_classes)
        Logits.

    Returns
    -------
    ndarray of float64 of shape (n_samples, n_classes)

    Raises
    ------
    ValueError
        If ``y`` and ``z`` differ in shape.

    Examples
    --------
    >>> categorical_crossentropy_from_logits_derivative([[0, 1]],
    ...                                                 [[0.0, 0.0]]).tolist()
    [[0.5, -0.5]]
    """
    y, z = _as_pair(y, z, name="z")
    row_totals: Float64Array = np.sum(y, axis=-1, keepdims=True)
    return (softmax(z) * row_totals - y) / _n_rows(z)


# --- the Loss record, the registry and the resolver ---------------------------


@dataclass(frozen=True)
class Loss:
    r"""A loss function with its derivative, and its from-logits form if it has one.

    .. math:: C = \text{function}(y, a), \qquad
              \frac{\partial C}{\partial a} = \text{derivative}(y, a)

    and, for a loss paired with an output activation :math:`f`,
    :math:`\text{from\_logits}(y, z) = \text{function}(y, f(z))` computed
    without clipping.

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
    from_logits : callable or None, default=None
        ``from_logits(y, z) -> float``, the same mean cost computed from the
        net input ``z`` of an ``output_activation`` layer.
    from_logits_derivative : callable or None, default=None
        ``from_logits_derivative(y, z) -> ndarray``, its gradient with
        respect to ``z``.
    output_activation : str or None, default=None
        The name of the output activation that ``from_logits`` undoes
        (``"sigmoid"`` or ``"softmax"``).

    See Also
    --------
    get_loss : Build a ``Loss`` from a name.
    LOSSES : The registered losses, one ``Loss`` each.

    Examples
    --------
    >>> loss = get_loss("mse")
    >>> loss
    Loss('mse')
    >>> loss([[1.0]], [[0.0]]), loss.derivative([[1.0]], [[0.0]]).tolist()
    (1.0, [[-2.0]])
    >>> LOSSES["categorical_crossentropy"].output_activation
    'softmax'
    """

    name: str
    function: LossFunction
    derivative: LossDerivative | None = None
    from_logits: LossFunction | None = None
    from_logits_derivative: LossDerivative | None = None
    output_activation: str | None = None

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
                f"by backpropagation. Use one of {list(LOSSES)}."
            )
            raise ValueError(msg)
        return np.asarray(self.derivative(y, a), dtype=np.float64)


#: The registered losses by name (Keras's names), each a :class:`Loss` that
#: carries the loss of probabilities and its derivative, and for the two
#: cross-entropies the from-logits form, its derivative and the output
#: activation it pairs with. The mapping is read-only.
LOSSES: Mapping[str, Loss] = MappingProxyType(
    {
        "mse": Loss("mse", mse, mse_derivative),
        "binary_crossentropy": Loss(
            "binary_crossentropy",
            binary_crossentropy,
            binary_crossentropy_derivative,
            from_logits=binary_crossentropy_from_logits,
            from_logits_derivative=binary_crossentropy_from_logits_derivative,
            output_activation="sigmoid",
        ),
        "categorical_crossentropy": Loss(
            "categorical_crossentropy",
            categorical_crossentropy,
            categorical_crossentropy_derivative,
            from_logits=categorical_crossentropy_from_logits,
            from_logits_derivative=categorical_crossentropy_from_logits_derivative,
            output_activation="softmax",
        ),
    }
)


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
    return _resolve(loss, LOSSES, Loss, name=name)
