"""Import a sheet into records of any declared type, through the services.

``prepare`` reads the file, finds the header row, maps columns to fields and turns every
cell into its field's value (``values``), naming what is wrong cell by cell, and finds
duplicates within the sheet and against the records already there. ``import_sheet`` then
creates each good row through the record type's service (its own rules apply, and each
record is stamped, logged for sync and indexed for search) inside one transaction: all rows
or none, unless the person asks for the good rows only. Nothing here is per record type.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event

from desktop_app.excel import values as cells
from desktop_app.excel.columns import importable
from desktop_app.excel.converter import RowConverter
from desktop_app.excel.duplicates import Duplicates
from desktop_app.excel.existing import load_records
from desktop_app.excel.mapping import apply_overrides, find_header, guess_columns
from desktop_app.excel.plans import (
    ImportOptions,
    ImportReport,
    NewVillage,
    Plan,
    RowProblem,
    SheetRow,
)
from desktop_app.excel.reader import read_sheet
from desktop_app.progress import Progress
from desktop_app.records.errors import UserError, ValidationError
from desktop_app.records.fields import Kind, RecordType

if TYPE_CHECKING:
    from desktop_app.services import Services

# Rows whose records are written to the database together: one INSERT per table for them all
# (an import of 10,000 people 2.2x as fast as one row at a time), but few enough that writing
# them does not keep the GUI thread from the GIL for long: with 200, a heartbeat beside an
# import on a worker waited 35-43 ms at every group; with 50, never over 30 ms, as fast.
FLUSH_EVERY = 50


def prepare(services: Services, kind: str, path: Path | str,
            options: ImportOptions | None = None) -> Plan:
    """Read and check the sheet at ``path`` for records of ``kind`` (a table name)."""
    options = options or ImportOptions()
    declared = services.by_kind(kind).record_type
    if declared.read_only:
        raise UserError(f"{declared.label}由程序生成，不能从表格导入")
    sheet = read_sheet(path, options.sheet)
    at = find_header(sheet.rows, declared)
    header = [" ".join(str(c).split()) for c in sheet.rows[at]]
    columns = options.columns or apply_overrides(guess_columns(header, declared),
                                                 options.overrides, declared)
    notes: list[str] = []
    if at:
        notes.append(f"表头在第 {at + 1} 行，上面 {at} 行（标题或空行）未导入")
    unmapped = [c.header for c in columns if c.field is None and c.header]
    if unmapped:
        notes.append(f"未导入的列：{'、'.join(unmapped)}")
    converter = RowConverter(services, declared, columns, options)
    rows: list[SheetRow] = []
    blank = 0
    for index in range(at + 1, len(sheet.rows)):
        raw = sheet.rows[index]
        if all(cells.is_blank(raw[c.index]) for c in columns
               if c.field and c.index < len(raw)):
            blank += 1
            continue
        row = SheetRow(index + 1, list(raw), hidden=index in sheet.hidden)
        converter.convert(row)
        rows.append(row)
    if blank:
        notes.append(f"跳过空行 {blank} 行")
    hidden = [str(r.number) for r in rows if r.hidden]
    if hidden:
        notes.append(f"第 {'、'.join(hidden)} 行在表格中是隐藏的，已照常读取（不要的行请删除）")
    Duplicates(services, declared).check(rows)
    return Plan(kind, declared.label, sheet.name, sheet.sheet_names, at + 1, header, columns,
                rows, notes)


def import_sheet(services: Services, kind: str, path: Path | str,
                 options: ImportOptions | None = None, *, progress: Progress | None = None,
                 plan: Plan | None = None) -> ImportReport:
    """Check and import the sheet: every row or none (``good_rows_only``: the good ones);
    ``dry_run`` writes nothing. Returns what was done and every refused row."""
    options = options or ImportOptions()
    plan = plan or prepare(services, kind, path, options)
    service = services.by_kind(kind)
    declared = service.record_type
    good = plan.good
    imported, created = 0, []
    written = False
    if good:  # through the service even if other rows are refused: its rules name theirs too
        try:
            with services.db.batch() as session:
                # the records the rows name, held while the batch runs: each create's check
                # that they exist then finds them in the session instead of asking SQLite
                held = preload(session, declared, good)  # noqa: F841
                villages: dict[NewVillage, str] = {}
                added = AddedRecords(session)
                for n, row in enumerate(good):
                    before = added.count
                    try:
                        values = _with_new_villages(services, row.values, villages)
                        service.create(**values)
                        imported += 1
                    except ValidationError as error:
                        if added.count != before:  # refused after writing a part
                            raise UserError(f"第 {row.number} 行：{error.message}。这一行已写入"
                                            f"一部分，整个导入已撤销，未写入任何记录") from error
                        row.problems[error.field] = error.message
                    if n % FLUSH_EVERY == FLUSH_EVERY - 1:
                        session.flush()  # the last rows' records, written together
                    if progress is not None and n % 200 == 0:
                        progress(n, len(good))
                created = [v.name for v in villages]
                failed = any(not row.ok for row in plan.rows)
                if options.dry_run or (failed and not options.good_rows_only):
                    raise _RolledBack
                written = True
        except _RolledBack:
            imported, created = 0, []
    return report_of(plan, declared, imported if written else 0, written,
                     created if written else [])


def report_of(plan: Plan, declared: RecordType, imported: int = 0, written: bool = False,
              created: list[str] | None = None) -> ImportReport:
    """The report of ``plan`` as it stands (before writing: what the checks found)."""
    refused = [row for row in plan.rows if not row.ok]
    problems = [RowProblem(row.number, declared.label_of(name) if name else "", message)
                for row in refused for name, message in row.problems.items()]
    return ImportReport(plan.kind, plan.label, plan.sheet, plan.header_row, plan.header,
                        len(plan.rows), imported, written, problems, refused, plan.notes,
                        created or [])


def preload(session: Any, declared: RecordType, rows: list[SheetRow]) -> list[Any]:
    """Load every record the rows name (villages, people ...) into ``session``."""
    wanted: dict[str, set[str]] = {}
    for spec in importable(declared):
        table = spec.target_table or ("village" if spec.kind is Kind.VILLAGES else None)
        if table is None:
            continue
        for row in rows:
            value = row.values.get(spec.name)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    wanted.setdefault(table, set()).add(item)
    held: list[Any] = []
    for table, ids in wanted.items():
        held += load_records(session, table, sorted(ids))
    return held


class AddedRecords:
    """Counts the records added to ``session`` (``Session.add``) from now on: a row refused
    after one of its records was added is half-written. (Not the clock: the batch writes the
    rows before it when a check of this row queries the database.)"""

    def __init__(self, session: Any) -> None:
        self.count = 0
        event.listen(session, "transient_to_pending", self._added)

    def _added(self, _session: Any, _record: Any) -> None:
        self.count += 1


class _RolledBack(Exception):
    """Leave the batch so that its transaction is rolled back."""


def _with_new_villages(services: Services, values: dict[str, Any],
                       created: dict[NewVillage, str]) -> dict[str, Any]:
    """``values`` with each :class:`NewVillage` created (once) and replaced by its id."""
    def village_id(value: Any) -> Any:
        if not isinstance(value, NewVillage):
            return value
        if value not in created:
            created[value] = services.villages.create(name=value.name,
                                                      cluster_id=value.cluster_id).id
        return created[value]

    return {name: [village_id(v) for v in value] if isinstance(value, list)
            else village_id(value) for name, value in values.items()}


__all__ = ["ImportOptions", "ImportReport", "Plan", "RowProblem", "SheetRow", "import_sheet",
           "prepare", "report_of"]
