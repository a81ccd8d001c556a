"""The record declarations match the tables, and the rules they give are kept by the services.

A declaration that forgot a column would leave it out of forms, lists, the CLI and the
conflict list without a word; one that named a missing column would fail only when used.
"""

from __future__ import annotations

from datetime import date

import pytest

from db.models import SYNC_META_COLUMNS, SyncedRecord, table_of
from desktop_app.records.errors import ValidationError
from desktop_app.records.fields import MANY, Field, Kind, RecordType
from desktop_app.records.types import RECORD_TYPES, assessment
from desktop_app.sync.merge import SYNCED_TABLES
from desktop_app.sync.trust import CLUSTER_OF

COMMON = {"id", "created_at", "updated_at", "recorded_by", "origin", "version", "deleted"}


def test_every_synced_table_is_declared_column_by_column():
    """Each table that travels between PCs has a declaration naming every column it has, and
    nothing else (lists of rows of their own are not columns)."""
    tables = {table_of(model).name: model for model in SyncedRecord.__subclasses__()}
    assert set(RECORD_TYPES) == set(tables) == set(SYNCED_TABLES)
    for name, declared in RECORD_TYPES.items():
        columns = set(table_of(tables[name]).columns.keys()) - COMMON - set(SYNC_META_COLUMNS)
        stored = {f.name for f in declared.fields if f.kind not in MANY}
        assert stored == columns, name


def test_every_record_but_the_towns_finds_its_cluster():
    """Which office may write a record, and which sync files may carry it, follows from its
    declaration: its cluster column, its parent, or the record it names (a certificate's
    volunteer)."""
    # the town's own: the town, 擂台比武's records, and the catalogue of service items it
    # keeps for every office
    assert set(CLUSTER_OF) == set(RECORD_TYPES) - {"town", "service_item",
                                                   *assessment.TOWN_ONLY}
    assert CLUSTER_OF["task_progress"] == ("task_id", "work_task")
    assert CLUSTER_OF["certificate_record"] == ("person_id", "person")


def test_choices_references_and_labels_are_complete():
    """A choice has its vocabulary, a reference names its table, and no two fields of a
    record type share a label (a person could not tell them apart)."""
    for declared in RECORD_TYPES.values():
        labels = [f.label for f in declared.fields]
        assert len(labels) == len(set(labels)), declared.table
        for spec in declared.fields:
            if spec.kind in (Kind.CHOICE, Kind.CHOICES):
                assert spec.choices, (declared.table, spec.name)
            if spec.kind is Kind.REFERENCE:
                assert spec.target in RECORD_TYPES, (declared.table, spec.name)


def test_a_field_declared_twice_is_refused():
    """A declaration with the same field twice is a mistake caught when the app starts."""
    with pytest.raises(ValueError, match="declared twice"):
        RecordType("x", "x", (Field("a", "甲"), Field("a", "乙")))


@pytest.mark.parametrize(("values", "field", "words"), [
    ({"title": "  "}, "title", "任务标题不能为空"),
    ({"title": "长" * 101}, "title", "任务标题太长（101 字）"),
    ({"title": "清淤", "priority": 7}, "priority", "优先级“7”无效"),
    ({"title": "清淤", "due_on": date(1800, 1, 1)}, "due_on", "截止日期（1800-01-01）不在合理"),
    ({"title": "清淤", "assignee_id": "nobody"}, "assignee_id", "找不到责任人：nobody"),
    ({"title": "清淤", "description": "说" * 5001}, "description", "任务说明太长（5001 字）"),
])
def test_a_bad_value_is_refused_by_its_declared_name(services, on_shift, values, field, words):
    """A value that breaks its field's declaration is refused with one message naming the
    field as the form labels it, and nothing is saved."""
    before = services.tasks.list().total
    with pytest.raises(ValidationError, match=words) as error:
        services.tasks.create(cluster_id=on_shift.huangqu, **values)
    assert error.value.field == field
    assert services.tasks.list().total == before


def test_numbers_are_kept_within_their_declared_range(services, on_shift):
    """Counts cannot be negative and a birth year is a year: each refused by name."""
    with pytest.raises(ValidationError, match="户数不能为负数"):
        services.villages.create(cluster_id=on_shift.huangqu, name="新庄村", households=-1)
    with pytest.raises(ValidationError, match="出生年份应在 1900～2100 之间") as error:
        services.people.create(name="周丽", cluster_id=on_shift.huangqu, birth_year=85)
    assert error.value.field == "birth_year"


def test_the_cluster_of_a_task_cannot_change(services, on_shift):
    """A task stays with the joint Party organisation it was recorded for."""
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="清淤")
    with pytest.raises(ValidationError, match="工作任务不能移到其他联合党组织"):
        services.tasks.update(task.id, cluster_id=on_shift.zhangdan)
