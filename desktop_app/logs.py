"""The program's log: a rotating file in the data folder (standard ``logging``).

``setup_logging()`` (the window and the CLI call it once) writes to
``<data folder>/logs/lianjian.log``, at most ``MAX_BYTES`` per file and ``BACKUPS`` old files,
so the log never fills the disk. Unexpected errors are written there with their traceback;
the error dialog names the file so that a person can send it along. ``logging.handlers``
(which imports socket and pickle) loads only here, so the window sets the file up after its
first paint; an error before that sets it up itself.
"""

from __future__ import annotations

import logging
from pathlib import Path

from desktop_app.config.paths import data_home

LOGGER = "lianjian"
LOG_NAME = "lianjian.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def log_path() -> Path:
    return data_home() / "logs" / LOG_NAME


def setup_logging() -> Path | None:
    """Send this program's log records to the rotating file; returns its path (or None if
    the folder cannot be written: the program still runs, it only cannot log)."""
    import logging.handlers

    path = log_path()
    logger = logging.getLogger(LOGGER)
    for handler in logger.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            if Path(handler.baseFilename) == path.resolve():
                return path
            logger.removeHandler(handler)  # another data folder (tests move it)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path


def log_unexpected(error: BaseException, details: str = "") -> None:
    """Write an unexpected error and its traceback to the log (set up if it is not yet)."""
    setup_logging()
    logger = logging.getLogger(LOGGER)
    if details:
        logger.error("意外错误：%r\n%s", error, details)
    else:
        logger.error("意外错误：%r", error, exc_info=(type(error), error, error.__traceback__))
