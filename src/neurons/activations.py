"""Activation functions ``a = f(z)`` and their derivatives ``f'(z)``.

Every activation is a pure function of the net input ``z`` that works
elementwise on arrays of any shape (softmax alone works on rows, over the last
axis). Each has a sibling derivative written in terms of ``z``, as the book
writes it, for example ``sigmoid_derivative(z) = sigmoid(z) * (1 - sigmoid(z))``.

One registry, :data:`ACTIVATIONS`, maps each name to an :class:`Activation`
record that carries the function, its derivative and, for softmax, the
backward step that backpropagation needs. :func:`get_activation` turns a name
or a callable into an :class:`Activation`; it and
:func:`neurons.losses.get_loss` share one resolver, so both report an unknown
name the same way, listing the valid ones.

Deliberately left out: activations with learned parameters (PReLU), the
smooth variants (ELU, GELU, swish, softplus) and any in-place computation. The
step functions :func:`heaviside` and :func:`sign` are here because the book
starts with them; their derivative is zero wherever it exists, which is why
gradient descent cannot train them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from neurons._validation import Float64Array, check_choice, describe

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "get_activation",
    "heaviside",
    "heaviside_derivative",
    "identity",
    "identity_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "sign",
    "sign_derivative",
    "softmax",
    "softmax_backward",
    "softmax_derivative",
    "tanh",
    "tanh_derivative",
]

ArrayFunction = Callable[[npt.ArrayLike], Float64Array]

#: Default slope of :func:`leaky_relu` for negative inputs.
LEAKY_RELU_ALPHA = 0.01


def _as_float(z: npt.ArrayLike) -> Float64Array:
    # float32 stays float32 (a float32 network's arrays); all else is float64.
    array = np.asarray(z)
    if array.dtype == np.float32:
        return array
    return array.astype(np.float64, copy=False)


# --- step functions -------------------------------------------------------


def heaviside(z: npt.ArrayLike) -> Float64Array:
    r"""Heaviside step: 1 where ``z >= 0``, else 0.

    .. math:: H(z) = 1 \text{ if } z \ge 0 \text{ else } 0

    The threshold unit of McCulloch and Pitts fires at zero net input, so
    ``heaviside(0) = 1``.

    Parameters
    ----------
    z : array-like
        Net input.

    Returns
    -------
    ndarray of float64
        Array of the same shape as ``z`` holding 0.0 and 1.0.

    See Also
    --------
    sign : The same step with outputs -1 and +1.

    Examples
    --------
    >>> heaviside([-2.0, 0.0, 3.0]).tolist()
    [0.0, 1.0, 1.0]
    """
    z = _as_float(z)
    return np.where(z >= 0, 1.0, 0.0)


def heaviside_derivative(z: npt.ArrayLike) -> Float64Array:
    r"""Return the derivative of :func:`heaviside`: zero everywhere.

    .. math:: H'(z) = 0 \quad (z \ne 0)

    The derivative is undefined at ``z = 0``; it is taken as 0 there too.
    A zero gradient is why gradient descent cannot train a step unit.

    Parameters
    ----------
    z : array-like
        Net input.

    Returns
    -------
    ndarray of float64
        Zeros of the same shape as ``z``.

    Examples
    --------
    >>> heaviside_derivative([-1.0, 0.0, 1.0]).tolist()
    [0.0, 0.0, 0.0]
    """
    return np.zeros_like(_as_float(z))


def sign(z: npt.ArrayLike) -> Float64Array:
    r"""Sign step: +1 where ``z >= 0``, else -1.

    .. math:: \operatorname{sign}(z) = +1 \text{ if } z \ge 0
              \text{ else } -1

    Unlike :func:`numpy.sign`, ``sign(0) = +1`` (the book's convention, so
    that the output is always a class label).

    Parameters
    ----------
    z : array-like
        Net input.

    Returns
    -------
    ndarray of float64
        Array of the same shape as ``z`` holding -1.0 and +1.0.

    See Also
    --------
    heaviside : The same step with outputs 0 and 1.

    Examples
    --------
    >>> sign([-2.0, 0.0, 3.0]).tolist()
    [-1.0, 1.0, 1.0]
    """
    z = _as_float(z)
    return np.where(z >= 0, 1.0, -1.0)


def sign_derivative(z: npt.ArrayLike) -> Float64Array:
    r"""Return the derivative of :func:`sign`: zero everywhere.

    .. math:: \operatorname{sign}'(z) = 0 \quad (z \ne 0)

    The derivative is undefined at ``z = 0``; it is taken as 0 there too.

    Parameters
    ----------
    z : array-like
        Net input.

    Returns
    -------
    ndarray of float64
        Zeros of the same shape as ``z``.

    Examples
    --------
    >>> sign_derivative([-1.0, 0.0, 1.0]).tolist()
    [0.0, 0.0, 0.0]
    """
    return np.zeros_like(_as_float(z))


# --- smooth and piecewise-linear activations -------------------------------


def identity(z: npt.ArrayLike) -> Float64Array:
    """Identity (linear) activation.

    .. math:: f(z) = z

    Parameters
    ----------
    z : array-like
        Net input.

    Returns
    -------
    ndarray of float64
        ``z`` as a float64 array.

    Examples
    --------
    >>> identity([-1.5, 0.0, 2.0]).tolist()
    [-1.5, 0.0, 2.0]
    """
    return _as_float(z).copy()


def identity_derivative(z: npt.ArrayLike) -> Float64Array:
    """Return the derivative of :func:`identity`: one everywhere.

    .. math:: f'(z) = 1

    Parameters
    ----------
    z : array-like
        Net input.

    Returns
    -------
    ndarray of float64
        Ones of the same shape as ``z``.

    Examples
    --------
    >>> identity_derivative([-1.5, 0.0, 2.0]).tolist()
    [1.0, 1.0, 1.0]
    """
    return np.ones_like(_as_float(z))


def sigmoid(z: npt.ArrayLike) -> Float64Array:
    r"""Logistic sigmoid.

    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}}

    Computed without overflow for large ``|z|``: with ``e = exp(-|z|) <= 1``,
    ``sigma(z) = 1 / (1 + e)`` for ``z >= 0`` and ``e / (1 + e)`` for
    ``z < 0``.

    Parameters
    ----------
    z : array-like
        Net input.

    Returns
    -------
    ndarray of float64
        Values in [0, 1], same shape as ``z``.

    Examples
    --------
    >>> sigmoid([-1000.0, 0.0, 1000.0]).tolist()
    [0.0, 0.5, 1.0]
    """
    z = _as_float(z)
    # exp(-|z|) never overflows; it underflows to 0 harmlessly for large |z|.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(z: npt.ArrayLike) -> Float64Array:
    r"""Return the derivative of :func:`sigmoid`.

    .. math:: \sigma'(z) = \sigma(z)\,(1 - \sigma(z))

    Parameters
    ----------
    z : array-like
        Net input.

    Returns
    -------
    ndarray of float64
        Values in [0, 0.25], same shape as ``z``.

    Examples
    --------
    >>> sigmoid_derivative([0.0]).tolist()
    [0.25]
    """
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z: npt.ArrayLike) -> Float64Array:
    r"""Hyperbolic tangent.

    .. math:: \tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}
              = 2\sigma(2z) - 1

    Parameters
    ----------
    z : array-like
        Net input.

    Returns
    -------
    ndarray of float64
        Values in [-1, 1], same shape as ``z``.

    Examples
    --------
    >>> tanh([-1000.0, 0.0, 1000.0]).tolist()
    [-1.0, 0.0, 1.0]
    """
    return np.tanh(_as_float(z))


def tanh_derivative(z: npt.ArrayLike) -> Float64Array:
    r"""Return the derivative of :func:`tanh`.

    .. math:: \tanh'(z) = 1 - \tanh^2(z)

    Parameters
    ----------
    z : array-like
        Net input.

    Returns
    -------
    ndarray of float64
        Values in [0, 1], same shape as ``z``.

    Examples
    --------
    >>> tanh_derivative([0.0]).tolist()
    [1.0]
    """
    t = tanh(z)
    return 1.0 - t**2


def relu(z: npt.ArrayLike) -> Float64Array:
    r"""Rectified linear unit.

    .. math:: \operatorname{relu}(z) = \max(0, z)

    Parameters
    ----------
    z : array-like
        Net input.

    Returns
    -------
    ndarray of float64
        Non-negative values, same shape as ``z``.

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0]).tolist()
    [0.0, 0.0, 3.0]
    """
    return np.maximum(_as_float(z), 0.0)


def relu_derivative(z: npt.ArrayLike) -> Float64Array:
    r"""Return the derivative of :func:`relu`.

    .. math:: \operatorname{relu}'(z) = 1 \text{ if } z > 0
              \text{ else } 0

    The derivative is undefined at ``z = 0``; it is taken as 0 there, as
    Keras, PyTorch and scikit-learn do.

    Parameters
    ----------
    z : array-like
        Net input.

    Returns
    -------
    ndarray of float64
        0.0 and 1.0, same shape as ``z``.

    Examples
    --------
    >>> relu_derivative([-2.0, 0.0, 3.0]).tolist()
    [0.0, 0.0, 1.0]
    """
    return np.where(_as_float(z) > 0, 1.0, 0.0)


def leaky_relu(z: npt.ArrayLike, alpha: float = LEAKY_RELU_ALPHA) -> Float64Array:
    r"""Leaky rectified linear unit.

    .. math:: f(z) = z \text{ if } z > 0 \text{ else } \alpha z

    Parameters
    ----------
    z : array-like
        Net input.
    alpha : float, default=0.01
        Slope for negative inputs. The registered ``"leaky_relu"`` uses the
        default; wrap another slope with :func:`functools.partial` only where
        no derivative is needed, or build an :class:`Activation` by hand.

    Returns
    -------
    ndarray of float64
        Same shape as ``z``.

    Examples
    --------
    >>> leaky_relu([-2.0, 0.0, 3.0]).tolist()
    [-0.02, 0.0, 3.0]
    >>> leaky_relu([-2.0], alpha=0.5).tolist()
    [-1.0]
    """
    z = _as_float(z)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_derivative(
    z: npt.ArrayLike, alpha: float = LEAKY_RELU_ALPHA
) -> Float64Array:
    r"""Return the derivative of :func:`leaky_relu`.

    .. math:: f'(z) = 1 \text{ if } z > 0 \text{ else } \alpha

    The derivative is undefined at ``z = 0``; it is taken as ``alpha`` there.
    JAX, and so Keras on JAX, takes 1 there; the two differ only for a net
    input of exactly 0.

    Parameters
    ----------
    z : array-like
        Net input.
    alpha : float, default=0.01
        Slope for negative inputs.

    Returns
    -------
    ndarray of float64
        1.0 and ``alpha``, same shape as ``z``.

    Examples
    --------
    >>> leaky_relu_derivative([-2.0, 0.0, 3.0]).tolist()
    [0.01, 0.01, 1.0]
    """
    return np.where(_as_float(z) > 0, 1.0, alpha)


# --- softmax ----------------------------------------------------------------


def softmax(z: npt.ArrayLike) -> Float64Array:
    r"""Softmax over the last axis.

    .. math:: \operatorname{softmax}(z)_k = \frac{e^{z_k}}{\sum_j e^{z_j}}

    Each row is shifted by its maximum before exponentiating; the result is
    unchanged (the shift cancels) and ``exp`` never overflows.

    Parameters
    ----------
    z : array-like of shape (..., n_classes)
        Net inputs; softmax acts on each vector along the last axis.

    Returns
    -------
    ndarray of float64 of the same shape as ``z``
        Positive values whose last axis sums to 1.

    Examples
    --------
    >>> [round(p, 4) for p in softmax([1.0, 2.0, 3.0]).tolist()]
    [0.09, 0.2447, 0.6652]
    >>> softmax([[1000.0, 1000.0]]).tolist()
    [[0.5, 0.5]]
    """
    z = _as_float(z)
    e: Float64Array = np.exp(z - np.max(z, axis=-1, keepdims=True))
    total: Float64Array = np.sum(e, axis=-1, keepdims=True)
    return e / total


def softmax_derivative(z: npt.ArrayLike) -> Float64Array:
    r"""Jacobian of :func:`softmax` with respect to its input.

    .. math:: \frac{\partial a_k}{\partial z_{k'}} = a_k([k = k'] - a_{k'}),
              \quad a = \operatorname{softmax}(z)

    where :math:`[k = k']` is 1 if :math:`k = k'` and 0 otherwise (a Kronecker
    delta, written so as not to clash with the error signal :math:`\delta^l`).

    Softmax mixes the entries of a row, so its derivative is a matrix per
    row, not a number per entry. Backpropagation never builds it: it uses the
    vector-Jacobian product :func:`softmax_backward`.

    Parameters
    ----------
    z : array-like of shape (..., n_classes)
        Net inputs.

    Returns
    -------
    ndarray of float64 of shape (..., n_classes, n_classes)
        ``J[..., k, k']`` is :math:`\partial a_k / \partial z_{k'}`.

    Examples
    --------
    >>> softmax_derivative([0.0, 0.0]).tolist()
    [[0.25, -0.25], [-0.25, 0.25]]
    """
    a = softmax(z)
    return a[..., :, None] * (np.eye(a.shape[-1]) - a[..., None, :])


def softmax_backward(
    z: npt.ArrayLike, a: npt.ArrayLike, grad_a: npt.ArrayLike
) -> Float64Array:
    r"""Vector-Jacobian product of :func:`softmax`: ``dC/dz`` from ``dC/da``.

    For the cost :math:`C`,

    .. math:: \frac{\partial C}{\partial z_{k'}}
              = \sum_k \frac{\partial C}{\partial a_k} a_k([k = k'] - a_{k'})
              = a_{k'}\Big(\frac{\partial C}{\partial a_{k'}}
                - \sum_k \frac{\partial C}{\partial a_k} a_k\Big)

    Parameters
    ----------
    z : array-like of shape (..., n_classes)
        Net inputs (unused: the product needs only ``a``; kept so that every
        activation's backward step has the same signature).
    a : array-like of shape (..., n_classes)
        ``softmax(z)``.
    grad_a : array-like of shape (..., n_classes)
        Gradient of the cost with respect to ``a``.

    Returns
    -------
    ndarray of float64 of the same shape as ``a``
        Gradient of the cost with respect to ``z``.

    Examples
    --------
    >>> z = [0.0, 0.0]
    >>> softmax_backward(z, softmax(z), [1.0, 0.0]).tolist()
    [0.25, -0.25]
    """
    del z  # the Jacobian of softmax is a function of its output a alone
    a = _as_float(a)
    grad_a = _as_float(grad_a)
    weighted: Float64Array = np.sum(grad_a * a, axis=-1, keepdims=True)
    return a * (grad_a - weighted)


# --- the Activation record, the registry and the resolver --------------------

BackwardFunction = Callable[[npt.ArrayLike, npt.ArrayLike, npt.ArrayLike], Float64Array]


@dataclass(frozen=True)
class Activation:
    r"""An activation function with its derivative and backward step.

    .. math:: a = f(z), \qquad
              \frac{\partial C}{\partial z} = \frac{\partial C}{\partial a}
              \odot f'(z)

    Parameters
    ----------
    name : str
        Name used in messages and ``repr``.
    function : callable
        ``a = function(z)``.
    derivative : callable or None, default=None
        ``f'(z)`` for an elementwise activation (the Jacobian for softmax).
        ``None`` for a plain callable: the activation then works in a forward
        pass but not in training.
    vjp : callable or None, default=None
        ``vjp(z, a, grad_a) -> grad_z`` for an activation that is not
        elementwise (softmax). ``None`` means elementwise:
        ``grad_z = grad_a * derivative(z)``.

    See Also
    --------
    get_activation : Build an ``Activation`` from a name or a callable.
    ACTIVATIONS : The registered activations, one ``Activation`` each.

    Examples
    --------
    >>> act = get_activation("sigmoid")
    >>> act
    Activation('sigmoid')
    >>> act([0.0]).tolist(), act.backward([0.0], act([0.0]), [1.0]).tolist()
    ([0.5], [0.25])
    """

    name: str
    function: ArrayFunction
    derivative: ArrayFunction | None = None
    vjp: BackwardFunction | None = None

    def __call__(self, z: npt.ArrayLike) -> Float64Array:
        """Return ``f(z)``.

        Examples
        --------
        >>> get_activation("relu")([-1.0, 2.0]).tolist()
        [0.0, 2.0]
        """
        return _as_float(self.function(z))

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"

    @property
    def differentiable(self) -> bool:
        """Whether the activation has a derivative, so that it can be trained.

        Examples
        --------
        >>> get_activation("tanh").differentiable
        True
        >>> get_activation(abs).differentiable
        False
        """
        return self.derivative is not None or self.vjp is not None

    def backward(
        self, z: npt.ArrayLike, a: npt.ArrayLike, grad_a: npt.ArrayLike
    ) -> Float64Array:
        r"""Return ``dC/dz`` given ``dC/da``: one step of backpropagation.

        .. math:: \frac{\partial C}{\partial z} =
                  \frac{\partial C}{\partial a} \odot f'(z)

        for an elementwise activation; softmax uses its vector-Jacobian
        product (:func:`softmax_backward`).

        Parameters
        ----------
        z : array-like
            Net input of the layer.
        a : array-like
            ``f(z)``, cached by the forward pass.
        grad_a : array-like
            Gradient of the cost with respect to ``a``.

        Returns
        -------
        ndarray of float64
            Gradient of the cost with respect to ``z``, shaped like ``z``.

        Raises
        ------
        ValueError
            If the activation has no derivative (a wrapped plain callable).

        Examples
        --------
        >>> relu_act = get_activation("relu")
        >>> relu_act.backward([-1.0, 2.0], [0.0, 2.0], [5.0, 5.0]).tolist()
        [0.0, 5.0]
        """
        if self.vjp is not None:
            return _as_float(self.vjp(z, a, grad_a))
        if self.derivative is None:
            msg = (
                f"activation {self.name!r} has no derivative, so it cannot be "
                "trained by backpropagation. Use one of the registered names "
                f"{list(ACTIVATIONS)} or build an Activation with a derivative."
            )
            raise ValueError(msg)
        grad = _as_float(grad_a)
        return grad * np.asarray(self.derivative(z), dtype=grad.dtype)


#: The registered activations by name, each an :class:`Activation` that
#: carries its function and its derivative (written in terms of ``z``). The
#: mapping is read-only. Softmax's derivative is its Jacobian (one matrix per
#: row) and its backward step the vector-Jacobian product
#: :func:`softmax_backward`; every other activation works entry by entry.
ACTIVATIONS: Mapping[str, Activation] = MappingProxyType(
    {
        "heaviside": Activation("heaviside", heaviside, heaviside_derivative),
        "sign": Activation("sign", sign, sign_derivative),
        "identity": Activation("identity", identity, identity_derivative),
        "sigmoid": Activation("sigmoid", sigmoid, sigmoid_derivative),
        "tanh": Activation("tanh", tanh, tanh_derivative),
        "relu": Activation("relu", relu, relu_derivative),
        "leaky_relu": Activation("leaky_relu", leaky_relu, leaky_relu_derivative),
        "softmax": Activation(
            "softmax", softmax, softmax_derivative, vjp=softmax_backward
        ),
    }
)


class _Entry(Protocol):
    """What :func:`_resolve` needs of a registry entry (Activation, Loss)."""

    @property
    def name(self) -> str: ...

    @property
    def function(self) -> Callable[..., Any]: ...


EntryT = TypeVar("EntryT", bound=_Entry)


def _resolve(
    value: Any, registry: Mapping[str, EntryT], kind: type[EntryT], *, name: str
) -> EntryT:
    """Turn a name, an entry or a callable into an entry of ``registry``.

    The one resolver behind :func:`get_activation` and
    :func:`neurons.losses.get_loss`. A name is looked up (an unknown one
    raises, listing the valid names); an entry of type ``kind`` is returned as
    is; a registered function maps back to its entry, derivative included;
    any other callable is wrapped as ``kind(label, value)``, without a
    derivative. ``name`` is the parameter name used in messages.
    """
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        return registry[check_choice(value, name=name, choices=list(registry))]
    if callable(value):
        for entry in registry.values():
            if value is entry.function:
                return entry
        label = getattr(value, "__name__", type(value).__name__)
        wrap: Callable[[str, Any], EntryT] = kind
        return wrap(label, value)
    article = "an" if kind.__name__[0] in "AEIOU" else "a"
    msg = (
        f"{name} must be a name in {list(registry)}, {article} {kind.__name__} "
        f"or a callable, got {describe(value)}."
    )
    raise TypeError(msg)


def get_activation(activation: Any, *, name: str = "activation") -> Activation:
    """Turn a name, an :class:`Activation` or a callable into an :class:`Activation`.

    Parameters
    ----------
    activation : str, Activation or callable
        A name in :data:`ACTIVATIONS`; an :class:`Activation` (returned as
        is); or a callable. A registered function (``neurons.activations.tanh``)
        maps back to its registry entry, derivative included; any other
        callable is wrapped with ``derivative=None`` and can be used only
        where no derivative is needed (a forward pass, a plot).
    name : str, default="activation"
        The parameter name used in error messages.

    Returns
    -------
    Activation

    Raises
    ------
    ValueError
        If ``activation`` is an unknown name; the message lists the valid ones.
    TypeError
        If ``activation`` is neither a string nor a callable.

    Examples
    --------
    >>> get_activation("tanh")
    Activation('tanh')
    >>> get_activation(sigmoid).derivative is sigmoid_derivative
    True
    >>> get_activation("swish")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Unknown activation 'swish'. Valid names are: 'heaviside', ...
    """
    return _resolve(activation, ACTIVATIONS, Activation, name=name)
