"""The optimised mini-batch step that :meth:`neurons.mlp.MLP.fit` trains with.

:meth:`MLP.backward <neurons.mlp.MLP.backward>` is the book's readable
backpropagation; this module computes the same forward pass, cost and
gradients, in the network's dtype, into arrays allocated once per call of
``fit`` (``out=`` products, in-place activations), with no checks: ``fit``
validated everything at its entry. The tests compare it with ``backward``
step by step.

It takes the common layers only: hidden ``relu``, ``tanh`` or ``identity``
(other hidden activations go through their :class:`~neurons.activations.Activation`,
allocating as the reference does), a softmax output with categorical
cross-entropy and a sigmoid output with binary cross-entropy, both computed
from the logits, and an identity output with
the mean squared error, computed in place with the operations of
:func:`~neurons.losses.mse` and :func:`~neurons.losses.mse_derivative`. Any
other output layer uses the loss's own functions. Dropout is left to the
reference loop.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from neurons.activations import ACTIVATIONS

if TYPE_CHECKING:
    from neurons.mlp import MLP

FloatArray = npt.NDArray[np.floating[Any]]

# Hidden activations computed in place here; others call their Activation.
_IN_PLACE = ("relu", "tanh", "identity")


def packed(
    shapes: list[tuple[int, ...]], dtype: npt.DTypeLike
) -> tuple[npt.NDArray[Any], list[npt.NDArray[Any]]]:
    """Return one zeroed flat array and views of it with ``shapes``, in order.

    :meth:`~neurons.mlp.MLP.fit` keeps every weight and bias in one such
    array, and every gradient in another, so that an optimizer updates all
    parameters, and the finiteness check reads all gradients, in one NumPy
    call instead of one per array. Each view is an ordinary C-contiguous
    array of its shape.

    Examples
    --------
    >>> flat, (W, b) = packed([(2, 3), (3,)], "float64")
    >>> W += 1.0
    >>> flat.tolist()
    [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0]
    """
    sizes = [math.prod(shape) for shape in shapes]
    flat = np.zeros(sum(sizes), dtype)
    ends = itertools.accumulate(sizes)
    views = [
        flat[end - size : end].reshape(shape)
        for shape, size, end in zip(shapes, sizes, ends, strict=True)
    ]
    return flat, views


class TrainingStep:
    r"""One mini-batch's cost and gradients for ``network``, into reused buffers.

    Parameters
    ----------
    network : MLP
        The network; its ``_weights`` are read at every call, so updates made
        in place between calls are seen.
    batch_size : int
        The largest batch; a smaller one uses the first rows of each buffer.
    rows_sum_to_one : bool, default=False
        Whether every target row the step will see sums to exactly 1 (one-hot
        rows do). Then a softmax output's
        :math:`\delta^L = (p \sum_k y_k - y)/m` skips its product by
        :math:`\sum_k y_k = 1`, which leaves every bit as it was.

    Attributes
    ----------
    gradient : ndarray
        Every gradient after a call, flat: ``dW[0]``, ..., ``dW[L-1]``,
        ``db[0]``, ..., ``db[L-1]`` are views of it (see :func:`packed`).
    """

    def __init__(
        self, network: MLP, batch_size: int, *, rows_sum_to_one: bool = False
    ) -> None:
        self.network = network
        dtype = network.dtype
        widths = network.layer_sizes[1:]
        self.z = [np.empty((batch_size, n), dtype) for n in widths]
        self.a = [np.empty((batch_size, n), dtype) for n in widths]
        self.grad_a = [np.empty((batch_size, n), dtype) for n in widths]
        shapes = [W.shape for W in network._weights + network._biases]
        self.gradient, views = packed(shapes, dtype)
        self.dW, self.db = views[: network.n_layers], views[network.n_layers :]
        self.rows_sum_to_one = rows_sum_to_one
        hidden = network.activation
        self.hidden = next(
            (name for name in _IN_PLACE if ACTIVATIONS[name] == hidden), None
        )
        self.softmax_output = (
            network._delta_from_logits is not None
            and network.output_activation.name == "softmax"
        )
        self.sigmoid_output = (
            network._delta_from_logits is not None
            and network.output_activation.name == "sigmoid"
        )
        self.mse_output = (
            network.output_activation.name == "identity" and network.loss.name == "mse"
        )

    def __call__(self, X: FloatArray, Y: FloatArray) -> float:
        """Return the batch cost (with the L2 penalty); leave gradients in dW, db."""
        net = self.network
        n = X.shape[0]
        L = net.n_layers
        weights, biases = net._weights, net._biases
        # a[l] below is the book's a^l; the buffers hold a^1 ... a^L.
        a: list[FloatArray] = [X]
        z: list[FloatArray] = []
        for l in range(L):
            z_l = self.z[l][:n]
            np.matmul(a[l], weights[l], out=z_l)
            z_l += biases[l]
            z.append(z_l)
            if l < L - 1:
                a.append(self._hidden_forward(z_l, self.a[l][:n]))
            elif self.softmax_output:
                a.append(self.a[l][:n])  # filled below, with the cost
            elif self.mse_output:
                a.append(z_l)  # the identity
            elif self.sigmoid_output:
                a.append(self.a[l][:n])  # filled below, with the cost
            else:
                a.append(np.asarray(net.output_activation(z_l), dtype=X.dtype))

        if self.softmax_output:
            # Categorical cross-entropy from the logits, as
            # losses.categorical_crossentropy_from_logits computes it (the
            # row maximum shifted out), and delta^L = (p * sum(y) - y) / n.
            shifted = np.subtract(
                z[L - 1],
                np.maximum.reduce(z[L - 1], axis=-1, keepdims=True),
                out=self.grad_a[L - 1][:n],
            )
            p = np.exp(shifted, out=a[L])
            total = np.add.reduce(p, axis=-1, keepdims=True)
            p /= total
            log_p = shifted
            log_p -= np.log(total)
            # mean(-sum(Y log p, axis=-1)), as ufunc reductions (np.mean is a
            # sum and one division; negating commutes with both, exactly).
            per_row = np.add.reduce(Y * log_p, axis=-1)
            cost = -float(np.add.reduce(per_row) / n)
            if self.rows_sum_to_one:  # p * 1.0 is p, to the bit
                delta = np.subtract(p, Y, out=log_p)
            else:
                delta = np.multiply(p, Y.sum(axis=-1, keepdims=True), out=log_p)
                delta -= Y
            delta /= n
        elif self.sigmoid_output:
            # activations.sigmoid, losses.binary_crossentropy_from_logits and
            # its derivative, operation for operation, sharing exp(-|z|):
            # a = 1 / (1 + e) where z >= 0, e / (1 + e) elsewhere; the cost's
            # entries are max(z, 0) - z y + log1p(e); delta^L = (a - y) / (m K).
            z_out = z[L - 1]
            e = np.exp(-np.abs(z_out))
            one_plus_e = 1.0 + e
            np.copyto(a[L], np.where(z_out >= 0, 1.0 / one_plus_e, e / one_plus_e))
            per_entry = np.maximum(z_out, 0.0) - z_out * Y + np.log1p(e)
            per_row = np.add.reduce(per_entry, axis=-1) / per_entry.shape[-1]
            cost = float(np.add.reduce(per_row) / n)
            delta = np.subtract(a[L], Y, out=self.grad_a[L - 1][:n])
            delta /= delta.size
        elif self.mse_output:
            # losses.mse and mse_derivative, operation for operation: the mean
            # over the outputs, then over the rows (np.mean is a sum and one
            # division), and delta^L = 2 (a - y) / (m K).
            diff = np.subtract(a[L], Y, out=self.grad_a[L - 1][:n])
            squared = np.multiply(diff, diff, out=self.a[L - 1][:n])
            per_row = np.add.reduce(squared, axis=-1) / squared.shape[-1]
            cost = float(np.add.reduce(per_row) / n)
            delta = np.multiply(diff, 2.0, out=diff)
            delta /= diff.size
        else:
            cost = net._output_loss(Y, z[L - 1], a[L])
            if net._delta_from_logits is not None:
                delta = net._delta_from_logits(Y, z[L - 1])
            else:
                grad = net.loss.gradient(Y, a[L])
                delta = net.output_activation.backward(z[L - 1], a[L], grad)
            delta = np.asarray(delta, dtype=X.dtype)

        for l in reversed(range(L)):
            np.matmul(a[l].T, delta, out=self.dW[l])
            np.add.reduce(delta, axis=0, out=self.db[l])
            if l > 0:
                grad_a = np.matmul(delta, weights[l].T, out=self.grad_a[l - 1][:n])
                delta = self._hidden_backward(z[l - 1], a[l], grad_a)
        net._add_penalty_gradient(self.dW, self.db)
        return cost + net._penalty()

    def _hidden_forward(self, z: FloatArray, out: FloatArray) -> FloatArray:
        if self.hidden == "relu":
            return np.maximum(z, 0.0, out=out)
        if self.hidden == "tanh":
            return np.tanh(z, out=out)
        if self.hidden == "identity":
            return z
        return np.asarray(self.network.activation(z), dtype=z.dtype)

    def _hidden_backward(
        self, z: FloatArray, a: FloatArray, grad_a: FloatArray
    ) -> FloatArray:
        """Return ``grad_a * f'(z)``, in place in ``grad_a`` where it can."""
        if self.hidden == "relu":
            grad_a *= z > 0
            return grad_a
        if self.hidden == "tanh":
            grad_a *= 1.0 - a * a  # tanh'(z) = 1 - tanh(z)^2
            return grad_a
        if self.hidden == "identity":
            return grad_a
        return np.asarray(self.network.activation.backward(z, a, grad_a), z.dtype)
