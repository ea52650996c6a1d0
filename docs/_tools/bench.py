"""Benchmarks: ``neurons`` against scikit-learn, Keras and the hardware's floor.

Run through ``nox -s bench``. Every comparison is measured side by side in
one run, alternating the contenders, and reported as the median of several
repeats; ratios are what matter, since absolute times depend on the machine.
Results are printed as a table and written as JSON and Markdown to
``docs/_build/bench``. Nothing here asserts a timing.

Cases
-----
MLP training, the same architecture and the same plain mini-batch SGD (no
momentum, no weight decay, same epochs, batch size and learning rate) for
``neurons.MLP``, scikit-learn's ``MLPClassifier(solver="sgd")`` and Keras:

* (a) scikit-learn's digits, 64-100-10, batch 32, 20 epochs: the small shape;
* (b) a synthetic MNIST-sized set, 60,000 x 784, 784-300-100-10, batch 128,
  2 epochs, in float64 (ours, scikit-learn) and Keras's float32;
* (b32) the same in float32, ours (``dtype="float32"``) against Keras;
* (c) Fashion-MNIST, the real data, 784-300-100-10, batch 128, 1 epoch.

The floor is the time of the bare matrix products one epoch must do at those
shapes (three forward products and five backward ones per batch), with the
same NumPy, BLAS and threads, in the case's dtype. Keras's training step is
compiled on a warm-up batch outside the clock. Every contender's times are
reported as median, minimum and maximum over the rounds. Perceptron ``fit``
is timed against scikit-learn's on iris, 10,000 x 20 and 20,000 x 30
separable data; ``--book`` adds the book's build, clean and unchanged (it
takes minutes, so it is not part of the default run, which stays under five).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import numpy as np
import numpy.typing as npt
import threadpoolctl

import neurons

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "_build" / "bench"
# The run that the book's Performance appendix shows (``--record`` rewrites it).
RECORD = ROOT / "docs" / "performance_run.json"
SEED = 0


@dataclass
class Row:
    """One line of the results table."""

    case: str
    contender: str
    seconds: float
    accuracy: float | None = None
    note: str = ""
    samples: list[float] = field(default_factory=list)
    dtype: str = "float64"

    @property
    def spread(self) -> tuple[float, float]:
        """The fastest and slowest round."""
        return (min(self.samples), max(self.samples)) if self.samples else (0.0, 0.0)


def median_time(fn: Callable[[], Any], repeats: int) -> tuple[float, list[float], Any]:
    """Run ``fn`` ``repeats`` times; return the median seconds, all, last result."""
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


# -- data -------------------------------------------------------------------------


def digits_data() -> tuple[npt.NDArray[np.float64], ...]:
    """Scaled digits, a seeded 75/25 split (scikit-learn ships the data)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    return tuple(train_test_split(X, y, test_size=0.25, random_state=SEED, stratify=y))


def mnist_sized_data() -> tuple[npt.NDArray[np.float64], ...]:
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


# -- contenders ---------------------------------------------------------------------


def fashion_mnist_data() -> tuple[npt.NDArray[Any], ...]:
    """Fashion-MNIST as Geron prepares it: pixels / 255, images flattened."""
    (X_train, y_train), (X_test, y_test) = neurons.datasets.load_fashion_mnist()
    return (
        X_train.reshape(len(X_train), -1) / 255.0,
        X_test.reshape(len(X_test), -1) / 255.0,
        y_train.astype(np.intp),
        y_test.astype(np.intp),
    )


def new_network(sizes: tuple[int, ...], dtype: str = "float64") -> neurons.MLP:
    """Return the network every contender starts from: ReLU hidden, softmax out."""
    # dtype only when asked, so that a profile of an older neurons runs too.
    options = {} if dtype == "float64" else {"dtype": dtype}
    return neurons.MLP(
        sizes,
        activation="relu",
        output_activation="softmax",
        loss="categorical_crossentropy",
        random_state=SEED,
        **options,
    )


def train_neurons(
    X: Any,
    y: Any,
    sizes: tuple[int, ...],
    *,
    epochs: int,
    batch_size: int,
    eta: float,
    dtype: str = "float64",
) -> neurons.MLP:
    """Train ``neurons.MLP`` with plain mini-batch SGD."""
    net = new_network(sizes, dtype)
    Y = np.eye(sizes[-1])[y]
    net.fit(
        X,
        Y,
        epochs=epochs,
        batch_size=batch_size,
        learning_rate=eta,
        momentum=0.0,
        random_state=SEED,
    )
    return net


def train_sklearn(
    X: Any, y: Any, sizes: tuple[int, ...], *, epochs: int, batch_size: int, eta: float
) -> Any:
    """Train scikit-learn's MLPClassifier with the same plain SGD."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=sizes[1:-1],
        activation="relu",
        solver="sgd",
        learning_rate="constant",
        learning_rate_init=eta,
        momentum=0.0,
        nesterovs_momentum=False,
        alpha=0.0,
        batch_size=batch_size,
        max_iter=epochs,
        n_iter_no_change=epochs + 1,  # run every epoch: no early stop
        tol=0.0,
        shuffle=True,
        random_state=SEED,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)
    return model


class KerasTrainer:
    """Keras (JAX backend, CPU, float32) with the same plain SGD.

    The model is ``neurons.to_keras`` of the network ours starts from, so both
    begin with the same weights. Its training step is compiled once, on a
    warm-up batch, outside the timing; each timed run restores those weights.
    """

    def __init__(
        self, sizes: tuple[int, ...], *, batch_size: int, eta: float, X: Any, y: Any
    ) -> None:
        import keras

        keras.utils.set_random_seed(SEED)  # seeds Keras's shuffling
        self.model = neurons.to_keras(new_network(sizes))
        # Integer labels: the same loss as categorical cross-entropy on one-hot.
        self.model.compile(
            optimizer=keras.optimizers.SGD(learning_rate=eta, momentum=0.0),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        self.initial = [np.asarray(w.value) for w in self.model.weights]
        self.batch_size = batch_size
        self.model.fit(X[:batch_size], y[:batch_size], epochs=1, verbose=0)

    def __call__(self, X: Any, y: Any, *, epochs: int) -> Any:
        """Train from the initial weights for ``epochs``; return the model."""
        for variable, value in zip(self.model.weights, self.initial, strict=True):
            variable.assign(value)
        self.model.fit(
            X.astype(np.float32),
            y,
            epochs=epochs,
            batch_size=self.batch_size,
            shuffle=True,
            verbose=0,
        )
        return self.model


def floor_epoch(
    n_samples: int,
    sizes: tuple[int, ...],
    batch_size: int,
    repeats: int,
    dtype: str = "float64",
) -> float:
    """Median time of the bare matrix products of one epoch of backprop."""
    rng = np.random.default_rng(SEED)
    W = [rng.standard_normal((m, n), dtype) for m, n in itertools.pairwise(sizes)]
    X = rng.standard_normal((batch_size, sizes[0]), dtype)
    A = [X] + [rng.standard_normal((batch_size, n), dtype) for n in sizes[1:]]
    n_batches = -(-n_samples // batch_size)

    def one_epoch() -> None:
        for _ in range(n_batches):
            for layer, w in enumerate(W):  # forward: A[l] @ W[l]
                A[layer] @ w
            delta = A[-1]
            for layer in range(len(W) - 1, -1, -1):
                A[layer].T @ delta  # dW
                if layer > 0:  # no delta is needed for the inputs
                    delta = delta @ W[layer].T

    return median_time(one_epoch, repeats)[0]


# -- cases --------------------------------------------------------------------------


def mlp_case(
    name: str,
    data: tuple[Any, ...],
    sizes: tuple[int, ...],
    *,
    epochs: int,
    batch_size: int,
    eta: float,
    repeats: int,
    with_keras: bool,
    with_sklearn: bool = True,
    dtype: str = "float64",
) -> list[Row]:
    """Time the trainers alternately; report medians, spreads and accuracies."""
    X_train, X_test, y_train, y_test = data
    keras_trainer = (
        KerasTrainer(sizes, batch_size=batch_size, eta=eta, X=X_train, y=y_train)
        if with_keras
        else None
    )
    times: dict[str, list[float]] = {
        "neurons": [],
        "scikit-learn": [],
        "keras": [],
        "floor (matmuls)": [],
    }
    accuracy: dict[str, float] = {}
    for _ in range(repeats):
        start = time.perf_counter()
        net = train_neurons(
            X_train,
            y_train,
            sizes,
            epochs=epochs,
            batch_size=batch_size,
            eta=eta,
            dtype=dtype,
        )
        times["neurons"].append(time.perf_counter() - start)
        accuracy["neurons"] = float(
            np.mean(net.forward(X_test).argmax(axis=1) == y_test)
        )

        if with_sklearn:
            start = time.perf_counter()
            model = train_sklearn(
                X_train, y_train, sizes, epochs=epochs, batch_size=batch_size, eta=eta
            )
            times["scikit-learn"].append(time.perf_counter() - start)
            accuracy["scikit-learn"] = float(model.score(X_test, y_test))

        if keras_trainer is not None:
            start = time.perf_counter()
            kmodel = keras_trainer(X_train, y_train, epochs=epochs)
            times["keras"].append(time.perf_counter() - start)
            predictions = kmodel.predict(
                X_test.astype(np.float32), batch_size=1024, verbose=0
            )
            accuracy["keras"] = float(np.mean(predictions.argmax(axis=1) == y_test))

        # The floor, measured in the same round as the others.
        times["floor (matmuls)"].append(
            floor_epoch(len(X_train), sizes, batch_size, repeats=1, dtype=dtype)
            * epochs
        )

    return [
        Row(
            name,
            who,
            statistics.median(t),
            accuracy.get(who),
            note="bare BLAS products" if who.startswith("floor") else "",
            samples=t,
            dtype="float32" if who == "keras" else dtype,
        )
        for who, t in times.items()
        if t
    ]


def perceptron_case(name: str, X: Any, y: Any, *, repeats: int) -> list[Row]:
    """Time ``neurons.Perceptron`` against scikit-learn's, same epochs, no shuffle."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import Perceptron as SkPerceptron

    ours = neurons.Perceptron(shuffle=False, max_epochs=20)
    times_ours, times_sk = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", neurons.ConvergenceWarning)
            ours.fit(X, y)
        times_ours.append(time.perf_counter() - start)
        sk = SkPerceptron(shuffle=False, tol=None, max_iter=ours.n_epochs_)
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            sk.fit(X, y)
        times_sk.append(time.perf_counter() - start)
    # One unit for two classes (coef_ has one row), one per class for more.
    same = np.array_equal(np.atleast_2d(ours.weights_), sk.coef_) and np.array_equal(
        np.atleast_1d(ours.bias_), sk.intercept_
    )
    note = f"{ours.n_epochs_} epochs, " + ("same weights" if same else "WEIGHTS DIFFER")
    return [
        Row(
            name,
            "neurons",
            statistics.median(times_ours),
            ours.score(X, y),
            note,
            times_ours,
        ),
        Row(
            name,
            "scikit-learn",
            statistics.median(times_sk),
            sk.score(X, y),
            note,
            times_sk,
        ),
    ]


def book_build_case() -> list[Row]:
    """Time a clean book build (executing every page) and an unchanged rebuild."""
    with tempfile.TemporaryDirectory() as tmp:
        out, cache = Path(tmp) / "html", Path(tmp) / "cache"
        command = [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            "-n",
            "-W",
            "--keep-going",
            "-D",
            f"nb_execution_cache_path={cache}",
            str(ROOT / "docs"),
            str(out),
        ]
        rows = []
        for label in ("clean build", "rebuild, no change"):
            start = time.perf_counter()
            subprocess.run(
                command, check=True, env=os.environ | {"KERAS_BACKEND": "jax"}
            )
            rows.append(Row("book", label, time.perf_counter() - start))
        shutil.rmtree(out, ignore_errors=True)
    return rows


# -- profile --------------------------------------------------------------------------


def profile_fit(top: int = 8) -> dict[str, Any]:
    """Profile ``MLP.fit`` on case (a) with cProfile: where the time goes.

    Returns the total and the ``top`` functions by own time (time spent in the
    function itself, not in what it calls). BLAS products called through
    ``@`` count as their caller's own time, since cProfile sees only Python-
    level calls.
    """
    import cProfile
    import pstats

    X_train, _, y_train, _ = digits_data()
    train_neurons(X_train, y_train, (64, 100, 10), epochs=1, batch_size=32, eta=0.1)
    profiler = cProfile.Profile()
    profiler.enable()
    train_neurons(X_train, y_train, (64, 100, 10), epochs=20, batch_size=32, eta=0.1)
    profiler.disable()
    stats = pstats.Stats(profiler)
    entries = sorted(
        stats.stats.items(),  # type: ignore[attr-defined]
        key=lambda item: item[1][2],
        reverse=True,
    )
    total = stats.total_tt  # type: ignore[attr-defined]
    return {
        "case": "(a) digits 64-100-10, 20 epochs, MLP.fit",
        "total_seconds": total,
        "calls": sum(value[1] for value in stats.stats.values()),  # type: ignore[attr-defined]
        "top": [
            {
                "function": f"{Path(file).name}:{line}({name})",
                "calls": value[1],
                "own_seconds": value[2],
                "share": value[2] / total,
            }
            for (file, line, name), value in entries[:top]
        ],
    }


# -- report ---------------------------------------------------------------------------


def ratios(rows: list[Row]) -> dict[str, dict[str, float]]:
    """Ours divided by each other contender, per case."""
    result: dict[str, dict[str, float]] = {}
    for case in dict.fromkeys(row.case for row in rows):
        by_who = {row.contender: row.seconds for row in rows if row.case == case}
        if "neurons" not in by_who:
            continue
        result[case] = {
            f"neurons / {who}": by_who["neurons"] / seconds
            for who, seconds in by_who.items()
            if who != "neurons"
        }
    return result


def markdown(rows: list[Row], quotients: dict[str, dict[str, float]]) -> str:
    """Format the results as Markdown tables."""
    lines = [
        "| case | contender | dtype | median time (s) | min-max (s) | accuracy | note |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    for row in rows:
        acc = f"{row.accuracy:.3f}" if row.accuracy is not None else ""
        low, high = row.spread
        lines.append(
            f"| {row.case} | {row.contender} | {row.dtype} | {row.seconds:.3f} "
            f"| {low:.3f}-{high:.3f} | {acc} | {row.note} |"
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
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-keras", action="store_true")
    parser.add_argument(
        "--book", action="store_true", help="also time the book's build (minutes)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="small case (b) for a smoke run"
    )
    parser.add_argument(
        "--record",
        action="store_true",
        help="also write docs/performance_run.json, the run the book shows",
    )
    parser.add_argument(
        "--profile-as",
        metavar="LABEL",
        help="only profile MLP.fit and store it under LABEL in the record",
    )
    args = parser.parse_args()
    if args.profile_as:
        record = json.loads(RECORD.read_text()) if RECORD.exists() else {}
        record.setdefault("profiles", {})[args.profile_as] = profile_fit()
        RECORD.write_text(json.dumps(record, indent=2) + "\n")
        print(json.dumps(record["profiles"][args.profile_as], indent=2))
        return

    rows: list[Row] = []
    rows += mlp_case(
        "(a) digits 64-100-10",
        digits_data(),
        (64, 100, 10),
        epochs=20,
        batch_size=32,
        eta=0.1,
        repeats=args.repeats,
        with_keras=not args.no_keras,
    )
    big = mnist_sized_data()
    if args.quick:
        big = (big[0][:6000], big[1], big[2][:6000], big[3])
    rows += mlp_case(
        "(b) 60000x784, 784-300-100-10",
        big,
        (784, 300, 100, 10),
        epochs=2,
        batch_size=128,
        eta=0.01,
        repeats=args.repeats,
        with_keras=not args.no_keras,
    )
    rows += mlp_case(
        "(b32) 60000x784, 784-300-100-10, float32",
        big,
        (784, 300, 100, 10),
        epochs=2,
        batch_size=128,
        eta=0.01,
        repeats=args.repeats,
        with_keras=not args.no_keras,
        with_sklearn=False,
        dtype="float32",
    )
    fashion = fashion_mnist_data()
    if args.quick:
        fashion = (fashion[0][:6000], fashion[1], fashion[2][:6000], fashion[3])
    rows += mlp_case(
        "(c) Fashion-MNIST, 784-300-100-10",
        fashion,
        (784, 300, 100, 10),
        epochs=1,
        batch_size=128,
        eta=0.01,
        repeats=args.repeats,
        with_keras=not args.no_keras,
    )

    from sklearn.datasets import load_iris

    iris_X, iris_y = load_iris(return_X_y=True)
    rows += perceptron_case("perceptron iris", iris_X, iris_y, repeats=args.repeats)
    X_sep, y_sep = neurons.datasets.make_separable(10_000, random_state=SEED)
    rng = np.random.default_rng(SEED)
    # Lift the 2-D separable set to 20 features: still separable.
    X_sep = np.hstack([X_sep, rng.normal(scale=0.1, size=(len(X_sep), 18))])
    rows += perceptron_case("perceptron 10000x20", X_sep, y_sep, repeats=args.repeats)
    X_sep, y_sep = neurons.datasets.make_separable(20_000, random_state=SEED)
    X_sep = np.hstack([X_sep, rng.normal(scale=0.1, size=(len(X_sep), 28))])
    rows += perceptron_case("perceptron 20000x30", X_sep, y_sep, repeats=args.repeats)

    if args.book:
        rows += book_build_case()

    quotients = ratios(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    report = {
        "recorded": time.strftime("%Y-%m-%d"),
        "machine": {
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "numpy": np.__version__,
            # The BLAS in use (OpenBLAS, MKL, ...), its kernel and threads.
            "blas": [
                {
                    key: pool.get(key)
                    for key in (
                        "internal_api",
                        "version",
                        "architecture",
                        "num_threads",
                    )
                }
                for pool in threadpoolctl.threadpool_info()
                if pool.get("user_api") == "blas"
            ],
        },
        "repeats": args.repeats,
        "rows": [
            asdict(row) | {"min": row.spread[0], "max": row.spread[1]} for row in rows
        ],
        "ratios": quotients,
    }
    (OUT / "bench.json").write_text(json.dumps(report, indent=2) + "\n")
    table = markdown(rows, quotients)
    (OUT / "bench.md").write_text(table)
    print(table)
    print(f"written to {OUT}/bench.json and bench.md")
    if args.record:
        # Keep the profiles recorded with --profile-as.
        if RECORD.exists():
            report["profiles"] = json.loads(RECORD.read_text()).get("profiles", {})
        RECORD.write_text(json.dumps(report, indent=2) + "\n")
        print(f"recorded for the book in {RECORD}")


if __name__ == "__main__":
    main()
