"""numpy for the lab, with single-threaded BLAS when the lab is the first to import it.

The lab's matrices are tiny (at most 1,000 × 370 by 370 × 32): BLAS threads only add start-up
and synchronisation costs, and their busy-waiting would compete with the interface's thread
for the CPU. If numpy is not imported yet, OPENBLAS_NUM_THREADS and MKL_NUM_THREADS default to 1
(a value already set by the user wins); if it is, its thread pool is left as it is.
"""

from __future__ import annotations

import os
import sys

if "numpy" not in sys.modules:
    for _variable in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402

__all__ = ["np"]
