"""Input validation shared by every public entry point.

All checks on user input live here, so that every error message has the same
shape: it names the parameter, says what was expected and echoes what was
given. Nothing here uses ``assert``: asserts vanish under ``python -O``.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from neurons.exceptions import NotFittedError

__all__ = [
    "check_array",
    "check_binary_array",
    "check_choice",
    "check_consistent_length",
    "check_is_fitted",
    "check_nonnegative_float",
    "check_positive_float",
    "check_positive_int",
    "check_random_state",
    "check_target",
    "describe",
]

Float64Array = npt.NDArray[np.float64]
RandomState = int | np.random.Generator | None


def describe(value: Any) -> str:
    """Return a short description of ``value`` for an error message."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} (type {type(value).__name__})"


def check_array(
    X: Any,
    *,
    name: str = "X",
    ndim: int = 2,
    n_features: int | None = None,
) -> Float64Array:
    """Convert ``X`` to a finite float64 array of ``ndim`` dimensions, or raise.

    Parameters
    ----------
    X : array-like
        The values to check.
    name : str, default="X"
        The parameter name used in error messages.
    ndim : {1, 2}, default=2
        The number of dimensions expected.
    n_features : int, optional
        If given, the number of columns a 2-D ``X`` must have.

    Returns
    -------
    ndarray of float64
        ``X`` as a float64 array (a copy only when a conversion was needed).

    Raises
    ------
    TypeError
        If ``X`` is not numeric.
    ValueError
        If ``X`` is empty, has the wrong number of dimensions or columns, or
        holds NaN or infinity.
    """
    if isinstance(X, str | bytes):
        msg = f"{name} must be a numeric array, got {describe(X)}."
        raise TypeError(msg)
    try:
        array = np.asarray(X)
    except ValueError as error:  # ragged nested lists
        msg = f"{name} must be a rectangular numeric array; NumPy said: {error}"
        raise ValueError(msg) from error
    if array.dtype.kind not in "biuf":
        msg = (
            f"{name} must hold numbers (bool, int or float), "
            f"got {describe(array)}."
        )
        raise TypeError(msg)
    if array.ndim != ndim:
        shape_hint = "(n_samples, n_features)" if ndim == 2 else "(n_samples,)"
        extra = (
            " Reshape a single feature with X.reshape(-1, 1) or a single sample "
            "with X.reshape(1, -1)."
            if ndim == 2 and array.ndim == 1
            else ""
        )
        msg = (
            f"{name} must be a {ndim}-D array of shape {shape_hint}, "
            f"got {array.ndim}-D shape {array.shape}.{extra}"
        )
        raise ValueError(msg)
    if array.size == 0:
        msg = f"{name} must not be empty, got shape {array.shape}."
        raise ValueError(msg)
    array = array.astype(np.float64, copy=False)
    if not np.all(np.isfinite(array)):
        n_bad = int(np.count_nonzero(~np.isfinite(array)))
        msg = (
            f"{name} must contain only finite values, "
            f"got {n_bad} NaN or infinite value(s)."
        )
        raise ValueError(msg)
    if n_features is not None and ndim == 2 and array.shape[1] != n_features:
        msg = (
            f"{name} has {array.shape[1]} features (shape {array.shape}), "
            f"but {n_features} were expected."
        )
        raise ValueError(msg)
    return array


def check_binary_array(X: Any, *, name: str = "X") -> npt.NDArray[np.int64]:
    """Check that ``X`` is a 2-D array of zeros and ones; return it as int64.

    Raises
    ------
    TypeError
        If ``X`` is not numeric.
    ValueError
        If ``X`` is not 2-D, is empty, or holds a value other than 0 or 1.
    """
    array = check_array(X, name=name)
    bad = (array != 0) & (array != 1)
    if np.any(bad):
        values = np.unique(array[bad])[:5]
        msg = (
            f"{name} must be binary (only 0 and 1), "
            f"got the value(s) {values.tolist()}."
        )
        raise ValueError(msg)
    return array.astype(np.int64)


def check_target(
    y: Any,
    *,
    n_samples: int,
    name: str = "y",
    allow_2d: bool = False,
    numeric: bool = True,
) -> npt.NDArray[Any]:
    """Check a target array against the number of samples in ``X``.

    Parameters
    ----------
    y : array-like
        The targets.
    n_samples : int
        The number of rows in ``X``; ``y`` must have as many.
    name : str, default="y"
        The parameter name used in error messages.
    allow_2d : bool, default=False
        Whether a 2-D ``y`` of shape (n_samples, n_outputs) is accepted.
    numeric : bool, default=True
        Whether ``y`` must be numeric and finite (for regression and network
        targets); class labels of any type pass with ``numeric=False``.

    Returns
    -------
    ndarray
        ``y`` as an array (float64 when ``numeric``).

    Raises
    ------
    ValueError
        If ``y`` has the wrong shape or length, or is not finite.
    TypeError
        If ``numeric`` and ``y`` does not hold numbers.
    """
    if numeric:
        array: npt.NDArray[Any] = check_array(
            y, name=name, ndim=np.ndim(y) if np.ndim(y) in (1, 2) else 1
        )
    else:
        array = np.asarray(y)
        if array.size == 0:
            msg = f"{name} must not be empty, got shape {array.shape}."
            raise ValueError(msg)
    allowed = (1, 2) if allow_2d else (1,)
    if array.ndim not in allowed:
        expected = (
            "(n_samples,) or (n_samples, n_outputs)" if allow_2d else "(n_samples,)"
        )
        msg = f"{name} must have shape {expected}, got shape {array.shape}."
        raise ValueError(msg)
    if array.shape[0] != n_samples:
        msg = (
            f"{name} has {array.shape[0]} samples (shape {array.shape}), "
            f"but X has {n_samples}: they must match."
        )
        raise ValueError(msg)
    return array


def check_consistent_length(X: npt.NDArray[Any], y: npt.NDArray[Any]) -> None:
    """Raise ValueError naming both shapes if ``X`` and ``y`` differ in length."""
    if X.shape[0] != y.shape[0]:
        msg = (
            f"X and y must have the same number of samples, got X of shape "
            f"{X.shape} and y of shape {y.shape}."
        )
        raise ValueError(msg)


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_positive_int(value: Any, *, name: str) -> int:
    """Return ``value`` as an int if it is a whole number >= 1, else raise.

    Raises
    ------
    TypeError
        If ``value`` is not an integer.
    ValueError
        If ``value`` is less than 1.
    """
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        msg = f"{name} must be a positive integer, got {describe(value)}."
        raise TypeError(msg)
    if value < 1:
        msg = f"{name} must be a positive integer (>= 1), got {value!r}."
        raise ValueError(msg)
    return int(value)


def check_positive_float(value: Any, *, name: str) -> float:
    """Return ``value`` as a float if it is finite and > 0, else raise.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If ``value`` is not finite or not positive.
    """
    if not _is_number(value):
        msg = f"{name} must be a positive finite number, got {describe(value)}."
        raise TypeError(msg)
    if not np.isfinite(value) or value <= 0:
        msg = f"{name} must be a positive finite number, got {value!r}."
        raise ValueError(msg)
    return float(value)


def check_nonnegative_float(
    value: Any, *, name: str, upper: float | None = None
) -> float:
    """Return ``value`` as a float if it is finite, >= 0 (and < ``upper``).

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If ``value`` is not finite, negative, or not below ``upper``.
    """
    bounds = "in [0, {})".format(upper) if upper is not None else ">= 0"
    if not _is_number(value):
        msg = f"{name} must be a finite number {bounds}, got {describe(value)}."
        raise TypeError(msg)
    if (
        not np.isfinite(value)
        or value < 0
        or (upper is not None and value >= upper)
    ):
        msg = f"{name} must be a finite number {bounds}, got {value!r}."
        raise ValueError(msg)
    return float(value)


def check_random_state(random_state: RandomState, *, name: str = "random_state") -> (
    np.random.Generator
):
    """Turn ``None``, an int seed or a Generator into a :class:`numpy.random.Generator`.

    Raises
    ------
    TypeError
        If ``random_state`` is none of those.
    """
    if random_state is None or isinstance(random_state, numbers.Integral):
        if isinstance(random_state, bool):
            msg = f"{name} must be None, an int or a numpy Generator, got True/False."
            raise TypeError(msg)
        return np.random.default_rng(random_state)
    if isinstance(random_state, np.random.Generator):
        return random_state
    msg = f"{name} must be None, an int or a numpy Generator, got {describe(random_state)}."
    raise TypeError(msg)


def check_is_fitted(
    estimator: object, attributes: Sequence[str], *, method: str = "predict"
) -> None:
    """Raise :class:`~neurons.exceptions.NotFittedError` unless ``fit`` has run.

    The estimator counts as fitted when it has every attribute in
    ``attributes`` (learned attributes end in ``_``, as in scikit-learn).
    """
    if not all(hasattr(estimator, attribute) for attribute in attributes):
        msg = (
            f"This {type(estimator).__name__} instance is not fitted yet. Call "
            f"'fit' with appropriate arguments before using '{method}'."
        )
        raise NotFittedError(msg)


def check_choice(value: Any, *, name: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of the strings in ``choices``, else raise.

    The error lists every valid choice, as Keras's resolvers do.

    Raises
    ------
    TypeError
        If ``value`` is not a string.
    ValueError
        If ``value`` is not one of ``choices``.
    """
    valid = ", ".join(repr(choice) for choice in choices)
    if not isinstance(value, str):
        msg = f"{name} must be one of {valid}, got {describe(value)}."
        raise TypeError(msg)
    if value not in choices:
        msg = f"Unknown {name} {value!r}. Valid names are: {valid}."
        raise ValueError(msg)
    return value
