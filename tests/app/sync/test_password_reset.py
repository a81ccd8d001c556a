"""A forgotten start-up password is reset with a code the town reads over the phone
(desktop_app/security/reset.py): only the town can make it, for one request, five tries."""

from __future__ import annotations

import pytest

from desktop_app.records.errors import UserError
from desktop_app.security.password import StartupPassword
from desktop_app.security.reset import reset_with_code, this_pc


@pytest.fixture
def locked(town):
    """v1 set a password and forgot it."""
    v1 = town.villages["v1"]
    StartupPassword(v1.db.path).set("忘了的那个密码", repeated="忘了的那个密码")
    return v1


def test_the_towns_code_removes_the_password(town, locked):
    password = StartupPassword(locked.db.path)
    request = password.reset_request()
    assert request == password.reset_request() and len(request) == 6  # kept until used
    assert this_pc(locked.db.path) == locked.db.node.node_id
    code = town.services.sync.password_reset_code(locked.db.node.node_id, request)
    assert len(code) == 9 and code[4] == "-"
    assert reset_with_code(locked.db.path, code)
    assert not password.is_set()
    assert locked.services.tasks.list().total >= 0  # nothing of the data touched


def test_wrong_codes_are_refused_and_five_end_the_request(town, locked):
    password = StartupPassword(locked.db.path)
    request = password.reset_request()
    for _ in range(4):
        assert not reset_with_code(locked.db.path, "0000-0000")
    with pytest.raises(UserError, match="错误次数过多"):
        reset_with_code(locked.db.path, "0000-0000")
    assert password.is_set()
    code = town.services.sync.password_reset_code(locked.db.node.node_id, request)
    assert password.reset_request() != request  # a new request; the old code is worthless
    assert not reset_with_code(locked.db.path, code)


def test_only_the_town_for_this_pc_and_this_request(town, locked):
    v2 = town.villages["v2"]
    password = StartupPassword(locked.db.path)
    request = password.reset_request()
    with pytest.raises(UserError, match="只有镇里"):
        v2.services.sync.password_reset_code(locked.db.node.node_id, request)
    for_v2 = town.services.sync.password_reset_code(v2.db.node.node_id, request)
    other = f"{(int(request) + 1) % 10 ** 6:06d}"
    for_other_request = town.services.sync.password_reset_code(locked.db.node.node_id, other)
    assert not reset_with_code(locked.db.path, for_v2)
    assert not reset_with_code(locked.db.path, for_other_request)
    assert password.is_set()
    with pytest.raises(UserError, match="6 位数字"):
        town.services.sync.password_reset_code(locked.db.node.node_id, "12")


def test_the_town_gets_the_code_from_the_command_line(town, locked):
    from tests.app.test_cli import cli

    request = StartupPassword(locked.db.path).reset_request()
    answer = cli(town.db.path, "--json", "node", "reset-code", locked.db.node.node_id,
                 request).json()
    assert answer["request"] == request
    assert reset_with_code(locked.db.path, answer["code"])
    refused = cli(town.db.path, "node", "reset-code", locked.db.node.node_id, "abc")
    assert refused.code == 1 and "6 位数字" in refused.err


def test_the_towns_sync_page_gives_the_code(qtbot, town, locked):
    from ui.background import off_thread
    from ui.password_reset_dialog import ResetCodeDialog

    request = StartupPassword(locked.db.path).reset_request()
    dialog = ResetCodeDialog(off_thread(town.services).sync,
                             [(locked.db.node.node_id, "v1值班室")])
    qtbot.addWidget(dialog)
    dialog.request.setText("12")
    dialog.make_code()
    assert "6 位数字" in dialog.error.text() and not dialog.code.text()
    dialog.request.setText(request)
    dialog.make_code()
    assert reset_with_code(locked.db.path, dialog.code.text())
