"""Settings: name the office, choose its cluster, see the officer list."""

from __future__ import annotations

from ui.settings_page import SettingsPage


def test_office_name_and_cluster_are_saved(qtbot, services, small_town):
    """Saving the office updates this PC's name and cluster, and lists its officers."""
    page = SettingsPage(services)
    qtbot.addWidget(page)
    changed = []
    page.office_changed.connect(lambda: changed.append(1))
    page.office_name.setText("黄璩中心村值班室")
    page.cluster.set_key(small_town.huangqu)
    page.save_office()
    assert services.db.node.name == "黄璩中心村值班室"
    assert services.db.node.cluster_id == small_town.huangqu and changed
    officers = [page.officers.item(i).text() for i in range(page.officers.count())]
    assert any(text.startswith("孙包村（包村干部") for text in officers)
    assert any(text.startswith("王建国（两委干部") for text in officers)
    assert not any("赵磊" in text for text in officers)  # 张淡 cluster


def test_empty_office_name_is_refused(qtbot, services, small_town):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.office_name.setText("  ")
    page.save_office()
    assert page.office_error.text() == "值班室名称不能为空"
    assert services.db.node.name == ""
