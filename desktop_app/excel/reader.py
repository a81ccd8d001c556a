"""Reading a spreadsheet as rows of cells: .xlsx, .xls, .ods with python-calamine (faster than
openpyxl + xlrd: bench/excel_report.md), .csv in UTF-8 or GB18030 (detected).

Merged cells are unmerged with the top-left value in every cell (a village name merged down
its people). Rows hidden in an .xlsx are noted, so the report can say so. Row numbers are
those Excel shows: the first row of the sheet is row 1.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from desktop_app.records.errors import UserError

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
READABLE = (*SPREADSHEETS, ".csv")


@dataclass
class Sheet:
    """The cells of one worksheet from A1, row by row (``rows[0]`` is Excel's row 1)."""

    name: str
    rows: list[list[Any]]
    hidden: frozenset[int] = frozenset()  # 0-based indexes of hidden rows
    sheet_names: list[str] = field(default_factory=list)


def read_sheet(path: Path | str, sheet_name: str | None = None) -> Sheet:
    """The sheet ``sheet_name`` (default: the first visible one) of the file at ``path``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UserError(f"找不到文件：{path}")
    if suffix == ".csv":
        return Sheet(path.stem, _csv_rows(path.read_bytes()), sheet_names=[path.stem])
    if suffix not in SPREADSHEETS:
        raise UserError(f"不能读取“{path.name}”：请选择 .xlsx、.xls、.ods 或 .csv 文件")
    return _calamine_sheet(path, sheet_name)


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes) or else GB18030 (what Excel and WPS on a
    Chinese Windows save as 'CSV')."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise UserError("CSV 文件既不是 UTF-8 也不是 GB18030（GBK）编码，无法读取："
                        "请在 Excel 中另存为 .xlsx 后再导入") from None


def _csv_rows(data: bytes) -> list[list[Any]]:
    text = decode_csv(data)
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _calamine_sheet(path: Path, sheet_name: str | None) -> Sheet:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine's own errors: a damaged or password-protected file
        raise UserError(f"无法读取“{path.name}”：文件已损坏、加密或不是电子表格（{error}）") \
            from None
    names = list(book.sheet_names)
    if sheet_name is None:
        visible = [m.name for m in book.sheets_metadata if str(m.visible).endswith("Visible")
                   and "Hidden" not in str(m.visible)]
        chosen = (visible or names)[0]
    elif sheet_name in names:
        chosen = sheet_name
    else:
        raise UserError(f"“{path.name}”中没有名为“{sheet_name}”的工作表，"
                        f"可选：{'、'.join(names)}")
    sheet = book.get_sheet_by_name(chosen)
    rows = [list(row) for row in sheet.to_python(skip_empty_area=False)]
    for (top, left), (bottom, right) in sheet.merged_cell_ranges or []:
        _fill_merged(rows, top, left, bottom, right)
    hidden = _hidden_rows(path, names.index(chosen)) if path.suffix.lower() in (
        ".xlsx", ".xlsm") else frozenset()
    return Sheet(chosen, [_trimmed(row) for row in rows], hidden, names)


def _fill_merged(rows: list[list[Any]], top: int, left: int, bottom: int, right: int) -> None:
    if top >= len(rows) or left >= len(rows[top]):
        return
    value = rows[top][left]
    for r in range(top, min(bottom, len(rows) - 1) + 1):
        row = rows[r]
        for c in range(left, right + 1):
            if c >= len(row):
                row.extend([""] * (c + 1 - len(row)))
            if row[c] in ("", None):
                row[c] = value


def _trimmed(row: list[Any]) -> list[Any]:
    end = len(row)
    while end and row[end - 1] in ("", None):
        end -= 1
    return row[:end]


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def _hidden_rows(path: Path, index: int) -> frozenset[int]:
    """The rows marked hidden in the ``index``-th sheet of an .xlsx (from its XML: neither
    calamine nor openpyxl's fast reader tells)."""
    try:
        with zipfile.ZipFile(path) as archive:
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            sheets = book.findall("m:sheets/m:sheet", _NS)
            rel_id = sheets[index].get(f"{{{_NS['r']}}}id")
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            target = next(r.get("Target", "") for r in rels.findall("p:Relationship", _NS)
                          if r.get("Id") == rel_id)
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            hidden = set()
            with archive.open(member) as stream:
                for _event, element in ElementTree.iterparse(stream):
                    if element.tag.endswith("}row"):
                        if element.get("hidden") in ("1", "true"):
                            hidden.add(int(element.get("r", "0")) - 1)
                        element.clear()
            return frozenset(hidden)
    except (KeyError, IndexError, StopIteration, zipfile.BadZipFile, ElementTree.ParseError):
        return frozenset()


def column_letter(index: int) -> str:
    """``A`` for 0, ``AA`` for 26."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int | None:
    """0 for ``A``; None if ``letters`` is not a column name."""
    if not re.fullmatch(r"[A-Za-z]{1,3}", letters):
        return None
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


__all__ = ["READABLE", "Sheet", "column_index", "column_letter", "decode_csv", "read_sheet"]
