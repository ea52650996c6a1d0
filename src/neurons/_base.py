"""The scikit-learn plumbing that every estimator of :mod:`neurons` shares.

:class:`EstimatorMixin` gives ``get_params``, ``set_params``, a ``__repr__``
that shows only the parameters that differ from their defaults, and the
``__sklearn_tags__`` that scikit-learn 1.6+ asks of an estimator. With them,
:func:`sklearn.base.clone`, :func:`~sklearn.model_selection.cross_val_score`
and grid searches accept our estimators, although :mod:`neurons` never
imports scikit-learn itself.

Deliberately left out: nested estimators (no parameter of ours is itself an
estimator) and scikit-learn's metadata routing.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any, Protocol, Self

import numpy as np
import numpy.typing as npt

from neurons._validation import check_is_fitted, check_label_vector

__all__ = ["ClassifierMixin", "EstimatorMixin"]


class EstimatorMixin:
    """Parameter handling as scikit-learn's ``BaseEstimator`` does it.

    Subclasses store each keyword of ``__init__`` under its own name, and set
    ``_estimator_type`` to ``"classifier"`` or ``"regressor"``.
    """

    _estimator_type: str

    @classmethod
    def _get_param_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return sorted(name for name in signature.parameters if name != "self")

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Return the constructor parameters by name, as scikit-learn does.

        Parameters
        ----------
        deep : bool, default=True
            Ignored (no parameter is itself an estimator); accepted for
            compatibility with scikit-learn.

        Returns
        -------
        dict

        Examples
        --------
        >>> from neurons import Perceptron
        >>> Perceptron(max_epochs=5).get_params()["max_epochs"]
        5
        """
        del deep  # no nested estimators
        return {name: getattr(self, name) for name in self._get_param_names()}

    def set_params(self, **params: Any) -> Self:
        """Set constructor parameters by name and return ``self``.

        Raises
        ------
        ValueError
            If a name is not a parameter; the message lists the valid ones.

        Examples
        --------
        >>> from neurons import Perceptron
        >>> Perceptron().set_params(learning_rate=0.1).learning_rate
        0.1
        """
        valid = self._get_param_names()
        for name, value in params.items():
            if name not in valid:
                msg = (
                    f"Invalid parameter {name!r} for {type(self).__name__}. "
                    f"Valid parameters are: {valid}."
                )
                raise ValueError(msg)
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = {
            name: parameter.default
            for name, parameter in inspect.signature(
                type(self).__init__
            ).parameters.items()
        }
        changed = [
            f"{name}={value!r}"
            for name, value in self.get_params().items()
            if not _same(value, defaults.get(name))
        ]
        return f"{type(self).__name__}({', '.join(changed)})"

    def __sklearn_tags__(self) -> Any:
        # Only scikit-learn calls this, so it is already imported; neurons
        # itself never depends on it.
        utils = importlib.import_module("sklearn.utils")
        is_classifier = self._estimator_type == "classifier"
        return utils.Tags(
            estimator_type=self._estimator_type,
            target_tags=utils.TargetTags(required=True),
            classifier_tags=utils.ClassifierTags() if is_classifier else None,
            regressor_tags=None if is_classifier else utils.RegressorTags(),
            input_tags=utils.InputTags(),
        )


class _Classifier(Protocol):
    _fitted_attributes: tuple[str, ...]

    def predict(self, X: npt.ArrayLike) -> npt.NDArray[Any]: ...


class ClassifierMixin:
    """The accuracy ``score`` that every classifier of :mod:`neurons` shares.

    Subclasses provide ``predict`` and name in ``_fitted_attributes`` the
    learned attributes that ``fit`` sets.
    """

    _estimator_type = "classifier"

    def score(self: _Classifier, X: npt.ArrayLike, y: npt.ArrayLike) -> float:
        """Return the accuracy: the fraction of rows of ``X`` classified as ``y``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs.
        y : array-like of shape (n_samples,)
            True labels.

        Returns
        -------
        float
            Accuracy in [0, 1].

        Raises
        ------
        NotFittedError
            If called before ``fit``.
        TypeError, ValueError
            As ``predict``, or if ``y`` has the wrong shape or length (both
            shapes are named).

        Examples
        --------
        >>> from neurons import Perceptron
        >>> from neurons.datasets import logic_gate
        >>> X, y = logic_gate("and")
        >>> Perceptron(shuffle=False).fit(X, y).score(X, y)
        1.0
        """
        check_is_fitted(self, self._fitted_attributes, method="score")
        predictions = self.predict(X)
        labels = check_label_vector(y, np.asarray(X))
        return float(np.mean(predictions == labels))


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except ValueError:  # arrays compare elementwise
        return a is b
