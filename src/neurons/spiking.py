r"""The leaky integrate-and-fire neuron: a membrane that charges, fires and resets.

.. math:: \tau_m \frac{dv}{dt} = -(v - v_\text{rest}) + R_m I(t)

with a spike, a reset to :math:`v_\text{reset}` and a refractory pause
:math:`t_\text{ref}` whenever :math:`v` reaches :math:`v_\text{th}`.
:meth:`LeakyIntegrateAndFire.simulate` integrates it with forward Euler;
:meth:`LeakyIntegrateAndFire.firing_rate` gives the exact rate under a
constant current (the f-I curve), which the simulation approaches as the
time step shrinks.

Units, throughout: times in ms, voltages in mV, currents in nA and the
membrane resistance in MΩ, so that :math:`R_m I` is in mV (MΩ × nA = mV)
and rates are in spikes per ms (multiply by 1000 for Hz).

Deliberately left out: noise, synapses and conductances, adaptation,
networks of spiking units, and integrators other than forward Euler. The
model is the book's bridge from biology to the threshold units (such as
:class:`neurons.TLU`), not a simulator (for that, see Brian or NEST).
"""

from __future__ import annotations

from typing import Any, overload

import numpy as np
import numpy.typing as npt

from neurons._validation import (
    Float64Array,
    check_array,
    check_nonnegative_float,
    check_positive_float,
    check_vector,
    describe,
)

__all__ = ["LeakyIntegrateAndFire"]


def _check_voltage(value: Any, *, name: str) -> float:
    """Return a voltage as a float if it is a finite real number, else raise."""
    if isinstance(value, bool) or not isinstance(
        value, int | float | np.integer | np.floating
    ):
        msg = f"{name} must be a finite number (mV), got {describe(value)}."
        raise TypeError(msg)
    if not np.isfinite(value):
        msg = f"{name} must be a finite number (mV), got {value!r}."
        raise ValueError(msg)
    return float(value)


class LeakyIntegrateAndFire:
    r"""A leaky integrate-and-fire (LIF) neuron driven by an input current.

    .. math:: \tau_m \frac{dv}{dt} = -(v - v_\text{rest}) + R_m I(t)

    When :math:`v` reaches :math:`v_\text{th}` the neuron spikes and
    :math:`v` is reset to :math:`v_\text{reset}`, where it is held for the
    refractory period :math:`t_\text{ref}`.

    Parameters
    ----------
    tau_m : float, default=10.0
        The membrane time constant :math:`\tau_m > 0`, in ms.
    r_m : float, default=10.0
        The membrane resistance :math:`R_m > 0`, in MΩ.
    v_rest : float, default=-65.0
        The resting potential, in mV: where :math:`v` settles without input.
    v_reset : float, default=-65.0
        The potential after a spike, in mV.
    v_threshold : float, default=-50.0
        The firing threshold, in mV; above both ``v_rest`` and ``v_reset``.
    t_ref : float, default=2.0
        The absolute refractory period :math:`t_\text{ref} \ge 0`, in ms.

    Attributes
    ----------
    tau_m, r_m, v_rest, v_reset, v_threshold, t_ref : float
        The parameters, read-only (make a new neuron to change one).
    rheobase : float
        The smallest current that makes the neuron fire, in nA:
        :math:`(v_\text{th} - v_\text{rest}) / R_m`. A constant current must
        exceed it.

    Raises
    ------
    TypeError
        If a parameter is not a real number.
    ValueError
        If ``tau_m`` or ``r_m`` is not positive, ``t_ref`` is negative, a
        parameter is not finite, or ``v_threshold`` is not above both
        ``v_reset`` and ``v_rest``. The message names the parameter and the
        value given.

    See Also
    --------
    neurons.McCullochPittsNeuron : The binary unit that abstracts away time.

    Notes
    -----
    The units are ms, mV, nA and MΩ (:math:`R_m I` in mV); rates are in
    spikes per ms.

    :meth:`firing_rate` solves the equation exactly between spikes, and
    :meth:`simulate` steps it with forward Euler, whose error in each
    interspike interval is :math:`O(\Delta t)`. The refractory period lasts
    ``round(t_ref / dt)`` steps in the simulation (Python's ``round``, half
    to even), so a ``t_ref`` that is not a multiple of ``dt`` is rounded to
    one.

    References
    ----------
    - L. Lapicque, "Recherches quantitatives sur l'excitation électrique des
      nerfs traitée comme une polarisation", *Journal de Physiologie et de
      Pathologie Générale* 9, 620-635 (1907).
    - W. Gerstner, W. M. Kistler, R. Naud and L. Paninski, *Neuronal
      Dynamics: From Single Neurons to Networks and Models of Cognition*,
      Cambridge University Press (2014), chapter 1.3.

    Examples
    --------
    >>> import numpy as np
    >>> neuron = LeakyIntegrateAndFire()
    >>> neuron
    LeakyIntegrateAndFire(tau_m=10.0, r_m=10.0, v_rest=-65.0, v_reset=-65.0, v_threshold=-50.0, t_ref=2.0)
    >>> neuron.rheobase  # nA: R_m * 1.5 nA = 15 mV, from -65 to -50 mV
    1.5
    >>> v, spike_times = neuron.simulate(np.full(1000, 2.0), dt=0.1)  # 100 ms
    >>> len(spike_times), spike_times[:3].round(1).tolist()
    (6, [13.7, 29.5, 45.3])
    >>> round(neuron.firing_rate(2.0) * 1000, 1)  # Hz; 6 spikes in 0.1 s
    63.0
    """

    def __init__(
        self,
        *,
        tau_m: float = 10.0,
        r_m: float = 10.0,
        v_rest: float = -65.0,
        v_reset: float = -65.0,
        v_threshold: float = -50.0,
        t_ref: float = 2.0,
    ) -> None:
        # A model with fixed parameters, not an estimator: checked where it is
        # built, and read-only afterwards, so that no check can be bypassed.
        self._tau_m = check_positive_float(tau_m, name="tau_m")
        self._r_m = check_positive_float(r_m, name="r_m")
        self._v_rest = _check_voltage(v_rest, name="v_rest")
        self._v_reset = _check_voltage(v_reset, name="v_reset")
        self._v_threshold = _check_voltage(v_threshold, name="v_threshold")
        self._t_ref = check_nonnegative_float(t_ref, name="t_ref")
        for other in ("v_reset", "v_rest"):
            below = getattr(self, f"_{other}")
            if self._v_threshold <= below:
                msg = (
                    f"v_threshold must be above {other} ({below!r} mV), got "
                    f"v_threshold={v_threshold!r}."
                )
                raise ValueError(msg)

    @property
    def tau_m(self) -> float:
        """The membrane time constant, in ms."""
        return self._tau_m

    @property
    def r_m(self) -> float:
        """The membrane resistance, in MΩ."""
        return self._r_m

    @property
    def v_rest(self) -> float:
        """The resting potential, in mV."""
        return self._v_rest

    @property
    def v_reset(self) -> float:
        """The potential right after a spike, in mV."""
        return self._v_reset

    @property
    def v_threshold(self) -> float:
        """The firing threshold, in mV."""
        return self._v_threshold

    @property
    def t_ref(self) -> float:
        """The refractory period, in ms."""
        return self._t_ref

    @property
    def rheobase(self) -> float:
        """The current, in nA, at and below which the neuron never fires."""
        return (self._v_threshold - self._v_rest) / self._r_m

    def __repr__(self) -> str:
        return (
            f"LeakyIntegrateAndFire(tau_m={self._tau_m!r}, r_m={self._r_m!r}, "
            f"v_rest={self._v_rest!r}, v_reset={self._v_reset!r}, "
            f"v_threshold={self._v_threshold!r}, t_ref={self._t_ref!r})"
        )

    def simulate(
        self, current: npt.ArrayLike, dt: float = 0.1
    ) -> tuple[Float64Array, Float64Array]:
        r"""Integrate the membrane equation with forward Euler, step by step.

        .. math:: v_k = v_{k-1} + \frac{\Delta t}{\tau_m}
                  \bigl(-(v_{k-1} - v_\text{rest}) + R_m I_k\bigr),
                  \qquad v_{-1} = v_\text{rest}

        Step ``k`` is the time :math:`t_k = k\,\Delta t`; the neuron starts at
        rest just before step 0, and ``current[k]`` drives the update that
        gives ``v[k]``. If :math:`v_k \ge v_\text{th}` (``>=``: reaching the
        threshold is enough) the neuron spikes at :math:`t_k`, and ``v[k]``
        holds :math:`v_\text{reset}`, not the value that crossed: the trace
        never exceeds the threshold (draw spikes from ``spike_times``). The
        next ``round(t_ref / dt)`` steps are refractory: ``v`` stays at
        :math:`v_\text{reset}` and the input is ignored; integration resumes
        from :math:`v_\text{reset}` after them.

        Parameters
        ----------
        current : array-like of shape (n_steps,)
            The input current at each step, in nA; finite numbers.
        dt : float, default=0.1
            The time step :math:`\Delta t`, in ms; at most ``tau_m``.

        Returns
        -------
        v : ndarray of float64 of shape (n_steps,)
            The membrane potential at each step, in mV.
        spike_times : ndarray of float64 of shape (n_spikes,)
            The times :math:`k\,\Delta t` of the spike steps, in ms,
            increasing.

        Raises
        ------
        TypeError
            If ``current`` or ``dt`` is not numeric.
        ValueError
            If ``current`` is not a non-empty, finite 1-D array, or ``dt`` is
            not a positive finite number at most ``tau_m`` (a larger step
            overshoots the potential the membrane relaxes to).

        Examples
        --------
        Two steps of 0.1 ms with 2 nA, from rest: :math:`R_m I = 20` mV and
        :math:`\Delta t / \tau_m = 0.01`, so ``v`` rises by
        :math:`0.01 \times 20 = 0.2` mV, then by
        :math:`0.01 \times (-0.2 + 20) = 0.198` mV.

        >>> neuron = LeakyIntegrateAndFire()
        >>> v, spike_times = neuron.simulate([2.0, 2.0], dt=0.1)
        >>> v.round(6).tolist(), spike_times.tolist()
        ([-64.8, -64.602], [])
        """
        dt = check_positive_float(dt, name="dt")
        if dt > self._tau_m:
            msg = (
                f"dt must be at most tau_m ({self._tau_m!r} ms) for forward "
                f"Euler to follow the membrane, got dt={dt!r}."
            )
            raise ValueError(msg)
        drive = check_vector(current, name="current", shape_hint="(n_steps,)")
        # Python floats: one IEEE operation per symbol of the formula, the same
        # on every machine, and faster than NumPy scalars in a scalar loop.
        decay = dt / self._tau_m
        v_rest, r_m = self._v_rest, self._r_m
        v_reset, v_threshold = self._v_reset, self._v_threshold
        refractory_steps = round(self._t_ref / dt)
        v = v_rest
        trace: list[float] = []
        spike_steps: list[int] = []
        steps_to_wait = 0
        for k, current_k in enumerate(drive.tolist()):
            if steps_to_wait > 0:
                steps_to_wait -= 1
                v = v_reset
            else:
                v += decay * (-(v - v_rest) + r_m * current_k)
                if v >= v_threshold:
                    spike_steps.append(k)
                    v = v_reset
                    steps_to_wait = refractory_steps
            trace.append(v)
        # k * dt, not a running sum of dt: no rounding error accumulates.
        spike_times = np.asarray(spike_steps, dtype=np.float64) * dt
        return np.asarray(trace, dtype=np.float64), spike_times

    @overload
    def firing_rate(self, current: float) -> float: ...

    @overload
    def firing_rate(self, current: npt.ArrayLike) -> float | Float64Array: ...

    def firing_rate(self, current: npt.ArrayLike) -> float | Float64Array:
        r"""Return the steady firing rate under a constant current (the f-I curve).

        .. math:: f(I) = \begin{cases}
                  0 & \text{if } R_m I \le v_\text{th} - v_\text{rest} \\
                  \left[t_\text{ref} + \tau_m \ln
                  \dfrac{R_m I + v_\text{rest} - v_\text{reset}}
                        {R_m I + v_\text{rest} - v_\text{th}}\right]^{-1}
                  & \text{otherwise}
                  \end{cases}

        Derivation: between spikes the potential relaxes towards
        :math:`v_\infty = v_\text{rest} + R_m I`. From :math:`v_\text{reset}`
        at :math:`t = 0` (the end of the refractory period),
        :math:`v(t) = v_\infty + (v_\text{reset} - v_\infty)
        e^{-t/\tau_m}`, which reaches :math:`v_\text{th}` at
        :math:`T = \tau_m \ln\bigl((v_\infty - v_\text{reset}) /
        (v_\infty - v_\text{th})\bigr)` if :math:`v_\infty > v_\text{th}`,
        and never otherwise. Each interspike interval is
        :math:`t_\text{ref} + T`, and the rate is its inverse (Gerstner et
        al., 2014, section 1.3). It rises from 0 at the rheobase and stays
        below :math:`1 / t_\text{ref}`, which it approaches as
        :math:`I \to \infty`.

        Parameters
        ----------
        current : float or array-like
            Constant input currents, in nA; finite numbers.

        Returns
        -------
        float or ndarray of float64
            The rate in spikes per ms (multiply by 1000 for Hz): a float for a
            scalar ``current``, else an array of its shape.

        Raises
        ------
        TypeError
            If ``current`` is not numeric.
        ValueError
            If ``current`` holds NaN or infinity.

        References
        ----------
        - W. Gerstner, W. M. Kistler, R. Naud and L. Paninski, *Neuronal
          Dynamics* (2014), section 1.3.

        Examples
        --------
        >>> neuron = LeakyIntegrateAndFire()
        >>> neuron.firing_rate(1.5)  # the rheobase: v only approaches -50 mV
        0.0
        >>> rates = neuron.firing_rate([1.0, 2.0, 100.0])
        >>> (rates * 1000).round(1).tolist()  # Hz; the cap is 1/t_ref = 500 Hz
        [0.0, 63.0, 464.9]
        """
        scalar = np.ndim(current) == 0
        currents = check_array(current, name="current", ndim=np.ndim(current))
        v_infinity = self._v_rest + self._r_m * currents
        fires = v_infinity > self._v_threshold
        # Only where the neuron fires is the logarithm's argument above 1;
        # elsewhere a placeholder keeps log away from zero and negatives.
        safe_gap = np.where(fires, v_infinity - self._v_threshold, 1.0)
        ratio = np.where(fires, (v_infinity - self._v_reset) / safe_gap, 1.0)
        interval = self._t_ref + self._tau_m * np.log(ratio)
        # With t_ref = 0 and a huge current the interval rounds to 0: the
        # rate is then infinite, as the formula says, without a warning.
        with np.errstate(divide="ignore"):
            rate = np.where(fires, 1.0 / np.where(fires, interval, 1.0), 0.0)
        if scalar:
            return float(rate)
        result: Float64Array = rate
        return result
