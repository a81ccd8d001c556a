"""The one way a stored value becomes text in a list: the window's tables and the CLI's."""

from datetime import date, datetime, time

from desktop_app.cli.output import cell
from desktop_app.records.plain import value_text


def test_values_read_as_a_person_reads_them() -> None:
    assert value_text(None) == ""
    assert value_text(True) == "是"
    assert value_text(False) == ""
    assert value_text(datetime(2026, 3, 5, 9, 7)) == "2026-03-05 09:07"
    assert value_text(date(2026, 3, 5)) == "2026-03-05"
    assert value_text(time(9, 7)) == "09:07"
    assert value_text(1.50) == "1.5"
    assert value_text(["东村", "西村", date(2026, 1, 2)]) == "东村、西村、2026-01-02"
    assert value_text("一行\n两行") == "一行\n两行"


def test_the_cli_keeps_a_cell_on_one_line() -> None:
    assert cell("一行\n两行") == "一行 两行"
    assert cell(["东村", "西村"]) == "东村、西村"
    assert cell(None) == ""
