"""同步: this PC's identity, the USB sticks, writing and reading sync files, the other PCs,
new PCs waiting for approval, and conflicts to review.

Reading and writing files, approving (which merges quarantined files), looking for the
sticks and loading the page's figures run on a worker thread (``ui.background``); workers
call the sync service (``services.sync``) with plain paths and ids, and hand back its plain
data (reports and status dataclasses), never touching a widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.errors import UserError
from desktop_app.services import Services
from desktop_app.services.sync import (
    Approval,
    Conflict,
    Export,
    FolderImport,
    Office,
    PeerStatus,
    SyncService,
    report_text,
)
from ui import lookups, theme
from ui.background import run_in_background, show_error
from ui.first_paint import after_first_paint
from ui.lazy_pane import LazyPane
from ui.sync_approval import ApprovalPanel, fingerprint_style
from ui.sync_conflicts import ConflictPanel
from ui.sync_models import PEER_FIELDS, ROLE_LABELS, RowsModel, peer_name
from ui.sync_volumes import Volume, removable_volumes, size_text
from ui.widgets import ChoiceCombo, details_button, row_table

CONFLICTS_HINT = "见下方“待处理冲突”"
NO_STICK = "未发现 U 盘。请插入 U 盘后点“刷新”，或点“选择文件夹…”用一个文件夹代替 U 盘。"
LOOKING_FOR_STICKS = "正在查找 U 盘…"
ROOT_ROLE = Qt.ItemDataRole.UserRole


# --- what workers hand back -------------------------------------------------------------
@dataclass
class SyncState:
    office: Office
    peers: list[PeerStatus]
    conflicts: list[Conflict]
    waiting: int
    clusters: list[tuple[str, str]]


def load_state(services: Services) -> SyncState:
    sync = services.sync
    return SyncState(sync.office(), sync.peers(), sync.conflicts(), sync.waiting(),
                     lookups.cluster_choices(services))


def pending_peers(state: SyncState) -> list[PeerStatus]:
    return [peer for peer in state.peers if peer.status == "pending"]


def outcome_text(outcome: FolderImport) -> str:
    counts = {status: sum(r.status == status for r in outcome.reports)
              for status in ("merged", "known", "quarantined", "refused")}
    head = f"读取 {outcome.root}：{outcome.total} 个同步文件"
    parts = [f"{label} {counts[status]} 个" for status, label in
             (("merged", "导入"), ("known", "已导入过"), ("quarantined", "暂存待批准"),
              ("refused", "拒绝")) if counts[status]]
    if parts:
        head += "（" + "，".join(parts) + "）"
    lines = [head] + [report_text(r, names=outcome.names, conflicts_hint=CONFLICTS_HINT)
                      for r in outcome.reports]
    if outcome.skipped_own:
        lines.append(f"跳过本机写出的 {outcome.skipped_own} 个文件。")
    if outcome.skipped_others:
        lines.append(f"跳过写给其他电脑的 {outcome.skipped_others} 个加密文件。")
    if outcome.skipped_snapshots:
        lines.append(f"跳过镇里写的 {outcome.skipped_snapshots} 个快照：快照只用于新电脑的第一次"
                     "同步，本机已有记录。")
    if outcome.cancelled:
        lines.append(f"已取消：还有 {outcome.total - len(outcome.reports)} 个文件没有读取。")
    if not (outcome.total or outcome.skipped_own or outcome.skipped_others
            or outcome.skipped_snapshots):
        lines = [f"在 {outcome.root} 中没有找到同步文件（*.ljsync）。"]
    return "\n".join(lines)


# --- the page ---------------------------------------------------------------------------
class SyncPage(QWidget):
    """``refreshed`` fires each time the peers, approvals and conflicts were reloaded."""

    refreshed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.sync: SyncService = services.sync
        self.state: SyncState | None = None
        self._generation = 0
        self._busy = False
        self._shown_before = False
        self._chosen: list[Volume] = []  # folders standing in for a stick
        self._sticks: list[Volume] | None = None  # None until first looked for
        self._lookups = 0  # the number of the last look for sticks
        self.looking_for_sticks = False

        title = QLabel("同步（U 盘）")
        title.setStyleSheet(f"font-size: {theme.pt(15)}pt; font-weight: bold;")
        self.conflict_count = QLabel()
        self.waiting_label = QLabel()
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.waiting_label)
        header.addSpacing(16)
        header.addWidget(self.conflict_count)

        top = QHBoxLayout()
        top.addWidget(self._this_pc_box(), 2)
        top.addWidget(self._stick_box(), 3)

        results = QGroupBox("同步结果")
        results_layout = QVBoxLayout(results)
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText("写入或读取同步文件后，这里显示结果。")
        # Room for four lines; it gives way (down to two) before the window outgrows the
        # screen at a larger 字号.
        self.summary.setMinimumHeight(48)
        self.summary.setMaximumHeight(theme.px(96))
        results_layout.addWidget(self.summary)

        self.peer_model = RowsModel(PEER_FIELDS, self)
        self.peer_table = row_table(self.peer_model, [column.width for column in PEER_FIELDS])
        # The two other tabs are built when first shown: the page opens faster without them.
        self.approvals_pane = LazyPane(self._make_approvals)
        self.conflicts_pane = LazyPane(self._make_conflicts)
        self.tabs = QTabWidget()
        self.no_peers = QLabel("还没有与其他电脑交换过同步文件。用 U 盘写入、读取一次后，"
                               "这里列出每台电脑的同步情况。")
        self.no_peers.setWordWrap(True)
        self.no_peers.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.no_peers.setContentsMargins(8, 8, 8, 8)  # not against the tab's frame
        peers = QWidget()
        peers_layout = QVBoxLayout(peers)
        peers_layout.setContentsMargins(0, 0, 0, 0)  # the table as wide as the tab, as before
        peers_layout.addWidget(self.no_peers)
        peers_layout.addWidget(self.peer_table, 1)
        self.tabs.addTab(peers, "各电脑同步情况")
        self.tabs.addTab(self.approvals_pane, "待批准的电脑")
        self.tabs.addTab(self.conflicts_pane, "待处理冲突")

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(top)
        layout.addWidget(results)
        layout.addWidget(self.tabs, 1)

        self.show_node(self.sync.office())
        self._show_volumes()

    # --- building ---------------------------------------------------------------------
    @property
    def approvals(self) -> ApprovalPanel:
        return self.approvals_pane.content()

    @property
    def conflicts(self) -> ConflictPanel:
        return self.conflicts_pane.content()

    def _make_approvals(self) -> ApprovalPanel:
        panel = ApprovalPanel()
        panel.approve_requested.connect(self.approve_peer)
        if self.state is not None:
            self._show_pending(panel, self.state)
        return panel

    def _make_conflicts(self) -> ConflictPanel:
        panel = ConflictPanel(self.sync)
        panel.resolved.connect(self.refresh)
        if self.state is not None:
            panel.set_conflicts(self.state.conflicts)
        return panel

    def _this_pc_box(self) -> QGroupBox:
        box = QGroupBox("本机")
        layout = QVBoxLayout(box)
        self.node_name = QLabel()
        self.node_name.setStyleSheet(f"font-size: {theme.pt(13)}pt; font-weight: bold;")
        self.node_name.setWordWrap(True)
        self.node_role = QLabel()
        self.fingerprint = QLabel()
        self.fingerprint.setStyleSheet(fingerprint_style())
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint = QLabel("对方电话核对时，请读出上面这串数字。")
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        self.node_id = QLabel()
        self.node_id.setStyleSheet("color: #555;")
        self.node_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = details_button(self.node_id)
        self.reset_password = QPushButton("重置村里电脑的启动密码…")  # the town only
        self.reset_password.clicked.connect(self.show_reset_code)
        self.reset_password.hide()
        for widget in (self.node_name, self.node_role, self.fingerprint, hint, self.details,
                       self.node_id, self.reset_password):
            layout.addWidget(widget)
        layout.addStretch(1)
        return box

    def _stick_box(self) -> QGroupBox:
        box = QGroupBox("U 盘")
        grid = QGridLayout(box)
        self.volumes = QListWidget()
        self.volumes.setFixedHeight(72)
        self.volumes.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.no_stick = QLabel(LOOKING_FOR_STICKS)
        self.no_stick.setWordWrap(True)
        self.no_stick.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.no_stick.setStyleSheet("color: #8a5a00;")
        refresh = QPushButton("刷新")
        refresh.clicked.connect(self.refresh_volumes)
        choose = QPushButton("选择文件夹…")
        choose.clicked.connect(self.choose_folder)
        side = QVBoxLayout()
        side.addWidget(refresh)
        side.addWidget(choose)
        side.addStretch(1)
        self.peer_choice = ChoiceCombo(empty="全部（完整）")
        self.peer_choice.setMinimumWidth(140)  # it takes the row's spare width
        self.write_button = QPushButton("写入同步文件")
        self.write_button.clicked.connect(self.write_to_stick)
        self.read_button = QPushButton("读取此 U 盘上的全部同步文件")
        self.read_button.clicked.connect(self.read_stick)
        # Reading and writing on rows of their own: in one row they made the page too wide
        # for a 1024-pixel screen.
        write = QHBoxLayout()
        write.addWidget(QLabel("写给："))
        write.addWidget(self.peer_choice, 1)
        write.addWidget(self.write_button)
        # Without a stick the message stands in the empty list's place (below it, the box
        # was squeezed at 字号 大 and the message was drawn over the list).
        grid.addWidget(self.volumes, 0, 0)
        grid.addWidget(self.no_stick, 0, 0)
        grid.addLayout(side, 0, 1)
        grid.addWidget(self.read_button, 1, 0, 1, 2)
        grid.addLayout(write, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        return box

    # --- this PC and the sticks -------------------------------------------------------
    def show_node(self, office: Office) -> None:
        self.node_name.setText(office.name or "未命名值班室（请在“设置”中填写）")
        role = ROLE_LABELS.get(office.role, office.role)
        if office.cluster_id and self.state is not None:
            cluster = dict(self.state.clusters).get(office.cluster_id)
            role = f"{role}（{cluster}）" if cluster else role
        self.node_role.setText(f"类型：{role}")
        # "指纹" above its digits: on one line they made the page 1,062 pixels wide at 字号 大
        self.fingerprint.setText(f"指纹\n{office.fingerprint}" if office.fingerprint else "")
        self.node_id.setText(f"电脑编号 {office.node_id}")
        self.reset_password.setVisible(office.is_town)

    def show_reset_code(self) -> None:
        from ui.background import off_thread
        from ui.password_reset_dialog import ResetCodeDialog

        peers = self.state.peers if self.state is not None else []
        pcs = [(p.node_id, peer_name(p)) for p in peers
               if p.status == "approved" and p.role != "town"]
        ResetCodeDialog(off_thread(self.services).sync, pcs, self).exec()

    def refresh_volumes(self) -> None:
        """Look for the sticks on a worker: Windows may take many seconds to answer for a
        drive that does not (a network drive whose server is off)."""
        self._lookups += 1
        lookup = self._lookups
        self.looking_for_sticks = True

        def done(sticks: list[Volume]) -> None:
            if lookup == self._lookups:
                self._sticks, self.looking_for_sticks = sticks, False
                self._show_volumes()

        def failed(error: BaseException) -> None:
            done([])
            show_error(self, error)

        run_in_background(self, lambda _progress: removable_volumes(), on_done=done,
                          on_error=failed)

    def _show_volumes(self) -> None:
        """The sticks last found and the folders chosen, the current one kept."""
        current = self.current_root()
        volumes = (self._sticks or []) + self._chosen
        self.volumes.clear()
        for volume in volumes:
            free = size_text(volume.free_bytes)
            text = f"{volume.name}　{volume.root}" + (f"　{free}" if free else "")
            item = QListWidgetItem(text)
            item.setData(ROOT_ROLE, volume.root)
            self.volumes.addItem(item)
        self.no_stick.setText(LOOKING_FOR_STICKS if self._sticks is None else NO_STICK)
        self.no_stick.setVisible(not volumes)
        self.volumes.setVisible(bool(volumes))
        roots = [v.root for v in volumes]
        if volumes:
            self.volumes.setCurrentRow(roots.index(current) if current in roots else 0)
        self._update_buttons()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择代替 U 盘的文件夹")
        if not folder:
            return
        folder = str(Path(folder))
        if folder not in [v.root for v in self._chosen]:
            self._chosen.append(Volume(f"文件夹 {Path(folder).name}", folder, None))
        self._show_volumes()
        roots = [self.volumes.item(i).data(ROOT_ROLE) for i in range(self.volumes.count())]
        self.volumes.setCurrentRow(roots.index(folder))

    def current_root(self) -> str | None:
        item = self.volumes.currentItem()
        return item.data(ROOT_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        ready = self.current_root() is not None and not self._busy
        self.write_button.setEnabled(ready)
        self.read_button.setEnabled(ready)
        self.approvals_pane.setEnabled(not self._busy)
        self.conflicts_pane.setEnabled(not self._busy)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    # --- long work --------------------------------------------------------------------
    def write_to_stick(self) -> None:
        root = self.current_root()
        if root is None or self._busy:
            return
        sync, peer = self.sync, self.peer_choice.key()
        target = self.peer_choice.currentText()
        self._set_busy(True)

        def done(written: Export) -> None:
            self.summary.setPlainText(f"写给：{target}\n{written.text}\n"
                                      "请把 U 盘带到对方电脑，在“同步”页读取。")
            self._finished()

        run_in_background(self, lambda _progress: sync.export_to_stick(root, for_peer=peer),
                          on_done=done,
                          on_error=self._failed, label="正在写入同步文件…")

    def read_stick(self) -> None:
        root = self.current_root()
        if root is None or self._busy:
            return
        sync = self.sync
        self._set_busy(True)

        def done(outcome: FolderImport) -> None:
            self.summary.setPlainText(outcome_text(outcome))
            self._finished()

        run_in_background(self, lambda progress: sync.import_folder(root, progress), on_done=done,
                          on_error=self._failed, label="正在读取同步文件…", cancellable=True)

    def approve_peer(self, node_id: str, cluster_id: str | None) -> None:
        if self._busy:
            return
        sync = self.sync
        name = next((peer_name(p) for p in (self.state.peers if self.state else [])
                     if p.node_id == node_id), node_id)
        self._set_busy(True)

        def done(approval: Approval) -> None:
            lines = [f"已批准“{name}”；合并暂存的 {len(approval.reports)} 个文件，"
                     f"{approval.applied} 条记录更新。"]
            lines += [report_text(r, names=approval.names, conflicts_hint=CONFLICTS_HINT)
                      for r in approval.reports]
            self.summary.setPlainText("\n".join(lines))
            self._finished()

        run_in_background(self, lambda progress: sync.approve(node_id, cluster_id=cluster_id,
                                                               progress=progress),
                          on_done=done, on_error=self._failed,
                          label="正在批准并合并暂存的文件…")

    def _finished(self) -> None:
        self._set_busy(False)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, UserError):
            self.summary.setPlainText(f"未完成：{error}")
        else:
            show_error(self, error)
        self.refresh()

    # --- peers, approvals, conflicts --------------------------------------------------
    def refresh(self) -> None:
        self._generation += 1
        generation, services = self._generation, self.services

        def done(state: SyncState) -> None:
            if generation == self._generation:
                self.show_state(state)

        run_in_background(self, lambda _progress: load_state(services), on_done=done)

    def show_state(self, state: SyncState) -> None:
        self.state = state
        self.show_node(state.office)
        self.peer_model.set_rows(state.peers)
        # No peers: the sentence saying why, without the empty table (both at once, the
        # tabs asked for the table's full height and squeezed the boxes above at 字号 大).
        self.no_peers.setVisible(not state.peers)
        self.peer_table.setVisible(bool(state.peers))
        if self.approvals_pane.built:
            self._show_pending(self.approvals, state)
        if self.conflicts_pane.built:
            self.conflicts.set_conflicts(state.conflicts)
        approved = [(p.node_id, peer_name(p)) for p in state.peers if p.status == "approved"]
        self.peer_choice.set_choices(approved)
        count = len(state.conflicts)
        self.conflict_count.setText(f"待处理冲突：{count}")
        self.conflict_count.setStyleSheet(
            f"font-size: {theme.pt(12)}pt;"
            + (f" color: {theme.LEVELS['red'][0]}; font-weight: bold;" if count else ""))
        waiting = f"{state.waiting} 条记录更新等待更早的文件" if state.waiting else ""
        self.waiting_label.setText(waiting)
        self.tabs.setTabText(1, f"待批准的电脑（{len(pending_peers(state))}）")
        self.tabs.setTabText(2, f"待处理冲突（{count}）")
        self.refreshed.emit()

    @staticmethod
    def _show_pending(panel: ApprovalPanel, state: SyncState) -> None:
        panel.set_peers(pending_peers(state), is_town=state.office.is_town,
                        clusters=state.clusters)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._shown_before:
            self._look_again()
        else:  # the first time, the page is painted before its loading starts
            self._shown_before = True
            after_first_paint(self, self._look_again)

    def _look_again(self) -> None:
        """The sticks, and the peers, approvals and conflicts."""
        self.refresh_volumes()
        self.refresh()
