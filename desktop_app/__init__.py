"""联建台账: the application without Qt (services, CLI, settings and paths)."""

__version__ = "0.1.0"
