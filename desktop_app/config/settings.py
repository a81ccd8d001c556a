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
