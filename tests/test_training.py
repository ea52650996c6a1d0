"""Tests for neurons._training: the optimised step equals MLP.backward's maths."""

from __future__ import annotations

import numpy as np
import pytest

from neurons import MLP, mlp, optimizers
from neurons._training import TrainingStep, packed
from neurons.optimizers import SGD, Adam, RMSprop

OUTPUTS = [
    ("softmax", "categorical_crossentropy"),
    ("sigmoid", "binary_crossentropy"),
    ("identity", "mse"),
]


@pytest.mark.parametrize(
    "hidden", ["relu", "tanh", "identity", "sigmoid", "leaky_relu"]
)
@pytest.mark.parametrize(("output", "loss"), OUTPUTS)
@pytest.mark.parametrize("l2", [0.0, 0.01])
def test_step_equals_the_reference_cost_and_gradients(
    hidden, output, loss, l2, make_data
):
    X, Y = make_data(loss, n=8, n_in=5, n_out=3)
    net = MLP(
        (5, 7, 4, 3),
        activation=hidden,
        output_activation=output,
        loss=loss,
        l2=l2,
        random_state=1,
    )
    step = TrainingStep(net, batch_size=8)
    # A full batch, then a smaller one that uses the first rows of the buffers.
    for rows in (slice(None), slice(0, 5)):
        cost = step(X[rows], Y[rows])
        assert cost == pytest.approx(net.cost(X[rows], Y[rows]), rel=1e-12)
        dW, db = net.gradients(X[rows], Y[rows])  # backward plus the penalty
        for ours, reference in zip(step.dW + step.db, dW + db, strict=True):
            np.testing.assert_allclose(ours, reference, rtol=1e-12, atol=1e-15)


def _relu_softmax_net(**kwargs):
    """The (5, 6, 3) relu network with a softmax head, at seed 0."""
    return MLP(
        (5, 6, 3),
        output_activation="softmax",
        loss="categorical_crossentropy",
        random_state=0,
        **kwargs,
    )


def test_fit_equals_a_loop_over_the_reference_backward_step_by_step(make_data):
    X, Y = make_data("categorical_crossentropy", n=40, n_in=5, n_out=3, seed=2)
    net, reference = _relu_softmax_net(), _relu_softmax_net()
    eta, batch_size = 0.5, 16
    for _ in range(3):  # one epoch per fit call, no shuffling
        net.fit(X, Y, epochs=1, batch_size=batch_size, learning_rate=eta, shuffle=False)
        for start in range(0, 40, batch_size):
            rows = slice(start, start + batch_size)
            dW, db = reference.backward(reference.forward_pass(X[rows]), Y[rows])
            reference.weights = [
                W - eta * g for W, g in zip(reference.weights, dW, strict=True)
            ]
            reference.biases = [
                b - eta * g for b, g in zip(reference.biases, db, strict=True)
            ]
        for ours, theirs in zip(
            net.weights + net.biases, reference.weights + reference.biases, strict=True
        ):
            np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize(("output", "loss"), OUTPUTS)
@pytest.mark.parametrize("hidden", ["relu", "tanh"])
def test_each_fast_output_layer_gives_the_references_cost_and_gradients_exactly(
    hidden, output, loss, make_data
):
    """The in-place output layers repeat the reference's operations: equal bits."""
    X, Y = make_data(loss, n=9, n_in=4, n_out=2, seed=3)
    net = MLP(
        (4, 5, 2),
        activation=hidden,
        output_activation=output,
        loss=loss,
        random_state=2,
    )
    step = TrainingStep(net, batch_size=9)
    assert step.softmax_output + step.sigmoid_output + step.mse_output == 1
    cost = step(X, Y)
    assert cost == net.cost(X, Y)
    forward = net.forward_pass(X)
    dW, db = net.backward(forward, Y)
    # Only the output layer's delta is computed by the same operations; the
    # products are the same calls, so the last layer's gradients are equal.
    np.testing.assert_array_equal(step.dW[-1], dW[-1])
    np.testing.assert_array_equal(step.db[-1], db[-1])


OPTIMIZERS = [
    lambda: SGD(0.1),
    lambda: SGD(0.1, momentum=0.9, nesterov=True),
    lambda: RMSprop(0.01),
    lambda: Adam(0.01),
]


@pytest.mark.parametrize("make_optimizer", OPTIMIZERS)
@pytest.mark.parametrize("in_blocks", [True, False])
@pytest.mark.parametrize("copy_epoch", [True, False])
@pytest.mark.parametrize("one_hot", [True, False])
def test_fit_takes_the_same_steps_as_one_update_per_array(
    make_optimizer, in_blocks, copy_epoch, one_hot, make_data, monkeypatch
):
    """fit's flat parameters, batches and blocked updates change no bit of any step.

    The reference shuffles as fit does, gathers every batch with its indices,
    and lets a second optimizer update each weight and bias array on its own
    (state per array, in one piece) from TrainingStep's per-layer gradients.
    """
    if in_blocks:  # fit's flat array of 63 parameters in blocks of 7
        monkeypatch.setattr(optimizers, "_BLOCK", 7)
    if not copy_epoch:  # every data set counts as large: gathered per batch
        monkeypatch.setattr(mlp, "_EPOCH_COPY_BYTES", 0)
    X, Y = make_data("categorical_crossentropy", n=37, n_in=5, n_out=3, seed=4)
    if not one_hot:  # soft targets whose rows sum to 1.1, not 1
        Y = Y * 0.8 + 0.1
    net, reference = _relu_softmax_net(), _relu_softmax_net()
    costs = net.fit(
        X, Y, epochs=3, batch_size=8, optimizer=make_optimizer(), random_state=5
    )
    monkeypatch.undo()  # the reference updates every array whole
    optimizer, rng = make_optimizer(), np.random.default_rng(5)
    step = TrainingStep(reference, batch_size=8)
    reference_costs = []
    for _ in range(3):
        order, total = rng.permutation(37), 0.0
        for start in range(0, 37, 8):
            batch = order[start : start + 8]
            total += step(X[batch], Y[batch]) * len(batch)
            parameters = reference._weights + reference._biases
            optimizer.apply(step.dW + step.db, parameters)
        reference_costs.append(total / 37)
    np.testing.assert_array_equal(costs, reference_costs)
    for ours, theirs in zip(
        net.weights + net.biases, reference.weights + reference.biases, strict=True
    ):
        np.testing.assert_array_equal(ours, theirs)


def test_packed_views_cover_the_flat_array_in_order():
    flat, views = packed([(2, 3), (3,), (1, 1)], np.float32)
    assert flat.shape == (10,)
    assert flat.dtype == np.float32
    assert [v.shape for v in views] == [(2, 3), (3,), (1, 1)]
    for number, view in enumerate(views, start=1):
        view[...] = number
        assert view.flags.c_contiguous
        assert np.shares_memory(view, flat)
    assert flat.tolist() == [1] * 6 + [2] * 3 + [3]


def test_fit_leaves_earlier_weight_arrays_untouched(make_data):
    X, Y = make_data("categorical_crossentropy", n=8, n_in=5, n_out=3)
    net = _relu_softmax_net()
    before = net.weights[0]
    copy = before.copy()
    net.fit(X, Y, epochs=2, batch_size=4, learning_rate=0.5)
    np.testing.assert_array_equal(before, copy)
    assert not np.array_equal(net.weights[0], copy)


# --- float32 ---------------------------------------------------------------


def test_float32_keeps_weights_activations_and_gradients_in_float32(make_data):
    X, Y = make_data(
        "categorical_crossentropy", n=8, n_in=5, n_out=3
    )  # float64 input, cast once
    net = _relu_softmax_net(dtype="float32")
    assert repr(net).endswith("dtype='float32')")
    assert {p.dtype for p in net.weights + net.biases} == {np.dtype(np.float32)}
    forward = net.forward_pass(X)
    assert {array.dtype for array in forward.z + forward.a} == {np.dtype(np.float32)}
    dW, db = net.backward(forward, Y)
    assert {g.dtype for g in dW + db} == {np.dtype(np.float32)}
    step = TrainingStep(net, batch_size=8)
    step(X.astype(np.float32), Y.astype(np.float32))
    assert {g.dtype for g in step.dW + step.db} == {np.dtype(np.float32)}
    net.fit(X, Y, epochs=2, batch_size=4, learning_rate=0.1)
    assert {p.dtype for p in net.weights + net.biases} == {np.dtype(np.float32)}
    net.weights[0] = np.ones((5, 6))  # assigned float64, stored as float32
    assert net.weights[0].dtype == np.float32


def test_float32_trains_as_float64_does_within_float32_rounding(make_data):
    X, Y = make_data("categorical_crossentropy", n=32, n_in=5, n_out=3)
    net32, net64 = _relu_softmax_net(dtype="float32"), _relu_softmax_net()
    costs32 = net32.fit(X, Y, epochs=5, batch_size=8, learning_rate=0.1, random_state=0)
    costs64 = net64.fit(X, Y, epochs=5, batch_size=8, learning_rate=0.1, random_state=0)
    np.testing.assert_allclose(costs32, costs64, rtol=1e-4)
    for W32, W64 in zip(net32.weights, net64.weights, strict=True):
        np.testing.assert_allclose(W32, W64, rtol=1e-3, atol=1e-5)


def test_float64_is_the_default_and_a_bad_dtype_is_named():
    assert MLP((2, 1)).dtype == np.float64
    with pytest.raises(
        ValueError, match=r"dtype must be 'float32' or 'float64', got 'int32'"
    ):
        MLP((2, 1), dtype="int32")


def test_float32_inputs_are_used_as_they_are_and_others_cast_once():
    net = _relu_softmax_net(dtype="float32")
    X32 = np.ones((4, 5), np.float32)
    assert net.forward_pass(X32).a[0] is X32  # no copy, no float64 detour
    assert net.forward_pass(X32.astype(np.float64)).a[0].dtype == np.float32


def test_a_float32_network_refuses_inputs_too_large_for_float32():
    net = _relu_softmax_net(dtype="float32")
    X = np.ones((2, 5))
    X[1, 3] = 1e39  # finite in float64, infinite in float32
    with pytest.raises(
        ValueError,
        match=r"X must contain only finite values in float32, got 1 NaN or "
        r"infinite value\(s\)\. \(float32 holds magnitudes up to 3\.4e\+38\.\)",
    ):
        net.forward_pass(X)
