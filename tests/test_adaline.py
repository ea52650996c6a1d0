"""Tests for neurons.adaline: the delta rule, its limit, and the estimator contract."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from sklearn.linear_model import SGDRegressor
from sklearn.utils._param_validation import InvalidParameterError
from sklearn.utils.estimator_checks import parametrize_with_checks

from neurons import Perceptron
from neurons._validation import check_class_labels
from neurons.adaline import Adaline
from neurons.datasets import logic_gate
from neurons.exceptions import ConvergenceWarning, DivergenceError, NotFittedError

# --- one epoch by hand --------------------------------------------------------


def test_first_epoch_worked_by_hand():
    X = np.array([[2.0, 0.0], [0.0, 1.0]])
    y = np.array([1, 0])  # targets +1, -1
    clf = Adaline(learning_rate=0.5, max_epochs=1, shuffle=False).fit(X, y)
    # Sample 0: z = 0; update = 0.5 * (1 - 0) = 0.5
    #   w = (0, 0) + 0.5 * (2, 0) = (1, 0); b = 0 + 0.5 = 0.5
    # Sample 1: z = 1*0 + 0*1 + 0.5 = 0.5; update = 0.5 * (-1 - 0.5) = -0.75
    #   w = (1, 0) - 0.75 * (0, 1) = (1, -0.75); b = 0.5 - 0.75 = -0.25
    # Unlike the perceptron, sample 1 updates although its z was on the
    # wrong side only by accident: every sample moves z towards its target.
    assert clf.weights_.tolist() == [1.0, -0.75]
    assert clf.bias_ == -0.25
    # Cost after the epoch: z = (2 - 0.25, -0.75 - 0.25) = (1.75, -1.0);
    # ((1 - 1.75)**2 + (-1 + 1)**2) / 2 = 0.5625 / 2.
    assert clf.cost_.tolist() == [0.28125]
    assert clf.n_epochs_ == 1
    assert isinstance(clf.bias_, float)


# --- equality with scikit-learn's SGDRegressor ---------------------------------


def _sgd_regressor(eta, k):
    return SGDRegressor(
        loss="squared_error",
        penalty=None,
        learning_rate="constant",
        eta0=eta,
        shuffle=False,
        tol=None,
        max_iter=k,
        fit_intercept=True,
        average=False,
    )


def _sixty_by_four():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 4))
    y = X @ np.array([1.0, -2.0, 0.5, 1.0]) + rng.normal(size=60) > 0
    return X, np.where(y, "yes", "no")


@pytest.mark.parametrize("eta", [0.01, 0.037])
@pytest.mark.parametrize("k", [1, 2, 10, 50])
def test_weights_equal_sgd_regressor_bit_for_bit(k, eta):
    X, y = _sixty_by_four()
    ours = Adaline(learning_rate=eta, max_epochs=k, shuffle=False).fit(X, y)
    # classes_ = ["no", "yes"]: "yes" is the positive class, target +1.
    targets = np.where(y == ours.classes_[1], 1.0, -1.0)
    reference = _sgd_regressor(eta, k).fit(X, targets)
    # The same scalar operations in the same order (see Adaline's Notes):
    # equality, not closeness. Non-integer data of 4 features makes every
    # sum round, so a different summation order would show.
    np.testing.assert_array_equal(ours.weights_, reference.coef_)
    assert ours.bias_ == reference.intercept_[0]


def test_weights_equal_sgd_regressor_on_iris(iris_problems):
    # Versicolor against virginica: overlapping classes, features up to 7.9,
    # so a small step keeps the per-sample rule stable.
    X, y = iris_problems["iris-1-2"]
    ours = Adaline(learning_rate=0.001, max_epochs=20, shuffle=False).fit(X, y)
    targets = np.where(y == 2, 1.0, -1.0)
    reference = _sgd_regressor(0.001, 20).fit(X, targets)
    np.testing.assert_array_equal(ours.weights_, reference.coef_)
    assert ours.bias_ == reference.intercept_[0]


# --- where it ends: the least-squares solution ---------------------------------


def _overlapping_classes():
    """Forty points in two Gaussian clouds that overlap: not separable."""
    rng = np.random.default_rng(1)
    X = np.vstack(
        [
            rng.normal([-0.5, 0.0], 1.0, size=(20, 2)),
            rng.normal([0.5, 0.3], 1.0, size=(20, 2)),
        ]
    )
    return X, np.repeat([0, 1], 20)


def test_converges_near_least_squares_where_the_perceptron_cycles():
    X, y = _overlapping_classes()
    with pytest.warns(ConvergenceWarning):
        perceptron = Perceptron(shuffle=False, max_epochs=200).fit(X, y)
    assert perceptron.errors_.min() > 0  # a mistake in every one of 200 epochs

    # The independent reference: least squares on the augmented data [X, 1].
    targets = np.where(y == 1, 1.0, -1.0)
    augmented = np.column_stack([X, np.ones(len(X))])
    optimum, *_ = np.linalg.lstsq(augmented, targets, rcond=None)
    least_cost = np.mean((augmented @ optimum - targets) ** 2)

    distances = {}
    for eta in (0.02, 0.002):
        clf = Adaline(learning_rate=eta, max_epochs=round(20 / eta), shuffle=False)
        clf.fit(X, y)
        found = np.append(clf.weights_, clf.bias_)
        distances[eta] = np.linalg.norm(found - optimum) / np.linalg.norm(optimum)
        # No weights beat least squares: the cost is bounded below by its
        # minimum (up to rounding), and ends near it.
        assert np.all(clf.cost_ >= least_cost - 1e-12)
        assert clf.cost_[0] - least_cost > 0.05
        # The excess cost is quadratic in the distance: O(eta**2) (measured
        # 64 eta**2 at both steps).
        assert clf.cost_[-1] - least_cost < 100 * eta**2
    # With a constant step, per-sample LMS settles on a cycle within O(eta)
    # of the optimum: a tenth of the step, about a tenth of the distance
    # (measured: 0.31 and 0.031 of |optimum|), whatever the machine.
    assert distances[0.002] < 0.05
    assert 5 < distances[0.02] / distances[0.002] < 20


def test_separable_data_that_adaline_misclassifies():
    # Four points on a line, separable at x = 1.5. The far positive point at
    # x = 10 pulls the least-squares line down on the left, so the point
    # x = 2 gets z < 0: least squares is not a separating criterion.
    X = np.array([[0.0], [1.0], [2.0], [10.0]])
    y = np.array([0, 0, 1, 1])
    augmented = np.column_stack([X, np.ones(4)])
    optimum, *_ = np.linalg.lstsq(
        augmented, np.array([-1.0, -1.0, 1.0, 1.0]), rcond=None
    )
    assert augmented[2] @ optimum < -0.2  # the reference misclassifies x = 2

    adaline = Adaline(learning_rate=0.005, max_epochs=1000, shuffle=False).fit(X, y)
    assert adaline.decision_function(X[2:3])[0] < -0.2
    assert adaline.predict(X).tolist() == [0, 0, 0, 1]
    assert adaline.score(X, y) == 0.75

    perceptron = Perceptron(shuffle=False).fit(X, y)  # converges: no warning
    assert perceptron.predict(X).tolist() == [0, 0, 1, 1]


def test_logic_gate_and_is_learned():
    X, y = logic_gate("and")
    clf = Adaline(learning_rate=0.01, shuffle=False).fit(X, y)
    # Least squares on targets -1, -1, -1, +1 gives w = (1, 1), b = -1.5.
    np.testing.assert_allclose(clf.weights_, [1.0, 1.0], atol=0.02)
    assert clf.bias_ == pytest.approx(-1.5, abs=0.02)
    assert clf.score(X, y) == 1.0


# --- tol, shuffling, labels -----------------------------------------------------


def test_tol_stops_at_the_first_small_improvement():
    X, y = _overlapping_classes()
    clf = Adaline(learning_rate=0.01, max_epochs=1000, shuffle=False, tol=1e-4)
    clf.fit(X, y)
    improvements = -np.diff(clf.cost_)
    assert 2 <= clf.n_epochs_ < 1000
    assert improvements[-1] < 1e-4
    assert np.all(improvements[:-1] >= 1e-4)
    # Without tol, the same run continues through the same epochs.
    full = Adaline(learning_rate=0.01, max_epochs=clf.n_epochs_ + 5, shuffle=False)
    full.fit(X, y)
    np.testing.assert_array_equal(full.cost_[: clf.n_epochs_], clf.cost_)
    assert full.n_epochs_ == clf.n_epochs_ + 5


def test_tol_not_reached_warns():
    X, y = _overlapping_classes()
    with pytest.warns(ConvergenceWarning, match=r"max_epochs=3.*tol=0\.001"):
        Adaline(learning_rate=0.01, max_epochs=3, shuffle=False, tol=1e-3).fit(X, y)


def test_shuffling_is_reproducible_and_differs_from_order():
    X, y = _overlapping_classes()
    runs = [
        Adaline(max_epochs=5, random_state=seed).fit(X, y).weights_
        for seed in (0, 0, 1)
    ]
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])
    in_order = Adaline(max_epochs=5, shuffle=False).fit(X, y).weights_
    assert not np.array_equal(runs[0], in_order)


def test_string_labels_and_the_positive_class():
    X = np.array([[0.0], [1.0], [3.0], [4.0]])
    clf = Adaline(learning_rate=0.05, shuffle=False).fit(X, ["b", "b", "a", "a"])
    assert clf.classes_.tolist() == ["a", "b"]
    assert clf.weights_[0] < 0  # "b", the second class, is +1: small x
    assert clf.predict([[0.5], [3.5]]).tolist() == ["b", "a"]


# --- bad input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parameters", "match"),
    [
        ({"learning_rate": 0.0}, r"'learning_rate' .*range \(0\.0, inf\)\. Got 0\.0"),
        ({"learning_rate": -0.1}, r"'learning_rate' parameter .*Got -0\.1"),
        ({"learning_rate": math.nan}, r"'learning_rate' parameter .*Got nan"),
        ({"max_epochs": 0}, r"'max_epochs' .*range \[1, inf\)\. Got 0 "),
        ({"max_epochs": 2.5}, r"'max_epochs' parameter .*Got 2\.5"),
        ({"tol": -1e-3}, r"'tol' parameter .*Got -0\.001"),
        ({"shuffle": "yes"}, r"'shuffle' parameter .*Got 'yes'"),
        ({"random_state": -1}, r"'random_state' parameter .*Got -1"),
    ],
)
def test_bad_parameters_are_named(parameters, match):
    X, y = logic_gate("and")
    with pytest.raises(InvalidParameterError, match=match):
        Adaline(**parameters).fit(X, y)


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_non_finite_X(bad):
    X, y = logic_gate("and")
    X = X.astype(float)
    X[1, 0] = bad
    with pytest.raises(ValueError, match="Input X contains"):
        Adaline().fit(X, y)


def test_one_class_only(assert_same_error):
    assert_same_error(
        ValueError,
        lambda: Adaline().fit([[0.0], [1.0]], [7, 7]),
        lambda: check_class_labels([7, 7]),
    )


def test_three_classes():
    with pytest.raises(
        ValueError,
        match=r"Only binary classification is supported.*got 3: \['a', 'b', 'c'\]",
    ):
        Adaline().fit([[0.0], [1.0], [2.0]], ["a", "b", "c"])


def test_divergence_is_an_error_not_nan_weights():
    X, y = _sixty_by_four()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no NumPy overflow warnings either
        with pytest.raises(DivergenceError, match=r"diverged in epoch \d+.*=10\.0"):
            Adaline(learning_rate=10.0, shuffle=False).fit(X, y)


def test_not_fitted():
    with pytest.raises(NotFittedError):
        Adaline().predict([[0.0]])


def test_feature_count_mismatch_names_both():
    X, y = logic_gate("and")
    clf = Adaline(max_epochs=2).fit(X, y)
    with pytest.raises(ValueError, match=r"3 features.*expecting 2 features"):
        clf.predict([[0.0, 1.0, 2.0]])


# --- the scikit-learn contract ------------------------------------------------


# Some checks fit data centred at x = (100, 100), where per-sample LMS is
# stable only for eta < 2 / |x|^2, about 1e-4 (a larger step raises
# DivergenceError, as it should); on the standardised blobs of the accuracy
# check, even these small steps point the weights the right way.
@parametrize_with_checks([Adaline(learning_rate=1e-5, max_epochs=20)])
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)
