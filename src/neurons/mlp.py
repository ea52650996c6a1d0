r"""The multilayer perceptron: forward pass, backpropagation and mini-batch SGD.

An :class:`MLP` is a stack of fully connected layers. Layer :math:`l` computes

.. math:: z^l = a^{l-1} W^l + b^l, \qquad a^l = f(z^l),

with :math:`a^0 = X`, one sample per row. The hidden layers share one
activation :math:`f`; the output layer has its own (identity, sigmoid or
softmax), and a loss :math:`C` from :mod:`neurons.losses` measures the output
against the targets. :meth:`MLP.gradients` computes every
:math:`\partial C / \partial W^l` and :math:`\partial C / \partial b^l` by
backpropagation, vectorised over the batch, and :meth:`MLP.fit` trains by
mini-batch stochastic gradient descent with classical momentum, step for step
as Keras's ``SGD`` optimizer does.

Deliberately left out: other optimisers (Adam, RMSprop), learning-rate
schedules, regularisation (weight decay, dropout), batch normalisation, layers
of different activations, and automatic differentiation: every derivative
here is written out by hand so that it can be read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from neurons._validation import (
    Float64Array,
    RandomState,
    check_array,
    check_bool,
    check_forward_pass,
    check_layer_sizes,
    check_network_target,
    check_nonnegative_float,
    check_output_layer,
    check_parameter_list,
    check_positive_float,
    check_positive_int,
    check_random_state,
)
from neurons.activations import Activation, get_activation
from neurons.exceptions import DivergenceError
from neurons.losses import Loss, get_loss

__all__ = ["MLP", "ForwardPass"]

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
        :mod:`neurons.losses` (identical to Keras's).
    random_state : int, numpy.random.Generator or None, default=None
        Seed of the weight initialisation.

    Attributes
    ----------
    layer_sizes : tuple of int
        The widths given.
    activation, output_activation : Activation
        The resolved activations.
    loss : Loss
        The resolved loss.
    weights : list of ndarray of shape (n_in, n_out)
        ``weights[l]`` is the book's :math:`W^{l+1}`.
    biases : list of ndarray of shape (n_out,)
        ``biases[l]`` is the book's :math:`b^{l+1}`.

    Raises
    ------
    ValueError
        If ``layer_sizes`` has fewer than two entries or an entry below 1; if
        a name is unknown (the message lists the valid ones); or if the output
        activation, loss and number of outputs do not fit together: softmax
        needs at least two outputs, ``categorical_crossentropy`` needs softmax,
        and ``binary_crossentropy`` needs sigmoid or softmax.
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

    Everything is float64.

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
    """

    def __init__(
        self,
        layer_sizes: Any,
        *,
        activation: Any = "relu",
        output_activation: Any = "identity",
        loss: Any = "mse",
        random_state: RandomState = None,
    ) -> None:
        self.layer_sizes = check_layer_sizes(layer_sizes)
        self.activation: Activation = get_activation(activation)
        self.output_activation: Activation = get_activation(
            output_activation, name="output_activation"
        )
        self.loss: Loss = get_loss(loss)
        check_output_layer(
            self.output_activation.name, self.loss.name, n_outputs=self.layer_sizes[-1]
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
            )
            for l, (n_in, n_out) in enumerate(
                zip(self.layer_sizes[:-1], self.layer_sizes[1:], strict=True)
            )
        ]
        self._biases = [np.zeros(n_out) for n_out in self.layer_sizes[1:]]

    def __repr__(self) -> str:
        return (
            f"MLP({self.layer_sizes}, activation={self.activation.name!r}, "
            f"output_activation={self.output_activation.name!r}, "
            f"loss={self.loss.name!r})"
        )

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

    @property
    def weights(self) -> list[Float64Array]:
        """Weight matrices, ``weights[l]`` of shape ``(n_in, n_out)``.

        Reading returns a new list of the network's own arrays, so editing an
        array in place changes the network; assigning a list replaces them all
        after checking the count and every shape.

        Examples
        --------
        >>> net = MLP((2, 1), random_state=0)
        >>> net.weights = [[[1.0], [-1.0]]]
        >>> net.weights[0].tolist()
        [[1.0], [-1.0]]
        >>> net.weights = [[[1.0, -1.0]]]
        Traceback (most recent call last):
        ...
        ValueError: weights[0] must have shape (2, 1), got shape (1, 2).
        """
        return list(self._weights)

    @weights.setter
    def weights(self, values: Any) -> None:
        shapes = list(zip(self.layer_sizes[:-1], self.layer_sizes[1:], strict=True))
        self._weights = check_parameter_list(values, name="weights", shapes=shapes)

    @property
    def biases(self) -> list[Float64Array]:
        """Bias vectors, ``biases[l]`` of shape ``(n_out,)``.

        Reading and assigning work as for :attr:`weights`.

        Examples
        --------
        >>> net = MLP((2, 3, 1), random_state=0)
        >>> [b.tolist() for b in net.biases]
        [[0.0, 0.0, 0.0], [0.0]]
        >>> net.biases = [[0.0, 0.0, 0.0], [0.5]]
        >>> net.biases[1].tolist()
        [0.5]
        """
        return list(self._biases)

    @biases.setter
    def biases(self, values: Any) -> None:
        shapes = [(n_out,) for n_out in self.layer_sizes[1:]]
        self._biases = check_parameter_list(values, name="biases", shapes=shapes)

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
        """
        rows = [("layer", "activation", "W shape", "b shape", "parameters")]
        for l, (W, b) in enumerate(zip(self._weights, self._biases, strict=True)):
            f = self.output_activation if l == self.n_layers - 1 else self.activation
            rows.append(
                (str(l + 1), f.name, str(W.shape), str(b.shape), str(W.size + b.size))
            )
        rows.append(("total", "", "", "", str(self.n_parameters)))
        widths = [max(len(row[col]) for row in rows) for col in range(5)]
        return "\n".join(
            "  ".join(
                cell.ljust(width) for cell, width in zip(row, widths, strict=True)
            ).rstrip()
            for row in rows
        )

    # --- forward ------------------------------------------------------------

    def _check_data(self, X: Any, y: Any) -> tuple[Float64Array, Float64Array]:
        X = check_array(X, n_features=self.layer_sizes[0])
        Y = check_network_target(
            y, n_samples=X.shape[0], n_outputs=self.layer_sizes[-1]
        )
        return X, Y

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
        return self._forward(check_array(X, n_features=self.layer_sizes[0]))

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
        r"""Return the cost: the loss averaged over the samples in ``X``.

        .. math:: C = \operatorname{loss}(y, a^L)

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
        """
        X, Y = self._check_data(X, y)
        return self.loss(Y, self.forward_pass(X).a[-1])

    # --- backward -----------------------------------------------------------

    def gradients(
        self, X: npt.ArrayLike, y: npt.ArrayLike
    ) -> tuple[list[Float64Array], list[Float64Array]]:
        r"""Return the gradient of :meth:`cost` by backpropagation.

        A :meth:`forward_pass` followed by :meth:`backward`, which holds the
        equations.

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
        return self.backward(self._forward(X), Y)

    def backward(
        self, forward_pass: ForwardPass, y: npt.ArrayLike
    ) -> tuple[list[Float64Array], list[Float64Array]]:
        r"""Backpropagate through a forward pass: the gradient of the cost.

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

        Parameters
        ----------
        forward_pass : ForwardPass
            What :meth:`forward_pass` returned for the inputs; training reuses
            it for the cost and the gradient, so each batch is run forward once.
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
        """
        z, a = check_forward_pass(forward_pass, n_layers=self.n_layers)
        y = check_network_target(
            y, n_samples=a[0].shape[0], n_outputs=self.layer_sizes[-1]
        )
        # Code indices are shifted from the book's: weights[l] is W^{l+1} and
        # z[l] is z^{l+1}, while a[l] is a^l (a[0] is X). In the loop, delta is
        # the book's delta^{l+1}, the error signal of code layer l.
        L = self.n_layers
        dW: list[Float64Array] = []
        db: list[Float64Array] = []

        # Output layer: delta^L = dC/da^L (*) f_L'(z^L).
        grad_a = self.loss.gradient(y, a[L])
        delta = self.output_activation.backward(z[L - 1], a[L], grad_a)
        for l in reversed(range(L)):
            dW.append(a[l].T @ delta)
            db.append(delta.sum(axis=0))
            if l > 0:
                # delta^l = (delta^{l+1} W^{l+1 T}) (*) f'(z^l)
                grad_a = delta @ self._weights[l].T
                delta = self.activation.backward(z[l - 1], a[l], grad_a)
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
        learning_rate: float,
        momentum: float = 0.0,
        shuffle: bool = True,
        random_state: RandomState = None,
        callback: EpochCallback | None = None,
    ) -> Float64Array:
        r"""Train in place by mini-batch stochastic gradient descent.

        .. math:: v \leftarrow \mu v - \eta \nabla C_{\text{batch}}, \qquad
                  w \leftarrow w + v

        for every weight and bias :math:`w`, once per mini-batch; with
        :math:`\mu = 0` this is plain :math:`w \leftarrow w - \eta\nabla C`.
        This is Keras's ``SGD(learning_rate, momentum)`` step (classical, not
        Nesterov, momentum).

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
        learning_rate : float
            Step size :math:`\eta > 0`.
        momentum : float, default=0.0
            Momentum :math:`\mu \in [0, 1)`. Velocities start at zero on every
            call.
        shuffle : bool, default=True
            Whether to visit the samples in a new random order every epoch.
        random_state : int, numpy.random.Generator or None, default=None
            Seed of the shuffling.
        callback : callable, optional
            ``callback(epoch, cost)``, called after every epoch (counted from
            1); training stops early if it returns True.

        Returns
        -------
        ndarray of shape (n_epochs_run,)
            The cost of every epoch: the mean of the mini-batch costs weighted
            by batch size, each computed before its update, as Keras reports
            ``loss``.

        Raises
        ------
        ValueError
            If the data or a parameter is invalid.
        DivergenceError
            If the cost or a weight stops being finite. The weights are left
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
        """
        X, Y = self._check_data(X, y)
        epochs = check_positive_int(epochs, name="epochs")
        batch_size = check_positive_int(batch_size, name="batch_size")
        eta = check_positive_float(learning_rate, name="learning_rate")
        mu = check_nonnegative_float(momentum, name="momentum", upper=1.0)
        shuffle = check_bool(shuffle, name="shuffle")
        rng = check_random_state(random_state)

        n_samples = X.shape[0]
        # Training updates the arrays in place, to spare a copy of every
        # weight per batch; arrays a caller got from `weights` before fit keep
        # their values because fit starts from its own copies.
        W_list = [W.copy() for W in self._weights]
        b_list = [b.copy() for b in self._biases]
        self._weights, self._biases = W_list, b_list
        parameters = W_list + b_list
        velocities = [np.zeros_like(p) for p in parameters] if mu > 0 else []
        costs: list[float] = []
        for epoch in range(1, epochs + 1):
            order = rng.permutation(n_samples) if shuffle else np.arange(n_samples)
            total_cost = 0.0
            for start in range(0, n_samples, batch_size):
                batch = order[start : start + batch_size]
                # Overflow is caught below as divergence, with a useful message.
                with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                    # One forward pass serves both the cost and the gradient.
                    X_batch, Y_batch = X[batch], Y[batch]
                    forward = self._forward(X_batch)
                    batch_cost = self.loss(Y_batch, forward.a[-1])
                    dW, db = self.backward(forward, Y_batch)
                    gradients = dW + db
                    # Checked before any weight moves, so a failed step leaves
                    # the weights as they were. A sum is NaN or infinite as
                    # soon as one of its terms is, and costs no temporary.
                    if not np.isfinite(batch_cost) or not all(
                        np.isfinite(g.sum()) for g in gradients
                    ):
                        raise _divergence(epoch, eta)
                    _sgd_step(parameters, gradients, velocities, eta=eta, mu=mu)
                total_cost += batch_cost * len(batch)
            costs.append(total_cost / n_samples)
            if callback is not None and callback(epoch, costs[-1]):
                break
        return np.array(costs)


def _sgd_step(
    parameters: list[Float64Array],
    gradients: list[Float64Array],
    velocities: list[Float64Array],
    *,
    eta: float,
    mu: float,
) -> None:
    """Move every parameter one SGD step, in place (Keras's SGD update).

    With momentum, ``v <- mu v - eta g`` then ``w <- w + v``; without,
    ``w <- w - eta g``. The arrays are updated where they are, which spares
    a temporary per weight matrix and batch; ``gradients`` are scaled in place.
    """
    # PLW2901 is silenced: augmented assignment updates the arrays in place.
    if mu > 0:
        for w, v, g in zip(parameters, velocities, gradients, strict=True):
            v *= mu  # noqa: PLW2901
            v -= eta * g  # noqa: PLW2901
            w += v  # noqa: PLW2901
    else:
        for w, g in zip(parameters, gradients, strict=True):
            g *= eta  # noqa: PLW2901
            w -= g  # noqa: PLW2901


def _divergence(epoch: int, learning_rate: float) -> DivergenceError:
    msg = (
        f"Training diverged in epoch {epoch}: the cost or the weights became "
        f"NaN or infinite with learning_rate={learning_rate!r}. Try a smaller "
        "learning_rate (for example a tenth of it) or scale the inputs."
    )
    return DivergenceError(msg)
