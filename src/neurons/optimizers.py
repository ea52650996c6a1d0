r"""Optimizers: how a gradient becomes a step, defined exactly as Keras 3 defines them.

An optimizer turns the gradient :math:`g = \nabla C_{\text{batch}}` of every
parameter array :math:`w` (a weight matrix or a bias vector) into an update of
:math:`w`, in place. Three are defined here, each with Keras's update
equations and default arguments, so that :meth:`neurons.MLP.fit` with one of
them takes the same steps as Keras's ``model.fit`` with its namesake:

* :class:`SGD`: stochastic gradient descent, with optional classical or
  Nesterov momentum;
* :class:`RMSprop`: steps divided by a running root mean square of the
  gradient;
* :class:`Adam`: RMSprop's denominator and a running mean of the gradient
  as its numerator, both corrected for their start at zero.

Each optimizer keeps its state (velocities, moments, the step count) per
parameter array, in the order the arrays are given, and continues from it on
the next call, as a Keras optimizer does between calls of ``model.fit``;
:meth:`Optimizer.reset` starts afresh. :func:`get_optimizer` turns a name into
an optimizer with Keras's defaults.

Deliberately left out: learning-rate schedules, weight decay inside the
optimizer (AdamW; the package's ``l2`` penalty is part of the cost instead),
gradient clipping, AMSGrad, RMSprop's ``momentum`` and ``centered`` options
(the Keras defaults, ``momentum=0`` and ``centered=False``, are what is
implemented), and every other Keras optimizer.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["SGD", "Adam", "Optimizer", "RMSprop", "get_optimizer"]

Float64Array = npt.NDArray[np.float64]


# --- checks of optimizer arguments (this module's only) ------------------------


def _describe(value: Any) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} (type {type(value).__name__})"


def _is_number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, numbers.Real)


def _check_real(
    value: Any, *, name: str, expected: str, in_range: Callable[[float], bool]
) -> float:
    """Return ``value`` as a float if it is finite and ``in_range``, else raise.

    The error names ``name``, says ``expected`` and echoes the value given.
    """
    if not _is_number(value):
        msg = f"{name} must be {expected}, got {_describe(value)}."
        raise TypeError(msg)
    if not (math.isfinite(value) and in_range(value)):
        msg = f"{name} must be {expected}, got {value!r}."
        raise ValueError(msg)
    return float(value)


def _check_positive(value: Any, *, name: str) -> float:
    """Return ``value`` as a float if it is finite and > 0, else raise."""
    return _check_real(
        value, name=name, expected="a positive finite number", in_range=lambda x: x > 0
    )


def _check_unit_interval(value: Any, *, name: str) -> float:
    """Return ``value`` as a float if it is in [0, 1), else raise."""
    return _check_real(
        value,
        name=name,
        expected="a finite number in [0, 1)",
        in_range=lambda x: 0 <= x < 1,
    )


# --- the optimizers ------------------------------------------------------------


class Optimizer:
    r"""Base class: state per parameter array, built on the first step.

    Subclasses define ``_slot_names`` (the state arrays each parameter
    array gets, zero at the start) and ``_update`` (one step of one array).
    Read an optimizer's own docstring for its equations.

    Parameters
    ----------
    learning_rate : float
        Step size :math:`\eta > 0`.

    Attributes
    ----------
    learning_rate : float
        The step size.
    iterations : int
        Steps taken since the optimizer was made or reset (Keras's
        ``optimizer.iterations``).

    Examples
    --------
    >>> opt = SGD(learning_rate=0.1)
    >>> w = np.array([1.0, 2.0])
    >>> opt.apply([np.array([1.0, -1.0])], [w])
    >>> w.tolist(), opt.iterations
    ([0.9, 2.1], 1)
    """

    _slot_names: tuple[str, ...] = ()

    def __init__(self, learning_rate: float) -> None:
        self.learning_rate = _check_positive(learning_rate, name="learning_rate")
        self.iterations = 0
        self._slots: list[dict[str, Float64Array]] | None = None
        self._shapes: list[tuple[int, ...]] = []

    def reset(self) -> None:
        """Forget all state: the next step starts from zero moments and ``t = 1``.

        Examples
        --------
        >>> opt = Adam()
        >>> opt.apply([np.ones(2)], [np.zeros(2)])
        >>> opt.reset()
        >>> opt.iterations
        0
        """
        self.iterations = 0
        self._slots = None

    def apply(
        self, gradients: Sequence[Float64Array], parameters: Sequence[Float64Array]
    ) -> None:
        """Move every parameter array one step against its gradient, in place.

        The arguments are in Keras's order (``optimizer.apply(grads,
        variables)``). The gradients are not modified. State is kept per
        position in ``parameters``, so give the arrays in the same order on
        every call.

        Parameters
        ----------
        gradients : sequence of ndarray
            ``gradients[i]`` has the shape of ``parameters[i]``.
        parameters : sequence of ndarray of float64
            The arrays to update, in place.

        Raises
        ------
        ValueError
            If the two lists differ in length or in a shape (both are named),
            or if the shapes differ from those of earlier calls (the
            optimizer holds state for other arrays: :meth:`reset` it, or use
            a new one).

        Examples
        --------
        >>> opt = SGD(learning_rate=0.5)
        >>> w = np.array([[1.0]])
        >>> opt.apply([np.array([[2.0]])], [w])  # w - 0.5 * 2
        >>> w.tolist()
        [[0.0]]
        """
        if len(gradients) != len(parameters):
            msg = (
                f"gradients and parameters must be lists of the same length, got "
                f"{len(gradients)} gradients and {len(parameters)} parameters."
            )
            raise ValueError(msg)
        for index, (g, w) in enumerate(zip(gradients, parameters, strict=True)):
            if np.shape(g) != np.shape(w):
                msg = (
                    f"gradients[{index}] has shape {np.shape(g)}, but "
                    f"parameters[{index}] has shape {np.shape(w)}."
                )
                raise ValueError(msg)
        self._apply(gradients, parameters)

    def _apply(
        self, gradients: Sequence[Float64Array], parameters: Sequence[Float64Array]
    ) -> None:
        """Run :meth:`apply` on arguments whose lengths and shapes are checked."""
        shapes = [tuple(np.shape(w)) for w in parameters]
        if self._slots is None:
            # Keras's build(): every state array starts at zero.
            self._shapes = shapes
            self._slots = [
                {name: np.zeros(shape) for name in self._slot_names} for shape in shapes
            ]
        elif shapes != self._shapes:
            msg = (
                f"This {type(self).__name__} holds state for parameter arrays of "
                f"shapes {self._shapes}, but was given arrays of shapes {shapes}. "
                "Call reset() or use a new optimizer for another network."
            )
            raise ValueError(msg)
        self.iterations += 1
        for w, g, slots in zip(parameters, gradients, self._slots, strict=True):
            self._update(w, np.asarray(g, dtype=np.float64), slots)

    def _update(
        self, w: Float64Array, g: Float64Array, slots: dict[str, Float64Array]
    ) -> None:
        raise NotImplementedError

    def _arguments(self) -> dict[str, Any]:
        return {"learning_rate": self.learning_rate}

    def __repr__(self) -> str:
        arguments = ", ".join(f"{k}={v!r}" for k, v in self._arguments().items())
        return f"{type(self).__name__}({arguments})"


class SGD(Optimizer):
    r"""Stochastic gradient descent, with optional momentum (Keras's ``SGD``).

    .. math::
        \text{momentum} = 0: \quad & w \leftarrow w - \eta g \\
        \text{classical}: \quad & v \leftarrow \mu v - \eta g, \qquad
                                   w \leftarrow w + v \\
        \text{Nesterov}: \quad & v \leftarrow \mu v - \eta g, \qquad
                                  w \leftarrow w + \mu v - \eta g

    for every parameter array :math:`w` with gradient :math:`g`, velocity
    :math:`v` starting at zero. Nesterov's form looks ahead: it applies the
    new velocity once more, scaled by :math:`\mu`, as Keras writes it.

    Parameters
    ----------
    learning_rate : float, default=0.01
        Step size :math:`\eta > 0`.
    momentum : float, default=0.0
        Momentum :math:`\mu \in [0, 1)`.
    nesterov : bool, default=False
        Whether to use Nesterov momentum; needs ``momentum > 0``.

    Raises
    ------
    ValueError
        If ``learning_rate`` is not positive and finite, ``momentum`` is
        not in [0, 1), or ``nesterov=True`` with ``momentum=0`` (which would
        have no effect).
    TypeError
        If an argument is not a number (``nesterov``: not a bool).

    See Also
    --------
    RMSprop, Adam : Steps scaled per weight.

    Examples
    --------
    One step with momentum from zero velocity is a plain step; the second
    adds :math:`\mu` times the first:

    >>> opt = SGD(learning_rate=0.1, momentum=0.5)
    >>> w = np.array([1.0])
    >>> opt.apply([np.array([2.0])], [w])  # v = -0.2,              w = 0.8
    >>> opt.apply([np.array([2.0])], [w])  # v = 0.5 * -0.2 - 0.2,  w = 0.5
    >>> w.round(12).tolist()
    [0.5]
    """

    def __init__(
        self,
        learning_rate: float = 0.01,
        momentum: float = 0.0,
        nesterov: Any = False,
    ) -> None:
        super().__init__(learning_rate)
        self.momentum = _check_unit_interval(momentum, name="momentum")
        if not isinstance(nesterov, bool | np.bool_):
            msg = f"nesterov must be True or False, got {_describe(nesterov)}."
            raise TypeError(msg)
        if nesterov and self.momentum == 0:
            msg = (
                "nesterov=True needs momentum > 0: without momentum it would "
                "have no effect, got momentum=0.0."
            )
            raise ValueError(msg)
        self.nesterov = bool(nesterov)
        self._slot_names = ("velocity",) if self.momentum > 0 else ()

    def _update(
        self, w: Float64Array, g: Float64Array, slots: dict[str, Float64Array]
    ) -> None:
        eta, mu = self.learning_rate, self.momentum
        if mu == 0:
            w -= eta * g
            return
        v = slots["velocity"]
        v *= mu
        v -= eta * g
        if self.nesterov:
            w += mu * v - eta * g
        else:
            w += v

    def _arguments(self) -> dict[str, Any]:
        return {
            "learning_rate": self.learning_rate,
            "momentum": self.momentum,
            "nesterov": self.nesterov,
        }


class RMSprop(Optimizer):
    r"""Steps divided by a running root mean square of the gradient (Keras's ``RMSprop``).

    .. math::
        s \leftarrow \rho s + (1 - \rho) g^2, \qquad
        w \leftarrow w - \frac{\eta\, g}{\sqrt{s + \epsilon}}

    elementwise, for every parameter array :math:`w` with gradient :math:`g`;
    :math:`s` starts at zero. As in Keras, :math:`\epsilon` is added under
    the square root. This is Keras's ``RMSprop`` with its defaults
    ``momentum=0.0`` and ``centered=False``.

    Parameters
    ----------
    learning_rate : float, default=0.001
        Step size :math:`\eta > 0`.
    rho : float, default=0.9
        Decay :math:`\rho \in [0, 1)` of the running mean of :math:`g^2`.
    epsilon : float, default=1e-7
        :math:`\epsilon > 0`, which keeps the denominator away from zero.

    Raises
    ------
    ValueError
        If ``learning_rate`` or ``epsilon`` is not positive and finite, or
        ``rho`` is not in [0, 1).
    TypeError
        If an argument is not a number.

    See Also
    --------
    Adam : RMSprop's denominator with a running mean of :math:`g` on top.

    Examples
    --------
    The first step is about :math:`\eta / \sqrt{1 - \rho} = 0.00316` whatever
    the size of the gradient:

    >>> opt = RMSprop()
    >>> w = np.array([0.0, 0.0])
    >>> opt.apply([np.array([100.0, -0.1])], [w])
    >>> w.round(5).tolist()
    [-0.00316, 0.00316]
    """

    _slot_names = ("mean_square",)

    def __init__(
        self, learning_rate: float = 0.001, rho: float = 0.9, epsilon: float = 1e-7
    ) -> None:
        super().__init__(learning_rate)
        self.rho = _check_unit_interval(rho, name="rho")
        self.epsilon = _check_positive(epsilon, name="epsilon")

    def _update(
        self, w: Float64Array, g: Float64Array, slots: dict[str, Float64Array]
    ) -> None:
        s = slots["mean_square"]
        s *= self.rho
        s += (1 - self.rho) * np.square(g)
        w -= self.learning_rate * g / np.sqrt(s + self.epsilon)

    def _arguments(self) -> dict[str, Any]:
        return {
            "learning_rate": self.learning_rate,
            "rho": self.rho,
            "epsilon": self.epsilon,
        }


class Adam(Optimizer):
    r"""Adaptive moment estimation (Keras's ``Adam``).

    .. math::
        m &\leftarrow m + (1 - \beta_1)(g - m), \qquad
        v \leftarrow v + (1 - \beta_2)(g^2 - v) \\
        \alpha_t &= \eta\, \frac{\sqrt{1 - \beta_2^t}}{1 - \beta_1^t}, \qquad
        w \leftarrow w - \frac{\alpha_t\, m}{\sqrt{v} + \epsilon}

    elementwise, for every parameter array :math:`w` with gradient :math:`g`,
    at step :math:`t = 1, 2, \dots`; :math:`m` and :math:`v` start at zero.
    The factor in :math:`\alpha_t` corrects both running means for their
    start at zero. As in Keras (and in Kingma and Ba's Algorithm 1 as
    rearranged in their section 2), :math:`\epsilon` is added to
    :math:`\sqrt{v}` after the correction is folded into :math:`\alpha_t`,
    not to the corrected :math:`\sqrt{\hat v}`.

    Parameters
    ----------
    learning_rate : float, default=0.001
        Step size :math:`\eta > 0`.
    beta_1 : float, default=0.9
        Decay :math:`\beta_1 \in [0, 1)` of the running mean of :math:`g`.
    beta_2 : float, default=0.999
        Decay :math:`\beta_2 \in [0, 1)` of the running mean of :math:`g^2`.
    epsilon : float, default=1e-7
        :math:`\epsilon > 0`, which keeps the denominator away from zero.

    Raises
    ------
    ValueError
        If ``learning_rate`` or ``epsilon`` is not positive and finite, or
        ``beta_1`` or ``beta_2`` is not in [0, 1).
    TypeError
        If an argument is not a number.

    See Also
    --------
    RMSprop : The same denominator, without the running mean of :math:`g`.

    References
    ----------
    D. P. Kingma and J. Ba, "Adam: A method for stochastic optimization",
    ICLR 2015.

    Examples
    --------
    The first step moves every weight by about :math:`\eta`, against the sign
    of its gradient, whatever the gradient's size:

    >>> opt = Adam(learning_rate=0.1)
    >>> w = np.array([0.0, 0.0])
    >>> opt.apply([np.array([100.0, -0.01])], [w])
    >>> w.round(4).tolist()
    [-0.1, 0.1]
    """

    _slot_names = ("m", "v")

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
    ) -> None:
        super().__init__(learning_rate)
        self.beta_1 = _check_unit_interval(beta_1, name="beta_1")
        self.beta_2 = _check_unit_interval(beta_2, name="beta_2")
        self.epsilon = _check_positive(epsilon, name="epsilon")

    def _update(
        self, w: Float64Array, g: Float64Array, slots: dict[str, Float64Array]
    ) -> None:
        t = self.iterations
        alpha = (
            self.learning_rate * math.sqrt(1 - self.beta_2**t) / (1 - self.beta_1**t)
        )
        m, v = slots["m"], slots["v"]
        m += (1 - self.beta_1) * (g - m)
        v += (1 - self.beta_2) * (np.square(g) - v)
        w -= alpha * m / (np.sqrt(v) + self.epsilon)

    def _arguments(self) -> dict[str, Any]:
        return {
            "learning_rate": self.learning_rate,
            "beta_1": self.beta_1,
            "beta_2": self.beta_2,
            "epsilon": self.epsilon,
        }


OPTIMIZERS: dict[str, Callable[[], Optimizer]] = {
    "sgd": SGD,
    "rmsprop": RMSprop,
    "adam": Adam,
}
"""The optimizers by name, as Keras's ``optimizer="..."`` strings name them."""


def get_optimizer(optimizer: Any, *, name: str = "optimizer") -> Optimizer:
    """Return an optimizer for a name, or the optimizer itself.

    Parameters
    ----------
    optimizer : {"sgd", "rmsprop", "adam"} or Optimizer
        A name (case-insensitive), which gives the optimizer with Keras's
        default arguments, or an :class:`Optimizer`, returned as it is.
    name : str, default="optimizer"
        The parameter's name, for error messages.

    Returns
    -------
    Optimizer

    Raises
    ------
    ValueError
        If the name is unknown; the message lists the valid ones.
    TypeError
        If ``optimizer`` is neither a string nor an :class:`Optimizer`.

    Examples
    --------
    >>> get_optimizer("adam")
    Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07)
    >>> get_optimizer("adagrad")
    Traceback (most recent call last):
    ...
    ValueError: Unknown optimizer 'adagrad'. Valid names are: 'sgd', 'rmsprop', 'adam'.
    """
    if isinstance(optimizer, Optimizer):
        return optimizer
    valid = ", ".join(map(repr, OPTIMIZERS))
    if not isinstance(optimizer, str):
        msg = (
            f"{name} must be one of {valid} or a neurons.optimizers.Optimizer, "
            f"got {_describe(optimizer)}."
        )
        raise TypeError(msg)
    if optimizer.lower() not in OPTIMIZERS:
        msg = f"Unknown {name} {optimizer!r}. Valid names are: {valid}."
        raise ValueError(msg)
    return OPTIMIZERS[optimizer.lower()]()
