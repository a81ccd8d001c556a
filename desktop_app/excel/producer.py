"""The cells of a large export, read in a child process while this process writes the sheet.

Reading 100,000 tasks' display rows through the services and writing them with XlsxWriter
each take several seconds of one core; in two processes they overlap on a two-core PC. The
child opens the same database file, reads through the services exactly as the one-process
path does (``writer.cell_chunks``), and sends the cells chunk by chunk through a pipe.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop_app.records.errors import UserError

POLL_S = 0.05


def _child(conn, db_path: str, kind: str, ids: list[str], whole: bool) -> None:
    from desktop_app.excel.columns import sheet_fields
    from desktop_app.excel.writer import cell_chunks
    from desktop_app.services import Services
    from desktop_app.storage.database import Database

    db = None
    try:
        db = Database(Path(db_path))
        service = Services(db).by_kind(kind)
        for chunk in cell_chunks(service, ids, sheet_fields(service.record_type), whole):
            conn.send(("rows", chunk))
        conn.send(("done",))
    except UserError as error:
        conn.send(("user_error", str(error)))
    except BaseException:  # reported to the parent as an error of the program
        conn.send(("error", traceback.format_exc()))
    finally:
        if db is not None:
            db.close()
        conn.close()


def chunks_from_child(db_path: Path | str, kind: str, ids: list[str],
                      whole: bool) -> Iterator[list[list[Any]]]:
    """The cells of ``ids`` as ``writer.cell_chunks`` gives them, read by a child process.
    Closing the iterator early (cancel, an error while writing) ends the child."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, str(db_path), kind, ids, whole),
                              daemon=True, name="lianjian-excel-rows")
    process.start()
    child.close()
    try:
        while True:
            if not parent.poll(POLL_S):
                if not process.is_alive() and not parent.poll():
                    raise UserError("读取记录的进程意外退出，文件未保存")
                continue
            try:
                message = parent.recv()
            except EOFError:
                raise UserError("读取记录的进程意外退出，文件未保存") from None
            if message[0] == "rows":
                yield message[1]
            elif message[0] == "done":
                return
            elif message[0] == "user_error":
                raise UserError(message[1])
            else:
                raise RuntimeError(f"导出 Excel 时出错：\n{message[1]}")
    finally:
        parent.close()
        process.join(1)
        if process.is_alive():
            process.terminate()
            process.join()


__all__ = ["chunks_from_child"]
