"""Tests for neurons._validation: every message names, expects and echoes."""

from __future__ import annotations

import numpy as np
import pytest

from neurons import _validation as v

# --- check_array ----------------------------------------------------------------


def test_check_array_converts_to_float64_without_copying_float_input():
    X = np.ones((2, 3))
    assert v.check_array(X) is X
    converted = v.check_array([[1, 2]])
    assert converted.dtype == np.float64
    assert v.check_array([True, False], ndim=1).tolist() == [1.0, 0.0]


@pytest.mark.parametrize(
    ("X", "kwargs", "error", "match"),
    [
        ("abc", {}, TypeError, r"X must be a numeric array, got 'abc' \(type str\)"),
        (
            [["a"]],
            {},
            TypeError,
            r"X must hold numbers \(bool, int or float\), got an array of shape \(1, 1\)",
        ),
        (
            [[1, 2], [3]],
            {},
            ValueError,
            r"X must be a rectangular numeric array; NumPy said",
        ),
        (
            [1.0, 2.0],
            {},
            ValueError,
            (
                r"X must be a 2-D array of shape \(n_samples, n_features\), got 1-D shape \(2,\)\. "
                r"Reshape a single feature with X\.reshape\(-1, 1\)"
            ),
        ),
        (
            [[1.0]],
            {"ndim": 1, "name": "y"},
            ValueError,
            r"y must be a 1-D array of shape \(n_samples,\), got 2-D shape \(1, 1\)\.$",
        ),
        (np.zeros((0, 3)), {}, ValueError, r"X must not be empty, got shape \(0, 3\)"),
        (
            [[np.nan, np.inf]],
            {},
            ValueError,
            r"X must contain only finite values, got 2 NaN or infinite",
        ),
        (
            np.ones((2, 3)),
            {"n_features": 2},
            ValueError,
            r"X has 3 features \(shape \(2, 3\)\), but 2 were expected",
        ),
    ],
)
def test_check_array_errors(X, kwargs, error, match):
    with pytest.raises(error, match=match):
        v.check_array(X, **kwargs)


# --- targets and labels ---------------------------------------------------------


@pytest.mark.parametrize(
    ("y", "kwargs", "error", "match"),
    [
        (
            [1.0, 2.0],
            {"n_samples": 3, "n_outputs": 1},
            ValueError,
            r"y has 2 samples \(shape \(2,\)\), but X has 3: they must match",
        ),
        (
            [1.0, 2.0],
            {"n_samples": 2, "n_outputs": 3},
            ValueError,
            (
                r"y has shape \(2,\), but the network has 3 output\(s\): y must have "
                r"shape \(2, 3\) \(one-hot rows for a softmax output\)\."
            ),
        ),
        (
            [[1.0, 2.0]],
            {"n_samples": 1, "n_outputs": 1},
            ValueError,
            (
                r"y has shape \(1, 2\), but the network has 1 output\(s\): y must have "
                r"shape \(1, 1\)\.$"
            ),
        ),
        (
            [[[1.0]]],
            {"n_samples": 1, "n_outputs": 1},
            ValueError,
            r"y must be a 1-D array",
        ),
        ([], {"n_samples": 0, "n_outputs": 1}, ValueError, r"y must not be empty"),
        (["a"], {"n_samples": 1, "n_outputs": 1}, TypeError, r"y must hold numbers"),
        (
            [np.nan],
            {"n_samples": 1, "n_outputs": 1},
            ValueError,
            r"y must contain only finite values",
        ),
    ],
)
def test_check_network_target_errors(y, kwargs, error, match):
    with pytest.raises(error, match=match):
        v.check_network_target(y, **kwargs)


def test_check_network_target_makes_a_column_for_one_output():
    Y = v.check_network_target([1, 2], n_samples=2, n_outputs=1)
    assert Y.dtype == np.float64
    assert Y.tolist() == [[1.0], [2.0]]
    assert v.check_network_target([[0, 1]], n_samples=1, n_outputs=2).shape == (1, 2)


def test_check_label_vector_names_both_shapes():
    X = np.zeros((3, 2))
    assert v.check_label_vector(["a", "b", "c"], X).tolist() == ["a", "b", "c"]
    with pytest.raises(
        ValueError,
        match=r"y has 2 labels \(shape \(2,\)\), but X has 3 samples \(shape \(3, 2\)\)",
    ):
        v.check_label_vector([0, 1], X)
    with pytest.raises(
        ValueError, match=r"labels must have shape \(n_samples,\), got shape \(\)"
    ):
        v.check_label_vector(0, X, name="labels")


def test_check_class_labels_encodes_sorted_classes():
    classes, encoded = v.check_class_labels(["b", "a", "b"])
    assert classes.tolist() == ["a", "b"]
    assert encoded.tolist() == [1, 0, 1]
    with pytest.raises(
        ValueError, match=r"y must contain at least 2 classes, got 1 class: \['a'\]\."
    ):
        v.check_class_labels(["a", "a"])
    # Continuous targets are refused by scikit-learn's check.
    with pytest.raises(ValueError, match="Unknown label type: continuous"):
        v.check_class_labels([0.5, 1.5])


# --- numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check", "value", "error", "match"),
    [
        (
            v.check_int_at_least,
            0,
            ValueError,
            r"n must be a positive integer \(>= 1\), got 0",
        ),
        (
            v.check_int_at_least,
            1.0,
            TypeError,
            r"n must be a positive integer \(>= 1\), got 1\.0 \(type float\)",
        ),
        (
            v.check_int_at_least,
            True,
            TypeError,
            r"n must be a positive integer \(>= 1\), got True",
        ),
        (
            v.check_positive_float,
            0,
            ValueError,
            r"n must be a positive finite number, got 0",
        ),
        (
            v.check_positive_float,
            np.inf,
            ValueError,
            r"n must be a positive finite number, got inf",
        ),
        (
            v.check_positive_float,
            "1",
            TypeError,
            r"n must be a positive finite number, got '1'",
        ),
        (
            v.check_positive_float,
            False,
            TypeError,
            r"n must be a positive finite number",
        ),
        (
            v.check_nonnegative_float,
            -1e-9,
            ValueError,
            r"n must be a finite number >= 0, got -1e-09",
        ),
        (
            v.check_nonnegative_float,
            None,
            TypeError,
            r"n must be a finite number >= 0, got None",
        ),
        (v.check_bool, 1, TypeError, r"n must be True or False, got 1 \(type int\)"),
    ],
)
def test_number_checks(check, value, error, match):
    with pytest.raises(error, match=match):
        check(value, name="n")


def test_number_checks_return_plain_python_values():
    assert v.check_int_at_least(np.int64(3), name="n") == 3
    assert type(v.check_int_at_least(np.int64(3), name="n")) is int
    assert type(v.check_positive_float(np.float32(0.5), name="n")) is float
    assert v.check_nonnegative_float(0.0, name="n") == 0.0
    assert v.check_bool(np.bool_(True), name="n") is True


def test_check_nonnegative_float_with_upper_bound():
    assert v.check_nonnegative_float(0.5, name="p", upper=1.0) == 0.5
    with pytest.raises(
        ValueError, match=r"p must be a finite number in \[0, 1\.0\), got 1\.0"
    ):
        v.check_nonnegative_float(1.0, name="p", upper=1.0)


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        (1, ValueError, r"k must be an integer >= 2, got 1"),
        (2.0, TypeError, r"k must be an integer >= 2, got 2\.0 \(type float\)"),
        (False, TypeError, r"k must be an integer >= 2, got False"),
    ],
)
def test_check_int_at_least(value, error, match):
    assert v.check_int_at_least(np.int32(5), name="k", minimum=2) == 5
    with pytest.raises(error, match=match):
        v.check_int_at_least(value, name="k", minimum=2)


# --- vectors and features --------------------------------------------------


@pytest.mark.parametrize(
    ("values", "error", "match"),
    [
        (
            [[1.0]],
            ValueError,
            r"w must be a 1-D array of shape \(n_features,\), got 2-D shape \(1, 1\)",
        ),
        (
            3.0,
            ValueError,
            r"w must be a 1-D array of shape \(n_features,\), got 0-D shape \(\)",
        ),
        ([], ValueError, r"w must not be empty, got shape \(0,\)"),
        ([1.0, np.nan], ValueError, r"w must contain only finite values"),
        ([[1.0], [2.0, 3.0]], ValueError, r"w must be a rectangular numeric array"),
        (["x"], TypeError, r"w must hold numbers"),
    ],
)
def test_check_vector_errors(values, error, match):
    with pytest.raises(error, match=match):
        v.check_vector(values, name="w")


def test_check_array_names_both_shapes_and_what_fixes_n_features():
    assert v.check_array([[1, 2]], n_features=2, expected_by="w").shape == (1, 2)
    with pytest.raises(
        ValueError,
        match=r"X has 1 features \(shape \(2, 1\)\), but weights of shape \(2,\) expects 2",
    ):
        v.check_array([[1], [2]], n_features=2, expected_by="weights of shape (2,)")


# --- choices, random state, fitted, methods -----------------------------------------


def test_check_choice_lists_valid_names():
    assert v.check_choice("b", name="mode", choices=["a", "b"]) == "b"
    with pytest.raises(
        ValueError, match=r"Unknown mode 'c'\. Valid names are: 'a', 'b'\."
    ):
        v.check_choice("c", name="mode", choices=["a", "b"])
    with pytest.raises(
        TypeError, match=r"mode must be one of 'a', 'b', got 1 \(type int\)"
    ):
        v.check_choice(1, name="mode", choices=["a", "b"])


def test_check_random_state():
    generator = np.random.default_rng(0)
    assert v.check_random_state(generator) is generator
    assert v.check_random_state(3).integers(1000) == np.random.default_rng(3).integers(
        1000
    )
    assert isinstance(v.check_random_state(None), np.random.Generator)
    with pytest.raises(
        TypeError,
        match=r"random_state must be None, an int or a numpy Generator, got True",
    ):
        v.check_random_state(True)
    with pytest.raises(
        TypeError, match=r"seed must be None, an int or a numpy Generator, got 0\.5"
    ):
        v.check_random_state(0.5, name="seed")  # type: ignore[arg-type]


def test_describe_is_short():
    assert v.describe(np.zeros((2, 3))) == "an array of shape (2, 3) and dtype float64"
    assert v.describe("x" * 100).endswith("... (type str)")
    assert len(v.describe("x" * 100)) < 80
