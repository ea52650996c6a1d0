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

A learning rate may change with the step count: give an optimizer a
schedule (:class:`ExponentialDecay`, or the step function
:class:`PiecewiseConstantDecay`) as its ``learning_rate``, as Keras's
optimizers take ``keras.optimizers.schedules``. As in Keras, the schedule is
called with the number of steps taken before the current one (0 for the
first step).

Each optimizer keeps its state (velocities, moments, the step count) per
parameter array, in the order the arrays are given, and continues from it on
the next call, as a Keras optimizer does between calls of ``model.fit``;
:meth:`Optimizer.reset` starts afresh. :func:`get_optimizer` turns a name into
an optimizer with Keras's defaults.

Deliberately left out: Keras's other schedules (polynomial, inverse-time,
cosine) and its callables without a step argument, weight decay inside the
optimizer (AdamW; the package's ``l2`` penalty is part of the cost instead),
gradient clipping, AMSGrad, RMSprop's ``momentum`` and ``centered`` options
(the Keras defaults, ``momentum=0`` and ``centered=False``, are what is
implemented), and every other Keras optimizer.
"""

from __future__ import annotations

import bisect
import inspect
import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from neurons._validation import (
    Float64Array,
    check_bool,
    check_instance,
    check_int_at_least,
    check_nonnegative_float,
    check_positive_float,
    describe,
)

__all__ = [
    "SGD",
    "Adam",
    "ExponentialDecay",
    "LearningRateSchedule",
    "Optimizer",
    "PiecewiseConstantDecay",
    "RMSprop",
    "get_optimizer",
]


def _float_dtype(w: Any) -> np.dtype[Any]:
    """Return the dtype an optimizer computes in for the parameter array ``w``.

    ``w``'s own dtype if it is a float type (float32 stays float32), else
    float64.
    """
    dtype = np.asarray(w).dtype
    return dtype if np.issubdtype(dtype, np.floating) else np.dtype(np.float64)


class _ReprOfArguments:
    """A ``__repr__`` that reads like the constructor call: ``Adam(learning_rate=...)``.

    Like scikit-learn's ``get_params``, it relies on every ``__init__``
    argument being stored under its own name, and finds the arguments in the
    signature; one a subclass does not store is left out.
    """

    def _arguments(self) -> dict[str, Any]:
        names = inspect.signature(type(self)).parameters
        return {name: getattr(self, name) for name in names if hasattr(self, name)}

    def __repr__(self) -> str:
        arguments = ", ".join(f"{k}={v!r}" for k, v in self._arguments().items())
        return f"{type(self).__name__}({arguments})"


# --- learning-rate schedules -------------------------------------------------------


def _is_real(value: Any) -> bool:
    return isinstance(value, float | int | np.floating | np.integer) and not isinstance(
        value, bool | np.bool_
    )


class LearningRateSchedule(_ReprOfArguments):
    r"""Base class: a step size :math:`\eta(s)` for every step count :math:`s`.

    Keras's ``keras.optimizers.schedules.LearningRateSchedule``. An optimizer
    given a schedule as its ``learning_rate`` calls it before every step with
    :math:`s`, the number of steps it has taken so far (0 for the first step,
    as Keras passes ``optimizer.iterations``). A subclass defines
    ``__call__(step)``, which returns a positive float.

    Examples
    --------
    >>> class Halving(LearningRateSchedule):
    ...     def __call__(self, step):
    ...         return 1.0 / 2**step
    >>> opt = SGD(Halving())
    >>> w = np.zeros(1)
    >>> for _ in range(3):
    ...     opt.apply([np.ones(1)], [w])  # steps of 1, 0.5, 0.25
    >>> w.tolist()
    [-1.75]
    """

    def __call__(self, step: int) -> float:
        """Return the step size after ``step`` steps (0 for the first step)."""
        raise NotImplementedError


class ExponentialDecay(LearningRateSchedule):
    r"""A step size that falls by a constant factor (Keras's ``ExponentialDecay``).

    .. math::
        \eta(s) = \eta_0\, r^{\,s / S}
        \qquad\text{or, with } \texttt{staircase=True}, \qquad
        \eta(s) = \eta_0\, r^{\lfloor s / S \rfloor}

    at step count :math:`s` (steps taken so far), with initial step size
    :math:`\eta_0`, decay rate :math:`r` and decay steps :math:`S`: the step
    size is multiplied by :math:`r` every :math:`S` steps, smoothly or, with
    the staircase, at once (a step schedule). With :math:`S` the number of
    mini-batches per epoch and ``staircase=True``, the step size is constant
    within an epoch and falls by :math:`r` from one epoch to the next.

    Parameters
    ----------
    initial_learning_rate : float
        :math:`\eta_0 > 0`.
    decay_steps : int
        :math:`S \ge 1`.
    decay_rate : float
        :math:`r > 0` (below 1 for a decay).
    staircase : bool, default=False
        Whether :math:`s / S` is rounded down.

    Raises
    ------
    ValueError
        If ``initial_learning_rate`` or ``decay_rate`` is not positive and
        finite, or ``decay_steps`` < 1.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> schedule = ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
    >>> [round(schedule(s), 4) for s in (0, 5, 10, 20)]
    [0.1, 0.0707, 0.05, 0.025]
    >>> stairs = ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5, staircase=True)
    >>> [stairs(s) for s in (0, 9, 10, 19, 20)]
    [0.1, 0.1, 0.05, 0.05, 0.025]
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        decay_rate: float,
        staircase: Any = False,
    ) -> None:
        self.initial_learning_rate = check_positive_float(
            initial_learning_rate, name="initial_learning_rate"
        )
        self.decay_steps = check_int_at_least(decay_steps, name="decay_steps")
        self.decay_rate = check_positive_float(decay_rate, name="decay_rate")
        self.staircase = check_bool(staircase, name="staircase")

    def __call__(self, step: int) -> float:
        r"""Return :math:`\eta(s)` for ``step`` :math:`= s`."""
        p = step / self.decay_steps
        if self.staircase:
            p = math.floor(p)
        return self.initial_learning_rate * math.pow(self.decay_rate, p)


class PiecewiseConstantDecay(LearningRateSchedule):
    r"""A step size that is constant between boundaries (Keras's ``PiecewiseConstantDecay``).

    .. math::
        \eta(s) = \begin{cases}
            \eta_0 & s \le s_1 \\
            \eta_i & s_i < s \le s_{i+1} \\
            \eta_k & s > s_k
        \end{cases}

    at step count :math:`s` (steps taken so far), for boundaries
    :math:`s_1 < \dots < s_k` and values :math:`\eta_0, \dots, \eta_k`: the
    general step schedule (drop the step size at chosen steps).

    Parameters
    ----------
    boundaries : sequence of int
        Strictly increasing step counts :math:`s_1, \dots, s_k` (:math:`k \ge 1`).
    values : sequence of float
        The :math:`k + 1` step sizes, each positive and finite.

    Raises
    ------
    ValueError
        If ``values`` does not have one more entry than ``boundaries``, the
        boundaries do not increase, or a value is not positive and finite.
    TypeError
        If an entry has the wrong type.

    Examples
    --------
    >>> schedule = PiecewiseConstantDecay([2, 4], [0.1, 0.01, 0.001])
    >>> [schedule(s) for s in range(6)]
    [0.1, 0.1, 0.1, 0.01, 0.01, 0.001]
    """

    def __init__(self, boundaries: Sequence[int], values: Sequence[float]) -> None:
        check_instance(
            boundaries, Sequence, name="boundaries", expected="a list of ints"
        )
        check_instance(values, Sequence, name="values", expected="a list of floats")
        self.boundaries = [
            check_int_at_least(b, name=f"boundaries[{i}]", minimum=0)
            for i, b in enumerate(boundaries)
        ]
        self.values = [
            check_positive_float(v, name=f"values[{i}]") for i, v in enumerate(values)
        ]
        if not self.boundaries or len(self.values) != len(self.boundaries) + 1:
            msg = (
                "values must have one more entry than boundaries (at least one), "
                f"got {len(self.boundaries)} boundaries and {len(self.values)} values."
            )
            raise ValueError(msg)
        if any(b >= c for b, c in itertools.pairwise(self.boundaries)):
            msg = f"boundaries must increase strictly, got {self.boundaries!r}."
            raise ValueError(msg)

    def __call__(self, step: int) -> float:
        r"""Return :math:`\eta(s)` for ``step`` :math:`= s`."""
        # bisect_left counts the boundaries strictly below step: values[0]
        # while step <= boundaries[0], as in Keras.
        return self.values[bisect.bisect_left(self.boundaries, step)]


# --- the optimizers ------------------------------------------------------------


# Elements per block of a large array's update (256 KiB of float64): the
# temporaries of a block stay in the L2 cache.
_BLOCK = 32_768


class Optimizer(_ReprOfArguments):
    r"""Base class: state per parameter array, built on the first step.

    Subclasses define ``_slot_names`` (the state arrays each parameter
    array gets, zero at the start) and ``_update`` (one step of one array),
    and store each ``__init__`` argument under its own name: the ``repr``
    reads them from there.
    Read an optimizer's own docstring for its equations.

    Parameters
    ----------
    learning_rate : float or LearningRateSchedule
        Step size :math:`\eta > 0`, or a schedule that gives it for every
        step.

    Attributes
    ----------
    learning_rate : float or LearningRateSchedule
        The step size or its schedule, as given.
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

    def __init__(self, learning_rate: float | LearningRateSchedule) -> None:
        self.learning_rate: float | LearningRateSchedule = (
            learning_rate
            if isinstance(learning_rate, LearningRateSchedule)
            else check_positive_float(learning_rate, name="learning_rate")
        )
        self.iterations = 0
        # The step size of the step being taken: learning_rate, or its
        # schedule at the step count before this step (Keras's order).
        self._eta = 0.0
        self._slots: list[dict[str, Float64Array]] | None = None
        self._shapes: list[tuple[int, ...]] = []
        self._dtypes: list[np.dtype[Any]] = []

    @property
    def current_learning_rate(self) -> float:
        """The step size the next step will take (Keras's ``optimizer.learning_rate``).

        Examples
        --------
        >>> opt = SGD(ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5))
        >>> opt.current_learning_rate
        0.1
        >>> opt.apply([np.ones(1)], [np.zeros(1)])
        >>> opt.current_learning_rate
        0.05
        """
        if not isinstance(self.learning_rate, LearningRateSchedule):
            return self.learning_rate
        eta = self.learning_rate(self.iterations)
        if not (_is_real(eta) and math.isfinite(eta) and eta > 0):
            msg = (
                f"The learning-rate schedule {self.learning_rate!r} gave "
                f"{describe(eta)} at step {self.iterations}; it must give a "
                "positive finite number."
            )
            raise ValueError(msg)
        return float(eta)

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
        parameters : sequence of ndarray of float
            The arrays to update, in place. Each array's state and step are
            computed in its own dtype (float32 stays float32).

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
        self._prepare(parameters)
        self._step(gradients, parameters)

    def _prepare(self, parameters: Sequence[Float64Array]) -> None:
        """Build the state for ``parameters``, or check that it fits them.

        :meth:`~neurons.mlp.MLP.fit` calls this once, then :meth:`_step` for
        every batch.
        """
        shapes = [tuple(np.shape(w)) for w in parameters]
        if self._slots is None:
            # Keras's build(): every state array starts at zero, in its
            # parameter's dtype (float64 for a non-float array), so that a
            # float32 network's state and steps stay in float32, as Keras's do.
            self._shapes = shapes
            self._slots = [
                {
                    name: np.zeros(np.shape(w), _float_dtype(w))
                    for name in self._slot_names
                }
                for w in parameters
            ]
        elif shapes != self._shapes:
            msg = (
                f"This {type(self).__name__} holds state for parameter arrays of "
                f"shapes {self._shapes}, but was given arrays of shapes {shapes}. "
                "Call reset() or use a new optimizer for another network."
            )
            raise ValueError(msg)
        self._dtypes = [_float_dtype(w) for w in parameters]

    def _step(
        self, gradients: Sequence[Float64Array], parameters: Sequence[Float64Array]
    ) -> None:
        """One update of arrays that :meth:`_prepare` has seen."""
        if self._slots is None:  # a programming error inside the package
            msg = "_step was called before _prepare."
            raise RuntimeError(msg)
        self._eta = self.current_learning_rate
        self.iterations += 1
        for w, g, slots, dtype in zip(
            parameters, gradients, self._slots, self._dtypes, strict=True
        ):
            g = np.asarray(g, dtype=dtype)  # noqa: PLW2901 (the same gradient)
            if w.size <= _BLOCK or not w.flags.c_contiguous:
                self._update(w, g, slots)
                continue
            # A large array is updated block by block, so that the update's
            # temporaries stay in the cache: the same arithmetic, element by
            # element (every update rule here is elementwise).
            w, g = w.reshape(-1), g.reshape(-1)  # noqa: PLW2901 (views of w)
            flat_slots = {name: s.reshape(-1) for name, s in slots.items()}
            for start in range(0, w.size, _BLOCK):
                block = slice(start, start + _BLOCK)
                in_block = {name: s[block] for name, s in flat_slots.items()}
                self._update(w[block], g[block], in_block)

    def _update(
        self, w: Float64Array, g: Float64Array, slots: dict[str, Float64Array]
    ) -> None:
        raise NotImplementedError


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
    learning_rate : float or LearningRateSchedule, default=0.01
        Step size :math:`\eta > 0`, or its schedule.
    momentum : float, default=0.0
        Momentum :math:`\mu \in [0, 1)`.
    nesterov : bool, default=False
        Whether to use Nesterov momentum; needs ``momentum > 0``.

    Raises
    ------
    ValueError
        If ``learning_rate`` is a number that is not positive and finite,
        ``momentum`` is
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
        learning_rate: float | LearningRateSchedule = 0.01,
        momentum: float = 0.0,
        nesterov: Any = False,
    ) -> None:
        super().__init__(learning_rate)
        self.momentum = check_nonnegative_float(momentum, name="momentum", upper=1)
        nesterov = check_bool(nesterov, name="nesterov")
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
        eta, mu = self._eta, self.momentum
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


class RMSprop(Optimizer):
    r"""Steps divided by a running root mean square of the gradient (Keras's ``RMSprop``).

    .. math::
        s \leftarrow \rho s + (1 - \rho) g^2, \qquad
        w \leftarrow w - \frac{\eta\, g}{\sqrt{s + \epsilon}}

    elementwise, for every parameter array :math:`w` with gradient :math:`g`;
    :math:`s` (here the running mean square, not a schedule's step count)
    starts at zero. As in Keras, :math:`\epsilon` is added under
    the square root. This is Keras's ``RMSprop`` with its defaults
    ``momentum=0.0`` and ``centered=False``.

    Parameters
    ----------
    learning_rate : float or LearningRateSchedule, default=0.001
        Step size :math:`\eta > 0`, or its schedule.
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
        self,
        learning_rate: float | LearningRateSchedule = 0.001,
        rho: float = 0.9,
        epsilon: float = 1e-7,
    ) -> None:
        super().__init__(learning_rate)
        self.rho = check_nonnegative_float(rho, name="rho", upper=1)
        self.epsilon = check_positive_float(epsilon, name="epsilon")

    def _update(
        self, w: Float64Array, g: Float64Array, slots: dict[str, Float64Array]
    ) -> None:
        s = slots["mean_square"]
        s *= self.rho
        s += (1 - self.rho) * np.square(g)
        w -= self._eta * g / np.sqrt(s + self.epsilon)


class Adam(Optimizer):
    r"""Adaptive moment estimation (Keras's ``Adam``).

    .. math::
        m &\leftarrow m + (1 - \beta_1)(g - m), \qquad
        v \leftarrow v + (1 - \beta_2)(g^2 - v) \\
        \alpha_t &= \eta\, \frac{\sqrt{1 - \beta_2^t}}{1 - \beta_1^t}, \qquad
        w \leftarrow w - \frac{\alpha_t\, m}{\sqrt{v} + \epsilon}

    elementwise, for every parameter array :math:`w` with gradient :math:`g`,
    at step :math:`t = 1, 2, \dots`; :math:`m` and :math:`v` start at zero.
    As in Kingma and Ba, :math:`t` counts steps and :math:`m` is the first
    moment, not the signed target and the number of examples of the book's
    notation.
    The factor in :math:`\alpha_t` corrects both running means for their
    start at zero. As in Keras (and in Kingma and Ba's Algorithm 1 as
    rearranged in their section 2), :math:`\epsilon` is added to
    :math:`\sqrt{v}` after the correction is folded into :math:`\alpha_t`,
    not to the corrected :math:`\sqrt{\hat v}`.

    Parameters
    ----------
    learning_rate : float or LearningRateSchedule, default=0.001
        Step size :math:`\eta > 0`, or its schedule.
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
        learning_rate: float | LearningRateSchedule = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
    ) -> None:
        super().__init__(learning_rate)
        self.beta_1 = check_nonnegative_float(beta_1, name="beta_1", upper=1)
        self.beta_2 = check_nonnegative_float(beta_2, name="beta_2", upper=1)
        self.epsilon = check_positive_float(epsilon, name="epsilon")

    def _update(
        self, w: Float64Array, g: Float64Array, slots: dict[str, Float64Array]
    ) -> None:
        t = self.iterations
        alpha = self._eta * math.sqrt(1 - self.beta_2**t) / (1 - self.beta_1**t)
        m, v = slots["m"], slots["v"]
        m += (1 - self.beta_1) * (g - m)
        v += (1 - self.beta_2) * (np.square(g) - v)
        w -= alpha * m / (np.sqrt(v) + self.epsilon)


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
            f"got {describe(optimizer)}."
        )
        raise TypeError(msg)
    if optimizer.lower() not in OPTIMIZERS:
        msg = f"Unknown {name} {optimizer!r}. Valid names are: {valid}."
        raise ValueError(msg)
    return OPTIMIZERS[optimizer.lower()]()
