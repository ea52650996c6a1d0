"""Single units with fixed parameters: the McCulloch-Pitts neuron and the TLU.

Two units that the book studies before anything learns:

* :class:`McCullochPittsNeuron`, the binary unit of McCulloch and Pitts (1943):
  it counts its active excitatory inputs against a whole-number threshold,
  and any active inhibitory input silences it;
* :class:`TLU`, the threshold logic unit: real weights ``w`` and a bias ``b``,
  net input ``z = X @ w + b`` and a step activation, ``heaviside`` (0/1) or
  ``sign`` (-1/+1), both of which give the upper value at ``z = 0``.

Neither unit has a ``fit`` method: their parameters are set by hand, as the
book does when it builds logic gates. Learning the weights of a TLU is the job
of :class:`neurons.Perceptron`.

Deliberately left out: relative (subtractive) inhibition, weighted
McCulloch-Pitts synapses, time steps and networks with loops, which the 1943
paper also treats; and TLUs with other activations (those are the units of
:mod:`neurons.mlp`).
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from neurons._validation import (
    Float64Array,
    check_array,
    check_choice,
    check_vector,
    describe,
)
from neurons.activations import heaviside, sign

__all__ = ["TLU", "McCullochPittsNeuron"]

Int64Array = npt.NDArray[np.int64]

# The step activations a TLU accepts: outputs 0/1 and -1/+1.
_STEPS = {"heaviside": heaviside, "sign": sign}


# --- the checks only these units need ----------------------------------------


_REAL_TYPES = (int, float, np.integer, np.floating)


def _check_threshold(threshold: Any) -> int:
    """Return a McCulloch-Pitts threshold as an int; ``2.0`` passes, ``2.5`` not."""
    expected = "threshold must be a whole number >= 0"
    if isinstance(threshold, bool) or not isinstance(threshold, _REAL_TYPES):
        msg = f"{expected}, got {describe(threshold)}."
        raise TypeError(msg)
    if not np.isfinite(threshold) or threshold != int(threshold) or threshold < 0:
        msg = f"{expected}, got {threshold!r}."
        raise ValueError(msg)
    return int(threshold)


def _check_inhibitory(inhibitory: Any) -> tuple[int, ...]:
    """Return inhibitory input indices as a tuple of distinct ints >= 0."""
    if isinstance(inhibitory, str | bytes) or not isinstance(
        inhibitory, Sequence | np.ndarray | set | frozenset
    ):
        msg = (
            "inhibitory must be a sequence of input indices, "
            f"got {describe(inhibitory)}."
        )
        raise TypeError(msg)
    indices: list[int] = []
    for index in inhibitory:
        if isinstance(index, bool) or not isinstance(index, numbers.Integral):
            msg = f"inhibitory must hold integer indices, got {describe(index)}."
            raise TypeError(msg)
        if index < 0:
            msg = f"inhibitory must hold non-negative indices, got {int(index)}."
            raise ValueError(msg)
        indices.append(int(index))
    repeated = sorted({index for index in indices if indices.count(index) > 1})
    if repeated:
        msg = f"inhibitory must not repeat an index, got {indices} (repeated: {repeated})."
        raise ValueError(msg)
    return tuple(indices)


def _check_bias(bias: Any) -> float:
    """Return a TLU's bias as a float if it is a finite real number."""
    if isinstance(bias, bool) or not isinstance(bias, _REAL_TYPES):
        msg = f"bias must be a finite number, got {describe(bias)}."
        raise TypeError(msg)
    if not np.isfinite(bias):
        msg = f"bias must be a finite number, got {bias!r}."
        raise ValueError(msg)
    return float(bias)


def _check_binary_inputs(X: Any, inhibitory: tuple[int, ...]) -> Int64Array:
    """Return ``X`` as 0/1 int64 after checking it against the inhibitory indices."""
    array = check_array(X)
    not_binary = (array != 0) & (array != 1)
    if np.any(not_binary):
        values = np.unique(array[not_binary])[:5].tolist()
        msg = f"X must be binary (only 0 and 1), got the value(s) {values}."
        raise ValueError(msg)
    n_inputs = array.shape[1]
    out_of_range = [index for index in inhibitory if index >= n_inputs]
    if out_of_range:
        msg = (
            f"inhibitory index(es) {out_of_range} out of range for X of shape "
            f"{array.shape}: X has {n_inputs} input(s), so valid indices are 0 to "
            f"{n_inputs - 1}."
        )
        raise ValueError(msg)
    return array.astype(np.int64)


class McCullochPittsNeuron:
    r"""The binary threshold unit of McCulloch and Pitts (1943).

    .. math:: a = \begin{cases}
                1 & \text{if no inhibitory input is active and }
                    \sum_{j \notin I} x_j \ge \theta \\
                0 & \text{otherwise}
              \end{cases}

    where :math:`\theta` is the threshold and :math:`I` the set of inhibitory
    inputs. Inhibition is absolute: one active inhibitory input silences the
    unit whatever its excitatory inputs do.

    Parameters
    ----------
    threshold : int
        The number :math:`\theta \ge 0` of active excitatory inputs needed to
        fire. A whole-number float such as ``2.0`` is accepted.
    inhibitory : sequence of int, default=()
        Indices of the inputs (columns of ``X``) that inhibit. They are
        checked against the width of ``X`` when :meth:`predict` is called.

    Attributes
    ----------
    threshold : int
        The threshold, read-only.
    inhibitory : tuple of int
        The inhibitory input indices, read-only.

    Raises
    ------
    TypeError
        If ``threshold`` is not a number or ``inhibitory`` is not a sequence
        of integers.
    ValueError
        If ``threshold`` is negative or not whole, or ``inhibitory`` holds a
        negative or repeated index.

    See Also
    --------
    TLU : The same idea with real weights and a bias.

    Notes
    -----
    With threshold 0 the unit fires whenever it is not inhibited, so a single
    inhibitory input gives NOT. XOR needs more than one unit: it is not a
    threshold function of its inputs.

    References
    ----------
    - W. S. McCulloch and W. Pitts, "A logical calculus of the ideas
      immanent in nervous activity", *Bulletin of Mathematical Biophysics*
      5, 115-133 (1943).

    Examples
    --------
    >>> from neurons.datasets import logic_gate
    >>> X, _ = logic_gate("and")
    >>> X.tolist()
    [[0, 0], [0, 1], [1, 0], [1, 1]]
    >>> McCullochPittsNeuron(threshold=2).predict(X).tolist()  # AND
    [0, 0, 0, 1]
    >>> McCullochPittsNeuron(threshold=1).predict(X).tolist()  # OR
    [0, 1, 1, 1]
    >>> a_and_not_b = McCullochPittsNeuron(threshold=1, inhibitory=[1])
    >>> a_and_not_b
    McCullochPittsNeuron(threshold=1, inhibitory=(1,))
    >>> a_and_not_b.predict(X).tolist()
    [0, 0, 1, 0]
    >>> not_gate = McCullochPittsNeuron(threshold=0, inhibitory=[0])
    >>> not_gate.predict([[0], [1]]).tolist()
    [1, 0]
    >>> McCullochPittsNeuron(threshold=1).predict([[0], [1]]).tolist()  # identity
    [0, 1]
    """

    def __init__(self, threshold: int, inhibitory: Any = ()) -> None:
        # A unit with fixed parameters, not an estimator: checking here makes a
        # bad gate fail where it is built, not where it is first used.
        self._threshold = _check_threshold(threshold)
        self._inhibitory = _check_inhibitory(inhibitory)

    @property
    def threshold(self) -> int:
        """The number of active excitatory inputs needed to fire."""
        return self._threshold

    @property
    def inhibitory(self) -> tuple[int, ...]:
        """The indices of the inhibitory inputs."""
        return self._inhibitory

    def __repr__(self) -> str:
        if self._inhibitory:
            return (
                f"McCullochPittsNeuron(threshold={self._threshold}, "
                f"inhibitory={self._inhibitory})"
            )
        return f"McCullochPittsNeuron(threshold={self._threshold})"

    def predict(self, X: npt.ArrayLike) -> Int64Array:
        """Return the output, 0 or 1, of the unit for each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_inputs)
            Binary inputs (0 or 1; booleans are accepted).

        Returns
        -------
        ndarray of int64 of shape (n_samples,)
            1 where the unit fires, else 0.

        Raises
        ------
        TypeError
            If ``X`` is not numeric.
        ValueError
            If ``X`` is not a non-empty 2-D array of zeros and ones, or an
            inhibitory index is not a column of ``X``.

        Examples
        --------
        >>> McCullochPittsNeuron(threshold=2).predict([[1, 1, 0], [1, 1, 1]]).tolist()
        [1, 1]
        """
        X_binary = _check_binary_inputs(X, self._inhibitory)
        is_inhibitory = np.zeros(X_binary.shape[1], dtype=bool)
        is_inhibitory[list(self._inhibitory)] = True
        inhibited = X_binary[:, is_inhibitory].any(axis=1)
        excitation = X_binary[:, ~is_inhibitory].sum(axis=1)
        fires = (excitation >= self._threshold) & ~inhibited
        output: Int64Array = fires.astype(np.int64)
        return output


class TLU:
    r"""Threshold logic unit: a weighted sum followed by a step.

    .. math:: z = \mathbf{w} \cdot \mathbf{x} + b, \qquad a = H(z)
              \text{ or } \operatorname{sign}(z)

    The step gives the upper value at ``z = 0``: ``heaviside`` outputs 1 where
    ``z >= 0`` and 0 elsewhere; ``sign`` outputs +1 where ``z >= 0`` and -1
    elsewhere.

    Parameters
    ----------
    weights : array-like of shape (n_features,)
        The weight vector :math:`\mathbf{w}`; finite numbers.
    bias : float, default=0.0
        The bias :math:`b`; a finite number.
    activation : {"heaviside", "sign"}, default="heaviside"
        The step applied to ``z``: outputs 0/1 or -1/+1.

    Attributes
    ----------
    weights : ndarray of float64 of shape (n_features,)
        A read-only copy of the weights.
    bias : float
        The bias.
    activation : str
        The name of the step.

    Raises
    ------
    TypeError
        If ``weights`` or ``bias`` is not numeric, or ``activation`` is not a
        string.
    ValueError
        If ``weights`` is not a non-empty finite 1-D array, ``bias`` is not
        finite, or ``activation`` is not a valid name (the message lists them).

    See Also
    --------
    McCullochPittsNeuron : The binary unit with a whole-number threshold.
    neurons.Perceptron : Learns the weights and bias of a TLU from examples.

    Notes
    -----
    The decision boundary is the hyperplane :math:`\{\mathbf{x} : \mathbf{w}
    \cdot \mathbf{x} + b = 0\}`. The weight vector is normal to it and points
    towards the side where the unit outputs its upper value; the point
    :math:`-b\,\mathbf{w} / \lVert\mathbf{w}\rVert^2` lies on it, and its
    distance from the origin is :math:`|b| / \lVert\mathbf{w}\rVert`. With two
    inputs and :math:`w_2 \ne 0` it is the line :math:`x_2 = -(w_1 x_1 + b) /
    w_2`. :meth:`signed_distance` gives each point's distance from it, positive
    on the upper side.

    Examples
    --------
    >>> from neurons.datasets import logic_gate
    >>> X, y = logic_gate("and")
    >>> and_unit = TLU(weights=[1.0, 1.0], bias=-1.5)
    >>> and_unit
    TLU(weights=[1.0, 1.0], bias=-1.5, activation='heaviside')
    >>> and_unit.net_input(X).tolist()
    [-1.5, -0.5, -0.5, 0.5]
    >>> and_unit.predict(X).tolist() == y.tolist()
    True
    >>> TLU([1.0, 1.0], -1.5, activation="sign").predict(X).tolist()
    [-1, -1, -1, 1]
    """

    def __init__(
        self,
        weights: npt.ArrayLike,
        bias: float = 0.0,
        activation: str = "heaviside",
    ) -> None:
        w = check_vector(weights, name="weights").copy()
        w.flags.writeable = False
        self._weights = w
        self._bias = _check_bias(bias)
        self._activation = check_choice(
            activation, name="activation", choices=list(_STEPS)
        )

    @property
    def weights(self) -> Float64Array:
        """The weight vector ``w`` (read-only)."""
        return self._weights

    @property
    def bias(self) -> float:
        """The bias ``b``."""
        return self._bias

    @property
    def activation(self) -> str:
        """The name of the step: ``"heaviside"`` or ``"sign"``."""
        return self._activation

    def __repr__(self) -> str:
        return (
            f"TLU(weights={self._weights.tolist()}, bias={self._bias!r}, "
            f"activation={self._activation!r})"
        )

    def _check_X(self, X: npt.ArrayLike) -> Float64Array:
        return check_array(
            X,
            n_features=self._weights.shape[0],
            expected_by=f"this TLU, with weights of shape {self._weights.shape},",
        )

    def net_input(self, X: npt.ArrayLike) -> Float64Array:
        """Return the net input ``z = X @ w + b`` of each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs; ``n_features`` must equal the length of ``weights``.

        Returns
        -------
        z : ndarray of float64 of shape (n_samples,)
            The net inputs.

        Raises
        ------
        TypeError
            If ``X`` is not numeric.
        ValueError
            If ``X`` is empty, not 2-D, not finite, or has a number of columns
            other than the number of weights (the message names both shapes).

        Examples
        --------
        >>> TLU([2.0, -1.0], bias=0.5).net_input([[1.0, 1.0], [0.0, 3.0]]).tolist()
        [1.5, -2.5]
        """
        X_checked = self._check_X(X)
        z: Float64Array = X_checked @ self._weights + self._bias
        return z

    def predict(self, X: npt.ArrayLike) -> Int64Array:
        """Return the unit's output for each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.

        Returns
        -------
        ndarray of int64 of shape (n_samples,)
            0/1 for ``heaviside``, -1/+1 for ``sign``; the upper value where
            ``z >= 0``.

        Raises
        ------
        TypeError, ValueError
            As :meth:`net_input`.

        Examples
        --------
        >>> or_unit = TLU([1.0, 1.0], bias=-0.5)
        >>> or_unit.predict([[0, 0], [0, 1], [1, 0], [1, 1]]).tolist()
        [0, 1, 1, 1]
        >>> TLU([1.0], bias=0.0).predict([[0.0]]).tolist()  # z = 0 fires
        [1]
        """
        step = _STEPS[self._activation]
        return step(self.net_input(X)).astype(np.int64)

    def signed_distance(self, X: npt.ArrayLike) -> Float64Array:
        r"""Return each point's signed distance from the decision boundary.

        .. math:: d(\mathbf{x}) = \frac{\mathbf{w} \cdot \mathbf{x} + b}
                  {\lVert \mathbf{w} \rVert}

        Positive on the side the weight vector points to (where the unit
        outputs its upper value), negative on the other, zero on the boundary.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Points.

        Returns
        -------
        ndarray of float64 of shape (n_samples,)
            Signed Euclidean distances.

        Raises
        ------
        ValueError
            If every weight is zero (there is no boundary), or as
            :meth:`net_input`.

        Examples
        --------
        >>> unit = TLU([3.0, 4.0], bias=-5.0)  # the line 3 x1 + 4 x2 = 5
        >>> unit.signed_distance([[0.0, 0.0], [3.0, 4.0], [1.0, 0.5]]).tolist()
        [-1.0, 4.0, 0.0]
        """
        norm = float(np.linalg.norm(self._weights))
        if norm == 0.0:
            msg = (
                "signed_distance needs a non-zero weight vector: with weights "
                f"{self._weights.tolist()} the unit has no decision boundary."
            )
            raise ValueError(msg)
        return self.net_input(X) / norm
