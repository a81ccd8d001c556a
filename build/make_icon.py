"""Draw the app icon: a red square with 联 in white. Writes resources/icons/lianjian.png and .ico.

The outputs are committed; run this again only to change the icon:

    QT_QPA_PLATFORM=offscreen .venv/bin/python build/make_icon.py

Needs a CJK font (Microsoft YaHei on Windows; fonts-wqy-microhei or Noto Sans CJK on Linux).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PIL import Image

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZE = 256
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]
RED = "#c62828"
FONTS = ["Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
         "SimHei"]


def cjk_family() -> str:
    families = set(QFontDatabase.families())
    for family in FONTS:
        if family in families:
            return family
    sys.exit(f"no CJK font found (looked for {', '.join(FONTS)})")


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(RED))
    radius = size * 0.16
    painter.drawRoundedRect(QRectF(0, 0, size, size), radius, radius)
    font = QFont(cjk_family())
    font.setPixelSize(int(size * 0.72))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, -size * 0.03, size, size), Qt.AlignmentFlag.AlignCenter, "联")
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts need an application)
    ICONS.mkdir(parents=True, exist_ok=True)
    png = ICONS / "lianjian.png"
    if not draw(SIZE).save(str(png)):
        sys.exit(f"could not write {png}")
    with Image.open(png) as image:
        image.save(ICONS / "lianjian.ico", sizes=[(s, s) for s in ICO_SIZES])
    print(f"wrote {png.relative_to(ROOT)} and lianjian.ico ({', '.join(map(str, ICO_SIZES))} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
