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
    "check_bool",
    "check_choice",
    "check_class_labels",
    "check_features",
    "check_finite_float",
    "check_forward_pass",
    "check_fraction",
    "check_has_method",
    "check_index_list",
    "check_indices_in_range",
    "check_instance",
    "check_int_at_least",
    "check_is_fitted",
    "check_label_vector",
    "check_layer_sizes",
    "check_network_target",
    "check_nonnegative_float",
    "check_output_layer",
    "check_parameter_list",
    "check_positive_float",
    "check_positive_int",
    "check_random_state",
    "check_target",
    "check_vector",
    "check_whole_number",
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
            f"{name} must be binary (only 0 and 1), got the value(s) {values.tolist()}."
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


def check_instance(value: Any, cls: type, *, name: str, expected: str) -> None:
    """Raise TypeError unless ``value`` is an instance of ``cls``.

    Parameters
    ----------
    value : object
        The value to check.
    cls : type
        The class ``value`` must be an instance of.
    name : str
        The parameter name used in the error message.
    expected : str
        What was expected, for the message, such as ``"a neurons.MLP"``.

    Raises
    ------
    TypeError
        If ``value`` is not an instance of ``cls``.
    """
    if not isinstance(value, cls):
        msg = f"{name} must be {expected}, got {describe(value)}."
        raise TypeError(msg)


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
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
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
    bounds = f"in [0, {upper})" if upper is not None else ">= 0"
    if not _is_number(value):
        msg = f"{name} must be a finite number {bounds}, got {describe(value)}."
        raise TypeError(msg)
    if not np.isfinite(value) or value < 0 or (upper is not None and value >= upper):
        msg = f"{name} must be a finite number {bounds}, got {value!r}."
        raise ValueError(msg)
    return float(value)


def check_random_state(
    random_state: RandomState, *, name: str = "random_state"
) -> np.random.Generator:
    """Turn ``None``, an int seed or a Generator into a :class:`numpy.random.Generator`.

    Raises
    ------
    TypeError
        If ``random_state`` is none of those.
    """
    if isinstance(random_state, bool):
        msg = f"{name} must be None, an int or a numpy Generator, got True/False."
        raise TypeError(msg)
    if random_state is None or isinstance(random_state, numbers.Integral):
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


def check_layer_sizes(
    layer_sizes: Any, *, name: str = "layer_sizes", min_length: int = 2
) -> tuple[int, ...]:
    """Return ``layer_sizes`` as a tuple of positive ints, or raise.

    Parameters
    ----------
    layer_sizes : sequence of int
        Layer widths, such as ``(2, 4, 1)`` for an MLP or ``(100,)`` for the
        hidden layers of an estimator.
    name : str, default="layer_sizes"
        The parameter name used in error messages.
    min_length : int, default=2
        The fewest entries accepted.

    Raises
    ------
    TypeError
        If ``layer_sizes`` is not a sequence of integers.
    ValueError
        If it has fewer than ``min_length`` entries or an entry below 1.
    """
    if not isinstance(layer_sizes, bool) and isinstance(layer_sizes, numbers.Integral):
        layer_sizes = (layer_sizes,)
    if isinstance(layer_sizes, str | bytes) or not isinstance(
        layer_sizes, Sequence | np.ndarray
    ):
        msg = f"{name} must be a sequence of positive integers, got {describe(layer_sizes)}."
        raise TypeError(msg)
    sizes = list(layer_sizes)
    if len(sizes) < min_length:
        msg = (
            f"{name} must have at least {min_length} entries, got {len(sizes)}: "
            f"{tuple(sizes)!r}."
        )
        raise ValueError(msg)
    for index, size in enumerate(sizes):
        if isinstance(size, bool) or not isinstance(size, numbers.Integral):
            msg = f"{name}[{index}] must be a positive integer, got {describe(size)}."
            raise TypeError(msg)
        if size < 1:
            msg = f"{name}[{index}] must be a positive integer (>= 1), got {size!r}."
            raise ValueError(msg)
    return tuple(int(size) for size in sizes)


def check_forward_pass(
    forward_pass: Any, *, n_layers: int
) -> tuple[list[Float64Array], list[Float64Array]]:
    """Unpack the ``(z, a)`` pair of ``MLP.forward_pass`` for a network of ``n_layers``.

    Raises
    ------
    TypeError
        If ``forward_pass`` is not a pair of lists.
    ValueError
        If it holds the wrong number of layers for this network.
    """
    if not (
        isinstance(forward_pass, tuple)
        and len(forward_pass) == 2
        and all(isinstance(part, list) for part in forward_pass)
    ):
        msg = (
            "forward_pass must be what MLP.forward_pass returns, a (z, a) pair "
            f"of lists of arrays, got {describe(forward_pass)}."
        )
        raise TypeError(msg)
    z, a = forward_pass
    if len(z) != n_layers or len(a) != n_layers + 1:
        msg = (
            f"forward_pass must hold {n_layers} net inputs z and {n_layers + 1} "
            f"activations a for this network, got {len(z)} and {len(a)}: "
            "was it computed by a network of another shape?"
        )
        raise ValueError(msg)
    return z, a


def check_network_target(
    y: Any, *, n_samples: int, n_outputs: int, name: str = "y"
) -> Float64Array:
    """Return targets as a float64 array of shape ``(n_samples, n_outputs)``.

    A 1-D ``y`` is accepted for a network with a single output.

    Raises
    ------
    TypeError
        If ``y`` is not numeric.
    ValueError
        If ``y`` has the wrong length or shape (both shapes are named), or
        holds NaN or infinity.
    """
    array = check_target(y, n_samples=n_samples, name=name, allow_2d=True)
    if array.ndim == 1 and n_outputs == 1:
        array = array.reshape(-1, 1)
    if array.ndim == 1 or array.shape[1] != n_outputs:
        msg = (
            f"{name} has shape {array.shape}, but the network has {n_outputs} "
            f"output(s): {name} must have shape ({n_samples}, {n_outputs})"
            + (" (one-hot rows for a softmax output)." if n_outputs > 1 else ".")
        )
        raise ValueError(msg)
    return np.asarray(array, dtype=np.float64)


def check_fraction(value: Any, *, name: str) -> float:
    """Return ``value`` as a float if it lies strictly between 0 and 1, else raise.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If ``value`` is not in the open interval (0, 1).
    """
    if not _is_number(value):
        msg = f"{name} must be a number in (0, 1), got {describe(value)}."
        raise TypeError(msg)
    if not 0 < value < 1:
        msg = f"{name} must be a number in (0, 1), got {value!r}."
        raise ValueError(msg)
    return float(value)


def check_bool(value: Any, *, name: str) -> bool:
    """Return ``value`` if it is a bool (Python or NumPy), else raise TypeError."""
    if not isinstance(value, bool | np.bool_):
        msg = f"{name} must be True or False, got {describe(value)}."
        raise TypeError(msg)
    return bool(value)


OUTPUT_ACTIVATIONS = ("identity", "sigmoid", "softmax")


def check_output_layer(output_activation: str, loss: str, *, n_outputs: int) -> None:
    """Check that an output activation, a loss and an output width fit together.

    Parameters
    ----------
    output_activation : str
        Name of the output activation.
    loss : str
        Name of the loss.
    n_outputs : int
        Number of output units.

    Raises
    ------
    ValueError
        If the output activation is not one of ``OUTPUT_ACTIVATIONS``; if
        softmax has a single unit (its output would always be 1); if
        ``categorical_crossentropy`` is used without softmax, or
        ``binary_crossentropy`` without a probability output.
    """
    check_choice(
        output_activation, name="output_activation", choices=OUTPUT_ACTIVATIONS
    )
    if output_activation == "softmax" and n_outputs == 1:
        msg = (
            "output_activation='softmax' needs at least 2 output units: over a "
            "single unit softmax is always 1. Use output_activation='sigmoid' "
            "for one probability, got layer sizes ending in 1."
        )
        raise ValueError(msg)
    if loss == "categorical_crossentropy" and output_activation != "softmax":
        msg = (
            "loss='categorical_crossentropy' expects class probabilities from "
            "output_activation='softmax', got "
            f"output_activation={output_activation!r}."
        )
        raise ValueError(msg)
    if loss == "binary_crossentropy" and output_activation == "identity":
        msg = (
            "loss='binary_crossentropy' expects probabilities in (0, 1) from "
            "output_activation='sigmoid' (or 'softmax'), got "
            "output_activation='identity'."
        )
        raise ValueError(msg)


def check_parameter_list(
    values: Any, *, name: str, shapes: Sequence[tuple[int, ...]]
) -> list[Float64Array]:
    """Check a list of weight matrices or bias vectors against expected shapes.

    Returns
    -------
    list of ndarray of float64
        Copies of the arrays, as float64.

    Raises
    ------
    TypeError
        If ``values`` is not a list or tuple, or an entry is not numeric.
    ValueError
        If the number of arrays or a shape differs from the expected one
        (both are named), or an entry holds NaN or infinity.
    """
    if not isinstance(values, list | tuple):
        msg = f"{name} must be a list of {len(shapes)} arrays, got {describe(values)}."
        raise TypeError(msg)
    if len(values) != len(shapes):
        msg = (
            f"{name} must be a list of {len(shapes)} arrays (one per layer), "
            f"got {len(values)}."
        )
        raise ValueError(msg)
    arrays = []
    for index, (value, shape) in enumerate(zip(values, shapes, strict=True)):
        array = np.asarray(value)
        if array.shape != shape:
            msg = f"{name}[{index}] must have shape {shape}, got shape {array.shape}."
            raise ValueError(msg)
        arrays.append(
            check_array(array, name=f"{name}[{index}]", ndim=len(shape)).copy()
        )
    return arrays


# --- checks for units, the perceptron, data sets and plots -----------------


def check_vector(
    values: Any, *, name: str, shape_hint: str = "(n_features,)"
) -> Float64Array:
    """Convert ``values`` to a finite, non-empty 1-D float64 array, or raise.

    Unlike ``check_array(..., ndim=1)``, whose message speaks of samples, the
    error names the expected shape given in ``shape_hint`` (a weight vector,
    a curve, a grid of net inputs).

    Raises
    ------
    TypeError
        If ``values`` is not numeric.
    ValueError
        If ``values`` is not 1-D, is empty or holds NaN or infinity.
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


def check_finite_float(value: Any, *, name: str) -> float:
    """Return ``value`` as a float if it is a finite real number, else raise.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If ``value`` is NaN or infinite.
    """
    if not _is_number(value):
        msg = f"{name} must be a finite number, got {describe(value)}."
        raise TypeError(msg)
    if not np.isfinite(value):
        msg = f"{name} must be a finite number, got {value!r}."
        raise ValueError(msg)
    return float(value)


def check_whole_number(value: Any, *, name: str, minimum: int = 0) -> int:
    """Return ``value`` as an int if it is a whole number >= ``minimum``.

    Integral floats such as ``2.0`` are accepted; ``2.5`` is not.

    Raises
    ------
    TypeError
        If ``value`` is not a real number (bools are refused too).
    ValueError
        If ``value`` is not finite, not whole, or below ``minimum``.
    """
    expected = f"a whole number >= {minimum}"
    if not _is_number(value):
        msg = f"{name} must be {expected}, got {describe(value)}."
        raise TypeError(msg)
    if not np.isfinite(value) or value != int(value):
        msg = f"{name} must be {expected}, got {value!r}."
        raise ValueError(msg)
    if value < minimum:
        msg = f"{name} must be {expected}, got {value!r}."
        raise ValueError(msg)
    return int(value)


def check_int_at_least(value: Any, *, name: str, minimum: int) -> int:
    """Return ``value`` as an int if it is an integer >= ``minimum``, else raise.

    Raises
    ------
    TypeError
        If ``value`` is not an integer (floats and bools are refused).
    ValueError
        If ``value`` is below ``minimum``.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        msg = f"{name} must be an integer >= {minimum}, got {describe(value)}."
        raise TypeError(msg)
    if value < minimum:
        msg = f"{name} must be an integer >= {minimum}, got {value!r}."
        raise ValueError(msg)
    return int(value)


def check_index_list(values: Any, *, name: str) -> tuple[int, ...]:
    """Return ``values`` as a tuple of distinct non-negative int indices.

    Raises
    ------
    TypeError
        If ``values`` is not an iterable of integers.
    ValueError
        If an index is negative or appears twice.
    """
    if isinstance(values, str | bytes) or not isinstance(
        values, Sequence | np.ndarray | set | frozenset
    ):
        msg = f"{name} must be a sequence of input indices, got {describe(values)}."
        raise TypeError(msg)
    indices: list[int] = []
    for index in values:
        if isinstance(index, bool) or not isinstance(index, numbers.Integral):
            msg = f"{name} must hold integer indices, got {describe(index)}."
            raise TypeError(msg)
        if index < 0:
            msg = f"{name} must hold non-negative indices, got {int(index)}."
            raise ValueError(msg)
        indices.append(int(index))
    duplicates = sorted({index for index in indices if indices.count(index) > 1})
    if duplicates:
        msg = (
            f"{name} must not repeat an index, got {indices} (repeated: {duplicates})."
        )
        raise ValueError(msg)
    return tuple(indices)


def check_indices_in_range(
    indices: Sequence[int], *, name: str, X_shape: tuple[int, ...]
) -> None:
    """Raise ValueError naming both if an index is not a column of ``X``.

    Raises
    ------
    ValueError
        If some index is >= the number of columns in ``X_shape``.
    """
    n_columns = X_shape[1]
    out_of_range = [index for index in indices if index >= n_columns]
    if out_of_range:
        msg = (
            f"{name} index(es) {out_of_range} out of range for X of shape "
            f"{X_shape}: X has {n_columns} input(s), so valid indices are 0 to "
            f"{n_columns - 1}."
        )
        raise ValueError(msg)


def check_features(
    X: Any, *, n_features: int, expected_by: str, name: str = "X"
) -> Float64Array:
    """Check ``X`` as :func:`check_array` does, then its number of columns.

    Parameters
    ----------
    X : array-like
        The samples to check.
    n_features : int
        The number of columns ``X`` must have.
    expected_by : str
        What fixes that number, with its shape, for the message: for example
        ``"weights of shape (2,)"``.
    name : str, default="X"
        The parameter name used in error messages.

    Raises
    ------
    TypeError, ValueError
        As :func:`check_array`; ValueError naming both shapes if ``X`` has the
        wrong number of columns.
    """
    array = check_array(X, name=name)
    if array.shape[1] != n_features:
        msg = (
            f"{name} has {array.shape[1]} features (shape {array.shape}), but "
            f"{expected_by} expects {n_features}."
        )
        raise ValueError(msg)
    return array


def check_label_vector(
    y: Any, X: npt.NDArray[Any], *, name: str = "y"
) -> npt.NDArray[Any]:
    """Check that ``y`` is a 1-D array of labels, one per row of ``X``.

    Labels may be of any type; the message on a length mismatch names both
    shapes.

    Raises
    ------
    ValueError
        If ``y`` is empty, not 1-D, or not as long as ``X``.
    """
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
    y: Any, X: npt.NDArray[Any], *, name: str = "y", min_classes: int = 2
) -> tuple[npt.NDArray[Any], npt.NDArray[np.intp]]:
    """Check class labels for ``X``; return the sorted classes and label indices.

    Labels may be of any type that sorts (ints, strings, ...); float labels
    must be finite.

    Returns
    -------
    classes : ndarray of shape (n_classes,)
        The distinct labels, sorted, as :func:`numpy.unique` returns them.
    encoded : ndarray of int of shape (n_samples,)
        ``classes[encoded]`` equals ``y``.

    Raises
    ------
    TypeError
        If the labels cannot be compared with each other.
    ValueError
        If ``y`` is not 1-D or not as long as ``X`` (the message names both
        shapes), holds NaN or infinity, or has fewer than ``min_classes``
        distinct labels.
    """
    array = check_label_vector(y, X, name=name)
    if array.dtype.kind == "f" and not np.all(np.isfinite(array)):
        msg = f"{name} must not contain NaN or infinite labels."
        raise ValueError(msg)
    try:
        classes, encoded = np.unique(array, return_inverse=True)
    except TypeError as error:
        msg = f"{name} must hold labels of one comparable type; NumPy said: {error}"
        raise TypeError(msg) from error
    if classes.shape[0] < min_classes:
        msg = (
            f"{name} must contain at least {min_classes} classes, got only "
            f"{classes.shape[0]}: {classes.tolist()}."
        )
        raise ValueError(msg)
    return classes, encoded.reshape(-1).astype(np.intp)


def check_has_method(obj: Any, method: str, *, name: str) -> None:
    """Raise TypeError unless ``obj`` has a callable attribute ``method``."""
    if not callable(getattr(obj, method, None)):
        msg = (
            f"{name} must have a {method!r} method (a fitted classifier), "
            f"got {describe(obj)}."
        )
        raise TypeError(msg)
