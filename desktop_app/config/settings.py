"""Settings, declared once with types and defaults, kept as JSON in the data folder.

Qt-free, so the CLI and the GUI read the same file. Unknown keys are ignored and missing
ones take their defaults, so older and newer versions of the app can share the file.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from desktop_app.config.paths import data_home

FONT_SIZES = {"standard": "标准", "large": "大", "huge": "特大"}
FONT_SCALES = {"standard": 1.0, "large": 1.25, "huge": 1.5}

# Fonts Word documents ask for, and what to use where a PC lacks them (see domain.md).
DEFAULT_FONT_SUBSTITUTES = {
    "仿宋_GB2312": "仿宋",
    "方正小标宋简体": "宋体",
    "楷体_GB2312": "楷体",
}


@dataclass
class Settings:
    db_path: str = ""  # empty: the default file in the data folder
    font_substitutes: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_FONT_SUBSTITUTES))
    # 工作台's "距上次与镇同步" turns amber after this many days without a town file, red
    # after twice that.
    sync_warn_days: int = 7
    # 字号: "standard" (标准), "large" (大) or "huge" (特大); per PC, like the whole file.
    font_size: str = "standard"
    # 人才联育: a 青雁 is born in this year or later (under 35); a rotation post lasts this
    # many months unless its end is given.
    qingyan_born_from: int = 1985
    rotation_months: int = 3
    # 治理联抓: a micro-grid is due a visit after this many days (practice.md: ordinary
    # households twice a year; 困难户、空巢老人、流动人员 monthly).
    visit_days_ordinary: int = 183
    visit_days_key: int = 30

    @property
    def font_scale(self) -> float:
        return FONT_SCALES.get(self.font_size, 1.0)

    @property
    def warn_days(self) -> int:
        """``sync_warn_days``, at least one day whatever the file says."""
        try:
            return max(1, int(self.sync_warn_days))
        except (TypeError, ValueError):
            return 7

    @staticmethod
    def file() -> Path:
        return data_home() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        try:
            raw = json.loads(cls.file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
        try:
            return cls(**values)
        except TypeError:
            return cls()

    def save(self) -> None:
        """Write atomically: a temporary file, then a rename."""
        target = self.file()
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".json.tmp")
        temporary.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2),
                             encoding="utf-8")
        os.replace(temporary, target)
