"""A click on 姓名 lists people as a person looks them up: 阿, 白, 陈 … (not by code point)."""

from __future__ import annotations

from ui import list_specs
from ui.list_page import ListPage


def test_clicking_the_name_header_sorts_by_pinyin(qtbot, services, small_town):
    village = small_town.villages["黄璩村"]
    for name in ("陈静", "阿红", "白雪"):
        services.people.create(name=name, village_id=village)
    page = ListPage(services, list_specs.PEOPLE)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.count_label.text().startswith("共"), timeout=10000)
    name_column = next(n for n, c in enumerate(list_specs.PEOPLE.columns) if c.key == "name")
    page._sort_by(name_column)

    def names() -> list[str]:
        shown = [page.model.data(page.model.index(row, name_column))
                 for row in range(page.model.rowCount())]
        return [name for name in shown if name in {"陈静", "阿红", "白雪"}]

    qtbot.waitUntil(lambda: names() == ["阿红", "白雪", "陈静"], timeout=10000)
    page._sort_by(name_column)  # again: the other way round
    qtbot.waitUntil(lambda: names() == ["陈静", "白雪", "阿红"], timeout=10000)
