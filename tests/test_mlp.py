"""Tests for neurons.mlp: structure, backpropagation, SGD, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neurons import MLP, DivergenceError, gradient_check, losses, mlp
from neurons._validation import check_random_state
from neurons.activations import ACTIVATIONS, get_activation
from neurons.mlp import ForwardPass
from neurons.optimizers import SGD, Adam, RMSprop, get_optimizer

# Every valid (output activation, loss) pair.
OUTPUT_LOSS_PAIRS = [
    ("identity", "mse"),
    ("sigmoid", "mse"),
    ("softmax", "mse"),
    ("sigmoid", "binary_crossentropy"),
    ("softmax", "binary_crossentropy"),
    ("softmax", "categorical_crossentropy"),
]


# --- structure -------------------------------------------------------------


def test_n_parameters_of_the_books_network():
    net = MLP((784, 300, 100, 10))
    # 784*300 + 300 + 300*100 + 100 + 100*10 + 10
    assert net.n_parameters == 266_610
    assert net.n_layers == 3


def test_repr_and_summary_show_structure():
    net = MLP(
        (2, 4, 1),
        activation="tanh",
        output_activation="sigmoid",
        loss="binary_crossentropy",
    )
    assert repr(net) == (
        "MLP((2, 4, 1), activation='tanh', output_activation='sigmoid', loss='binary_crossentropy')"
    )
    lines = net.summary().splitlines()
    assert lines[1].split() == ["1", "tanh", "(2,", "4)", "(4,)", "12"]
    assert lines[-1].split() == ["total", "17"]


def test_shapes_and_zero_biases():
    net = MLP((3, 5, 4, 2), random_state=0)
    assert [W.shape for W in net.weights] == [(3, 5), (5, 4), (4, 2)]
    assert [b.shape for b in net.biases] == [(5,), (4,), (2,)]
    assert all(np.all(b == 0) for b in net.biases)
    assert all(W.dtype == np.float64 for W in net.weights)


def test_initialisation_is_seeded():
    a, b = MLP((3, 4, 2), random_state=7), MLP((3, 4, 2), random_state=7)
    for Wa, Wb in zip(a.weights, b.weights, strict=True):
        np.testing.assert_array_equal(Wa, Wb)
    c = MLP((3, 4, 2), random_state=8)
    assert not np.array_equal(a.weights[0], c.weights[0])


def test_he_initialisation_for_relu():
    # He normal: W ~ N(0, 2 / n_in).
    W = MLP((400, 300, 1), activation="relu", random_state=0).weights[0]
    assert W.mean() == pytest.approx(0.0, abs=0.003)
    assert W.std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    # A normal distribution is unbounded; a uniform one would stop at sqrt(3) std.
    assert np.abs(W).max() > 3 * np.sqrt(2 / 400)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "identity"])
def test_glorot_uniform_initialisation(activation):
    # Glorot uniform: W ~ U(-r, r), r = sqrt(6 / (n_in + n_out)).
    W = MLP((400, 200, 1), activation=activation, random_state=0).weights[0]
    r = np.sqrt(6 / (400 + 200))
    assert np.abs(W).max() <= r
    assert np.abs(W).max() > 0.99 * r
    assert W.std() == pytest.approx(r / np.sqrt(3), rel=0.02)


def test_output_layer_initialisation_follows_output_activation():
    # Hidden relu layers get He; the sigmoid output layer gets Glorot.
    W_out = MLP(
        (10, 300, 300), activation="relu", output_activation="sigmoid", random_state=0
    ).weights[1]
    assert np.abs(W_out).max() <= np.sqrt(6 / 600)


@settings(deadline=None, max_examples=30)
@given(
    sizes=st.lists(st.integers(1, 6), min_size=2, max_size=5),
    n_samples=st.integers(1, 7),
    activation=st.sampled_from(sorted(ACTIVATIONS)),
)
def test_forward_shapes(sizes, n_samples, activation):
    net = MLP(sizes, activation=activation, random_state=0)
    X = np.ones((n_samples, sizes[0]))
    assert net.forward(X).shape == (n_samples, sizes[-1])
    z, a = net.forward_pass(X)
    assert [zl.shape for zl in z] == [(n_samples, size) for size in sizes[1:]]
    assert [al.shape for al in a] == [(n_samples, size) for size in sizes]


def test_forward_pass_is_the_books_recursion(make_softmax_net):
    net = make_softmax_net()
    X = np.random.default_rng(0).normal(size=(5, 3))
    result = net.forward_pass(X)
    assert isinstance(result, ForwardPass)
    (W1, W2), (b1, b2) = net.weights, net.biases
    a1 = np.tanh(X @ W1 + b1)
    z2 = a1 @ W2 + b2
    a2 = np.exp(z2) / np.exp(z2).sum(axis=1, keepdims=True)
    np.testing.assert_array_equal(result.a[0], X)
    np.testing.assert_allclose(result.a[1], a1)
    np.testing.assert_allclose(result.z[1], z2)
    np.testing.assert_allclose(net.forward(X), a2)


def test_weights_are_the_networks_own_arrays():
    net = MLP((2, 1), activation="identity", random_state=0)
    net.weights[0][:] = 1.0  # in place: changes the network
    assert net.forward([[1.0, 2.0]]).tolist() == [[3.0]]
    # A network's layers are fixed: the view cannot grow.
    with pytest.raises(AttributeError, match="append"):
        net.weights.append(np.zeros((1, 1)))
    assert len(net.weights) == 1


@pytest.mark.parametrize("name", ["weights", "biases"])
def test_item_assignment_writes_to_the_network(name):
    net = MLP((2, 3, 1), activation="identity", random_state=0)
    view = getattr(net, name)
    held = view[1]
    before = held.copy()
    new = np.full(held.shape, 0.25)
    view[1] = new.tolist()
    # The network now holds a float64 copy of the new values ...
    np.testing.assert_array_equal(getattr(net, name)[1], new)
    assert getattr(net, name)[1].dtype == np.float64
    new[...] = 9.0
    np.testing.assert_array_equal(getattr(net, name)[1], 0.25)
    # ... and the array read before keeps its values.
    np.testing.assert_array_equal(held, before)
    # Negative indices count from the end, as for a list.
    view[-1] = np.zeros(held.shape)
    assert not getattr(net, name)[1].any()


def test_item_assignment_changes_the_output():
    net = MLP((2, 1), activation="identity", random_state=0)
    net.weights[0] = [[1.0], [1.0]]
    net.biases[0] = [0.5]
    assert net.forward([[1.0, 2.0]]).tolist() == [[3.5]]


def test_item_assignment_is_validated_like_the_setter():
    net = MLP((2, 1), random_state=0)
    before = net.weights[0].copy()
    with pytest.raises(
        ValueError,
        match=r"^weights\[0\] must have shape \(2, 1\), got shape \(1, 2\)\.$",
    ):
        net.weights[0] = [[1.0, -1.0]]
    with pytest.raises(
        ValueError, match=r"biases\[0\] must have shape \(1,\), got shape \(2,\)"
    ):
        net.biases[0] = [1.0, 2.0]
    with pytest.raises(ValueError, match=r"weights\[0\] must contain only finite"):
        net.weights[0] = [[np.nan], [1.0]]
    with pytest.raises(ValueError, match=r"weights\[0\] must be an array of shape"):
        net.weights[0] = [[1.0], [1.0, 2.0]]
    with pytest.raises(IndexError, match="weights index 1 is out of range"):
        net.weights[1] = [[1.0], [1.0]]
    with pytest.raises(TypeError, match="weights indices must be integers"):
        net.weights["0"] = [[1.0], [1.0]]
    with pytest.raises(TypeError, match="one layer at a time"):
        net.weights[:] = [[[1.0], [1.0]]]
    # Nothing was written by the failed assignments.
    np.testing.assert_array_equal(net.weights[0], before)


def test_parameter_view_is_live_and_list_like():
    net = MLP((2, 3, 1), random_state=0)
    view = net.weights
    net.weights = [np.ones((2, 3)), np.ones((3, 1))]
    assert all(W.all() for W in view)  # sees the arrays that replaced them
    assert len(view) == 2
    assert [W.shape for W in view[:]] == [(2, 3), (3, 1)]
    both = net.weights + net.biases
    assert isinstance(both, list)
    assert [p.shape for p in both] == [(2, 3), (3, 1), (3,), (1,)]
    biases = list(net.biases)
    assert [p.shape for p in biases + net.weights] == [(3,), (1,), (2, 3), (3, 1)]
    # A view can be assigned back, as a list can.
    other = MLP((2, 3, 1), random_state=1)
    other.weights = net.weights
    np.testing.assert_array_equal(other.weights[0], net.weights[0])
    assert other.weights[0] is not net.weights[0]
    assert repr(net.biases) == repr([np.zeros(3), np.zeros(1)])


# --- backpropagation ---------------------------------------------------------


@pytest.mark.parametrize("hidden", sorted(ACTIVATIONS))
@pytest.mark.parametrize(("output", "loss"), OUTPUT_LOSS_PAIRS)
def test_backprop_matches_central_differences(hidden, output, loss, make_data):
    net = MLP(
        (3, 4, 3, 2),
        activation=hidden,
        output_activation=output,
        loss=loss,
        random_state=1,
    )
    X, Y = make_data(loss, n=5, seed=2)
    # Kinks (relu at 0, steps at 0) are met with probability ~0 at these seeds.
    z, _ = net.forward_pass(X)
    assert min(np.abs(zl).min() for zl in z[:-1]) > 1e-4
    check = gradient_check(net, X, Y)
    assert check.passed, str(check)  # relative error <= 1e-6


@pytest.mark.parametrize("step", ["heaviside", "sign"])
def test_step_activations_stop_gradients(step, make_data):
    # The book's point: the derivative of a step is zero, so nothing below
    # the output layer receives a gradient and gradient descent cannot train it.
    net = MLP(
        (2, 3, 1),
        activation=step,
        output_activation="sigmoid",
        loss="binary_crossentropy",
        random_state=0,
    )
    X, Y = make_data("binary_crossentropy", n_in=2, n_out=1)
    dW, db = net.gradients(X, Y)
    assert np.all(dW[0] == 0)
    assert np.all(db[0] == 0)
    assert np.any(dW[1] != 0)


def test_gradients_of_one_sample_by_hand():
    # C = (a - y)^2 with a = w x + b, x = 1, y = 3, w = 2, b = 0:
    # dC/da = 2 (a - y) = -2, so dC/dw = -2 x = -2 and dC/db = -2.
    net = MLP((1, 1), activation="identity")
    net.weights, net.biases = [[[2.0]]], [[0.0]]
    dW, db = net.gradients([[1.0]], [3.0])
    assert dW[0].tolist() == [[-2.0]]
    assert db[0].tolist() == [-2.0]


# --- training ----------------------------------------------------------------


def test_one_sgd_step_by_hand():
    # A 1-1-1 network: relu hidden unit, identity output, mse, two samples.
    net = MLP((1, 1, 1), activation="relu")
    net.weights = [[[0.5]], [[3.0]]]  # W1 = 0.5, W2 = 3
    net.biases = [[0.0], [0.5]]  # b1 = 0, b2 = 0.5
    X, y = [[2.0], [-1.0]], [1.0, 0.0]
    # Forward:  sample 1: z1 = 2 * 0.5 = 1,    a1 = 1, z2 = a2 = 3 * 1 + 0.5 = 3.5
    #           sample 2: z1 = -1 * 0.5 = -0.5, a1 = 0, z2 = a2 = 0.5
    # Cost:     ((3.5 - 1)^2 + (0.5 - 0)^2) / 2 = (6.25 + 0.25) / 2 = 3.25
    # Output:   delta2 = dC/da2 = 2 (a2 - y) / 2 = [2.5, 0.5]
    #           dW2 = a1 . delta2 = 1 * 2.5 + 0 * 0.5 = 2.5,  db2 = 2.5 + 0.5 = 3
    # Hidden:   delta1 = delta2 * W2 * relu'(z1) = [2.5 * 3 * 1, 0.5 * 3 * 0] = [7.5, 0]
    #           dW1 = x . delta1 = 2 * 7.5 + (-1) * 0 = 15,  db1 = 7.5
    # Step, eta = 0.1:  W1 = 0.5 - 1.5 = -1,  b1 = 0 - 0.75 = -0.75,
    #                   W2 = 3 - 0.25 = 2.75, b2 = 0.5 - 0.3 = 0.2
    assert net.cost(X, y) == pytest.approx(3.25)
    dW, db = net.gradients(X, y)
    assert [dW[0].item(), db[0].item(), dW[1].item(), db[1].item()] == pytest.approx(
        [15.0, 7.5, 2.5, 3.0]
    )
    history = net.fit(X, y, epochs=1, batch_size=2, learning_rate=0.1, shuffle=False)
    assert history.tolist() == pytest.approx([3.25])
    assert [net.weights[0].item(), net.biases[0].item()] == pytest.approx([-1.0, -0.75])
    assert [net.weights[1].item(), net.biases[1].item()] == pytest.approx([2.75, 0.2])


def test_momentum_steps_by_hand():
    # a = w x + b with x = 1, y = 0, w = 1, b = 0; C = a^2, dC/dw = dC/db = 2a.
    # eta = 0.1, mu = 0.5; velocities start at 0.
    # Step 1: a = 1,   grad = 2,   v = 0.5 * 0 - 0.1 * 2 = -0.2,
    #         w = 0.8, b = -0.2.
    # Step 2: a = 0.6, grad = 1.2, v = 0.5 * (-0.2) - 0.1 * 1.2 = -0.22,
    #         w = 0.58, b = -0.42.
    net = MLP((1, 1), activation="identity")
    net.weights, net.biases = [[[1.0]]], [[0.0]]
    history = net.fit(
        [[1.0]], [0.0], epochs=2, batch_size=1, learning_rate=0.1, momentum=0.5
    )
    assert history.tolist() == pytest.approx([1.0, 0.36])
    assert net.weights[0].item() == pytest.approx(0.58)
    assert net.biases[0].item() == pytest.approx(-0.42)


def test_epoch_cost_is_batch_size_weighted_mean_before_updates(make_data):
    # With a negligible learning rate the weights do not move, so the weighted
    # mean of the batch costs (batches of 3, 3, 3, 1) is the full-data cost.
    X, Y = make_data("mse", n=10)
    net = MLP((3, 4, 2), activation="tanh", random_state=0)
    expected = net.cost(X, Y)
    history = net.fit(X, Y, epochs=1, batch_size=3, learning_rate=1e-12, shuffle=False)
    assert history[0] == pytest.approx(expected, rel=1e-9)


def test_fit_is_reproducible_with_random_state(make_data):
    X, Y = make_data("mse", n=20)
    histories = []
    for _ in range(2):
        net = MLP((3, 4, 2), activation="tanh", random_state=0)
        histories.append(
            net.fit(X, Y, epochs=3, batch_size=4, learning_rate=0.1, random_state=5)
        )
    np.testing.assert_array_equal(*histories)


def test_callback_can_stop_training(make_data):
    X, Y = make_data("mse")
    net = MLP((3, 2), random_state=0)
    seen = []

    def callback(epoch, cost):
        seen.append((epoch, cost))
        return epoch == 3

    history = net.fit(
        X, Y, epochs=10, batch_size=2, learning_rate=0.01, callback=callback
    )
    assert len(history) == 3
    assert [epoch for epoch, _ in seen] == [1, 2, 3]
    assert [cost for _, cost in seen] == history.tolist()


def test_xor_is_solved_for_most_seeds():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0], dtype=float)
    solved = 0
    for seed in range(10):
        net = MLP(
            (2, 4, 1),
            activation="tanh",
            output_activation="sigmoid",
            loss="binary_crossentropy",
            random_state=seed,
        )
        net.fit(
            X,
            y,
            epochs=1000,
            batch_size=4,
            learning_rate=0.5,
            momentum=0.9,
            random_state=seed,
        )
        solved += bool(np.all((net.forward(X).ravel() > 0.5) == y))
    assert solved >= 8


def test_divergence_raises_and_keeps_weights_finite(make_data):
    X, Y = make_data("mse", n=20)
    X *= 100
    net = MLP((3, 8, 2), activation="relu", random_state=0)
    with pytest.raises(
        DivergenceError,
        match=r"diverged in epoch \d+.*learning_rate=1000000\.0.*smaller learning_rate",
    ):
        net.fit(X, Y, epochs=50, batch_size=4, learning_rate=1e6)
    assert all(np.all(np.isfinite(W)) for W in net.weights + net.biases)


# Parity with Keras (predictions, gradients, SGD epochs) is tested in
# test_keras_interop.py, on networks moved there with neurons.to_keras.


# --- errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("layer_sizes", "error", "match"),
    [
        ((3,), ValueError, r"layer_sizes must have at least 2 entries, got 1"),
        (
            (3, 0, 1),
            ValueError,
            r"layer_sizes\[1\] must be a positive integer \(>= 1\), got 0",
        ),
        ((3, -2), ValueError, r"layer_sizes\[1\] must be a positive integer"),
        ((3, 2.5), TypeError, r"layer_sizes\[1\] must be a positive integer, got 2.5"),
        ("32", TypeError, "layer_sizes must be a sequence of positive integers"),
        (3, TypeError, "layer_sizes must be a sequence of positive integers"),
    ],
)
def test_invalid_layer_sizes(layer_sizes, error, match):
    with pytest.raises(error, match=match):
        MLP(layer_sizes)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (
            {"output_activation": "tanh"},
            "Unknown output_activation 'tanh'. Valid names are: 'identity', 'sigmoid', 'softmax'",
        ),
        (
            {"output_activation": "softmax", "layer_sizes": (2, 1)},
            "softmax' needs at least 2 output units",
        ),
        (
            {"loss": "categorical_crossentropy", "output_activation": "sigmoid"},
            "expects class probabilities from output_activation='softmax'",
        ),
        ({"loss": "binary_crossentropy"}, "expects probabilities in \\(0, 1\\)"),
    ],
)
def test_invalid_network_options(kwargs, match):
    kwargs = {"layer_sizes": (2, 2), **kwargs}
    with pytest.raises(ValueError, match=match):
        MLP(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "resolve"),
    [
        ({"activation": "swish"}, lambda: get_activation("swish")),
        ({"loss": "hinge"}, lambda: losses.get_loss("hinge")),
    ],
)
def test_unknown_names_get_the_resolvers_error(kwargs, resolve, assert_same_error):
    assert_same_error(ValueError, lambda: MLP((2, 2), **kwargs), resolve)


def test_data_errors_name_both_shapes():
    net = MLP((3, 2), random_state=0)
    with pytest.raises(
        ValueError, match=r"X has 2 features \(shape \(4, 2\)\), but 3 were expected"
    ):
        net.forward(np.zeros((4, 2)))
    with pytest.raises(
        ValueError,
        match=r"y has shape \(4, 3\), but the network has 2 output\(s\): y must have shape \(4, 2\)",
    ):
        net.cost(np.zeros((4, 3)), np.zeros((4, 3)))
    with pytest.raises(
        ValueError, match=r"y has shape \(4,\), but the network has 2 output"
    ):
        net.gradients(np.zeros((4, 3)), np.zeros(4))
    with pytest.raises(
        ValueError, match=r"y has 5 samples \(shape \(5, 2\)\), but X has 4"
    ):
        net.fit(
            np.zeros((4, 3)),
            np.zeros((5, 2)),
            epochs=1,
            batch_size=1,
            learning_rate=0.1,
        )
    with pytest.raises(ValueError, match="X must contain only finite values"):
        net.forward([[0.0, np.nan, 1.0]])
    with pytest.raises(ValueError, match="y must contain only finite values"):
        net.cost(np.zeros((1, 3)), [[np.inf, 0.0]])
    with pytest.raises(ValueError, match=r"X must be a 2-D array"):
        net.forward([1.0, 2.0, 3.0])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"epochs": 0}, ValueError, "epochs must be a positive integer"),
        ({"epochs": 2.0}, TypeError, "epochs must be a positive integer"),
        ({"batch_size": 0}, ValueError, "batch_size must be a positive integer"),
        ({"shuffle": "yes"}, TypeError, "shuffle must be True or False"),
    ],
)
def test_invalid_fit_parameters(kwargs, error, match, make_data):
    net = MLP((3, 2), random_state=0)
    X, Y = make_data("mse", n=4)
    kwargs = {"epochs": 1, "batch_size": 2, "learning_rate": 0.1, **kwargs}
    with pytest.raises(error, match=match):
        net.fit(X, Y, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error", "reference"),
    [
        ({"random_state": "seed"}, TypeError, lambda: check_random_state("seed")),
        ({"learning_rate": 0.0}, ValueError, lambda: SGD(0.0)),
        ({"learning_rate": np.inf}, ValueError, lambda: SGD(np.inf)),
        ({"momentum": 1.0}, ValueError, lambda: SGD(0.1, momentum=1.0)),
        ({"momentum": -0.1}, ValueError, lambda: SGD(0.1, momentum=-0.1)),
        (
            {"learning_rate": None, "optimizer": "adagrad"},
            ValueError,
            lambda: get_optimizer("adagrad"),
        ),
        (
            {"learning_rate": None, "optimizer": 0.1},
            TypeError,
            lambda: get_optimizer(0.1),
        ),
    ],
    ids=[
        "random_state",
        "learning_rate-0",
        "learning_rate-inf",
        "momentum-1",
        "momentum-negative",
        "optimizer-name",
        "optimizer-type",
    ],
)
def test_fit_passes_on_the_validators_error(
    kwargs, error, reference, make_data, assert_same_error
):
    # random_state is checked by check_random_state, learning_rate and
    # momentum by SGD, optimizer by get_optimizer: fit raises their errors.
    X, Y = make_data("mse", n=4)
    kwargs = {"epochs": 1, "batch_size": 2, "learning_rate": 0.1, **kwargs}
    assert_same_error(
        error, lambda: MLP((3, 2), random_state=0).fit(X, Y, **kwargs), reference
    )


@given(
    st.one_of(
        st.floats(max_value=0.0), st.just(np.nan), st.just(np.inf), st.just(-np.inf)
    )
)
def test_bad_learning_rates_are_rejected(assert_same_error, learning_rate):
    net = MLP((1, 1), random_state=0)
    assert_same_error(
        ValueError,
        lambda: net.fit(
            [[1.0]], [1.0], epochs=1, batch_size=1, learning_rate=learning_rate
        ),
        lambda: SGD(learning_rate),
    )


def test_parameter_setters_check_count_and_shapes():
    net = MLP((3, 4, 2), random_state=0)
    with pytest.raises(
        ValueError, match=r"weights must be a list of 2 arrays \(one per layer\), got 1"
    ):
        net.weights = [np.zeros((3, 4))]
    with pytest.raises(
        ValueError, match=r"weights\[1\] must have shape \(4, 2\), got shape \(2, 4\)"
    ):
        net.weights = [np.zeros((3, 4)), np.zeros((2, 4))]
    with pytest.raises(
        ValueError, match=r"biases\[0\] must have shape \(4,\), got shape \(1, 4\)"
    ):
        net.biases = [np.zeros((1, 4)), np.zeros(2)]
    with pytest.raises(
        ValueError, match=r"weights\[0\] must contain only finite values"
    ):
        net.weights = [np.full((3, 4), np.nan), np.zeros((4, 2))]
    with pytest.raises(TypeError, match="weights must be a list of 2 arrays"):
        net.weights = np.zeros((3, 4))
    net.weights = [np.ones((3, 4), dtype=int), np.ones((4, 2))]
    assert net.weights[0].dtype == np.float64


def test_plain_callable_hidden_activation_forward_only():
    net = MLP((2, 3, 1), activation=np.sin, random_state=0)
    assert net.forward([[0.0, 1.0]]).shape == (1, 1)
    with pytest.raises(ValueError, match="'sin' has no derivative"):
        net.gradients([[0.0, 1.0]], [1.0])


# --- backward: the second half of gradients -------------------------------------


def test_backward_of_a_forward_pass_equals_gradients(make_data, make_softmax_net):
    X, Y = make_data("categorical_crossentropy", n_out=3)
    net = make_softmax_net((3, 4, 3), random_state=1)
    dW, db = net.backward(net.forward_pass(X), Y)
    dW_ref, db_ref = net.gradients(X, Y)
    for got, expected in zip(dW + db, dW_ref + db_ref, strict=True):
        np.testing.assert_array_equal(got, expected)


def test_backward_refuses_what_is_not_a_forward_pass():
    net = MLP((2, 1), random_state=0)
    with pytest.raises(TypeError, match=r"forward_pass must be what MLP\.forward_pass"):
        net.backward([[1.0, 2.0]], [[1.0]])


def test_backward_refuses_a_forward_pass_of_another_network():
    deep = MLP((2, 3, 1), random_state=0)
    shallow = MLP((2, 1), random_state=0)
    with pytest.raises(ValueError, match="must hold 1 net inputs z and 2 activations"):
        shallow.backward(deep.forward_pass([[0.0, 1.0]]), [[1.0]])


def test_backward_names_both_shapes_when_y_does_not_fit():
    net = MLP((2, 3, 1), random_state=0)
    forward = net.forward_pass([[0.0, 1.0], [1.0, 0.0]])
    with pytest.raises(ValueError, match=r"y has 3 samples .* but X has 2"):
        net.backward(forward, [1.0, 0.0, 1.0])


def test_fit_leaves_arrays_read_before_it_unchanged(make_data):
    # fit updates its own copies in place; arrays a caller holds keep values.
    X, Y = make_data("mse", n_out=1)
    net = MLP((3, 4, 1), random_state=0)
    held = net.weights[0]
    before = held.copy()
    net.fit(X, Y, epochs=3, batch_size=2, learning_rate=0.1)
    np.testing.assert_array_equal(held, before)
    assert not np.array_equal(net.weights[0], before)


# --- cross-entropy from the logits ----------------------------------------------


def sigmoid_unit(bias):
    """One sigmoid unit with binary cross-entropy and net input z = x + bias."""
    net = MLP(
        (1, 1), output_activation="sigmoid", loss="binary_crossentropy", random_state=0
    )
    net.weights, net.biases = [[[1.0]]], [[bias]]
    return net


def softmax_layer():
    """A softmax layer with categorical cross-entropy whose logits are z = x."""
    net = MLP(
        (3, 3),
        output_activation="softmax",
        loss="categorical_crossentropy",
        random_state=0,
    )
    net.weights, net.biases = [np.eye(3)], [np.zeros(3)]
    return net


@pytest.mark.parametrize("z", [-30.0, 30.0])
def test_sigmoid_head_gradient_is_p_minus_y_at_extreme_logits(z):
    net = sigmoid_unit(0.0)
    X, y = np.array([[z], [z]]), np.array([1.0, 0.0])
    p = 1.0 / (1.0 + np.exp(-z))
    delta = (p - y) / 2  # (p - y) / n, with n = 2 samples and K = 1 output
    dW, db = net.gradients(X, y)
    assert db[0].item() == pytest.approx(delta.sum(), rel=1e-12)
    assert dW[0].item() == pytest.approx((X[:, 0] * delta).sum(), rel=1e-12)
    # The confidently wrong sample carries the full signal, about 1/2 each.
    wrong = 0 if z < 0 else 1
    assert net.gradients(X[[wrong]], y[[wrong]])[1][0].item() == pytest.approx(
        p - y[wrong], rel=1e-12
    )
    assert abs(p - y[wrong]) > 0.99


def test_sigmoid_head_with_several_outputs_averages_over_outputs():
    net = MLP(
        (2, 2), output_activation="sigmoid", loss="binary_crossentropy", random_state=0
    )
    net.weights, net.biases = [np.eye(2)], [np.zeros(2)]
    X = np.array([[-30.0, 30.0], [30.0, -30.0], [0.5, -1.0]])
    Y = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    P = 1.0 / (1.0 + np.exp(-X))
    delta = (P - Y) / (3 * 2)  # (p - y) / (n K)
    dW, db = net.gradients(X, Y)
    np.testing.assert_allclose(db[0], delta.sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(dW[0], X.T @ delta, rtol=1e-12)


@pytest.mark.parametrize("z_true", [-30.0, 30.0])
def test_softmax_head_gradient_is_p_minus_y_at_extreme_logits(z_true):
    net = softmax_layer()
    X = np.array([[z_true, 0.0, -z_true]])
    Y = np.array([[1.0, 0.0, 0.0]])
    e = np.exp(X - X.max())
    P = e / e.sum()
    dW, db = net.gradients(X, Y)
    np.testing.assert_allclose(db[0], (P - Y)[0], rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(dW[0], X.T @ (P - Y), rtol=1e-12, atol=1e-300)
    if z_true < 0:  # p_true is about 1e-26: the gradient is the full -1
        assert db[0][0] == pytest.approx(-1.0, abs=1e-12)
    else:  # nearly right: small, but not zero
        assert 0 < -db[0][0] < 1e-12


def test_softmax_head_gradient_for_rows_not_summing_to_one():
    # The exact gradient of -sum_k y_k log p_k is (p * sum(y) - y) / n.
    net = softmax_layer()
    X = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])
    Y = np.array([[0.5, 0.5, 0.5], [0.0, 0.2, 0.0]])
    e = np.exp(X - X.max(axis=1, keepdims=True))
    P = e / e.sum(axis=1, keepdims=True)
    delta = (P * Y.sum(axis=1, keepdims=True) - Y) / 2
    np.testing.assert_allclose(net.gradients(X, Y)[1][0], delta.sum(axis=0))
    assert gradient_check(net, X, Y).passed


@pytest.mark.parametrize(("z", "expected"), [(-25.0, 25.0), (-30.0, 30.0)])
def test_cost_of_a_confidently_wrong_unit_is_minus_log_p(z, expected):
    # -log sigmoid(z) = -z + log1p(e^z): finite and as large as it is, not the
    # -log(1e-7) = 16.1 of a clipped probability.
    assert sigmoid_unit(0.0).cost([[z]], [1.0]) == pytest.approx(expected, rel=1e-12)
    X = np.array([[0.0, z, 0.0]])
    cost = softmax_layer().cost(X, [[0.0, 1.0, 0.0]])
    assert cost == pytest.approx(-z + np.log(2.0 + np.exp(z)), rel=1e-12)


@pytest.mark.parametrize("z", [-30.0, 30.0])
def test_logits_gradient_matches_central_differences_at_extremes(z):
    rng = np.random.default_rng(5)
    sig = sigmoid_unit(z)
    X = rng.normal(scale=0.1, size=(3, 1))
    assert gradient_check(sig, X, [1.0, 0.0, 1.0], tolerance=1e-6).passed
    soft = softmax_layer()
    X = np.array([[z, 0.0, -z], [0.1, 0.2, 0.3]])
    assert gradient_check(soft, X, np.eye(3)[[0, 2]], tolerance=1e-6).passed


def test_one_sgd_step_from_a_confidently_wrong_start():
    # The unit is wrong with z = -30: its bias moves by about eta, not 0.
    net = sigmoid_unit(-30.0)
    net.fit([[0.0]], [1.0], epochs=1, batch_size=1, learning_rate=0.5)
    p = 1.0 / (1.0 + np.exp(30.0))
    assert net.biases[0].item() == pytest.approx(-30.0 - 0.5 * (p - 1.0), rel=1e-12)


def test_softmax_with_binary_crossentropy_keeps_the_probability_loss(make_data):
    # Only the pairs the losses are defined for use the logits.
    X, Y = make_data("binary_crossentropy", n_out=2)
    net = MLP(
        (3, 2), output_activation="softmax", loss="binary_crossentropy", random_state=0
    )
    assert net.cost(X, Y) == losses.binary_crossentropy(Y, net.forward(X))


def test_backward_validates_and_training_does_not_revalidate(monkeypatch, make_data):
    X, Y = make_data("categorical_crossentropy", n_out=3)
    net = MLP(
        (3, 3),
        output_activation="softmax",
        loss="categorical_crossentropy",
        random_state=0,
    )
    calls = []
    original = mlp.check_network_target

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(mlp, "check_network_target", counting)
    net.fit(X, Y, epochs=3, batch_size=2, learning_rate=0.1)
    assert len(calls) == 1  # once, at the entry; no re-check per mini-batch
    net.backward(net.forward_pass(X), Y)
    assert len(calls) == 2


# --- optimizers ----------------------------------------------------------------


def test_fit_takes_an_optimizer_by_name_or_instance(make_data):
    X, Y = make_data("mse", n=8, n_in=3, n_out=2, seed=1)
    by_name = MLP((3, 4, 2), activation="tanh", random_state=0)
    by_instance = MLP((3, 4, 2), activation="tanh", random_state=0)
    by_name.fit(X, Y, epochs=2, batch_size=4, optimizer="rmsprop", shuffle=False)
    by_instance.fit(X, Y, epochs=2, batch_size=4, optimizer=RMSprop(), shuffle=False)
    for a, b in zip(by_name.weights, by_instance.weights, strict=True):
        np.testing.assert_array_equal(a, b)


def test_learning_rate_and_momentum_are_sgd(make_data):
    X, Y = make_data("mse", n=8, n_in=3, n_out=2, seed=1)
    old_way = MLP((3, 4, 2), activation="tanh", random_state=0)
    new_way = MLP((3, 4, 2), activation="tanh", random_state=0)
    old_way.fit(
        X, Y, epochs=2, batch_size=3, learning_rate=0.1, momentum=0.9, random_state=1
    )
    new_way.fit(
        X, Y, epochs=2, batch_size=3, optimizer=SGD(0.1, momentum=0.9), random_state=1
    )
    ours, theirs = old_way.weights + old_way.biases, new_way.weights + new_way.biases
    for a, b in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(a, b)


def test_an_optimizer_instance_continues_between_fits(make_data):
    # As a Keras optimizer between calls of model.fit: Adam's step count and
    # moments carry on, so two one-epoch fits equal one two-epoch fit.
    X, Y = make_data("mse", n=6, n_in=3, n_out=2, seed=1)
    once = MLP((3, 4, 2), activation="tanh", random_state=0)
    twice = MLP((3, 4, 2), activation="tanh", random_state=0)
    once.fit(X, Y, epochs=2, batch_size=3, optimizer=Adam(0.1), shuffle=False)
    adam = Adam(0.1)
    twice.fit(X, Y, epochs=1, batch_size=3, optimizer=adam, shuffle=False)
    twice.fit(X, Y, epochs=1, batch_size=3, optimizer=adam, shuffle=False)
    assert adam.iterations == 4
    ours, theirs = once.weights + once.biases, twice.weights + twice.biases
    for a, b in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"optimizer": "adam", "learning_rate": 0.1},
            ValueError,
            (
                r"Give either optimizer or learning_rate \(and momentum\), not "
                r"both: got optimizer='adam' and learning_rate=0.1"
            ),
        ),
        (
            {"optimizer": "sgd", "momentum": 0.9},
            ValueError,
            r"not both: got optimizer='sgd' and momentum=0.9",
        ),
        ({}, TypeError, "fit needs learning_rate .* or an optimizer"),
    ],
)
def test_optimizer_arguments_are_checked(kwargs, error, match, make_data):
    X, Y = make_data("mse", n=4)
    with pytest.raises(error, match=match):
        MLP((3, 2), random_state=0).fit(X, Y, epochs=1, batch_size=2, **kwargs)


# --- L2 penalty ----------------------------------------------------------------


def test_l2_step_by_hand():
    # a = w x + b with x = 1, y = 0, w = 1, b = 0, l2 = 0.5.
    # C = a^2 + 0.5 w^2 = 1 + 0.5 = 1.5
    # dC/dw = 2 a x + 2 * 0.5 * w = 2 + 1 = 3;  dC/db = 2 a = 2 (bias not penalised)
    # SGD, eta = 0.1: w = 1 - 0.3 = 0.7, b = 0 - 0.2 = -0.2
    net = MLP((1, 1), activation="identity", l2=0.5)
    net.weights, net.biases = [[[1.0]]], [[0.0]]
    assert net.cost([[1.0]], [0.0]) == pytest.approx(1.5)
    dW, db = net.gradients([[1.0]], [0.0])
    assert [dW[0].item(), db[0].item()] == pytest.approx([3.0, 2.0])
    # backward is the loss's gradient alone; gradients adds the penalty's.
    dW_loss, _ = net.backward(net.forward_pass([[1.0]]), [0.0])
    assert dW_loss[0].item() == pytest.approx(2.0)
    history = net.fit([[1.0]], [0.0], epochs=1, batch_size=1, learning_rate=0.1)
    assert history.tolist() == pytest.approx([1.5])
    assert [net.weights[0].item(), net.biases[0].item()] == pytest.approx([0.7, -0.2])


@pytest.mark.parametrize(("output", "loss"), OUTPUT_LOSS_PAIRS[::2])
def test_l2_gradient_matches_central_differences(output, loss, make_data):
    n_out = 3 if output == "softmax" else 2
    net = MLP(
        (3, 4, n_out),
        activation="tanh",
        output_activation=output,
        loss=loss,
        l2=0.1,
        random_state=1,
    )
    X, Y = make_data(loss, n=5, n_in=3, n_out=n_out, seed=2)
    report = gradient_check(net, X, Y)
    assert report.passed, report


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        (-0.1, ValueError, r"l2 must be a finite number >= 0, got -0.1"),
        (np.nan, ValueError, r"l2 must be a finite number >= 0, got nan"),
        (np.inf, ValueError, r"l2 must be a finite number >= 0, got inf"),
        ("0.1", TypeError, r"l2 must be a finite number >= 0, got '0.1'"),
    ],
)
def test_bad_l2_is_refused(value, error, match):
    with pytest.raises(error, match=match):
        MLP((2, 1), l2=value)
    net = MLP((2, 1))
    with pytest.raises(error, match=match):
        net.l2 = value


# --- dropout -------------------------------------------------------------------


def test_dropout_masks_drop_the_rate_and_keep_the_mean():
    net = MLP((2, 400, 300, 1), dropout=(0.3, 0.6))
    masks = net._dropout_masks(200, np.random.default_rng(0))
    for mask, rate in zip(masks, (0.3, 0.6), strict=True):
        n = mask.size
        dropped = np.mean(mask == 0)
        # Binomial: 5 standard deviations of the dropped fraction.
        assert abs(dropped - rate) < 5 * np.sqrt(rate * (1 - rate) / n)
        # Kept units are scaled by 1/(1 - rate), so the mask's mean is 1.
        np.testing.assert_allclose(np.unique(mask), [0.0, 1.0 / (1.0 - rate)])
        assert abs(mask.mean() - 1.0) < 5 * np.sqrt(rate / (1 - rate) / n)


def test_rate_zero_is_no_dropout(make_data):
    X, Y = make_data("mse", n=9, n_in=3, n_out=2, seed=1)
    plain = MLP((3, 4, 4, 2), activation="tanh", random_state=0)
    zero = MLP((3, 4, 4, 2), activation="tanh", dropout=0.0, random_state=0)
    plain.fit(X, Y, epochs=2, batch_size=4, learning_rate=0.1, random_state=3)
    zero.fit(X, Y, epochs=2, batch_size=4, learning_rate=0.1, random_state=3)
    ours, theirs = plain.weights + plain.biases, zero.weights + zero.biases
    for a, b in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(a, b)
    # The dropout code path without masks is the reference forward and backward.
    forward, unmasked = plain._forward_dropout(X, [None, None])
    reference = plain._forward(X)
    for a, b in zip(forward.a + forward.z, reference.a + reference.z, strict=True):
        np.testing.assert_array_equal(a, b)
    dW, db = plain._backward(forward, Y, ([None, None], unmasked))
    dW_ref, db_ref = plain._backward(reference, Y)
    for a, b in zip(dW + db, dW_ref + db_ref, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


def test_dropout_fit_is_seeded_and_changes_training(make_data):
    X, Y = make_data("mse", n=9, n_in=3, n_out=2, seed=1)

    def trained(dropout, seed):
        net = MLP((3, 6, 2), activation="tanh", dropout=dropout, random_state=0)
        net.fit(X, Y, epochs=3, batch_size=3, learning_rate=0.1, random_state=seed)
        return net.weights[0]

    np.testing.assert_array_equal(trained(0.5, 7), trained(0.5, 7))
    assert not np.allclose(trained(0.5, 7), trained(0.5, 8))
    assert not np.allclose(trained(0.5, 7), trained(0.0, 7))


def test_dropout_leaves_prediction_deterministic(make_data):
    X, Y = make_data("mse", n=5, n_in=3, n_out=2, seed=1)
    net = MLP((3, 4, 2), activation="tanh", dropout=0.5, random_state=0)
    whole = MLP((3, 4, 2), activation="tanh", random_state=0)
    np.testing.assert_array_equal(net.forward(X), whole.forward(X))
    assert net.cost(X, Y) == whole.cost(X, Y)
    dW, db = net.gradients(X, Y)
    dW_whole, db_whole = whole.gradients(X, Y)
    for a, b in zip(dW + db, dW_whole + db_whole, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    ("hidden", "output", "loss"),
    [
        ("sigmoid", "identity", "mse"),
        ("tanh", "softmax", "categorical_crossentropy"),
        ("softmax", "sigmoid", "binary_crossentropy"),
    ],
)
def test_dropout_gradient_matches_central_differences_with_a_fixed_mask(
    hidden, output, loss, make_data
):
    n_out = 3 if output == "softmax" else 2
    net = MLP(
        (3, 5, 4, n_out),
        activation=hidden,
        output_activation=output,
        loss=loss,
        dropout=(0.4, 0.5),
        l2=0.05,
        random_state=1,
    )
    X, Y = make_data(loss, n=6, n_in=3, n_out=n_out, seed=2)
    masks = net._dropout_masks(X.shape[0], np.random.default_rng(4))
    assert all((mask == 0).any() for mask in masks)  # some units are dropped

    def masked_cost():
        return net._cost(net._forward_dropout(X, masks)[0], Y)

    forward, unmasked = net._forward_dropout(X, masks)
    dW, db = net._add_penalty_gradient(*net._backward(forward, Y, (masks, unmasked)))
    eps = 1e-6
    for analytic, arrays in ((dW, net.weights), (db, net.biases)):
        for grad, array in zip(analytic, arrays, strict=True):
            numerical = np.zeros_like(array)
            for index in np.ndindex(array.shape):
                saved = array[index]
                array[index] = saved + eps
                plus = masked_cost()
                array[index] = saved - eps
                minus = masked_cost()
                array[index] = saved
                numerical[index] = (plus - minus) / (2 * eps)
            np.testing.assert_allclose(grad, numerical, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize(
    ("sizes", "dropout", "error", "match"),
    [
        (
            (2, 3, 1),
            1.0,
            ValueError,
            r"dropout must be a finite number in \[0, 1\.0\), got 1\.0",
        ),
        (
            (2, 3, 1),
            -0.1,
            ValueError,
            r"dropout must be a finite number in \[0, 1\.0\), got -0\.1",
        ),
        (
            (2, 3, 1),
            np.nan,
            ValueError,
            r"dropout must be a finite number in .*got nan",
        ),
        (
            (2, 3, 3, 1),
            (0.5, 1.5),
            ValueError,
            r"dropout\[1\] must be a finite number in",
        ),
        (
            (2, 3, 3, 1),
            [0.5],
            ValueError,
            r"dropout must hold one rate per hidden layer: 2 for this network, got 1",
        ),
        ((2, 1), 0.5, ValueError, r"dropout=0.5 needs a hidden layer to act on"),
        ((2, 3, 1), "half", TypeError, r"dropout must be a finite number"),
    ],
)
def test_bad_dropout_is_refused(sizes, dropout, error, match):
    with pytest.raises(error, match=match):
        MLP(sizes, dropout=dropout)


def test_repr_and_summary_show_regularisation():
    net = MLP((2, 8, 8, 1), l2=1e-3, dropout=0.25)
    assert repr(net) == (
        "MLP((2, 8, 8, 1), activation='relu', output_activation='identity', "
        "loss='mse', l2=0.001, dropout=0.25)"
    )
    assert net.dropout == (0.25, 0.25)
    lines = net.summary().splitlines()
    assert lines[0].split()[-1] == "dropout"
    assert [line.split()[-1] for line in lines[1:3]] == ["0.25", "0.25"]
    assert lines[-1] == "L2 penalty 0.001 * sum of squared weights"
    assert MLP((2, 1), dropout=0.0).summary() == MLP((2, 1)).summary()
