"""What an import did, in one plain Chinese line per file (shared by the CLI and the sync page)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from desktop_app.sync.transfer import ImportReport

DAY_MS = 86400000


def refused(path: Path | str, error: BaseException) -> ImportReport:
    """The report of a file that was refused (nothing of it was written)."""
    return ImportReport(file=Path(path).name, status="refused", message=str(error))


def as_dict(report: ImportReport) -> dict:
    """The report as plain data (the CLI's JSON output); ``sender`` is the sender's name."""
    if report.status == "refused":
        return {"file": report.file, "status": "refused", "message": report.message}
    data = asdict(report)
    data["sender_id"], data["sender"] = data["sender"], data.pop("sender_name")
    return data


SAMPLE_NOT_SYNCED = ("示例数据不参与同步：只有在本机录入或修改的记录才会写入同步文件，"
                     "示例数据不会传到其他电脑。")


def describe_export(path: Path | str, operations: int, *, sample: bool = False) -> str:
    """What a written sync file holds, e.g. "已写出同步文件：F（12 条记录更新）"."""
    line = f"已写出同步文件：{path}（{operations} 条记录更新）"
    if operations:
        return line
    if sample:
        return f"{line}\n{SAMPLE_NOT_SYNCED}"
    return f"{line}\n文件中没有记录更新，只带着本机的身份和同步状态，供对方核对。"


def describe(report: ImportReport | dict, *, names: dict[str, str] | None = None,
             conflicts_hint: str = "sync conflicts") -> str:
    """One line, e.g. "导入 a.ljsync（来自 黄璩值班室）：12 条记录更新，1 处冲突待处理（…）".

    ``names`` (node id -> PC name) breaks the count down by the PC that wrote the changes
    when a file relays other PCs' changes; ``conflicts_hint`` says where to review conflicts.
    """
    result = report if isinstance(report, dict) else as_dict(report)
    name = Path(result["file"]).name
    if result["status"] == "refused":
        return f"拒绝 {name}：{result['message']}"
    if result["status"] in ("known", "quarantined"):
        return f"{name}：{result['message']}"
    applied = result["applied"]
    count = sum(applied.values())
    line = f"导入 {name}（来自 {result['sender'] or '未命名电脑'}）："
    line += f"{count} 条记录更新" if count else "没有新的记录更新"
    sender_id = result.get("sender_id")
    if names is not None and count and set(applied) != {sender_id}:
        parts = [f"{names.get(origin) or '未命名电脑'} {n} 条"
                 for origin, n in sorted(applied.items(), key=lambda item: -item[1])]
        line += f"（其中 {'，'.join(parts)}）"
    if result["waiting"]:
        line += f"，{result['waiting']} 条等待更早的文件"
    if result["conflicts"]:
        line += f"，{result['conflicts']} 处冲突待处理（{conflicts_hint}）"
    if result["skipped_origins"]:
        line += f"，{len(result['skipped_origins'])} 台未批准电脑的记录更新未导入"
    if result["clock_skew_ms"]:
        line += f"；注意：对方电脑的日期相差约 {result['clock_skew_ms'] / DAY_MS:+.1f} 天"
    if result.get("message"):  # what this PC did about it (a new identity, a restore)
        line += f"\n{result['message']}"
    return line


__all__ = ["as_dict", "describe", "describe_export", "refused"]
