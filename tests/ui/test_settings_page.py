"""Settings: name the office, choose its cluster, see the officer list."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QMessageBox

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


# --- a change of cluster while a shift is open ----------------------------------------------
@pytest.fixture
def office_on_shift(qtbot, services, on_shift, monkeypatch):
    """The 黄璩 office, 王建国 on duty; the officer moves the office to 张淡 and saves."""
    services.db.set_node(name="黄璩中心村值班室", cluster_id=on_shift.huangqu)
    page = SettingsPage(services)
    qtbot.addWidget(page)
    asked = []

    def answer_with(button):
        def question(_parent, title, text, *_rest):
            asked.append((title, text))
            return button

        monkeypatch.setattr(QMessageBox, "question", question)

    page.cluster.set_key(on_shift.zhangdan)
    return page, asked, answer_with


def test_changing_cluster_during_a_shift_can_be_declined(qtbot, services, on_shift,
                                                         office_on_shift):
    """Asked first, naming both clusters and the officer; 否 leaves everything as it was."""
    page, asked, answer_with = office_on_shift
    changed = []
    page.office_changed.connect(lambda: changed.append(1))
    answer_with(QMessageBox.StandardButton.No)
    page.save_office()
    [(title, text)] = asked
    assert title == "更改所属联合党组织"
    assert "王建国" in text and "黄璩联合党总支" in text and "张淡联合党总支" in text
    assert "结束当前值班" in text
    assert services.db.node.cluster_id == on_shift.huangqu
    assert page.cluster.key() == on_shift.huangqu
    assert services.duty.current() is not None
    assert services.db.officer_id == on_shift.people["王建国"] and not changed


def test_changing_cluster_during_a_shift_ends_it_when_confirmed(qtbot, services, on_shift,
                                                               office_on_shift):
    """是: the shift is ended through the duty service, then the office serves 张淡."""
    page, asked, answer_with = office_on_shift
    shift = services.duty.current()
    ending, changed = [], []
    page.shift_ending.connect(lambda: ending.append(services.duty.current()))
    page.office_changed.connect(lambda: changed.append(1))
    answer_with(QMessageBox.StandardButton.Yes)
    page.save_office()
    assert len(asked) == 1 and [s.id for s in ending] == [shift.id] and changed == [1]
    assert services.duty.current() is None and services.db.officer_id is None
    ended = services.duty.get(shift.id)
    assert ended.end is not None and "张淡联合党总支" in ended.handover_note
    assert services.db.node.cluster_id == on_shift.zhangdan


def test_renaming_the_office_during_a_shift_does_not_ask(qtbot, services, on_shift,
                                                         monkeypatch):
    services.db.set_node(cluster_id=on_shift.huangqu)
    page = SettingsPage(services)
    qtbot.addWidget(page)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked"))
    page.office_name.setText("黄璩值班室")
    page.save_office()
    assert services.db.node.name == "黄璩值班室" and services.duty.current() is not None


def test_font_size_is_remembered_and_scales_the_text(qtbot, services, small_town, qapp):
    """Choosing 字号 “大” makes the text bigger now and is kept in this PC's settings."""
    from desktop_app.config.settings import Settings
    from ui import theme

    page = SettingsPage(services)
    qtbot.addWidget(page)
    before = qapp.font().pointSizeF()
    try:
        page.font_size.set_key("large")
        assert Settings.load().font_size == "large"
        assert qapp.font().pointSizeF() == pytest.approx(theme.BASE_POINT_SIZE * 1.25)
        assert qapp.font().pointSizeF() > before
        assert "大" in page.display_note.text()
        page.warn_days.setValue(3)
        assert Settings.load().sync_warn_days == 3 and Settings.load().font_size == "large"
    finally:
        theme.apply_font_size("standard", qapp)


def test_a_new_font_size_reaches_every_screen_without_a_restart(qtbot, services, on_shift, qapp):
    """字号 “大”: the navigation widens at once, and a list opened before is built again at
    its next visit with taller rows."""
    from ui import theme
    from ui.main_window import MainWindow

    services.db.set_node(cluster_id=on_shift.huangqu)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    tasks = window.screen("任务")
    rows_before = tasks.table.verticalHeader().defaultSectionSize()
    navigation_before = window.navigation.width()
    settings = window.screen("设置")
    try:
        settings.font_size.set_key("large")
        assert window.navigation.width() > navigation_before
        again = window.screen("任务")
        assert again is not tasks  # built again, at the new size
        assert again.table.verticalHeader().defaultSectionSize() > rows_before
    finally:
        theme.apply_font_size("standard", qapp)


# --- 改用其他数据库文件 ------------------------------------------------------------------------
def test_a_database_chosen_in_the_data_folder_is_kept_relative_to_it(qtbot, services, tmp_path,
                                                                      monkeypatch):
    """So a portable copy finds it again under another drive letter (tests/app/test_portable)."""
    from PySide6.QtWidgets import QFileDialog

    from desktop_app.config.paths import data_home, default_db_path
    from desktop_app.config.settings import Settings

    page = SettingsPage(services)
    qtbot.addWidget(page)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: QMessageBox.StandardButton.Ok)
    outside = (tmp_path / "共享" / "office.db").resolve()
    for chosen, kept in ((data_home() / "2027" / "office.db", "2027/office.db"),
                         (outside, str(outside))):
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda *args, chosen=chosen, **kwargs: (str(chosen), ""))
        page.choose_database()
        assert Settings.load().db_path.replace("\\", "/") == kept.replace("\\", "/")
        assert default_db_path().resolve() == chosen.resolve()


def test_the_groups_fields_start_at_one_line(qtbot, services, small_town):
    """本值班室, 数据库, 显示与提醒 and 启动密码: their fields line up (they started at four
    places, each group's labels as wide as its own longest)."""
    from PySide6.QtCore import QPoint

    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.wait(20)
    left = {round(widget.mapTo(page, QPoint(0, 0)).x()) for widget in
            (page.office_name, page.font_size, page.password_state, page.idle_minutes)}
    assert len(left) == 1, left
