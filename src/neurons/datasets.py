"""Tiny data sets for the book: truth tables and seeded 2-D toy problems.

* :func:`logic_gate`: the truth table of AND, OR, NAND, NOR, XOR, XNOR (any
  number of inputs), NOT and the identity;
* :func:`make_separable`: two classes with a known margin, for the perceptron
  convergence theorem;
* :func:`make_xor`: four noisy clouds labelled by XOR, which no single
  threshold unit separates;
* :func:`make_wave`: a noisy 1-D curve for the universal-approximation demo;
* :func:`load_fashion_mnist`: the one real data set not bundled with
  scikit-learn, 70,000 images of clothing, read from verified local files.

Every generator takes ``random_state`` (an int seed, a
:class:`numpy.random.Generator` or ``None``) and labels two classes 0 and 1.

Deliberately left out: the small real data sets. The book loads them with
scikit-learn's bundled loaders (:func:`sklearn.datasets.load_iris`, ...).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt

from neurons import _fashion_mnist
from neurons._validation import (
    Float64Array,
    RandomState,
    check_choice,
    check_int_at_least,
    check_nonnegative_float,
    check_positive_float,
    check_random_state,
)

__all__ = [
    "FASHION_MNIST_CLASSES",
    "LOGIC_GATES",
    "load_fashion_mnist",
    "logic_gate",
    "make_separable",
    "make_wave",
    "make_xor",
]

Int64Array = npt.NDArray[np.int64]

#: Names accepted by :func:`logic_gate`. ``"not"`` and ``"identity"`` take
#: one input; the others any number (XOR is then odd parity).
LOGIC_GATES = ("and", "or", "nand", "nor", "xor", "xnor", "not", "identity")

_ONE_INPUT_GATES = ("not", "identity")
# 2**16 rows is already more than a truth table in a book can show.
_MAX_GATE_INPUTS = 16


def logic_gate(name: str, n_inputs: int | None = None) -> tuple[Int64Array, Int64Array]:
    """Return the truth table of a logic gate as ``(X, y)``.

    The rows count in binary with the first input as the most significant
    bit: ``00, 01, 10, 11`` for two inputs.

    Parameters
    ----------
    name : {"and", "or", "nand", "nor", "xor", "xnor", "not", "identity"}
        The gate. With more than two inputs, ``"xor"`` is 1 when an odd
        number of inputs are 1 and ``"xnor"`` its negation.
    n_inputs : int, optional
        The number of inputs: 1 to 16. Defaults to 1 for ``"not"`` and
        ``"identity"``, which accept no other value, and to 2 otherwise.

    Returns
    -------
    X : ndarray of int64 of shape (2**n_inputs, n_inputs)
        Every combination of 0 and 1, in truth-table order.
    y : ndarray of int64 of shape (2**n_inputs,)
        The gate's output, 0 or 1, for each row.

    Raises
    ------
    TypeError
        If ``name`` is not a string or ``n_inputs`` not an integer.
    ValueError
        If ``name`` is unknown (the message lists the valid names) or
        ``n_inputs`` is out of range for the gate.

    Examples
    --------
    >>> X, y = logic_gate("xor")
    >>> X.tolist(), y.tolist()
    ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0])
    >>> logic_gate("not")[1].tolist()
    [1, 0]
    >>> logic_gate("and", n_inputs=3)[1].tolist()
    [0, 0, 0, 0, 0, 0, 0, 1]
    """
    gate = check_choice(name, name="gate name", choices=LOGIC_GATES)
    default = 1 if gate in _ONE_INPUT_GATES else 2
    n = (
        default
        if n_inputs is None
        else check_int_at_least(n_inputs, name="n_inputs", minimum=1)
    )
    if gate in _ONE_INPUT_GATES and n != 1:
        msg = f"the {gate!r} gate has exactly 1 input, got n_inputs={n}."
        raise ValueError(msg)
    if n > _MAX_GATE_INPUTS:
        msg = f"n_inputs must be at most {_MAX_GATE_INPUTS}, got {n}."
        raise ValueError(msg)
    rows = np.arange(2**n)[:, np.newaxis]
    # Column j holds bit (n - 1 - j) of the row number: first input most significant.
    X = (rows >> np.arange(n - 1, -1, -1)) & 1
    n_active = X.sum(axis=1)
    outputs = {
        "and": n_active == n,
        "or": n_active >= 1,
        "nand": n_active < n,
        "nor": n_active == 0,
        "xor": n_active % 2 == 1,
        "xnor": n_active % 2 == 0,
        "not": n_active == 0,
        "identity": n_active == 1,
    }
    return X.astype(np.int64), outputs[gate].astype(np.int64)


def make_separable(
    n_samples: int = 100,
    *,
    margin: float = 0.5,
    random_state: RandomState = None,
) -> tuple[Float64Array, Int64Array]:
    r"""Return two linearly separable 2-D classes with a known margin.

    The classes lie on either side of the line :math:`x_1 + x_2 = 0`, class
    1 where :math:`x_1 + x_2 > 0`. Every point is at distance at least
    ``margin`` from that line, and the closest point of each class at exactly
    ``margin`` (up to rounding): with :math:`\mathbf{w}^* = (1, 1)/\sqrt{2}`,
    :math:`b^* = 0`, the margin :math:`\gamma = \min_i t^{(i)}\, \mathbf{w}^* \cdot
    \mathbf{x}^{(i)}` of the perceptron convergence theorem is ``margin``.

    Parameters
    ----------
    n_samples : int, default=100
        The number of points, at least 2; the classes get
        ``n_samples // 2`` and the rest.
    margin : float, default=0.5
        The distance :math:`\gamma > 0` from the line to the closest points.
    random_state : int, numpy.random.Generator or None, default=None
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X : ndarray of float64 of shape (n_samples, 2)
        The points, in random order.
    y : ndarray of int64 of shape (n_samples,)
        Their classes, 0 or 1.

    Raises
    ------
    TypeError, ValueError
        If ``n_samples`` is not an integer >= 2, ``margin`` not a positive
        finite number, or ``random_state`` invalid.

    Examples
    --------
    >>> X, y = make_separable(6, margin=1.0, random_state=0)
    >>> X.shape, sorted(y.tolist())
    ((6, 2), [0, 0, 0, 1, 1, 1])
    >>> distance = (X[:, 0] + X[:, 1]) / np.sqrt(2)
    >>> bool(np.all(np.where(y == 1, distance, -distance) >= 1.0 - 1e-12))
    True
    """
    n = check_int_at_least(n_samples, name="n_samples", minimum=2)
    gamma = check_positive_float(margin, name="margin")
    rng = check_random_state(random_state)
    y = np.repeat(np.array([0, 1], dtype=np.int64), [n // 2, n - n // 2])
    # Distance from the line: margin plus a half-normal spread, shifted in each
    # class so that its closest point sits at exactly the margin.
    spread = np.abs(rng.normal(size=n))
    for label in (0, 1):
        in_class = y == label
        spread[in_class] -= spread[in_class].min()
    across = np.where(y == 1, 1.0, -1.0) * (gamma + spread)
    along = rng.normal(scale=2.0, size=n)
    normal = np.array([1.0, 1.0]) / np.sqrt(2.0)
    direction = np.array([-1.0, 1.0]) / np.sqrt(2.0)
    X = across[:, np.newaxis] * normal + along[:, np.newaxis] * direction
    order = rng.permutation(n)
    return X[order], y[order]


def make_xor(
    n_samples: int = 200,
    *,
    noise: float = 0.15,
    random_state: RandomState = None,
) -> tuple[Float64Array, Int64Array]:
    """Return noisy XOR: Gaussian clouds around the corners of the unit square.

    The clouds sit at ``(0, 0)``, ``(0, 1)``, ``(1, 0)`` and ``(1, 1)``, the
    rows of the XOR truth table, and carry its labels ``0, 1, 1, 0``. No line
    separates them.

    Parameters
    ----------
    n_samples : int, default=200
        The number of points, at least 4, shared as evenly as possible among
        the four clouds.
    noise : float, default=0.15
        The standard deviation of each cloud, >= 0 (0 gives the bare corners).
    random_state : int, numpy.random.Generator or None, default=None
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X : ndarray of float64 of shape (n_samples, 2)
        The points, in random order.
    y : ndarray of int64 of shape (n_samples,)
        Their classes, 0 or 1.

    Raises
    ------
    TypeError, ValueError
        If ``n_samples`` is not an integer >= 4, ``noise`` not a finite
        number >= 0, or ``random_state`` invalid.

    Examples
    --------
    >>> X, y = make_xor(8, noise=0.0, random_state=0)
    >>> sorted(zip(X.tolist(), y.tolist()))[:3]
    [([0.0, 0.0], 0), ([0.0, 0.0], 0), ([0.0, 1.0], 1)]
    """
    n = check_int_at_least(n_samples, name="n_samples", minimum=4)
    sigma = check_nonnegative_float(noise, name="noise")
    rng = check_random_state(random_state)
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    corner_labels = np.array([0, 1, 1, 0], dtype=np.int64)
    which = np.arange(n) % 4
    X = corners[which] + rng.normal(scale=sigma, size=(n, 2))
    order = rng.permutation(n)
    return X[order], corner_labels[which][order]


def make_wave(
    n_samples: int = 100,
    *,
    noise: float = 0.1,
    random_state: RandomState = None,
) -> tuple[Float64Array, Float64Array]:
    r"""Return a noisy sine wave: a 1-D regression target.

    .. math:: y = \sin(\pi x) + \varepsilon, \quad x \sim U(-2, 2), \quad
              \varepsilon \sim N(0, \text{noise}^2)

    Two full periods: enough bends that a network with few hidden units
    visibly fails and one with more succeeds.

    Parameters
    ----------
    n_samples : int, default=100
        The number of points, at least 1.
    noise : float, default=0.1
        The standard deviation of the noise, >= 0 (0 gives the bare curve).
    random_state : int, numpy.random.Generator or None, default=None
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X : ndarray of float64 of shape (n_samples, 1)
        The inputs, sorted in increasing order so that ``plot(X, y)`` draws
        a curve.
    y : ndarray of float64 of shape (n_samples,)
        The targets.

    Raises
    ------
    TypeError, ValueError
        If ``n_samples`` is not a positive integer, ``noise`` not a finite
        number >= 0, or ``random_state`` invalid.

    Examples
    --------
    >>> X, y = make_wave(5, noise=0.0, random_state=0)
    >>> X.shape, y.shape
    ((5, 1), (5,))
    >>> bool(np.allclose(y, np.sin(np.pi * X[:, 0])))
    True
    """
    n = check_int_at_least(n_samples, name="n_samples", minimum=1)
    sigma = check_nonnegative_float(noise, name="noise")
    rng = check_random_state(random_state)
    x = np.sort(rng.uniform(-2.0, 2.0, size=n))
    y = np.sin(np.pi * x) + rng.normal(scale=sigma, size=n)
    return x[:, np.newaxis], y


#: The ten Fashion-MNIST classes, indexed by label (Xiao, Rasul and
#: Vollgraf, 2017).
FASHION_MNIST_CLASSES = _fashion_mnist.CLASS_NAMES

UInt8Array = npt.NDArray[np.uint8]


def load_fashion_mnist(
    *, data_dir: str | Path | None = None
) -> tuple[tuple[UInt8Array, UInt8Array], tuple[UInt8Array, UInt8Array]]:
    """Return Fashion-MNIST as ``(X_train, y_train), (X_test, y_test)``.

    The same arrays as ``keras.datasets.fashion_mnist.load_data()``: 60,000
    training and 10,000 test images of 28 x 28 ``uint8`` pixels, and their
    labels 0-9 (names in :data:`FASHION_MNIST_CLASSES`). Nothing is
    downloaded when the files are already on the machine. They are looked
    for, in order:

    1. in ``data_dir``, by default ``$NEURONS_DATA_DIR``, else
       ``~/.cache/neurons/fashion-mnist`` (``$XDG_CACHE_HOME`` is honoured);
    2. in ``/usr/share/datasets/fashion-mnist``, where Debian's package
       ``dataset-fashion-mnist`` puts them;
    3. in that package, fetched with ``apt-get download`` and unpacked with
       ``dpkg-deb -x`` (no root needed), where both exist;
    4. on the server Keras downloads from.

    Files found by 3 or 4 are copied into the cache folder. Every file's
    decompressed contents are checked against a SHA-256 digest before use,
    and a file is written under a temporary name and renamed only when
    complete.

    Parameters
    ----------
    data_dir : str or pathlib.Path, optional
        The cache folder to read and fill.

    Returns
    -------
    (X_train, y_train), (X_test, y_test) : tuple of tuples of ndarray
        ``X_*`` of shape ``(n, 28, 28)`` and ``y_*`` of shape ``(n,)``, uint8.

    Raises
    ------
    OSError
        If a file is truncated or its digest differs (the message names the
        file and both digests), or if no source has the files (the message
        says how to get them).

    References
    ----------
    H. Xiao, K. Rasul and R. Vollgraf, "Fashion-MNIST: a novel image dataset
    for benchmarking machine learning algorithms", arXiv:1708.07747, 2017.

    Examples
    --------
    >>> (X_train, y_train), (X_test, y_test) = load_fashion_mnist()  # doctest: +SKIP
    >>> X_train.shape, FASHION_MNIST_CLASSES[y_train[0]]  # doctest: +SKIP
    ((60000, 28, 28), 'Ankle boot')
    >>> len(FASHION_MNIST_CLASSES)
    10
    """
    folder = None if data_dir is None else Path(data_dir)
    return _fashion_mnist.load(data_dir=folder)
