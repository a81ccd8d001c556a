"""The person form shows ID and phone numbers masked; 显示 reveals one after a reason."""

from __future__ import annotations

from ui.forms.person_form import PersonForm

ID = "37052319850315002X"


def _person(services, small_town):
    return services.people.create(cluster_id=small_town.huangqu, name="李娜",
                                  phone="13905461234", id_number=ID)


def test_the_form_shows_numbers_masked_and_saving_keeps_them(qtbot, services, on_shift):
    """打开人员表单时电话、身份证号是遮挡的、不能改；改别的内容保存后，号码原样保留。"""
    person = _person(services, on_shift)
    form = PersonForm(services, person.id)
    qtbot.addWidget(form)
    assert form.id_number.text() == "370523********002X" and form.id_number.isReadOnly()
    assert form.phone.text() == "139****1234"
    assert not form.reveal_buttons["id_number"].isHidden()
    form.post.setText("网格员")
    form.save()
    assert form.visible_errors() == {}
    saved = services.people.get(person.id)
    assert (saved.post, saved.phone, saved.id_number) == ("网格员", "13905461234", ID)


def test_reveal_asks_why_and_logs_who_looked(qtbot, services, on_shift, monkeypatch):
    """点“显示”要写原因，取消就不显示；写了原因才显示完整号码，并记下谁看的、为什么。"""
    person = _person(services, on_shift)
    form = PersonForm(services, person.id)
    qtbot.addWidget(form)
    monkeypatch.setattr(form, "ask_reason", lambda label: None)
    form.reveal_buttons["id_number"].click()
    assert form.id_number.text() == "370523********002X"
    assert services.privacy.reveals(person.id) == []
    monkeypatch.setattr(form, "ask_reason", lambda label: "")
    form.reveal_buttons["id_number"].click()
    assert "原因" in form.visible_errors()["id_number"]
    monkeypatch.setattr(form, "ask_reason", lambda label: "出具志愿服务证明")
    form.reveal_buttons["id_number"].click()
    assert form.id_number.text() == ID and not form.id_number.isReadOnly()
    assert form.phone.text() == "139****1234"  # one value at a time
    [logged] = services.privacy.reveals(person.id)
    assert (logged.officer, logged.field) == ("王建国", "id_number")
    assert logged.reason == "出具志愿服务证明"


def test_a_new_person_types_numbers_in_the_clear(qtbot, services, on_shift):
    """新建人员时号码照常输入，没有“显示”按钮。"""
    form = PersonForm(services, None)
    qtbot.addWidget(form)
    assert not form.id_number.isReadOnly()
    assert form.reveal_buttons["id_number"].isHidden()


def test_the_certificate_dialog_says_it_prints_the_whole_id_number(qtbot):
    """出具志愿服务时长证明时，对话框会说明证明上打印完整身份证号；其他文书不说。"""
    from datetime import date

    from ui import exports

    [certificate] = exports.PERSON_EXPORTS
    [copy] = exports.CERTIFICATE_EXPORTS
    assert "完整身份证号" in certificate.prints_whole and copy.prints_whole
    assert not any(a.prints_whole for a in exports.MEETING_EXPORTS + exports.ACTIVITY_EXPORTS)
    dialog = exports.PeriodDialog(date(2026, 1, 1), date(2026, 1, 31), None,
                                  certificate.prints_whole)
    qtbot.addWidget(dialog)
    assert "完整身份证号" in dialog.note.text()
