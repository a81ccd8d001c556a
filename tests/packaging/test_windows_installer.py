"""build/windows/lianjian.iss (not built here: no Windows PC): an update replaces the program
and never deletes the data folder."""

from __future__ import annotations

import re
from pathlib import Path

ISS = Path(__file__).resolve().parents[2] / "build" / "windows" / "lianjian.iss"


def sections() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current = ""
    for line in ISS.read_text(encoding="utf-8-sig").splitlines():
        if line.startswith(";") or not line.strip():
            continue
        if match := re.fullmatch(r"\[(\w+)\]", line.strip()):
            current = match.group(1)
        else:
            found.setdefault(current, []).append(line)
    return found


def test_utf8_with_a_byte_order_mark_so_inno_setup_reads_the_chinese():
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "联建台账" in ISS.read_text(encoding="utf-8-sig")


def test_an_update_deletes_only_the_old_programs_libraries():
    found = sections()
    assert found["InstallDelete"] == ['Type: filesandordirs; Name: "{app}\\_internal"']
    assert "UninstallDelete" not in found
    assert not any("Lianjian" in line or "{localappdata}" in line or "data" in line.lower()
                   for name in ("InstallDelete", "Files", "Dirs") for line in found.get(name, []))


def test_a_fixed_app_id_and_no_administrator_needed():
    setup = dict(line.split("=", 1) for line in sections()["Setup"])
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", setup["AppId"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["UsePreviousAppDir"] == "yes"
    assert setup["OutputDir"] == r"..\out\packages"
