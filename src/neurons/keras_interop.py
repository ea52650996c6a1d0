r"""Move a network between :class:`~neurons.mlp.MLP` and Keras, weights included.

:func:`to_keras` builds a ``keras.Sequential`` that computes exactly what an
:class:`~neurons.mlp.MLP` computes: one ``Dense`` layer per layer of the MLP,

.. math:: \text{output} = \text{activation}(\text{dot}(\text{input},
          \text{kernel}) + \text{bias}),

whose ``kernel`` is the MLP's weight matrix :math:`W^l` (both are
``(n_in, n_out)``, so no transpose is needed) and whose ``bias`` is
:math:`b^l`. :func:`from_keras` reads such a model back into an
:class:`~neurons.mlp.MLP`. The book uses the pair to check that Keras and the
package compute, differentiate and train the same networks.

Activations map by name: ``identity`` is Keras's ``"linear"``; ``sigmoid``,
``tanh``, ``relu`` and ``softmax`` have the same names in both. The package's
``leaky_relu`` has slope :math:`\alpha = 0.01`
(``neurons.activations.LEAKY_RELU_ALPHA``), while Keras's
``"leaky_relu"`` activation has 0.2 and its ``LeakyReLU`` layer 0.3, so a
leaky hidden layer becomes a linear ``Dense`` layer followed by a
``keras.layers.LeakyReLU(negative_slope=0.01)`` layer. Both are built-in
layers, so the model saves to a ``.keras`` file and loads back without custom
objects, and :func:`from_keras` folds the pair back into one layer. The step
functions ``heaviside`` and ``sign`` have no Keras equivalent.

The two regularisers of an :class:`~neurons.mlp.MLP` travel too: its L2
penalty ``l2`` becomes ``kernel_regularizer=keras.regularizers.L2(l2)`` on
every ``Dense`` layer (the same penalty, added to the loss in the same way),
and a hidden layer's dropout rate becomes a ``keras.layers.Dropout(rate)``
layer after it. Keras draws its dropout masks from its own random numbers,
so training with dropout agrees with the package's in distribution, not
weight for weight; without dropout it agrees to float32 rounding.

:func:`keras_gradients` differentiates a Keras model's cost by automatic
differentiation (``jax.grad`` through Keras's stateless API): an independent
check of :meth:`~neurons.mlp.MLP.gradients`, which is written out by hand.

Keras is imported inside these functions only, so ``import neurons`` never
loads it. :func:`to_keras` and :func:`from_keras` work with any Keras 3
backend; :func:`keras_gradients` needs the JAX backend, which the book uses,
on the CPU.

Deliberately left out: every other layer type (normalisation, convolutions),
``Dense`` options that do not change the forward pass but would change
training (bias and activity regularisers, L1 penalties, constraints), dropout
with a ``noise_shape``, models other than ``keras.Sequential``, and
optimiser state.
"""

from __future__ import annotations

import importlib
import math
from typing import Any

import numpy as np
import numpy.typing as npt

from neurons._validation import (
    Float64Array,
    check_array,
    check_choice,
    check_instance,
    check_network_target,
)
from neurons.activations import ACTIVATIONS, LEAKY_RELU_ALPHA, Activation
from neurons.losses import LOSSES
from neurons.mlp import MLP

__all__ = ["from_keras", "keras_gradients", "to_keras"]

_INSTALL_HINT = 'pip install "neurons[keras]"'

# neurons name -> Keras activation name, for the activations Keras has with
# the same definition. leaky_relu is handled apart (see the module docstring).
_TO_KERAS = {
    "identity": "linear",
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "relu": "relu",
    "softmax": "softmax",
}
_FROM_KERAS = {keras_name: name for name, keras_name in _TO_KERAS.items()}
_SUPPORTED = [*_TO_KERAS, "leaky_relu"]

# neurons loss name -> the Keras loss class with the same definition.
_KERAS_LOSS_CLASSES = {
    "mse": "MeanSquaredError",
    "binary_crossentropy": "BinaryCrossentropy",
    "categorical_crossentropy": "CategoricalCrossentropy",
}


def _import_keras() -> Any:
    """Import Keras 3, or raise an ImportError that says how to install it."""
    try:
        keras = importlib.import_module("keras")
    except ImportError as error:
        if error.name not in (None, "keras") and not error.name.startswith("keras."):
            # Keras is there but its backend is not: by default it loads
            # TensorFlow, which the "keras" extra does not install.
            msg = (
                f"Keras is installed but could not import its backend "
                f"({error.name!r}). Set the environment variable KERAS_BACKEND "
                f"(for example KERAS_BACKEND=jax) before starting Python, and "
                f"install the backend: {_INSTALL_HINT} installs Keras with JAX."
            )
            raise ImportError(msg) from error
        msg = f"This function needs Keras 3 with a backend. Install it with: {_INSTALL_HINT}"
        raise ImportError(msg) from error
    major = str(getattr(keras, "__version__", "0")).split(".", maxsplit=1)[0]
    if not major.isdigit() or int(major) < 3:
        msg = (
            f"This function needs Keras 3, found Keras {keras.__version__}. "
            f"Install it with: {_INSTALL_HINT}"
        )
        raise ImportError(msg)
    return keras


def _keras_activation(activation: Activation, *, name: str) -> str:
    """Return the Keras name of a registered activation, or raise ValueError."""
    registered = ACTIVATIONS.get(activation.name) == activation
    if registered and activation.name in _SUPPORTED:
        return _TO_KERAS.get(activation.name, activation.name)
    if registered:  # heaviside, sign
        reason = (
            "has no Keras equivalent (a step function has zero derivative, "
            "so Keras could not train it)"
        )
    else:
        reason = "is not one of the package's registered activations"
    msg = (
        f"Cannot convert the MLP to Keras: {name} {activation.name!r} {reason}. "
        f"Supported activations are: {', '.join(map(repr, _SUPPORTED))}."
    )
    raise ValueError(msg)


def to_keras(mlp: MLP) -> Any:
    """Return an uncompiled ``keras.Sequential`` that computes what ``mlp`` computes.

    Layer :math:`l` of the MLP becomes ``Dense(n_out, activation=...)`` with
    ``kernel`` :math:`W^l` and ``bias`` :math:`b^l`, after a
    ``keras.Input(shape=(n_in,))``. Layers are named ``hidden_1``,
    ``hidden_2``, ... and ``output``; the model is named ``mlp``. A
    ``leaky_relu`` hidden layer becomes a linear ``Dense`` layer followed by
    ``keras.layers.LeakyReLU(negative_slope=0.01)``, named
    ``hidden_<l>_leaky_relu``, because Keras's own leaky ReLU slopes (0.2 for
    the activation, 0.3 for the layer) differ from the package's 0.01.

    With ``mlp.l2 > 0`` every ``Dense`` layer gets
    ``kernel_regularizer=keras.regularizers.L2(mlp.l2)``; a hidden layer
    with a dropout rate above 0 is followed by
    ``keras.layers.Dropout(rate)``, named ``hidden_<l>_dropout``.

    Parameters
    ----------
    mlp : MLP
        The network to copy. It is not modified.

    Returns
    -------
    keras.Sequential
        An uncompiled model with the same layers, activations, weights and
        biases. The weights are cast to Keras's float type (float32 by
        default), so predictions agree with :meth:`~neurons.mlp.MLP.forward` to float32
        precision. The MLP's loss is not attached: compile with
        ``model.compile(optimizer, loss=mlp.loss.name)``.

    Raises
    ------
    TypeError
        If ``mlp`` is not an :class:`~neurons.mlp.MLP`.
    ValueError
        If an activation the network uses has no Keras equivalent
        (``heaviside``, ``sign``, or a callable of your own); the message
        names it.
    ImportError
        If Keras 3 is not installed; the message gives the install command.

    See Also
    --------
    from_keras : The way back.

    Examples
    --------
    >>> import numpy as np
    >>> from neurons import MLP, to_keras
    >>> net = MLP((2, 3, 1), activation="tanh", output_activation="sigmoid",
    ...           loss="binary_crossentropy", random_state=0)
    >>> model = to_keras(net)
    >>> [(layer.name, layer.units) for layer in model.layers]
    [('hidden_1', 3), ('output', 1)]
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> gap = np.abs(model.predict(X, verbose=0) - net.forward(X)).max()
    >>> bool(gap < 1e-6)
    True
    >>> model = to_keras(MLP((2, 3, 1), l2=1e-4, dropout=0.5))
    >>> [layer.name for layer in model.layers]
    ['hidden_1', 'hidden_1_dropout', 'output']
    >>> model.layers[0].kernel_regularizer.get_config()
    {'l2': 0.0001}
    >>> to_keras(MLP((2, 3, 1), activation="heaviside"))
    Traceback (most recent call last):
    ...
    ValueError: Cannot convert the MLP to Keras: activation 'heaviside' has no Keras equivalent (a step function has zero derivative, so Keras could not train it). Supported activations are: 'identity', 'sigmoid', 'tanh', 'relu', 'softmax', 'leaky_relu'.
    """
    check_instance(mlp, MLP, name="mlp", expected="a neurons.MLP")
    hidden = (
        _keras_activation(mlp.activation, name="activation")
        if mlp.n_layers > 1
        else None
    )
    output = _keras_activation(mlp.output_activation, name="output_activation")
    keras = _import_keras()

    layers: list[Any] = [keras.Input(shape=(mlp.layer_sizes[0],))]
    dense_layers: list[Any] = []
    for l, n_out in enumerate(mlp.layer_sizes[1:]):
        # Code layer l is the book's layer l + 1.
        is_output = l == mlp.n_layers - 1
        name = "output" if is_output else f"hidden_{l + 1}"
        activation = output if is_output else hidden
        leaky = activation == "leaky_relu"
        dense = keras.layers.Dense(
            n_out,
            activation="linear" if leaky else activation,
            kernel_regularizer=keras.regularizers.L2(mlp.l2) if mlp.l2 > 0 else None,
            name=name,
        )
        layers.append(dense)
        dense_layers.append(dense)
        if leaky:
            layers.append(
                keras.layers.LeakyReLU(
                    negative_slope=LEAKY_RELU_ALPHA, name=f"{name}_leaky_relu"
                )
            )
        if not is_output and mlp.dropout[l] > 0:
            layers.append(keras.layers.Dropout(mlp.dropout[l], name=f"{name}_dropout"))
    model = keras.Sequential(layers, name="mlp")
    for dense, W, b in zip(dense_layers, mlp.weights, mlp.biases, strict=True):
        dense.kernel.assign(np.asarray(W, dtype=dense.kernel.dtype))
        dense.bias.assign(np.asarray(b, dtype=dense.bias.dtype))
    return model


def _describe_layer(index: int, layer: Any) -> str:
    text = f"layer {index} ({layer.name!r}, {type(layer).__name__}"
    activation = getattr(layer, "activation", None)
    if activation is not None:
        text += f" with activation {getattr(activation, '__name__', activation)!r}"
    return text + ")"


def _read_layers(
    keras: Any, layers: list[Any]
) -> tuple[list[tuple[int, Any, str]], list[float]]:
    """Return ``(index, dense_layer, neurons_activation_name)`` for each layer.

    A linear ``Dense`` layer followed by ``LeakyReLU(negative_slope=0.01)``
    counts as one ``leaky_relu`` layer. A ``Dropout`` layer after a layer
    gives its dropout rate, returned second, one per layer read (0 where
    there is none). Anything else raises a ValueError that names the layer by
    its index in ``model.layers``, name and class.
    """
    expected = (
        "from_keras reads Dense layers with a bias and an activation among "
        f"{', '.join(map(repr, _FROM_KERAS))}, each optionally followed by "
        f"keras.layers.LeakyReLU(negative_slope={LEAKY_RELU_ALPHA}) after a "
        "'linear' Dense layer (how to_keras writes leaky_relu) and by "
        "keras.layers.Dropout after a hidden layer"
    )
    read: list[tuple[int, Any, str]] = []
    dropout: list[float] = []
    for index, layer in enumerate(layers):
        where = _describe_layer(index, layer)
        if isinstance(layer, keras.layers.Dropout):
            if not read or dropout[-1] > 0:
                msg = (
                    f"Cannot convert {where}: a Dropout layer must follow a "
                    f"Dense layer, one at most; {expected}."
                )
                raise ValueError(msg)
            if layer.noise_shape is not None:
                msg = (
                    f"Cannot convert {where}: it has noise_shape="
                    f"{layer.noise_shape!r}, and an MLP drops units one by one "
                    "(noise_shape=None)."
                )
                raise ValueError(msg)
            dropout[-1] = float(layer.rate)
            continue
        if isinstance(layer, keras.layers.LeakyReLU):
            previous = read[-1][2] if read else None
            slope = float(layer.negative_slope)
            if previous != "identity":
                msg = (
                    f"Cannot convert {where}: a LeakyReLU layer must follow a "
                    f"'linear' Dense layer; {expected}."
                )
                raise ValueError(msg)
            if not math.isclose(slope, LEAKY_RELU_ALPHA, rel_tol=1e-9):
                msg = (
                    f"Cannot convert {where}: its negative_slope={slope!r} is "
                    f"not the package's leaky_relu slope {LEAKY_RELU_ALPHA}."
                )
                raise ValueError(msg)
            read[-1] = (read[-1][0], read[-1][1], "leaky_relu")
            continue
        if not isinstance(layer, keras.layers.Dense):
            # ValueError, not TypeError: the argument is a model, of the right
            # type; one of its layers is what the MLP cannot represent.
            msg = f"Cannot convert {where}: {expected}."
            raise ValueError(msg)  # noqa: TRY004
        if not layer.use_bias:
            msg = (
                f"Cannot convert {where}: it has use_bias=False, and every "
                "layer of an MLP has a bias. Build it with use_bias=True."
            )
            raise ValueError(msg)
        keras_name = keras.activations.serialize(layer.activation)
        if not isinstance(keras_name, str) or keras_name not in _FROM_KERAS:
            msg = f"Cannot convert {where}: unsupported activation; {expected}."
            raise ValueError(msg)
        read.append((index, layer, _FROM_KERAS[keras_name]))
        dropout.append(0.0)
    if read and dropout[-1] > 0:
        index, layer, _ = read[-1]
        msg = (
            f"Cannot convert the Dropout layer after the output "
            f"{_describe_layer(index, layer)}: an MLP drops hidden-layer outputs "
            "only."
        )
        raise ValueError(msg)
    return read, dropout


def _read_l2(keras: Any, read: list[tuple[int, Any, str]]) -> float:
    """Return the one L2 strength of the Dense layers' kernel regularisers.

    0 if no layer has one. Raises a ValueError naming the layer if a layer
    has another regulariser (L1, L1L2, on the bias or on the activity), or if
    the layers' L2 strengths differ.
    """
    strengths: list[float] = []
    for index, dense, _ in read:
        where = _describe_layer(index, dense)
        for option in ("bias_regularizer", "activity_regularizer"):
            if getattr(dense, option, None) is not None:
                msg = (
                    f"Cannot convert {where}: it has a {option}, and an MLP "
                    "penalises the kernels (weights) only."
                )
                raise ValueError(msg)
        regularizer = dense.kernel_regularizer
        if regularizer is None:
            strengths.append(0.0)
        elif isinstance(regularizer, keras.regularizers.L2):
            strengths.append(float(regularizer.l2))
        else:
            msg = (
                f"Cannot convert {where}: its kernel_regularizer is "
                f"{type(regularizer).__name__}, and an MLP has an L2 penalty "
                "only (keras.regularizers.L2)."
            )
            raise ValueError(msg)
    for (index, dense, _), strength in zip(read, strengths, strict=True):
        if strength != strengths[0]:
            msg = (
                f"Cannot convert {_describe_layer(index, dense)}: its L2 strength "
                f"{strength!r} differs from the first layer's {strengths[0]!r}, "
                "and an MLP has one l2 for all its layers."
            )
            raise ValueError(msg)
    return strengths[0] if strengths else 0.0


def _has_default_options(config: dict[str, Any]) -> bool:
    return (
        config.get("reduction") == "sum_over_batch_size"
        and not config.get("from_logits", False)
        and not config.get("label_smoothing", 0.0)
        and config.get("axis", -1) == -1
    )


def _compiled_loss(keras: Any, model: Any) -> str | None:
    """Return the package's name of the model's compiled loss, None if uncompiled."""
    compiled = getattr(model, "loss", None)
    if compiled is None:
        return None
    loss = keras.losses.get(compiled) if isinstance(compiled, str) else compiled
    for name, class_name in _KERAS_LOSS_CLASSES.items():
        if loss is keras.losses.get(name):  # the plain function, as "mse" gives
            return name
        if isinstance(loss, getattr(keras.losses, class_name)) and _has_default_options(
            loss.get_config()
        ):
            return name
    msg = (
        f"The model was compiled with the loss {compiled!r}, which the package "
        f"does not define (it has {', '.join(map(repr, _KERAS_LOSS_CLASSES))} "
        "with Keras's default options). Pass loss= to from_keras to choose the "
        "MLP's loss."
    )
    raise ValueError(msg)


def from_keras(model: Any, *, loss: Any = None) -> MLP:
    """Return an :class:`~neurons.mlp.MLP` with the layers and weights of a Keras model.

    The model must be a ``keras.Sequential`` of ``Dense`` layers (with
    ``use_bias=True``), built with an input of shape ``(n_in,)``, such as
    :func:`to_keras` returns. The hidden layers must share one activation
    among ``linear``, ``sigmoid``, ``tanh``, ``relu`` and ``softmax``, or be
    linear ``Dense`` layers each followed by
    ``keras.layers.LeakyReLU(negative_slope=0.01)`` (the package's
    ``leaky_relu``); the last layer's activation must be ``linear``,
    ``sigmoid`` or ``softmax``. A ``keras.layers.Dropout`` layer after a
    hidden layer gives that layer's dropout rate, and
    ``kernel_regularizer=keras.regularizers.L2(l2)``, the same on every
    ``Dense`` layer, gives the MLP's ``l2``.

    Parameters
    ----------
    model : keras.Sequential
        The model to copy. It is not modified.
    loss : str, Loss or callable, optional
        The MLP's loss. By default it is the loss the model was compiled
        with, if that is ``"mse"`` (``"mean_squared_error"``),
        ``"binary_crossentropy"`` or ``"categorical_crossentropy"`` with
        Keras's default options, and ``"mse"`` for an uncompiled model. A
        ``loss`` given here wins over the compiled one.

    Returns
    -------
    MLP
        A new network with the model's weights and biases as float64 arrays.

    Raises
    ------
    TypeError
        If ``model`` is not a Keras model.
    ValueError
        If the model is not a ``keras.Sequential``, is not built, or has a
        layer the MLP cannot represent (a layer other than ``Dense``,
        ``LeakyReLU`` and ``Dropout``, such as ``BatchNormalization``; a
        ``Dense`` layer without bias, with an unsupported activation, or
        with a regulariser other than one shared ``L2`` on the kernels;
        hidden layers with different activations; ``Dropout`` after the
        output layer or with a ``noise_shape``); the message
        names the layer by its index in ``model.layers``, its name and its
        class. Also if the model was compiled with a loss the package does
        not define and ``loss`` is not given, or if the output activation
        and the loss do not fit together.
    ImportError
        If Keras 3 is not installed; the message gives the install command.

    See Also
    --------
    to_keras : The way there.

    Notes
    -----
    The forward pass, the L2 penalty and the dropout rates are copied; other
    Keras options that would change training but not predictions
    (constraints, the optimiser and its state) are not carried over.

    Examples
    --------
    >>> import keras
    >>> from neurons import from_keras
    >>> model = keras.Sequential([
    ...     keras.Input(shape=(4,)),
    ...     keras.layers.Dense(8, activation="relu"),
    ...     keras.layers.Dense(3, activation="softmax"),
    ... ])
    >>> model.compile(optimizer="sgd", loss="categorical_crossentropy")
    >>> net = from_keras(model)
    >>> net
    MLP((4, 8, 3), activation='relu', output_activation='softmax', loss='categorical_crossentropy')
    >>> net.weights[0].dtype
    dtype('float64')
    >>> from_keras(keras.Sequential([
    ...     keras.Input(shape=(4,)),
    ...     keras.layers.Dense(8, activation="tanh",
    ...                        kernel_regularizer=keras.regularizers.L2(1e-3)),
    ...     keras.layers.Dropout(0.5),
    ...     keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L2(1e-3)),
    ... ]))
    MLP((4, 8, 1), activation='tanh', output_activation='identity', loss='mse', l2=0.001, dropout=0.5)
    >>> from_keras(keras.Sequential([keras.Input(shape=(4,)),
    ...                              keras.layers.Dense(8, name="hidden"),
    ...                              keras.layers.BatchNormalization(name="norm"),
    ...                              keras.layers.Dense(1)]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Cannot convert layer 1 ('norm', BatchNormalization): from_keras reads ...
    """
    keras = _import_keras()
    check_instance(model, keras.Model, name="model", expected="a keras.Sequential")
    if not isinstance(model, keras.Sequential):
        msg = (
            f"from_keras reads keras.Sequential models only, got the "
            f"{type(model).__name__} model {model.name!r}. An MLP is a plain "
            "stack of Dense layers: rebuild it with keras.Sequential."
        )
        # ValueError: a Keras model, but of a kind an MLP cannot represent.
        raise ValueError(msg)  # noqa: TRY004
    layers = list(model.layers)
    if not layers or not model.built:
        msg = (
            f"The Sequential model {model.name!r} has no weights yet: start it "
            "with keras.Input(shape=(n_inputs,)) and give it Dense layers."
        )
        raise ValueError(msg)
    read, dropout = _read_layers(keras, layers)
    l2 = _read_l2(keras, read)
    input_shape = tuple(model.inputs[0].shape)
    if len(input_shape) != 2:
        msg = (
            f"The model {model.name!r} takes inputs of shape {input_shape}; an "
            "MLP takes (n_samples, n_features). Flatten the inputs first."
        )
        raise ValueError(msg)
    hidden = {activation for _, _, activation in read[:-1]}
    if len(hidden) > 1:
        first = read[0][2]
        index, dense, activation = next(r for r in read[:-1] if r[2] != first)
        msg = (
            f"Cannot convert {_describe_layer(index, dense)}: its activation "
            f"{activation!r} differs from {first!r} of the first hidden layer, and "
            "an MLP's hidden layers share one activation."
        )
        raise ValueError(msg)
    index, dense, output = read[-1]
    if output not in ("identity", "sigmoid", "softmax"):
        msg = (
            f"Cannot convert {_describe_layer(index, dense)}: the output layer's "
            f"activation is {output!r}; an MLP's output activation is 'linear' "
            "(identity), 'sigmoid' or 'softmax'."
        )
        raise ValueError(msg)
    if loss is None:
        loss = _compiled_loss(keras, model) or "mse"

    to_numpy = keras.ops.convert_to_numpy
    weights = [to_numpy(dense.kernel.value).astype(np.float64) for _, dense, _ in read]
    biases = [to_numpy(dense.bias.value).astype(np.float64) for _, dense, _ in read]
    sizes = (weights[0].shape[0], *(W.shape[1] for W in weights))
    net = MLP(
        sizes,
        activation=hidden.pop() if hidden else "relu",
        output_activation=output,
        loss=loss,
        l2=l2,
        dropout=dropout[:-1],
        random_state=0,  # the weights are replaced at once
    )
    net.weights, net.biases = weights, biases
    return net


def keras_gradients(
    model: Any, X: npt.ArrayLike, y: npt.ArrayLike, *, loss: str
) -> tuple[list[Float64Array], list[Float64Array]]:
    """Return the gradient of a Keras model's mean loss, by automatic differentiation.

    The model is treated as a pure function of its weights (Keras's
    ``stateless_call``) and differentiated with ``jax.grad``, so nothing here
    shares code with :meth:`~neurons.mlp.MLP.gradients`: the two agree only if
    both are right. Keras computes in float32, so expect agreement to about
    ``1e-6`` relative, not to the last bit.

    Parameters
    ----------
    model : keras.Sequential
        A model of ``Dense`` layers, such as :func:`to_keras` returns.
    X : array-like of shape (n_samples, n_inputs)
        Inputs.
    y : array-like of shape (n_samples, n_outputs) or (n_samples,)
        Targets (one-hot rows for a softmax output).
    loss : {"mse", "binary_crossentropy", "categorical_crossentropy"}
        The loss, by the name that Keras and :mod:`neurons.losses` share.

    Returns
    -------
    dW : list of ndarray
        The gradient for each ``Dense`` layer's kernel, as float64.
    db : list of ndarray
        The gradient for each ``Dense`` layer's bias, as float64.

    Raises
    ------
    ImportError
        If Keras is not installed (the message says how to install it).
    ValueError
        If Keras runs on a backend other than JAX, ``loss`` is unknown, or the
        data do not fit the model (both shapes are named).
    TypeError
        If ``model`` is not a Keras model.

    Examples
    --------
    >>> from neurons import MLP
    >>> net = MLP((2, 3, 1), activation="tanh", random_state=0)
    >>> X, y = [[0.0, 1.0], [1.0, 0.0]], [1.0, 0.0]
    >>> dW, db = keras_gradients(to_keras(net), X, y, loss="mse")
    >>> ours, _ = net.gradients(X, y)
    >>> all(np.allclose(a, b, atol=1e-6) for a, b in zip(dW, ours))
    True
    """
    keras = _import_keras()
    check_instance(model, keras.Model, name="model", expected="a keras model")
    backend = keras.backend.backend()
    if backend != "jax":
        msg = (
            "keras_gradients needs Keras's JAX backend (set KERAS_BACKEND=jax "
            f"before importing keras), but Keras runs on {backend!r}."
        )
        raise ValueError(msg)
    name = check_choice(loss, name="loss", choices=tuple(LOSSES))
    jax = importlib.import_module("jax")
    n_inputs, n_outputs = model.inputs[0].shape[-1], model.outputs[0].shape[-1]
    X64 = check_array(X, n_features=n_inputs)
    Y64 = check_network_target(y, n_samples=X64.shape[0], n_outputs=n_outputs)
    keras_loss = keras.losses.get(name)
    frozen = model.non_trainable_variables

    def cost(trainable: list[Any]) -> Any:
        outputs, _ = model.stateless_call(trainable, frozen, X64.astype("float32"))
        return keras.ops.mean(keras_loss(Y64.astype("float32"), outputs))

    weights = [variable.value for variable in model.trainable_variables]
    grads = [np.asarray(g, dtype=np.float64) for g in jax.grad(cost)(weights)]
    # Dense layers hold (kernel, bias) in that order, layer after layer.
    return grads[0::2], grads[1::2]
