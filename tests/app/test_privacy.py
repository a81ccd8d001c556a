"""Personal data masked by default; 显示 reveals one value and logs who looked and why."""

from __future__ import annotations

import pytest

from desktop_app.records.errors import ValidationError
from desktop_app.records.masking import mask, masked_row, masked_text
from desktop_app.records.types import record_type

ID = "37052319850315002X"


def test_id_and_phone_numbers_are_masked_as_the_rules_say():
    """身份证号显示为 370523********002X，手机号显示为 139****1234。"""
    assert mask(ID) == "370523********002X"
    assert mask("13905461234") == "139****1234"
    assert mask("123") == "***"
    assert mask("") == "" and mask(None) == ""
    assert (masked_text(f"电话13905461234，身份证{ID}")
            == "电话139****1234，身份证370523********002X")


def test_only_fields_declared_sensitive_are_masked():
    """只有声明为敏感的字段（电话、身份证号）被遮挡，姓名照常显示。"""
    row = masked_row(record_type("person"),
                     {"name": "李娜", "phone": "13905461234", "id_number": ID})
    assert row == {"name": "李娜", "phone": "139****1234", "id_number": "370523********002X"}


def test_person_rows_show_masked_numbers_unless_a_document_needs_them(services, small_town):
    """人员列表里电话和身份证号是遮挡的；只有志愿服务证明这样的文书才取完整号码。"""
    person = services.people.create(cluster_id=small_town.huangqu, name="李娜",
                                    phone="13905461234", id_number=ID)
    row = services.people.rows([person.id])[person.id]
    assert (row["phone"], row["id_number"]) == ("139****1234", "370523********002X")
    whole = services.people.rows([person.id], unmasked=True)[person.id]
    assert (whole["phone"], whole["id_number"]) == ("13905461234", ID)


def test_revealing_a_value_needs_a_reason_and_is_logged(services, small_town, on_shift):
    """点“显示”要写原因；谁在什么时候、在哪台电脑、为什么看了，都记下来。"""
    person = services.people.create(cluster_id=small_town.huangqu, name="李娜",
                                    phone="13905461234", id_number=ID)
    with pytest.raises(ValidationError, match="原因"):
        services.privacy.reveal("person", person.id, "id_number", "  ")
    with pytest.raises(ValidationError):
        services.privacy.reveal("person", person.id, "name", "核对")
    assert services.privacy.reveals(person.id) == []
    assert services.privacy.reveal("person", person.id, "id_number", "出具证明核对") == ID
    [logged] = services.privacy.reveals(person.id)
    assert (logged.officer, logged.field_label) == ("王建国", "身份证号")
    assert logged.reason == "出具证明核对"
    assert logged.node == services.db.node.node_id


def test_names_are_masked_as_surname_and_last_character():
    """A sensitive list of names (a dispute's parties) keeps each role in brackets."""
    assert mask("张三丰（申请人）、李四（被申请人）") == "张*丰（申请人）、李*（被申请人）"
    assert mask("王五") == "王*"
