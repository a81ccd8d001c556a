"""Field values to and from JSON: strict for files, lenient for what a person types."""

from __future__ import annotations

import json
from datetime import date, datetime, time

import pytest
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Time

from desktop_app.sync.codec import (
    canonical,
    canonical_text,
    decoder,
    encode,
    from_text,
    taken_as_is,
)
from desktop_app.sync.oplog import op_body, op_hash


@pytest.mark.parametrize(("column_type", "value"), [
    (DateTime(), datetime(2026, 6, 30, 9, 15, 1, 250)),
    (Date(), date(2026, 6, 30)),
    (Time(), time(9, 15)),
    (Boolean(), True),
    (Integer(), 3),
    (Float(), 2.5),
    (String(), "黄璩村"),
])
def test_values_survive_the_trip_through_json(column_type, value):
    assert decoder(column_type)(encode(value)) == value
    assert decoder(column_type)(None) is None


@pytest.mark.parametrize(("column_type", "value"), [
    (String(), 12), (String(), {"a": 1}), (Integer(), "12"), (Integer(), 1.5),
    (Integer(), True), (Boolean(), "false"), (Boolean(), 2), (Date(), 20260630),
    (Date(), "2026-13-01"), (DateTime(), "yesterday"), (Float(), "2.5"),
])
def test_a_value_of_the_wrong_kind_is_refused(column_type, value):
    with pytest.raises((TypeError, ValueError)):
        decoder(column_type)(value)


JSON_VALUES = [None, "黄璩村", "2026-06-30", "2026-06-30T09:15:00", "09:15:00", 0, 1, 3, 2.5,
               True, False, [1], {"a": 1}]


@pytest.mark.parametrize(("column_type", "kept"), [
    (DateTime(), set()), (Date(), set()), (Time(), set()), (Boolean(), {bool}),
    (Integer(), {int}), (Float(), {float}), (String(), {str}),
])
def test_values_taken_as_is_are_exactly_those_the_decoder_returns_unchanged(column_type, kept):
    """A sync import skips the decoder for a value whose type is taken as is: for every
    kind of JSON value, that must be the decoder's own answer, the value itself."""
    decode, as_is = decoder(column_type), taken_as_is(column_type)
    assert as_is == {type(None), *kept}
    for value in JSON_VALUES:
        if type(value) in as_is:
            assert decode(value) is value


def test_sqlite_booleans_and_whole_floats_are_accepted():
    assert decoder(Boolean())(0) is False
    assert decoder(Float())(3) == 3.0


@pytest.mark.parametrize(("column_type", "text", "expected"), [
    (Integer(), "12", 12), (Float(), "2.5", 2.5), (Boolean(), "是", True),
    (Boolean(), "false", False), (Date(), "2026-06-30", date(2026, 6, 30)),
    (String(), "新的标题", "新的标题"),
])
def test_typed_text_is_converted(column_type, text, expected):
    assert from_text(column_type, text) == expected


def test_typed_text_that_does_not_fit_is_refused():
    with pytest.raises(ValueError):
        from_text(Boolean(), "也许")
    with pytest.raises(ValueError):
        from_text(Integer(), "三")


def test_the_operation_hash_covers_the_canonical_body():
    """The body is the canonical JSON of the operation; the hash chains it to the previous."""
    import hashlib

    fields = {"title": "清理排水沟", "priority": 2, "deleted": False}
    body = op_body("node", 7, 123456, 2, "work_task", "row-1", fields, "author")
    assert body == ('["node",7,123456,2,"work_task","row-1",'
                    '{"deleted":false,"priority":2,"title":"清理排水沟"},"author"]')
    assert body.encode() == canonical(json.loads(body))
    assert op_hash("0" * 64, body) == hashlib.sha256(b"0" * 64 + body.encode()).hexdigest()
    assert canonical_text({"b": 1, "a": "黄"}) == '{"a":"黄","b":1}'
