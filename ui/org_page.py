"""组织架构: the town's joint Party organisations and their villages as a tree, to add, rename,
reorder (上移/下移), choose the central village and retire (撤并) — kept, not erased: records
that name a retired village still show it, and 恢复 brings it back. Changes sync like any
record; a central village's office may change only its own cluster (the service says so)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.errors import UserError
from desktop_app.services import ListQuery, Services
from ui import icons, theme
from ui.background import off_thread, show_error
from ui.forms.org_forms import ClusterForm, VillageForm
from ui.widgets import cell_width, header_width

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "cluster" or "village"
ID_ROLE = Qt.ItemDataRole.UserRole
RETIRED = QBrush(QColor("#8a8a8a"))
COLUMNS = ["名称", "中心村", "村数", "户数", "人口"]
NUMBERS = (2, 3, 4)
# A number column is as wide as this many digits: a cluster's five-digit population with a
# gap of two beside it, so that neighbouring figures do not read as one (“4 2161 6684”).
NUMBER_DIGITS = 7


@dataclass(frozen=True)
class Node:
    kind: str  # "cluster" | "village"
    id: str
    name: str
    deleted: bool
    cluster_id: str  # its own id for a cluster


class OrgPage(QWidget):
    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._shown_before = False
        self.is_town = services.sync.office().is_town
        title = QLabel("组织架构")
        title.setStyleSheet(f"font-size: {theme.pt(15)}pt; font-weight: bold;")
        hint = QLabel("中心村总排在本联合党组织的最前；其余村按这里的顺序出现在表单、列表和文书中。"
                      "撤并的村不再出现在新记录的选择中，已有记录仍显示它。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(COLUMNS)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for column in NUMBERS:  # over their figures, at the right, a gap between them
            self.tree.headerItem().setTextAlignment(
                column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(header_width(header, column),
                                             cell_width(header, "0" * NUMBER_DIGITS)))
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit_selected())
        self.show_retired = QCheckBox("显示已撤并的")
        self.show_retired.toggled.connect(self.reload)

        self.new_cluster = icons.with_icon(QPushButton("新建联合党组织…"), "新建")
        self.new_village = icons.with_icon(QPushButton("新建村…"), "新建")
        self.edit = icons.with_icon(QPushButton("编辑…"), "编辑")
        self.up = QPushButton("上移")
        self.down = QPushButton("下移")
        self.central = QPushButton("设为中心村")
        self.retire = QPushButton("撤并")
        self.restore = QPushButton("恢复")
        for button, action in ((self.new_cluster, self.add_cluster),
                               (self.new_village, self.add_village),
                               (self.edit, self.edit_selected),
                               (self.up, lambda: self.move(-1)),
                               (self.down, lambda: self.move(1)),
                               (self.central, self.make_central),
                               (self.retire, self.retire_selected),
                               (self.restore, self.restore_selected)):
            button.clicked.connect(action)
        self.new_cluster.setVisible(self.is_town)  # a new cluster is the town's to make
        self.count_label = QLabel()

        buttons = QHBoxLayout()
        for widget in (self.new_cluster, self.new_village, self.edit, self.up, self.down,
                       self.central, self.retire, self.restore):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.show_retired)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        self.reload()

    # --- reading ---------------------------------------------------------------------
    def reload(self) -> None:
        """Read the clusters and villages again (tens of rows), keeping the selection."""
        keep = self.selected()
        services = off_thread(self.services)
        query = ListQuery(limit=None, include_deleted=self.show_retired.isChecked())
        clusters = services.clusters.list(query).items
        villages = services.villages.list(query).items
        centrals = {c.central_village_id for c in clusters}
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for cluster in clusters:
            item = self._item(None, Node("cluster", cluster.id, cluster.name, cluster.deleted,
                                         cluster.id), [cluster.name, "", "", "", ""])
            items[cluster.id] = item
        totals: dict[str, list[int]] = {}  # cluster -> [villages, households, population]
        for village in villages:
            parent = items.get(village.cluster_id)
            if parent is None:
                continue
            if not village.deleted:
                total = totals.setdefault(village.cluster_id, [0, 0, 0])
                for n, value in enumerate((1, village.households, village.population)):
                    total[n] += value
            central = village.id in centrals
            self._item(parent, Node("village", village.id, village.name, village.deleted,
                                    village.cluster_id),
                       [village.name, "中心村" if central else "", "", str(village.households),
                        str(village.population)])
            if central:
                parent.setText(1, village.name)
        for cluster_id, item in items.items():
            for column, value in zip(NUMBERS, totals.get(cluster_id, [0, 0, 0]), strict=True):
                item.setText(column, str(value))
        self.tree.expandAll()
        live = sum(1 for c in clusters if not c.deleted)
        villages_live = sum(total[0] for total in totals.values())
        self.count_label.setText(f"共 {live} 个联合党组织、{villages_live} 个村")
        if keep is not None:
            self.select(keep.id)
        self._update_buttons()

    def _item(self, parent: QTreeWidgetItem | None, node: Node, texts: list[str]
              ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree if parent is None else parent, texts)
        if node.deleted:
            item.setText(0, f"{node.name}（已撤并）")
            for column in range(len(COLUMNS)):
                item.setForeground(column, RETIRED)
        for column in NUMBERS:
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight
                                  | Qt.AlignmentFlag.AlignVCenter)
        item.setData(0, ID_ROLE, node)
        return item

    def selected(self) -> Node | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def select(self, record_id: str) -> None:
        for item in self._all_items():
            node: Node = item.data(0, ID_ROLE)
            if node.id == record_id:
                self.tree.setCurrentItem(item)
                return

    def _all_items(self) -> list[QTreeWidgetItem]:
        found = []
        for top in range(self.tree.topLevelItemCount()):
            cluster = self.tree.topLevelItem(top)
            found.append(cluster)
            found += [cluster.child(i) for i in range(cluster.childCount())]
        return found

    def _update_buttons(self) -> None:
        node = self.selected()
        live = node is not None and not node.deleted
        self.edit.setEnabled(live)
        self.up.setEnabled(live)
        self.down.setEnabled(live)
        self.central.setEnabled(live and node is not None and node.kind == "village")
        self.retire.setEnabled(live)
        self.restore.setEnabled(node is not None and node.deleted)

    # --- changing ----------------------------------------------------------------------
    def _run(self, action, select: str | None = None) -> bool:
        try:
            action()
        except UserError as error:
            show_error(self, error)
            return False
        self.reload()
        if select:
            self.select(select)
        self.changed.emit()
        return True

    def add_cluster(self) -> None:
        form = ClusterForm(self.services, None, self)
        if form.exec() and form.saved_id:
            self._run(lambda: None, form.saved_id)

    def add_village(self) -> None:
        node = self.selected()
        cluster_id = node.cluster_id if node is not None else None
        form = VillageForm(self.services, None, self, cluster_id=cluster_id)
        if form.exec() and form.saved_id:
            self._run(lambda: None, form.saved_id)

    def edit_selected(self) -> None:
        node = self.selected()
        if node is None or node.deleted:
            return
        form_class = ClusterForm if node.kind == "cluster" else VillageForm
        form = form_class(self.services, node.id, self)
        if form.exec():
            self._run(lambda: None, node.id)

    def _service(self, node: Node):
        services = off_thread(self.services)
        return services.clusters if node.kind == "cluster" else services.villages

    def move(self, step: int) -> None:
        node = self.selected()
        if node is not None and not node.deleted:
            self._run(lambda: self._service(node).move(node.id, step), node.id)

    def make_central(self) -> None:
        node = self.selected()
        if node is None or node.kind != "village" or node.deleted:
            return
        clusters = off_thread(self.services).clusters
        self._run(lambda: clusters.update(node.cluster_id, central_village_id=node.id), node.id)

    def retire_selected(self) -> None:
        node = self.selected()
        if node is None or node.deleted:
            return
        answer = QMessageBox.question(
            self, "撤并", f"确定撤并“{node.name}”吗？已有记录仍会显示它，"
                        "新记录中不再能选择它；勾选“显示已撤并的”可以恢复。")
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: self._service(node).delete(node.id))

    def restore_selected(self) -> None:
        node = self.selected()
        if node is not None and node.deleted:
            self._run(lambda: self._service(node).restore(node.id), node.id)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._shown_before:
            self.reload()
        self._shown_before = True
