"""scikit-learn estimators built on :class:`neurons.MLP`.

:class:`MLPClassifier` and :class:`MLPRegressor` are scikit-learn estimators:
they inherit :class:`~sklearn.base.BaseEstimator` and the classifier or
regressor mixin (``get_params``, ``set_params``, ``score``, ``clone``), declare
``_parameter_constraints``, validate their data with scikit-learn's
``validate_data``, and pass
:func:`~sklearn.utils.estimator_checks.check_estimator`. What they add is the
network: :meth:`neurons.MLP.fit` trains it by mini-batch gradient descent,
with the optimizer named by ``solver`` (:mod:`neurons.optimizers`), an optional
L2 penalty and dropout.

Training stops as scikit-learn's does: once the training loss (or the
validation loss, with ``early_stopping=True``) has not improved by at least
``tol`` for ``n_iter_no_change`` consecutive epochs.

Deliberately left out: L-BFGS, learning-rate schedules (``solver`` names an
optimizer with a constant step size; pass an optimizer with a schedule to
:meth:`neurons.MLP.fit` instead), ``partial_fit``, warm starts, sample weights
and multi-label classification.
"""

from __future__ import annotations

import warnings
from numbers import Integral, Real
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.model_selection import train_test_split
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

from neurons._validation import (
    RANDOM_STATE_CONSTRAINT,
    Float64Array,
    RandomState,
    check_class_labels,
)
from neurons.activations import ACTIVATIONS
from neurons.exceptions import ConvergenceWarning
from neurons.mlp import MLP
from neurons.optimizers import SGD, Adam, Optimizer, RMSprop

__all__ = ["MLPClassifier", "MLPRegressor"]


def _snapshot(network: MLP) -> tuple[list[Float64Array], list[Float64Array]]:
    """Copy the weights and biases: training updates the arrays in place."""
    return [W.copy() for W in network.weights], [b.copy() for b in network.biases]


class _BaseMLP(BaseEstimator):
    """Parameters and training loop shared by both estimators."""

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        # Each entry is checked in fit, with a message that names it.
        "hidden_layer_sizes": [
            "array-like",
            Interval(Integral, 1, None, closed="left"),
        ],
        "activation": [StrOptions(set(ACTIVATIONS))],
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "max_epochs": [Interval(Integral, 1, None, closed="left")],
        "momentum": [Interval(Real, 0, 1, closed="left")],
        "solver": [StrOptions({"sgd", "rmsprop", "adam"})],
        "l2": [Interval(Real, 0, None, closed="left")],
        "dropout": [Interval(Real, 0, 1, closed="left")],
        "early_stopping": ["boolean"],
        "validation_fraction": [Interval(Real, 0, 1, closed="neither")],
        "n_iter_no_change": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left")],
        "shuffle": ["boolean"],
        "random_state": RANDOM_STATE_CONSTRAINT,
        "dtype": [StrOptions({"float32", "float64"})],
    }

    def __init__(
        self,
        *,
        hidden_layer_sizes: Any = (100,),
        activation: str = "relu",
        learning_rate: float = 0.01,
        batch_size: int = 32,
        max_epochs: int = 200,
        momentum: float = 0.9,
        solver: str = "sgd",
        l2: float = 0.0,
        dropout: float = 0.0,
        early_stopping: bool = False,
        validation_fraction: float = 0.1,
        n_iter_no_change: int = 10,
        tol: float = 1e-4,
        shuffle: bool = True,
        random_state: RandomState = None,
        dtype: str = "float64",
    ) -> None:
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.max_epochs = max_epochs
        self.momentum = momentum
        self.solver = solver
        self.l2 = l2
        self.dropout = dropout
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.tol = tol
        self.shuffle = shuffle
        self.random_state = random_state
        self.dtype = dtype

    # --- training -----------------------------------------------------------

    def _optimizer(self) -> Optimizer:
        """Return a new optimizer for ``solver`` (momentum is SGD's only)."""
        if self.solver == "adam":
            return Adam(self.learning_rate)
        if self.solver == "rmsprop":
            return RMSprop(self.learning_rate)
        return SGD(self.learning_rate, momentum=self.momentum)

    def _fit_network(
        self,
        X: Float64Array,
        Y: Float64Array,
        *,
        output_activation: str,
        loss: str,
        labels: npt.NDArray[Any] | None = None,
    ) -> None:
        """Build ``network_``, train it and set the learned attributes.

        ``labels`` (class labels) make the validation split stratified.
        Parameters were validated by ``fit``, which calls this.
        """
        hidden = _hidden_layer_sizes(self.hidden_layer_sizes)
        tol = self.tol
        n_iter_no_change = self.n_iter_no_change
        rng = np.random.default_rng(self.random_state)

        X_val: Float64Array | None = None
        Y_val: Float64Array | None = None
        if self.early_stopping:
            # scikit-learn's split, drawn from the same stream as the weights:
            # a RandomState wrapped around the Generator's bit generator.
            X, X_val, Y, Y_val = train_test_split(
                X,
                Y,
                test_size=self.validation_fraction,
                random_state=np.random.RandomState(rng.bit_generator),
                stratify=labels,
            )

        network = MLP(
            (X.shape[1], *hidden, Y.shape[1]),
            activation=self.activation,
            output_activation=output_activation,
            loss=loss,
            l2=self.l2,
            dropout=self.dropout,
            random_state=rng,
            dtype=self.dtype,
        )
        best_cost = np.inf
        best_parameters = _snapshot(network)
        epochs_without_improvement = 0
        validation_costs: list[float] = []

        def stop_training(epoch: int, cost: float) -> bool:
            del epoch  # the history is kept by MLP.fit
            nonlocal best_cost, best_parameters, epochs_without_improvement
            if X_val is not None and Y_val is not None:
                cost = network.cost(X_val, Y_val)
                validation_costs.append(cost)
            # scikit-learn's rule: an epoch counts as progress only if it
            # beats the best cost so far by at least tol.
            if cost > best_cost - tol:
                epochs_without_improvement += 1
            else:
                epochs_without_improvement = 0
            if cost < best_cost:
                best_cost = cost
                # Copies: MLP.fit updates its arrays in place, so references
                # would follow the later epochs.
                best_parameters = _snapshot(network)
            return epochs_without_improvement >= n_iter_no_change

        loss_curve = network.fit(
            X,
            Y,
            epochs=self.max_epochs,
            batch_size=self.batch_size,
            optimizer=self._optimizer(),
            shuffle=self.shuffle,
            random_state=rng,
            callback=stop_training,
        )
        if self.early_stopping:
            network.weights, network.biases = best_parameters
        if epochs_without_improvement < n_iter_no_change:
            monitored = "validation" if self.early_stopping else "training"
            msg = (
                f"Training stopped at max_epochs={self.max_epochs} before the "
                f"{monitored} loss stopped improving (by tol={tol!r} for "
                f"n_iter_no_change={n_iter_no_change} epochs). Increase "
                "max_epochs or learning_rate, or scale the inputs."
            )
            warnings.warn(msg, ConvergenceWarning, stacklevel=3)

        self.network_ = network
        self.loss_curve_ = loss_curve
        self.validation_loss_curve_ = (
            np.array(validation_costs) if self.early_stopping else None
        )
        self.best_loss_ = float(best_cost)
        self.n_epochs_ = len(loss_curve)
        self.n_iter_ = self.n_epochs_

    def _forward(self, X: npt.ArrayLike) -> Float64Array:
        check_is_fitted(self)
        X_checked = validate_data(self, X, reset=False, dtype=np.float64)
        return self.network_.forward(X_checked)


def _hidden_layer_sizes(value: Any) -> tuple[int, ...]:
    """Return ``hidden_layer_sizes`` as a tuple of ints >= 1, or raise."""
    sizes = [value] if isinstance(value, Integral) else list(value)
    if not sizes or not all(
        isinstance(size, int | np.integer) and not isinstance(size, bool) and size >= 1
        for size in sizes
    ):
        msg = (
            "hidden_layer_sizes must be a positive integer or a non-empty "
            f"sequence of positive integers, such as (100,), got {value!r}."
        )
        raise ValueError(msg)
    return tuple(int(size) for size in sizes)


class MLPClassifier(ClassifierMixin, _BaseMLP):
    r"""Multilayer perceptron classifier trained by mini-batch gradient descent.

    .. math:: P(y = k \mid x) = a^L_k(x)

    Two classes get one sigmoid output unit and ``binary_crossentropy``; more
    get one softmax unit per class and ``categorical_crossentropy`` on one-hot
    targets. Labels may be of any type (strings too).

    Parameters
    ----------
    hidden_layer_sizes : sequence of int, default=(100,)
        Widths of the hidden layers; the input and output widths come from
        the data.
    activation : str, default="relu"
        Activation of the hidden layers, a name in
        :data:`neurons.activations.ACTIVATIONS`.
    learning_rate : float, default=0.01
        Step size :math:`\eta` of the optimizer.
    batch_size : int, default=32
        Samples per mini-batch.
    max_epochs : int, default=200
        The most passes over the training data.
    momentum : float, default=0.9
        Classical momentum :math:`\mu \in [0, 1)`, used with
        ``solver="sgd"`` only.
    solver : {"sgd", "rmsprop", "adam"}, default="sgd"
        The optimizer, as defined in :mod:`neurons.optimizers` (Keras's
        update rules) with step size ``learning_rate``; Adam and RMSprop
        usually want a smaller one (Keras's default is 0.001).
    l2 : float, default=0.0
        Strength of the L2 penalty ``l2 * sum(W**2)`` on the weights (not
        the biases), added to each batch's cost as Keras's
        ``regularizers.L2`` does. scikit-learn's ``alpha`` scales its penalty
        by the batch size instead: ``alpha / (2 * n_batch)`` in these units.
    dropout : float, default=0.0
        Rate of inverted dropout on the hidden layers' outputs, during
        training only.
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the training data, stop on its
        loss instead of the training loss, and keep the weights of the epoch
        with the lowest validation loss.
    validation_fraction : float, default=0.1
        Fraction held out when ``early_stopping`` is True.
    n_iter_no_change : int, default=10
        Epochs without an improvement of at least ``tol`` before stopping.
    tol : float, default=1e-4
        The smallest decrease of the monitored loss that counts as progress.
    shuffle : bool, default=True
        Whether to shuffle the samples every epoch.
    random_state : int, numpy.random.Generator or None, default=None
        Seed of the initial weights, the shuffling and the validation split.
    dtype : {"float64", "float32"}, default="float64"
        Floating-point type the network computes in (see :class:`~neurons.MLP`).

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The class labels, sorted.
    network_ : MLP
        The trained network.
    n_features_in_ : int
        Number of features seen during ``fit``.
    loss_curve_ : ndarray of shape ``(n_epochs_,)``
        Training loss of every epoch.
    validation_loss_curve_ : ndarray of shape ``(n_epochs_,)`` or None
        Validation loss of every epoch with ``early_stopping``, else None.
    best_loss_ : float
        Lowest monitored (training or validation) loss.
    n_epochs_ : int
        Number of epochs run.
    n_iter_ : int
        The same as ``n_epochs_``, under scikit-learn's name.

    See Also
    --------
    MLPRegressor : The same network for regression.
    neurons.MLP : The network itself.

    Examples
    --------
    >>> X = [[0, 0], [0, 1], [1, 0], [1, 1]]
    >>> y = ["no", "yes", "yes", "no"]  # XOR
    >>> clf = MLPClassifier(hidden_layer_sizes=(8,), activation="tanh",
    ...                     learning_rate=0.1, batch_size=4, max_epochs=500,
    ...                     random_state=0).fit(X, y)
    >>> clf.predict(X).tolist()
    ['no', 'yes', 'yes', 'no']
    >>> clf.predict_proba(X).shape
    (4, 2)
    """

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> MLPClassifier:
        """Train on ``X`` and class labels ``y``; return ``self``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training inputs.
        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        self : MLPClassifier

        Raises
        ------
        ValueError
            If ``y`` holds a single class, the shapes disagree, or a
            parameter is invalid.
        DivergenceError
            If training diverges (try a smaller ``learning_rate``).

        Warns
        -----
        ConvergenceWarning
            If ``max_epochs`` is reached before the loss stops improving.

        Examples
        --------
        >>> clf = MLPClassifier(hidden_layer_sizes=(4,), learning_rate=0.1,
        ...                     random_state=0)
        >>> clf.fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1]).classes_.tolist()
        [0, 1]
        """
        self._validate_params()
        X_checked, y_checked = validate_data(self, X, y, dtype=np.float64)
        classes, indices = check_class_labels(y_checked)
        if len(classes) == 2:
            Y = indices.reshape(-1, 1).astype(np.float64)
            output_activation, loss = "sigmoid", "binary_crossentropy"
        else:
            Y = np.eye(len(classes))[indices]
            output_activation, loss = "softmax", "categorical_crossentropy"
        self._fit_network(
            X_checked,
            Y,
            output_activation=output_activation,
            loss=loss,
            labels=indices,
        )
        self.classes_ = classes
        return self

    def predict_proba(self, X: npt.ArrayLike) -> Float64Array:
        """Return the probability of every class for every sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Rows sum to 1; columns follow ``classes_`` (two columns for two
            classes as well).

        Raises
        ------
        NotFittedError
            If called before ``fit``.

        Examples
        --------
        >>> clf = MLPClassifier(hidden_layer_sizes=(4,), learning_rate=0.1,
        ...                     random_state=0)
        >>> clf = clf.fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
        >>> clf.predict_proba([[0.0]]).sum(axis=1).round(6).tolist()
        [1.0]
        """
        a = self._forward(X)
        if len(self.classes_) == 2:
            # One sigmoid unit gives P(second class); the first is 1 minus it.
            return np.hstack([1.0 - a, a])
        return a

    def predict(self, X: npt.ArrayLike) -> npt.NDArray[Any]:
        """Return the most probable class of every sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.

        Returns
        -------
        ndarray of shape (n_samples,)
            Labels from ``classes_``.

        Raises
        ------
        NotFittedError
            If called before ``fit``.

        Examples
        --------
        >>> clf = MLPClassifier(hidden_layer_sizes=(4,), learning_rate=0.1,
        ...                     random_state=0)
        >>> clf = clf.fit([[0.0], [1.0], [2.0], [3.0]], ["a", "a", "b", "b"])
        >>> clf.predict([[0.0], [3.0]]).tolist()
        ['a', 'b']
        """
        probabilities = self.predict_proba(X)
        labels: npt.NDArray[Any] = self.classes_[np.argmax(probabilities, axis=1)]
        return labels


class MLPRegressor(RegressorMixin, _BaseMLP):
    r"""Multilayer perceptron regressor trained by mini-batch gradient descent.

    .. math:: \hat y = a^L(x) = a^{L-1}(x)\, W^L + b^L

    The output layer is linear (identity) and the loss ``mse``. ``y`` may be
    1-D or 2-D; :meth:`predict` returns the same number of dimensions.

    Parameters
    ----------
    hidden_layer_sizes : sequence of int, default=(100,)
        Widths of the hidden layers; the input and output widths come from
        the data.
    activation : str, default="relu"
        Activation of the hidden layers, a name in
        :data:`neurons.activations.ACTIVATIONS`.
    learning_rate : float, default=0.01
        Step size :math:`\eta` of the optimizer.
    batch_size : int, default=32
        Samples per mini-batch.
    max_epochs : int, default=200
        The most passes over the training data.
    momentum : float, default=0.9
        Classical momentum :math:`\mu \in [0, 1)`, used with
        ``solver="sgd"`` only.
    solver : {"sgd", "rmsprop", "adam"}, default="sgd"
        The optimizer, as defined in :mod:`neurons.optimizers` (Keras's
        update rules) with step size ``learning_rate``; Adam and RMSprop
        usually want a smaller one (Keras's default is 0.001).
    l2 : float, default=0.0
        Strength of the L2 penalty ``l2 * sum(W**2)`` on the weights (not
        the biases), added to each batch's cost as Keras's
        ``regularizers.L2`` does. scikit-learn's ``alpha`` scales its penalty
        by the batch size instead: ``alpha / (2 * n_batch)`` in these units.
    dropout : float, default=0.0
        Rate of inverted dropout on the hidden layers' outputs, during
        training only.
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the training data, stop on its
        loss instead of the training loss, and keep the weights of the epoch
        with the lowest validation loss.
    validation_fraction : float, default=0.1
        Fraction held out when ``early_stopping`` is True.
    n_iter_no_change : int, default=10
        Epochs without an improvement of at least ``tol`` before stopping.
    tol : float, default=1e-4
        The smallest decrease of the monitored loss that counts as progress.
    shuffle : bool, default=True
        Whether to shuffle the samples every epoch.
    random_state : int, numpy.random.Generator or None, default=None
        Seed of the initial weights, the shuffling and the validation split.
    dtype : {"float64", "float32"}, default="float64"
        Floating-point type the network computes in (see :class:`~neurons.MLP`).

    Attributes
    ----------
    network_ : MLP
        The trained network.
    n_features_in_ : int
        Number of features seen during ``fit``.
    loss_curve_ : ndarray of shape ``(n_epochs_,)``
        Training loss of every epoch.
    validation_loss_curve_ : ndarray of shape ``(n_epochs_,)`` or None
        Validation loss of every epoch with ``early_stopping``, else None.
    best_loss_ : float
        Lowest monitored (training or validation) loss.
    n_epochs_ : int
        Number of epochs run.
    n_iter_ : int
        The same as ``n_epochs_``, under scikit-learn's name.

    See Also
    --------
    MLPClassifier : The same network for classification.
    neurons.MLP : The network itself.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.linspace(-1, 1, 50).reshape(-1, 1)
    >>> y = X.ravel() ** 2
    >>> reg = MLPRegressor(hidden_layer_sizes=(16,), activation="tanh",
    ...                    learning_rate=0.05, batch_size=10, max_epochs=500,
    ...                    random_state=0).fit(X, y)
    >>> reg.predict(X).shape, reg.score(X, y) > 0.95
    ((50,), True)
    """

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True  # y may have several columns
        return tags

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> MLPRegressor:
        """Train on ``X`` and targets ``y``; return ``self``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training inputs.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Targets.

        Returns
        -------
        self : MLPRegressor

        Raises
        ------
        ValueError
            If the shapes disagree, a value is not finite, or a parameter is
            invalid.
        DivergenceError
            If training diverges (try a smaller ``learning_rate``).

        Warns
        -----
        ConvergenceWarning
            If ``max_epochs`` is reached before the loss stops improving.

        Examples
        --------
        >>> reg = MLPRegressor(hidden_layer_sizes=(4,), random_state=0)
        >>> reg.fit([[0.0], [1.0], [2.0]], [0.0, 1.0, 2.0]).n_features_in_
        1
        """
        self._validate_params()
        X_checked, y_checked = validate_data(
            self, X, y, dtype=np.float64, multi_output=True, y_numeric=True
        )
        self._y_ndim = y_checked.ndim
        Y = y_checked.reshape(len(y_checked), -1).astype(np.float64)
        self._fit_network(X_checked, Y, output_activation="identity", loss="mse")
        return self

    def predict(self, X: npt.ArrayLike) -> Float64Array:
        """Return the predicted targets.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.

        Returns
        -------
        ndarray of shape (n_samples,) or (n_samples, n_outputs)
            1-D if ``y`` was 1-D in ``fit``.

        Raises
        ------
        NotFittedError
            If called before ``fit``.

        Examples
        --------
        >>> reg = MLPRegressor(hidden_layer_sizes=(4,), random_state=0)
        >>> reg = reg.fit([[0.0], [1.0], [2.0]], [[0.0], [1.0], [2.0]])
        >>> reg.predict([[1.0]]).shape
        (1, 1)
        """
        a = self._forward(X)
        return a.ravel() if self._y_ndim == 1 else a
