"""擂台比武 page: the ranking with each figure's evidence, the score grid with totals as the
judge types, and a central village office's view (published quarters, its own card)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.app.assessment.helpers import make_scheme
from ui.assessment_page import AssessmentPage


@pytest.fixture
def scheme(services, on_shift):
    services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟",
                          found_on=date(2026, 10, 2), due_on=date(2026, 10, 20),
                          status="solved", solved_at=datetime(2026, 10, 19, 9, 0))
    made = make_scheme(services)
    services.assess_scores.create(scheme_id=made.id, indicator_id=made.jury,
                                  assessed_id=on_shift.huangqu, judge="甲", points=18)
    return made


def open_page(qtbot, services) -> AssessmentPage:
    page = AssessmentPage(services)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    return page


def test_the_ranking_and_a_figures_evidence(qtbot, services, on_shift, scheme):
    page = open_page(qtbot, services)
    assert page.ranking.rowCount() == 2
    assert page.ranking.item(0, 1).text() == "黄璩联合党总支"
    assert page.ranking.item(0, 2).text() == "96"  # 60 + 40 × 18 ÷ 20
    assert "草稿" in page.state.text()
    assert page.card.item(0, 1).text() == "A1 任务按期解决率"
    dialog = page.open_evidence(0)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.rows), timeout=10000)
    assert dialog.rows[0]["title"] == "清理排水沟"
    assert "依据工作任务 1 条" in dialog.heading.text()


@pytest.mark.parametrize("font_size", ["huge"], indirect=True)
def test_the_clusters_names_stay_whole_in_a_narrow_ranking(qtbot, services, on_shift, scheme,
                                                           font_size):
    """At 特大 on a 1024-pixel screen the ranking's 联合党组织 column was squeezed to “…”:
    the names stay whole and the table scrolls sideways instead."""
    page = open_page(qtbot, services)
    page.resize(420, 700)
    names = page.ranking
    qtbot.waitUntil(lambda: names.columnWidth(1) >= names.sizeHintForColumn(1))
    assert names.horizontalScrollBar().maximum() > 0  # the rest is a scroll away
    page.resize(1400, 700)  # room again: the column takes the spare width
    qtbot.waitUntil(lambda: names.horizontalScrollBar().maximum() == 0)


def test_scores_typed_into_the_grid_total_and_save(qtbot, services, on_shift, scheme):
    page = open_page(qtbot, services)
    grid = page.grid
    qtbot.waitUntil(lambda: grid.table.rowCount() == 2, timeout=10000)
    grid.judge.setCurrentText("乙")
    row = [name for _id, name in grid.clusters].index("张淡联合党总支")
    grid.table.item(row, 1).setText("15.5")
    assert grid.total(row) == "15.5"
    total_column = grid.table.columnCount() - 1  # 合计, shown whole (it was cut to “1…”)
    shown = grid.table.fontMetrics().horizontalAdvance("15.5")
    assert grid.table.columnWidth(total_column) >= shown + 6  # and the cell's margins
    grid.table.item(row, 1).setText("25")  # above full marks (20): marked, not counted
    assert grid.total(row) == "0"
    grid.table.item(row, 1).setText("16")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        assert grid.save() == 1
    saved = [s for s in services.assessment.scores("2026Q4") if s["judge"] == "乙"]
    assert [(s["cluster_id"], s["points"]) for s in saved] == [(on_shift.zhangdan, 16)]


def test_a_village_office_sees_published_quarters_and_its_own_card(qtbot, services,
                                                                   on_shift, scheme):
    services.assessment.finalise("2026Q4", "镇党委书记")
    make_scheme(services, "2027Q1")  # a draft: not published
    services.db.set_node(cluster_id=on_shift.zhangdan)
    page = open_page(qtbot, services)
    assert page.grid is None
    assert [page.quarter.itemData(i) for i in range(page.quarter.count())] == ["2026Q4"]
    assert "张淡联合党总支" in page.card_title.text()
    assert "已定稿" in page.state.text()


def test_the_charts_show_the_ranking_and_the_chosen_clusters_quarters(qtbot, services,
                                                                      on_shift, scheme):
    page = open_page(qtbot, services)
    page.tabs.setCurrentIndex(page._charts_index)
    charts = page.charts
    assert charts is not None
    qtbot.waitUntil(lambda: charts.history_shown is not None, timeout=10000)
    assert charts.history_shown == [("2026Q4", 1, 96.0)]
    from ui.charts import drawn

    qtbot.waitUntil(lambda: drawn([charts.ranking, charts.history, charts.groups]),
                    timeout=10000)  # the charts are made on workers
    bars = charts.ranking.figure.axes[0].patches
    assert [round(b.get_height()) for b in bars] == [96, 0]
    assert charts.groups.figure.axes[0].get_title() == "黄璩联合党总支各类别得分与全镇中位数"


def test_a_village_office_files_its_self_report(qtbot, services, on_shift, scheme):
    services.db.set_node(cluster_id=on_shift.huangqu)
    page = open_page(qtbot, services)
    reports = page.reports
    qtbot.waitUntil(lambda: reports.quarter == "2026Q4", timeout=10000)
    reports.summary.setPlainText("召开联席会议 3 次")
    reports.points.setText("九十")
    assert not reports.send() and "自评得分应为数字" in reports.heading.text()
    reports.points.setText("91")
    reports.evidence.setText(on_shift.villages["黄璩村"])
    assert reports.send()
    qtbot.waitUntil(lambda: reports.table.rowCount() == 1, timeout=10000)
    assert reports.table.item(0, 0).text() == "黄璩联合党总支"
    assert reports.table.item(0, 1).text() == "91"
    # the quarter under way, which an office's quarter box (finished quarters) does not show
    assert reports.heading.text() == "正在评比的 2026Q4 季度的自评（1 份）"


def test_the_town_finalises_and_opens_the_next_quarter(qtbot, services, on_shift, scheme,
                                                       monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    page = open_page(qtbot, services)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("镇党委书记", True))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        assert page.finalise()
    assert page.view.final and "已定稿（镇党委书记" in page.state.text()
    assert not page.finalise_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        assert page.new_quarter() == "2027Q1"
    quarters = [page.quarter.itemData(i) for i in range(page.quarter.count())]
    assert quarters == ["2027Q1", "2026Q4"]
    assert [g.name for g in services.assessment.view("2027Q1").groups] == ["重点工作", "党建引领"]


def test_the_town_edits_weights_and_the_flag_rule(qtbot, services, on_shift, scheme):
    page = open_page(qtbot, services)
    dialog = page.edit_scheme()
    assert dialog is not None
    from PySide6.QtWidgets import QDialogButtonBox

    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.weights["重点工作"].setValue(50)
    assert "90 分（应为 100 分）" in dialog.total.text() and not save.isEnabled()
    dialog.weights["党建引领"].setValue(50)
    assert dialog.total.text() == "100 分" and save.isEnabled()
    dialog.flags.setValue(2)
    dialog.mode.set_key("top")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        assert dialog.save()
    view = services.assessment.view("2026Q4")
    assert [g.weight for g in view.groups] == [50, 50]
    assert (view.flag_rule.count, view.flag_rule.mode) == (2, "top")
    assert view.scheme_version == 2


def test_the_score_sheet_buttons_write_word_and_excel_and_take_a_filled_one_back(
        qtbot, services, on_shift, scheme, tmp_path, monkeypatch):
    from desktop_app.excel.reader import read_sheet
    from tests.app.assessment.test_score_sheet import HEADER, filled

    page = open_page(qtbot, services)
    grid = page.grid
    qtbot.waitUntil(lambda: grid.table.rowCount() == 2, timeout=10000)
    saved: list = []
    monkeypatch.setattr("ui.assessment_sheets._ask_path",
                        lambda _parent, _label, name: str(tmp_path / name))
    monkeypatch.setattr("ui.assessment_sheets.after_saving",
                        lambda _parent, _label, path: saved.append(path))
    grid.judge.setCurrentText("甲")
    grid.excel_button.click()
    qtbot.waitUntil(lambda: len(saved) == 1, timeout=10000)
    assert saved[0].name == "擂台比武评分表-2026Q4-甲.xlsx"
    assert read_sheet(saved[0]).rows[1] == HEADER
    grid.word_button.click()
    qtbot.waitUntil(lambda: len(saved) == 2, timeout=20000)
    assert saved[1].suffix == ".docx" and saved[1].stat().st_size > 0

    sheet = filled(tmp_path / "乙.xlsx", [[1, "张淡联合党总支", 12], [2, "黄璩联合党总支", 14]],
                   judge="乙")
    told: list = []
    monkeypatch.setattr("ui.assessment_sheets.QFileDialog.getOpenFileName",
                        lambda *_args: (str(sheet), ""))
    monkeypatch.setattr("ui.assessment_sheets.QMessageBox.information",
                        lambda _parent, _title, text: told.append(text))
    with qtbot.waitSignal(page.loaded, timeout=10000):
        grid.import_button.click()
    assert told == ["已导入乙的评分：新增 2 项，修改 0 项，未变 0 项。"]
    assert sorted(s["points"] for s in services.assessment.scores("2026Q4")
                  if s["judge"] == "乙") == [12, 14]


def test_groups_and_indicators_are_added_edited_and_removed_in_the_window(
        qtbot, services, on_shift, scheme, monkeypatch):
    """A new group 产业发展 (weights moved to keep 100) with an automatic indicator picked by
    its Chinese name, an indicator's rule changed to bands, and a scored indicator that
    cannot be removed; saved together as the scheme's next version."""
    from PySide6.QtWidgets import QDialogButtonBox

    page = open_page(qtbot, services)
    dialog = page.edit_scheme()
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)

    editor = dialog.group_editor()
    editor.name.setText("重点工作")
    assert not editor.check() and "已有指标类别“重点工作”" in editor.problem.text()
    editor.name.setText("产业发展")
    editor.weight.setValue(20)
    assert editor.check()
    dialog.add_group(editor)
    assert "120 分（应为 100 分）" in dialog.total.text() and not save.isEnabled()
    dialog.weights["重点工作"].setValue(40)
    assert dialog.total.text() == "100 分" and save.isEnabled()

    editor = dialog.indicator_editor()  # the new group is chosen: the indicator goes there
    assert editor.group.currentText() == "产业发展"
    editor.source.setCurrentIndex(editor.source.findText("人才回流"))
    assert editor.name.text() == "人才回流" and editor.rule.key() == "proportional"
    assert "返乡日期" in editor.source_hint.text()
    editor.code.setText("A1")
    assert not editor.check() and "指标编号“A1”已用过" in editor.problem.text()
    editor.code.setText("C1")
    editor.rule.set_key("bands")
    editor.bands.setText("3:10，两:5")
    assert not editor.check() and "区间写得不对" in editor.problem.text()
    editor.bands.setText("3:10，1:5")
    editor.max_points.setValue(10)
    assert editor.check()
    dialog.add_indicator(editor)

    top = dialog.tree.topLevelItem(0)  # 重点工作 › A1 任务按期解决率
    dialog.tree.setCurrentItem(top.child(0))
    editor = dialog.indicator_editor(dialog._selected()[1])
    editor.rule.set_key("rank")
    editor.step.setValue(2)
    assert editor.check() and dialog.edit_selected(editor)

    jury = dialog.tree.topLevelItem(1).child(0)  # 党建引领 › B1 现场比武, scored by 甲
    dialog.tree.setCurrentItem(jury)
    assert not dialog.remove_selected()
    assert "“B1 现场比武”已有评委评分 1 项，不能删除" in dialog.problem.text()

    with qtbot.waitSignal(page.loaded, timeout=10000):
        assert dialog.save()
    view = services.assessment.view("2026Q4")
    assert [(g.name, g.weight) for g in view.groups] == [
        ("重点工作", 40), ("党建引领", 40), ("产业发展", 20)]
    specs = {i.name: i for i in view.indicators}
    assert specs["C1 人才回流"].source == "talent_returned"
    assert specs["C1 人才回流"].params == {"bands": [[3, 10], [1, 5]]}
    assert (specs["A1 任务按期解决率"].rule, specs["A1 任务按期解决率"].params) == (
        "rank", {"step": 2})
    assert view.scheme_version == 2


def test_a_scheme_finalised_meanwhile_is_refused_by_name(qtbot, services, on_shift, scheme,
                                                         monkeypatch):
    page = open_page(qtbot, services)
    dialog = page.edit_scheme()
    qtbot.addWidget(dialog)
    shown: list = []
    monkeypatch.setattr("ui.assessment_scheme_dialog.show_error",
                        lambda _parent, error: shown.append(str(error)))
    services.assessment.finalise("2026Q4", "镇党委书记")  # e.g. at the same time elsewhere
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    assert dialog.remove_selected()  # 重点工作 and its A1 (not scored)
    dialog.weights["党建引领"].setValue(100)
    assert not dialog.save()
    assert shown == ["2026Q4 已定稿：其方案、评分和加减分不能再修改"]
    assert "已定稿" in dialog.problem.text()
    assert [g.name for g in services.assessment.view("2026Q4").groups] == ["重点工作", "党建引领"]


def test_the_rank_labels_keep_clear_of_the_line_and_the_frame():
    """各季度名次: a quarter the line dips to (第25名 between two 1st places) is labelled
    below its point, not across the line; 1st place's label stays inside the frame."""
    from matplotlib.figure import Figure

    from ui.assessment_charts import draw_rank_history

    figure = Figure(figsize=(4, 2.4))
    history = [("2026Q1", 1, 95.3), ("2026Q2", 25, 61.5), ("2026Q3", 1, 96.8)]
    draw_rank_history(figure, "黄璩联合党总支", history, 29)
    figure.canvas.draw()
    axes = figure.axes[0]
    frame = axes.get_window_extent()
    labels = [text.get_window_extent() for text in axes.texts]
    points = axes.transData.transform([(x, rank) for x, (_, rank, _) in enumerate(history)])
    assert labels[1].y1 < points[1][1]  # the dip's label below its point
    assert labels[0].y0 > points[0][1] and labels[2].y0 > points[2][1]
    assert all(frame.y0 <= label.y0 and label.y1 <= frame.y1 for label in labels)
