"""Exceptions and warnings raised by :mod:`neurons`.

Every error that :mod:`neurons` raises on bad input is a built-in
:class:`ValueError` or :class:`TypeError` (scikit-learn's
``InvalidParameterError`` for an estimator's parameters is both). The names
here make the common cases easy to catch:

* :class:`NotFittedError` *is* scikit-learn's
  :class:`sklearn.exceptions.NotFittedError`, which the estimators raise
  through :func:`sklearn.utils.validation.check_is_fitted`; one class, so
  ``except`` clauses written for either catch it;
* :class:`ConvergenceWarning` subclasses scikit-learn's warning of the same
  name, so filters for that warning (such as those of scikit-learn's
  estimator checks) apply to ours too;
* :class:`DivergenceError` has no scikit-learn counterpart.
"""

from __future__ import annotations

from sklearn import exceptions as _sklearn_exceptions

__all__ = ["ConvergenceWarning", "DivergenceError", "NotFittedError"]

NotFittedError = _sklearn_exceptions.NotFittedError


class DivergenceError(FloatingPointError):
    """Raised when training produces a non-finite cost or non-finite weights.

    Training never hands back NaN weights in silence: it stops and says which
    epoch diverged and what to try (usually a smaller learning rate).

    Examples
    --------
    >>> from neurons.exceptions import DivergenceError
    >>> issubclass(DivergenceError, FloatingPointError)
    True
    """


class ConvergenceWarning(_sklearn_exceptions.ConvergenceWarning):
    """Warned when training stops at ``max_epochs`` without converging.

    A subclass of :class:`sklearn.exceptions.ConvergenceWarning` (itself a
    :class:`UserWarning`), so filtering scikit-learn's warning filters this one.

    Examples
    --------
    >>> import warnings
    >>> from sklearn.exceptions import ConvergenceWarning as SklearnWarning
    >>> from neurons import Perceptron
    >>> from neurons.datasets import make_xor
    >>> X, y = make_xor(20, random_state=0)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = Perceptron(max_epochs=3, random_state=0).fit(X, y)
    >>> caught[0].category is ConvergenceWarning
    True
    >>> issubclass(ConvergenceWarning, SklearnWarning)
    True
    """
