"""First start: the welcome dialog sets up this office or opens the sample town."""

from __future__ import annotations

from ui.welcome import WelcomeDialog


def test_setting_up_an_office_needs_its_villages(qtbot, tmp_path):
    """Without villages the dialog says what is missing and stays open."""
    dialog = WelcomeDialog(str(tmp_path / "new.db"))
    qtbot.addWidget(dialog)
    dialog.town.setText("大王镇")
    dialog.cluster.setText("黄璩联合党总支")
    dialog.office.setText("黄璩中心村值班室")
    dialog.choose_office()
    assert dialog.errors["villages"].text() == "请至少填写一个村（第一个为中心村）"
    assert dialog.result() == 0
    dialog.villages.setPlainText("黄璩村\n韩璩村\n")
    dialog.choose_office()
    assert dialog.choice == "office" and dialog.plan.villages == ["黄璩村", "韩璩村"]


def test_sample_town_choice(qtbot, tmp_path):
    dialog = WelcomeDialog(str(tmp_path / "new.db"))
    qtbot.addWidget(dialog)
    dialog.choose_sample()
    assert dialog.choice == "sample" and dialog.result() == dialog.DialogCode.Accepted


def test_the_town_is_the_users_not_the_samples(qtbot, tmp_path):
    """The town and county start empty (the sample's names are only placeholders), and an
    empty town is named as the problem."""
    dialog = WelcomeDialog(str(tmp_path / "new.db"))
    qtbot.addWidget(dialog)
    assert dialog.town.text() == "" and dialog.town.placeholderText() == "例如：大王镇"
    assert dialog.county.text() == ""
    dialog.cluster.setText("黄璩联合党总支")
    dialog.villages.setPlainText("黄璩村")
    dialog.office.setText("黄璩中心村值班室")
    dialog.choose_office()
    assert dialog.choice is None and "镇" in dialog.errors["town"].text()
