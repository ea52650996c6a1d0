"""Tests for neurons.keras_interop: Keras computes, differentiates and trains as MLP.

Every comparison runs the same network twice: once here in float64 and once
in Keras (float32), the network moved with ``to_keras``. Differences are
measured relative to the largest Keras value of each array.
"""

from __future__ import annotations

import sys
import types

import numpy as np
import pytest

keras = pytest.importorskip("keras")

# Every test here builds or runs a Keras model (JAX compiles on first use):
# seconds each, so the module is deselected by -m "not slow".
pytestmark = pytest.mark.slow

from neurons import MLP, from_keras, keras_interop, losses, to_keras
from neurons.keras_interop import keras_gradients
from neurons.optimizers import SGD, Adam, RMSprop

SUPPORTED_HIDDEN = ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"]
OUTPUTS = [
    ("identity", "mse"),
    ("sigmoid", "binary_crossentropy"),
    ("softmax", "categorical_crossentropy"),
]


def parameters(net):
    """The MLP's weights and biases in Keras's order: W1, b1, W2, b2, ..."""
    return [p for W, b in zip(net.weights, net.biases, strict=True) for p in (W, b)]


def keras_parameters(model):
    # convert_to_numpy of the backend array: Variable.numpy() and get_weights()
    # warn under NumPy 2.4 (no copy keyword in __array__).
    return [keras.ops.convert_to_numpy(v.value) for v in model.weights]


def relative_difference(ours, theirs):
    """max |ours - theirs| / max |theirs|, the worst over a list of arrays."""
    return max(
        float(np.max(np.abs(mine - other)) / np.max(np.abs(other)))
        for mine, other in zip(ours, theirs, strict=True)
    )


def keras_predict(model, X):
    return keras.ops.convert_to_numpy(model(X.astype(np.float32)))


def make_net(hidden, output, loss, *, seed=3, n_in=4, n_hidden=5):
    n_out = 1 if loss == "binary_crossentropy" else 3
    net = MLP(
        (n_in, n_hidden, n_hidden, n_out),
        activation=hidden,
        output_activation=output,
        loss=loss,
        random_state=seed,
    )
    # Non-zero biases, so that copying them is tested too.
    rng = np.random.default_rng(seed)
    net.biases = [rng.normal(scale=0.5, size=b.shape) for b in net.biases]
    return net


# --- round trip ---------------------------------------------------------------


@pytest.mark.parametrize("hidden", SUPPORTED_HIDDEN)
@pytest.mark.parametrize(("output", "loss"), OUTPUTS)
def test_round_trip_keeps_network_and_predictions(hidden, output, loss, make_data):
    net = make_net(hidden, output, loss)
    model = to_keras(net)
    model.compile(optimizer="sgd", loss=net.loss.name)
    back = from_keras(model)

    assert back.layer_sizes == net.layer_sizes
    assert back.activation.name == hidden
    assert back.output_activation.name == output
    assert back.loss.name == loss
    # Keras holds float32: the round trip rounds each weight once, no more.
    for mine, returned in zip(parameters(net), parameters(back), strict=True):
        assert returned.dtype == np.float64
        np.testing.assert_array_equal(returned, mine.astype(np.float32))

    X, _ = make_data(loss, n=20, n_in=4, seed=5)
    gap = np.max(np.abs(keras_predict(model, X) - net.forward(X)))
    assert gap < 1e-5, gap


def test_to_keras_builds_named_dense_layers_and_leaky_relu_layers():
    net = MLP((3, 4, 4, 2), activation="leaky_relu", output_activation="softmax")
    model = to_keras(net)
    assert model.name == "mlp"
    assert [(type(layer).__name__, layer.name) for layer in model.layers] == [
        ("Dense", "hidden_1"),
        ("LeakyReLU", "hidden_1_leaky_relu"),
        ("Dense", "hidden_2"),
        ("LeakyReLU", "hidden_2_leaky_relu"),
        ("Dense", "output"),
    ]
    assert model.layers[0].activation.__name__ == "linear"
    assert model.layers[1].negative_slope == pytest.approx(0.01)
    assert not model.compiled
    assert all(v.dtype == "float32" for v in model.weights)
    # Negative net inputs are where Keras's default slopes (0.2, 0.3) differ.
    X = -np.abs(np.random.default_rng(0).normal(size=(8, 3)))
    assert np.max(np.abs(keras_predict(model, X) - net.forward(X))) < 1e-6


# Keras 3 saves weights with Variable.numpy(), whose __array__ has no copy
# keyword: NumPy 2.4 warns about it. The warning is Keras's, not ours.
@pytest.mark.filterwarnings(
    "ignore:__array__ implementation doesn't accept a copy keyword:DeprecationWarning"
)
def test_saved_leaky_relu_model_loads_and_converts_back(tmp_path, make_data):
    net = make_net("leaky_relu", "sigmoid", "binary_crossentropy")
    model = to_keras(net)
    model.compile(optimizer="sgd", loss="binary_crossentropy")
    path = tmp_path / "mlp.keras"
    model.save(path)
    loaded = keras.models.load_model(path)  # no custom_objects needed
    X, _ = make_data("binary_crossentropy", n=10, n_in=4)
    np.testing.assert_array_equal(keras_predict(loaded, X), keras_predict(model, X))
    back = from_keras(loaded)
    assert repr(back) == repr(net)
    np.testing.assert_allclose(back.forward(X), net.forward(X), atol=1e-5)


def test_single_layer_network_ignores_unused_hidden_activation():
    # (2, 1) has no hidden layer, so its hidden activation is never used.
    net = MLP((2, 1), activation="heaviside", output_activation="sigmoid")
    model = to_keras(net)
    assert [layer.name for layer in model.layers] == ["output"]
    assert from_keras(model).layer_sizes == (2, 1)


# --- loss --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("compiled", "expected"),
    [
        (None, "mse"),
        ("mse", "mse"),
        ("mean_squared_error", "mse"),
        (keras.losses.MeanSquaredError(), "mse"),
        (keras.losses.mean_squared_error, "mse"),
        ("binary_crossentropy", "binary_crossentropy"),
        (keras.losses.BinaryCrossentropy(), "binary_crossentropy"),
    ],
)
def test_loss_comes_from_the_compiled_model(compiled, expected):
    model = to_keras(MLP((2, 3, 1), output_activation="sigmoid"))
    if compiled is not None:
        model.compile(optimizer="sgd", loss=compiled)
    assert from_keras(model).loss.name == expected


def test_loss_keyword_wins_over_the_compiled_loss():
    model = to_keras(MLP((2, 3, 1), output_activation="sigmoid"))
    model.compile(optimizer="sgd", loss="mae")
    assert from_keras(model, loss="binary_crossentropy").loss.name == (
        "binary_crossentropy"
    )


@pytest.mark.parametrize(
    "compiled",
    ["mae", keras.losses.BinaryCrossentropy(from_logits=True)],
)
def test_unsupported_compiled_loss_is_refused(compiled):
    model = to_keras(MLP((2, 3, 1), output_activation="sigmoid"))
    model.compile(optimizer="sgd", loss=compiled)
    with pytest.raises(
        ValueError, match=r"compiled with the loss .* Pass loss= to from_keras"
    ):
        from_keras(model)


# --- refusals ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (
            {"activation": "heaviside"},
            r"activation 'heaviside' has no Keras equivalent",
        ),
        ({"activation": "sign"}, r"activation 'sign' has no Keras equivalent"),
        (
            {"activation": np.sin},
            r"activation 'sin' is not one of the package's registered activations",
        ),
    ],
)
def test_to_keras_refuses_activations_keras_lacks(kwargs, match):
    with pytest.raises(ValueError, match=match):
        to_keras(MLP((2, 3, 1), **kwargs))


def test_to_keras_refuses_what_is_not_an_mlp():
    with pytest.raises(TypeError, match=r"mlp must be a neurons.MLP, got 'net'"):
        to_keras("net")


def dense(units, **kwargs):
    return keras.layers.Dense(units, **kwargs)


def sequential(*layers, input_shape=(3,)):
    return keras.Sequential([keras.Input(shape=input_shape), *layers])


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (
            lambda: sequential(
                dense(4, name="h"), keras.layers.BatchNormalization(name="bn"), dense(1)
            ),
            (
                r"Cannot convert layer 1 \('bn', BatchNormalization\): from_keras "
                r"reads Dense layers"
            ),
        ),
        (
            lambda: sequential(
                dense(4, name="h"), dense(1, name="o"), keras.layers.Dropout(0.5)
            ),
            r"Dropout layer after the output layer 1 \('o', Dense.*hidden-layer",
        ),
        (
            lambda: sequential(
                dense(4, name="h"),
                keras.layers.Dropout(0.5),
                keras.layers.Dropout(0.2, name="again"),
                dense(1),
            ),
            r"layer 2 \('again', Dropout\): a Dropout layer must follow a Dense",
        ),
        (
            lambda: sequential(
                dense(4),
                keras.layers.Dropout(0.5, noise_shape=(1, 4), name="d"),
                dense(1),
            ),
            r"layer 1 \('d', Dropout\): it has noise_shape=\(1, 4\)",
        ),
        (
            lambda: sequential(
                dense(4, name="h", kernel_regularizer=keras.regularizers.L1(0.1)),
                dense(1),
            ),
            r"layer 0 \('h', Dense.*kernel_regularizer is L1, and an MLP has an L2",
        ),
        (
            lambda: sequential(
                dense(4, name="h", bias_regularizer=keras.regularizers.L2(0.1)),
                dense(1),
            ),
            r"layer 0 \('h', Dense.*it has a bias_regularizer",
        ),
        (
            lambda: sequential(
                dense(4, kernel_regularizer=keras.regularizers.L2(0.1)),
                dense(1, name="o", kernel_regularizer=keras.regularizers.L2(0.2)),
            ),
            r"layer 1 \('o', Dense.*L2 strength 0.2 differs from the first layer's 0.1",
        ),
        (
            lambda: keras.Sequential(
                [
                    keras.Input(shape=(8, 1)),
                    keras.layers.Conv1D(2, 3, name="conv"),
                    keras.layers.Flatten(),
                    dense(1),
                ]
            ),
            r"Cannot convert layer 0 \('conv', Conv1D with activation 'linear'\)",
        ),
        (
            lambda: sequential(dense(4, activation="elu", name="h"), dense(1)),
            r"layer 0 \('h', Dense with activation 'elu'\): unsupported activation",
        ),
        (
            # Keras's own "leaky_relu" has slope 0.2, not the package's 0.01.
            lambda: sequential(dense(4, activation="leaky_relu", name="h"), dense(1)),
            r"layer 0 \('h', Dense with activation 'leaky_relu'\): unsupported",
        ),
        (
            lambda: sequential(
                dense(4, name="h"), keras.layers.LeakyReLU(name="leaky"), dense(1)
            ),
            (
                r"layer 1 \('leaky', LeakyReLU\): its negative_slope=0.3 is not the "
                r"package's leaky_relu slope 0.01"
            ),
        ),
        (
            lambda: sequential(
                dense(4, activation="relu", name="h"),
                keras.layers.LeakyReLU(negative_slope=0.01, name="leaky"),
                dense(1),
            ),
            (
                r"layer 1 \('leaky', LeakyReLU\): a LeakyReLU layer must follow a "
                r"'linear' Dense layer"
            ),
        ),
        (
            lambda: sequential(dense(4, use_bias=False, name="h"), dense(1)),
            (
                r"layer 0 \('h', Dense with activation 'linear'\): it has "
                r"use_bias=False"
            ),
        ),
        (
            lambda: sequential(
                dense(4, activation="relu", name="h1"),
                dense(4, activation="tanh", name="h2"),
                dense(1),
            ),
            (
                r"layer 1 \('h2', Dense with activation 'tanh'\): its activation "
                r"'tanh' differs from 'relu'"
            ),
        ),
        (
            lambda: sequential(
                dense(4, name="h"), dense(1, activation="tanh", name="o")
            ),
            (
                r"layer 1 \('o', Dense with activation 'tanh'\): the output layer's "
                r"activation is 'tanh'"
            ),
        ),
        (
            lambda: sequential(dense(4), dense(1), input_shape=(2, 3)),
            r"takes inputs of shape \(None, 2, 3\); an MLP takes",
        ),
        (
            lambda: keras.Sequential([dense(1)], name="empty"),
            r"The Sequential model 'empty' has no weights yet",
        ),
    ],
)
def test_from_keras_refuses_what_an_mlp_cannot_represent(build, match):
    with pytest.raises(ValueError, match=match):
        from_keras(build())


def test_from_keras_refuses_functional_models():
    inputs = keras.Input(shape=(3,))
    wide_and_deep = keras.layers.Concatenate()([inputs, dense(4)(inputs)])
    model = keras.Model(inputs, dense(1)(wide_and_deep), name="wide_deep")
    with pytest.raises(
        ValueError,
        match=r"keras.Sequential models only, got the Functional model 'wide_deep'",
    ):
        from_keras(model)


def test_from_keras_refuses_what_is_not_a_keras_model():
    with pytest.raises(TypeError, match=r"model must be a keras.Sequential, got MLP"):
        from_keras(MLP((2, 1)))


def test_output_activation_and_loss_must_fit():
    model = sequential(dense(4), dense(1))  # linear output
    with pytest.raises(ValueError, match="expects probabilities in"):
        from_keras(model, loss="binary_crossentropy")


# --- without Keras ------------------------------------------------------------


@pytest.mark.parametrize(
    "convert", [lambda: to_keras(MLP((2, 1))), lambda: from_keras(None)]
)
def test_missing_keras_says_how_to_install_it(monkeypatch, convert):
    monkeypatch.setitem(sys.modules, "keras", None)  # import keras now fails
    with pytest.raises(
        ImportError, match=r'needs Keras 3 .* pip install "neurons\[keras\]"'
    ):
        convert()


def test_keras_without_its_backend_says_to_set_keras_backend(monkeypatch):
    def import_module(name):
        error = ModuleNotFoundError("No module named 'tensorflow'")
        error.name = "tensorflow"
        raise error

    monkeypatch.setattr(keras_interop.importlib, "import_module", import_module)
    with pytest.raises(
        ImportError,
        match=r"could not import its backend \('tensorflow'\).*KERAS_BACKEND",
    ):
        to_keras(MLP((2, 1)))


def test_keras_2_is_refused(monkeypatch):
    monkeypatch.setitem(
        sys.modules, "keras", types.SimpleNamespace(__version__="2.15.0")
    )
    with pytest.raises(ImportError, match=r"needs Keras 3, found Keras 2.15.0"):
        to_keras(MLP((2, 1)))


# --- gradients and training ------------------------------------------------------


@pytest.mark.parametrize("hidden", ["tanh", "relu", "leaky_relu"])
@pytest.mark.parametrize(("output", "loss"), OUTPUTS)
def test_backend_gradients_match_backpropagation(hidden, output, loss, make_data):
    # jax.grad through Keras's stateless call shares no code with backprop.
    net = make_net(hidden, output, loss, seed=7)
    X, Y = make_data(loss, n=16, n_in=4, n_out=net.layer_sizes[-1], seed=8)
    dW_keras, db_keras = keras_gradients(to_keras(net), X, Y, loss=loss)
    dW, db = net.gradients(X, Y)
    assert [g.shape for g in dW_keras] == [g.shape for g in dW]
    assert relative_difference(dW + db, dW_keras + db_keras) < 1e-4


@pytest.mark.parametrize(
    ("output", "loss", "keras_class"),
    [
        ("sigmoid", "binary_crossentropy", "BinaryCrossentropy"),
        ("softmax", "categorical_crossentropy", "CategoricalCrossentropy"),
    ],
)
def test_cross_entropy_costs_equal_keras_from_logits_and_of_probabilities(
    output, loss, keras_class, make_data
):
    net = make_net("tanh", output, loss, seed=6)
    X, Y = make_data(loss, n=8, n_in=4, n_out=net.layer_sizes[-1], seed=6)
    z, a = net.forward_pass(X)
    from_logits = getattr(keras.losses, keras_class)(from_logits=True)
    of_probabilities = getattr(keras.losses, keras_class)()
    # Keras computes in float32; no probability here is near the clip zone.
    assert net.cost(X, Y) == pytest.approx(
        float(np.asarray(from_logits(Y, z[-1]))), rel=1e-5
    )
    assert net.cost(X, Y) == pytest.approx(
        float(np.asarray(of_probabilities(Y, a[-1]))), rel=1e-5
    )


def test_confidently_wrong_gradient_is_keras_from_logits_not_clipped():
    # One sigmoid unit at z = -20 for target 1. Keras's loss of probabilities
    # clips sigmoid(-20) = 2e-9 to 1e-7 and gets a zero gradient; its
    # from_logits loss, like MLP, gets sigmoid(z) - y, about -1.
    jax = pytest.importorskip("jax")
    if keras.backend.backend() != "jax":
        pytest.skip("needs KERAS_BACKEND=jax")
    net = MLP(
        (1, 1), output_activation="sigmoid", loss="binary_crossentropy", random_state=0
    )
    net.weights, net.biases = [[[1.0]]], [[0.0]]
    X, Y = np.array([[-20.0]]), np.array([[1.0]])
    dW_clipped, db_clipped = keras_gradients(
        to_keras(net), X, Y, loss="binary_crossentropy"
    )
    assert dW_clipped[0].item() == db_clipped[0].item() == 0.0

    linear = MLP((1, 1), output_activation="identity", random_state=0)
    linear.weights, linear.biases = net.weights, net.biases
    model = to_keras(linear)  # outputs the logits z
    keras_loss = keras.losses.BinaryCrossentropy(from_logits=True)

    def cost(trainable):
        logits, _ = model.stateless_call(
            trainable, model.non_trainable_variables, X.astype("float32")
        )
        return keras_loss(Y.astype("float32"), logits)

    dW_keras, db_keras = jax.grad(cost)([v.value for v in model.trainable_variables])
    dW, db = net.gradients(X, Y)
    assert db[0].item() == pytest.approx(-1.0, abs=1e-8)
    np.testing.assert_allclose(dW[0], np.asarray(dW_keras), rtol=1e-6)
    np.testing.assert_allclose(db[0], np.asarray(db_keras), rtol=1e-6)


def test_keras_gradients_refuses_bad_input(make_data, assert_same_error):
    net = make_net("tanh", "identity", "mse", seed=0)
    model = to_keras(net)
    X, Y = make_data("mse", n=4, n_in=4, n_out=net.layer_sizes[-1], seed=0)
    assert_same_error(
        ValueError,
        lambda: keras_gradients(model, X, Y, loss="hinge"),
        lambda: losses.get_loss("hinge"),
    )
    with pytest.raises(ValueError, match=r"X has 3 features \(shape \(4, 3\)\)"):
        keras_gradients(model, X[:, :3], Y, loss="mse")
    with pytest.raises(TypeError, match="model must be a keras model"):
        keras_gradients(net, X, Y, loss="mse")


def test_keras_gradients_needs_the_jax_backend(monkeypatch, make_data):
    net = make_net("tanh", "identity", "mse", seed=0)
    model = to_keras(net)
    X, Y = make_data("mse", n=4, n_in=4, n_out=net.layer_sizes[-1], seed=0)
    monkeypatch.setattr(keras.backend, "backend", lambda: "torch")
    with pytest.raises(
        ValueError, match=r"needs Keras's JAX backend .* runs on 'torch'"
    ):
        keras_gradients(model, X, Y, loss="mse")


@pytest.mark.parametrize(
    ("hidden", "output", "loss", "momentum", "epochs"),
    [
        ("tanh", "identity", "mse", 0.0, 1),
        ("tanh", "sigmoid", "binary_crossentropy", 0.0, 1),
        ("tanh", "softmax", "categorical_crossentropy", 0.0, 1),
        ("tanh", "softmax", "categorical_crossentropy", 0.9, 2),
    ],
)
def test_sgd_epochs_match_keras(hidden, output, loss, momentum, epochs, make_data):
    n_out = 1 if loss == "binary_crossentropy" else 3
    X, Y = make_data(loss, n=10, n_in=4, n_out=n_out, seed=4)
    net = MLP(
        (4, 5, n_out),
        activation=hidden,
        output_activation=output,
        loss=loss,
        random_state=3,
    )
    model = to_keras(net)
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=momentum), loss=loss
    )
    # batch_size 4 over 10 samples: the last batch has 2, in Keras as here.
    keras_history = model.fit(
        X, Y, batch_size=4, epochs=epochs, shuffle=False, verbose=0
    )
    history = net.fit(
        X,
        Y,
        epochs=epochs,
        batch_size=4,
        learning_rate=0.1,
        momentum=momentum,
        shuffle=False,
    )
    np.testing.assert_allclose(history, keras_history.history["loss"], rtol=1e-5)
    assert relative_difference(parameters(net), keras_parameters(model)) < 1e-4


# --- optimizers and regularisation ---------------------------------------------

# The same optimizer twice: ours, and Keras's with the same arguments.
OPTIMIZERS = {
    "sgd": (lambda: SGD(0.1), lambda: keras.optimizers.SGD(0.1)),
    "sgd-momentum": (
        lambda: SGD(0.1, momentum=0.9),
        lambda: keras.optimizers.SGD(0.1, momentum=0.9),
    ),
    "sgd-nesterov": (
        lambda: SGD(0.1, momentum=0.9, nesterov=True),
        lambda: keras.optimizers.SGD(0.1, momentum=0.9, nesterov=True),
    ),
    "rmsprop": (lambda: RMSprop(0.01), lambda: keras.optimizers.RMSprop(0.01)),
    "adam": (lambda: Adam(0.01), lambda: keras.optimizers.Adam(0.01)),
}


@pytest.mark.parametrize("l2", [0.0, 0.01])
@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_optimizer_epochs_match_keras(name, l2, make_data):
    ours, theirs = OPTIMIZERS[name]
    X, Y = make_data("categorical_crossentropy", n=10, n_in=4, n_out=3, seed=4)
    net = make_net("tanh", "softmax", "categorical_crossentropy")
    net.l2 = l2
    model = to_keras(net)
    model.compile(optimizer=theirs(), loss="categorical_crossentropy")
    keras_history = model.fit(X, Y, batch_size=4, epochs=3, shuffle=False, verbose=0)
    history = net.fit(X, Y, epochs=3, batch_size=4, optimizer=ours(), shuffle=False)
    # Keras's reported loss includes the penalty, once per batch, as ours does.
    np.testing.assert_allclose(history, keras_history.history["loss"], rtol=1e-5)
    assert relative_difference(parameters(net), keras_parameters(model)) < 1e-4


def test_optimizer_by_name_has_keras_defaults(make_data):
    X, Y = make_data("mse", n=10, n_in=4, n_out=3, seed=4)
    net = make_net("relu", "identity", "mse")
    model = to_keras(net)
    model.compile(optimizer="adam", loss="mse")
    model.fit(X, Y, batch_size=5, epochs=2, shuffle=False, verbose=0)
    net.fit(X, Y, epochs=2, batch_size=5, optimizer="adam", shuffle=False)
    assert relative_difference(parameters(net), keras_parameters(model)) < 1e-4


def test_l2_penalty_is_keras_regularisation_loss(make_data):
    net = make_net("tanh", "identity", "mse")
    net.l2 = 0.05
    X, Y = make_data("mse", n=8, n_in=4, n_out=3, seed=2)
    model = to_keras(net)
    # Keras collects each Dense layer's penalty l2 * sum(kernel**2) in model.losses.
    keras_penalty = sum(float(keras.ops.convert_to_numpy(p)) for p in model.losses)
    data_loss = losses.mse(Y, net.forward(X))
    assert len(model.losses) == net.n_layers
    assert net.cost(X, Y) - data_loss == pytest.approx(keras_penalty, rel=1e-6)


def test_regularisation_round_trip():
    net = MLP((3, 4, 4, 2), activation="leaky_relu", l2=1e-3, dropout=(0.5, 0.0))
    model = to_keras(net)
    assert [(type(layer).__name__, layer.name) for layer in model.layers] == [
        ("Dense", "hidden_1"),
        ("LeakyReLU", "hidden_1_leaky_relu"),
        ("Dropout", "hidden_1_dropout"),
        ("Dense", "hidden_2"),
        ("LeakyReLU", "hidden_2_leaky_relu"),
        ("Dense", "output"),
    ]
    assert model.layers[2].rate == 0.5
    dense_layers = [layer for layer in model.layers if type(layer).__name__ == "Dense"]
    assert [layer.kernel_regularizer.l2 for layer in dense_layers] == [1e-3] * 3
    assert all(layer.bias_regularizer is None for layer in dense_layers)
    back = from_keras(model)
    assert back.l2 == 1e-3
    assert back.dropout == (0.5, 0.0)
    assert repr(back) == repr(net)
    # Dropout acts in training only: Keras's predictions are the whole network's.
    X = np.random.default_rng(0).normal(size=(8, 3))
    assert np.max(np.abs(keras_predict(model, X) - net.forward(X))) < 1e-5


def test_no_regularisation_adds_no_keras_layers_or_regularisers():
    model = to_keras(MLP((3, 4, 2)))
    assert [type(layer).__name__ for layer in model.layers] == ["Dense", "Dense"]
    assert all(layer.kernel_regularizer is None for layer in model.layers)
    assert not model.losses
