r"""ADALINE: a threshold unit trained by the delta rule on its net input.

Widrow and Hoff's adaptive linear neuron has the perceptron's unit, a
weighted sum and a step, but learns differently. For a target
``t`` in {-1, +1}, net input ``z = w . x + b`` and learning rate ``eta``, it
updates after *every* sample, by how far ``z`` is from the target::

    w <- w + eta * (t - z) * x
    b <- b + eta * (t - z)

This is the least-mean-squares (LMS) rule, or delta rule: a stochastic
gradient step on the squared error ``(t - z)**2 / 2``. The perceptron
updates only on a mistake, and stops once none is left; ADALINE also moves
points that are already right, towards ``z = t``, so it settles near the
least-squares weights even when the classes overlap. The step is applied
only to predict.

Input is checked once, in :meth:`Adaline.fit`, with scikit-learn's
validators; the rule itself runs unchecked, sample after sample.

Deliberately left out: batch gradient descent (the page shows it in NumPy),
decaying learning rates, regularisation, more than two classes (MADALINE),
sample weights, ``partial_fit`` and sparse input.
"""

from __future__ import annotations

import warnings
from numbers import Real
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
from sklearn.utils._param_validation import Interval

from neurons._linear_unit import PARAMETER_CONSTRAINTS, LinearUnitClassifier
from neurons._validation import Float64Array, RandomState
from neurons.exceptions import ConvergenceWarning, DivergenceError

__all__ = ["Adaline"]


def _lms_epoch(
    rows: list[list[float]],
    targets: list[float],
    w: list[float],
    b: float,
    eta: float,
    order: list[int],
) -> float:
    """Apply the delta rule to the samples in ``order``; update ``w`` in place.

    Returns the new bias. Everything is a Python float, so each symbol is one
    IEEE operation, in the order written: ``z`` is summed left to right, as
    scikit-learn's SGD sums it (a BLAS dot product adds in another order and
    may fuse multiply-adds, which changes the last bits of ``z`` and of every
    later weight). For the few features of the book's examples this scalar
    loop is also faster than NumPy calls on tiny arrays.
    """
    for i in order:
        x = rows[i]
        z = 0.0
        for w_j, x_j in zip(w, x, strict=True):
            z += w_j * x_j
        z += b
        # scikit-learn writes update = -eta * (z - t), then w_j += x_j * update
        # and b += update: eta * (t - z) is the same number, because negating
        # a difference or a product is exact.
        update = eta * (targets[i] - z)
        for j, x_j in enumerate(x):
            w[j] += x_j * update
        b += update
    return b


def _mean_squared_error(
    X: Float64Array, t: Float64Array, w: Float64Array, b: float
) -> float:
    """Return the mean of ``(t - z)**2``, with each ``z`` summed left to right.

    Summed in order (not by BLAS) so that the cost, and where ``tol`` stops,
    is the same on every machine.
    """
    z = np.cumsum(X * w, axis=1)[:, -1] + b
    return float(np.mean((t - z) ** 2))


class Adaline(LinearUnitClassifier):
    r"""Widrow and Hoff's ADALINE: a linear unit trained by the delta (LMS) rule.

    .. math:: z = \mathbf{w} \cdot \mathbf{x} + b; \quad
              \mathbf{w} \leftarrow \mathbf{w} + \eta\,(t - z)\,\mathbf{x},
              \quad b \leftarrow b + \eta\,(t - z)

    for every sample in turn, with target :math:`t \in \{-1, +1\}`, from
    :math:`\mathbf{w} = 0, b = 0`. Each step descends the gradient of
    :math:`\tfrac12 (t - z)^2`. Predictions apply the step to :math:`z`.

    Parameters
    ----------
    learning_rate : float, default=0.01
        The step size :math:`\eta > 0`. Per-sample LMS is stable only for
        small steps, roughly :math:`\eta < 2 / \lVert \mathbf{x} \rVert^2`;
        scale the inputs, or lower it, if training diverges.
    max_epochs : int, default=1000
        The number of passes over the training data (unless ``tol`` stops
        training sooner).
    shuffle : bool, default=True
        Visit the samples in a new random order each epoch. With ``False``
        they are visited in order, and the result matches scikit-learn (see
        Notes).
    random_state : int, numpy.random.Generator or None, default=None
        Seeds :func:`numpy.random.default_rng`, which draws each epoch's
        order; an int makes :meth:`fit` reproducible.
    tol : float or None, default=None
        Stop after epoch :math:`k \ge 2` if the cost fell by less than
        ``tol``: ``cost_[k-2] - cost_[k-1] < tol`` (a cost that rises stops
        training too). ``None`` runs all ``max_epochs`` epochs.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The sorted class labels; ``classes_[1]`` is the positive class
        (target +1). Any type that sorts (ints, strings, ...).
    weights_ : ndarray of float64 of shape (n_features,)
        The learned weights :math:`\mathbf{w}`.
    bias_ : float
        The learned bias :math:`b`.
    cost_ : ndarray of float64 of shape ``(n_epochs_,)``
        The mean squared error of the net input against the targets,
        :math:`\frac1m \sum_{i=1}^{m} (t^{(i)} - z^{(i)})^2` over the :math:`m` examples, computed with the weights at
        the end of each epoch (not averaged during it).
    n_epochs_ : int
        The number of epochs run.
    n_features_in_ : int
        The number of features seen in :meth:`fit`.
    feature_names_in_ : ndarray of str of shape ``(n_features_in_,)``
        The column names, if ``X`` in :meth:`fit` had string column names.

    Raises
    ------
    ValueError
        Parameters are checked by :meth:`fit` against
        ``_parameter_constraints``, not by the constructor, as in
        scikit-learn.

    See Also
    --------
    neurons.Perceptron : Updates on mistakes only, with the same unit.
    sklearn.linear_model.SGDRegressor : The reference implementation of the
        update (see Notes).

    Notes
    -----
    **Where it ends.** With a constant learning rate, per-sample LMS does not
    come to rest: each sample pulls the weights towards its own target, so
    they circle within :math:`O(\eta)` of the least-squares solution, the
    minimiser of :math:`\sum_i (t^{(i)} - z^{(i)})^2`. For separable classes that
    solution need not separate them (a distant cluster of correct points
    can pull the boundary over a nearer point), where the perceptron would.

    **Equality with scikit-learn.** With ``shuffle=False``, ``weights_`` and
    ``bias_`` after ``max_epochs=k`` equal bit for bit the ``coef_`` and
    ``intercept_[0]`` of ``sklearn.linear_model.SGDRegressor(loss=
    "squared_error", penalty=None, learning_rate="constant",
    eta0=learning_rate, shuffle=False, tol=None, max_iter=k,
    fit_intercept=True, average=False)`` fitted on the targets
    ``np.where(y == classes_[1], 1.0, -1.0)``, provided:

    * ``penalty=None``: an L2 or L1 penalty rescales the weights every step
      (``wscale``); with none, ``wscale`` stays 1.0 and dividing by it is
      exact;
    * ``average=False``, ``early_stopping=False``, ``tol=None`` (so no epoch
      is cut short; here, ``tol=None`` too), no sample weights;
    * ``X`` is dense (sparse input makes scikit-learn damp the intercept
      update, ``intercept_decay = 0.01``; dense input uses 1.0) and float64;
    * the net input is summed in the same order, ``((w_1 x_1 + w_2 x_2) +
      ...) + b``, one rounding per operation, as here; a BLAS dot product
      would differ in the last bits. (This assumes scikit-learn's compiled
      loop does not fuse multiply-adds, as its x86-64 wheels do not.)
    * no step is clipped: scikit-learn clips :math:`|z - t|` at
      :math:`10^{12}`, which only a diverging run reaches.

    The update is then the same sequence of scalar operations: scikit-learn
    computes ``update = -eta * (z - t)``, ``w_j += x_j * update`` and
    ``b += update``, and negation is exact.

    References
    ----------
    - B. Widrow and M. E. Hoff, "Adaptive switching circuits", *1960 IRE
      WESCON Convention Record*, part 4, 96-104 (1960).
    - B. Widrow and M. A. Lehr, "30 years of adaptive neural networks:
      perceptron, madaline, and backpropagation", *Proceedings of the IEEE*
      78(9), 1415-1442 (1990).

    Examples
    --------
    >>> from neurons.datasets import logic_gate
    >>> X, y = logic_gate("and")
    >>> clf = Adaline(shuffle=False).fit(X, y)
    >>> clf
    Adaline(shuffle=False)
    >>> clf.predict(X).tolist()
    [0, 0, 0, 1]

    Near the least-squares fit of the targets -1, -1, -1, +1, which is
    ``w = (1, 1)``, ``b = -1.5`` with mean squared error 0.25:

    >>> clf.weights_.round(1).tolist(), round(clf.bias_, 1)
    ([1.0, 1.0], -1.5)
    >>> round(float(clf.cost_[-1]), 3)
    0.25
    """

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        **PARAMETER_CONSTRAINTS,  # as the perceptron's
        "tol": [None, Interval(Real, 0, None, closed="left")],
    }

    def __init__(
        self,
        *,
        learning_rate: float = 0.01,
        max_epochs: int = 1000,
        shuffle: bool = True,
        random_state: RandomState = None,
        tol: float | None = None,
    ) -> None:
        self.learning_rate = learning_rate
        self.max_epochs = max_epochs
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol

    def __sklearn_tags__(self) -> Any:
        """Declare a binary-only classifier, as scikit-learn's tags expect."""
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> Adaline:
        """Learn the weights from labelled examples with the delta rule.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training inputs, finite.
        y : array-like of shape (n_samples,)
            Labels of exactly two classes, of any type that sorts.

        Returns
        -------
        self : Adaline
            The fitted estimator.

        Raises
        ------
        ValueError
            If a parameter is out of its range or of the wrong type
            (scikit-learn's ``InvalidParameterError``, also a TypeError,
            names it and the value); if ``X`` is empty, not 2-D or not
            finite; if ``y`` has the wrong length, continuous values, or not
            exactly two classes.
        DivergenceError
            If the cost or a weight stops being finite (the learning rate is
            too large for the scale of ``X``).

        Warns
        -----
        ConvergenceWarning
            If ``tol`` is set and ``max_epochs`` ran out before the cost
            stopped improving by ``tol``.

        Examples
        --------
        >>> clf = Adaline(learning_rate=0.1, shuffle=False, max_epochs=50)
        >>> clf.fit([[0.0], [1.0]], ["off", "on"]).predict([[0.2], [0.9]]).tolist()
        ['off', 'on']
        """
        X_checked, classes, encoded, rng = self._check_training_data(X, y)
        if classes.shape[0] != 2:
            # The first sentence is the one scikit-learn's checks look for.
            msg = (
                "Only binary classification is supported. Adaline is one unit "
                f"with targets -1 and +1, so y must hold exactly 2 classes, got "
                f"{classes.shape[0]}: {classes.tolist()}."
            )
            raise ValueError(msg)
        t = np.where(encoded == 1, 1.0, -1.0)
        eta = float(self.learning_rate)
        n_samples, n_features = X_checked.shape
        rows: list[list[float]] = X_checked.tolist()
        targets: list[float] = t.tolist()
        in_order = list(range(n_samples))
        w = [0.0] * n_features
        b = 0.0
        costs: list[float] = []
        converged = False
        # A diverging run overflows to inf and NaN; we say so once, below,
        # instead of letting NumPy warn.
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(1, self.max_epochs + 1):
                order = (
                    rng.permutation(n_samples).tolist() if rng is not None else in_order
                )
                b = _lms_epoch(rows, targets, w, b, eta, order)
                cost = _mean_squared_error(X_checked, t, np.asarray(w), b)
                if not np.isfinite(cost):  # NaN or inf in w or b makes it so
                    msg = (
                        f"Adaline diverged in epoch {epoch}: the cost or the "
                        "weights became NaN or infinite with learning_rate="
                        f"{self.learning_rate!r}. Try a smaller learning_rate "
                        "(for example a tenth of it) or scale the inputs."
                    )
                    raise DivergenceError(msg)
                costs.append(cost)
                if self.tol is not None and epoch >= 2 and costs[-2] - cost < self.tol:
                    converged = True
                    break

        self.classes_ = classes
        self.weights_ = np.asarray(w, dtype=np.float64)
        self.bias_ = b
        self.cost_ = np.asarray(costs, dtype=np.float64)
        self.n_epochs_ = len(costs)
        if self.tol is not None and not converged:
            msg = (
                f"Adaline did not converge: in epoch {self.max_epochs} "
                f"(max_epochs={self.max_epochs}) the cost still fell by "
                f"tol={self.tol!r} or more. Raise max_epochs or tol."
            )
            warnings.warn(msg, ConvergenceWarning, stacklevel=2)
        return self

    # Written once for Perceptron and Adaline; named here so that the API
    # reference, which lists a class's own methods, shows them.
    decision_function = LinearUnitClassifier.decision_function
    predict = LinearUnitClassifier.predict
