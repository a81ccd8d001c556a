"""The sample town: deterministic demo data."""

from desktop_app.demo.builder import LARGE_TASKS, SAMPLE_NODE_NAME, build_demo, is_sample

__all__ = ["LARGE_TASKS", "SAMPLE_NODE_NAME", "build_demo", "is_sample"]
