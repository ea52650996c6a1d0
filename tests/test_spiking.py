"""Tests for neurons.spiking: the leaky integrate-and-fire neuron."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neurons.spiking import LeakyIntegrateAndFire

# A neuron whose numbers are easy by hand: every value below is a binary
# fraction, so the floating-point results are exact.
HAND = {
    "tau_m": 1.0,
    "r_m": 1.0,
    "v_rest": 0.0,
    "v_reset": 0.0,
    "v_threshold": 1.0,
    "t_ref": 1.0,
}


def test_trace_worked_by_hand():
    neuron = LeakyIntegrateAndFire(**HAND)
    v, spike_times = neuron.simulate(np.full(6, 1.5), dt=0.5)
    # dt / tau_m = 0.5 and R_m I = 1.5; round(t_ref / dt) = 2 refractory steps.
    # Step 0 (t = 0.0): v = 0 + 0.5 * (-(0 - 0) + 1.5) = 0.75
    # Step 1 (t = 0.5): v = 0.75 + 0.5 * (-0.75 + 1.5) = 1.125 >= 1: spike,
    #                   and v[1] holds the reset value 0, not 1.125.
    # Steps 2, 3 (t = 1.0, 1.5): refractory, v held at 0.
    # Step 4 (t = 2.0): integration resumes from 0: v = 0.75.
    # Step 5 (t = 2.5): v = 1.125 again: spike.
    assert v.tolist() == [0.75, 0.0, 0.0, 0.0, 0.75, 0.0]
    assert spike_times.tolist() == [0.5, 2.5]


def test_trace_with_default_parameters_worked_by_hand():
    v, spike_times = LeakyIntegrateAndFire().simulate([2.0, 2.0, 0.0], dt=0.1)
    # dt / tau_m = 0.01, R_m I = 20 mV.
    # -65 + 0.01 * (0 + 20) = -64.8
    # -64.8 + 0.01 * (-0.2 + 20) = -64.602
    # no input: -64.602 + 0.01 * (-0.398) = -64.60598 (decays towards rest)
    assert v.tolist() == pytest.approx([-64.8, -64.602, -64.60598], abs=1e-12)
    assert spike_times.size == 0


def test_reaching_the_threshold_exactly_is_a_spike():
    neuron = LeakyIntegrateAndFire(**HAND)
    # 0.5 * 2.0 = 1.0 exactly: v >= v_threshold.
    _, spike_times = neuron.simulate([2.0], dt=0.5)
    assert spike_times.tolist() == [0.0]
    v, spike_times = neuron.simulate([1.96875], dt=0.5)  # v = 0.984375 < 1
    assert v.tolist() == [0.984375]
    assert spike_times.size == 0


# --- the f-I curve ------------------------------------------------------------


def test_firing_rate_matches_the_closed_form_by_hand():
    neuron = LeakyIntegrateAndFire()
    # I = 2 nA: v_infinity = -65 + 20 = -45 mV; from -65 to -50 mV takes
    # 10 ln(20 / 5) = 10 ln 4 ms, plus 2 ms refractory.
    assert neuron.firing_rate(2.0) == pytest.approx(1 / (2 + 10 * math.log(4)))
    assert isinstance(neuron.firing_rate(2.0), float)
    rates = neuron.firing_rate(np.array([[1.0], [2.0]]))
    assert rates.shape == (2, 1)
    assert rates[1, 0] == pytest.approx(1 / (2 + 10 * math.log(4)))


@pytest.mark.parametrize("current", [1.6, 2.0, 3.0, 5.0, 10.0, 50.0])
def test_simulated_rate_approaches_the_formula(current):
    neuron = LeakyIntegrateAndFire()
    duration, dt = 2000.0, 0.01
    _, spike_times = neuron.simulate(np.full(round(duration / dt), current), dt=dt)
    simulated = spike_times.size / duration
    expected = neuron.firing_rate(current)
    # Two error sources, bounded separately. The spike count is an integer,
    # so the count over a window is off by up to one spike: 1 / duration.
    # Each interval is a whole number of steps (off by up to dt) and forward
    # Euler relaxes slightly too fast (off by about T dt / (2 tau_m)): both are
    # O(dt), below 0.5 % of an interval of at least t_ref = 2 ms at dt = 0.01.
    assert abs(simulated - expected) <= 1 / duration + 0.01 * expected


@pytest.mark.parametrize("dt", [0.1, 0.01])
@pytest.mark.parametrize("current", [1.6, 3.0, 50.0])
def test_interspike_interval_error_is_order_dt(current, dt):
    neuron = LeakyIntegrateAndFire()
    _, spike_times = neuron.simulate(np.full(round(300.0 / dt), current), dt=dt)
    intervals = np.diff(spike_times)
    integration_time = 1 / neuron.firing_rate(current) - neuron.t_ref
    error = intervals - (neuron.t_ref + integration_time)
    # Euler's factor (1 - dt/tau_m) per step decays faster than
    # exp(-dt/tau_m), so the threshold is reached early, by less than
    # T dt / tau_m; rounding the crossing up to a whole step makes it late by
    # less than dt. Both bounds shrink with dt.
    assert np.all(error <= dt + 1e-9)
    assert np.all(error >= -integration_time * dt / neuron.tau_m - 1e-9)


def test_rheobase():
    neuron = LeakyIntegrateAndFire()
    assert neuron.rheobase == 1.5  # (-50 - -65) mV / 10 MΩ
    assert neuron.firing_rate(neuron.rheobase) == 0.0
    assert neuron.firing_rate(-3.0) == 0.0
    below = neuron.rheobase * 0.99
    v, spike_times = neuron.simulate(np.full(20_000, below), dt=0.1)  # 2 s
    assert spike_times.size == 0
    # The potential settles at v_rest + R_m I = -50.15 mV, under the threshold.
    assert v[-1] == pytest.approx(-65.0 + 10.0 * below)
    _, spike_times = neuron.simulate(np.full(20_000, neuron.rheobase * 1.01), dt=0.1)
    assert spike_times.size > 0


def test_refractory_period_caps_the_rate():
    neuron = LeakyIntegrateAndFire()
    cap = 1 / neuron.t_ref
    rates = neuron.firing_rate(np.array([2.0, 10.0, 100.0, 1e4, 1e6]))
    assert np.all(rates < cap)
    assert np.all(np.diff(rates) > 0)
    assert rates[-1] > 0.999 * cap
    # In the simulation a huge current crosses in one step after the pause:
    # the interval is t_ref + dt, never shorter than t_ref.
    _, spike_times = neuron.simulate(np.full(1000, 1e6), dt=0.1)
    np.testing.assert_allclose(np.diff(spike_times), neuron.t_ref + 0.1)


@given(
    currents=st.lists(
        st.floats(min_value=-10.0, max_value=1e6), min_size=2, max_size=20
    ),
    t_ref=st.floats(min_value=0.1, max_value=10.0),
)
def test_rate_is_monotone_and_bounded(currents, t_ref):
    neuron = LeakyIntegrateAndFire(t_ref=t_ref)
    rates = neuron.firing_rate(np.sort(currents))
    assert np.all(rates >= 0.0)
    assert np.all(rates < 1 / t_ref)
    assert np.all(np.diff(rates) >= 0.0)


def test_reset_below_rest_and_no_refractory_period():
    neuron = LeakyIntegrateAndFire(v_reset=-70.0, t_ref=0.0)
    # From -70 mV towards v_infinity = -45 mV: T = 10 ln(25 / 5).
    assert neuron.firing_rate(2.0) == pytest.approx(1 / (10 * math.log(5)))


def test_repr_and_read_only_parameters():
    neuron = LeakyIntegrateAndFire(tau_m=20.0)
    assert repr(neuron).startswith("LeakyIntegrateAndFire(tau_m=20.0, r_m=10.0")
    with pytest.raises(AttributeError):
        neuron.tau_m = -1.0


# --- bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("parameters", "match"),
    [
        ({"tau_m": 0.0}, r"tau_m must be a positive finite number, got 0\.0"),
        ({"tau_m": -5.0}, r"tau_m must be .*got -5\.0"),
        ({"r_m": 0.0}, r"r_m must be a positive finite number, got 0\.0"),
        ({"t_ref": -1.0}, r"t_ref must be a finite number >= 0, got -1\.0"),
        ({"v_rest": math.nan}, r"v_rest must be a finite number \(mV\), got nan"),
        ({"v_threshold": -65.0}, r"v_threshold must be above v_reset .*-65\.0"),
        (
            {"v_threshold": -60.0, "v_rest": -55.0, "v_reset": -70.0},
            r"v_threshold must be above v_rest \(-55\.0 mV\), got v_threshold=-60\.0",
        ),
    ],
)
def test_bad_parameters_are_named(parameters, match):
    with pytest.raises(ValueError, match=match):
        LeakyIntegrateAndFire(**parameters)


def test_parameter_of_the_wrong_type():
    with pytest.raises(TypeError, match="v_reset must be a finite number"):
        LeakyIntegrateAndFire(v_reset="low")


@pytest.mark.parametrize(
    ("current", "dt", "match"),
    [
        ([1.0, 2.0], 0.0, r"dt must be a positive finite number, got 0\.0"),
        ([1.0, 2.0], -0.1, r"dt must be .*got -0\.1"),
        ([1.0, 2.0], math.inf, r"dt must be .*got inf"),
        ([1.0, 2.0], 20.0, r"dt must be at most tau_m \(10\.0 ms\).*got dt=20\.0"),
        ([[1.0, 2.0]], 0.1, r"current must be a 1-D array .*got 2-D shape \(1, 2\)"),
        ([1.0, math.nan], 0.1, "current must contain only finite values"),
        ([1.0, math.inf], 0.1, "current must contain only finite values"),
        (2.0, 0.1, r"current must be a 1-D array .*got 0-D"),
        ([], 0.1, "current must not be empty"),
    ],
)
def test_bad_simulation_input_is_named(current, dt, match):
    with pytest.raises(ValueError, match=match):
        LeakyIntegrateAndFire().simulate(current, dt=dt)


def test_non_finite_current_in_firing_rate():
    with pytest.raises(ValueError, match="current must contain only finite values"):
        LeakyIntegrateAndFire().firing_rate([1.0, math.nan])
