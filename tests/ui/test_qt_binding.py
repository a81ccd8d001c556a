"""The Qt binding in use does not leak references (PySide6 6.12.0 did: see pyproject.toml)."""

from __future__ import annotations

import sys


def test_process_events_keeps_references_to_none(qapp):
    """Pumping events thousands of times (as waits and progress loops do) must not crash."""
    before = sys.getrefcount(None)
    for _ in range(3000):
        qapp.processEvents()
    assert sys.getrefcount(None) >= before - 50
