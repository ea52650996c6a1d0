"""What :class:`~neurons.Perceptron` and :class:`~neurons.Adaline` share.

Both are one threshold unit (the perceptron one per class, one-vs-rest), with
net input ``z = X @ w + b``, trained sample by sample from ``w = 0``, ``b = 0``
and predicting with the step: ``classes_[1]`` where ``z >= 0``. They differ
only in the learning rule, which lives in :mod:`neurons.perceptron` and
:mod:`neurons.adaline`. This module holds the rest, written once: the
parameters both accept, the checks at the start of ``fit``, and
``decision_function`` and ``predict``.

Deliberately left out: anything of one rule only (its targets, epochs,
stopping test and warnings stay with that rule).
"""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted, validate_data

from neurons._validation import (
    RANDOM_STATE_CONSTRAINT,
    Float64Array,
    RandomState,
    check_class_labels,
)
from neurons.activations import heaviside

# What both rules accept, in scikit-learn's declarative form: its messages
# name the parameter, the accepted range and the value given.
PARAMETER_CONSTRAINTS: dict[str, list[Any]] = {
    "learning_rate": [Interval(Real, 0, None, closed="neither")],
    "max_epochs": [Interval(Integral, 1, None, closed="left")],
    "shuffle": ["boolean"],
    # Checked even with shuffle=False, so that a typo never hides.
    "random_state": RANDOM_STATE_CONSTRAINT,
}


class LinearUnitClassifier(ClassifierMixin, BaseEstimator):
    """A classifier made of threshold units, ``z = X @ w + b``; private base.

    Subclasses define ``__init__`` (storing at least the parameters of
    ``PARAMETER_CONSTRAINTS``) and ``fit``, which sets ``classes_``,
    ``weights_`` (shape ``(n_features,)`` for one unit, ``(n_units,
    n_features)`` for more) and ``bias_`` (a float, or shape ``(n_units,)``).
    """

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = PARAMETER_CONSTRAINTS

    learning_rate: float
    max_epochs: int
    shuffle: bool
    random_state: RandomState
    classes_: npt.NDArray[Any]
    weights_: Float64Array
    bias_: float | Float64Array

    def _check_training_data(
        self, X: npt.ArrayLike, y: npt.ArrayLike
    ) -> tuple[
        Float64Array, npt.NDArray[Any], npt.NDArray[np.intp], np.random.Generator | None
    ]:
        """Check the parameters and the data where ``fit`` begins.

        Returns ``X`` as float64, the sorted classes, ``y`` as indices into
        them, and the generator of each epoch's order (None without
        ``shuffle``).
        """
        self._validate_params()
        X_checked, y_checked = validate_data(self, X, y, dtype=np.float64)
        classes, encoded = check_class_labels(y_checked)
        rng = np.random.default_rng(self.random_state) if self.shuffle else None
        return X_checked, classes, encoded, rng

    def decision_function(self, X: npt.ArrayLike) -> Float64Array:
        """Return the net input ``z = X @ w + b`` of each unit.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.

        Returns
        -------
        z : ndarray of float64 of shape (n_samples,) or (n_samples, n_classes)
            For two classes, the net input of the one unit (positive for
            ``classes_[1]``); otherwise (a one-vs-rest
            :class:`~neurons.Perceptron`) one column per class.

        Raises
        ------
        NotFittedError
            If called before ``fit``.
        ValueError
            If ``X`` is not a finite numeric 2-D array with as many columns
            as in ``fit`` (the message gives both numbers).

        Examples
        --------
        >>> from neurons import Adaline, Perceptron
        >>> from neurons.datasets import logic_gate
        >>> X, y = logic_gate("and")
        >>> Perceptron(shuffle=False).fit(X, y).decision_function(X).tolist()
        [-4.0, -2.0, -1.0, 1.0]
        >>> clf = Adaline(learning_rate=0.5, shuffle=False, max_epochs=1)
        >>> clf.fit([[1.0], [0.0]], [1, 0]).decision_function([[1.0], [0.0]]).tolist()
        [0.25, -0.25]
        """
        check_is_fitted(self)
        X_checked = validate_data(self, X, reset=False, dtype=np.float64)
        if self.weights_.ndim == 1:
            z: Float64Array = X_checked @ self.weights_ + self.bias_
        else:
            z = X_checked @ self.weights_.T + self.bias_
        return z

    def predict(self, X: npt.ArrayLike) -> npt.NDArray[Any]:
        """Return the predicted class of each row of ``X``.

        For two classes, ``classes_[1]`` where ``z >= 0`` (a point on the
        boundary goes to the positive class), else ``classes_[0]``. For more
        (a one-vs-rest :class:`~neurons.Perceptron`), the class whose unit
        has the largest ``z`` (the first on a tie).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.

        Returns
        -------
        ndarray of shape (n_samples,)
            Labels taken from ``classes_``.

        Raises
        ------
        NotFittedError
            If called before ``fit``.
        ValueError
            As :meth:`decision_function`.

        Examples
        --------
        >>> from neurons import Adaline, Perceptron
        >>> from neurons.datasets import logic_gate
        >>> clf = Perceptron(random_state=0).fit([[0.0], [1.0]], ["off", "on"])
        >>> clf.predict([[0.0], [2.0]]).tolist()
        ['off', 'on']
        >>> X, y = logic_gate("or")
        >>> Adaline(learning_rate=0.1, random_state=0).fit(X, y).predict(X).tolist()
        [0, 1, 1, 1]
        """
        z = self.decision_function(X)
        # Two classes: the step, z >= 0 gives classes_[1]. More: the largest z.
        indices = heaviside(z).astype(np.intp) if z.ndim == 1 else np.argmax(z, axis=1)
        labels: npt.NDArray[Any] = self.classes_[indices]
        return labels
