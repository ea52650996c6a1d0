"""The input checks that neither NumPy nor scikit-learn provides.

The estimators validate their parameters and data with scikit-learn
(``_parameter_constraints``, ``validate_data``, ``check_is_fitted``); checks
that only one model needs live with it (:mod:`neurons.units`, ``_mlp_checks``).
What remains is shared: arrays, scalars, names from a fixed list. Every message
names the parameter, says what was expected and echoes what was given.
Nothing here uses ``assert``: asserts vanish under ``python -O``.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.preprocessing import LabelEncoder
from sklearn.utils._param_validation import Interval
from sklearn.utils.multiclass import check_classification_targets

Float64Array = npt.NDArray[np.float64]
RandomState = int | np.random.Generator | None
# The same, as an entry of an estimator's ``_parameter_constraints``.
RANDOM_STATE_CONSTRAINT: list[Any] = [
    None,
    Interval(numbers.Integral, 0, None, closed="left"),
    np.random.Generator,
]


def describe(value: Any) -> str:
    """Return a short description of ``value`` for an error message."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} (type {type(value).__name__})"


# --- arrays ---------------------------------------------------------------------


def check_array(
    X: Any,
    *,
    name: str = "X",
    ndim: int = 2,
    n_features: int | None = None,
    expected_by: str | None = None,
    dtype: npt.DTypeLike = np.float64,
) -> Float64Array:
    """Return ``X`` as a finite, non-empty float array of ``ndim`` dimensions.

    TypeError if ``X`` is not numeric, ValueError for every other problem. With
    ``n_features``, a 2-D ``X`` must have that many columns; the message names
    both shapes and ``expected_by``, what fixes that number (such as ``"this
    TLU, with weights of shape (2,),"``). The array is converted to ``dtype``
    (float64 unless told; an MLP passes its own), copying only to convert, and
    checked for finiteness after the conversion: a float64 number too large
    for float32 is refused, not turned into infinity.
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
        msg = f"{name} must hold numbers (bool, int or float), got {describe(array)}."
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
    with np.errstate(over="ignore"):  # a value too large for dtype: refused below
        array = array.astype(dtype, copy=False)
    if not np.all(np.isfinite(array)):
        n_bad = int(np.count_nonzero(~np.isfinite(array)))
        where = "" if array.dtype == np.float64 else f" in {array.dtype}"
        msg = (
            f"{name} must contain only finite values{where}, "
            f"got {n_bad} NaN or infinite value(s)."
        )
        if where:
            msg += f" ({array.dtype} holds magnitudes up to {np.finfo(array.dtype).max:.3g}.)"
        raise ValueError(msg)
    if n_features is not None and ndim == 2 and array.shape[1] != n_features:
        expected = (
            f"{expected_by} expects {n_features}"
            if expected_by
            else f"{n_features} were expected"
        )
        msg = f"{name} has {array.shape[1]} features (shape {array.shape}), but {expected}."
        raise ValueError(msg)
    return array


def check_vector(
    values: Any, *, name: str, shape_hint: str = "(n_features,)"
) -> Float64Array:
    """Return ``values`` as a finite, non-empty 1-D float64 array, or raise.

    The message names ``shape_hint``, the expected shape (a weight vector, a
    curve, a grid of net inputs), where :func:`check_array` speaks of samples.
    """
    try:
        ndim = np.ndim(values)
    except ValueError:  # ragged nested lists: let check_array say so
        ndim = 1
    array = check_array(values, name=name, ndim=ndim)
    if array.ndim != 1:
        msg = (
            f"{name} must be a 1-D array of shape {shape_hint}, "
            f"got {array.ndim}-D shape {array.shape}."
        )
        raise ValueError(msg)
    return array


# --- targets and labels ---------------------------------------------------------


def check_label_vector(
    y: Any, X: npt.NDArray[Any], *, name: str = "y"
) -> npt.NDArray[Any]:
    """Return ``y`` as a 1-D array of labels of any type, one per row of ``X``."""
    array = np.asarray(y)
    if array.ndim != 1:
        msg = f"{name} must have shape (n_samples,), got shape {array.shape}."
        raise ValueError(msg)
    if array.shape[0] != X.shape[0]:
        msg = (
            f"{name} has {array.shape[0]} labels (shape {array.shape}), but X has "
            f"{X.shape[0]} samples (shape {X.shape}): they must match."
        )
        raise ValueError(msg)
    return array


def check_class_labels(
    y: Any, *, name: str = "y"
) -> tuple[npt.NDArray[Any], npt.NDArray[np.intp]]:
    """Return the sorted classes of the 1-D labels ``y``, and ``y`` as indices.

    scikit-learn's ``check_classification_targets`` refuses continuous targets;
    the one check it leaves to each classifier, at least two classes, is added
    here with a message that lists them. ``classes[encoded]`` equals ``y``.
    """
    check_classification_targets(y)
    encoder = LabelEncoder()
    encoded = encoder.fit_transform(y).astype(np.intp)
    classes = encoder.classes_
    if classes.shape[0] < 2:
        msg = (
            f"{name} must contain at least 2 classes, got {classes.shape[0]} "
            f"class: {classes.tolist()}."
        )
        raise ValueError(msg)
    return classes, encoded


def check_network_target(
    y: Any, *, n_samples: int, n_outputs: int, name: str = "y"
) -> Float64Array:
    """Return a network's targets as float64 of shape ``(n_samples, n_outputs)``.

    A 1-D ``y`` is accepted for a network with a single output. Messages name
    both shapes on a mismatch; non-numeric or non-finite ``y`` is refused as
    :func:`check_array` refuses it.
    """
    try:
        ndim = np.ndim(y)
    except ValueError:  # ragged nested lists: let check_array say so
        ndim = 1
    array = check_array(y, name=name, ndim=ndim if ndim in (1, 2) else 1)
    if array.shape[0] != n_samples:
        msg = (
            f"{name} has {array.shape[0]} samples (shape {array.shape}), "
            f"but X has {n_samples}: they must match."
        )
        raise ValueError(msg)
    if array.ndim == 1 and n_outputs == 1:
        array = array.reshape(-1, 1)
    if array.ndim == 1 or array.shape[1] != n_outputs:
        msg = (
            f"{name} has shape {array.shape}, but the network has {n_outputs} "
            f"output(s): {name} must have shape ({n_samples}, {n_outputs})"
            + (" (one-hot rows for a softmax output)." if n_outputs > 1 else ".")
        )
        raise ValueError(msg)
    return array


# --- scalars, names and objects -------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def check_int_at_least(value: Any, *, name: str, minimum: int = 1) -> int:
    """Return ``value`` as an int if it is an integer >= ``minimum``, else raise.

    Floats (even ``2.0``) and bools are refused with a TypeError.
    """
    expected = (
        "a positive integer (>= 1)" if minimum == 1 else f"an integer >= {minimum}"
    )
    if not _is_integer(value):
        msg = f"{name} must be {expected}, got {describe(value)}."
        raise TypeError(msg)
    if value < minimum:
        msg = f"{name} must be {expected}, got {value!r}."
        raise ValueError(msg)
    return int(value)


def _check_real(
    value: Any, *, name: str, expected: str, in_range: Callable[[Any], bool]
) -> float:
    if not _is_number(value):
        msg = f"{name} must be {expected}, got {describe(value)}."
        raise TypeError(msg)
    if not (np.isfinite(value) and in_range(value)):
        msg = f"{name} must be {expected}, got {value!r}."
        raise ValueError(msg)
    return float(value)


def check_positive_float(value: Any, *, name: str) -> float:
    """Return ``value`` as a float if it is a finite number > 0, else raise."""
    return _check_real(
        value, name=name, expected="a positive finite number", in_range=lambda x: x > 0
    )


def check_nonnegative_float(
    value: Any, *, name: str, upper: float | None = None
) -> float:
    """Return ``value`` as a float if it is finite, >= 0 and below ``upper``."""
    bounds = ">= 0" if upper is None else f"in [0, {upper})"
    return _check_real(
        value,
        name=name,
        expected=f"a finite number {bounds}",
        in_range=lambda x: x >= 0 and (upper is None or x < upper),
    )


def check_bool(value: Any, *, name: str) -> bool:
    """Return ``value`` if it is a bool (Python or NumPy), else raise TypeError."""
    if not isinstance(value, bool | np.bool_):
        msg = f"{name} must be True or False, got {describe(value)}."
        raise TypeError(msg)
    return bool(value)


def check_random_state(
    random_state: RandomState, *, name: str = "random_state"
) -> np.random.Generator:
    """Turn ``None``, an int seed or a Generator into a :class:`numpy.random.Generator`."""
    if isinstance(random_state, np.random.Generator):
        return random_state
    if random_state is None or _is_integer(random_state):
        return np.random.default_rng(random_state)
    msg = f"{name} must be None, an int or a numpy Generator, got {describe(random_state)}."
    raise TypeError(msg)


def check_choice(value: Any, *, name: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``choices``; the error lists them all."""
    valid = ", ".join(repr(choice) for choice in choices)
    if not isinstance(value, str):
        msg = f"{name} must be one of {valid}, got {describe(value)}."
        raise TypeError(msg)
    if value not in choices:
        msg = f"Unknown {name} {value!r}. Valid names are: {valid}."
        raise ValueError(msg)
    return value


def check_instance(value: Any, cls: type, *, name: str, expected: str) -> None:
    """Raise TypeError unless ``value`` is an instance of ``cls``."""
    if not isinstance(value, cls):
        msg = f"{name} must be {expected}, got {describe(value)}."
        raise TypeError(msg)
