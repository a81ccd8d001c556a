"""ID numbers (身份证号) and phone numbers are checked as they are entered."""

from __future__ import annotations

import pytest

from desktop_app.records.errors import ValidationError
from desktop_app.records.id_numbers import check_digit, id_number_problem, phone_problem


@pytest.mark.parametrize("number", ["370523199301043618", "11010519491231002X",
                                    "11010519491231002x"])
def test_real_id_numbers_pass(number):
    assert id_number_problem(number) is None


@pytest.mark.parametrize("number, problem", [
    ("12345", "应为 18 位数字"),
    ("37052319930104361A", "应为 18 位数字"),
    ("370523199313043618", "出生日期（第 7–14 位）不存在"),
    ("37052319930104361X", "校验位不对"),
])
def test_mistyped_id_numbers_say_what_is_wrong(number, problem):
    assert problem in id_number_problem(number)


def test_check_digit_follows_gb_11643():
    assert check_digit("11010519491231002") == "X"
    assert check_digit("37052319930104361") == "8"


@pytest.mark.parametrize("phone", ["13812345678", "0546-6441234", "(0546) 644 1234",
                                   "0546-6441234转8001", "+86 138 1234 5678"])
def test_phone_numbers_as_people_write_them_pass(phone):
    assert phone_problem(phone) is None


@pytest.mark.parametrize("phone", ["abc", "123", "1380000000a", "138-0000-000０0000000000000"])
def test_what_is_not_a_phone_number_is_refused(phone):
    assert "应为手机号或带区号的座机号" in phone_problem(phone)


def test_the_person_form_refuses_a_bad_id_number_and_saves_nothing(services, small_town):
    before = services.people.list().total
    with pytest.raises(ValidationError, match="校验位不对") as raised:
        services.people.create(name="张志强", village_id=small_town.villages["黄璩村"],
                               id_number="37052319930104361X")
    assert raised.value.field == "id_number"
    assert services.people.list().total == before


def test_an_edit_with_a_bad_phone_is_refused_and_a_blank_one_is_fine(services, small_town):
    person = services.people.create(name="刘芳", village_id=small_town.villages["黄璩村"],
                                    phone=" 13812345678 ", id_number="")
    assert services.people.get(person.id).phone == "13812345678"
    with pytest.raises(ValidationError, match="联系电话“abc”") as raised:
        services.people.update(person.id, phone="abc")
    assert raised.value.field == "phone"
    assert services.people.update(person.id, phone="").phone == ""
