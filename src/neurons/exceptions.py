"""Exceptions and warnings raised by :mod:`neurons`.

Every error that :mod:`neurons` raises on bad input is a built-in
:class:`ValueError` or :class:`TypeError`; the classes here only make the
common cases easy to catch by name.
"""

from __future__ import annotations

__all__ = ["ConvergenceWarning", "DivergenceError", "NotFittedError"]


class NotFittedError(ValueError, AttributeError):
    """Raised when an estimator is used before ``fit`` has been called.

    It subclasses both :class:`ValueError` and :class:`AttributeError`, as
    scikit-learn's exception of the same name does, so code written for either
    keeps working.

    Examples
    --------
    >>> from neurons import Perceptron
    >>> from neurons.exceptions import NotFittedError
    >>> try:
    ...     Perceptron().predict([[0.0, 1.0]])
    ... except NotFittedError as error:
    ...     print(error)
    This Perceptron instance is not fitted yet. Call 'fit' with appropriate arguments before using 'predict'.
    """


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


class ConvergenceWarning(UserWarning):
    """Warned when training stops at ``max_epochs`` without converging.

    Examples
    --------
    >>> from neurons.exceptions import ConvergenceWarning
    >>> issubclass(ConvergenceWarning, UserWarning)
    True
    """
