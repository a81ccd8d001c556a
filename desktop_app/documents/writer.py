"""Saving a document safely: a temporary file in the target folder, then a rename.

A crash (or a full disk) never leaves half a document under the real name, and a file
open in Word (Windows refuses to replace it: PermissionError) gives a clear message.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

from docx.document import Document

from desktop_app.documents.package import save_package
from desktop_app.documents.tables import SpilledRows
from desktop_app.progress import Progress
from desktop_app.records.errors import UserError
from desktop_app.storage.faults import os_error_reason, remove_leftovers

SUFFIX = ".docx"


def locked_message(target: Path) -> str:
    return f"文件 {target} 正被其他程序（如 Word）打开，请关闭后重试"


def check_target(target: Path | str) -> Path:
    """The target as a path, or a UserError if no document can be saved there."""
    target = Path(target).expanduser()
    if target.suffix.lower() != SUFFIX:
        raise UserError(f"输出文件 {target} 应以 {SUFFIX} 结尾")
    if target.is_dir():
        raise UserError(f"{target} 是一个文件夹，请给出文件名，例如 {target / ('文书' + SUFFIX)}")
    folder = target.parent
    if not folder.is_dir():
        raise UserError(f"文件夹不存在：{folder}")
    return target


def save(document: Document, target: Path | str,
         step: Progress | None = None,
         spilled: Sequence[SpilledRows] = ()) -> Path:
    """Write ``document`` to ``target`` atomically; returns the target path. ``step``
    follows the writing of a long document (and may raise to stop: nothing is left);
    ``spilled``: the rows of its tables that wait in temporary files."""
    target = check_target(target)
    remove_leftovers(target.parent, f".{target.stem}.*.tmp")  # a write cut short earlier
    temporary = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.tmp")
    try:
        stream = open(temporary, "xb")  # closed below; its mode follows the umask
    except PermissionError:
        raise UserError(f"没有权限在文件夹 {target.parent} 中保存文件") from None
    except OSError as error:
        reason = error.strerror or error
        raise UserError(f"无法在文件夹 {target.parent} 中保存文件：{reason}") from None
    try:
        with stream:
            save_package(document, stream, step, spilled)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except PermissionError:
        _remove(temporary)
        raise UserError(locked_message(target)) from None
    except OSError as error:
        _remove(temporary)
        raise UserError(f"无法保存文件 {target}：{os_error_reason(error)}") from None
    except BaseException:
        _remove(temporary)
        raise
    return target


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)
