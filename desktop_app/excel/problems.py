"""The refused rows of an import saved as .xlsx: the sheet's own header and cells, plus a
问题 column saying what to fix, so the clerk corrects them in Excel and imports again (the
title row above the header and the 问题 column are skipped by the next import)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.excel.writer import SheetWriter

if TYPE_CHECKING:
    from desktop_app.excel.importer import ImportReport

PROBLEM_HEADER = "问题"


def problem_text(report: ImportReport, row_number: int) -> str:
    return "；".join(f"{p.field}：{p.message}" if p.field else p.message
                    for p in report.problems if p.row == row_number)


def save_problems(report: ImportReport, path: Path | str) -> Path:
    """Write every refused row of ``report`` with its 问题 to ``path`` (atomically)."""
    path = Path(path)
    header = list(report.header)
    width = max([len(header)] + [len(row.cells) for row in report.refused])
    header += [""] * (width - len(header))
    temporary = path.with_name(path.name + ".part")
    title = f"{report.label}导入未成功的行：请按“问题”一列改正后重新导入"
    writer = SheetWriter(temporary, "问题行", title, [*header, "原行号", PROBLEM_HEADER])
    try:
        for row in report.refused:
            values = list(row.cells) + [None] * (width - len(row.cells))
            writer.write([*values, row.number, problem_text(report, row.number)],
                         text_columns={width + 1})
        writer.close()
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


__all__ = ["PROBLEM_HEADER", "problem_text", "save_problems"]
