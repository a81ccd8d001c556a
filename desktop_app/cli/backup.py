"""``backup list|create|restore``: the database's backups (desktop_app/storage/backups.py).

Works on the file itself, without opening it as the app does (no migration). ``restore``
keeps the current file first and needs the window closed.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command, add_group
from desktop_app.records.errors import UserError

COLUMNS = [Column("number", "序号"), Column("at", "备份时间"), Column("size", "大小"),
           Column("path", "文件")]

# A restored PC and sync (docs/sync.md): until the town gives back what it sent after the
# backup, the restored PC refuses new records and says so.
SYNC_WARNING = ("注意：若本机在这份备份之后向镇里发出过同步文件，恢复后请先把本机的同步文件"
                "交给镇里，再导入镇里写给本机的同步文件；在此之前本机不能录入新记录，以免记录重号。")


def register(commands) -> None:
    group = add_group(commands, "backup", "数据库备份：列出、立即备份、从备份恢复")
    add_command(group, "list", "列出本数据库的备份（最新的在前）", backup_list)
    add_command(group, "create", "立即备份（写完后做完整性检查）", backup_create)
    restore = add_command(group, "restore", "从备份恢复（先保留当前文件；请先关闭程序窗口）",
                          backup_restore)
    restore.add_argument("backup", metavar="BACKUP",
                         help="备份文件路径，或 backup list 中的序号（1 为最新）")


def _database(ctx) -> Path:
    path = ctx.db_path
    if not path.is_file():
        raise UserError(f"数据库文件不存在：{path}")
    return path


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def backup_list(ctx, args) -> None:
    from desktop_app.storage import backups

    found = backups.backups(_database(ctx))
    rows = [{"number": n, "at": b.at.strftime("%Y-%m-%d %H:%M:%S"),
             "size": b.size if ctx.out.json_mode else _size(b.size), "path": str(b.path)}
            for n, b in enumerate(found, 1)]
    ctx.out.listing(rows, COLUMNS, len(rows))


def backup_create(ctx, args) -> None:
    from desktop_app.storage import backups

    made = backups.create(_database(ctx))
    ctx.out.message({"path": str(made.path), "size": made.size, "integrity_check": "ok"},
                    f"已备份：{made.path}（{_size(made.size)}，完整性检查通过）")


def backup_restore(ctx, args) -> None:
    from desktop_app.storage import backups

    path = _database(ctx) if ctx.db_path.exists() else ctx.db_path
    chosen = Path(args.backup).expanduser()
    if args.backup.isdigit() and not chosen.exists():
        found = backups.backups(path)
        number = int(args.backup)
        if not 1 <= number <= len(found):
            raise UserError(f"没有序号为 {number} 的备份（共 {len(found)} 份），"
                            "请用 backup list 查看")
        chosen = found[number - 1].path
    kept = backups.restore(path, chosen)
    ctx.out.message({"restored": str(chosen), "db": str(path), "kept": str(kept)},
                    f"已从 {chosen} 恢复到 {path}。\n恢复前的文件已保留为：{kept}\n"
                    + SYNC_WARNING)
