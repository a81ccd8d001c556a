"""``sync`` (files on USB sticks) and ``node`` (this PC's identity, approving other PCs)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command, add_group

PEER_COLUMNS = [Column("name", "电脑"), Column("node_id", "节点"), Column("role_label", "类型"),
                Column("status_label", "状态"), Column("last_sent_at", "上次发出"),
                Column("last_received_at", "上次收到"), Column("lacks", "对方未收到"),
                Column("skew", "日期相差")]
CONFLICT_COLUMNS = [Column("id", "冲突编号"), Column("record", "记录", 24), Column("field", "字段"),
                    Column("winner", "当前值（胜出）", 20), Column("loser", "另一方的值", 20),
                    Column("loser_node", "另一方")]
STATUS_LABELS = {"pending": "待批准", "approved": "已批准", "refused": "已拒绝"}
ROLE_LABELS = {"town": "镇", "village": "中心村"}


def register(commands) -> None:
    sync = add_group(commands, "sync", "通过 U 盘同步：导出、导入、状态、冲突")
    parser = add_command(sync, "export", "把本机的记录更新写成同步文件", export)
    parser.add_argument("--out", required=True, metavar="DIR", help="写到哪个文件夹（如 U 盘）")
    parser.add_argument("--for", dest="for_peer", metavar="NODE", help="只写对方还没有的记录更新")
    parser.add_argument("--full", action="store_true", help="写出全部记录更新")
    parser = add_command(sync, "snapshot", "镇里：为新值班室写出全部记录的快照（代替重放全部修改）",
                         snapshot)
    parser.add_argument("--cluster", required=True, metavar="ID", help="新值班室的联合党组织")
    parser.add_argument("--out", required=True, metavar="DIR", help="写到哪个文件夹（如 U 盘）")
    parser = add_command(sync, "import", "导入同步文件（任意顺序，可重复）", import_)
    parser.add_argument("files", nargs="+", metavar="FILE")
    add_command(sync, "status", "各电脑的同步情况", status)
    add_command(sync, "conflicts", "列出待处理的冲突", conflicts)
    parser = add_command(sync, "resolve", "处理冲突：保留一方的值，或给出新值", resolve)
    parser.add_argument("conflict_id", metavar="ID")
    parser.add_argument("--keep", required=True, metavar="VALUE",
                        help="winner（保留当前值）、loser（改用另一方的值），或新的值")

    node = add_group(commands, "node", "本机身份与其他电脑的批准")
    add_command(node, "show", "本机的电脑编号、名称与指纹", node_show)
    parser = add_command(node, "approve", "核对指纹后批准另一台电脑", node_approve)
    parser.add_argument("node_id", metavar="NODE")
    parser.add_argument("--cluster", metavar="ID", help="批准为哪个联合党组织的值班室")
    parser = add_command(node, "enrol-file", "写出本机的首个同步文件（带公钥），交镇里批准",
                         enrol_file)
    parser.add_argument("--out", required=True, metavar="DIR")
    parser = add_command(node, "reset-code", "镇里：给忘记启动密码的电脑一个重置码（电话告知）",
                         node_reset_code)
    parser.add_argument("node_id", metavar="NODE", help="那台电脑显示的本机编号")
    parser.add_argument("request", metavar="REQUEST", help="那台电脑显示的 6 位申请号")


def _existing_folder(text: str) -> Path:
    """The folder to write to; a missing one is refused (an unplugged stick), not made."""
    from desktop_app.records.errors import UserError

    folder = Path(text)
    if not folder.is_dir():
        raise UserError(f"文件夹不存在：{folder}（U 盘插好了吗？）")
    return folder


def export(ctx, args) -> None:
    _existing_folder(args.out)
    written = ctx.services.sync.export(args.out, for_peer=args.for_peer, full=args.full)
    ctx.out.message({"file": str(written.path), "operations": written.operations}, written.text)


def snapshot(ctx, args) -> None:
    _existing_folder(args.out)
    written = ctx.services.sync.snapshot(args.out, args.cluster)
    ctx.out.message({"file": str(written.path), "records": written.operations}, written.text)


def import_(ctx, args) -> int:
    from desktop_app.records.errors import UserError
    from desktop_app.services.sync import report_data, report_text

    for name in args.files:
        if not Path(name).is_file():
            raise UserError(f"找不到同步文件：{name}")
    reports = ctx.services.sync.import_files(args.files)
    results = [{**report_data(report), "file": name} for name, report in zip(args.files, reports,
                                                                             strict=True)]
    ctx.out.message({"files": results}, lambda: "\n".join(report_text(r) for r in results))
    return 1 if any(r.status == "refused" for r in reports) else 0


def status(ctx, args) -> None:
    sync = ctx.services.sync
    rows = [{**vars(p), "role_label": ROLE_LABELS.get(p.role, p.role),
             "status_label": STATUS_LABELS.get(p.status, p.status),
             "skew": f"{p.clock_skew_ms / 86400000:+.1f} 天" if p.clock_skew_ms else ""}
            for p in sync.peers()]
    if ctx.out.json_mode:
        ctx.out.json({"peers": rows, "waiting": sync.waiting()})
        return
    ctx.out.listing(rows, PEER_COLUMNS, len(rows))


def conflicts(ctx, args) -> None:
    rows = [{"id": c.id, "tbl": c.tbl, "row_id": c.row_id, "record": c.record, "field": c.field,
             "winner": c.winner.value, "winner_node": c.winner.node,
             "winner_node_id": c.winner.node_id, "loser": c.loser.value,
             "loser_node": c.loser.node, "loser_node_id": c.loser.node_id}
            for c in ctx.services.sync.conflicts()]
    ctx.out.listing(rows, CONFLICT_COLUMNS, len(rows))


def resolve(ctx, args) -> None:
    keep = args.keep
    if keep in ("winner", "loser"):
        ctx.services.sync.resolve(args.conflict_id, keep=keep)
    else:
        ctx.services.sync.resolve(args.conflict_id, value=keep)
    ctx.out.message({"resolved": args.conflict_id}, "冲突已处理；下次同步时其他电脑也会更新。")


def node_show(ctx, args) -> None:
    office = ctx.services.sync.office()
    data = {"node_id": office.node_id, "name": office.name, "role": office.role,
            "cluster_id": office.cluster_id, "fingerprint": office.fingerprint}
    ctx.out.record({**data, "role_label": ROLE_LABELS[office.role]},
                   [("node_id", "电脑编号"), ("name", "名称"), ("role_label", "类型"),
                    ("cluster_id", "联合党组织"), ("fingerprint", "指纹（电话核对用）")])


def node_approve(ctx, args) -> None:
    approval = ctx.services.sync.approve(args.node_id, cluster_id=args.cluster)
    files, applied = len(approval.reports), approval.applied
    ctx.out.message({"approved": args.node_id, "files": files, "applied": applied},
                    f"已批准 {args.node_id}；合并暂存的 {files} 个文件，{applied} 条记录更新。")


def node_reset_code(ctx, args) -> None:
    code = ctx.services.sync.password_reset_code(args.node_id, args.request)
    ctx.out.message({"node_id": args.node_id, "request": args.request, "code": code},
                    f"重置码：{code}\n请电话告诉那台电脑的值班人员；"
                    f"只对申请号 {args.request} 有效。")


def enrol_file(ctx, args) -> None:
    _existing_folder(args.out)
    path = ctx.services.sync.enrolment_file(args.out).path
    fingerprint = ctx.services.sync.office().fingerprint
    ctx.out.message({"file": str(path), "fingerprint": fingerprint},
                    f"已写出：{path}\n请把此文件交镇里导入，并电话核对指纹：{fingerprint}")
