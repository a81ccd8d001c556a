"""Names imported only when first used, so that a table of them costs nothing at start-up."""

from __future__ import annotations

import importlib
from typing import Any


def imported(path: str) -> Any:
    """``"package.module:name"`` -> that object, importing its module now."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)
