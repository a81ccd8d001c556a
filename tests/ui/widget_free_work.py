"""Which Qt objects a piece of work handed to a worker can reach.

The rule of ``ui/background.py``: a worker never touches a widget, so the work a screen hands
it closes over plain data and services only. ``qobjects_held(work)`` follows what a callable
holds (a closure's cells, a ``functools.partial``'s function and arguments, a bound method's
object, default arguments, containers and plain objects' attributes) and names each
``QObject`` it reaches on the way.

One holder is let through: a matplotlib ``Figure``, which ``ui/charts.py`` draws on a worker
by design. It knows its canvas (the widget), but the work only draws the figure into the
canvas's Agg renderer, which makes no Qt call.
"""

from __future__ import annotations

import functools
import sys
from types import BuiltinFunctionType, FunctionType, MethodType, ModuleType
from typing import Any

from PySide6.QtCore import QObject

_LEAVES = (str, bytes, int, float, complex, bool, type(None), type, ModuleType)


def qobjects_held(work: Any, depth: int = 4) -> list[str]:
    """The paths (``work.<closure self>``, …) to each QObject ``work`` reaches within
    ``depth`` steps; empty when the work holds no Qt object."""
    found: list[str] = []
    seen: set[int] = set()

    def visit(value: Any, path: str, left: int) -> None:
        if isinstance(value, _LEAVES) or id(value) in seen or _is_figure(value):
            return
        seen.add(id(value))
        if isinstance(value, QObject):
            found.append(f"{path} is a {type(value).__name__}")
            return
        if left == 0:
            return
        for name, inner in _held_by(value):
            visit(inner, f"{path}.{name}", left - 1)

    visit(work, "work", depth)
    return found


def _held_by(value: Any) -> list[tuple[str, Any]]:
    """What ``value`` holds, each with a name for the path."""
    if isinstance(value, functools.partial):
        return ([("<func>", value.func)]
                + [(f"<arg {i}>", arg) for i, arg in enumerate(value.args)]
                + [(f"<{key}=>", arg) for key, arg in value.keywords.items()])
    if isinstance(value, MethodType):
        return [("<self>", value.__self__), ("<func>", value.__func__)]
    if isinstance(value, BuiltinFunctionType):  # a Qt method bound to its object, say
        return [("<self>", value.__self__)]
    if isinstance(value, FunctionType):
        cells = zip(value.__code__.co_freevars, value.__closure__ or (), strict=True)
        held = [(f"<{name}>", _contents(cell)) for name, cell in cells]
        held += [(f"<default {i}>", v) for i, v in enumerate(value.__defaults__ or ())]
        held += [(f"<{k}=>", v) for k, v in (value.__kwdefaults__ or {}).items()]
        return held
    if isinstance(value, (tuple, list, set, frozenset)):
        return [(f"[{i}]", item) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return [(f"[{key!r}]", item) for key, item in value.items()]
    attributes = dict(getattr(value, "__dict__", {}))
    for slot in getattr(type(value), "__slots__", ()):
        if hasattr(value, slot):
            attributes[slot] = getattr(value, slot)
    return list(attributes.items())


def _is_figure(value: Any) -> bool:
    # A worker may be importing matplotlib meanwhile: the module can be there, its class not
    # yet (and then no figure exists either).
    figure_class = getattr(sys.modules.get("matplotlib.figure"), "Figure", None)
    return figure_class is not None and isinstance(value, figure_class)


def _contents(cell: Any) -> Any:
    try:
        return cell.cell_contents
    except ValueError:  # a cell not yet filled
        return None
