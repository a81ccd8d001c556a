"""The bundled program's child processes: let each do its work and end.

A document or the rows of a large Excel file are written in a child process
(``documents/process.py``, ``excel/producer.py``). In the bundled program the child is the
same executable started again by multiprocessing (``lianjian --multiprocessing-fork …``, and
multiprocessing's resource tracker with ``-c …``), so its launcher must hand it to
multiprocessing before anything else. The runtime hook ``build/hooks/rthooks/
lianjian_rth_multiprocessing.py`` imports multiprocessing only in such a child, which keeps
17 ms of imports out of every start of the program.
"""

from __future__ import annotations

import sys


def run_if_child() -> None:
    """In the bundled program's child processes: do the child's work and exit. Otherwise,
    and always from source (where ``python -c …`` starts the children), nothing."""
    multiprocessing = sys.modules.get("multiprocessing")
    if getattr(sys, "frozen", False) and multiprocessing is not None:
        multiprocessing.freeze_support()
