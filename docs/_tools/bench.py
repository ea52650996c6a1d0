"""Benchmarks: ``neurons`` against scikit-learn, Keras and the hardware's floor.

``nox -s bench`` runs it (``-- --help`` lists the options). Each case times its
contenders alternately, round after round, and keeps each one's median,
minimum and maximum; what matters is the ratios, measured side by side. The
table is printed and written as JSON and Markdown to ``docs/_build/bench``;
``--record`` writes ``docs/performance_run.json``, the run the Performance
appendix shows. In ``MLP_CASES`` every contender trains the same network with
the same plain mini-batch SGD; Keras compiles its step before the clock starts;
the plain NumPy loop is what a reader would type, with no checks; the floor is
the time of the bare matrix products of an epoch, in the case's dtype. ``PERCEPTRON_CASES`` time ``Perceptron.fit`` against scikit-learn's.
``--book`` also times the book's build (minutes: not in the default run).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import itertools
import json
import math
import os
import platform
import pstats
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import book
import numpy as np
import threadpoolctl  # type: ignore[import-untyped]
from sklearn.datasets import load_digits, load_iris
from sklearn.exceptions import ConvergenceWarning  # neurons' is a subclass
from sklearn.linear_model import Perceptron as SklearnPerceptron
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

import neurons
from neurons._training import TrainingStep, packed
from neurons.mlp import _batches

os.environ.update({**book.ENV, **os.environ})  # Keras on JAX, CPU, unless told
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "_build" / "bench"
RECORD = ROOT / "docs" / "performance_run.json"  # the run the appendix shows
SEED = 0
FLOOR = "floor (matmuls)"
PLAIN = "plain NumPy loop"
MIN_ROUND = 0.25  # seconds: a shorter run is repeated within its round
Data = tuple[Any, ...]  # X_train, X_test, y_train, y_test
Row = dict[str, Any]  # one line of the table, as the record stores it


@functools.cache
def digits() -> Data:
    """Scaled digits, a seeded stratified 75/25 split (scikit-learn ships them)."""
    X, y = load_digits(return_X_y=True)
    split = train_test_split(X / 16.0, y, test_size=0.25, random_state=SEED, stratify=y)
    return tuple(split)


@functools.cache
def mnist_sized() -> Data:
    """Make a synthetic, learnable MNIST-sized set: 60,000 x 784, 10 classes.

    Inputs are noisy copies of ten random prototypes, so a network can learn
    them and the accuracies mean something; the shapes are what is timed.
    """
    rng = np.random.default_rng(SEED)
    prototypes = rng.random((10, 784))
    y = rng.integers(0, 10, size=70_000)
    X = prototypes[y] + rng.normal(scale=1.0, size=(70_000, 784))
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    return X[:60_000], X[60_000:], y[:60_000], y[60_000:]


def fashion_mnist() -> Data:
    """Fashion-MNIST as Geron prepares it: pixels / 255, images flattened."""
    (X_train, y_train), (X_test, y_test) = neurons.datasets.load_fashion_mnist()
    flat = [X.reshape(len(X), -1) / 255.0 for X in (X_train, X_test)]
    return *flat, y_train.astype(np.intp), y_test.astype(np.intp)


class MLPCase(NamedTuple):
    """One MLP training case: every contender trains this network on this data."""

    name: str
    data: Callable[[], Data]
    sizes: tuple[int, ...]
    epochs: int
    batch_size: int
    eta: float
    dtype: str = "float64"  # ours and the floor's; Keras's is always float32
    with_sklearn: bool = True


BIG = (784, 300, 100, 10)
MLP_CASES = [
    MLPCase("(a) digits 64-100-10", digits, (64, 100, 10), 20, 32, 0.1),
    MLPCase("(b) 60000x784, 784-300-100-10", mnist_sized, BIG, 2, 128, 0.01),
    MLPCase(
        "(b32) 60000x784, 784-300-100-10, float32",
        *(mnist_sized, BIG, 2, 128, 0.01),
        dtype="float32",
        with_sklearn=False,
    ),
    MLPCase("(c) Fashion-MNIST, 784-300-100-10", fashion_mnist, BIG, 1, 128, 0.01),
]


def separable(n_samples: int, n_features: int) -> tuple[Any, Any]:
    """``make_separable``'s two classes, lifted by noise to ``n_features``."""
    X, y = neurons.datasets.make_separable(n_samples, random_state=SEED)
    rng = np.random.default_rng(SEED)
    noise = rng.normal(scale=0.1, size=(n_samples, n_features - 2))
    return np.hstack([X, noise]), y  # still separable: zero weights on the noise


PERCEPTRON_CASES: dict[str, Callable[[], tuple[Any, Any]]] = {
    "perceptron iris": lambda: load_iris(return_X_y=True),
    "perceptron 10000x20": lambda: separable(10_000, 20),
    "perceptron 20000x30": lambda: separable(20_000, 30),
}


def rounds(
    contenders: dict[str, Callable[[], Any]], repeats: int
) -> tuple[dict[str, list[float]], dict[str, Any]]:
    """Run the contenders in turn, ``repeats`` rounds; return times, last results.

    Alternating them means a burst of load on the machine hits each alike. In
    a round, a contender that runs in less than ``MIN_ROUND`` seconds runs
    again until that much time has passed, and the mean per run is its time:
    a burst shorter than that is averaged out instead of deciding the round.
    Each stops after the epochs it is given, by design: no convergence warning.
    """
    times: dict[str, list[float]] = {who: [] for who in contenders}
    results: dict[str, Any] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for _ in range(repeats):
            for who, run in contenders.items():
                calls, start, elapsed = 0, time.perf_counter(), 0.0
                while elapsed < MIN_ROUND:
                    results[who] = run()
                    calls += 1
                    elapsed = time.perf_counter() - start
                times[who].append(elapsed / calls)
    return times, results


def row(
    case: str,
    who: str,
    samples: list[float],
    *,
    accuracy: float | None = None,
    note: str = "",
    dtype: str = "float64",
) -> Row:
    """One line of the table, as the record stores it: median, spread, samples."""
    median = statistics.median(samples)
    line = {"case": case, "contender": who, "seconds": median, "accuracy": accuracy}
    line |= {"note": note, "samples": samples, "dtype": dtype}
    return line | {"min": min(samples), "max": max(samples)}


def new_network(sizes: tuple[int, ...], dtype: str = "float64") -> neurons.MLP:
    """Return the network every contender starts from: ReLU hidden, softmax out."""
    return neurons.MLP(
        sizes,
        activation="relu",
        output_activation="softmax",
        loss="categorical_crossentropy",
        random_state=SEED,
        dtype=dtype,
    )


def train_neurons(case: MLPCase, X: Any, y: Any) -> neurons.MLP:
    """Train ``neurons.MLP`` with plain mini-batch SGD."""
    net = new_network(case.sizes, case.dtype)
    Y = np.eye(case.sizes[-1])[y]
    net.fit(
        X,
        Y,
        epochs=case.epochs,
        batch_size=case.batch_size,
        learning_rate=case.eta,
        momentum=0.0,
        random_state=SEED,
    )
    return net


def train_sklearn(case: MLPCase, X: Any, y: Any) -> MLPClassifier:
    """Train scikit-learn's MLPClassifier with the same plain SGD."""
    # Its defaults: ReLU, a constant learning rate, shuffled every epoch.
    model = MLPClassifier(
        case.sizes[1:-1],
        solver="sgd",
        learning_rate_init=case.eta,
        momentum=0.0,
        nesterovs_momentum=False,  # else it computes each update twice
        alpha=0.0,
        batch_size=case.batch_size,
        max_iter=case.epochs,
        n_iter_no_change=case.epochs + 1,  # run every epoch: no early stop
        tol=0.0,
        random_state=SEED,
    )
    return model.fit(X, y)


def train_plain(case: MLPCase, X: Any, y: Any) -> Callable[[Any], Any]:
    """Train the same network with a plain NumPy loop; return its forward pass.

    The loop a reader would type: ReLU, softmax, mini-batch SGD, in place, in
    the case's dtype, with no checks, no cost and no divergence test. It
    starts from the same weights as ours and shuffles as ours does.
    """
    net = new_network(case.sizes, case.dtype)
    W = [w.copy() for w in net.weights]
    b = [v.copy() for v in net.biases]
    X = np.asarray(X, dtype=case.dtype)
    Y = np.eye(case.sizes[-1], dtype=case.dtype)[y]
    rng = np.random.default_rng(SEED)
    for _ in range(case.epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), case.batch_size):
            rows = order[start : start + case.batch_size]
            a = [X[rows]]
            for l in range(len(W)):
                z = a[l] @ W[l] + b[l]
                a.append(np.maximum(z, 0) if l < len(W) - 1 else z)
            p = np.exp(a[-1] - a[-1].max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            delta = (p - Y[rows]) / len(rows)
            for l in reversed(range(len(W))):
                dW, db = a[l].T @ delta, delta.sum(axis=0)
                if l > 0:
                    delta = (delta @ W[l].T) * (a[l] > 0)
                W[l] -= case.eta * dW
                b[l] -= case.eta * db

    def forward(X: Any) -> Any:
        a = np.asarray(X, dtype=case.dtype)
        for l in range(len(W)):
            a = a @ W[l] + b[l]
            a = np.maximum(a, 0) if l < len(W) - 1 else a
        return a  # the class scores: their argmax is the class

    return forward


def keras_trainer(case: MLPCase, X: Any, y: Any) -> Callable[[], Any]:
    """Compile Keras's model (float32) on a warm-up batch; return its trainer.

    The model is ``to_keras`` of ours' starting network: the same weights, which
    each call restores before training. A call returns the model's ``predict``.
    """
    import keras

    keras.utils.set_random_seed(SEED)  # seeds Keras's shuffling
    model = neurons.to_keras(new_network(case.sizes))
    # Integer labels: the same loss as categorical cross-entropy on one-hot.
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=case.eta, momentum=0.0),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    initial = [np.asarray(w.value) for w in model.weights]
    model.fit(X[: case.batch_size], y[: case.batch_size], epochs=1, verbose=0)

    def train() -> Callable[[Any], Any]:
        for variable, value in zip(model.weights, initial, strict=True):
            variable.assign(value)
        X32 = X.astype(np.float32)
        model.fit(X32, y, epochs=case.epochs, batch_size=case.batch_size, verbose=0)
        return lambda X: model.predict(X.astype(np.float32), batch_size=1024, verbose=0)

    return train


def floor_epoch(case: MLPCase, n_samples: int) -> Callable[[], None]:
    """Return one epoch of backprop's bare matrix products at the case's shapes."""
    rng = np.random.default_rng(SEED)
    sizes, dtype = case.sizes, case.dtype
    shapes = itertools.pairwise(sizes)
    W = [rng.standard_normal(shape).astype(dtype) for shape in shapes]
    A = [rng.standard_normal((case.batch_size, n)).astype(dtype) for n in sizes]

    def one_epoch() -> None:
        for _ in range(-(-n_samples // case.batch_size)):
            for a, w in zip(A[:-1], W, strict=True):  # forward: a^{l-1} W^l
                a @ w
            delta = A[-1]
            for layer in range(len(W) - 1, -1, -1):
                A[layer].T @ delta  # the gradient of W^l
                if layer > 0:  # no delta is needed for the inputs
                    delta = delta @ W[layer].T

    return one_epoch


def mlp_case(case: MLPCase, repeats: int, quick: bool = False) -> list[Row]:
    """Time the contenders on one case; report medians, spreads, test accuracies.

    Each trainer returns its model's class scores for inputs, so that the test
    accuracy is computed alike for all, outside the clock.
    """
    X_train, X_test, y_train, y_test = case.data()
    if quick:  # a smoke run
        X_train, y_train = X_train[:6000], y_train[:6000]
    contenders: dict[str, Callable[[], Any]] = {
        "neurons": lambda: train_neurons(case, X_train, y_train).forward,
        "scikit-learn": lambda: train_sklearn(case, X_train, y_train).predict_proba,
        PLAIN: lambda: train_plain(case, X_train, y_train),
        "keras": keras_trainer(case, X_train, y_train),
        FLOOR: floor_epoch(case, len(X_train)),  # one epoch, times epochs below
    }
    if not case.with_sklearn:
        del contenders["scikit-learn"]
    times, scores = rounds(contenders, repeats)
    floor = [seconds * case.epochs for seconds in times.pop(FLOOR)]
    rows = []
    for who, samples in times.items():  # labels are 0, 1, ...: argmax is the class
        hits = scores[who](X_test).argmax(axis=1) == y_test
        dtype = "float32" if who == "keras" else case.dtype
        note = "no checks, no cost" if who == PLAIN else ""
        accuracy = float(hits.mean())
        rows.append(
            row(case.name, who, samples, accuracy=accuracy, note=note, dtype=dtype)
        )
    note = "bare BLAS products"
    return [*rows, row(case.name, FLOOR, floor, note=note, dtype=case.dtype)]


def perceptron_case(name: str, X: Any, y: Any, repeats: int) -> list[Row]:
    """Time ``Perceptron.fit`` against scikit-learn's: same epochs, no shuffling."""
    ours = neurons.Perceptron(shuffle=False, max_epochs=20)
    contenders: dict[str, Callable[[], Any]] = {
        "neurons": lambda: ours.fit(X, y),
        # As many epochs as ours ran: it stops after an epoch without mistakes.
        "scikit-learn": lambda: SklearnPerceptron(
            shuffle=False, tol=None, max_iter=ours.n_epochs_
        ).fit(X, y),
    }
    times, fitted = rounds(contenders, repeats)
    theirs = fitted["scikit-learn"]
    # One unit for two classes (coef_ has one row), one per class for more.
    W, b = np.atleast_2d(ours.weights_), np.atleast_1d(ours.bias_)
    same = np.array_equal(W, theirs.coef_) and np.array_equal(b, theirs.intercept_)
    note = f"{ours.n_epochs_} epochs, " + ("same weights" if same else "WEIGHTS DIFFER")
    return [
        row(name, who, samples, accuracy=float(fitted[who].score(X, y)), note=note)
        for who, samples in times.items()
    ]


def book_build_case() -> list[Row]:
    """Time a clean build of the book (executing every page) and a rebuild."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label in ("clean build", "rebuild, no change"):
            start = time.perf_counter()
            book.build(Path(tmp))  # the same cache and doctrees the second time
            rows.append(row("book", label, [time.perf_counter() - start]))
    return rows


def profile_fit(top: int = 8) -> dict[str, Any]:
    """Profile ``MLP.fit`` on case (a): the ``top`` functions by own time.

    Products written ``A @ B`` count in their caller's own time: cProfile sees
    only Python-level calls.
    """
    case = MLP_CASES[0]
    X, _, y, _ = case.data()
    train_neurons(case._replace(epochs=1), X, y)  # imports and caches warm
    profiler = cProfile.Profile()
    profiler.runcall(train_neurons, case, X, y)
    # (file, line, function) -> (primitive calls, calls, own time, ...)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(value[2] for value in stats.values())
    slowest = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:top]
    return {
        "case": f"{case.name}, {case.epochs} epochs, MLP.fit",
        "total_seconds": total,
        "calls": sum(value[1] for value in stats.values()),
        "top": [
            {
                "function": f"{Path(file).name}:{line}({name})",
                "calls": value[1],
                "own_seconds": value[2],
                "share": value[2] / total,
            }
            for (file, line, name), value in slowest
        ],
    }


def step_breakdown(case: MLPCase, repeats: int = 5) -> Row:
    """Time the parts of ``case``'s training step, in microseconds per batch.

    The loop below is ``MLP.fit``'s, taken apart: the package's own calls
    (the next batch, :class:`~neurons._training.TrainingStep`, the divergence
    check, the optimizer's step on the flat parameters), each timed in place,
    batch after batch for an epoch, so that the caches hold what they hold in
    ``fit``. Each round also times an epoch of the floor's products and one of
    ``fit`` itself, alternately. Each number is the median over ``repeats``
    rounds.
    """
    X, _, y, _ = case.data()
    X = np.asarray(X, dtype=case.dtype)
    Y = np.eye(case.sizes[-1], dtype=case.dtype)[y]
    net = new_network(case.sizes, case.dtype)
    arrays = net._weights + net._biases
    parameters, views = packed([p.shape for p in arrays], case.dtype)
    for view, array in zip(views, arrays, strict=True):
        view[...] = array
    L = net.n_layers
    net._weights, net._biases = views[:L], views[L:]
    step = TrainingStep(net, case.batch_size, rows_sum_to_one=True)
    optimizer = neurons.optimizers.SGD(case.eta)
    optimizer._prepare([parameters])
    rng = np.random.default_rng(SEED)
    n_batches = -(-len(X) // case.batch_size)

    def epoch_in_parts() -> dict[str, float]:
        times = dict.fromkeys(("batch", "step", "check", "update"), 0.0)
        batches = _batches(X, Y, rng.permutation(len(X)), case.batch_size)
        for _ in range(n_batches):
            t0 = time.perf_counter()
            X_batch, Y_batch = next(batches)
            t1 = time.perf_counter()
            cost = step(X_batch, Y_batch)
            t2 = time.perf_counter()
            math.isfinite(cost + np.add.reduce(step.gradient))
            t3 = time.perf_counter()
            optimizer._step([step.gradient], [parameters])
            t4 = time.perf_counter()
            spent = (t1 - t0, t2 - t1, t3 - t2, t4 - t3)
            for part, seconds in zip(times, spent, strict=True):
                times[part] += seconds
        return times

    floor = floor_epoch(case, len(X))
    fit = functools.partial(train_neurons, case._replace(epochs=1), X, y)
    parts: dict[str, list[float]] = {}
    for _ in range(repeats):
        times = epoch_in_parts()
        for part, run in (("floor", floor), ("fit", fit)):
            start = time.perf_counter()
            run()
            times[part] = time.perf_counter() - start
        for part, seconds in times.items():
            parts.setdefault(part, []).append(seconds / n_batches * 1e6)
    medians = {part: statistics.median(samples) for part, samples in parts.items()}
    return {"case": case.name, "dtype": case.dtype, "microseconds": medians}


def machine() -> dict[str, Any]:
    """Describe the machine, Python, NumPy and the BLAS: library, kernel, threads."""
    keys = ("internal_api", "version", "architecture", "num_threads")
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": [
            {key: pool.get(key) for key in keys}
            for pool in threadpoolctl.threadpool_info()
            if pool.get("user_api") == "blas"
        ],
    }


def ratios(rows: list[Row]) -> dict[str, dict[str, float]]:
    """Ours divided by each other contender, per case."""
    result: dict[str, dict[str, float]] = {}
    for case in dict.fromkeys(line["case"] for line in rows):
        seconds = {r["contender"]: r["seconds"] for r in rows if r["case"] == case}
        if "neurons" in seconds:  # not the book's build
            ours = seconds.pop("neurons")
            result[case] = {f"neurons / {who}": ours / t for who, t in seconds.items()}
    return result


def markdown(rows: list[Row], quotients: dict[str, dict[str, float]]) -> str:
    """Format the results as two Markdown tables: times, then ratios."""
    lines = [
        "| case | contender | dtype | median time (s) | min-max (s) | accuracy | note |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    for line in rows:
        acc = "" if line["accuracy"] is None else f"{line['accuracy']:.3f}"
        lines.append(
            f"| {line['case']} | {line['contender']} | {line['dtype']} "
            f"| {line['seconds']:.3f} | {line['min']:.3f}-{line['max']:.3f} "
            f"| {acc} | {line['note']} |"
        )
    lines += ["", "| case | ratio | value |", "|---|---|---:|"]
    for case, values in quotients.items():
        lines += [
            f"| {case} | {name} | {value:.2f} |" for name, value in values.items()
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run the benchmarks and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--repeats", type=int, default=3, help="rounds per case (default: 3)")
    add("--quick", action="store_true", help="a smoke run: 6,000 training rows")
    add("--book", action="store_true", help="also time the book's build (minutes)")
    add("--record", action="store_true", help=f"also write {RECORD.name}")
    add("--profile-as", metavar="LABEL", help="only profile MLP.fit, into the record")
    add("--breakdown", action="store_true", help="only time the parts of a step")
    args = parser.parse_args()
    if args.quick and args.record:
        parser.error("--record needs the full cases: drop --quick")
    record = json.loads(RECORD.read_text()) if RECORD.exists() else {}
    if args.profile_as:
        record.setdefault("profiles", {})[args.profile_as] = profile_fit()
        RECORD.write_text(json.dumps(record, indent=2) + "\n")
        print(json.dumps(record["profiles"][args.profile_as], indent=2))
        return

    if args.breakdown:
        breakdowns = [step_breakdown(case) for case in MLP_CASES[:3]]
        for line in breakdowns:
            print(
                line["case"], {k: round(v, 1) for k, v in line["microseconds"].items()}
            )
        if args.record:
            record["breakdown"] = breakdowns
            RECORD.write_text(json.dumps(record, indent=2) + "\n")
            print(f"recorded for the book in {RECORD}")
        return

    rows = [
        line for case in MLP_CASES for line in mlp_case(case, args.repeats, args.quick)
    ]
    for name, data in PERCEPTRON_CASES.items():
        rows += perceptron_case(name, *data(), repeats=args.repeats)
    if args.book:
        rows += book_build_case()
    quotients = ratios(rows)
    report = {
        "recorded": time.strftime("%Y-%m-%d"),
        "machine": machine(),
        "repeats": args.repeats,
        "rows": rows,
        "ratios": quotients,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench.json").write_text(json.dumps(report, indent=2) + "\n")
    table = markdown(rows, quotients)
    (OUT / "bench.md").write_text(table)
    print(table, f"written to {OUT}/bench.json and bench.md", sep="\n")
    if args.record:  # keeping the profiles and the breakdown recorded before
        report["profiles"] = record.get("profiles", {})
        report["breakdown"] = record.get("breakdown", [])
        RECORD.write_text(json.dumps(report, indent=2) + "\n")
        print(f"recorded for the book in {RECORD}")


if __name__ == "__main__":
    main()
