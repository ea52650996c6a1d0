"""Tests for neurons.perceptron: the learning rule, the estimator, the step view."""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pytest
from sklearn.linear_model import Perceptron as SklearnPerceptron
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import cross_val_score
from sklearn.utils._param_validation import InvalidParameterError
from sklearn.utils.estimator_checks import parametrize_with_checks

from neurons import Perceptron, PerceptronStep, perceptron, perceptron_steps
from neurons._validation import check_class_labels
from neurons.datasets import logic_gate, make_separable, make_xor
from neurons.exceptions import ConvergenceWarning

X_OK, Y_OK = logic_gate("and")

# --- one step by hand -------------------------------------------------------

# Three points, classes 1, 0, 0 (targets +1, -1, -1), learning rate 0.5.
HAND_X = np.array([[2.0, 1.0], [-1.0, -3.0], [0.0, 1.0]])
HAND_Y = np.array([1, 0, 0])


def test_first_epoch_worked_by_hand():
    steps = list(perceptron_steps(HAND_X, HAND_Y, learning_rate=0.5, max_epochs=1))
    # Sample 0: w = (0, 0), b = 0, so z = 0 and t z = 0 <= 0: a mistake.
    #   w <- (0, 0) + 0.5 * (+1) * (2, 1) = (1, 0.5);  b <- 0 + 0.5 * (+1) = 0.5
    # Sample 1: z = 1*(-1) + 0.5*(-3) + 0.5 = -2.0; t z = (-1)(-2) = 2 > 0: no update.
    # Sample 2: z = 1*0 + 0.5*1 + 0.5 = 1.0; t z = -1 <= 0: a mistake.
    #   w <- (1, 0.5) + 0.5 * (-1) * (0, 1) = (1, 0);   b <- 0.5 - 0.5 = 0
    assert [s.z for s in steps] == [0.0, -2.0, 1.0]
    assert [s.mistake for s in steps] == [True, False, True]
    assert [s.weights.tolist() for s in steps] == [[1.0, 0.5], [1.0, 0.5], [1.0, 0.0]]
    assert [s.bias for s in steps] == [0.5, 0.5, 0.0]
    assert [s.target for s in steps] == [1.0, -1.0, -1.0]
    # The prediction is made before the update, z >= 0 giving class 1.
    assert [s.prediction for s in steps] == [1, 0, 1]
    # fit runs the same rule: one epoch leaves the same weights.
    with pytest.warns(ConvergenceWarning):
        clf = Perceptron(learning_rate=0.5, max_epochs=1, shuffle=False).fit(
            HAND_X, HAND_Y
        )
    assert clf.weights_.tolist() == [1.0, 0.0]
    assert clf.bias_ == 0.0
    assert clf.errors_.tolist() == [2]


def test_point_on_the_boundary_counts_as_a_mistake():
    steps = list(perceptron_steps(HAND_X, HAND_Y, learning_rate=0.5, max_epochs=2))
    # Epoch 2, sample 2: w = (1, 0), b = 0 puts (0, 1) exactly on the boundary.
    # predict says class 1 (z >= 0) and the label is 0, but even a correct
    # prediction at z = 0 would update: t z = 0 <= 0.
    tie = steps[5]
    assert (tie.epoch, tie.index, tie.z, tie.mistake) == (2, 2, 0.0, True)
    assert tie.weights.tolist() == [1.0, -0.5]
    assert tie.bias == -0.5
    # A correctly predicted point at z = 0 is still a mistake for the rule.
    first = steps[0]
    assert first.prediction == first.label == 1
    assert first.z == 0.0
    assert first.mistake


# --- convergence ------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("shuffle", [True, False])
def test_converges_on_separable_data(seed, shuffle):
    X, y = make_separable(80, margin=0.3, random_state=seed)
    clf = Perceptron(shuffle=shuffle, random_state=seed).fit(X, y)  # no warning
    assert clf.errors_[-1] == 0
    assert np.all(clf.errors_[:-1] > 0)
    assert clf.score(X, y) == 1.0
    # Every training point is strictly on its own side: none on the boundary.
    t = np.where(y == clf.classes_[1], 1.0, -1.0)
    assert np.all(t * clf.decision_function(X) > 0)


@pytest.mark.parametrize(
    "data",
    [logic_gate("xor"), make_xor(60, noise=0.1, random_state=0)],
    ids=["gate", "clouds"],
)
def test_never_converges_on_xor(data):
    X, y = data
    with pytest.warns(
        ConvergenceWarning, match=r"did not converge: epoch 50 \(max_epochs=50\)"
    ):
        clf = Perceptron(max_epochs=50, random_state=0).fit(X, y)
    assert clf.n_epochs_ == 50
    assert np.all(clf.errors_ > 0)
    assert clf.score(X, y) < 1.0


# --- equality with scikit-learn ---------------------------------------------


IRIS_PROBLEMS = ["iris-0-1", "iris-1-2", "iris-3-class"]


def _fit_ours(X, y, k, eta):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return Perceptron(learning_rate=eta, max_epochs=k, shuffle=False).fit(X, y)


def _as_sklearn_shapes(clf):
    return np.atleast_2d(clf.weights_), np.atleast_1d(clf.bias_)


@pytest.mark.parametrize("eta", [1.0, 0.1])
@pytest.mark.parametrize("k", [1, 2, 5])
@pytest.mark.parametrize("problem", IRIS_PROBLEMS)
def test_weights_equal_sklearn_bit_for_bit(iris_problems, problem, k, eta):
    X, y = iris_problems[problem]
    ours = _fit_ours(X, y, k, eta)
    reference = SklearnPerceptron(shuffle=False, tol=None, max_iter=k, eta0=eta).fit(
        X, y
    )
    sgd = SGDClassifier(
        loss="perceptron",
        learning_rate="constant",
        eta0=eta,
        penalty=None,
        shuffle=False,
        tol=None,
        max_iter=k,
    ).fit(X, y)
    weights, bias = _as_sklearn_shapes(ours)
    for other in (reference, sgd):
        np.testing.assert_array_equal(weights, other.coef_)
        np.testing.assert_array_equal(bias, other.intercept_)
        np.testing.assert_array_equal(ours.classes_, other.classes_)
    # Off the boundary, the predictions agree too.
    np.testing.assert_array_equal(ours.predict(X), reference.predict(X))


def test_weights_equal_sklearn_on_many_float_features():
    # 20 features of non-integer values: z is rounded at every addition, so
    # this checks that z is summed in scikit-learn's order.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 20))
    y = (X @ rng.normal(size=20) + rng.normal(scale=0.5, size=300) > 0).astype(int)
    ours = _fit_ours(X, y, 3, 0.37)
    reference = SklearnPerceptron(shuffle=False, tol=None, max_iter=3, eta0=0.37).fit(
        X, y
    )
    np.testing.assert_array_equal(ours.weights_, reference.coef_[0])
    assert ours.bias_ == reference.intercept_[0]


def test_tie_within_rounding_is_decided_as_sklearn_decides():
    # After the first sample (class 1) the unit has w = x_0 = (a, b), b = 1.
    # For x_1 = (c, d), summing left to right as scikit-learn does gives
    # (a*c + b*d) + 1 == 0 exactly: a tie, so an update. A fused or
    # reordered dot product (BLAS) gives about +1e-16 here: no update.
    a, b = 0.1314025075042053, 1.6452134544805177
    c, d = 1.8342355968276713, -0.7543234912143885
    assert (a * c + b * d) + 1.0 == 0.0  # plain Python floats: no FMA
    X = np.array([[a, b], [c, d], [-5.0, -5.0]])
    y = np.array([1, 1, 0])
    steps = list(perceptron_steps(X, y, max_epochs=1))
    assert (steps[1].z, steps[1].mistake) == (0.0, True)
    with pytest.warns(ConvergenceWarning):
        ours = Perceptron(shuffle=False, max_epochs=1).fit(X, y)
    reference = SklearnPerceptron(shuffle=False, tol=None, max_iter=1).fit(X, y)
    np.testing.assert_array_equal(ours.weights_, reference.coef_[0])
    assert ours.bias_ == reference.intercept_[0]


def test_converged_run_equals_sklearn_running_all_epochs(iris_problems):
    # We stop after the first epoch without mistakes; scikit-learn runs on, changing nothing.
    X, y = iris_problems["iris-0-1"]
    ours = Perceptron(shuffle=False).fit(X, y)
    assert ours.n_epochs_ < 50
    reference = SklearnPerceptron(shuffle=False, tol=None, max_iter=50).fit(X, y)
    np.testing.assert_array_equal(ours.weights_, reference.coef_[0])
    assert ours.bias_ == reference.intercept_[0]


def test_predictions_differ_from_sklearn_only_at_a_tie():
    X, y = logic_gate("and")
    ours = Perceptron(shuffle=False).fit(X, y)
    reference = SklearnPerceptron(shuffle=False, tol=None, max_iter=20).fit(X, y)
    # Both learn w = (3, 2), b = -4; (0, 2) and (2, -1) lie on 3 x1 + 2 x2 - 4 = 0.
    assert ours.weights_.tolist() == [3.0, 2.0]
    assert ours.bias_ == -4.0
    ties = np.array([[0.0, 2.0], [2.0, -1.0]])
    assert ours.decision_function(ties).tolist() == [0.0, 0.0]
    assert ours.predict(ties).tolist() == [1, 1]  # z >= 0: the positive class
    assert reference.predict(ties).tolist() == [0, 0]  # scikit-learn: z > 0
    off_boundary = np.array([[0.0, 2.1], [2.0, -1.1]])
    np.testing.assert_array_equal(
        ours.predict(off_boundary), reference.predict(off_boundary)
    )


# --- the block scan of fit is the per-row rule ---------------------------------


def _per_row_rule(X, y, *, max_epochs, eta=1.0, seed=None):
    """Train with the readable per-row rule, _rosenblatt, the one the steps use."""
    classes = np.unique(y)
    encoded = np.searchsorted(classes, y)
    T = perceptron._signed_targets(encoded, classes.shape[0])
    W = np.zeros((T.shape[1], X.shape[1]))
    b = np.zeros(T.shape[1])
    errors = []
    rng = None if seed is None else np.random.default_rng(seed)
    for _ in perceptron._rosenblatt(
        X, T, W, b, errors, eta=eta, max_epochs=max_epochs, rng=rng
    ):
        pass
    return W, b, errors


def _tie_heavy_data(seed, n=400, d=6, n_classes=2):
    # Small integers: many net inputs are exactly 0 (ties, which update), and
    # duplicated rows meet the boundary again after each update.
    rng = np.random.default_rng(seed)
    X = rng.integers(-2, 3, size=(n, d)).astype(float)
    y = rng.integers(0, n_classes, size=n)
    return X, y


def _decimal_data(seed, n=500, d=12):
    # Decimal fractions and eta = 0.1: every net input is rounded, and a
    # matrix-vector product often rounds it otherwise than the in-order sum.
    rng = np.random.default_rng(seed)
    X = rng.integers(-9, 10, size=(n, d)) / 10.0
    y = (X[:, 0] + X[:, 1] - X[:, 2] > 0).astype(int)
    return X, y


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(
    ("make", "n_classes", "eta"),
    [
        (_tie_heavy_data, 2, 1.0),
        (_tie_heavy_data, 3, 0.5),
        (_decimal_data, 2, 0.1),
    ],
)
@pytest.mark.parametrize("shuffle", [False, True])
def test_block_scan_updates_as_the_per_row_rule(seed, make, n_classes, eta, shuffle):
    X, y = make(seed) if make is _decimal_data else make(seed, n_classes=n_classes)
    W, b, errors = _per_row_rule(
        X, y, max_epochs=5, eta=eta, seed=seed if shuffle else None
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = Perceptron(
            learning_rate=eta, max_epochs=5, shuffle=shuffle, random_state=seed
        ).fit(X, y)
    # To the last bit, and the same mistakes in every epoch.
    np.testing.assert_array_equal(np.atleast_2d(clf.weights_), W)
    np.testing.assert_array_equal(np.atleast_1d(clf.bias_), b)
    assert clf.errors_.tolist() == errors


def test_block_scan_data_has_ties_and_rounding_differences():
    # The data above exercise what the block scan must get right: exact ties
    # (z = 0) and net inputs that a matrix-vector product rounds otherwise
    # than the in-order sum. Checked here on the weights after one epoch.
    # (A tie within rounding, where the two differ in sign, is the case of
    # test_tie_within_rounding_is_decided_as_sklearn_decides.)
    X, y = _tie_heavy_data(0)
    W, b, _ = _per_row_rule(X, y, max_epochs=1)
    assert np.any(X @ W[0] + b[0] == 0.0)
    X, y = _decimal_data(0)
    W, b, _ = _per_row_rule(X, y, max_epochs=1, eta=0.1)
    in_order = np.cumsum(X * W[0], axis=1)[:, -1] + b[0]
    assert np.any(X @ W[0] + b[0] != in_order)


def test_block_scan_restarts_after_a_late_mistake():
    # Blocks grow while they find no mistake; a mistake in the last row of a
    # long block must still be found, and the rows after it scanned again.
    X, y = make_separable(2_000, margin=0.01, random_state=5)
    X_long = np.vstack([X, [[-X[:, 0].max(), -X[:, 1].max()]]])
    y_long = np.append(y, 1)
    W, _, errors = _per_row_rule(X_long, y_long, max_epochs=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = Perceptron(shuffle=False, max_epochs=3).fit(X_long, y_long)
    np.testing.assert_array_equal(clf.weights_, W[0])
    assert clf.errors_.tolist() == errors


@pytest.mark.parametrize(("n", "d"), [(10_000, 20), (20_000, 30)])
def test_block_scan_equals_sklearn_on_the_benchmark_shapes(n, d):
    X, y = make_separable(n, random_state=0)
    rng = np.random.default_rng(0)
    X = np.hstack([X, rng.normal(scale=0.1, size=(n, d - 2))])
    ours = Perceptron(shuffle=False, max_epochs=20).fit(X, y)
    reference = SklearnPerceptron(shuffle=False, tol=None, max_iter=ours.n_epochs_).fit(
        X, y
    )
    np.testing.assert_array_equal(ours.weights_, reference.coef_[0])
    assert ours.bias_ == reference.intercept_[0]


# --- one-vs-rest, labels, reproducibility ------------------------------------


def test_one_vs_rest_units_are_trained_independently(iris_problems):
    X, y = iris_problems["iris-3-class"]
    ours = _fit_ours(X, y, 4, 1.0)
    assert ours.weights_.shape == (3, 4)
    assert ours.bias_.shape == (3,)
    total = np.zeros(4, dtype=int)
    for k, label in enumerate(ours.classes_):
        unit = _fit_ours(X, y == label, 4, 1.0)  # positive class True = classes_[1]
        np.testing.assert_array_equal(ours.weights_[k], unit.weights_)
        assert ours.bias_[k] == unit.bias_
        total[: unit.n_epochs_] += unit.errors_
    # errors_ is the total over the units, per epoch.
    np.testing.assert_array_equal(ours.errors_, total[: ours.n_epochs_])


def test_string_labels(iris_problems):
    X, y = make_separable(40, random_state=3)
    names = np.array(["cat", "dog"])[y]
    clf = Perceptron(random_state=0).fit(X, names)
    assert clf.classes_.tolist() == ["cat", "dog"]
    assert clf.predict(X).tolist() == names.tolist()

    # Labels only name the classes: strings train the units integers train.
    X3, y3 = iris_problems["iris-3-class"]
    species = np.array(["setosa", "versicolor", "virginica"])
    with pytest.warns(ConvergenceWarning):
        by_name = Perceptron(max_epochs=3, shuffle=False).fit(X3, species[y3])
    by_number = _fit_ours(X3, y3, 3, 1.0)
    np.testing.assert_array_equal(by_name.weights_, by_number.weights_)
    np.testing.assert_array_equal(by_name.predict(X3), species[by_number.predict(X3)])


def test_shuffle_is_reproducible_with_a_seed():
    X, y = make_separable(100, margin=0.1, random_state=0)
    first = Perceptron(random_state=7).fit(X, y)
    second = Perceptron(random_state=7).fit(X, y)
    np.testing.assert_array_equal(first.weights_, second.weights_)
    np.testing.assert_array_equal(first.errors_, second.errors_)
    # The order comes from numpy.random.default_rng(random_state).
    from_generator = Perceptron(random_state=np.random.default_rng(7)).fit(X, y)
    np.testing.assert_array_equal(first.weights_, from_generator.weights_)
    other = Perceptron(random_state=8).fit(X, y)
    assert not np.array_equal(first.weights_, other.weights_)


@pytest.mark.parametrize("shuffle", [False, True])
def test_steps_and_fit_share_one_rule(shuffle):
    X, y = make_separable(30, margin=0.05, random_state=1)
    steps = list(
        perceptron_steps(X, y, shuffle=shuffle, random_state=4, max_epochs=1000)
    )
    clf = Perceptron(shuffle=shuffle, random_state=4).fit(X, y)
    np.testing.assert_array_equal(steps[-1].weights, clf.weights_)
    assert steps[-1].bias == clf.bias_
    per_epoch = np.bincount(
        [s.epoch for s in steps if s.mistake], minlength=clf.n_epochs_ + 1
    )
    np.testing.assert_array_equal(per_epoch[1:], clf.errors_)
    # Each epoch visits every sample once.
    assert len(steps) == 30 * clf.n_epochs_
    assert sorted(s.index for s in steps if s.epoch == 1) == list(range(30))


def test_steps_are_frozen_read_only_records():
    step = next(perceptron_steps(*logic_gate("or")))
    assert isinstance(step, PerceptronStep)
    with pytest.raises(dataclasses.FrozenInstanceError):
        step.bias = 2.0  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        step.weights[0] = 1.0
    assert isinstance(step.label, int)  # plain Python labels, easy to tabulate


def test_steps_stop_at_max_epochs_without_warning():
    steps = list(perceptron_steps(*logic_gate("xor"), max_epochs=3))
    assert len(steps) == 12
    assert steps[-1].epoch == 3


# --- bad input --------------------------------------------------------------
# fit's data and parameter checks are scikit-learn's, exercised by its estimator
# checks below; perceptron_steps is a function, so its checks are tested here.


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"learning_rate": np.nan}, "learning_rate"),
        ({"learning_rate": "1"}, "learning_rate"),
        ({"max_epochs": 0}, "max_epochs"),
        ({"max_epochs": 2.5}, "max_epochs"),
        ({"shuffle": "yes"}, "shuffle"),
        ({"random_state": "seed"}, "random_state"),
        ({"random_state": -1}, "random_state"),
    ],
)
def test_bad_parameters_are_named(params, name):
    with pytest.raises(
        InvalidParameterError, match=f"The '{name}' parameter of Perceptron"
    ):
        Perceptron(**params).fit(X_OK, Y_OK)
    with pytest.raises(
        InvalidParameterError, match=f"The '{name}' parameter of perceptron_steps"
    ):
        perceptron_steps(X_OK, Y_OK, **params)  # checked at the call


@pytest.mark.parametrize(
    ("X", "y", "match"),
    [
        ([[0.0, np.nan], [1.0, 1.0]], [0, 1], "Input X contains NaN"),
        ([0.0, 1.0], [0, 1], "Expected 2D array, got 1D array"),
        (X_OK, [0, 1, 1], "inconsistent numbers of samples: \\[4, 3\\]"),
        (X_OK, [0.5, 1.5, 2.5, 3.5], "Unknown label type: continuous"),
    ],
)
def test_steps_check_their_data_at_the_call(X, y, match):
    with pytest.raises(ValueError, match=match):
        perceptron_steps(X, y)


def test_a_single_class_is_refused(assert_same_error):
    assert_same_error(
        ValueError,
        lambda: Perceptron().fit(X_OK, [1, 1, 1, 1]),
        lambda: check_class_labels([1, 1, 1, 1]),
    )


def test_steps_need_exactly_two_classes(iris_problems):
    X, y = iris_problems["iris-3-class"]
    with pytest.raises(
        ValueError, match=r"y must hold exactly 2 classes, got 3: \[0, 1, 2\]"
    ):
        perceptron_steps(X, y)


def test_predict_names_both_feature_counts(iris_problems):
    X, y = iris_problems["iris-3-class"]
    clf = _fit_ours(X, y, 2, 1.0)
    with pytest.raises(
        ValueError, match="X has 2 features, but Perceptron is expecting 4 features"
    ):
        clf.predict(X[:, :2])


# --- scikit-learn's estimator contract ------------------------------------------


def test_cross_val_score_on_a_separable_problem(iris_problems):
    X, y = iris_problems["iris-3-class"]
    setosa = (y == 0).astype(int)
    model = Perceptron(learning_rate=0.5, shuffle=False, max_epochs=50)
    scores = cross_val_score(model, X[:, 2:], setosa, cv=3)
    assert scores.tolist() == [1.0, 1.0, 1.0]  # separable: every fold perfect


# Twenty epochs keep each check fast (scikit-learn's data are not always
# separable, so the default 1000 would all run) and still fit its blobs. On
# data that are not separable the warning is right; scikit-learn's own test
# suite ignores ConvergenceWarning around these checks in the same way.
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@parametrize_with_checks([Perceptron(max_epochs=20)])
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)
