"""New PCs waiting for approval: compare the fingerprint by phone, then approve.

At the town, a village PC's first file waits here; at a village, so does the town's first
file. Approving merges the files kept in quarantine (``services.sync.approve``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.config.settings import FONT_SCALES
from desktop_app.services.sync import PeerStatus
from ui import theme
from ui.sync_models import ROLE_LABELS, Field, RowsModel, peer_name
from ui.widgets import ChoiceCombo, row_table

FINGERPRINT_PT = 18
# At most 大's size: larger, at 特大, the digits alone made 同步 wider than a 1024-pixel screen.
FINGERPRINT_MAX_PT = FINGERPRINT_PT * FONT_SCALES["large"]


def fingerprint_style() -> str:
    """Large enough to read out on the phone, at the current 字号 (at most 大's size)."""
    size = min(theme.pt(FINGERPRINT_PT), FINGERPRINT_MAX_PT)
    return (f"font-size: {size}pt; font-weight: bold; font-family: monospace;"
            " letter-spacing: 1px;")


class ApprovalDialog(QDialog):
    """Shows the fingerprint to compare; for a village PC at the town, asks for its cluster."""

    def __init__(self, peer: PeerStatus, clusters: list[tuple[str, str]] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("核对指纹后批准")
        layout = QVBoxLayout(self)
        intro = QLabel(f"批准电脑“{peer_name(peer)}”（{ROLE_LABELS.get(peer.role, peer.role)}）"
                       "之前，请打电话给对方，请对方读出其“同步”页“本机”一栏里的指纹。"
                       "只有与下面的指纹完全一致时才批准。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.fingerprint = QLabel(f"指纹 {peer.fingerprint}")
        self.fingerprint.setStyleSheet(fingerprint_style())
        layout.addWidget(self.fingerprint)
        self.cluster: ChoiceCombo | None = None
        if clusters is not None:
            form = QFormLayout()
            self.cluster = ChoiceCombo(clusters, empty="（请选择）")
            self.cluster.set_key(peer.cluster_id)
            form.addRow("所属联合党组织", self.cluster)
            layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton("指纹一致，批准", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def accept(self) -> None:
        if self.cluster is not None and not self.cluster.key():
            self.error.setText("请选择这台电脑所属的联合党组织")
            return
        super().accept()

    def cluster_id(self) -> str | None:
        return self.cluster.key() if self.cluster is not None else None


PENDING_FIELDS = [
    Field("电脑", peer_name, 180),
    Field("类型", lambda p: ROLE_LABELS.get(p.role, p.role), 60),
    Field("指纹（电话核对）", lambda p: p.fingerprint, 200),
    Field("电脑编号", lambda p: p.node_id, 190),
]


class ApprovalPanel(QWidget):
    """The pending PCs; ``approve_requested(node_id, cluster_id)`` after the person confirmed."""

    approve_requested = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._is_town = False
        self._clusters: list[tuple[str, str]] = []
        self.model = RowsModel(PENDING_FIELDS, self)
        self.table = row_table(self.model, [field.width for field in PENDING_FIELDS],
                               row_height=30)
        # fingerprints to read out
        self.table.setStyleSheet(f"QTableView {{ font-size: {theme.pt(11)}pt; }}")
        self.table.activated.connect(lambda _index: self.approve_selected())
        hint = QLabel("这些电脑的同步文件已验证并暂存，但尚未合并。"
                      "请电话核对指纹，一致后再批准；批准后立即合并暂存的文件。")
        hint.setWordWrap(True)
        self.empty_label = QLabel("没有待批准的电脑。")
        self.approve_button = QPushButton("核对指纹后批准…")
        self.approve_button.clicked.connect(self.approve_selected)
        row = QHBoxLayout()
        row.addWidget(self.empty_label)
        row.addStretch(1)
        row.addWidget(self.approve_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.set_peers([], is_town=False, clusters=[])

    def set_peers(self, pending: list[PeerStatus], *, is_town: bool,
                  clusters: list[tuple[str, str]]) -> None:
        self._is_town, self._clusters = is_town, clusters
        self.model.set_rows(pending)
        self.empty_label.setVisible(not pending)
        self.approve_button.setEnabled(bool(pending))
        if pending:
            self.table.selectRow(0)

    def selected(self) -> PeerStatus | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def approve_selected(self) -> None:
        peer = self.selected()
        if peer is None:
            return
        asks_cluster = self._is_town and peer.role != "town"
        dialog = ApprovalDialog(peer, self._clusters if asks_cluster else None, self)
        if not dialog.exec():
            return
        self.approve_requested.emit(peer.node_id, dialog.cluster_id())
