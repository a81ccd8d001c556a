"""The sample town: deterministic demo data."""
