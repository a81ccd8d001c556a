"""Writing a large document in a process of its own, so the window never waits for it.

Building a ledger of 100,000 rows is done a hundred rows at a time and written row by row,
yet freeing its million-element tree and the memory behind it still holds the interpreter
for a second or more in one call (glibc hands the memory back to the system). In a child
process none of that touches the window's interpreter: the window's worker thread only waits
on a pipe. The child opens the same database file, reads through the services, writes the
file atomically and reports progress; cancel is a message it obeys between rows (the
half-written temporary file is removed, as on any failure).

The child runs at normal priority: a lower one (``os.nice``) made the 100,600-task ledger
take 28 s instead of 20 s whenever other programs kept the two cores busy, and the window
did not need it (the heartbeat test passes without).
"""

from __future__ import annotations

import multiprocessing
import traceback
from pathlib import Path
from typing import Any

from desktop_app.progress import Progress
from desktop_app.records.errors import UserError

POLL_S = 0.05
STOP_WAIT_S = 30  # how long a cancelled child may take to clean up before it is ended


class _Cancelled(Exception):
    """Raised in the child when the parent asked it to stop."""


def _child(conn, db_path: str, function: str, args: tuple, kwargs: dict) -> None:
    from desktop_app import documents
    from desktop_app.documents.render import Options
    from desktop_app.services import Services
    from desktop_app.storage.database import Database

    def progress(done: int, total: int) -> None:
        conn.send(("progress", done, total))
        if conn.poll() and conn.recv() == "cancel":
            raise _Cancelled

    db = None
    try:
        db = Database(Path(db_path))
        options = kwargs.pop("options", None) or Options()
        options.progress = progress
        result = getattr(documents, function)(Services(db), *args, options=options, **kwargs)
        conn.send(("done", str(result)))
    except _Cancelled:
        conn.send(("cancelled",))
    except UserError as error:
        conn.send(("user_error", str(error)))
    except BaseException:  # reported to the window as an error of the program
        conn.send(("error", traceback.format_exc()))
    finally:
        if db is not None:
            db.close()
        conn.close()


def export_in_process(function: str, db_path: Path | str, *args: Any,
                      progress: Progress | None = None,
                      **kwargs: Any) -> Path:
    """``documents.<function>(services, *args, **kwargs)`` run in a child process on the
    database file ``db_path``; returns the path written. ``progress(done, total)`` is
    called as the child reports, then ``progress.check()`` if it has one (the window's
    ``ui.background.Progress``); if either raises (cancel), the child is told to stop, and
    the exception is re-raised once the child has cleaned up."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_child, args=(child, str(db_path), function, args, kwargs),
                              daemon=True, name=f"lianjian-{function}")
    process.start()
    child.close()
    stopping: BaseException | None = None
    check = getattr(progress, "check", None)
    try:
        while True:
            if not parent.poll(POLL_S):
                if not process.is_alive() and not parent.poll():
                    raise UserError("生成文书的进程意外退出，文件未保存")
                continue
            try:
                message = parent.recv()
            except EOFError:
                raise UserError("生成文书的进程意外退出，文件未保存") from None
            kind = message[0]
            if kind == "progress":
                if progress is not None and stopping is None:
                    try:
                        progress(message[1], message[2])
                        if check is not None:
                            check()
                    except BaseException as error:  # cancel: tell the child, wait for it
                        stopping = error
                        parent.send("cancel")
            elif kind == "done":
                if stopping is not None:
                    raise stopping
                return Path(message[1])
            elif kind == "cancelled":
                assert stopping is not None
                raise stopping
            elif kind == "user_error":
                raise UserError(message[1])
            else:
                raise RuntimeError(f"生成文书时出错：\n{message[1]}")
    finally:
        process.join(STOP_WAIT_S)
        if process.is_alive():
            process.terminate()
            process.join()
        parent.close()
