"""Tests for neurons.estimators: accuracy, early stopping, scikit-learn's checks."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest
import sklearn.exceptions
from sklearn.datasets import load_digits, load_iris
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.utils._param_validation import InvalidParameterError
from sklearn.utils.estimator_checks import parametrize_with_checks

import neurons
from neurons import ConvergenceWarning, DivergenceError, MLPClassifier, MLPRegressor


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, random_state=0, stratify=y
    )
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


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
    assert reg.score(X, y) > 0.98
    assert reg.network_.output_activation.name == "identity"


def test_regressor_with_two_outputs_keeps_2d():
    rng = np.random.default_rng(1)
    X = rng.uniform(-1, 1, size=(100, 2))
    Y = np.column_stack([X[:, 0] + X[:, 1], X[:, 0] - 2 * X[:, 1]])
    reg = MLPRegressor(hidden_layer_sizes=(8,), random_state=0).fit(X, Y)
    assert reg.predict(X).shape == (100, 2)
    assert reg.score(X, Y) > 0.9


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


def test_best_loss_is_the_lowest_training_loss(blobs):
    X, y = blobs
    clf = MLPClassifier(hidden_layer_sizes=(4,), learning_rate=0.05, random_state=0)
    clf.fit(X, y)
    assert clf.validation_loss_curve_ is None
    assert clf.best_loss_ == clf.loss_curve_.min()


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
    # Rebuild scikit-learn's stratified split: it is drawn first, from the
    # stream of numpy.random.default_rng(random_state).
    _, X_val, _, y_val = train_test_split(
        X,
        y,
        test_size=0.2,
        random_state=np.random.RandomState(np.random.default_rng(0).bit_generator),
        stratify=y,
    )
    assert np.unique(y_val, return_counts=True)[1].tolist() == [6, 6, 6]
    Y_val = (y_val[:, np.newaxis] == clf.classes_).astype(float)
    # The weights kept are those of the epoch with the lowest validation loss.
    assert clf.network_.cost(X_val, Y_val) == pytest.approx(clf.best_loss_)


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


def test_not_fitted_error_is_sklearns():
    assert neurons.NotFittedError is sklearn.exceptions.NotFittedError
    with pytest.raises(neurons.NotFittedError, match="MLPRegressor instance is not"):
        MLPRegressor().predict([[0.0]])


@pytest.mark.parametrize("sizes", [(0,), (), (4, 1.5), (True,)])
def test_bad_hidden_layer_sizes_are_echoed(sizes):
    reg = MLPRegressor(hidden_layer_sizes=sizes)  # __init__ only stores
    expected = (
        "hidden_layer_sizes must be a positive integer or a non-empty sequence "
        f"of positive integers, such as (100,), got {sizes!r}."
    )
    with pytest.raises(ValueError, match=re.escape(expected)):
        reg.fit([[0.0], [1.0], [2.0], [3.0]], [0.0, 1.0, 2.0, 3.0])


# Small networks and few epochs keep each check fast. The learning rate of the
# regressor is small because some checks give it unscaled targets (|y| ~ 100),
# on which plain SGD at 0.01 with momentum diverges. Short runs end at
# max_epochs by design; scikit-learn's own test suite ignores
# ConvergenceWarning around these checks in the same way.
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@parametrize_with_checks(
    [
        MLPClassifier(hidden_layer_sizes=(8,), learning_rate=0.1, max_epochs=50),
        MLPRegressor(hidden_layer_sizes=(8,), learning_rate=1e-3, max_epochs=50),
    ]
)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


@pytest.mark.parametrize(
    ("solver", "optimizer"),
    [
        ("sgd", neurons.optimizers.SGD(0.05, momentum=0.9)),
        ("rmsprop", neurons.optimizers.RMSprop(0.05)),
        ("adam", neurons.optimizers.Adam(0.05)),
    ],
)
def test_solver_trains_as_mlp_fit_with_that_optimizer(blobs, solver, optimizer):
    # The estimator with solver=... must take exactly the steps MLP.fit takes
    # with the optimizer of that name: same seed, same data, same batches.
    X, y = blobs
    labels = np.unique(y)
    Y = (y[:, None] == labels).astype(float)
    clf = MLPClassifier(
        hidden_layer_sizes=(5,),
        solver=solver,
        learning_rate=0.05,
        momentum=0.9,
        batch_size=16,
        max_epochs=3,
        n_iter_no_change=100,
        random_state=0,
    )
    with pytest.warns(ConvergenceWarning):
        clf.fit(X, y)
    rng = np.random.default_rng(0)
    net = neurons.MLP(
        (2, 5, 3),
        output_activation="softmax",
        loss="categorical_crossentropy",
        random_state=rng,
    )
    net.fit(X, Y, epochs=3, batch_size=16, optimizer=optimizer, random_state=rng)
    for ours, theirs in zip(clf.network_.weights, net.weights, strict=True):
        np.testing.assert_array_equal(ours, theirs)


@pytest.mark.filterwarnings("ignore::neurons.ConvergenceWarning")
def test_l2_shrinks_the_weights(blobs):
    X, y = blobs
    settings = {"hidden_layer_sizes": (8,), "max_epochs": 30, "random_state": 0}
    plain = MLPClassifier(**settings).fit(X, y)
    penalised = MLPClassifier(l2=0.01, **settings).fit(X, y)
    assert penalised.network_.l2 == 0.01
    norm = sum(float(np.sum(W**2)) for W in plain.network_.weights)
    norm_l2 = sum(float(np.sum(W**2)) for W in penalised.network_.weights)
    # A weight-decay strength this large pulls the squared norm well down.
    assert norm_l2 < 0.8 * norm


@pytest.mark.filterwarnings("ignore::neurons.ConvergenceWarning")
def test_dropout_is_used_in_training_only(blobs):
    X, y = blobs
    clf = MLPClassifier(
        hidden_layer_sizes=(8,), dropout=0.5, max_epochs=30, random_state=0
    ).fit(X, y)
    assert clf.network_.dropout == (0.5,)
    # Prediction does not drop units: two calls agree exactly.
    np.testing.assert_array_equal(clf.predict_proba(X), clf.predict_proba(X))
    plain = MLPClassifier(hidden_layer_sizes=(8,), max_epochs=30, random_state=0)
    plain.fit(X, y)
    assert not np.array_equal(plain.network_.weights[0], clf.network_.weights[0])


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"solver": "lbfgs"}, r"The 'solver' parameter of MLPClassifier must be"),
        ({"l2": -1.0}, r"The 'l2' parameter of MLPClassifier must be a float"),
        ({"dropout": 1.0}, r"The 'dropout' parameter of MLPClassifier must be"),
    ],
)
def test_bad_solver_l2_dropout(blobs, params, match):
    X, y = blobs
    with pytest.raises(ValueError, match=match):
        MLPClassifier(**params).fit(X, y)


@pytest.mark.parametrize("Estimator", [MLPClassifier, MLPRegressor])
def test_float32_network_and_a_bad_dtype_named(Estimator):
    X, y = load_iris(return_X_y=True)
    est = Estimator(
        hidden_layer_sizes=(5,), max_epochs=3, dtype="float32", random_state=0
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        est.fit(X, y)
    weights = est.network_.weights + est.network_.biases
    assert {W.dtype for W in weights} == {np.dtype(np.float32)}
    assert est.predict(X).shape == (150,)
    with pytest.raises(InvalidParameterError, match="'dtype' parameter"):
        Estimator(dtype="float16").fit(X, y)
