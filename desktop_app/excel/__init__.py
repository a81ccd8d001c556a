"""Excel in and out for every declared record type (docs/excel.md): ``export_xlsx`` writes a
list, ``import_sheet`` reads a sheet into records through the services. No Qt here."""

from __future__ import annotations

from desktop_app.excel.importer import (
    ImportOptions,
    ImportReport,
    Plan,
    RowProblem,
    import_sheet,
    prepare,
)
from desktop_app.excel.mapping import Column
from desktop_app.excel.problems import save_problems
from desktop_app.excel.writer import export_xlsx

__all__ = ["Column", "ImportOptions", "ImportReport", "Plan", "RowProblem", "export_xlsx",
           "import_sheet", "prepare", "save_problems"]
