"""Export a declared list to .xlsx with XlsxWriter (faster than openpyxl's write-only mode
for 100,000 rows: bench/excel_report.md).

A title row (the office, the list, the date of export), the declared labels as a frozen,
filtered header row, dates as real date cells shown 2026年12月2日, numbers as numbers, every
text (ID and phone numbers too) as text, sensitive values masked unless the whole values are
asked for. Widths follow the longest value of each column (a Chinese character counts two).
"""

from __future__ import annotations

import os
from collections.abc import Container, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.excel.columns import display_value, sheet_fields
from desktop_app.progress import Progress
from desktop_app.records.fields import Field, Kind

if TYPE_CHECKING:
    from desktop_app.services import ListQuery, RecordService, Services

DATE_FORMAT = 'yyyy"年"m"月"d"日"'
DATETIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm'
CHUNK = 1000  # display rows read from the service at a time
# From this many rows, a child process reads the records while this one writes the sheet:
# on two cores reading (the services' display rows) and writing (XlsxWriter) overlap.
IN_CHILD_FROM = 20_000
WIDEST = 60  # characters a column may take


def text_width(value: Any) -> float:
    """The width a value takes in Excel's character units (a Chinese character counts two)."""
    if isinstance(value, datetime):
        return 18
    if isinstance(value, date):
        return 13
    text = str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1.1 for ch in text)


class SheetWriter:
    """One worksheet written row by row: a title, a header row, then data rows."""

    def __init__(self, path: Path, sheet_name: str, title: str, headers: Sequence[str]) -> None:
        import xlsxwriter

        self.path = path
        self.book = xlsxwriter.Workbook(str(path), {"constant_memory": True,
                                                     "strings_to_numbers": False,
                                                     "strings_to_formulas": False,
                                                     "strings_to_urls": False})
        self.sheet = self.book.add_worksheet(sheet_name[:31])
        self.date_format = self.book.add_format({"num_format": DATE_FORMAT})
        self.datetime_format = self.book.add_format({"num_format": DATETIME_FORMAT})
        self.text_format = self.book.add_format({"num_format": "@"})
        header_format = self.book.add_format({"bold": True, "bg_color": "#DDEBF7",
                                              "border": 1, "text_wrap": True})
        title_format = self.book.add_format({"bold": True, "font_size": 14})
        self.columns = len(headers)
        self.widths = [text_width(h) + 3 for h in headers]  # room for the filter arrow
        self.sheet.write_string(0, 0, title, title_format)
        for n, header in enumerate(headers):
            self.sheet.write_string(1, n, header, header_format)
        self.row = 2

    def write(self, values: Sequence[Any], text_columns: Container[int] = ()) -> None:
        """One data row; ``text_columns`` are written as text whatever they hold."""
        sheet, row, widths = self.sheet, self.row, self.widths
        for n, value in enumerate(values):
            if value is None or value == "":
                continue
            if n in text_columns:
                value = str(value)
                sheet.write_string(row, n, value, self.text_format)
            elif isinstance(value, str):
                sheet.write_string(row, n, value)
            elif isinstance(value, bool):
                value = "是" if value else "否"
                sheet.write_string(row, n, value)
            elif isinstance(value, datetime):
                sheet.write_datetime(row, n, value, self.datetime_format)
            elif isinstance(value, date):
                sheet.write_datetime(row, n, datetime(value.year, value.month, value.day),
                                     self.date_format)
            elif isinstance(value, int | float):
                sheet.write_number(row, n, value)
            else:
                value = str(value)
                sheet.write_string(row, n, value)
            # the width only grows: measure a text only if it may be wider than the column
            if widths[n] < WIDEST and (not isinstance(value, str)
                                       or 2 * len(value) > widths[n]):
                width = text_width(value)
                if width > widths[n]:
                    widths[n] = width
        self.row += 1

    def close(self) -> None:
        """Fit the widths, freeze and filter the header row, and save the file."""
        for n, width in enumerate(self.widths):
            self.sheet.set_column(n, n, min(width + 1, WIDEST))
        self.sheet.freeze_panes(2, 0)
        self.sheet.autofilter(1, 0, max(self.row - 1, 1), max(self.columns - 1, 0))
        self.book.close()


def write_rows(path: Path, sheet_name: str, title: str, fields: Sequence[Field],
               chunks: Iterable[list[list[Any]]]) -> int:
    """Write ``chunks`` of cell values under ``fields``' labels to ``path`` atomically; the
    number of rows written."""
    text_columns = {n for n, f in enumerate(fields) if f.kind in (Kind.TEXT, Kind.LONG_TEXT)}
    temporary = path.with_name(path.name + ".part")
    writer = SheetWriter(temporary, sheet_name, title, [f.label for f in fields])
    count = 0
    try:
        for chunk in chunks:
            for values in chunk:
                writer.write(values, text_columns)
            count += len(chunk)
        writer.close()
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def cell_chunks(service: RecordService, ids: Sequence[str], fields: Sequence[Field],
                whole: bool) -> Iterator[list[list[Any]]]:
    """The cells of the records ``ids`` (in their order), ``CHUNK`` rows at a time, read
    through the service's display rows (names, labels, masked unless ``whole``)."""
    keys = [(spec, spec.shown_as) for spec in fields]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        found = service.rows(chunk, unmasked=whole)
        yield [[cell_value(spec, display_value(spec, row, key)) for spec, key in keys]
               for row in (found[i] for i in chunk if i in found)]


def cell_value(spec: Field, value: Any) -> Any:
    """The value a cell holds: a date as a date, a number as a number, the rest as text."""
    if value is None:
        return None
    if spec.kind in (Kind.NUMBER, Kind.DECIMAL) and isinstance(value, int | float):
        return value
    if spec.kind is Kind.DATE and isinstance(value, date):
        return value if not isinstance(value, datetime) else value.date()
    if spec.kind is Kind.DATETIME and isinstance(value, datetime):
        return value
    if spec.kind is Kind.TIME and hasattr(value, "strftime"):
        return value.strftime("%H:%M")
    return str(value) if not isinstance(value, bool) else value


def export_title(services: Services, label: str, today: date | None = None) -> str:
    """``黄璩联合党总支值班室　人员列表　导出于 2026年12月2日``."""
    office = services.sync.office().name or _town_name(services) or "本机"
    day = today or date.today()
    return f"{office}　{label}列表　导出于 {day.year}年{day.month}月{day.day}日"


def _town_name(services: Services) -> str:
    town = services.towns.the_town()
    return town.name if town is not None else ""


def export_xlsx(services: Services, kind: str, query: ListQuery | None, path: Path | str,
                *, whole: bool = False, progress: Progress | None = None) -> int:
    """Write the list of ``kind`` (a table name) filtered by ``query`` (the list's filters,
    all rows) to ``path``; the number of rows. Sensitive values are masked unless ``whole``."""
    from dataclasses import replace

    from desktop_app.services import ListQuery

    service = services.by_kind(kind)
    declared = service.record_type
    fields = sheet_fields(declared)
    query = replace(query or ListQuery(), offset=0, limit=None)
    ids = service.ids(query)
    if len(ids) >= IN_CHILD_FROM:
        from desktop_app.excel.producer import chunks_from_child

        chunks = chunks_from_child(services.db.path, kind, ids, whole)
    else:
        chunks = cell_chunks(service, ids, fields, whole)
    return write_rows(Path(path), declared.label, export_title(services, declared.label),
                      fields, _reporting(chunks, len(ids), progress))


def _reporting(chunks: Iterable[list[list[Any]]], total: int,
               progress: Progress | None) -> Iterator[list[list[Any]]]:
    """``chunks`` as they come, telling ``progress`` (and letting the window's cancel)."""
    done = 0
    for chunk in chunks:
        yield chunk
        done += len(chunk)
        if progress is not None:
            progress(done, total)
            check = getattr(progress, "check", None)  # the window's Progress: 取消
            if check is not None:
                check()


__all__ = ["DATE_FORMAT", "cell_chunks", "export_title", "export_xlsx", "write_rows"]
