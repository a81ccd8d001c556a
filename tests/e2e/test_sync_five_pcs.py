"""The five-PC USB sync scenario (tests/e2e/sync_five_pcs.py), run as a whole.

It drives about two hundred ``python -m desktop_app`` commands, so it takes several minutes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # minutes: `make test-fast` leaves it out

SCRIPT = Path(__file__).with_name("sync_five_pcs.py")


def test_five_pcs_converge_through_usb_files(tmp_path):
    """The town and four villages, carrying files in a scrambled order with duplicates, a late,
    a forged and a truncated file, end with the same records and the same conflict list."""
    folder = tmp_path / "run"
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--keep", str(folder)],
        capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=3600,
    )
    log = completed.stdout + completed.stderr
    (tmp_path / "sync_five_pcs.log").write_text(log, encoding="utf-8")
    assert completed.returncode == 0, (
        f"sync_five_pcs.py exited {completed.returncode}; the end of its log:\n{log[-6000:]}"
    )
    assert "全部通过 / all checks passed" in completed.stdout
