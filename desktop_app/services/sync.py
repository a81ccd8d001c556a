"""同步: this PC's identity, writing and reading sync files, the other PCs, approving a new
PC, and the conflicts a person reviews — the one way the sync page and the ``sync`` and
``node`` commands reach ``desktop_app.sync``.

Everything handed back is plain data (frozen dataclasses, lists, dicts), never an ORM object,
so it may cross from a worker thread to the window. A file that is refused comes back as an
``ImportReport`` with status "refused" and the reason; nothing of it was written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from desktop_app.records.errors import UserError
from desktop_app.storage.database import Database
from desktop_app.storage.faults import os_error_reason
from desktop_app.sync.conflicts import Conflict, Side, list_conflicts
from desktop_app.sync.conflicts import resolve as resolve_conflict
from desktop_app.sync.identity import fingerprint
from desktop_app.sync.status import PeerStatus, peer_statuses, waiting_operations
from desktop_app.sync.stick import (
    SYNC_FOLDER,
    files_on,
    for_others,
    import_one,
    sync_folder,
    written_by,
)
from desktop_app.sync.summary import as_dict, describe, describe_export, refused
from desktop_app.sync.transfer import ImportReport

_KEEP: Any = object()


@dataclass(frozen=True)
class Office:
    """This PC as the other PCs know it (a snapshot: ask again after a change)."""

    node_id: str
    name: str  # "" until named in 设置 or by ``init``
    role: str  # "town" (serves no cluster) or "village" (a central village's office)
    cluster_id: str | None
    fingerprint: str  # read out on the phone before approval; "" before the key exists

    @property
    def is_town(self) -> bool:
        return self.role == "town"


@dataclass(frozen=True)
class Schema:
    """The database file's schema revision, and the newest this program writes."""

    current: str | None
    newest: str

    @property
    def is_newest(self) -> bool:
        return self.current == self.newest


@dataclass(frozen=True)
class Export:
    """A sync file just written: where, how many changes, and that in words."""

    path: Path
    operations: int
    text: str


@dataclass
class FolderImport:
    """What reading every sync file on a stick (or in a folder) did, file by file."""

    root: str
    total: int  # files to read (this PC's own files not counted)
    reports: list[ImportReport] = field(default_factory=list)
    skipped_own: int = 0
    skipped_others: int = 0  # encrypted for other PCs only: not readable here
    skipped_snapshots: int = 0  # the town's snapshots, on a PC that holds records already
    cancelled: bool = False
    names: dict[str, str] = field(default_factory=dict)  # node id -> PC name


@dataclass(frozen=True)
class Approval:
    """A PC approved, and what merging its quarantined files did."""

    node_id: str
    reports: list[ImportReport]
    applied: int  # changes merged from all its files
    names: dict[str, str]  # node id -> PC name, after the merge


class Progress(Protocol):
    """Called with (done, total) between files; ``cancelled`` stops before the next file."""

    def __call__(self, done: int, total: int) -> None: ...

    @property
    def cancelled(self) -> bool: ...


class _NoProgress:
    cancelled = False

    def __call__(self, done: int, total: int) -> None:
        pass


class SyncService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- this PC ---------------------------------------------------------------------
    def office(self) -> Office:
        """This PC's node id, name, role, cluster and fingerprint (no query: kept in memory)."""
        node = self.db.node
        return Office(node.node_id, node.name or "", node.role, node.cluster_id,
                      fingerprint(node.public_key) if node.public_key else "")

    def set_office(self, *, name: str | None = None, cluster_id: str | None = _KEEP) -> Office:
        """Name this office and/or set the cluster it serves (None: the town hub)."""
        if cluster_id is _KEEP:
            self.db.set_node(name=name)
        else:
            self.db.set_node(name=name, cluster_id=cluster_id)
        return self.office()

    def schema(self) -> Schema:
        """The file's schema revision (sync files of a newer one are refused)."""
        from db.migrate import HEAD_REVISION, current_revision

        return Schema(current_revision(self.db.path), HEAD_REVISION)

    def pc_names(self) -> dict[str, str]:
        """Node id -> PC name, for every PC this one knows, itself included."""
        names = {p.node_id: p.name for p in peer_statuses(self.db)}
        names[self.db.node.node_id] = self.db.node.name or "本机"
        return names

    # --- the other PCs ---------------------------------------------------------------
    def peers(self) -> list[PeerStatus]:
        """Every other PC: approved or waiting, when files last went each way, clock skew."""
        return peer_statuses(self.db)

    def pending(self) -> list[PeerStatus]:
        """The PCs whose files wait in quarantine until a person approves them."""
        return [p for p in peer_statuses(self.db) if p.status == "pending"]

    def waiting(self) -> int:
        """Changes received past a gap, waiting for an earlier file."""
        return waiting_operations(self.db)

    def password_reset_code(self, node_id: str, request: str) -> str:
        """At the town: the code that resets a village PC's forgotten start-up password, for
        the request number it shows (read over the phone; desktop_app/security/reset.py)."""
        from desktop_app.security.reset import town_code

        return town_code(self.db, node_id, request)

    def approve(self, node_id: str, *, cluster_id: str | None = None,
                progress: Progress | None = None) -> Approval:
        """Approve a waiting PC (after comparing its fingerprint by phone) and merge its
        quarantined files; at the town this also enrols it in ``cluster_id``. ``progress``
        is told how a town's snapshot among them is being taken (minutes after years)."""
        from desktop_app.sync.transfer import approve

        reports = approve(self.db, node_id, cluster_id=cluster_id, progress=progress)
        applied = sum(sum(r.applied.values()) for r in reports)
        return Approval(node_id, reports, applied, self.pc_names())

    # --- conflicts ---------------------------------------------------------------------
    def conflicts(self) -> list[Conflict]:
        """The conflict list: both values of a field two PCs changed at once."""
        return list_conflicts(self.db)

    def resolve(self, conflict_id: str, *, keep: str = "winner", value: Any = None) -> None:
        """Keep the "winner"'s or the "loser"'s value, or write a new ``value``; an ordinary
        edit that clears the conflict on every PC it reaches."""
        resolve_conflict(self.db, conflict_id, keep=keep, value=value)

    # --- writing files ----------------------------------------------------------------
    def export(self, target_dir: Path | str, *, for_peer: str | None = None,
               full: bool = False) -> Export:
        """Write what ``for_peer`` has not seen (or everything) into ``target_dir``."""
        return self._write(Path(target_dir), for_peer, full, shown_as=target_dir)

    def export_to_stick(self, root: Path | str, *, for_peer: str | None = None) -> Export:
        """Write into the stick's sync folder: for one peer what it lacks, else everything.
        At the town, for a new office PC that holds nothing yet, the file is a snapshot of
        every record as it stands (docs/sync.md, "Snapshots"): after years of use the whole
        log would take it many minutes to replay, or be refused as too large."""
        from desktop_app.sync.snapshot import new_office_cluster

        cluster_id = new_office_cluster(self.db, for_peer) if for_peer else None
        if cluster_id is None:
            return self._write(sync_folder(root), for_peer, for_peer is None, shown_as=root)
        written = self._snapshot(sync_folder(root), cluster_id, shown_as=root)
        return Export(written.path, written.operations,
                      f"这是新电脑的第一个文件：已写入全镇记录的快照（{written.operations:,} 条"
                      f"记录），{written.path.name}。新电脑读取它、批准镇里的电脑后即有全部记录；"
                      "以后照常同步。")

    def _write(self, target: Path, for_peer: str | None, full: bool, *,
               shown_as: Path | str) -> Export:
        from desktop_app.demo import is_sample
        from desktop_app.sync.transfer import export

        try:
            path, count = export(self.db, target, for_peer=for_peer, full=full)
        except OSError as error:  # a full, pulled or write-protected stick
            raise UserError(f"无法写入 {shown_as}：{os_error_reason(error)}") from error
        return Export(path, count, describe_export(path, count, sample=is_sample(self.db)))

    def snapshot(self, target_dir: Path | str, cluster_id: str) -> Export:
        """At the town: the state of every record for a new office of ``cluster_id`` to start
        from, instead of replaying years of changes (docs/sync.md, "Snapshots")."""
        written = self._snapshot(Path(target_dir), cluster_id, shown_as=target_dir)
        return Export(written.path, written.operations,
                      f"已写出快照（{written.operations:,} 条记录）：{written.path}。"
                      "新电脑导入它并批准镇里的电脑后，再导入镇里写给它的同步文件")

    def _snapshot(self, target: Path, cluster_id: str, *, shown_as: Path | str) -> Export:
        from desktop_app.sync.snapshot import write_snapshot

        try:
            path, count = write_snapshot(self.db, target, cluster_id)
        except OSError as error:
            raise UserError(f"无法写入 {shown_as}：{os_error_reason(error)}") from error
        return Export(path, count, "")

    def enrolment_file(self, target_dir: Path | str) -> Export:
        """This PC's first file (its key and name), to be approved at the town."""
        if not self.db.node.name:
            raise UserError("请先用 init 设置本机办公室名称")
        return self.export(target_dir)

    # --- reading files ----------------------------------------------------------------
    def import_file(self, path: Path | str) -> ImportReport:
        """Read one file: merged, already known, quarantined, or refused with the reason."""
        return import_one(self.db, Path(path))

    def import_files(self, paths: Iterable[Path | str]) -> list[ImportReport]:
        """Read the files in the order given; a refused one stops nothing."""
        return [self.import_file(path) for path in paths]

    def import_folder(self, root: Path | str, progress: Progress | None = None) -> FolderImport:
        """Read every sync file on the stick (files this PC wrote, and files encrypted for
        other PCs only, are skipped; the town's snapshot only on a PC that holds nothing yet,
        before the rest), each on its own:
        a refused or unreadable file stops nothing. ``progress`` is told after each file and
        may cancel between files (the file being read is always finished)."""
        from desktop_app.sync import snapshot

        progress = progress or _NoProgress()
        node_id = self.db.node.node_id
        # A town's snapshot first: it is taken only by a PC that holds nothing yet.
        paths = files_on(root, snapshot.SUFFIX) + files_on(root)
        own = [p for p in paths if written_by(p, node_id)]
        others = [p for p in paths if p not in own and for_others(p, node_id)]
        paths = [p for p in paths if p not in own and p not in others]
        snapshots = [p for p in paths if p.suffix == snapshot.SUFFIX]
        skipped_snapshots = 0
        if snapshots and self._holds_anything():
            skipped_snapshots = len(snapshots)
            paths = [p for p in paths if p not in snapshots]
        outcome = FolderImport(str(root), len(paths), skipped_own=len(own),
                               skipped_others=len(others),
                               skipped_snapshots=skipped_snapshots)
        progress(0, len(paths))
        for done, path in enumerate(paths, 1):
            if progress.cancelled:
                outcome.cancelled = True
                break
            try:
                outcome.reports.append(import_one(self.db, path))
            except Exception as error:  # noqa: BLE001 — one bad file must not stop the others
                outcome.reports.append(refused(path, UserError(f"意外错误：{error}")))
            progress(done, len(paths))
        outcome.names = self.pc_names()
        return outcome

    def _holds_anything(self) -> bool:
        from desktop_app.sync.snapshot import holds_anything

        with self.db.engine.connect() as connection:
            return holds_anything(connection)


def report_text(report: ImportReport | dict, *, names: dict[str, str] | None = None,
                conflicts_hint: str = "sync conflicts") -> str:
    """One line per file, e.g. "导入 a.ljsync（来自 黄璩值班室）：12 条记录更新"."""
    return describe(report, names=names, conflicts_hint=conflicts_hint)


def report_data(report: ImportReport) -> dict[str, Any]:
    """The report as plain data (the CLI's JSON); ``sender`` is the sender's name."""
    return as_dict(report)


__all__ = ["SYNC_FOLDER", "Approval", "Conflict", "Export", "FolderImport", "ImportReport",
           "Office", "PeerStatus", "Progress", "Schema", "Side", "SyncService", "report_data",
           "report_text"]
