"""scikit-learn-style estimators built on :class:`neurons.MLP`.

:class:`MLPClassifier` and :class:`MLPRegressor` follow scikit-learn's
estimator contract: ``__init__`` only stores its keyword arguments, ``fit``
learns and returns ``self``, learned attributes end in ``_``, and
``get_params`` / ``set_params`` make them work with scikit-learn's ``clone``,
``cross_val_score`` and grid searches, without this package importing
scikit-learn.

Training is :meth:`neurons.MLP.fit` (mini-batch SGD with momentum) with a
stopping rule like scikit-learn's: stop once the training loss (or the
validation loss, with ``early_stopping=True``) has not improved by at least
``tol`` for ``n_iter_no_change`` consecutive epochs.

Deliberately left out: other solvers (Adam, L-BFGS), L2 regularisation
(``alpha``), learning-rate schedules, ``partial_fit``, warm starts, sample
weights and multi-label classification.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import numpy.typing as npt

from neurons._base import ClassifierMixin, EstimatorMixin
from neurons._validation import (
    Float64Array,
    RandomState,
    check_array,
    check_bool,
    check_class_labels,
    check_fraction,
    check_is_fitted,
    check_layer_sizes,
    check_nonnegative_float,
    check_positive_float,
    check_positive_int,
    check_random_state,
    check_target,
)
from neurons.exceptions import ConvergenceWarning
from neurons.mlp import MLP

__all__ = ["MLPClassifier", "MLPRegressor"]


def _snapshot(network: MLP) -> tuple[list[Float64Array], list[Float64Array]]:
    """Copy the weights and biases: training updates the arrays in place."""
    return [W.copy() for W in network.weights], [b.copy() for b in network.biases]


class _BaseMLP(EstimatorMixin):
    """Parameters, training loop and scikit-learn plumbing shared by both."""

    _estimator_type: str  # "classifier" or "regressor", read by older sklearn
    _fitted_attributes = ("network_",)

    def __init__(
        self,
        *,
        hidden_layer_sizes: Any = (100,),
        activation: str = "relu",
        learning_rate: float = 0.01,
        batch_size: int = 32,
        max_epochs: int = 200,
        momentum: float = 0.9,
        early_stopping: bool = False,
        validation_fraction: float = 0.1,
        n_iter_no_change: int = 10,
        tol: float = 1e-4,
        shuffle: bool = True,
        random_state: RandomState = None,
    ) -> None:
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.max_epochs = max_epochs
        self.momentum = momentum
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.tol = tol
        self.shuffle = shuffle
        self.random_state = random_state

    # --- training -----------------------------------------------------------

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

        ``labels`` (class indices) make the validation split stratified.
        """
        hidden = check_layer_sizes(
            self.hidden_layer_sizes, name="hidden_layer_sizes", min_length=1
        )
        learning_rate = check_positive_float(self.learning_rate, name="learning_rate")
        batch_size = check_positive_int(self.batch_size, name="batch_size")
        max_epochs = check_positive_int(self.max_epochs, name="max_epochs")
        momentum = check_nonnegative_float(self.momentum, name="momentum", upper=1.0)
        early_stopping = check_bool(self.early_stopping, name="early_stopping")
        n_iter_no_change = check_positive_int(
            self.n_iter_no_change, name="n_iter_no_change"
        )
        tol = check_nonnegative_float(self.tol, name="tol")
        shuffle = check_bool(self.shuffle, name="shuffle")
        rng = check_random_state(self.random_state)

        X_val: Float64Array | None = None
        Y_val: Float64Array | None = None
        if early_stopping:
            fraction = check_fraction(
                self.validation_fraction, name="validation_fraction"
            )
            train, validation = _train_validation_split(
                X.shape[0], fraction, rng, labels=labels
            )
            X, Y, X_val, Y_val = X[train], Y[train], X[validation], Y[validation]

        network = MLP(
            (X.shape[1], *hidden, Y.shape[1]),
            activation=self.activation,
            output_activation=output_activation,
            loss=loss,
            random_state=rng,
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
                # MLP.fit replaces its arrays instead of editing them, so
                # keeping references is enough to restore this state later.
                best_parameters = _snapshot(network)
            return epochs_without_improvement >= n_iter_no_change

        loss_curve = network.fit(
            X,
            Y,
            epochs=max_epochs,
            batch_size=batch_size,
            learning_rate=learning_rate,
            momentum=momentum,
            shuffle=shuffle,
            random_state=rng,
            callback=stop_training,
        )
        if early_stopping:
            network.weights, network.biases = best_parameters
        if epochs_without_improvement < n_iter_no_change:
            monitored = "validation" if early_stopping else "training"
            msg = (
                f"Training stopped at max_epochs={max_epochs} before the "
                f"{monitored} loss stopped improving (by tol={tol!r} for "
                f"n_iter_no_change={n_iter_no_change} epochs). Increase "
                "max_epochs or learning_rate, or scale the inputs."
            )
            warnings.warn(msg, ConvergenceWarning, stacklevel=3)

        self.network_ = network
        self.n_features_in_ = X.shape[1]
        self.loss_curve_ = loss_curve
        self.validation_loss_curve_ = (
            np.array(validation_costs) if early_stopping else None
        )
        self.best_loss_ = float(best_cost)
        self.n_epochs_ = len(loss_curve)
        self.n_iter_ = self.n_epochs_

    def _forward(self, X: npt.ArrayLike, method: str) -> Float64Array:
        check_is_fitted(self, ["network_"], method=method)
        X = check_array(X, n_features=self.n_features_in_)
        return self.network_.forward(X)


def _train_validation_split(
    n_samples: int,
    fraction: float,
    rng: np.random.Generator,
    *,
    labels: npt.NDArray[Any] | None = None,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Split sample indices at random, within each class if ``labels`` is given."""
    groups = (
        [np.arange(n_samples)]
        if labels is None
        else [np.flatnonzero(labels == label) for label in np.unique(labels)]
    )
    validation_parts = []
    for group in groups:
        shuffled = rng.permutation(group)
        validation_parts.append(shuffled[: round(fraction * len(group))])
    validation = np.sort(np.concatenate(validation_parts))
    train = np.setdiff1d(np.arange(n_samples), validation)
    if len(validation) == 0 or len(train) == 0:
        msg = (
            f"validation_fraction={fraction!r} of {n_samples} samples leaves "
            f"{len(train)} for training and {len(validation)} for validation; "
            "both need at least one. Change validation_fraction or "
            "set early_stopping=False."
        )
        raise ValueError(msg)
    return train, validation


class MLPClassifier(ClassifierMixin, _BaseMLP):
    r"""Multilayer perceptron classifier trained by SGD with momentum.

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
        SGD step size :math:`\eta`.
    batch_size : int, default=32
        Samples per mini-batch.
    max_epochs : int, default=200
        The most passes over the training data.
    momentum : float, default=0.9
        Classical momentum :math:`\mu \in [0, 1)`.
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
        X = check_array(X)
        classes, indices = check_class_labels(y, X)
        if len(classes) == 2:
            Y = indices.reshape(-1, 1).astype(np.float64)
            output_activation, loss = "sigmoid", "binary_crossentropy"
        else:
            Y = np.eye(len(classes))[indices]
            output_activation, loss = "softmax", "categorical_crossentropy"
        self._fit_network(
            X, Y, output_activation=output_activation, loss=loss, labels=indices
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
        a = self._forward(X, "predict_proba")
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
        check_is_fitted(self, ["network_"], method="predict")
        probabilities = self.predict_proba(X)
        labels: npt.NDArray[Any] = self.classes_[np.argmax(probabilities, axis=1)]
        return labels


class MLPRegressor(_BaseMLP):
    r"""Multilayer perceptron regressor trained by SGD with momentum.

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
        SGD step size :math:`\eta`.
    batch_size : int, default=32
        Samples per mini-batch.
    max_epochs : int, default=200
        The most passes over the training data.
    momentum : float, default=0.9
        Classical momentum :math:`\mu \in [0, 1)`.
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

    _estimator_type = "regressor"

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
        X = check_array(X)
        y = check_target(y, n_samples=X.shape[0], allow_2d=True)
        self._y_ndim = y.ndim
        Y = y.reshape(-1, 1) if y.ndim == 1 else y
        self._fit_network(X, Y, output_activation="identity", loss="mse")
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
        a = self._forward(X, "predict")
        return a.ravel() if self._y_ndim == 1 else a

    def score(self, X: npt.ArrayLike, y: npt.ArrayLike) -> float:
        r"""Return the coefficient of determination :math:`R^2`.

        .. math:: R^2 = 1 - \frac{\sum_i (y_i - \hat y_i)^2}
                  {\sum_i (y_i - \bar y)^2}

        averaged over the outputs when there are several (scikit-learn's
        ``multioutput="uniform_average"``). An output with constant ``y``
        scores 1 if predicted exactly, else 0.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            True targets.

        Returns
        -------
        float

        Raises
        ------
        NotFittedError
            If called before ``fit``.

        Examples
        --------
        >>> reg = MLPRegressor(hidden_layer_sizes=(4,), random_state=0)
        >>> X, y = [[0.0], [1.0], [2.0]], [0.0, 1.0, 2.0]
        >>> reg.fit(X, y).score(X, y) > 0.9
        True
        """
        check_is_fitted(self, ["network_"], method="score")
        y_pred = self.predict(X)
        y_true = check_target(y, n_samples=len(y_pred), allow_2d=True)
        y_true = y_true.reshape(len(y_true), -1)
        y_pred = y_pred.reshape(len(y_pred), -1)
        residual = np.sum((y_true - y_pred) ** 2, axis=0)
        total = np.sum((y_true - y_true.mean(axis=0)) ** 2, axis=0)
        constant = total == 0
        r2 = np.where(
            constant,
            np.where(residual == 0, 1.0, 0.0),
            1.0 - residual / np.where(constant, 1.0, total),
        )
        return float(np.mean(r2))
