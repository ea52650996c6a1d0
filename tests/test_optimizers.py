"""Tests for neurons.optimizers: steps by hand, against Keras's optimizers, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neurons import optimizers, to_keras
from neurons.optimizers import (
    SGD,
    Adam,
    ExponentialDecay,
    LearningRateSchedule,
    Optimizer,
    PiecewiseConstantDecay,
    RMSprop,
    get_optimizer,
)


def steps(optimizer, w0, gradients):
    """Apply one gradient after another to a copy of ``w0``; return the path."""
    w = np.array(w0, dtype=float)
    path = []
    for g in gradients:
        optimizer.apply([np.array(g, dtype=float)], [w])
        path.append(w.copy())
    return path


# --- single steps by hand ------------------------------------------------------


def test_sgd_step_by_hand():
    # w = 1, g = 2, eta = 0.1:  w = 1 - 0.1 * 2 = 0.8
    assert steps(SGD(0.1), [1.0], [[2.0]])[0].tolist() == pytest.approx([0.8])


def test_sgd_momentum_steps_by_hand():
    # mu = 0.5, eta = 0.1, g = 2 twice, v starts at 0.
    # Step 1: v = 0.5 * 0 - 0.2 = -0.2,          w = 1 - 0.2 = 0.8
    # Step 2: v = 0.5 * (-0.2) - 0.2 = -0.3,     w = 0.8 - 0.3 = 0.5
    path = steps(SGD(0.1, momentum=0.5), [1.0], [[2.0], [2.0]])
    assert [w.item() for w in path] == pytest.approx([0.8, 0.5])


def test_sgd_nesterov_steps_by_hand():
    # mu = 0.5, eta = 0.1, g = 2 twice; w <- w + mu v - eta g with the new v.
    # Step 1: v = -0.2,  w = 1 + 0.5 * (-0.2) - 0.2 = 0.7
    # Step 2: v = 0.5 * (-0.2) - 0.2 = -0.3,  w = 0.7 + 0.5 * (-0.3) - 0.2 = 0.35
    path = steps(SGD(0.1, momentum=0.5, nesterov=True), [1.0], [[2.0], [2.0]])
    assert [w.item() for w in path] == pytest.approx([0.7, 0.35])


def test_rmsprop_steps_by_hand():
    # eta = 0.01, rho = 0.75, epsilon = 3 (large, to show where it goes).
    # Step 1, g = 2: s = 0.25 * 4 = 1,             w = 1 - 0.01 * 2 / sqrt(1 + 3)
    #                                                = 1 - 0.01 = 0.99
    # Step 2, g = 7: s = 0.75 * 1 + 0.25 * 49 = 13, w = 0.99 - 0.01 * 7 / sqrt(16)
    #                                                = 0.99 - 0.0175 = 0.9725
    # (epsilon outside the root would give 0.995 after step 1.)
    path = steps(RMSprop(0.01, rho=0.75, epsilon=3.0), [1.0], [[2.0], [7.0]])
    assert [w.item() for w in path] == pytest.approx([0.99, 0.9725])


def test_adam_steps_by_hand():
    # eta = 0.1, beta_1 = 0.5, beta_2 = 0.75, epsilon = 1 (large, to show
    # where it goes).
    # Step 1, g = 2: m = 0.5 * 2 = 1, v = 0.25 * 4 = 1,
    #   alpha_1 = 0.1 * sqrt(1 - 0.75) / (1 - 0.5) = 0.1,
    #   w = 1 - 0.1 * 1 / (sqrt(1) + 1) = 0.95
    #   (epsilon added to the corrected sqrt(v_hat) = 2 would give
    #   1 - 0.1 * 2 / 3 = 0.9333.)
    # Step 2, g = 1: m = 1 + 0.5 * (1 - 1) = 1, v = 1 + 0.25 * (1 - 1) = 1,
    #   alpha_2 = 0.1 * sqrt(1 - 0.5625) / (1 - 0.25) = 0.1 * 0.661437828 / 0.75
    #           = 0.0881917104,
    #   w = 0.95 - 0.0881917104 / 2 = 0.9059041448
    opt = Adam(0.1, beta_1=0.5, beta_2=0.75, epsilon=1.0)
    path = steps(opt, [1.0], [[2.0], [1.0]])
    assert [w.item() for w in path] == pytest.approx([0.95, 0.9059041448])
    assert opt.iterations == 2


# --- against Keras's optimizers, step by step ------------------------------------


KERAS_PAIRS = [
    ({"learning_rate": 0.1}, "SGD", SGD),
    ({"learning_rate": 0.1, "momentum": 0.9}, "SGD", SGD),
    ({"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}, "SGD", SGD),
    ({"learning_rate": 0.01, "rho": 0.8, "epsilon": 0.5}, "RMSprop", RMSprop),
    ({}, "RMSprop", RMSprop),
    (
        {"learning_rate": 0.01, "beta_1": 0.8, "beta_2": 0.9, "epsilon": 0.5},
        "Adam",
        Adam,
    ),
    ({}, "Adam", Adam),
]


@pytest.mark.parametrize(("kwargs", "keras_name", "ours"), KERAS_PAIRS)
@pytest.mark.slow
def test_steps_match_keras_optimizer(kwargs, keras_name, ours):
    # Keras's optimizer applied to Keras variables (float32, as JAX runs
    # without x64), ours to float64 copies: two arrays of different shapes,
    # five gradients. The gap is float32 rounding, far below any change to
    # the equations (the hand-worked tests show how large those are).
    keras = pytest.importorskip("keras")
    rng = np.random.default_rng(0)
    w0 = [rng.normal(size=(3, 2)), rng.normal(size=2)]
    gradients = [[rng.normal(size=w.shape) for w in w0] for _ in range(5)]
    variables = [keras.Variable(w.astype(np.float32)) for w in w0]
    theirs = getattr(keras.optimizers, keras_name)(**kwargs)
    mine = [w.copy() for w in w0]
    optimizer = ours(**kwargs)
    for g in gradients:
        theirs.apply([x.astype(np.float32) for x in g], variables)
        optimizer.apply(g, mine)
    for w, v in zip(mine, variables, strict=True):
        np.testing.assert_allclose(
            w, keras.ops.convert_to_numpy(v.value), rtol=1e-5, atol=1e-6
        )


@pytest.mark.slow
def test_defaults_are_keras_defaults():
    keras = pytest.importorskip("keras")
    for ours, theirs in [
        (SGD(), keras.optimizers.SGD()),
        (RMSprop(), keras.optimizers.RMSprop()),
        (Adam(), keras.optimizers.Adam()),
    ]:
        for name, value in ours._arguments().items():
            keras_value = getattr(theirs, name)
            if name == "learning_rate":  # a float32 Keras variable
                keras_value = float(keras.ops.convert_to_numpy(keras_value.value))
            assert keras_value == pytest.approx(value), (ours, name)


# --- state ---------------------------------------------------------------------


def test_state_is_kept_per_array_and_between_calls():
    # Two arrays with different gradients keep separate velocities; a second
    # call continues from the first one's state, as two steps in one go do.
    opt = SGD(0.1, momentum=0.5)
    w, b = np.array([1.0]), np.array([1.0])
    opt.apply([np.array([2.0]), np.array([0.0])], [w, b])
    opt.apply([np.array([2.0]), np.array([0.0])], [w, b])
    assert w.item() == pytest.approx(0.5)
    assert b.item() == 1.0


def test_apply_updates_in_place_and_leaves_gradients():
    w = np.array([1.0, 2.0])
    g = np.array([1.0, 1.0])
    same = w
    Adam(0.1).apply([g], [w])
    assert same is w
    assert not np.array_equal(w, [1.0, 2.0])
    assert g.tolist() == [1.0, 1.0]


def test_reset_starts_afresh():
    opt = Adam(0.1)
    first = steps(opt, [1.0], [[2.0]])[0]
    steps(opt, [1.0], [[-5.0]])
    opt.reset()
    assert opt.iterations == 0
    assert steps(opt, [1.0], [[2.0]])[0].tolist() == first.tolist()


def test_state_for_other_shapes_is_refused():
    opt = RMSprop()
    opt.apply([np.ones(2)], [np.zeros(2)])
    with pytest.raises(
        ValueError,
        match=r"holds state for parameter arrays of shapes \[\(2,\)\], but was "
        r"given arrays of shapes \[\(3,\)\]\. Call reset\(\)",
    ):
        opt.apply([np.ones(3)], [np.zeros(3)])


def test_apply_names_mismatched_lists_and_shapes():
    with pytest.raises(ValueError, match="got 2 gradients and 1 parameters"):
        SGD().apply([np.ones(2), np.ones(2)], [np.zeros(2)])
    with pytest.raises(
        ValueError,
        match=r"gradients\[0\] has shape \(3,\), but parameters\[0\] has shape \(2,\)",
    ):
        SGD().apply([np.ones(3)], [np.zeros(2)])


def test_repr_shows_the_arguments():
    assert repr(SGD(0.1, momentum=0.9, nesterov=True)) == (
        "SGD(learning_rate=0.1, momentum=0.9, nesterov=True)"
    )
    assert repr(RMSprop()) == "RMSprop(learning_rate=0.001, rho=0.9, epsilon=1e-07)"


# --- the resolver and bad input ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "cls"), [("sgd", SGD), ("RMSprop", RMSprop), ("adam", Adam)]
)
def test_get_optimizer_by_name(name, cls):
    optimizer = get_optimizer(name)
    assert type(optimizer) is cls
    assert optimizer.iterations == 0


def test_get_optimizer_returns_an_instance_itself():
    opt = Adam()
    assert get_optimizer(opt) is opt


def test_get_optimizer_refuses_unknown_names_and_types():
    with pytest.raises(
        ValueError, match=r"Unknown optimizer 'adagrad'\. Valid names are: 'sgd', "
    ):
        get_optimizer("adagrad")
    with pytest.raises(TypeError, match=r"optimizer must be one of 'sgd'.*got 3"):
        get_optimizer(3)


@pytest.mark.parametrize(
    ("cls", "kwargs", "match"),
    [
        (
            SGD,
            {"learning_rate": 0.0},
            "learning_rate must be a positive finite number, got 0.0",
        ),
        (
            SGD,
            {"learning_rate": -0.1},
            "learning_rate must be a positive finite number, got -0.1",
        ),
        (
            Adam,
            {"learning_rate": np.nan},
            "learning_rate must be a positive finite number, got nan",
        ),
        (
            SGD,
            {"momentum": 1.0},
            r"momentum must be a finite number in \[0, 1\), got 1.0",
        ),
        (
            SGD,
            {"momentum": -0.5},
            r"momentum must be a finite number in \[0, 1\), got -0.5",
        ),
        (SGD, {"nesterov": True}, "nesterov=True needs momentum > 0"),
        (RMSprop, {"rho": 1.0}, r"rho must be a finite number in \[0, 1\), got 1.0"),
        (RMSprop, {"rho": np.nan}, r"rho must be a finite number in \[0, 1\), got nan"),
        (
            RMSprop,
            {"epsilon": 0.0},
            "epsilon must be a positive finite number, got 0.0",
        ),
        (
            Adam,
            {"beta_1": -0.1},
            r"beta_1 must be a finite number in \[0, 1\), got -0.1",
        ),
        (Adam, {"beta_2": 1.0}, r"beta_2 must be a finite number in \[0, 1\), got 1.0"),
        (
            Adam,
            {"epsilon": -1e-7},
            "epsilon must be a positive finite number, got -1e-07",
        ),
        (
            Adam,
            {"epsilon": np.inf},
            "epsilon must be a positive finite number, got inf",
        ),
    ],
)
def test_bad_arguments_name_the_parameter_and_value(cls, kwargs, match):
    with pytest.raises(ValueError, match=match):
        cls(**kwargs)


@pytest.mark.parametrize(
    ("cls", "kwargs", "match"),
    [
        (
            SGD,
            {"learning_rate": "0.1"},
            r"learning_rate must be a positive finite number, got '0.1'",
        ),
        (SGD, {"momentum": 0.9, "nesterov": "yes"}, "nesterov must be True or False"),
        (
            Adam,
            {"beta_1": True},
            r"beta_1 must be a finite number in \[0, 1\), got True",
        ),
    ],
)
def test_arguments_of_the_wrong_type(cls, kwargs, match):
    with pytest.raises(TypeError, match=match):
        cls(**kwargs)


@given(
    st.sampled_from(["rho", "beta_1", "beta_2"]),
    st.one_of(
        st.floats(max_value=0.0, exclude_max=True),
        st.floats(min_value=1.0),
        st.just(np.nan),
    ),
)
def test_decay_rates_outside_the_unit_interval_are_refused(name, value):
    cls = RMSprop if name == "rho" else Adam
    with pytest.raises(ValueError, match=f"{name} must be a finite number in"):
        cls(**{name: value})


def test_optimizer_base_class_has_no_step_of_its_own():
    with pytest.raises(NotImplementedError):
        Optimizer(0.1).apply([np.ones(1)], [np.zeros(1)])


# --- learning-rate schedules ---------------------------------------------------


def test_exponential_decay_by_hand():
    # eta0 = 0.1, r = 0.5, S = 4: eta(s) = 0.1 * 0.5 ** (s / 4).
    # s = 2: 0.1 * 0.5 ** 0.5 = 0.0707107;  s = 4: 0.05;  s = 8: 0.025.
    smooth = ExponentialDecay(0.1, decay_steps=4, decay_rate=0.5)
    assert [smooth(s) for s in (0, 2, 4, 8)] == pytest.approx(
        [0.1, 0.0707106781, 0.05, 0.025]
    )
    # Staircase: floor(s / 4), so 0.1 for s = 0..3, 0.05 for s = 4..7.
    stairs = ExponentialDecay(0.1, decay_steps=4, decay_rate=0.5, staircase=True)
    assert [stairs(s) for s in (0, 3, 4, 7, 8)] == pytest.approx(
        [0.1, 0.1, 0.05, 0.05, 0.025]
    )


def test_piecewise_constant_by_hand():
    # values[0] while s <= 2, values[1] while 2 < s <= 5, values[2] after.
    schedule = PiecewiseConstantDecay([2, 5], [1.0, 0.5, 0.25])
    assert [schedule(s) for s in range(8)] == [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25]


def test_a_schedule_is_called_with_the_steps_taken_before():
    # SGD with eta(s) = 1, 0.5, 0.25 for s = 0, 1, 2 and gradient 1:
    # w = 0 - 1 - 0.5 - 0.25 = -1.75; the next step would use 0.125.
    opt = SGD(ExponentialDecay(1.0, decay_steps=1, decay_rate=0.5))
    path = steps(opt, [0.0], [[1.0]] * 3)
    assert [w.item() for w in path] == pytest.approx([-1.0, -1.5, -1.75])
    assert opt.current_learning_rate == pytest.approx(0.125)
    opt.reset()
    assert opt.current_learning_rate == 1.0


def test_a_constant_rate_is_its_own_current_rate():
    opt = Adam(0.01)
    steps(opt, [0.0], [[1.0]] * 3)
    assert opt.current_learning_rate == 0.01


@pytest.mark.slow
def test_schedules_match_keras_schedules():
    keras = pytest.importorskip("keras")
    pairs = [
        (
            ExponentialDecay(0.1, decay_steps=3, decay_rate=0.7),
            keras.optimizers.schedules.ExponentialDecay(0.1, 3, 0.7),
        ),
        (
            ExponentialDecay(0.1, decay_steps=3, decay_rate=0.7, staircase=True),
            keras.optimizers.schedules.ExponentialDecay(0.1, 3, 0.7, staircase=True),
        ),
        (
            PiecewiseConstantDecay([2, 5], [0.1, 0.05, 0.01]),
            keras.optimizers.schedules.PiecewiseConstantDecay(
                [2, 5], [0.1, 0.05, 0.01]
            ),
        ),
    ]
    for ours, theirs in pairs:
        for step in range(9):
            expected = float(keras.ops.convert_to_numpy(theirs(step)))
            assert ours(step) == pytest.approx(expected, rel=1e-6), (ours, step)


@pytest.mark.parametrize(
    ("make_ours", "make_theirs"),
    [
        (
            lambda: SGD(ExponentialDecay(0.2, 3, 0.5, staircase=True), momentum=0.9),
            lambda k: k.optimizers.SGD(
                k.optimizers.schedules.ExponentialDecay(0.2, 3, 0.5, staircase=True),
                momentum=0.9,
            ),
        ),
        (
            lambda: Adam(ExponentialDecay(0.05, 2, 0.8)),
            lambda k: k.optimizers.Adam(
                k.optimizers.schedules.ExponentialDecay(0.05, 2, 0.8)
            ),
        ),
        (
            lambda: RMSprop(PiecewiseConstantDecay([3, 6], [0.01, 0.005, 0.001])),
            lambda k: k.optimizers.RMSprop(
                k.optimizers.schedules.PiecewiseConstantDecay(
                    [3, 6], [0.01, 0.005, 0.001]
                )
            ),
        ),
    ],
)
@pytest.mark.slow
def test_fit_with_a_schedule_matches_keras_fit(
    make_ours, make_theirs, make_data, make_softmax_net
):
    # Three epochs of three mini-batches (10 samples, batch 4), from to_keras
    # of the same network: the schedule changes the rate within and between
    # epochs. The gap is float32 rounding (relative < 1e-4).
    keras = pytest.importorskip("keras")
    X, Y = make_data("categorical_crossentropy", n=10, n_in=4, n_out=3, seed=4)
    net = make_softmax_net((4, 5, 3), random_state=3)
    model = to_keras(net)
    model.compile(optimizer=make_theirs(keras), loss="categorical_crossentropy")
    keras_history = model.fit(X, Y, batch_size=4, epochs=3, shuffle=False, verbose=0)
    history = net.fit(
        X, Y, epochs=3, batch_size=4, optimizer=make_ours(), shuffle=False
    )
    np.testing.assert_allclose(history, keras_history.history["loss"], rtol=1e-5)
    ours = [p for W, b in zip(net.weights, net.biases, strict=True) for p in (W, b)]
    theirs = [keras.ops.convert_to_numpy(v.value) for v in model.weights]
    gap = max(
        float(np.max(np.abs(a - b)) / np.max(np.abs(b)))
        for a, b in zip(ours, theirs, strict=True)
    )
    assert gap < 1e-4


def test_schedule_repr_and_optimizer_repr():
    schedule = ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
    assert repr(schedule) == (
        "ExponentialDecay(initial_learning_rate=0.1, decay_steps=10, "
        "decay_rate=0.5, staircase=False)"
    )
    assert repr(SGD(schedule)).startswith("SGD(learning_rate=ExponentialDecay(")


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (
            lambda: ExponentialDecay(-0.1, 10, 0.5),
            ValueError,
            "initial_learning_rate must be a positive finite number, got -0.1",
        ),
        (
            lambda: ExponentialDecay(np.nan, 10, 0.5),
            ValueError,
            "initial_learning_rate must be a positive finite number, got nan",
        ),
        (
            lambda: ExponentialDecay(0.1, 0, 0.5),
            ValueError,
            r"decay_steps must be a positive integer \(>= 1\), got 0",
        ),
        (
            lambda: ExponentialDecay(0.1, 2.5, 0.5),
            TypeError,
            r"decay_steps must be a positive integer \(>= 1\), got 2.5",
        ),
        (
            lambda: ExponentialDecay(0.1, 10, 0.0),
            ValueError,
            "decay_rate must be a positive finite number, got 0.0",
        ),
        (
            lambda: ExponentialDecay(0.1, 10, 0.5, staircase="yes"),
            TypeError,
            "staircase must be True or False",
        ),
        (
            lambda: PiecewiseConstantDecay([2, 5], [0.1, 0.05]),
            ValueError,
            "values must have one more entry than boundaries .* got 2 boundaries",
        ),
        (
            lambda: PiecewiseConstantDecay([5, 2], [0.1, 0.05, 0.01]),
            ValueError,
            r"boundaries must increase strictly, got \[5, 2\]",
        ),
        (
            lambda: PiecewiseConstantDecay([2], [0.1, -0.05]),
            ValueError,
            r"values\[1\] must be a positive finite number, got -0.05",
        ),
        (
            lambda: PiecewiseConstantDecay([-1], [0.1, 0.05]),
            ValueError,
            r"boundaries\[0\] must be an integer >= 0, got -1",
        ),
        (
            lambda: PiecewiseConstantDecay(3, [0.1, 0.05]),
            TypeError,
            "boundaries must be a list of ints, got 3",
        ),
    ],
)
def test_bad_schedule_arguments_name_the_parameter_and_value(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_a_schedule_giving_a_bad_rate_is_refused_at_that_step():
    class Broken(LearningRateSchedule):
        def __call__(self, step):
            return 0.1 if step < 1 else -1.0

    opt = SGD(Broken())
    opt.apply([np.ones(1)], [np.zeros(1)])
    w = np.zeros(1)
    with pytest.raises(ValueError, match=r"gave -1.0 \(type float\) at step 1"):
        opt.apply([np.ones(1)], [w])
    assert w.tolist() == [0.0]


def test_schedule_base_class_has_no_rate_of_its_own():
    with pytest.raises(NotImplementedError):
        LearningRateSchedule()(0)


@pytest.mark.parametrize("order", ["C", "F"])
def test_a_large_array_is_updated_in_place_whatever_its_layout(order, monkeypatch):
    """Blocks (here of 3 elements) reach every element, and never a copy."""
    monkeypatch.setattr(optimizers, "_BLOCK", 3)
    w = np.zeros((4, 5), order=order)
    g = np.arange(20.0).reshape(4, 5)
    SGD(learning_rate=0.1, momentum=0.5).apply([g], [w])  # v = -0.1 g, w = v
    np.testing.assert_array_equal(w, -(0.1 * g))
