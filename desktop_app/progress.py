"""How long work tells how far it has got: it calls ``progress(done, total)`` now and then
(the window's ``ui.background.Progress`` is one; ``None`` where nobody asks)."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], object]
