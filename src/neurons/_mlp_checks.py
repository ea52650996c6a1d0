"""The checks of :class:`neurons.mlp.MLP`'s arguments, which no other module needs.

Each returns the checked value or raises with a message that names the
parameter, says what was expected and echoes what was given.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from neurons._validation import (
    Float64Array,
    check_array,
    check_choice,
    check_nonnegative_float,
    describe,
)

OUTPUT_ACTIVATIONS = ("identity", "sigmoid", "softmax")


def check_dtype(dtype: Any) -> np.dtype[Any]:
    """Return ``dtype`` as float32 or float64, or raise ValueError naming both."""
    resolved: np.dtype[Any] | None
    try:
        resolved = np.dtype(dtype)
    except TypeError:
        resolved = None
    if resolved is None or resolved not in (np.float32, np.float64):
        msg = f"dtype must be 'float32' or 'float64', got {describe(dtype)}."
        raise ValueError(msg)
    return resolved


def check_layer_sizes(
    layer_sizes: Any, *, name: str = "layer_sizes"
) -> tuple[int, ...]:
    """Return ``layer_sizes`` as a tuple of at least two positive ints, or raise.

    Raises
    ------
    TypeError
        If ``layer_sizes`` is not a sequence of integers.
    ValueError
        If it has fewer than two entries or an entry below 1.
    """
    if isinstance(layer_sizes, str | bytes) or not isinstance(
        layer_sizes, Sequence | np.ndarray
    ):
        msg = (
            f"{name} must be a sequence of positive integers, "
            f"got {describe(layer_sizes)}."
        )
        raise TypeError(msg)
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        msg = (
            f"{name} must have at least 2 entries, got {len(sizes)}: {tuple(sizes)!r}."
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


def check_output_layer(output_activation: str, loss: str, *, n_outputs: int) -> None:
    """Check that an output activation, a loss and an output width fit together.

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


def check_dropout(dropout: Any, *, n_hidden: int) -> tuple[float, ...]:
    """Return one dropout rate in [0, 1) per hidden layer, or raise.

    Raises
    ------
    TypeError
        If ``dropout`` is neither a number nor a sequence of numbers.
    ValueError
        If a rate is outside [0, 1) or NaN, if a sequence does not hold one
        rate per hidden layer, or if a rate above 0 is given for a network
        without hidden layers (it could not take effect).
    """
    if isinstance(dropout, Sequence | np.ndarray) and not isinstance(
        dropout, str | bytes
    ):
        rates = list(dropout)
        if len(rates) != n_hidden:
            msg = (
                f"dropout must hold one rate per hidden layer: {n_hidden} for this "
                f"network, got {len(rates)}: {tuple(rates)!r}."
            )
            raise ValueError(msg)
        return tuple(
            check_nonnegative_float(rate, name=f"dropout[{index}]", upper=1.0)
            for index, rate in enumerate(rates)
        )
    rate = check_nonnegative_float(dropout, name="dropout", upper=1.0)
    if n_hidden == 0 and rate > 0:
        msg = (
            f"dropout={rate!r} needs a hidden layer to act on, and this network "
            "has none (dropout applies to hidden-layer outputs only)."
        )
        raise ValueError(msg)
    return (rate,) * n_hidden


def check_parameter(value: Any, *, name: str, shape: tuple[int, ...]) -> Float64Array:
    """Return a float64 copy of one weight matrix or bias vector, or raise.

    Raises
    ------
    TypeError
        If ``value`` is not numeric.
    ValueError
        If its shape is not ``shape`` (both are named) or it holds NaN or
        infinity.
    """
    try:
        array = np.asarray(value)
    except ValueError as error:  # a ragged nested list
        msg = f"{name} must be an array of shape {shape}, got {describe(value)}."
        raise ValueError(msg) from error
    if array.shape != shape:
        msg = f"{name} must have shape {shape}, got shape {array.shape}."
        raise ValueError(msg)
    return check_array(array, name=name, ndim=len(shape)).copy()


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
        If ``values`` is not a list, tuple or ``ParameterList``, or an
        entry is not numeric.
    ValueError
        If the number of arrays or a shape differs from the expected one
        (both are named), or an entry holds NaN or infinity.
    """
    # A list, a tuple or a ParameterList (a Sequence); not a string.
    if not isinstance(values, Sequence) or isinstance(values, str | bytes):
        msg = f"{name} must be a list of {len(shapes)} arrays, got {describe(values)}."
        raise TypeError(msg)
    if len(values) != len(shapes):
        msg = (
            f"{name} must be a list of {len(shapes)} arrays (one per layer), "
            f"got {len(values)}."
        )
        raise ValueError(msg)
    return [
        check_parameter(value, name=f"{name}[{index}]", shape=shape)
        for index, (value, shape) in enumerate(zip(values, shapes, strict=True))
    ]


def check_forward_pass(
    forward_pass: Any, *, n_layers: int
) -> tuple[list[Float64Array], list[Float64Array]]:
    """Unpack the ``(z, a)`` pair of :meth:`MLP.forward_pass` for ``n_layers`` layers.

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
