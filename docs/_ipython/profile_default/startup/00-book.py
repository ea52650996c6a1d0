"""Run at the start of every kernel that executes a page of the book."""

import matplotlib as mpl
import numpy as np

mpl.rcParams["svg.hashsalt"] = "neurons-to-networks"  # stable ids in SVGs
mpl.rcParams["figure.dpi"] = 100
mpl.rcParams["figure.figsize"] = (6.0, 4.0)
mpl.rcParams["axes.grid"] = True
mpl.rcParams["grid.alpha"] = 0.3
np.set_printoptions(precision=4, suppress=True)
