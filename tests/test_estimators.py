"""Tests for neurons.estimators: scikit-learn contract, accuracy, errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.datasets import load_digits
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.preprocessing import StandardScaler

from neurons import (
    ConvergenceWarning,
    DivergenceError,
    MLPClassifier,
    MLPRegressor,
    NotFittedError,
)
from neurons.estimators import _train_validation_split


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, random_state=0, stratify=y
    )
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


@pytest.fixture
def blobs():
    """Three well-separated classes with string labels."""
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 3.0], [3.0, -2.0], [-3.0, -2.0]])
    X = np.vstack([c + rng.normal(scale=0.7, size=(30, 2)) for c in centres])
    y = np.repeat(["cat", "dog", "eel"], 30)
    return X, y


def test_digits_with_default_training_settings(digits):
    X_train, X_test, y_train, y_test = digits
    clf = MLPClassifier(hidden_layer_sizes=(64,), random_state=0).fit(X_train, y_train)
    assert clf.score(X_test, y_test) >= 0.95
    assert clf.n_epochs_ < clf.max_epochs  # stopped by the tol rule, no warning
    assert clf.network_.output_activation.name == "softmax"
    assert clf.network_.loss.name == "categorical_crossentropy"


def test_multiclass_string_labels(blobs):
    X, y = blobs
    clf = MLPClassifier(
        hidden_layer_sizes=(8,), learning_rate=0.05, random_state=0
    ).fit(X, y)
    assert clf.classes_.tolist() == ["cat", "dog", "eel"]
    proba = clf.predict_proba(X)
    assert proba.shape == (90, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert clf.predict(X).dtype == y.dtype
    assert clf.score(X, y) == pytest.approx(accuracy_score(y, clf.predict(X)))
    assert clf.score(X, y) > 0.95


def test_binary_classifier_uses_one_sigmoid_unit(blobs):
    X, y = blobs
    mask = y != "eel"
    clf = MLPClassifier(
        hidden_layer_sizes=(4,), learning_rate=0.05, random_state=0
    ).fit(X[mask], y[mask])
    assert clf.network_.layer_sizes == (2, 4, 1)
    assert clf.network_.output_activation.name == "sigmoid"
    assert clf.network_.loss.name == "binary_crossentropy"
    proba = clf.predict_proba(X[mask])
    assert proba.shape == (60, 2)
    np.testing.assert_allclose(proba[:, 1], clf.network_.forward(X[mask]).ravel())
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert clf.score(X[mask], y[mask]) == 1.0


def test_regressor_fits_a_smooth_function():
    rng = np.random.default_rng(0)
    X = rng.uniform(-2, 2, size=(200, 1))
    y = np.sin(X[:, 0])
    reg = MLPRegressor(hidden_layer_sizes=(16,), activation="tanh", random_state=0).fit(
        X, y
    )
    assert reg.predict(X).shape == (200,)
    assert reg.score(X, y) == pytest.approx(r2_score(y, reg.predict(X)), rel=1e-12)
    assert reg.score(X, y) > 0.98
    assert reg.network_.output_activation.name == "identity"


def test_regressor_with_two_outputs_keeps_2d():
    rng = np.random.default_rng(1)
    X = rng.uniform(-1, 1, size=(100, 2))
    Y = np.column_stack([X[:, 0] + X[:, 1], X[:, 0] - 2 * X[:, 1]])
    reg = MLPRegressor(hidden_layer_sizes=(8,), random_state=0).fit(X, Y)
    assert reg.predict(X).shape == (100, 2)
    # R^2 averaged over outputs, as scikit-learn's default multioutput.
    assert reg.score(X, Y) == pytest.approx(r2_score(Y, reg.predict(X)), rel=1e-12)


def test_r2_of_a_constant_target_matches_sklearn():
    reg = MLPRegressor(hidden_layer_sizes=(2,), max_epochs=1, random_state=0)
    with pytest.warns(ConvergenceWarning):
        reg.fit([[0.0], [1.0]], [1.0, 1.0])
    X = [[0.0], [1.0]]
    assert reg.score(X, [1.0, 1.0]) == r2_score([1.0, 1.0], reg.predict(X))


def test_clone_and_params_work_with_sklearn():
    clf = MLPClassifier(hidden_layer_sizes=(5,), learning_rate=0.05, random_state=3)
    params = clf.get_params()
    assert params["hidden_layer_sizes"] == (5,)
    assert set(params) == {
        "activation",
        "batch_size",
        "early_stopping",
        "hidden_layer_sizes",
        "learning_rate",
        "max_epochs",
        "momentum",
        "n_iter_no_change",
        "random_state",
        "shuffle",
        "tol",
        "validation_fraction",
    }
    twin = clone(clf)
    assert twin is not clf
    assert twin.get_params() == params
    assert clf.set_params(momentum=0.5) is clf
    assert clf.momentum == 0.5
    assert (
        repr(clf)
        == "MLPClassifier(hidden_layer_sizes=(5,), learning_rate=0.05, momentum=0.5, random_state=3)"
    )
    with pytest.raises(
        ValueError,
        match=r"Invalid parameter 'alpha' for MLPClassifier\. Valid parameters are",
    ):
        clf.set_params(alpha=1.0)
    assert is_classifier(clf)
    assert is_regressor(MLPRegressor())


def test_cross_val_score_runs(blobs):
    X, y = blobs
    clf = MLPClassifier(
        hidden_layer_sizes=(8,), learning_rate=0.05, max_epochs=30, random_state=0
    )
    with warnings.catch_warnings():
        # Thirty epochs are too few to converge; the point is that sklearn accepts the estimator.
        warnings.simplefilter("ignore", ConvergenceWarning)
        scores = cross_val_score(clf, X, y, cv=3)
    assert scores.shape == (3,)
    assert scores.min() > 0.9


def test_fit_returns_self_and_sets_attributes(blobs):
    X, y = blobs
    clf = MLPClassifier(hidden_layer_sizes=(4,), learning_rate=0.05, random_state=0)
    assert clf.fit(X, y) is clf
    assert clf.n_features_in_ == 2
    assert clf.n_epochs_ == clf.n_iter_ == len(clf.loss_curve_)
    assert clf.validation_loss_curve_ is None
    assert clf.best_loss_ == pytest.approx(clf.loss_curve_.min())


def test_early_stopping_restores_the_best_weights(blobs):
    X, y = blobs
    clf = MLPClassifier(
        hidden_layer_sizes=(4,),
        learning_rate=0.05,
        early_stopping=True,
        validation_fraction=0.2,
        random_state=0,
    )
    clf.fit(X, y)
    assert len(clf.validation_loss_curve_) == clf.n_epochs_
    assert clf.best_loss_ == clf.validation_loss_curve_.min()
    # Rebuild the same stratified split: the random state draws it first.
    labels = np.searchsorted(clf.classes_, y)
    train, validation = _train_validation_split(
        len(y), 0.2, np.random.default_rng(0), labels=labels
    )
    assert len(validation) == 18
    assert np.bincount(labels[validation]).tolist() == [6, 6, 6]
    assert len(np.intersect1d(train, validation)) == 0
    Y_val = np.eye(3)[labels[validation]]
    assert clf.network_.cost(X[validation], Y_val) == pytest.approx(clf.best_loss_)


def test_early_stopping_regressor():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(80, 1))
    y = 2 * X[:, 0]
    reg = MLPRegressor(
        hidden_layer_sizes=(4,), early_stopping=True, random_state=0
    ).fit(X, y)
    assert reg.validation_loss_curve_.shape == reg.loss_curve_.shape
    assert reg.score(X, y) > 0.95


def test_convergence_warning_at_max_epochs(blobs):
    X, y = blobs
    with pytest.warns(
        ConvergenceWarning,
        match=r"max_epochs=2 before the training loss stopped improving",
    ):
        clf = MLPClassifier(hidden_layer_sizes=(4,), max_epochs=2, random_state=0).fit(
            X, y
        )
    assert clf.n_epochs_ == 2


def test_divergence_is_reported(blobs):
    X, _ = blobs
    with pytest.raises(DivergenceError, match="smaller learning_rate"):
        MLPRegressor(hidden_layer_sizes=(4,), learning_rate=1e8, random_state=0).fit(
            X * 1e3, X[:, 0] * 1e3
        )


@pytest.mark.parametrize("method", ["predict", "predict_proba", "score"])
def test_not_fitted(method):
    clf = MLPClassifier()
    args = ([[0.0]], [0]) if method == "score" else ([[0.0]],)
    with pytest.raises(
        NotFittedError,
        match=f"This MLPClassifier instance is not fitted yet. Call 'fit' with appropriate arguments before using '{method}'",
    ):
        getattr(clf, method)(*args)


def test_regressor_not_fitted():
    with pytest.raises(
        NotFittedError, match="This MLPRegressor instance is not fitted yet"
    ):
        MLPRegressor().predict([[0.0]])


def test_single_class_is_refused():
    with pytest.raises(
        ValueError, match=r"y must contain at least 2 classes, got only 1: \['a'\]"
    ):
        MLPClassifier().fit([[0.0], [1.0]], ["a", "a"])


def test_feature_mismatch_after_fit(blobs):
    X, y = blobs
    clf = MLPClassifier(
        hidden_layer_sizes=(4,), learning_rate=0.05, random_state=0
    ).fit(X, y)
    with pytest.raises(
        ValueError, match=r"X has 3 features \(shape \(1, 3\)\), but 2 were expected"
    ):
        clf.predict([[0.0, 1.0, 2.0]])
    with pytest.raises(
        ValueError,
        match=r"y has 2 labels \(shape \(2,\)\), but X has 1 samples \(shape \(1, 2\)\)",
    ):
        clf.score([[0.0, 1.0]], ["cat", "dog"])


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        (
            {"hidden_layer_sizes": (0,)},
            ValueError,
            r"hidden_layer_sizes\[0\] must be a positive integer",
        ),
        (
            {"hidden_layer_sizes": ()},
            ValueError,
            "hidden_layer_sizes must have at least 1 entries",
        ),
        (
            {"activation": "swish"},
            ValueError,
            "Unknown activation 'swish'. Valid names are",
        ),
        (
            {"learning_rate": -0.1},
            ValueError,
            "learning_rate must be a positive finite number, got -0.1",
        ),
        ({"batch_size": 0}, ValueError, "batch_size must be a positive integer"),
        ({"max_epochs": 1.5}, TypeError, "max_epochs must be a positive integer"),
        ({"momentum": 1.0}, ValueError, r"momentum must be a finite number in \[0, 1"),
        (
            {"n_iter_no_change": 0},
            ValueError,
            "n_iter_no_change must be a positive integer",
        ),
        ({"tol": -1.0}, ValueError, "tol must be a finite number >= 0"),
        ({"early_stopping": "yes"}, TypeError, "early_stopping must be True or False"),
        (
            {"early_stopping": True, "validation_fraction": 1.0},
            ValueError,
            r"validation_fraction must be a number in \(0, 1\), got 1.0",
        ),
        (
            {"early_stopping": True, "validation_fraction": 0.01},
            ValueError,
            "validation_fraction=0.01 of 4 samples leaves 4 for training and 0 for validation",
        ),
    ],
)
def test_invalid_parameters_are_reported_at_fit(params, error, match):
    reg = MLPRegressor(**params)  # __init__ only stores
    with pytest.raises(error, match=match):
        reg.fit([[0.0], [1.0], [2.0], [3.0]], [0.0, 1.0, 2.0, 3.0])


def test_regressor_rejects_non_finite_targets():
    with pytest.raises(ValueError, match="y must contain only finite values"):
        MLPRegressor().fit([[0.0], [1.0]], [0.0, np.nan])
