"""Neurons to Networks: neural networks from the neuron to the MLP, in NumPy.

The companion package of the book *Neurons to Networks*. Every object here is
written to be read next to the book: the code uses the book's symbols
(``z`` for a net input, ``a`` for an activation, ``delta`` for an error
signal, ``eta`` for a learning rate) and one shape convention throughout:

* ``X`` has shape ``(n_samples, n_features)``;
* a layer's weight matrix ``W`` has shape ``(n_in, n_out)``, its bias ``b``
  shape ``(n_out,)``, so a layer computes ``z = X @ W + b``.

Modules import downward only. Each module below imports only the ones
listed after its name (from the imports in ``src/neurons``):

* ``exceptions``: none (scikit-learn's exception classes);
* ``_validation``: none (scikit-learn's label checks);
* ``activations``: _validation;
* ``losses``: _validation, activations;
* ``optimizers``: _validation;
* ``units``: _validation, activations;
* ``separability``: _validation, units (SciPy, lazily);
* ``spiking``: _validation;
* ``_linear_unit`` (what the perceptron and ADALINE share): _validation,
  activations;
* ``perceptron``: _linear_unit, _validation, activations, exceptions;
* ``adaline``: _linear_unit, _validation, exceptions;
* ``_mlp_checks``: _validation;
* ``_training``: activations (and mlp, for type annotations only);
* ``mlp``: _mlp_checks, _training, _validation, activations, exceptions,
  losses, optimizers;
* ``estimators``: _validation, activations, exceptions, mlp, optimizers;
* ``gradcheck``: _validation, mlp;
* ``keras_interop``: _validation, activations, losses, mlp;
* ``_fashion_mnist``: none (NumPy and the standard library);
* ``datasets``: _validation, _fashion_mnist;
* ``plotting``: _validation, activations, exceptions, perceptron;
* ``interactive._widget`` (controls, frames, HTML): _validation;
* ``interactive._drawing``: none;
* ``interactive._neuron_figures``: _validation, interactive._drawing,
  interactive._widget, perceptron, spiking;
* ``interactive._network_figures``: _validation, activations,
  interactive._drawing, interactive._widget, mlp;
* ``interactive`` (a package): interactive._widget,
  interactive._neuron_figures, interactive._network_figures (it re-exports
  their public names).

The models (units, perceptron, adaline, mlp) are siblings built on the
maths, not a chain (the perceptron and ADALINE share one private base); the
estimators wrap mlp only.

``neurons.plotting`` and ``neurons.interactive`` are the only modules that
import matplotlib, and ``neurons.keras_interop`` the only one that imports
Keras. ``import neurons`` imports none of the three: each loads on first
use (``neurons.interactive``, for example, on that attribute's first
access). So ``import neurons`` needs NumPy and scikit-learn (whose estimator
contract the estimators follow) alone.
"""

from __future__ import annotations

import importlib
from typing import Any

from neurons import activations, datasets, exceptions, losses, optimizers
from neurons.adaline import Adaline
from neurons.estimators import MLPClassifier, MLPRegressor
from neurons.exceptions import ConvergenceWarning, DivergenceError, NotFittedError
from neurons.gradcheck import gradient_check, numerical_gradients
from neurons.mlp import MLP
from neurons.perceptron import Perceptron, PerceptronStep, perceptron_steps
from neurons.separability import (
    is_linearly_separable,
    mcculloch_pitts_functions,
    threshold_functions,
)
from neurons.spiking import LeakyIntegrateAndFire
from neurons.units import TLU, McCullochPittsNeuron

__version__ = "0.1.0"

__all__ = [
    "MLP",
    "TLU",
    "Adaline",
    "ConvergenceWarning",
    "DivergenceError",
    "LeakyIntegrateAndFire",
    "MLPClassifier",
    "MLPRegressor",
    "McCullochPittsNeuron",
    "NotFittedError",
    "Perceptron",
    "PerceptronStep",
    "__version__",
    "activations",
    "datasets",
    "exceptions",
    "from_keras",
    "gradient_check",
    "interactive",
    "is_linearly_separable",
    "losses",
    "mcculloch_pitts_functions",
    "numerical_gradients",
    "optimizers",
    "perceptron_steps",
    "plotting",
    "threshold_functions",
    "to_keras",
]

# Loaded on first use, so that ``import neurons`` imports neither matplotlib
# nor keras (PEP 562 module __getattr__).
_LAZY_MODULES = {
    "plotting": "neurons.plotting",
    "keras_interop": "neurons.keras_interop",
    "interactive": "neurons.interactive",
}
_LAZY_FUNCTIONS = {
    "to_keras": "neurons.keras_interop",
    "from_keras": "neurons.keras_interop",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        return importlib.import_module(_LAZY_MODULES[name])
    if name in _LAZY_FUNCTIONS:
        module = importlib.import_module(_LAZY_FUNCTIONS[name])
        return getattr(module, name)
    msg = f"module 'neurons' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
