"""What an import works with, as plain data: the choices, a sheet's rows as read and checked,
the plan they make before anything is written, and the report after."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.excel.mapping import Column

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


__all__ = ["ROW_PROBLEM", "ImportOptions", "ImportReport", "NewVillage", "Plan", "RowProblem",
           "SheetRow"]
