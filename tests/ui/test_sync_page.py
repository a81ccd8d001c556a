"""The sync page as the town clerk and a duty officer use it: a folder stands in for the USB
stick, one PC's page writes a file there and the other PC's page reads everything on it."""

from __future__ import annotations

import re
import threading
from datetime import date

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop_app.services import Services
from desktop_app.storage.database import Database
from desktop_app.sync.identity import fingerprint
from desktop_app.sync.transfer import approve, export_file, import_file
from ui import list_specs, sync_page
from ui.list_page import ListPage
from ui.sync_approval import ApprovalDialog
from ui.sync_page import SyncPage
from ui.sync_volumes import Volume, is_stick

WAIT_MS = 20000


class PC:
    """One office's computer: its own database file, services and sync page."""

    def __init__(self, path, name: str, cluster_id: str | None = None) -> None:
        self.db = Database(path)
        self.db.set_node(name=name, cluster_id=cluster_id)
        self.services = Services(self.db)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.db.node.public_key)


@pytest.fixture
def pcs(tmp_path, database_templates):
    made = []

    def make(name: str, cluster_id: str | None = None) -> PC:
        path = tmp_path / f"pc{len(made)}.db"
        pc = PC(database_templates.copy(database_templates.empty, path), name, cluster_id)
        made.append(pc)
        return pc

    yield make
    for pc in made:
        pc.db.close()


@pytest.fixture
def stick(tmp_path, monkeypatch):
    """A folder standing in for the USB stick; "选择文件夹…" picks it; no real stick is found."""
    folder = tmp_path / "U盘"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args, **kwargs: str(folder)))
    monkeypatch.setattr(sync_page, "removable_volumes", lambda: [])
    return folder


def town_pc(make) -> tuple[PC, dict[str, str]]:
    """The town office with 黄璩 and 张淡 clusters, a village and an officer in each."""
    town = make("大王镇党委办公室")
    s = town.services
    town_id = s.towns.create(name="大王镇", county="广饶县").id
    c1 = s.clusters.create(town_id=town_id, name="黄璩联合党总支").id
    c2 = s.clusters.create(town_id=town_id, name="张淡联合党总支").id
    v1 = s.villages.create(cluster_id=c1, name="黄璩村").id
    s.villages.create(cluster_id=c2, name="北张淡村")
    p1 = s.people.create(name="王建国", village_id=v1, phone="13800000000").id
    return town, {"c1": c1, "c2": c2, "v1": v1, "p1": p1}


def enrolled_village(make, town: PC, ids: dict[str, str], folder) -> PC:
    """黄璩's office PC, enrolled at the town (fingerprints already compared), on duty."""
    village = make("黄璩中心村值班室", ids["c1"])
    first = export_file(village.db, folder / "enrol")
    assert import_file(town.db, first).status == "quarantined"
    approve(town.db, village.db.node.node_id, cluster_id=ids["c1"])
    from_town = export_file(town.db, folder / "from-town", for_peer=village.db.node.node_id)
    assert import_file(village.db, from_town).status == "quarantined"
    approve(village.db, town.db.node.node_id)
    village.services.duty.start(ids["c1"], [ids["p1"]])
    return village


def open_page(qtbot, pc: PC, stick_folder=None) -> SyncPage:
    page = SyncPage(pc.services)
    qtbot.addWidget(page)
    page.resize(1150, 760)
    page.show()
    qtbot.waitUntil(lambda: page.state is not None and not page.looking_for_sticks,
                    timeout=WAIT_MS)
    if stick_folder is not None:
        page.choose_folder()
        assert page.current_root() == str(stick_folder)
    return page


def click_and_wait(qtbot, page: SyncPage, button) -> None:
    """Click, wait for the work to finish and the page to reload its figures."""
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        button.click()
    qtbot.waitUntil(lambda: not page._busy, timeout=WAIT_MS)


def test_this_pc_shows_its_name_role_and_fingerprint_to_read_out(qtbot, pcs, stick):
    """The page names this office, says it is the town's PC and shows the fingerprint large."""
    town, _ids = town_pc(pcs)
    page = open_page(qtbot, town)
    assert page.node_name.text() == "大王镇党委办公室"
    assert page.node_role.text() == "类型：镇"
    assert page.fingerprint.text() == f"指纹\n{town.fingerprint}"
    assert not page.node_id.isVisible()  # the id is for support: behind 详细信息
    assert page.peer_model.rowCount() == 0 and page.no_peers.isVisible()  # says why empty
    page.details.click()
    assert page.node_id.isVisible() and town.db.node.node_id in page.node_id.text()


def test_without_a_stick_the_page_says_so_and_a_folder_can_stand_in(qtbot, pcs, stick):
    """No USB stick: "未发现 U 盘", the buttons wait; choosing a folder makes it the stick."""
    town, _ids = town_pc(pcs)
    page = open_page(qtbot, town)
    assert page.no_stick.isVisible() and "未发现 U 盘" in page.no_stick.text()
    assert not page.write_button.isEnabled() and not page.read_button.isEnabled()
    page.choose_folder()
    assert not page.no_stick.isVisible()
    assert page.write_button.isEnabled() and page.read_button.isEnabled()
    assert str(stick) in page.volumes.currentItem().text()


@pytest.mark.parametrize("font_size", ["standard", "large", "huge"], indirect=True)
def test_at_its_narrowest_the_page_cuts_nothing_off(qtbot, pcs, stick, font_size):
    """The page at its narrowest and little taller than its smallest, no stick and no other
    PC yet: the fingerprint shows whole and 未发现 U 盘 stands where the list of sticks would
    be. At 大 the empty peer table asked for its full height, the boxes above were squeezed:
    the fingerprint's digits were cut in half and the message was drawn over the empty list.
    (Exactly at the smallest size a label that wraps at that width may need a line more than
    Qt's size hint allowed for.)"""
    town, _ids = town_pc(pcs)
    page = open_page(qtbot, town)
    smallest = page.minimumSizeHint()
    page.resize(smallest.width(), smallest.height() + 60)
    labels = (page.node_name, page.fingerprint, page.no_stick, page.no_peers)
    qtbot.waitUntil(lambda: all(label.height() >= label.heightForWidth(label.width())
                                for label in labels), timeout=2000)
    assert page.no_stick.isVisible() and not page.volumes.isVisible()
    assert page.no_peers.isVisible() and not page.peer_table.isVisible()
    page.choose_folder()
    assert page.volumes.isVisible() and not page.no_stick.isVisible()


def test_only_writable_removable_volumes_count_as_sticks():
    """The system disk and read-only discs are not offered as USB sticks."""
    assert is_stick("/media/zhang/KINGSTON", read_only=False, ready=True, system_root="/",
                    platform="linux")
    assert not is_stick("/", read_only=False, ready=True, system_root="/", platform="linux")
    assert not is_stick("/home", read_only=False, ready=True, system_root="/", platform="linux")
    assert not is_stick("/media/cdrom", read_only=True, ready=True, system_root="/",
                        platform="linux")
    assert is_stick("E:/", read_only=False, ready=True, system_root="C:/", platform="win32")
    assert not is_stick("C:/", read_only=False, ready=True, system_root="C:/", platform="win32")


def test_town_writes_for_a_village_and_the_village_reads_what_came_from_whom(qtbot, pcs, stick):
    """The town picks 黄璩 in "写给", writes to the stick; at 黄璩, reading the stick says how
    many changes came in from the town, and both peer tables show the exchange."""
    town, ids = town_pc(pcs)
    village = enrolled_village(pcs, town, ids, stick.parent / "earlier")
    town.services.people.update(ids["p1"], phone="13811112222")

    town_page = open_page(qtbot, town, stick)
    town_page.peer_choice.set_key(village.db.node.node_id)
    assert town_page.peer_choice.currentText() == "黄璩中心村值班室"
    click_and_wait(qtbot, town_page, town_page.write_button)
    written = list((stick / "联建同步").glob("*.ljsync"))
    assert len(written) == 1 and written[0].name in town_page.summary.toPlainText()
    assert re.search(r"（[1-9]\d* 条记录更新）", town_page.summary.toPlainText())
    sent = town_page.peer_model.row(0)
    assert sent.name == "黄璩中心村值班室" and sent.last_sent_at is not None
    assert not town_page.no_peers.isVisible()
    assert town_page.peer_model.data(town_page.peer_model.index(0, 4)) != ""

    village_page = open_page(qtbot, village, stick)
    click_and_wait(qtbot, village_page, village_page.read_button)
    summary = village_page.summary.toPlainText()
    assert "1 个同步文件（导入 1 个）" in summary
    assert f"导入 {written[0].name}（来自 大王镇党委办公室）：1 条记录更新" in summary
    assert village.services.people.get(ids["p1"]).phone == "13811112222"
    row = village_page.peer_model.row(0)
    assert (row.name, row.status) == ("大王镇党委办公室", "approved")
    model = village_page.peer_model
    assert [model.data(model.index(0, c)) for c in (1, 2, 3)] == ["镇", "已批准", town.fingerprint]
    assert model.data(model.index(0, 5)) != ""  # 上次收到


def test_new_pcs_wait_with_their_fingerprint_and_approving_merges_their_file(qtbot, pcs, stick,
                                                                            monkeypatch):
    """A new village PC and the town meet for the first time: each side's file waits until
    the person compares the fingerprint and approves; approving merges what was waiting."""
    town, ids = town_pc(pcs)
    village = pcs("黄璩中心村值班室", ids["c1"])
    town_page = open_page(qtbot, town, stick)
    village_page = open_page(qtbot, village, stick)
    confirmed = []
    monkeypatch.setattr(ApprovalDialog, "exec", lambda dialog: confirmed.append(dialog) or 1)
    # the town writes everything; the village reads it: the town is new there
    click_and_wait(qtbot, town_page, town_page.write_button)
    click_and_wait(qtbot, village_page, village_page.read_button)
    assert "已暂存，批准后合并" in village_page.summary.toPlainText()
    assert village_page.tabs.tabText(1) == "待批准的电脑（1）"
    pending = village_page.approvals.model
    assert pending.data(pending.index(0, 0)) == "大王镇党委办公室"
    assert pending.data(pending.index(0, 2)) == town.fingerprint
    click_and_wait(qtbot, village_page, village_page.approvals.approve_button)
    dialog = confirmed.pop()
    assert dialog.fingerprint.text() == f"指纹 {town.fingerprint}"
    assert dialog.cluster is None  # a village does not place the town in a cluster
    assert "已批准“大王镇党委办公室”；合并暂存的 1 个文件" in village_page.summary.toPlainText()
    assert village.services.people.get(ids["p1"]).name == "王建国"
    assert village_page.tabs.tabText(1) == "待批准的电脑（0）"

    # the village works, then writes its first file for the town
    village.services.duty.start(ids["c1"], [ids["p1"]])
    village.services.tasks.create(cluster_id=ids["c1"], title="清理黄璩村东排水沟",
                                  village_ids=[ids["v1"]], due_on=date(2030, 1, 1))
    click_and_wait(qtbot, village_page, village_page.write_button)
    click_and_wait(qtbot, town_page, town_page.read_button)
    assert "来自未批准的电脑“黄璩中心村值班室”" in town_page.summary.toPlainText()
    assert "跳过本机写出的 1 个文件。" in town_page.summary.toPlainText()
    assert town.services.tasks.list().total == 0  # kept aside, not merged
    pending = town_page.approvals.model
    assert pending.data(pending.index(0, 2)) == village.fingerprint
    click_and_wait(qtbot, town_page, town_page.approvals.approve_button)
    dialog = confirmed.pop()
    assert dialog.fingerprint.text() == f"指纹 {village.fingerprint}"
    assert dialog.cluster.key() == ids["c1"]  # the cluster the village PC says it serves
    summary = town_page.summary.toPlainText()
    assert summary.startswith("已批准“黄璩中心村值班室”；合并暂存的 1 个文件，")
    assert "0 条记录更新" not in summary.splitlines()[0]
    assert [t.title for t in town.services.tasks.list().items] == ["清理黄璩村东排水沟"]
    assert town_page.peer_model.row(0).status == "approved"


def test_the_town_starts_a_new_office_pc_from_a_snapshot(qtbot, pcs, stick, monkeypatch):
    """A new 黄璩 PC's first file reaches the town and is approved there; the town picks it in
    "写给": what goes onto the stick is a snapshot of every record, and the new PC, reading
    the stick and approving the town, has them all."""
    town, ids = town_pc(pcs)
    village = pcs("黄璩中心村值班室", ids["c1"])
    town_page = open_page(qtbot, town, stick)
    village_page = open_page(qtbot, village, stick)
    monkeypatch.setattr(ApprovalDialog, "exec", lambda dialog: 1)
    click_and_wait(qtbot, village_page, village_page.write_button)
    click_and_wait(qtbot, town_page, town_page.read_button)
    click_and_wait(qtbot, town_page, town_page.approvals.approve_button)

    town_page.peer_choice.set_key(village.db.node.node_id)
    click_and_wait(qtbot, town_page, town_page.write_button)
    summary = town_page.summary.toPlainText()
    assert "写给：黄璩中心村值班室" in summary and "全镇记录的快照" in summary
    assert len(list((stick / "联建同步").glob("*.ljsnapshot"))) == 1
    click_and_wait(qtbot, village_page, village_page.read_button)
    assert "已暂存，批准后合并" in village_page.summary.toPlainText()
    click_and_wait(qtbot, village_page, village_page.approvals.approve_button)
    assert "快照" in village_page.summary.toPlainText()
    assert village.services.people.get(ids["p1"]).name == "王建国"
    assert village.services.villages.get(ids["v1"]).name == "黄璩村"
    click_and_wait(qtbot, village_page, village_page.read_button)  # the stick again
    assert ("跳过镇里写的 1 个快照：快照只用于新电脑的第一次同步，本机已有记录。"
            in village_page.summary.toPlainText())


def phone_conflict(pcs, stick):
    """Town and village change 王建国's phone at the same time; the village's file is on the
    stick. Returns the town PC and the ids of the small town."""
    town, ids = town_pc(pcs)
    village = enrolled_village(pcs, town, ids, stick.parent / "earlier")
    town.services.people.update(ids["p1"], phone="13811111111")
    village.services.people.update(ids["p1"], phone="13922222222")
    export_file(village.db, stick / "联建同步")
    return town, ids


def test_a_conflict_shows_both_values_and_taking_the_other_one_resolves_it(qtbot, pcs, stick):
    """Town and village changed 王建国's phone at the same time: the page shows both numbers
    side by side with who changed them; "改用另一方的值" takes the other number."""
    town, ids = phone_conflict(pcs, stick)

    page = open_page(qtbot, town, stick)
    click_and_wait(qtbot, page, page.read_button)
    assert "1 处冲突待处理（见下方“待处理冲突”）" in page.summary.toPlainText()
    assert page.conflict_count.text() == "待处理冲突：1"
    assert page.tabs.tabText(2) == "待处理冲突（1）"
    model = page.conflicts.model
    cells = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert cells[0] == "人员：王建国" and cells[1] == "联系电话"
    assert {cells[2], cells[4]} == {"13811111111", "13922222222"}
    assert {cells[3].split("，")[0], cells[5].split("，")[0]} == {"大王镇党委办公室",
                                                                 "黄璩中心村值班室"}
    other = cells[4]

    page.tabs.setCurrentIndex(2)
    click_and_wait(qtbot, page, page.conflicts.other_button)
    assert town.services.people.get(ids["p1"]).phone == other
    assert page.conflict_count.text() == "待处理冲突：0"
    assert page.conflicts.model.rowCount() == 0 and page.conflicts.empty_label.isVisible()


def test_the_tabs_behind_are_built_when_first_opened_with_what_the_page_knows(qtbot, pcs,
                                                                              stick):
    """The page opens without building 待批准的电脑 and 待处理冲突 (it opens faster); opened
    later, each shows what the page has loaded since."""
    town, _ids = phone_conflict(pcs, stick)
    page = open_page(qtbot, town, stick)
    click_and_wait(qtbot, page, page.read_button)
    assert not page.approvals_pane.built and not page.conflicts_pane.built

    page.tabs.setCurrentIndex(2)
    assert page.conflicts_pane.built and not page.approvals_pane.built
    assert page.conflicts.model.rowCount() == 1 and page.conflicts.table.isVisible()
    page.tabs.setCurrentIndex(1)
    assert page.approvals.model.rowCount() == 0 and page.approvals.isVisible()


def test_editing_a_conflict_writes_the_new_value(qtbot, pcs, stick, monkeypatch):
    """"编辑…" asks for a new value; it replaces both and the conflict goes away."""
    from PySide6.QtWidgets import QInputDialog

    town, ids = phone_conflict(pcs, stick)
    page = open_page(qtbot, town, stick)
    click_and_wait(qtbot, page, page.read_button)
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("13733333333", True)))
    click_and_wait(qtbot, page, page.conflicts.edit_button)
    assert town.services.people.get(ids["p1"]).phone == "13733333333"
    assert page.conflict_count.text() == "待处理冲突：0"


def test_a_damaged_file_is_refused_and_the_good_ones_still_come_in(qtbot, pcs, stick):
    """Among good files, a truncated one and a stranger's junk are refused with a reason;
    the rest are read."""
    town, ids = town_pc(pcs)
    village = enrolled_village(pcs, town, ids, stick.parent / "earlier")
    village.services.tasks.create(cluster_id=ids["c1"], title="修补黄璩村南路面",
                                  village_ids=[ids["v1"]])
    good = export_file(village.db, stick / "联建同步")
    data = good.read_bytes()
    (stick / "联建同步" / "半截.ljsync").write_bytes(data[: len(data) // 2])
    (stick / "坏文件.ljsync").write_bytes(b"PK\x03\x04 not a sync file")

    page = open_page(qtbot, town, stick)
    click_and_wait(qtbot, page, page.read_button)
    lines = page.summary.toPlainText().splitlines()
    assert lines[0].endswith("3 个同步文件（导入 1 个，拒绝 2 个）")
    assert any(line.startswith("拒绝 半截.ljsync：") for line in lines)
    assert any(line.startswith("拒绝 坏文件.ljsync：") for line in lines)
    assert any(line.startswith(f"导入 {good.name}（来自 黄璩中心村值班室）") for line in lines)
    assert [t.title for t in town.services.tasks.list().items] == ["修补黄璩村南路面"]


def test_reading_the_same_stick_twice_brings_nothing_new(qtbot, pcs, stick):
    """Reading a stick again says the file was already read; nothing changes."""
    town, ids = town_pc(pcs)
    village = enrolled_village(pcs, town, ids, stick.parent / "earlier")
    export_file(village.db, stick / "联建同步")
    page = open_page(qtbot, town, stick)
    click_and_wait(qtbot, page, page.read_button)
    click_and_wait(qtbot, page, page.read_button)
    assert "已导入过 1 个" in page.summary.toPlainText()
    assert "这个文件已经导入过，没有新内容" in page.summary.toPlainText()


def test_a_task_written_at_a_village_shows_in_the_towns_task_list(qtbot, pcs, stick):
    """Round trip: 黄璩's page writes to the stick, the town's page reads it, and the town's
    task list now shows 黄璩's task."""
    town, ids = town_pc(pcs)
    village = enrolled_village(pcs, town, ids, stick.parent / "earlier")
    village.services.tasks.create(cluster_id=ids["c1"], title="黄璩村文化广场路灯维修",
                                  village_ids=[ids["v1"]], due_on=date(2030, 6, 1))
    village_page = open_page(qtbot, village, stick)
    click_and_wait(qtbot, village_page, village_page.write_button)
    town_page = open_page(qtbot, town, stick)
    click_and_wait(qtbot, town_page, town_page.read_button)
    assert "来自 黄璩中心村值班室" in town_page.summary.toPlainText()

    tasks = ListPage(town.services, list_specs.TASKS)
    qtbot.addWidget(tasks)
    tasks.show()
    qtbot.waitUntil(lambda: tasks.count_label.text().startswith("共"), timeout=WAIT_MS)
    assert tasks.count_label.text() == "共 1 条"
    assert tasks.model.data(tasks.model.index(0, 0)) == "黄璩村文化广场路灯维修"


def test_the_sync_entry_opens_the_sync_page(qtbot, pcs, stick):
    """The navigation has 同步 between 人员与村庄 and 设置, and it opens this page."""
    from ui.main_window import MainWindow

    town, _ids = town_pc(pcs)
    window = MainWindow(town.services)
    qtbot.addWidget(window)
    window.show()  # the page loads once painted
    titles = window.screen_titles()
    assert titles.index("同步") == titles.index("人员与村庄") + 1 == titles.index("设置") - 1
    page = window.screen("同步")
    assert isinstance(page, SyncPage)
    qtbot.waitUntil(lambda: page.state is not None, timeout=WAIT_MS)


def test_volume_list_shows_name_root_and_free_space(qtbot, pcs, stick, monkeypatch):
    """A plugged-in stick is listed by name, where it is mounted and how much space is left."""
    monkeypatch.setattr(sync_page, "removable_volumes",
                        lambda: [Volume("KINGSTON", "/media/zhang/KINGSTON", 7_500_000_000)])
    town, _ids = town_pc(pcs)
    page = open_page(qtbot, town)
    assert page.volumes.count() == 1
    assert page.volumes.item(0).text() == "KINGSTON　/media/zhang/KINGSTON　剩余 7.0 GB"
    assert not page.no_stick.isVisible() and page.write_button.isEnabled()


def test_a_drive_slow_to_answer_does_not_hold_the_window(qtbot, pcs, stick, monkeypatch):
    """Sticks are looked for on a worker: Windows may take many seconds to answer for a
    network drive whose server is off. Meanwhile the page says it is looking, the rest of it
    loads and a folder can be chosen; the sticks come when found, the choice kept."""
    answered = threading.Event()

    def slow_volumes() -> list[Volume]:
        answered.wait(WAIT_MS / 1000)
        return [Volume("KINGSTON", "/media/zhang/KINGSTON", 7_500_000_000)]

    monkeypatch.setattr(sync_page, "removable_volumes", slow_volumes)
    town, _ids = town_pc(pcs)
    page = SyncPage(town.services)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.state is not None, timeout=WAIT_MS)
    assert page.looking_for_sticks and page.no_stick.text() == "正在查找 U 盘…"
    page.choose_folder()
    assert page.current_root() == str(stick)
    answered.set()
    qtbot.waitUntil(lambda: not page.looking_for_sticks, timeout=WAIT_MS)
    assert [page.volumes.item(i).text().split("　")[0] for i in range(page.volumes.count())] \
        == ["KINGSTON", "文件夹 U盘"]
    assert page.current_root() == str(stick)  # still the folder chosen meanwhile


def test_sticks_that_cannot_be_listed_are_said_so_and_a_folder_still_serves(
        qtbot, pcs, stick, monkeypatch):
    """If the system will not list its drives, the error is shown once, the page stops
    saying it is looking (it says no stick was found) and a folder can stand in."""
    def failing_volumes() -> list[Volume]:
        raise OSError("设备未就绪")

    shown: list[BaseException] = []
    monkeypatch.setattr(sync_page, "removable_volumes", failing_volumes)
    monkeypatch.setattr(sync_page, "show_error", lambda _parent, error: shown.append(error))
    town, _ids = town_pc(pcs)
    page = open_page(qtbot, town)
    assert [str(error) for error in shown] == ["设备未就绪"]
    assert page.no_stick.isVisible() and page.no_stick.text().startswith("未发现 U 盘")
    page.choose_folder()
    assert page.current_root() == str(stick) and page.write_button.isEnabled()


def test_a_pc_with_a_wrong_clock_is_flagged_in_red():
    """A PC whose clock is far off shows its skew in days, in red, in the per-PC table."""
    from datetime import datetime

    from desktop_app.sync.status import PeerStatus
    from ui.sync_models import PEER_FIELDS, WARN_BRUSH, RowsModel

    model = RowsModel(PEER_FIELDS)
    model.set_rows([PeerStatus("n1", "北张淡中心村值班室", "village", None, "approved",
                               "1234-5678-9012-3456", datetime(2025, 5, 1, 8, 0), None, 3,
                               -400 * 86400000)])
    skew = model.index(0, 7)
    assert model.data(skew) == "-400.0 天"
    assert model.data(skew, Qt.ItemDataRole.ForegroundRole) == WARN_BRUSH
    assert model.data(model.index(0, 6)) == "3 条"
    assert model.data(model.index(0, 5)) == ""  # never received


def test_cancelling_stops_between_files_and_says_how_many_were_left(pcs, stick):
    """Pressing 取消 while reading finishes the current file, stops, and says what was left."""
    from ui.background import Progress
    from ui.sync_page import outcome_text

    town, ids = town_pc(pcs)
    village = enrolled_village(pcs, town, ids, stick.parent / "earlier")
    for name in ("a", "b", "c"):
        village.services.tasks.create(cluster_id=ids["c1"], title=f"任务{name}",
                                      village_ids=[ids["v1"]])
        written = export_file(village.db, stick.parent / "out")
        written.rename(stick / f"{name}.ljsync")
    progress = _CancelAfter(Progress(lambda done, total: None), files=1)
    outcome = town.services.sync.import_folder(str(stick), progress)
    assert outcome.cancelled and len(outcome.reports) == 1
    assert outcome_text(outcome).endswith("已取消：还有 2 个文件没有读取。")


class _CancelAfter:
    """A progress that the person cancels after ``files`` files."""

    def __init__(self, progress, files: int) -> None:
        self.progress, self.files = progress, files

    def __call__(self, done: int, total: int) -> None:
        self.progress(done, total)
        if done >= self.files:
            self.progress.cancel()

    @property
    def cancelled(self) -> bool:
        return self.progress.cancelled
