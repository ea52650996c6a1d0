"""Rosenblatt's perceptron: a TLU whose weights are learned one mistake at a time.

The learning rule, for a target ``t`` in {-1, +1}, net input
``z = w . x + b`` and learning rate ``eta``::

    if t * z <= 0:          # a mistake, or a point on the boundary
        w <- w + eta * t * x
        b <- b + eta * t

:class:`Perceptron` applies it to every sample in turn, epoch after epoch,
until an epoch passes without a mistake; more than two classes are handled
one-vs-rest, one unit per class. :func:`perceptron_steps` runs the same rule,
through the same code, and yields a :class:`PerceptronStep` record for every
sample visited, for tables of updates and animations of the boundary.

With ``shuffle=False`` the weights after ``k`` epochs equal, bit for bit,
those of scikit-learn's ``Perceptron(shuffle=False, tol=None, max_iter=k)``
(for two classes its ``coef_[0]`` and ``intercept_[0]``: scikit-learn keeps a
row of shape ``(1, n_features)``); the Notes of :class:`Perceptron` give the
exact conditions.

Input is checked once, where it enters (:meth:`Perceptron.fit`,
:func:`perceptron_steps`), with scikit-learn's validators; the rule itself
runs unchecked, sample after sample.

Deliberately left out: the pocket and averaged (voted) perceptrons, margins,
kernels, regularisation, sample and class weights, ``partial_fit`` and sparse
input. The convergence theorem is stated in the book, not checked here.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.utils._param_validation import validate_parameter_constraints
from sklearn.utils.validation import check_X_y

from neurons._linear_unit import PARAMETER_CONSTRAINTS, LinearUnitClassifier
from neurons._validation import Float64Array, RandomState, check_class_labels
from neurons.activations import heaviside
from neurons.exceptions import ConvergenceWarning

__all__ = ["Perceptron", "PerceptronStep", "perceptron_steps"]

BoolArray = npt.NDArray[np.bool_]


# --- the learning rule: the one implementation fit and the step view share ---


def _net_input_in_order(
    W: Float64Array, x: Float64Array, b: Float64Array
) -> Float64Array:
    """Return ``z = W @ x + b``, each dot product summed left to right.

    scikit-learn's SGD loop adds ``w_j * x_j`` one feature at a time, without
    fused multiply-adds; ``W @ x`` lets BLAS add in another order (with
    fused multiply-adds), which often changes the last bit of ``z``. A cumulative
    sum adds in exactly scikit-learn's order, so that a point within rounding
    of the boundary gets the same update in both.
    """
    z: Float64Array = np.cumsum(W * x, axis=1)[:, -1] + b
    return z


def _learn_sample(
    W: Float64Array, b: Float64Array, x: Float64Array, t: Float64Array, eta: float
) -> tuple[Float64Array, int]:
    """Apply Rosenblatt's rule for one sample to every unit, in place.

    ``W`` has shape (n_units, n_features), ``b`` and ``t`` shape (n_units,);
    ``t`` holds each unit's target, -1 or +1. Returns the net inputs before
    the update and the number of units that updated.
    """
    z = _net_input_in_order(W, x, b)
    # <= rather than <: a point on the boundary (z = 0) counts as a mistake,
    # as in scikit-learn. Starting from w = 0, b = 0 the first sample always
    # updates.
    mistakes: BoolArray = t * z <= 0.0
    n_updates = int(np.count_nonzero(mistakes))
    if n_updates:
        eta_t = eta * t[mistakes]  # exact: t is -1 or +1
        W[mistakes] += eta_t[:, np.newaxis] * x
        b[mistakes] += eta_t
    return z, n_updates


def _rosenblatt(
    X: Float64Array,
    T: Float64Array,
    W: Float64Array,
    b: Float64Array,
    errors: list[int],
    *,
    eta: float,
    max_epochs: int,
    rng: np.random.Generator | None,
) -> Iterator[tuple[int, int, Float64Array, int]]:
    """Train the units ``W``, ``b`` in place; yield after every sample.

    Yields ``(epoch, index, z, n_updates)``, epochs counted from 1. Appends
    the number of updates of each epoch (summed over units) to ``errors`` and
    stops after an epoch without one, or after ``max_epochs``. With ``rng``
    the samples are visited in a fresh random order each epoch, else in order.
    """
    n_samples = X.shape[0]
    for epoch in range(1, max_epochs + 1):
        order = rng.permutation(n_samples) if rng is not None else range(n_samples)
        n_mistakes = 0
        for index in order:
            z, n_updates = _learn_sample(W, b, X[index], T[index], eta)
            n_mistakes += n_updates
            yield epoch, int(index), z, n_updates
        errors.append(n_mistakes)
        # Nothing changed in this epoch, so nothing would change in the next.
        if n_mistakes == 0:
            return


# Rows scanned by the first matrix-vector product after an update; the block
# doubles after every product that finds no mistake.
_BLOCK = 64


def _epoch_in_blocks(
    X: Float64Array,
    abs_X: Float64Array,
    t: Float64Array,
    w: Float64Array,
    b: Float64Array,
    eta: float,
) -> int:
    """Run one epoch of :func:`_learn_sample` for one unit; return its updates.

    The same rule on the rows of ``X`` in order, updating ``w`` (shape
    ``(n_features,)``) and ``b`` (shape ``(1,)``) in place, but the next
    mistake is looked for in blocks of rows, one matrix-vector product per
    block instead of one call per row (``abs_X`` is ``abs(X)``, for the
    bound). Blocks start at ``_BLOCK`` rows after each update and double
    while they find no mistake, since mistakes grow rare as training goes on. The product rounds differently
    from the in-order sum of :func:`_net_input_in_order`, by less than
    ``bound``, a multiple of the rounding error bound of a dot product
    (Higham, *Accuracy and Stability of Numerical Algorithms*, 3.1):
    ``|z_block - z| <= 2 * gamma_(n+1) * (|x| . |w| + |b|)``. A row whose
    ``t * z_block`` exceeds the bound is certainly not a mistake; every
    other row (ties at z = 0 among them) is decided by the in-order sum,
    exactly as the per-row rule decides it. So the updates, and the
    weights to the last bit, are those of the per-row rule.
    """
    n_samples, n_features = X.shape
    # 2 * gamma_(n+1) with a margin of 2 for rounding of the bound itself.
    slack = 4.0 * (n_features + 2) * np.finfo(np.float64).eps
    n_updates = 0
    start = 0
    size = _BLOCK
    while start < n_samples:
        stop = min(start + size, n_samples)
        block = X[start:stop]
        z = block @ w + b[0]
        bound = slack * (abs_X[start:stop] @ np.abs(w) + abs(b[0]))
        suspects = np.flatnonzero(t[start:stop] * z <= bound)
        next_start = stop
        for k in suspects:
            row = start + int(k)
            x = block[k]
            z_exact = np.cumsum(w * x)[-1] + b[0]  # as _net_input_in_order
            if t[row] * z_exact <= 0.0:
                eta_t = eta * t[row]  # exact: t is -1 or +1
                w += eta_t * x
                b += eta_t
                n_updates += 1
                # w moved: the rest of the block must be scanned again.
                next_start = row + 1
                break
        size = _BLOCK if next_start < stop else 2 * size
        start = next_start
    return n_updates


def _rosenblatt_in_blocks(
    X: Float64Array,
    T: Float64Array,
    W: Float64Array,
    b: Float64Array,
    *,
    eta: float,
    max_epochs: int,
    rng: np.random.Generator | None,
) -> list[int]:
    """Train as :func:`_rosenblatt` does, without yielding; return ``errors``.

    The units of one-vs-rest never interact, so each runs its epoch on its
    own with :func:`_epoch_in_blocks`, in the epoch's common order.
    """
    errors: list[int] = []
    n_samples = X.shape[0]
    abs_X = np.abs(X)
    for _ in range(max_epochs):
        order = rng.permutation(n_samples) if rng is not None else None
        X_epoch = X if order is None else X[order]
        abs_X_epoch = abs_X if order is None else abs_X[order]
        T_epoch = T if order is None else T[order]
        n_mistakes = 0
        for unit in range(W.shape[0]):
            bias = b[unit : unit + 1]  # a view, updated in place
            t = np.ascontiguousarray(T_epoch[:, unit])
            n_mistakes += _epoch_in_blocks(X_epoch, abs_X_epoch, t, W[unit], bias, eta)
        errors.append(n_mistakes)
        if n_mistakes == 0:
            break
    return errors


def _signed_targets(encoded: npt.NDArray[np.intp], n_classes: int) -> Float64Array:
    """Targets in {-1, +1}, one column per unit: shape (n_samples, n_units).

    Two classes need one unit, whose positive class is ``classes_[1]``; more
    classes need one unit per class, positive for that class (one-vs-rest).
    """
    if n_classes == 2:
        return np.where(encoded == 1, 1.0, -1.0)[:, np.newaxis]
    one_hot = encoded[:, np.newaxis] == np.arange(n_classes)
    return np.where(one_hot, 1.0, -1.0)


# --- the step-by-step view ---------------------------------------------------


@dataclass(frozen=True)
class PerceptronStep:
    """One visit of one sample by the perceptron learning rule.

    A record for a table of updates or a frame of an animation. The arrays
    are read-only copies.

    Attributes
    ----------
    epoch : int
        The epoch, counted from 1.
    index : int
        The row of ``X`` visited.
    x : ndarray of float64 of shape (n_features,)
        That sample.
    label : object
        Its class label, as given in ``y``.
    target : float
        Its target in the rule: +1.0 for the positive class ``classes[1]``,
        -1.0 for ``classes[0]``.
    z : float
        The net input ``w . x + b`` *before* the update.
    prediction : object
        The label the unit predicted before the update: ``classes[1]`` where
        ``z >= 0``, as :meth:`Perceptron.predict` does.
    mistake : bool
        Whether ``target * z <= 0``, that is, whether the rule updated. At
        ``z = 0`` this is True even when ``prediction == label``.
    weights : ndarray of float64 of shape (n_features,)
        The weights *after* the step.
    bias : float
        The bias after the step.

    Examples
    --------
    >>> from neurons.datasets import logic_gate
    >>> X, y = logic_gate("or")
    >>> first = next(perceptron_steps(X, y))
    >>> first.z, first.mistake, first.weights.tolist(), first.bias
    (0.0, True, [0.0, 0.0], -1.0)
    """

    epoch: int
    index: int
    x: Float64Array
    label: Any
    target: float
    z: float
    prediction: Any
    mistake: bool
    weights: Float64Array
    bias: float


def _read_only_copy(array: Float64Array) -> Float64Array:
    copy = array.copy()
    copy.flags.writeable = False
    return copy


def perceptron_steps(
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    learning_rate: float = 1.0,
    max_epochs: int = 100,
    shuffle: bool = False,
    random_state: RandomState = None,
) -> Iterator[PerceptronStep]:
    """Run the perceptron learning rule on two classes, one sample at a time.

    The same code as :meth:`Perceptron.fit` (from ``w = 0``, ``b = 0``), but
    it yields a :class:`PerceptronStep` after every sample visited, whether
    or not it updated. It stops after an epoch without a mistake, or after
    ``max_epochs`` epochs, converged or not (no warning: the last epoch's
    records show whether mistakes remain).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training inputs.
    y : array-like of shape (n_samples,)
        Labels of exactly two classes; ``sorted(set(y))[1]`` is the positive
        class (target +1).
    learning_rate : float, default=1.0
        The step size ``eta`` > 0.
    max_epochs : int, default=100
        The most passes over the data.
    shuffle : bool, default=False
        Visit the samples in a new random order each epoch; by default they
        are visited in order, as a table in the book lists them.
    random_state : int, numpy.random.Generator or None, default=None
        Seeds :func:`numpy.random.default_rng` for the shuffling.

    Returns
    -------
    iterator of PerceptronStep
        Lazy: the steps are computed as they are consumed. The input is
        checked at the call, not at the first step.

    Raises
    ------
    ValueError
        On bad input, as :meth:`Perceptron.fit` (the parameters are checked
        against the same constraints); also if ``y`` does not hold exactly
        two classes.

    See Also
    --------
    Perceptron : The estimator, which also handles more than two classes.

    Examples
    --------
    The first epoch on the AND gate (``eta = 1``): every mistake adds
    ``t * x`` to ``w`` and ``t`` to ``b``.

    >>> from neurons.datasets import logic_gate
    >>> X, y = logic_gate("and")
    >>> for step in perceptron_steps(X, y, max_epochs=1):
    ...     print(step.x.tolist(), step.target, step.z, step.mistake,
    ...           step.weights.tolist(), step.bias)
    [0.0, 0.0] -1.0 0.0 True [0.0, 0.0] -1.0
    [0.0, 1.0] -1.0 -1.0 False [0.0, 0.0] -1.0
    [1.0, 0.0] -1.0 -1.0 False [0.0, 0.0] -1.0
    [1.0, 1.0] 1.0 -1.0 True [1.0, 1.0] 0.0
    """
    # The constraints of Perceptron.fit, so that both give the same messages.
    validate_parameter_constraints(
        PARAMETER_CONSTRAINTS,
        {
            "learning_rate": learning_rate,
            "max_epochs": max_epochs,
            "shuffle": shuffle,
            "random_state": random_state,
        },
        caller_name="perceptron_steps",
    )
    X_checked, labels = check_X_y(X, y, dtype=np.float64)
    classes, encoded = check_class_labels(labels)
    if classes.shape[0] != 2:
        msg = (
            f"perceptron_steps follows one unit, so y must hold exactly 2 "
            f"classes, got {classes.shape[0]}: {classes.tolist()}. Use "
            "Perceptron for one-vs-rest training."
        )
        raise ValueError(msg)
    rng = np.random.default_rng(random_state) if shuffle else None
    return _steps(
        X_checked, labels, classes, encoded, float(learning_rate), max_epochs, rng
    )


def _steps(
    X: Float64Array,
    labels: npt.NDArray[Any],
    classes: npt.NDArray[Any],
    encoded: npt.NDArray[np.intp],
    eta: float,
    max_epochs: int,
    rng: np.random.Generator | None,
) -> Iterator[PerceptronStep]:
    T = _signed_targets(encoded, 2)
    W = np.zeros((1, X.shape[1]))
    b = np.zeros(1)
    errors: list[int] = []
    for epoch, index, z, n_updates in _rosenblatt(
        X, T, W, b, errors, eta=eta, max_epochs=max_epochs, rng=rng
    ):
        yield PerceptronStep(
            epoch=epoch,
            index=index,
            x=_read_only_copy(X[index]),
            # item() gives plain Python labels (int, str, ...), easy to print.
            label=labels.item(index),
            target=float(T[index, 0]),
            z=float(z[0]),
            prediction=classes.item(int(heaviside(z[0]))),
            mistake=n_updates > 0,  # one unit: it updated or it did not
            weights=_read_only_copy(W[0]),
            bias=float(b[0]),
        )


# --- the estimator -----------------------------------------------------------


class Perceptron(LinearUnitClassifier):
    r"""Rosenblatt's perceptron, one-vs-rest for more than two classes.

    .. math:: z = \mathbf{w} \cdot \mathbf{x} + b; \quad
              \text{if } t z \le 0: \;
              \mathbf{w} \leftarrow \mathbf{w} + \eta\, t\, \mathbf{x}, \;
              b \leftarrow b + \eta\, t

    with target :math:`t \in \{-1, +1\}`. Training starts from
    :math:`\mathbf{w} = 0, b = 0` and stops after the first epoch without a
    mistake.

    Parameters
    ----------
    learning_rate : float, default=1.0
        The step size :math:`\eta > 0`.
    max_epochs : int, default=1000
        The most passes over the training data.
    shuffle : bool, default=True
        Visit the samples in a new random order each epoch. With ``False``
        they are visited in order, and the result matches scikit-learn (see
        Notes).
    random_state : int, numpy.random.Generator or None, default=None
        Seeds :func:`numpy.random.default_rng`, which draws each epoch's
        order; an int makes :meth:`fit` reproducible.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The sorted class labels; any type that sorts (ints, strings, ...).
    weights_ : ndarray of float64 of shape (n_features,) or (n_classes, n_features)
        The learned weights: one vector for two classes (the unit for the
        positive class ``classes_[1]``), one row per class otherwise.
    bias_ : float or ndarray of float64 of shape (n_classes,)
        The learned bias, one per unit.
    errors_ : ndarray of int of shape ``(n_epochs_,)``
        The number of mistakes (updates) in each epoch. With more than two
        classes, the total over the one-vs-rest units, so a sample can count
        once per unit it moved. Training converged when ``errors_[-1] == 0``.
    n_epochs_ : int
        The number of epochs run.
    n_features_in_ : int
        The number of features seen in :meth:`fit`.

    Raises
    ------
    ValueError
        Parameters are checked by :meth:`fit` against
        ``_parameter_constraints``, not by the constructor, as in
        scikit-learn.

    See Also
    --------
    perceptron_steps : The same rule, one record per sample visited.
    neurons.TLU : The unit whose weights the perceptron learns.
    sklearn.linear_model.Perceptron : The reference implementation.

    Notes
    -----
    **What happens at z = 0.** The rule updates when :math:`t z \le 0`, so a
    point exactly on the boundary counts as a mistake whatever its class;
    from zero weights the first sample always updates. Prediction uses the
    step convention of :class:`~neurons.TLU`: :math:`z \ge 0` gives the
    positive class. Once an epoch passes without a mistake every training
    point has :math:`t z > 0`, so none lies on the boundary and the training
    accuracy is 1.

    **Equality with scikit-learn.** With ``shuffle=False``, ``weights_`` and
    ``bias_`` after ``max_epochs=k`` equal bit for bit the ``coef_`` and
    ``intercept_`` of ``sklearn.linear_model.Perceptron(shuffle=False,
    tol=None, max_iter=k, eta0=learning_rate)`` and of
    ``SGDClassifier(loss="perceptron", learning_rate="constant",
    eta0=learning_rate, penalty=None, shuffle=False, tol=None, max_iter=k)``,
    for two classes and for more (one-vs-rest; for two classes ``weights_``
    is ``coef_[0]`` and ``bias_`` is ``intercept_[0]``, since scikit-learn
    keeps shapes ``(1, n_features)`` and ``(1,)``), provided:

    * both use the same learning rate and number of epochs. Stopping early
      is harmless: scikit-learn, with ``tol=None``, runs all ``k`` epochs,
      but after an epoch without a mistake nothing changes;
    * ``tol=None`` (otherwise scikit-learn may stop on its loss before the
      epoch without mistakes), no ``penalty`` (``SGDClassifier`` defaults to
      L2), the default ``fit_intercept=True``, ``average=False``,
      ``early_stopping=False`` and no class or sample weights;
    * ``X`` is float64 (scikit-learn keeps float32 input in float32) and dense;
    * the labels are the same: both map ``classes_[1]`` to +1 for two
      classes, and class ``k`` to +1 against the rest for unit ``k``;
    * ties are decided alike: both update at :math:`t z \le 0`, and during
      training ``z`` is summed as scikit-learn sums it, ``((w_1 x_1 + w_2
      x_2) + ...) + b``, one rounding per operation. A BLAS dot product,
      which adds in another order and fuses multiply-adds, often differs in
      the last bit, enough to turn a tie within rounding into an update in
      one and not the other. (This assumes scikit-learn's compiled loop does
      not fuse multiply-adds either, as its x86-64 wheels do not.)

    **Predictions can differ at a tie.** For two classes scikit-learn
    predicts ``classes_[1]`` where :math:`z > 0`; this class where
    :math:`z \ge 0`. So a point exactly on the boundary gets ``classes_[0]``
    from scikit-learn and ``classes_[1]`` here. Elsewhere, and for more than
    two classes (both take the first largest ``z``), the same weights give
    the same predictions.

    References
    ----------
    - F. Rosenblatt, "The perceptron: a probabilistic model for
      information storage and organization in the brain", *Psychological
      Review* 65(6), 386-408 (1958).

    Examples
    --------
    >>> from neurons.datasets import logic_gate
    >>> X, y = logic_gate("and")
    >>> clf = Perceptron(shuffle=False).fit(X, y)
    >>> clf
    Perceptron(shuffle=False)
    >>> clf.weights_.tolist(), clf.bias_
    ([3.0, 2.0], -4.0)
    >>> clf.errors_.tolist()
    [2, 3, 3, 2, 2, 3, 2, 1, 0]
    >>> clf.predict(X).tolist()
    [0, 0, 0, 1]
    """

    def __init__(
        self,
        *,
        learning_rate: float = 1.0,
        max_epochs: int = 1000,
        shuffle: bool = True,
        random_state: RandomState = None,
    ) -> None:
        self.learning_rate = learning_rate
        self.max_epochs = max_epochs
        self.shuffle = shuffle
        self.random_state = random_state

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> Perceptron:
        """Learn the weights from labelled examples.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training inputs.
        y : array-like of shape (n_samples,)
            Class labels, at least two distinct ones, of any type that sorts.

        Returns
        -------
        self : Perceptron
            The fitted estimator.

        Raises
        ------
        ValueError
            If a parameter is out of its range or of the wrong type
            (scikit-learn's ``InvalidParameterError``, also a TypeError,
            names it); if ``X`` is empty, not 2-D or not finite; if ``y``
            has the wrong length, continuous values or a single class.

        Warns
        -----
        ConvergenceWarning
            If the last epoch still had mistakes.

        Examples
        --------
        >>> from neurons.datasets import logic_gate
        >>> X, y = logic_gate("or")
        >>> clf = Perceptron(random_state=0).fit(X, y)
        >>> clf.errors_.tolist()[-1], clf.score(X, y)
        (0, 1.0)
        """
        X_checked, classes, encoded, rng = self._check_training_data(X, y)
        max_epochs = self.max_epochs
        T = _signed_targets(encoded, classes.shape[0])
        n_units = T.shape[1]
        W = np.zeros((n_units, X_checked.shape[1]))
        b = np.zeros(n_units)
        # The per-sample rule of _rosenblatt, scanning for the next mistake
        # in blocks: the same updates, bit for bit (see _epoch_in_blocks).
        errors = _rosenblatt_in_blocks(
            X_checked,
            T,
            W,
            b,
            eta=float(self.learning_rate),
            max_epochs=max_epochs,
            rng=rng,
        )

        self.classes_ = classes
        self.weights_ = W[0] if n_units == 1 else W
        self.bias_ = float(b[0]) if n_units == 1 else b
        self.errors_ = np.asarray(errors, dtype=np.int64)
        self.n_epochs_ = len(errors)
        if errors[-1] > 0:
            msg = (
                f"Perceptron did not converge: epoch {max_epochs} (max_epochs="
                f"{max_epochs}) still had {errors[-1]} mistake(s). The classes "
                "may not be linearly separable; if they are, raise max_epochs."
            )
            warnings.warn(msg, ConvergenceWarning, stacklevel=2)
        return self

    # Written once for Perceptron and Adaline; named here so that the API
    # reference, which lists a class's own methods, shows them.
    decision_function = LinearUnitClassifier.decision_function
    predict = LinearUnitClassifier.predict
