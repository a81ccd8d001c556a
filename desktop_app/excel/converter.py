"""Each row's cells turned into its fields' values by their declared kinds, the records a
name means found (narrowed by the row's cluster and village), every problem named by cell."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop_app.excel import values as cells
from desktop_app.excel.columns import importable, is_number_like_text
from desktop_app.excel.existing import named_records
from desktop_app.excel.mapping import Column
from desktop_app.excel.plans import ImportOptions, NewVillage, SheetRow
from desktop_app.records.fields import ONE_RECORD, Field, Kind, RecordType

if TYPE_CHECKING:
    from desktop_app.services import Services


class RowConverter:
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


__all__ = ["RowConverter"]
