"""Import a sheet into records of any declared type, through the services.

``prepare`` reads the file, finds the header row, maps columns to fields and turns every
cell into its field's value (``values``), naming what is wrong cell by cell, and finds
duplicates within the sheet and against the records already there. ``import_sheet`` then
creates each good row through the record type's service (its own rules apply, and each
record is stamped, logged for sync and indexed for search) inside one transaction: all rows
or none, unless the person asks for the good rows only. Nothing here is per record type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.excel import values as cells
from desktop_app.excel.columns import importable, is_number_like_text
from desktop_app.excel.existing import existing_keys, load_records, named_records
from desktop_app.excel.mapping import Column, apply_overrides, find_header, guess_columns
from desktop_app.excel.reader import read_sheet
from desktop_app.records.errors import UserError, ValidationError
from desktop_app.records.fields import DATES, ONE_RECORD, Field, Kind, RecordType
from desktop_app.records.masking import mask

if TYPE_CHECKING:
    from desktop_app.services import Services

Progress = Callable[[int, int], None]
ROW_PROBLEM = ""  # the key of a problem of the whole row (a duplicate), not of one cell


@dataclass
class ImportOptions:
    sheet: str | None = None
    overrides: tuple[str, ...] = ()  # ``列=字段``
    columns: list[Column] | None = None  # a mapping chosen in the dialog (replaces the guess)
    dry_run: bool = False  # check everything, write nothing
    good_rows_only: bool = False  # import the rows without problems even if others have
    create_villages: bool = False  # a village named but not there is created (its cluster known)
    today: date | None = None  # the year of 12月2日 (tests)


@dataclass(frozen=True)
class NewVillage:
    """A village the import will create before the rows naming it."""

    name: str
    cluster_id: str


@dataclass
class SheetRow:
    number: int  # as Excel shows it (1 = the first row)
    cells: list[Any]
    values: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # field name ("" = row) -> why
    hidden: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Plan:
    """A sheet read and checked, not yet written."""

    kind: str
    label: str
    sheet: str
    sheet_names: list[str]
    header_row: int  # as Excel shows it
    header: list[str]
    columns: list[Column]
    rows: list[SheetRow]
    notes: list[str]

    @property
    def good(self) -> list[SheetRow]:
        return [row for row in self.rows if row.ok]


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str  # the field's label ("" for the whole row)
    message: str


@dataclass
class ImportReport:
    kind: str
    label: str
    sheet: str
    header_row: int
    header: list[str]
    read: int  # data rows read
    imported: int  # records created (0 unless written)
    written: bool
    problems: list[RowProblem]
    refused: list[SheetRow]
    notes: list[str]
    created_villages: list[str]

    @property
    def summary(self) -> str:
        refused = len(self.refused)
        if self.written:
            text = f"已导入{self.label} {self.imported} 条"
            if refused:
                text += f"；{refused} 行有问题未导入"
            if self.created_villages:
                text += f"；新建村庄 {len(self.created_villages)} 个"
            return text
        if refused:
            return (f"共 {self.read} 行，其中 {refused} 行有问题：未导入任何记录"
                    f"（可改正后重新导入，或选择“只导入没有问题的行”）")
        return f"检查完毕：{self.read} 行均可导入（试导入，未写入）"


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
    converter = _Converter(services, declared, columns, options)
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
    _Duplicates(services, declared).check(rows)
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
                for n, row in enumerate(good):
                    clock = services.db.clock.last  # moves with every record written
                    try:
                        values = _with_new_villages(services, row.values, villages)
                        service.create(**values)
                        imported += 1
                    except ValidationError as error:
                        if services.db.clock.last != clock:  # refused after writing a part
                            raise UserError(f"第 {row.number} 行：{error.message}。这一行已写入"
                                            f"一部分，整个导入已撤销，未写入任何记录") from error
                        row.problems[error.field] = error.message
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


class _Converter:
    """Turns a row's cells into its fields' values, naming each cell's problem."""

    def __init__(self, services: Services, declared: RecordType, columns: list[Column],
                 options: ImportOptions) -> None:
        self.services = services
        self.declared = declared
        self.options = options
        fields = {f.name: f for f in importable(declared)}
        pairs = [(c.index, fields[c.field]) for c in columns if c.field in fields]
        # references after plain values, clusters first: a name is narrowed by the row's
        # cluster and village
        self.plain = [(i, f) for i, f in pairs if not _names_records(f)]
        self.references = sorted(((i, f) for i, f in pairs if _names_records(f)),
                                 key=lambda pair: _reference_order(pair[1]))
        self.names: dict[str, dict[str, list[dict[str, Any]]]] = {}
        self.office_cluster = services.db.node.cluster_id
        self._village_clusters: dict[str, str] | None = None
        mapped = {f.name for _i, f in pairs}
        self.village_fields = [f for f in fields.values()
                               if f.kind in (Kind.VILLAGE, Kind.VILLAGES)]
        self.infers_cluster = ("cluster_id" in fields and "cluster_id" not in mapped
                               and bool(self.village_fields))
        self.implied = {spec.name: only for spec in fields.values()
                        if spec.required and spec.kind in ONE_RECORD and spec.name not in mapped
                        and (only := self._only_record(spec)) is not None}

    def _only_record(self, spec: Field) -> str | None:
        """The one live record a required reference can name (the town), if only one."""
        table = spec.target_table
        if table is None:
            return None
        with self.services.db.session() as session:
            found = [r for rows in named_records(session, table).values() for r in rows]
        return found[0]["id"] if len(found) == 1 else None

    def convert(self, row: SheetRow) -> None:
        row.values.update(self.implied)
        for index, spec in self.plain + self.references:
            raw = row.cells[index] if index < len(row.cells) else None
            if cells.is_blank(raw):
                continue
            try:
                value = self._value(spec, raw, row.values)
            except cells.CellProblem as problem:
                row.problems[spec.name] = str(problem)
                continue
            row.values[spec.name] = value
        if self.infers_cluster and not row.values.get("cluster_id"):
            self._cluster_from_villages(row)

    def _cluster_from_villages(self, row: SheetRow) -> None:
        """A record of one cluster whose sheet names no cluster: the cluster of the villages
        it names, when they are all of one."""
        clusters: set[str | None] = set()
        for spec in self.village_fields:
            value = row.values.get(spec.name)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, NewVillage):
                    clusters.add(item.cluster_id)
                elif item:
                    clusters.add(self.village_clusters().get(item))
        if len(clusters) == 1 and None not in clusters:
            row.values["cluster_id"] = clusters.pop()

    def village_clusters(self) -> dict[str, str]:
        """``village id -> cluster id`` (read once)."""
        if self._village_clusters is None:
            if "village" not in self.names:
                with self.services.db.session() as session:
                    self.names["village"] = named_records(session, "village")
            self._village_clusters = {r["id"]: r["cluster_id"]
                                      for rows in self.names["village"].values() for r in rows}
        return self._village_clusters

    def _value(self, spec: Field, raw: Any, context: dict[str, Any]) -> Any:
        kind = spec.kind
        if kind in (Kind.TEXT, Kind.LONG_TEXT):
            if is_number_like_text(spec):
                return cells.as_identifier_text(raw, spec)
            if kind is Kind.LONG_TEXT:
                return str(raw).strip() if not isinstance(raw, float) \
                    else cells.clean_text(raw)
            text = cells.clean_text(raw)
            return cells.squeezed(text) if spec.name == self.declared.title_field else text
        if kind in (Kind.NUMBER, Kind.DECIMAL):
            return cells.as_number(raw, spec)
        if kind is Kind.DATE:
            return cells.as_date(raw, spec.label, self.options.today)
        if kind is Kind.DATETIME:
            return cells.as_datetime(raw, spec.label, self.options.today)
        if kind is Kind.TIME:
            return cells.as_time(raw, spec.label)
        if kind is Kind.CHOICE:
            return cells.as_choice(raw, spec)
        if kind is Kind.CHOICES:
            return [cells.as_choice(part, spec) for part in cells.split_members(raw)]
        if kind is Kind.TAGS:
            return cells.split_members(raw)
        if kind is Kind.FLAG:
            return cells.as_flag(raw, spec.label)
        if kind in ONE_RECORD:
            return self._record(spec, cells.squeezed(cells.clean_text(raw)), context)
        if kind in (Kind.VILLAGES, Kind.REFERENCES):
            return [self._record(spec, cells.squeezed(name), context)
                    for name in cells.split_members(raw)]
        raise cells.CellProblem(f"{spec.label}不能从表格导入")

    def _record(self, spec: Field, name: str, context: dict[str, Any]) -> Any:
        table = spec.target_table or ("village" if spec.kind is Kind.VILLAGES else "")
        if not table:
            raise cells.CellProblem(f"{spec.label}不能从表格导入")
        if table not in self.names:
            with self.services.db.session() as session:
                self.names[table] = named_records(session, table)
        known = self.names[table]
        found = known.get(name, [])
        if not found and table == "village":  # 黄璩 for 黄璩村, 黄璩村 for 黄璩
            found = known.get(name + "村", []) or known.get(name.removesuffix("村"), [])
        cluster = context.get("cluster_id") or self.office_cluster
        if len(found) > 1 and cluster:
            found = [r for r in found if r.get("cluster_id") == cluster] or found
        if len(found) > 1 and context.get("village_id"):
            found = [r for r in found if r.get("village_id") == context["village_id"]] or found
        if len(found) == 1:
            return found[0]["id"]
        what = _target_label(table)
        if found:
            raise cells.CellProblem(f"有 {len(found)} 个{what}都叫“{name}”，无法确定是哪一个："
                                    f"请在表中写明联合党组织或所在村，或改用不同的名称")
        if table == "village" and self.options.create_villages:
            if cluster:
                return NewVillage(name, cluster)
            raise cells.CellProblem(f"没有名为“{name}”的村庄，也无法新建：表中没有写明它属于"
                                    f"哪个联合党组织")
        hint = "（可选择“新建表中没有的村庄”）" if table == "village" else ""
        raise cells.CellProblem(f"没有名为“{name}”的{what}{hint}")


def _names_records(spec: Field) -> bool:
    return spec.kind in ONE_RECORD or spec.kind in (Kind.VILLAGES, Kind.REFERENCES)


def _reference_order(spec: Field) -> int:
    return {"cluster": 0, "village": 1}.get(spec.target_table or "village", 2)


def _target_label(table: str) -> str:
    from desktop_app.records.types import table_label

    return table_label(table)


class _Duplicates:
    """Rows that repeat each other or a record already there: the same ID number, or the
    same name (title) in the same village (or cluster, and on the same date for titles)."""

    def __init__(self, services: Services, declared: RecordType) -> None:
        self.services = services
        self.declared = declared
        self.keys = duplicate_keys(declared)

    def check(self, rows: list[SheetRow]) -> None:
        if not self.keys:
            return
        existing = existing_keys(self.services.db, self.declared.table, self.keys)
        seen: list[dict[tuple[Any, ...], int]] = [{} for _ in self.keys]
        for row in rows:
            for n, columns in enumerate(self.keys):
                key = self._key(row, columns)
                if key is None:
                    continue
                what = self._describe(columns, key)
                if key in existing[n]:
                    row.problems.setdefault(ROW_PROBLEM, f"已有相同的{self.declared.label}"
                                                         f"（{what}）")
                elif key in seen[n]:
                    row.problems.setdefault(ROW_PROBLEM, f"与第 {seen[n][key]} 行重复（{what}）")
                else:
                    seen[n][key] = row.number

    def _key(self, row: SheetRow, columns: tuple[str, ...]) -> tuple[Any, ...] | None:
        values = tuple(row.values.get(c) for c in columns)
        if any(v in (None, "") or isinstance(v, NewVillage) for v in values):
            return None
        return values

    def _describe(self, columns: tuple[str, ...], key: tuple[Any, ...]) -> str:
        parts = []
        for column, value in zip(columns, key, strict=True):
            spec = self.declared.field(column)
            if spec.kind in ONE_RECORD:
                continue  # an id says nothing to a person; the label says "same village"
            shown = mask(value) if spec.sensitive else value
            parts.append(f"{spec.label} {shown}")
        scope = [self.declared.field(c).label for c in columns
                 if self.declared.field(c).kind in ONE_RECORD]
        return "，".join(parts) + (f"，{'、'.join(scope)}相同" if scope else "相同")


def duplicate_keys(declared: RecordType) -> list[tuple[str, ...]]:
    """The columns whose values together may appear once among live records: an ID number;
    the name in its village (or cluster); a title in its cluster on its first date."""
    fields = {f.name: f for f in importable(declared)}
    keys: list[tuple[str, ...]] = []
    if "id_number" in fields:
        keys.append(("id_number",))
    title = declared.title_field
    if title in fields:
        scope = next((f.name for f in fields.values() if f.kind is Kind.VILLAGE), None) \
            or ("cluster_id" if "cluster_id" in fields else None)
        key = (title,) + ((scope,) if scope else ())
        if title != "name":
            day = next((f.name for f in fields.values() if f.kind in DATES), None)
            key += (day,) if day else ()
        keys.append(key)
    return keys


__all__ = ["ImportOptions", "ImportReport", "Plan", "RowProblem", "SheetRow", "import_sheet",
           "prepare", "report_of"]
