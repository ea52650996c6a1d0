"""Data builders shared by the test modules, as fixtures.

No test module imports another: what two modules need lives here.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import load_iris

from neurons import MLP


@pytest.fixture(scope="session")
def iris_problems():
    """Three problems on the iris data, by name.

    ``iris-0-1`` (setosa against versicolor) is linearly separable;
    ``iris-1-2`` (versicolor against virginica) is not, so every epoch of a
    perceptron updates; ``iris-3-class`` has all 150 samples.
    """
    X, y = load_iris(return_X_y=True)
    X.flags.writeable = False  # shared across tests: nobody may edit it
    y.flags.writeable = False
    return {
        "iris-0-1": (X[:100], y[:100]),
        "iris-1-2": (X[50:], y[50:]),
        "iris-3-class": (X, y),
    }


@pytest.fixture(scope="session")
def blobs():
    """Three well-separated classes of 30 points each, with string labels."""
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 3.0], [3.0, -2.0], [-3.0, -2.0]])
    X = np.vstack([c + rng.normal(scale=0.7, size=(30, 2)) for c in centres])
    y = np.repeat(["cat", "dog", "eel"], 30)
    X.flags.writeable = False
    y.flags.writeable = False
    return X, y


@pytest.fixture(scope="session")
def make_data():
    """Build ``(X, Y)`` for a network's loss: one-hot, 0/1 or real targets.

    A fixture that returns the builder, so that test modules share it
    without importing each other.
    """

    def build(loss, *, n=6, n_in=3, n_out=2, seed=0):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(n, n_in))
        if loss == "mse":
            Y = rng.normal(size=(n, n_out))
        elif loss == "binary_crossentropy":
            Y = rng.integers(0, 2, size=(n, n_out)).astype(float)
        else:
            Y = np.eye(n_out)[rng.integers(0, n_out, size=n)]
        return X, Y

    return build


@pytest.fixture(scope="session")
def make_softmax_net():
    """Build a tanh network with a softmax head and categorical cross-entropy.

    ``make_softmax_net()`` is the small (3, 4, 2) classifier at seed 0 that
    several modules check (forward pass, gradient check); other sizes, seeds
    and keyword arguments (``dtype``, ``l2``) pass through to ``MLP``.
    """

    def build(layer_sizes=(3, 4, 2), *, random_state=0, **kwargs):
        return MLP(
            layer_sizes,
            activation="tanh",
            output_activation="softmax",
            loss="categorical_crossentropy",
            random_state=random_state,
            **kwargs,
        )

    return build


@pytest.fixture(scope="session")
def assert_same_error():
    """Check that ``call()`` raises ``error`` exactly as ``reference()`` does.

    An error message is pinned once, in the test of the function that words
    it; an entry point that passes that error on is checked against the
    function here (same type, same text), so a rewording changes one test.
    """

    def check(error, call, reference):
        with pytest.raises(error) as expected:
            reference()
        with pytest.raises(error) as raised:
            call()
        assert type(raised.value) is type(expected.value)
        assert str(raised.value) == str(expected.value)

    return check
