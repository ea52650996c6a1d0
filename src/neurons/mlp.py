r"""The multilayer perceptron: forward pass, backpropagation and mini-batch SGD.

An :class:`MLP` is a stack of fully connected layers. Layer :math:`l` computes

.. math:: z^l = a^{l-1} W^l + b^l, \qquad a^l = f(z^l),

with :math:`a^0 = X`, one sample per row. The hidden layers share one
activation :math:`f`; the output layer has its own (identity, sigmoid or
softmax), and a loss :math:`C` from :mod:`neurons.losses` measures the output
against the targets. :meth:`MLP.gradients` computes every
:math:`\partial C / \partial W^l` and :math:`\partial C / \partial b^l` by
backpropagation, vectorised over the batch, and :meth:`MLP.fit` trains by
mini-batch gradient descent with an optimizer from :mod:`neurons.optimizers`
(SGD with or without momentum, RMSprop, Adam), step for step as Keras's
optimizers of the same names do.

Two regularisers fight overfitting, as Keras defines them. An L2 penalty
(``l2``) adds :math:`\lambda \sum_l \sum_{ij} (W^l_{ij})^2` to the cost of
every mini-batch and so :math:`2 \lambda W^l` to each weight gradient, as
``kernel_regularizer=keras.regularizers.L2(l2)`` does; biases are not
penalised. Dropout (``dropout``) zeroes each hidden unit's output with
probability :math:`p` on every mini-batch during :meth:`MLP.fit` and scales
the kept ones by :math:`1/(1 - p)` ("inverted" dropout, as
``keras.layers.Dropout`` does), so that :meth:`MLP.forward` and every other
method, which never drop, need no rescaling.

A sigmoid output with binary cross-entropy and a softmax output with
categorical cross-entropy compute the cost and the output error signal
:math:`\delta^L = (a^L - y)/m` from the logits :math:`z^L`, so a confidently
wrong network gets its full gradient; see :mod:`neurons.losses`.

The public methods validate their arguments once; training calls the
unchecked steps ``_forward``, ``_cost`` and ``_backward`` on every mini-batch.

Deliberately left out: L1 penalties, weight decay inside the optimizer
(AdamW), dropout on the inputs, batch normalisation, layers of different
activations, and automatic differentiation: every derivative here is written
out by hand so that it can be read. (Learning-rate schedules are the
optimizer's: pass :meth:`MLP.fit` an optimizer whose ``learning_rate`` is a
:class:`~neurons.optimizers.LearningRateSchedule`.)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple, overload

import numpy as np
import numpy.typing as npt

from neurons._mlp_checks import (
    check_dropout,
    check_dtype,
    check_forward_pass,
    check_layer_sizes,
    check_output_layer,
    check_parameter,
    check_parameter_list,
)
from neurons._training import TrainingStep, packed
from neurons._validation import (
    Float64Array,
    RandomState,
    check_array,
    check_bool,
    check_choice,
    check_int_at_least,
    check_network_target,
    check_nonnegative_float,
    check_random_state,
    describe,
)
from neurons.activations import ACTIVATIONS, Activation, get_activation
from neurons.exceptions import DivergenceError
from neurons.losses import Loss, LossDerivative, LossFunction, get_loss
from neurons.optimizers import SGD, Optimizer, get_optimizer

__all__ = ["MLP", "ForwardPass", "ParameterList"]

# Activations that get He initialisation; every other one gets Glorot's.
_HE_ACTIVATIONS = frozenset({"relu", "leaky_relu"})

EpochCallback = Callable[[int, float], bool | None]


class ForwardPass(NamedTuple):
    """Everything the forward pass computes, cached for backpropagation.

    Code indices are shifted from the book's: ``z[l]`` is :math:`z^{l+1}`,
    while ``a[l]`` is :math:`a^l`, so that ``a[0]`` is the input ``X`` and
    layer ``l`` of the code reads ``a[l]`` and writes ``z[l]`` and ``a[l + 1]``.

    Attributes
    ----------
    z : list of ndarray
        Net inputs, one ``(n_samples, n_units)`` array per layer.
    a : list of ndarray
        Activations, the input ``X`` first, so one entry longer than ``z``.

    Examples
    --------
    >>> net = MLP((2, 3, 1), random_state=0)
    >>> z, a = net.forward_pass([[0.0, 1.0]])
    >>> [zl.shape for zl in z], [al.shape for al in a]
    ([(1, 3), (1, 1)], [(1, 2), (1, 3), (1, 1)])
    """

    z: list[Float64Array]
    a: list[Float64Array]


def _initial_weights(
    n_in: int, n_out: int, activation: str, rng: np.random.Generator
) -> Float64Array:
    if activation in _HE_ACTIVATIONS:
        return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, size=(n_in, n_out))


class ParameterList(Sequence[Float64Array]):
    """A live view of a network's weight matrices or bias vectors.

    :attr:`MLP.weights` and :attr:`MLP.biases` return one. It reads like a
    list and writes through to the network:

    * ``view[l]`` is the network's own array, so editing it in place
      (``net.weights[0][0, 0] = 1.0``) changes the network;
    * ``view[l] = value`` checks the shape and that every value is finite,
      then stores a float64 copy in the network. An array read before the
      assignment is no longer the network's and keeps its values;
    * the view always shows the network's current arrays, also after
      ``net.weights = [...]`` or :meth:`MLP.fit`, which replace the arrays
      (an array read before them keeps its values);
    * ``view + other`` is a plain list, so ``net.weights + net.biases``
      lists every parameter array.

    It has no ``append`` or ``del``: a network's layers are fixed.

    Parameters
    ----------
    network : MLP
        The network whose arrays are shown.
    name : {"weights", "biases"}
        Which of its arrays.

    Examples
    --------
    >>> net = MLP((2, 1), random_state=0)
    >>> net.weights[0] = [[1.0], [-1.0]]
    >>> net.weights[0].tolist()
    [[1.0], [-1.0]]
    >>> net.weights[0] = [[1.0, -1.0]]
    Traceback (most recent call last):
    ...
    ValueError: weights[0] must have shape (2, 1), got shape (1, 2).
    """

    def __init__(self, network: MLP, name: str) -> None:
        self._network = network
        self._name = check_choice(name, name="name", choices=("weights", "biases"))

    def _arrays(self) -> list[Float64Array]:
        if self._name == "weights":
            return self._network._weights
        return self._network._biases

    def __len__(self) -> int:
        return len(self._arrays())

    def __iter__(self) -> Iterator[Float64Array]:
        return iter(list(self._arrays()))

    @overload
    def __getitem__(self, index: int) -> Float64Array: ...

    @overload
    def __getitem__(self, index: slice) -> list[Float64Array]: ...

    def __getitem__(self, index: int | slice) -> Float64Array | list[Float64Array]:
        if isinstance(index, slice):
            return self._arrays()[index]
        return self._arrays()[self._position(index)]

    def __setitem__(self, index: int | slice, value: Any) -> None:
        if isinstance(index, slice):
            msg = (
                f"{self._name} can be assigned one layer at a time "
                f"({self._name}[0] = ...), or all at once with "
                f"net.{self._name} = [...], not by slice."
            )
            raise TypeError(msg)
        position = self._position(index)
        shape = self._network._parameter_shapes(self._name)[position]
        array = check_parameter(value, name=f"{self._name}[{position}]", shape=shape)
        array = array.astype(self._network.dtype, copy=False)
        self._arrays()[position] = array

    def _position(self, index: Any) -> int:
        count = len(self._arrays())
        if isinstance(index, bool) or not isinstance(index, int | np.integer):
            msg = f"{self._name} indices must be integers, got {describe(index)}."
            raise TypeError(msg)
        if not -count <= index < count:
            msg = (
                f"{self._name} index {index} is out of range: the network has "
                f"{count} layers with {self._name}, indexed 0 to {count - 1}."
            )
            raise IndexError(msg)
        return int(index) % count

    def __add__(self, other: Any) -> list[Float64Array]:
        return list(self) + list(other)

    def __radd__(self, other: Any) -> list[Float64Array]:
        return list(other) + list(self)

    def __repr__(self) -> str:
        return repr(list(self))


class MLP:
    r"""A fully connected feed-forward network (multilayer perceptron).

    .. math:: a^0 = X, \qquad a^l = f_l(a^{l-1} W^l + b^l), \quad l = 1, \dots, L

    where :math:`f_l` is ``activation`` for the hidden layers and
    ``output_activation`` for the last.

    Parameters
    ----------
    layer_sizes : sequence of int
        Widths of all layers, inputs first and outputs last: ``(2, 4, 1)``
        has 2 inputs, one hidden layer of 4 units and 1 output.
    activation : str, Activation or callable, default="relu"
        Activation of every hidden layer: a name in
        :data:`neurons.activations.ACTIVATIONS` or an
        :class:`~neurons.activations.Activation`. Step functions
        (``"heaviside"``, ``"sign"``) are accepted: their derivative is zero,
        so every gradient that flows through them is zero and training does
        not move the layers below, which the book demonstrates.
    output_activation : {"identity", "sigmoid", "softmax"}, default="identity"
        Activation of the output layer.
    loss : {"mse", "binary_crossentropy", "categorical_crossentropy"}, default="mse"
        The loss whose batch mean is the cost, as defined in
        :mod:`neurons.losses` (identical to Keras's). With its own output
        activation (sigmoid for ``binary_crossentropy``, softmax for
        ``categorical_crossentropy``) the cost is computed from the logits,
        as Keras's ``from_logits=True`` does: equal for ordinary predictions,
        and neither clipped nor stuck at a zero gradient for extreme ones.
    l2 : float, default=0.0
        Strength :math:`\lambda \ge 0` of the L2 penalty
        :math:`\lambda \sum_l \sum_{ij} (W^l_{ij})^2` on the weights (not
        the biases), added to the cost as Keras adds
        ``kernel_regularizer=keras.regularizers.L2(l2)``: once per batch,
        not averaged over its samples.
    dropout : float or sequence of float, default=0.0
        Dropout rate :math:`p \in [0, 1)` of every hidden layer's outputs,
        or one rate per hidden layer. Applied by :meth:`fit` only.
    random_state : int, numpy.random.Generator or None, default=None
        Seed of the weight initialisation.
    dtype : {"float64", "float32"}, default="float64"
        Floating-point type of the weights, activations and gradients; inputs
        are cast to it once, where they enter. float32 halves the memory
        traffic and trains faster on large layers; float64 keeps gradient
        checks exact (:func:`~neurons.gradient_check` refuses float32).

    Attributes
    ----------
    layer_sizes : tuple of int
        The widths given.
    l2 : float
        The L2 penalty's strength; can be reassigned (it is checked).
    dropout : tuple of float
        The dropout rate of each hidden layer; can be reassigned, as one
        rate or one per hidden layer (it is checked).
    activation, output_activation : Activation
        The resolved activations.
    loss : Loss
        The resolved loss.
    weights : ParameterList of ndarray of shape (n_in, n_out)
        ``weights[l]`` is the book's :math:`W^{l+1}`.
    biases : ParameterList of ndarray of shape (n_out,)
        ``biases[l]`` is the book's :math:`b^{l+1}`.

    Raises
    ------
    ValueError
        If ``layer_sizes`` has fewer than two entries or an entry below 1; if
        a name is unknown (the message lists the valid ones); if the output
        activation, loss and number of outputs do not fit together: softmax
        needs at least two outputs, ``categorical_crossentropy`` needs softmax,
        and ``binary_crossentropy`` needs sigmoid or softmax; if ``l2`` is
        negative or not finite; or if a dropout rate is outside [0, 1) or
        the rates do not number one per hidden layer.
    TypeError
        If an argument has the wrong type.

    See Also
    --------
    neurons.MLPClassifier, neurons.MLPRegressor : Estimators built on ``MLP``.
    neurons.gradient_check : Compare :meth:`gradients` with finite differences.

    Notes
    -----
    Weights are drawn to suit the activation of the layer they feed, and
    biases start at zero:

    * He normal for ``relu`` and ``leaky_relu`` (He et al., 2015):
      :math:`W_{ij} \sim \mathcal{N}(0, 2 / n_{in})`;
    * Glorot (Xavier) uniform for every other activation (Glorot and
      Bengio, 2010):
      :math:`W_{ij} \sim \mathcal{U}(-r, r)` with
      :math:`r = \sqrt{6 / (n_{in} + n_{out})}`.

    Everything is float64 unless ``dtype="float32"``.

    The penalty is part of :meth:`cost` and :meth:`gradients` (it adds
    :math:`2\lambda W^l` to each weight gradient), while :meth:`backward`
    backpropagates the loss alone: the penalty's gradient needs no
    backpropagation. Dropout is random, so it acts in :meth:`fit` only;
    :meth:`forward`, :meth:`cost` and :meth:`gradients` are those of the
    whole network, as Keras's ``predict`` and ``evaluate`` are.

    References
    ----------
    - X. Glorot and Y. Bengio, "Understanding the difficulty of training
      deep feedforward neural networks", AISTATS 2010.
    - K. He, X. Zhang, S. Ren and J. Sun, "Delving deep into rectifiers:
      Surpassing human-level performance on ImageNet classification",
      ICCV 2015.

    Examples
    --------
    >>> net = MLP((2, 4, 1), activation="tanh", output_activation="sigmoid",
    ...           loss="binary_crossentropy", random_state=0)
    >>> net
    MLP((2, 4, 1), activation='tanh', output_activation='sigmoid', loss='binary_crossentropy')
    >>> net.n_parameters
    17
    >>> [W.shape for W in net.weights]
    [(2, 4), (4, 1)]
    >>> MLP((2, 8, 8, 1), l2=1e-3, dropout=(0.5, 0.2))
    MLP((2, 8, 8, 1), activation='relu', output_activation='identity', loss='mse', l2=0.001, dropout=(0.5, 0.2))
    """

    def __init__(
        self,
        layer_sizes: Any,
        *,
        activation: Any = "relu",
        output_activation: Any = "identity",
        loss: Any = "mse",
        l2: float = 0.0,
        dropout: float | Sequence[float] = 0.0,
        random_state: RandomState = None,
        dtype: Any = "float64",
    ) -> None:
        self.layer_sizes = check_layer_sizes(layer_sizes)
        self._dtype: np.dtype[Any] = check_dtype(dtype)
        self.l2 = l2
        self.dropout = dropout
        self.activation: Activation = get_activation(activation)
        self.output_activation: Activation = get_activation(
            output_activation, name="output_activation"
        )
        self.loss: Loss = get_loss(loss)
        check_output_layer(
            self.output_activation.name, self.loss.name, n_outputs=self.layer_sizes[-1]
        )
        # Sigmoid with binary cross-entropy and softmax with categorical
        # cross-entropy: cost and output delta come from the logits z^L (see
        # _backward), which is exact where the probabilities would be clipped.
        # None for every other output layer.
        paired = self.loss.output_activation
        from_logits = paired is not None and (
            self.output_activation == ACTIVATIONS.get(paired)
        )
        self._cost_from_logits: LossFunction | None = (
            self.loss.from_logits if from_logits else None
        )
        self._delta_from_logits: LossDerivative | None = (
            self.loss.from_logits_derivative if from_logits else None
        )
        rng = check_random_state(random_state)
        n_layers = len(self.layer_sizes) - 1
        self._weights = [
            _initial_weights(
                n_in,
                n_out,
                self.output_activation.name
                if l == n_layers - 1
                else self.activation.name,
                rng,
            ).astype(self.dtype)
            for l, (n_in, n_out) in enumerate(
                zip(self.layer_sizes[:-1], self.layer_sizes[1:], strict=True)
            )
        ]
        self._biases = [np.zeros(n_out, self.dtype) for n_out in self.layer_sizes[1:]]

    def __repr__(self) -> str:
        text = (
            f"MLP({self.layer_sizes}, activation={self.activation.name!r}, "
            f"output_activation={self.output_activation.name!r}, "
            f"loss={self.loss.name!r}"
        )
        if self.l2 > 0:
            text += f", l2={self.l2!r}"
        if self.dtype != np.float64:
            text += f", dtype={self.dtype.name!r}"
        if any(self.dropout):
            same = len(set(self.dropout)) == 1
            text += f", dropout={self.dropout[0] if same else self.dropout!r}"
        return text + ")"

    @property
    def dtype(self) -> np.dtype[Any]:
        """The floating-point type of every array the network computes.

        Fixed at construction: the weights were drawn in it.

        Examples
        --------
        >>> MLP((2, 1), dtype="float32").dtype
        dtype('float32')
        """
        return self._dtype

    # --- regularisation -----------------------------------------------------

    @property
    def l2(self) -> float:
        r"""Strength :math:`\lambda` of the L2 penalty on the weights.

        Examples
        --------
        >>> net = MLP((1, 1), activation="identity", l2=0.5)
        >>> net.weights, net.biases = [[[2.0]]], [[0.0]]
        >>> net.cost([[0.0]], [0.0])  # loss 0 plus 0.5 * 2**2
        2.0
        >>> net.l2 = -1.0
        Traceback (most recent call last):
        ...
        ValueError: l2 must be a finite number >= 0, got -1.0.
        """
        return self._l2

    @l2.setter
    def l2(self, value: float) -> None:
        self._l2 = check_nonnegative_float(value, name="l2")

    @property
    def dropout(self) -> tuple[float, ...]:
        """Dropout rate of each hidden layer's outputs, used by :meth:`fit`.

        Assign one rate for every hidden layer or one per hidden layer.

        Examples
        --------
        >>> net = MLP((2, 8, 8, 1))
        >>> net.dropout = 0.5
        >>> net.dropout
        (0.5, 0.5)
        >>> net.dropout = [0.5]
        Traceback (most recent call last):
        ...
        ValueError: dropout must hold one rate per hidden layer: 2 for this network, got 1: (0.5,).
        """
        return self._dropout

    @dropout.setter
    def dropout(self, value: float | Sequence[float]) -> None:
        self._dropout = check_dropout(value, n_hidden=len(self.layer_sizes) - 2)

    def _penalty(self) -> float:
        """Return the L2 penalty, ``l2`` times the sum of every squared weight."""
        if self._l2 == 0:
            return 0.0
        return self._l2 * sum(float(np.sum(np.square(W))) for W in self._weights)

    # --- parameters ---------------------------------------------------------

    @property
    def n_layers(self) -> int:
        """Number of layers with weights (hidden layers plus the output layer).

        Examples
        --------
        >>> MLP((2, 4, 3, 1)).n_layers
        3
        """
        return len(self.layer_sizes) - 1

    @property
    def n_parameters(self) -> int:
        """Number of weights and biases.

        Examples
        --------
        >>> MLP((784, 300, 100, 10)).n_parameters
        266610
        """
        return sum(
            W.size + b.size for W, b in zip(self._weights, self._biases, strict=True)
        )

    def _parameter_shapes(self, name: str) -> list[tuple[int, ...]]:
        """Return the shapes of ``weights`` or of ``biases``, layer by layer."""
        if name == "weights":
            return list(zip(self.layer_sizes[:-1], self.layer_sizes[1:], strict=True))
        return [(n_out,) for n_out in self.layer_sizes[1:]]

    @property
    def weights(self) -> ParameterList:
        """Weight matrices, ``weights[l]`` of shape ``(n_in, n_out)``.

        A live :class:`ParameterList` of the network's own arrays: editing an
        array in place changes the network; ``net.weights[l] = W`` checks the
        shape of ``W`` and stores a copy; assigning a list replaces them all
        after checking the count and every shape.

        Examples
        --------
        >>> net = MLP((2, 1), random_state=0)
        >>> net.weights = [[[1.0], [-1.0]]]
        >>> net.weights[0].tolist()
        [[1.0], [-1.0]]
        >>> net.weights[0] = [[2.0], [0.5]]
        >>> net.weights[0].tolist()
        [[2.0], [0.5]]
        >>> net.weights = [[[1.0, -1.0]]]
        Traceback (most recent call last):
        ...
        ValueError: weights[0] must have shape (2, 1), got shape (1, 2).
        """
        return ParameterList(self, "weights")

    @weights.setter
    def weights(self, values: Any) -> None:
        self._weights = [
            W.astype(self.dtype, copy=False)
            for W in check_parameter_list(
                values, name="weights", shapes=self._parameter_shapes("weights")
            )
        ]

    @property
    def biases(self) -> ParameterList:
        """Bias vectors, ``biases[l]`` of shape ``(n_out,)``.

        Reading and assigning, whole or by layer, work as for :attr:`weights`.

        Examples
        --------
        >>> net = MLP((2, 3, 1), random_state=0)
        >>> [b.tolist() for b in net.biases]
        [[0.0, 0.0, 0.0], [0.0]]
        >>> net.biases = [[0.0, 0.0, 0.0], [0.5]]
        >>> net.biases[1].tolist()
        [0.5]
        >>> net.biases[1] = [-0.5]
        >>> net.biases[1].tolist()
        [-0.5]
        """
        return ParameterList(self, "biases")

    @biases.setter
    def biases(self, values: Any) -> None:
        self._biases = [
            b.astype(self.dtype, copy=False)
            for b in check_parameter_list(
                values, name="biases", shapes=self._parameter_shapes("biases")
            )
        ]

    def summary(self) -> str:
        """Return a table of the layers with their shapes and parameter counts.

        Examples
        --------
        >>> print(MLP((784, 300, 100, 10), output_activation="softmax",
        ...           loss="categorical_crossentropy").summary())
        layer  activation  W shape     b shape  parameters
        1      relu        (784, 300)  (300,)   235500
        2      relu        (300, 100)  (100,)   30100
        3      softmax     (100, 10)   (10,)    1010
        total                                   266610

        A network with dropout gets a column of rates, one with an L2
        penalty a last line:

        >>> print(MLP((2, 8, 1), dropout=0.5, l2=1e-4).summary())
        layer  activation  W shape  b shape  parameters  dropout
        1      relu        (2, 8)   (8,)     24          0.5
        2      identity    (8, 1)   (1,)     9
        total                                33
        L2 penalty 0.0001 * sum of squared weights
        """
        with_dropout = any(self._dropout)
        header = ["layer", "activation", "W shape", "b shape", "parameters"]
        rows = [[*header, "dropout"] if with_dropout else header]
        for l, (W, b) in enumerate(zip(self._weights, self._biases, strict=True)):
            f = self.output_activation if l == self.n_layers - 1 else self.activation
            row = [str(l + 1), f.name, str(W.shape), str(b.shape), str(W.size + b.size)]
            if with_dropout:
                row.append(str(self._dropout[l]) if l < self.n_layers - 1 else "")
            rows.append(row)
        rows.append(["total", "", "", "", str(self.n_parameters)] + [""] * with_dropout)
        widths = [max(len(row[col]) for row in rows) for col in range(len(rows[0]))]
        lines = [
            "  ".join(
                cell.ljust(width) for cell, width in zip(row, widths, strict=True)
            ).rstrip()
            for row in rows
        ]
        if self._l2 > 0:
            lines.append(f"L2 penalty {self._l2!r} * sum of squared weights")
        return "\n".join(lines)

    # --- forward ------------------------------------------------------------

    def _check_data(self, X: Any, y: Any) -> tuple[Float64Array, Float64Array]:
        X = self._check_X(X)
        Y = check_network_target(
            y, n_samples=X.shape[0], n_outputs=self.layer_sizes[-1]
        )
        return X, Y.astype(self.dtype, copy=False)

    def _check_X(self, X: Any) -> Float64Array:
        # Cast once, here: everything after computes in the network's dtype.
        return check_array(X, n_features=self.layer_sizes[0], dtype=self.dtype)

    def forward_pass(self, X: npt.ArrayLike) -> ForwardPass:
        r"""Run the network on ``X`` and return every net input and activation.

        .. math:: z^l = a^{l-1} W^l + b^l, \qquad a^l = f_l(z^l)

        Parameters
        ----------
        X : array-like of shape (n_samples, n_inputs)
            Input samples, one per row.

        Returns
        -------
        ForwardPass
            The named pair ``(z, a)``: ``z[l]`` is the book's :math:`z^{l+1}`
            and ``a[l]`` its :math:`a^l`, with ``a[0] = X``.

        Raises
        ------
        ValueError
            If ``X`` is not 2-D, holds NaN or infinity, or has the wrong number
            of features (both shapes are named).

        Examples
        --------
        >>> net = MLP((2, 2, 1), activation="identity", random_state=0)
        >>> net.weights = [[[1.0, 0.0], [0.0, 1.0]], [[1.0], [1.0]]]
        >>> z, a = net.forward_pass([[1.0, 2.0]])
        >>> [zl.tolist() for zl in z]
        [[[1.0, 2.0]], [[3.0]]]
        """
        return self._forward(self._check_X(X))

    def _forward(self, X: Float64Array) -> ForwardPass:
        """Run :meth:`forward_pass` on an ``X`` that is already validated."""
        # Code index l is the book's layer l + 1; see ForwardPass.
        z: list[Float64Array] = []
        a: list[Float64Array] = [X]
        for l, (W, b) in enumerate(zip(self._weights, self._biases, strict=True)):
            f = self.output_activation if l == self.n_layers - 1 else self.activation
            z.append(a[l] @ W + b)
            a.append(f(z[l]))
        return ForwardPass(z, a)

    def forward(self, X: npt.ArrayLike) -> Float64Array:
        """Return the output activations :math:`a^L` for the inputs ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_inputs)
            Input samples, one per row.

        Returns
        -------
        ndarray of shape (n_samples, n_outputs)

        Raises
        ------
        ValueError
            If ``X`` has the wrong shape or is not finite.

        Examples
        --------
        >>> net = MLP((2, 1), output_activation="sigmoid", random_state=0)
        >>> net.weights, net.biases = [[[20.0], [20.0]]], [[-30.0]]  # AND gate
        >>> X = [[0, 0], [0, 1], [1, 0], [1, 1]]
        >>> net.forward(X).round().ravel().tolist()
        [0.0, 0.0, 0.0, 1.0]
        """
        return self.forward_pass(X).a[-1]

    def cost(self, X: npt.ArrayLike, y: npt.ArrayLike) -> float:
        r"""Return the cost: the loss averaged over the samples in ``X``, plus the L2 penalty.

        .. math:: C = \operatorname{loss}(y, a^L)
                      + \lambda \sum_l \sum_{ij} (W^l_{ij})^2

        with :math:`\lambda` = :attr:`l2` (0 by default). Keras reports the
        same sum as ``loss`` when the layers carry
        ``keras.regularizers.L2(l2)``. Dropout plays no part: this is the
        cost of the whole network.

        For a sigmoid output with ``binary_crossentropy`` and a softmax output
        with ``categorical_crossentropy`` the same cost is computed from the
        logits :math:`z^L` (:func:`~neurons.losses.binary_crossentropy_from_logits`,
        :func:`~neurons.losses.categorical_crossentropy_from_logits`), so it
        is the true :math:`-\log p` however small :math:`p` is, not the value
        at a probability clipped to :math:`10^{-7}`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_inputs)
            Input samples.
        y : array-like of shape (n_samples, n_outputs) or (n_samples,)
            Targets; 1-D only for a network with one output.

        Returns
        -------
        float

        Raises
        ------
        ValueError
            If ``X`` or ``y`` has the wrong shape (both shapes are named) or
            is not finite.

        Examples
        --------
        >>> net = MLP((1, 1), activation="identity", random_state=0)
        >>> net.weights, net.biases = [[[2.0]]], [[0.0]]
        >>> net.cost([[1.0], [2.0]], [3.0, 3.0])  # mean of 1**2 and 1**2
        1.0

        A confidently wrong sigmoid unit (:math:`z = -25`, target 1) costs
        :math:`-\log \sigma(-25) \approx 25`:

        >>> net = MLP((1, 1), output_activation="sigmoid",
        ...           loss="binary_crossentropy", random_state=0)
        >>> net.weights, net.biases = [[[1.0]]], [[0.0]]
        >>> round(net.cost([[-25.0]], [1.0]), 6)
        25.0
        """
        X, Y = self._check_data(X, y)
        return self._cost(self._forward(X), Y)

    def _cost(self, forward: ForwardPass, Y: Float64Array) -> float:
        """Return :meth:`cost` of a forward pass, for targets already validated."""
        return self._output_loss(Y, forward.z[-1], forward.a[-1]) + self._penalty()

    def _output_loss(
        self, Y: npt.NDArray[Any], z_out: npt.NDArray[Any], a_out: npt.NDArray[Any]
    ) -> float:
        """Return the loss term of :meth:`cost` from the output layer's ``z`` and ``a``.

        From the logits ``z`` where the loss has such a form (exact and
        stable); the training step calls it too.
        """
        if self._cost_from_logits is not None:
            return float(self._cost_from_logits(Y, z_out))
        return self.loss(Y, a_out)

    # --- backward -----------------------------------------------------------

    def gradients(
        self, X: npt.ArrayLike, y: npt.ArrayLike
    ) -> tuple[list[Float64Array], list[Float64Array]]:
        r"""Return the gradient of :meth:`cost` by backpropagation.

        A :meth:`forward_pass` followed by :meth:`backward`, which holds the
        equations, plus the gradient of the L2 penalty,

        .. math:: \frac{\partial C}{\partial W^l} \mathrel{+}= 2 \lambda W^l,

        which needs no backpropagation (biases are not penalised).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_inputs)
            Input samples.
        y : array-like of shape (n_samples, n_outputs) or (n_samples,)
            Targets.

        Returns
        -------
        dW : list of ndarray
            ``dW[l]`` has the shape of ``weights[l]``.
        db : list of ndarray
            ``db[l]`` has the shape of ``biases[l]``.

        Raises
        ------
        ValueError
            If ``X`` or ``y`` has the wrong shape, or an activation has no
            derivative.

        Examples
        --------
        >>> net = MLP((1, 1), activation="identity", random_state=0)
        >>> net.weights, net.biases = [[[2.0]]], [[0.0]]
        >>> dW, db = net.gradients([[1.0]], [[3.0]])  # C = (2x - 3)**2 at x = 1
        >>> dW[0].tolist(), db[0].tolist()
        ([[-2.0]], [-2.0])
        """
        X, Y = self._check_data(X, y)
        return self._add_penalty_gradient(*self._backward(self._forward(X), Y))

    def _add_penalty_gradient(
        self, dW: list[Float64Array], db: list[Float64Array]
    ) -> tuple[list[Float64Array], list[Float64Array]]:
        """Add the L2 penalty's gradient ``2 l2 W`` to each ``dW[l]``, in place."""
        if self._l2 > 0:
            for dW_l, W in zip(dW, self._weights, strict=True):
                dW_l += 2.0 * self._l2 * W  # noqa: PLW2901 (in place)
        return dW, db

    def backward(
        self, forward_pass: ForwardPass, y: npt.ArrayLike
    ) -> tuple[list[Float64Array], list[Float64Array]]:
        r"""Backpropagate through a forward pass: the gradient of the loss.

        .. math::
            \delta^L &= \frac{\partial C}{\partial z^L}
                      = \frac{\partial C}{\partial a^L} \odot f_L'(z^L) \\
            \delta^l &= (\delta^{l+1} W^{l+1\,T}) \odot f'(z^l) \\
            \frac{\partial C}{\partial W^l} &= a^{l-1\,T} \delta^l, \qquad
            \frac{\partial C}{\partial b^l} = \textstyle\sum_{\text{rows}} \delta^l

        Each :math:`\delta^l` holds one row per sample, so one matrix product
        handles the whole batch. For softmax outputs the product with
        :math:`f_L'` is the vector-Jacobian product
        :func:`~neurons.activations.softmax_backward`.

        Two output layers skip the first equation: for a sigmoid output with
        binary cross-entropy and a softmax output with categorical
        cross-entropy, :math:`\delta^L` is computed directly from the logits,

        .. math:: \delta^L = \frac{a^L - y}{m}

        (over :math:`mK` for binary cross-entropy with :math:`K` outputs; for
        softmax, :math:`(a^L \sum_k y_k - y)/m` if a target row does not sum
        to 1). It is the same derivative, exact and free of the clipping that
        makes :math:`\partial C / \partial a^L` zero for a confidently wrong
        prediction.

        This is the gradient of the loss term of :meth:`cost`; with an L2
        penalty (``l2 > 0``), :meth:`gradients` and :meth:`fit` add its
        gradient :math:`2\lambda W^l`, which needs no backpropagation.

        The arguments are checked once here; training calls the unchecked
        step ``_backward`` directly.

        Parameters
        ----------
        forward_pass : ForwardPass
            What :meth:`forward_pass` returned for the inputs.
        y : array-like of shape (n_samples, n_outputs) or (n_samples,)
            Targets for those inputs.

        Returns
        -------
        dW : list of ndarray
            ``dW[l]`` has the shape of ``weights[l]``.
        db : list of ndarray
            ``db[l]`` has the shape of ``biases[l]``.

        Raises
        ------
        TypeError
            If ``forward_pass`` is not a :class:`ForwardPass`.
        ValueError
            If ``y`` does not fit the forward pass (both shapes are named), or
            an activation has no derivative.

        Examples
        --------
        >>> net = MLP((1, 1), activation="identity", random_state=0)
        >>> net.weights, net.biases = [[[2.0]]], [[0.0]]
        >>> dW, db = net.backward(net.forward_pass([[1.0]]), [[3.0]])
        >>> dW[0].tolist(), db[0].tolist()
        ([[-2.0]], [-2.0])

        A confidently wrong sigmoid unit still gets the full error signal
        :math:`a - y \approx -1`:

        >>> net = MLP((1, 1), output_activation="sigmoid",
        ...           loss="binary_crossentropy", random_state=0)
        >>> net.weights, net.biases = [[[1.0]]], [[0.0]]
        >>> dW, db = net.backward(net.forward_pass([[-30.0]]), [[1.0]])
        >>> float(db[0][0])
        -1.0
        """
        z, a = check_forward_pass(forward_pass, n_layers=self.n_layers)
        Y = check_network_target(
            y, n_samples=a[0].shape[0], n_outputs=self.layer_sizes[-1]
        )
        return self._backward(ForwardPass(z, a), Y.astype(self.dtype, copy=False))

    def _backward(
        self,
        forward_pass: ForwardPass,
        y: Float64Array,
        dropout: tuple[Sequence[Float64Array | None], list[Float64Array]] | None = None,
    ) -> tuple[list[Float64Array], list[Float64Array]]:
        """Run :meth:`backward` on arguments that are already validated.

        ``dropout`` is the ``(masks, unmasked)`` pair of a pass of
        :meth:`_forward_dropout`: a hidden output entered the next layer as
        ``f(z) * mask``, so its error signal is multiplied by the mask on the
        way down, and ``f'`` reads the unmasked ``f(z)``.
        """
        z, a = forward_pass
        # Code indices are shifted from the book's: weights[l] is W^{l+1} and
        # z[l] is z^{l+1}, while a[l] is a^l (a[0] is X). In the loop, delta is
        # the book's delta^{l+1}, the error signal of code layer l.
        L = self.n_layers
        masks, f_z = dropout if dropout is not None else ((None,) * L, a)
        dW: list[Float64Array] = []
        db: list[Float64Array] = []

        if self._delta_from_logits is not None:
            # Sigmoid + binary or softmax + categorical cross-entropy:
            # delta^L = (a^L - y) / m straight from the logits z^L, exact and
            # stable. The chain rule through dC/da^L would divide by a^L, which
            # is clipped (its gradient zero) when the network is confidently wrong.
            delta = self._delta_from_logits(y, z[L - 1])
        else:
            # Output layer: delta^L = dC/da^L (*) f_L'(z^L).
            grad_a = self.loss.gradient(y, a[L])
            delta = self.output_activation.backward(z[L - 1], a[L], grad_a)
        for l in reversed(range(L)):
            dW.append(a[l].T @ delta)
            db.append(delta.sum(axis=0))
            if l > 0:
                # delta^l = (delta^{l+1} W^{l+1 T}) (*) f'(z^l)
                grad_a = delta @ self._weights[l].T
                mask = masks[l - 1]
                if mask is not None:
                    grad_a = grad_a * mask
                delta = self.activation.backward(z[l - 1], f_z[l], grad_a)
        # Collected from the output layer backwards: return them in layer order.
        return dW[::-1], db[::-1]

    # --- training -----------------------------------------------------------

    def fit(
        self,
        X: npt.ArrayLike,
        y: npt.ArrayLike,
        *,
        epochs: int,
        batch_size: int,
        learning_rate: float | None = None,
        momentum: float | None = None,
        optimizer: str | Optimizer | None = None,
        shuffle: bool = True,
        random_state: RandomState = None,
        callback: EpochCallback | None = None,
    ) -> Float64Array:
        r"""Train in place by mini-batch gradient descent.

        .. math:: w \leftarrow w + \operatorname{step}(\nabla C_{\text{batch}})

        for every weight matrix and bias vector :math:`w`, once per
        mini-batch, where the step is the ``optimizer``'s (see
        :mod:`neurons.optimizers`). By default it is Keras's
        ``SGD(learning_rate, momentum)``:

        .. math:: v \leftarrow \mu v - \eta \nabla C_{\text{batch}}, \qquad
                  w \leftarrow w + v

        with :math:`\mu = 0` plain :math:`w \leftarrow w - \eta\nabla C`.
        With ``dropout``, every mini-batch's forward and backward pass run
        on the network thinned by a fresh random mask (see :class:`MLP`).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_inputs)
            Training inputs.
        y : array-like of shape (n_samples, n_outputs) or (n_samples,)
            Targets (one-hot rows for a softmax output).
        epochs : int
            Number of passes over the data.
        batch_size : int
            Samples per mini-batch; the last batch of an epoch may be smaller.
        learning_rate : float, optional
            Step size :math:`\eta > 0` of SGD. Required unless ``optimizer``
            is given, and not allowed with it.
        momentum : float, optional
            Momentum :math:`\mu \in [0, 1)` of SGD, 0 if not given; not
            allowed with ``optimizer``. Velocities start at zero on every
            call.
        optimizer : {"sgd", "rmsprop", "adam"} or Optimizer, optional
            The optimizer: a name gives it with Keras's defaults (a new one,
            so every call starts afresh); an instance from
            :mod:`neurons.optimizers` keeps its state (moments, step count)
            from one call to the next, as a Keras optimizer does between
            calls of ``model.fit``.
        shuffle : bool, default=True
            Whether to visit the samples in a new random order every epoch.
        random_state : int, numpy.random.Generator or None, default=None
            Seed of the shuffling and of the dropout masks.
        callback : callable, optional
            ``callback(epoch, cost)``, called after every epoch (counted from
            1); training stops early if it returns True.

        Returns
        -------
        ndarray of shape (n_epochs_run,)
            The cost of every epoch: the mean of the mini-batch costs weighted
            by batch size, each computed before its update (under that
            batch's dropout mask, and with the L2 penalty), as Keras reports
            ``loss``.

        Raises
        ------
        ValueError
            If the data or a parameter is invalid, or ``optimizer`` is given
            together with ``learning_rate`` or ``momentum``.
        TypeError
            If neither ``learning_rate`` nor ``optimizer`` is given, or an
            argument has the wrong type.
        DivergenceError
            If the cost or a gradient stops being finite. The weights are left
            as they were before the step that failed.

        Examples
        --------
        >>> X = [[0, 0], [0, 1], [1, 0], [1, 1]]
        >>> y = [0, 1, 1, 1]  # OR gate
        >>> net = MLP((2, 1), output_activation="sigmoid",
        ...           loss="binary_crossentropy", random_state=0)
        >>> costs = net.fit(X, y, epochs=200, batch_size=4, learning_rate=1.0)
        >>> bool(costs[-1] < costs[0]), net.forward(X).round().ravel().tolist()
        (True, [0.0, 1.0, 1.0, 1.0])

        The same with Adam:

        >>> from neurons.optimizers import Adam
        >>> net = MLP((2, 1), output_activation="sigmoid",
        ...           loss="binary_crossentropy", random_state=0)
        >>> costs = net.fit(X, y, epochs=200, batch_size=4,
        ...                 optimizer=Adam(learning_rate=0.1))
        >>> net.forward(X).round().ravel().tolist()
        [0.0, 1.0, 1.0, 1.0]
        """
        X, Y = self._check_data(X, y)
        epochs = check_int_at_least(epochs, name="epochs")
        batch_size = check_int_at_least(batch_size, name="batch_size")
        step = _resolve_optimizer(optimizer, learning_rate, momentum)
        shuffle = check_bool(shuffle, name="shuffle")
        rng = check_random_state(random_state)

        n_samples = X.shape[0]
        # Training updates the arrays in place, to spare a copy of every
        # weight per batch; arrays a caller got from `weights` before fit keep
        # their values because fit starts from its own copies. They are views
        # of one flat array, and the gradients of another, so that the
        # optimizer takes its step, and the check below reads the gradients,
        # in one NumPy call each (the same arithmetic, element by element).
        L = self.n_layers
        arrays = self._weights + self._biases
        parameters, views = packed([p.shape for p in arrays], self.dtype)
        for view, array in zip(views, arrays, strict=True):
            view[...] = array
        self._weights, self._biases = views[:L], views[L:]
        # Without dropout, every step runs the optimised TrainingStep, which
        # computes what _forward, _cost and _backward compute (the tests
        # compare them step by step) into arrays allocated once.
        if any(self._dropout):
            training_step = None
            gradient, gradient_views = packed([p.shape for p in arrays], self.dtype)
        else:
            one_hot = bool(np.all(np.add.reduce(Y, axis=-1) == 1.0))
            training_step = TrainingStep(self, batch_size, rows_sum_to_one=one_hot)
            gradient = training_step.gradient
        step._prepare([parameters])  # its state, built or checked once
        costs: list[float] = []
        for epoch in range(1, epochs + 1):
            order = rng.permutation(n_samples) if shuffle else None
            total_cost = 0.0
            # Overflow is caught below as divergence, with a useful message.
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                for X_batch, Y_batch in _batches(X, Y, order, batch_size):
                    # One forward pass serves both the cost and the gradient.
                    if training_step is None:  # dropout
                        masks = self._dropout_masks(X_batch.shape[0], rng)
                        forward, kept = self._forward_dropout(X_batch, masks)
                        batch_cost = self._cost(forward, Y_batch)
                        dW, db = self._backward(forward, Y_batch, (masks, kept))
                        self._add_penalty_gradient(dW, db)
                        for view, g in zip(gradient_views, dW + db, strict=True):
                            view[...] = g
                    else:
                        batch_cost = training_step(X_batch, Y_batch)
                    # Checked before any weight moves, so a failed step leaves
                    # the weights as they were. A sum is NaN or infinite as
                    # soon as one of its terms is, and costs no temporary.
                    if not math.isfinite(batch_cost + np.add.reduce(gradient)):
                        raise _divergence(epoch, step)
                    step._step([gradient], [parameters])
                    total_cost += batch_cost * len(X_batch)
            costs.append(total_cost / n_samples)
            if callback is not None and callback(epoch, costs[-1]):
                break
        return np.array(costs)

    # --- dropout (training only) --------------------------------------------

    def _dropout_masks(
        self, n_samples: int, rng: np.random.Generator
    ) -> list[Float64Array | None]:
        """Draw one mask per hidden layer: 0 for a dropped unit, 1/(1-p) for a kept one.

        None for a layer whose rate is 0, which then draws no random numbers.
        """
        masks: list[Float64Array | None] = []
        for rate, n_units in zip(self._dropout, self.layer_sizes[1:-1], strict=True):
            if rate == 0:
                masks.append(None)
            else:
                keep = rng.random((n_samples, n_units)) >= rate
                masks.append((keep / (1.0 - rate)).astype(self.dtype))
        return masks

    def _forward_dropout(
        self, X: Float64Array, masks: Sequence[Float64Array | None]
    ) -> tuple[ForwardPass, list[Float64Array]]:
        """Run the forward pass with each hidden output multiplied by its mask.

        Returns the pass, whose ``a[l]`` are the masked outputs that the next
        layer reads, and the unmasked outputs ``f(z)``, which the backward
        step of an activation such as sigmoid or softmax needs.
        """
        z: list[Float64Array] = []
        a: list[Float64Array] = [X]
        unmasked: list[Float64Array] = [X]
        for l, (W, b) in enumerate(zip(self._weights, self._biases, strict=True)):
            is_output = l == self.n_layers - 1
            f = self.output_activation if is_output else self.activation
            z.append(a[l] @ W + b)
            unmasked.append(f(z[l]))
            mask = None if is_output else masks[l]
            a.append(unmasked[l + 1] if mask is None else unmasked[l + 1] * mask)
        return ForwardPass(z, a), unmasked


# The largest data set (inputs plus targets) that fit copies whole in every
# epoch's order; the batches are then slices of the copy. A larger one is
# gathered batch by batch, to spare a second copy of it in memory.
_EPOCH_COPY_BYTES = 64 * 2**20


def _batches(
    X: Float64Array, Y: Float64Array, order: npt.NDArray[np.intp] | None, size: int
) -> Iterator[tuple[Float64Array, Float64Array]]:
    """Yield ``(X_batch, Y_batch)``: the rows of ``X`` and ``Y`` in ``order``.

    Rows ``order[0:size]`` first, then ``order[size:2 * size]`` and so on; the
    last batch may be smaller. With no ``order``, the rows in their order, as
    slices of ``X`` and ``Y`` (no copy).
    """
    if order is not None and X.nbytes + Y.nbytes <= _EPOCH_COPY_BYTES:
        X, Y, order = X[order], Y[order], None
    for start in range(0, len(X), size):
        if order is None:
            yield X[start : start + size], Y[start : start + size]
        else:
            batch = order[start : start + size]
            yield X[batch], Y[batch]


def _resolve_optimizer(optimizer: Any, learning_rate: Any, momentum: Any) -> Optimizer:
    """Return the optimizer :meth:`MLP.fit` was asked for, or raise.

    ``learning_rate`` and ``momentum`` make an SGD optimizer (the original
    interface of ``fit``); ``optimizer`` is the other way, and the two cannot
    be mixed.
    """
    if optimizer is not None:
        given = {
            name: value
            for name, value in (
                ("learning_rate", learning_rate),
                ("momentum", momentum),
            )
            if value is not None
        }
        if given:
            listed = ", ".join(f"{name}={value!r}" for name, value in given.items())
            msg = (
                f"Give either optimizer or learning_rate (and momentum), not both: "
                f"got optimizer={optimizer!r} and {listed}. Set the learning rate "
                "on the optimizer, for example optimizer=SGD(learning_rate=0.1, "
                "momentum=0.9)."
            )
            raise ValueError(msg)
        return get_optimizer(optimizer)
    if learning_rate is None:
        msg = (
            "fit needs learning_rate (for SGD) or an optimizer, such as "
            "optimizer='adam'; got neither."
        )
        raise TypeError(msg)
    return SGD(learning_rate, 0.0 if momentum is None else momentum)


def _divergence(epoch: int, optimizer: Optimizer) -> DivergenceError:
    msg = (
        f"Training diverged in epoch {epoch}: the cost or the weights became "
        f"NaN or infinite with learning_rate={optimizer.learning_rate!r} "
        f"({optimizer!r}). Try a smaller learning_rate (for example a tenth of "
        "it) or scale the inputs."
    )
    return DivergenceError(msg)
