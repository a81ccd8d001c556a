"""组织架构 as the town's clerk uses it: add a village, rename it, move it, make it the central
village, retire and restore it; a refused change says why and changes nothing."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.services import ListQuery
from ui.forms.org_forms import ClusterForm, VillageForm
from ui.org_page import OrgPage


@pytest.fixture
def page(qtbot, services, small_town):
    page = OrgPage(services)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def villages_of(page: OrgPage, cluster: str) -> list[str]:
    tree = page.tree
    for top in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(top)
        if item.text(0) == cluster:
            return [item.child(i).text(0) for i in range(item.childCount())]
    raise AssertionError(cluster)


def test_add_rename_and_move_a_village(qtbot, services, small_town, page, monkeypatch):
    page.select(small_town.huangqu)
    created = {}

    def fill_and_save(form: VillageForm) -> int:
        assert form.cluster.key() == small_town.huangqu  # the cluster chosen in the tree
        form.name.setText("新庄村")
        form.plain["households"].widget.setValue(210)
        form.save()
        created["id"] = form.saved_id
        return form.result()

    monkeypatch.setattr(VillageForm, "exec", fill_and_save)
    page.add_village()
    assert villages_of(page, "黄璩联合党总支")[-1] == "新庄村"  # a new village goes last
    assert page.selected().id == created["id"]

    page.up.click()
    assert villages_of(page, "黄璩联合党总支") == ["黄璩村", "韩璩村", "杨璩村", "新庄村", "黄店村"]

    def rename(form: VillageForm) -> int:
        form.name.setText("新庄社区")
        form.save()
        return form.result()

    monkeypatch.setattr(VillageForm, "exec", rename)
    page.edit_selected()
    assert "新庄社区" in villages_of(page, "黄璩联合党总支")
    assert services.villages.get(created["id"]).name == "新庄社区"


def test_make_central_retire_and_restore(qtbot, services, small_town, page, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.select(small_town.villages["杨璩村"])
    page.central.click()
    assert villages_of(page, "黄璩联合党总支")[0] == "杨璩村"
    assert services.clusters.get(small_town.huangqu).central_village_id == \
        small_town.villages["杨璩村"]

    page.select(small_town.villages["黄店村"])
    page.retire.click()
    assert "黄店村" not in villages_of(page, "黄璩联合党总支")
    village_ids = [v.id for v in services.villages.list(ListQuery(limit=None)).items]
    assert small_town.villages["黄店村"] not in village_ids  # out of the pickers
    page.show_retired.setChecked(True)
    assert "黄店村（已撤并）" in villages_of(page, "黄璩联合党总支")
    page.select(small_town.villages["黄店村"])
    assert page.restore.isEnabled() and not page.retire.isEnabled()
    page.restore.click()
    assert "黄店村" in villages_of(page, "黄璩联合党总支")


def test_retiring_the_central_village_is_refused_by_name(qtbot, services, small_town, page,
                                                         monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown = []
    monkeypatch.setattr("ui.org_page.show_error", lambda parent, error: shown.append(str(error)))
    page.select(small_town.villages["黄璩村"])
    page.retire.click()
    assert shown == ["黄璩村是黄璩联合党总支的中心村：请先把另一个村设为中心村"]
    assert "黄璩村" in villages_of(page, "黄璩联合党总支")


def test_the_town_adds_a_cluster_and_an_office_may_not(qtbot, services, small_town,
                                                      monkeypatch):
    town_page = OrgPage(services)
    qtbot.addWidget(town_page)
    assert town_page.new_cluster.isVisibleTo(town_page)

    def fill(form: ClusterForm) -> int:
        form.name.setText("新庄联合党支部")
        form.save()
        return form.result()

    monkeypatch.setattr(ClusterForm, "exec", fill)
    town_page.add_cluster()
    names = [town_page.tree.topLevelItem(i).text(0)
             for i in range(town_page.tree.topLevelItemCount())]
    assert names[-1] == "新庄联合党支部"

    services.db.set_node(cluster_id=small_town.huangqu)
    office_page = OrgPage(services)
    qtbot.addWidget(office_page)
    assert not office_page.new_cluster.isVisibleTo(office_page)


def test_the_page_fits_a_small_screen(qtbot, page):
    page.resize(1024 - 170, 768 - 120)  # beside the navigation, under the tabs
    for button in (page.new_cluster, page.new_village, page.edit, page.up, page.down,
                   page.central, page.retire, page.restore):
        assert button.geometry().right() <= page.width(), button.text()


def test_the_number_columns_keep_their_figures_apart(qtbot, services, small_town):
    """In the program's own fonts, 村数, 户数 and 人口 each show their header and a cluster's
    figures whole, with at least two digits' room beside them, so that “4 2161 6684” and
    “村数户数人口” no longer run together; the tree still fits a 1024-pixel window."""
    from PySide6.QtWidgets import QStyle

    from ui.app import make_application
    from ui.org_page import NUMBERS

    make_application()  # the fonts the program sets (the tests' default font is narrower)
    for name, households, population in (("黄璩村", 552, 1706), ("韩璩村", 617, 1968),
                                         ("杨璩村", 487, 1474), ("黄店村", 505, 12536)):
        services.villages.update(small_town.villages[name], households=households,
                                 population=population)
    page = OrgPage(services)
    qtbot.addWidget(page)
    page.resize(1024 - 150, 700)  # the window less the navigation column
    page.show()
    tree, header = page.tree, page.tree.header()
    metrics, gap = tree.fontMetrics(), tree.fontMetrics().horizontalAdvance("00")
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    header_margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    cluster = tree.topLevelItem(0)
    assert [cluster.text(n) for n in range(5)] == ["黄璩联合党总支", "黄璩村", "4", "2161",
                                                   "17684"]
    for column in NUMBERS:
        room = tree.visualRect(tree.indexFromItem(cluster, column)).width() - 2 * margin
        assert metrics.horizontalAdvance(cluster.text(column)) + gap <= room, column
        title = tree.headerItem().text(column)
        assert (header.fontMetrics().horizontalAdvance(title) + 2 * header_margin + gap
                <= header.sectionSize(column)), title
        assert tree.headerItem().textAlignment(column) & Qt.AlignmentFlag.AlignRight
    assert header.length() <= tree.viewport().width()
    assert header.sectionSize(0) > 400  # the names keep most of the width
