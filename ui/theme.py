"""Alert levels (tiles, notices), and the 字号 (标准/大/特大) scale of fonts and rows; the
statuses' colours are in ``ui/status_colours.py``.

The scale is set once at start-up from the settings (``apply_font_size``) and again when
设置 changes it; widgets built afterwards read it through ``px`` and ``pt``.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from desktop_app.config.settings import FONT_SCALES

# level -> (text, background, border). Text on its background stays readable (contrast > 4.5)
# and the level is always said in words too, so nothing depends on the colour alone.
LEVELS = {
    "normal": ("#1f2937", "#f5f6f8", "#c9cdd3"),
    "good": ("#1b5e20", "#edf7ee", "#8bc34a"),
    "amber": ("#7a4100", "#fff4e0", "#f0a030"),
    "red": ("#a4161a", "#fdecea", "#e06666"),
}
BASE_POINT_SIZE = 10.0

_scale = 1.0


def scale() -> float:
    return _scale


def px(pixels: float) -> int:
    """``pixels`` at the current 字号 (row heights, minimum sizes)."""
    return round(pixels * _scale)


def pt(points: float) -> float:
    """``points`` at the current 字号 (headings' style sheets)."""
    return round(points * _scale, 1)


def apply_font_size(size: str, app: QApplication | None = None) -> float:
    """Scale the application's font (and so every widget that does not set its own) to
    ``size`` ("standard", "large", "huge"); returns the scale."""
    global _scale
    _scale = FONT_SCALES.get(size, 1.0)
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is not None:
        font = QFont(app.font())
        font.setPointSizeF(BASE_POINT_SIZE * _scale)
        app.setFont(font)
    return _scale


def level_style(level: str) -> str:
    text, background, border = LEVELS.get(level, LEVELS["normal"])
    return f"color: {text}; background: {background}; border: 1px solid {border};"
