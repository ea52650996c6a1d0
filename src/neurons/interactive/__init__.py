"""Interactive figures for a static site: precomputed frames behind native controls.

A figure here is a grid of matplotlib frames, one for every setting of its
controls, computed when the page is executed. In the browser, a few lines of
inline JavaScript show the frame that matches the controls (``<input
type="range">`` sliders and ``<select>`` menus, so keyboards and screen
readers work without extra code). No kernel, no server, no request to another
site: the frames are small palette PNGs inside the page. With JavaScript off,
and in a downloaded notebook (whose output also holds a PNG), the figure shows
its default frame.

The HTML contract, checked by the book's site check: the figure is an element
of class ``nn-interactive``; each control has an ``id`` unique on the page
and a ``<label for=...>``; one ``<img class="nn-frame">`` changes its ``src``
when any control changes.

:func:`interactive_figure` builds such a figure from any drawing function;
the others build the book's figures: a TLU's line (:func:`tlu_explorer`), the
perceptron rule update by update (:func:`perceptron_stepper`), the fit of a
one-hidden-layer network as it widens and trains
(:func:`universal_approximation_explorer`), decision regions of small MLPs
(:func:`decision_region_explorer`), activations and their derivatives
(:func:`activation_explorer`), activations through depth at several
weight scales (:func:`initialisation_explorer`), a leaky integrate-and-fire neuron
(:func:`lif_explorer`), and gradient descent with momentum on a 2-D loss
surface (:func:`training_explorer`).

The machinery (controls, frames, HTML) is in ``_widget``, what the figures
draw alike in ``_drawing``, and the figures in ``_neuron_figures`` and
``_network_figures``; this module re-exports the public names. Each figure
function computes what its frames show, then hands
:func:`interactive_figure` a drawing of one setting, a sentence describing
it (the frame's alt text), and its controls.

Deliberately left out: anything computed in the browser (every frame is drawn
in Python, so what the reader sees is what the package computes), animation
playback, and settings between the precomputed ones. Like
:mod:`neurons.plotting`, this package imports matplotlib.
"""

from neurons.interactive._network_figures import (
    activation_explorer,
    decision_region_explorer,
    initialisation_explorer,
    training_explorer,
    universal_approximation_explorer,
)
from neurons.interactive._neuron_figures import (
    lif_explorer,
    perceptron_stepper,
    tlu_explorer,
)
from neurons.interactive._widget import Control, InteractiveFigure, interactive_figure

__all__ = [
    "Control",
    "InteractiveFigure",
    "activation_explorer",
    "decision_region_explorer",
    "initialisation_explorer",
    "interactive_figure",
    "lif_explorer",
    "perceptron_stepper",
    "tlu_explorer",
    "training_explorer",
    "universal_approximation_explorer",
]
