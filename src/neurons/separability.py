r"""What one threshold unit can compute: separability tests and counts.

A threshold logic unit (TLU) outputs 1 where :math:`z = \mathbf{w} \cdot
\mathbf{x} + b \ge 0`; the labellings of a point set that some choice of
:math:`\mathbf{w}, b` produces are the *linearly separable* ones. This
module decides separability exactly, by linear programming, and counts:

* :func:`is_linearly_separable` and :func:`separating_hyperplane`, for any
  finite labelled point set;
* :func:`threshold_functions`, every Boolean function of ``n_inputs`` inputs
  that one TLU computes (2, 4, 14, 104, 1882 for 0 to 4 inputs);
* :func:`mcculloch_pitts_functions`, those that one
  :class:`~neurons.McCullochPittsNeuron` computes (9 of 16 for two inputs);
* :func:`separable_dichotomy_count`, Cover's count for points in general
  position;
* :func:`add_pairwise_products`, the feature map that makes XOR separable.

Truth tables list the outputs for the rows of :func:`boolean_inputs`, which
counts in binary with the first input as the most significant bit (the order
of :func:`neurons.datasets.logic_gate`).

The linear programs use SciPy's ``scipy.optimize.linprog`` (HiGHS); SciPy is
imported when a program is first solved. Deliberately left out: margins
(the LP finds *a* separating hyperplane, not the widest, which is a support
vector machine's job), weights restricted to integers, and more than four
inputs (there are :math:`2^{32}` functions of five).
"""

from __future__ import annotations

from math import comb

import numpy as np
import numpy.typing as npt

from neurons._validation import (
    Float64Array,
    check_array,
    check_int_at_least,
    check_label_vector,
)
from neurons.units import McCullochPittsNeuron

__all__ = [
    "add_pairwise_products",
    "boolean_inputs",
    "is_linearly_separable",
    "mcculloch_pitts_functions",
    "separable_dichotomy_count",
    "separating_hyperplane",
    "threshold_functions",
]

Int64Array = npt.NDArray[np.int64]

# 2 ** 2 ** 4 = 65536 truth tables is quick; 2 ** 2 ** 5 is four billion.
_MAX_ENUMERATED_INPUTS = 4
# 2 ** 8 choices of inhibitory inputs, on 256 rows each: still quick.
_MAX_MCCULLOCH_PITTS_INPUTS = 8
# scipy.optimize.linprog's status code for an infeasible program.
_INFEASIBLE = 2


def boolean_inputs(n_inputs: int) -> Int64Array:
    """Return every input of ``n_inputs`` bits, one row each, counting in binary.

    Row ``r`` is the binary expansion of ``r``, first input most significant:
    for two inputs, ``[[0, 0], [0, 1], [1, 0], [1, 1]]``.

    Parameters
    ----------
    n_inputs : int
        The number of inputs, ``>= 0``.

    Returns
    -------
    ndarray of int64 of shape (2 ** n_inputs, n_inputs)
        The rows of a truth table.

    Raises
    ------
    TypeError
        If ``n_inputs`` is not an integer.
    ValueError
        If ``n_inputs`` is negative.

    Examples
    --------
    >>> boolean_inputs(2).tolist()
    [[0, 0], [0, 1], [1, 0], [1, 1]]
    """
    n = check_int_at_least(n_inputs, name="n_inputs", minimum=0)
    rows = np.arange(2**n)[:, np.newaxis]
    bits: Int64Array = (rows >> np.arange(n - 1, -1, -1)) & 1
    return bits.astype(np.int64)


def _solve_separation(
    X: Float64Array, t: Float64Array
) -> tuple[Float64Array, float] | None:
    """Return ``(w, b)`` with ``t * (X @ w + b) >= 1`` in every row, or None.

    Unchecked: ``X`` is float64 of shape (n_samples, n_features) and ``t``
    holds -1.0 and +1.0.
    """
    # Lazy: only the linear programs need SciPy.
    from scipy.optimize import linprog  # type: ignore[import-untyped]  # noqa: PLC0415

    n_samples, n_features = X.shape
    augmented = np.column_stack([X, np.ones(n_samples)])
    result = linprog(
        c=np.zeros(n_features + 1),  # feasibility: any point will do
        A_ub=-t[:, np.newaxis] * augmented,  # -t(i) (w . x(i) + b) <= -1 for row i
        b_ub=-np.ones(n_samples),
        bounds=(None, None),  # w and b are free, not >= 0 as by default
        method="highs",
    )
    if result.status == _INFEASIBLE:
        return None
    if result.status != 0:
        msg = f"linprog could not decide separability: {result.message}"
        raise RuntimeError(msg)
    solution = np.asarray(result.x, dtype=np.float64)
    w, b = solution[:-1], float(solution[-1])
    # A certificate, checked: the solver's tolerances cannot turn a
    # non-separable labelling into a separable one unnoticed.
    if not np.all(t * (X @ w + b) > 0):
        msg = "linprog returned weights that do not separate the points."
        raise RuntimeError(msg)
    return w, b


def _signed_labels(
    X: npt.ArrayLike, y: npt.ArrayLike
) -> tuple[Float64Array, Float64Array]:
    """Check ``X`` and ``y``; return ``X`` as float64 and ``y`` as -1/+1."""
    X_checked = check_array(X)
    labels = check_label_vector(y, X_checked)
    classes = np.unique(labels)
    if classes.shape[0] > 2:
        msg = (
            f"y must hold at most 2 classes (one unit, two sides), got "
            f"{classes.shape[0]}: {classes.tolist()}."
        )
        raise ValueError(msg)
    t = np.where(labels == classes[-1], 1.0, -1.0)
    return X_checked, t


def separating_hyperplane(
    X: npt.ArrayLike, y: npt.ArrayLike
) -> tuple[Float64Array, float] | None:
    r"""Return weights and a bias that separate two classes strictly, or None.

    Solves the linear program

    .. math:: \text{find } \mathbf{w}, b \text{ such that }
              t^{(i)} (\mathbf{w} \cdot \mathbf{x}^{(i)} + b) \ge 1
              \text{ for every } i

    with :math:`t^{(i)} = +1` for the class that sorts last and :math:`-1` for
    the other. The answer is exact, not a heuristic like running a
    perceptron for a while: see Notes.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The points.
    y : array-like of shape (n_samples,)
        Their labels: one or two distinct values; ``max(y)`` is the positive
        class (for 0/1 labels, 1).

    Returns
    -------
    (weights, bias) or None
        ``weights`` of shape (n_features,) and a float ``bias`` with
        :math:`z = \mathbf{w} \cdot \mathbf{x} + b \ge 1` on the positive
        class and :math:`\le -1` on the other (up to the solver's
        tolerance, about :math:`10^{-7}`; the sign of every :math:`z` is
        checked), so a :class:`~neurons.TLU` with them reproduces ``y``;
        ``None`` if no hyperplane separates the classes.

    Raises
    ------
    TypeError
        If ``X`` is not numeric.
    ValueError
        If ``X`` is not a finite, non-empty 2-D array, ``y`` does not have
        one label per row, or ``y`` holds more than two classes.

    See Also
    --------
    is_linearly_separable : The yes-or-no answer.
    neurons.Perceptron : Finds a separating hyperplane when there is one, but
        never says that there is none.

    Notes
    -----
    **Why the program decides separability exactly.** A TLU computes the
    labelling if some :math:`\mathbf{w}, b` give :math:`z \ge 0` on the
    positives and :math:`z < 0` on the negatives. Because the points are
    finitely many, that is the same as a *strict* separation,
    :math:`t^{(i)} z^{(i)} > 0` for all :math:`i`: raise :math:`b` by half the
    smallest :math:`|z|` among the negatives. And a strict separation
    exists if and only if the program is feasible: dividing
    :math:`\mathbf{w}, b` by :math:`c = \min_i t^{(i)} z^{(i)} > 0` gives
    :math:`t^{(i)} z^{(i)} \ge 1`; conversely :math:`t^{(i)} z^{(i)} \ge 1` is strict. So
    the only approximation is the LP solver's own (HiGHS, tolerance about
    :math:`10^{-7}` on constraints of size 1); a feasible answer is
    confirmed by checking the sign of every :math:`t^{(i)} z^{(i)}`.

    Examples
    --------
    >>> from neurons.datasets import logic_gate
    >>> X, y = logic_gate("and")
    >>> w, b = separating_hyperplane(X, y)
    >>> from neurons import TLU
    >>> TLU(w, b).predict(X).tolist()
    [0, 0, 0, 1]
    >>> X, y = logic_gate("xor")
    >>> print(separating_hyperplane(X, y))
    None
    """
    X_checked, t = _signed_labels(X, y)
    return _solve_separation(X_checked, t)


def is_linearly_separable(X: npt.ArrayLike, y: npt.ArrayLike) -> bool:
    """Return whether one hyperplane separates the two classes of ``y``.

    Decided exactly by the linear program of :func:`separating_hyperplane`.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The points.
    y : array-like of shape (n_samples,)
        Their labels, at most two distinct values. A single class is
        separable (put every point on one side).

    Returns
    -------
    bool
        True if some TLU outputs 1 on one class and 0 on the other.

    Raises
    ------
    TypeError, ValueError
        As :func:`separating_hyperplane`.

    See Also
    --------
    separating_hyperplane : The weights, when they exist.
    threshold_functions : Every separable labelling of the Boolean cube.

    Examples
    --------
    >>> from neurons.datasets import logic_gate
    >>> X, y = logic_gate("xor")
    >>> is_linearly_separable(X, y)
    False
    >>> is_linearly_separable(add_pairwise_products(X), y)  # with x1 * x2
    True
    """
    return separating_hyperplane(X, y) is not None


def _all_truth_tables(n_inputs: int) -> Int64Array:
    """Return all ``2 ** 2 ** n`` truth tables; row ``k`` has bit ``r`` of ``k`` at ``r``."""
    n_rows = 2**n_inputs
    k = np.arange(2**n_rows, dtype=np.int64)[:, np.newaxis]
    tables: Int64Array = (k >> np.arange(n_rows)) & 1
    return tables


def _monotone_form(tables: Int64Array, n_inputs: int) -> Int64Array:
    """Flip the inputs on which each function decreases; -1 where impossible.

    Returns the flipped tables, each non-decreasing in every input, with
    rows of -1 for the functions that are not *unate* (increasing in some
    input on some rows and decreasing on others). Those are never threshold
    functions: raising :math:`x_j` changes :math:`z` by :math:`w_j`, always in
    the same direction.
    """
    n_functions, n_rows = tables.shape
    rows = np.arange(n_rows)
    flip_masks = np.zeros(n_functions, dtype=np.int64)
    unate = np.ones(n_functions, dtype=bool)
    for j in range(n_inputs):
        bit = 1 << (n_inputs - 1 - j)  # input j's bit in the row index
        off = rows[(rows & bit) == 0]
        on = off | bit
        rises = np.all(tables[:, off] <= tables[:, on], axis=1)
        falls = np.all(tables[:, off] >= tables[:, on], axis=1)
        unate &= rises | falls
        # x_j -> 1 - x_j maps (w_j, b) to (-w_j, b + w_j): a bijection of
        # TLUs, so flipping inputs preserves being a threshold function.
        flip_masks[falls & ~rises] |= bit
    flipped: Int64Array = np.take_along_axis(
        tables, rows[np.newaxis, :] ^ flip_masks[:, np.newaxis], axis=1
    )
    flipped[~unate] = -1
    return flipped


def threshold_functions(n_inputs: int) -> Int64Array:
    r"""Return every Boolean function of ``n_inputs`` inputs that one TLU computes.

    A function :math:`f : \{0, 1\}^n \to \{0, 1\}` is a *threshold
    function* if some :math:`\mathbf{w}, b` give :math:`f(\mathbf{x}) = 1
    \iff \mathbf{w} \cdot \mathbf{x} + b \ge 0`. Each candidate is decided
    exactly by the linear program of :func:`separating_hyperplane`.

    Parameters
    ----------
    n_inputs : int
        The number of inputs, from 0 to 4.

    Returns
    -------
    ndarray of int64 of shape (n_functions, 2 ** n_inputs)
        One truth table per row, its outputs listed for the rows of
        :func:`boolean_inputs`. Rows are sorted by the number whose bit
        ``r`` is the output for input row ``r``. There are 2, 4, 14, 104
        and 1882 of them for 0 to 4 inputs (OEIS A000609).

    Raises
    ------
    TypeError
        If ``n_inputs`` is not an integer.
    ValueError
        If ``n_inputs`` is negative or above 4.

    See Also
    --------
    mcculloch_pitts_functions : The smaller set a McCulloch-Pitts unit computes.
    separable_dichotomy_count : Cover's count for points in general position.

    Notes
    -----
    Two exact shortcuts keep the number of linear programs small (168 for
    four inputs instead of 65536); neither changes the answer. A threshold
    function is *unate*: raising :math:`x_j` changes :math:`z` by
    :math:`w_j`, so :math:`f` never rises in :math:`x_j` on some inputs and
    falls on others; the rest are discarded unsolved. And replacing
    :math:`x_j` by :math:`1 - x_j` maps a TLU :math:`(w_j, b)` to
    :math:`(-w_j, b + w_j)`, so each unate function is separable exactly
    when the monotone function obtained by flipping its falling inputs is;
    one program is solved per monotone function.

    The counts are far below :math:`2^{2^n}`, so almost every Boolean
    function of many inputs needs more than one unit. Cover's theorem
    (see :func:`separable_dichotomy_count`) bounds them from above: the
    :math:`2^n` corners of the cube are not in general position.

    References
    ----------
    - OEIS A000609, "Number of threshold functions of n or fewer variables",
      https://oeis.org/A000609.
    - S. Muroga, *Threshold Logic and its Applications*, Wiley (1971).
    - T. M. Cover, "Geometrical and statistical properties of systems of
      linear inequalities with applications in pattern recognition", *IEEE
      Transactions on Electronic Computers* EC-14(3), 326-334 (1965).

    Examples
    --------
    >>> tables = threshold_functions(2)
    >>> len(tables)
    14
    >>> [0, 1, 1, 0] in tables.tolist(), [1, 0, 0, 1] in tables.tolist()  # XOR, XNOR
    (False, False)
    >>> [0, 0, 0, 1] in tables.tolist()  # AND
    True
    """
    n = check_int_at_least(n_inputs, name="n_inputs", minimum=0)
    if n > _MAX_ENUMERATED_INPUTS:
        msg = (
            f"n_inputs must be at most {_MAX_ENUMERATED_INPUTS}: there are "
            f"2 ** 2 ** n Boolean functions of n inputs, {2**2**n} for "
            f"n_inputs={n}, too many to enumerate."
        )
        raise ValueError(msg)
    tables = _all_truth_tables(n)
    monotone = _monotone_form(tables, n)
    X = boolean_inputs(n).astype(np.float64)
    decided: dict[bytes, bool] = {}
    separable = np.zeros(tables.shape[0], dtype=bool)
    for index, table in enumerate(monotone):
        if table[0] < 0:  # not unate
            continue
        key = table.tobytes()
        if key not in decided:
            t = np.where(table == 1, 1.0, -1.0)
            decided[key] = _solve_separation(X, t) is not None
        separable[index] = decided[key]
    result: Int64Array = tables[separable]
    return result


def mcculloch_pitts_functions(n_inputs: int) -> Int64Array:
    r"""Return every Boolean function that one McCulloch-Pitts unit computes.

    Enumerates every :class:`~neurons.McCullochPittsNeuron` on ``n_inputs``
    inputs: each input is excitatory or inhibitory (:math:`2^n` choices) and
    the threshold runs from 0 to one more than the number of excitatory
    inputs (a higher one gives the same constant 0). Each unit is run on
    :func:`boolean_inputs` with its own ``predict``; the distinct truth
    tables are returned.

    The unit uses *every* input: excitatory ones count, with weight 1,
    towards the threshold; one active inhibitory input silences it. So for
    two inputs the identity :math:`x_1` (which ignores :math:`x_2`), NAND
    and the implications are out of reach: 9 of the 16 functions, against 14
    for a TLU.

    Parameters
    ----------
    n_inputs : int
        The number of inputs, from 1 to 8.

    Returns
    -------
    ndarray of int64 of shape (n_functions, 2 ** n_inputs)
        One truth table per row, ordered as in :func:`threshold_functions`.

    Raises
    ------
    TypeError
        If ``n_inputs`` is not an integer.
    ValueError
        If ``n_inputs`` is below 1 or above 8.

    See Also
    --------
    threshold_functions : What a unit with real weights computes.

    Examples
    --------
    >>> tables = mcculloch_pitts_functions(2)
    >>> len(tables)
    9
    >>> [0, 0, 1, 1] in tables.tolist()  # the identity x1 needs x2 ignored
    False
    """
    n = check_int_at_least(n_inputs, name="n_inputs", minimum=1)
    if n > _MAX_MCCULLOCH_PITTS_INPUTS:
        msg = f"n_inputs must be at most {_MAX_MCCULLOCH_PITTS_INPUTS}, got {n}."
        raise ValueError(msg)
    X = boolean_inputs(n)
    found: dict[int, Int64Array] = {}
    for mask in range(2**n):
        inhibitory = [j for j in range(n) if mask >> j & 1]
        for threshold in range(n - len(inhibitory) + 2):
            outputs = McCullochPittsNeuron(threshold, inhibitory).predict(X)
            # The number whose bit r is the output on row r: a Python int,
            # which does not overflow at 2 ** 256.
            number = sum(1 << r for r in np.flatnonzero(outputs).tolist())
            found.setdefault(number, outputs)
    return np.array([found[key] for key in sorted(found)], dtype=np.int64)


def separable_dichotomy_count(n_points: int, n_inputs: int) -> int:
    r"""Cover's count of the labellings a TLU can produce on points in general position.

    .. math:: C(N, d) = 2 \sum_{k=0}^{d-1} \binom{N-1}{k},
              \qquad d = n + 1

    For :math:`N` points in :math:`\mathbb{R}^n` whose augmented vectors
    :math:`(\mathbf{x}, 1)` are in general position (any :math:`d` of them
    linearly independent), exactly :math:`C(N, n + 1)` of the
    :math:`2^N` labellings are linearly separable, whatever the points. All
    are while :math:`N \le n + 1`; half are at :math:`N = 2(n + 1)`, the
    capacity of the unit.

    Parameters
    ----------
    n_points : int
        :math:`N \ge 1`.
    n_inputs : int
        The dimension :math:`n \ge 0` of the points (the unit has
        :math:`n` weights and a bias).

    Returns
    -------
    int
        The number of separable labellings.

    Raises
    ------
    TypeError
        If an argument is not an integer.
    ValueError
        If ``n_points < 1`` or ``n_inputs < 0``.

    See Also
    --------
    threshold_functions : The count on the corners of the cube, which are
        not in general position, so it is smaller (104 < C(8, 4) = 128).

    References
    ----------
    - T. M. Cover, "Geometrical and statistical properties of systems of
      linear inequalities with applications in pattern recognition", *IEEE
      Transactions on Electronic Computers* EC-14(3), 326-334 (1965).

    Examples
    --------
    >>> separable_dichotomy_count(4, 2), 2 ** 4  # 4 points in the plane
    (14, 16)
    >>> separable_dichotomy_count(6, 2), 2 ** 6 // 2  # capacity: N = 2 (n + 1)
    (32, 32)
    """
    n_points = check_int_at_least(n_points, name="n_points", minimum=1)
    d = check_int_at_least(n_inputs, name="n_inputs", minimum=0) + 1
    return 2 * sum(comb(n_points - 1, k) for k in range(d))


def add_pairwise_products(X: npt.ArrayLike) -> Float64Array:
    r"""Append the product of every pair of features as new features.

    .. math:: (x_1, \dots, x_n) \mapsto (x_1, \dots, x_n,\; x_1 x_2,\;
              x_1 x_3, \dots, x_{n-1} x_n)

    With two inputs this adds :math:`x_1 x_2`, which makes XOR linearly
    separable: :math:`x_1 + x_2 - 2 x_1 x_2 - 0.5 \ge 0` exactly on
    :math:`(0, 1)` and :math:`(1, 0)`. The columns come in the order of
    scikit-learn's ``PolynomialFeatures(degree=2, interaction_only=True,
    include_bias=False)``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Inputs.

    Returns
    -------
    ndarray of float64 of shape (n_samples, n_features + n_features * (n_features - 1) // 2)
        ``X`` followed by the products, pairs :math:`(i, j)` with
        :math:`i < j` in lexicographic order.

    Raises
    ------
    TypeError
        If ``X`` is not numeric.
    ValueError
        If ``X`` is not a finite, non-empty 2-D array.

    See Also
    --------
    is_linearly_separable : Checks the effect.

    Examples
    --------
    >>> from neurons.datasets import logic_gate
    >>> X, y = logic_gate("xor")
    >>> add_pairwise_products(X).tolist()
    [[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [1.0, 1.0, 1.0]]
    """
    X_checked = check_array(X)
    i, j = np.triu_indices(X_checked.shape[1], k=1)
    products = X_checked[:, i] * X_checked[:, j]
    return np.hstack([X_checked, products])
