"""``init`` (create the database, name the town and this office) and ``demo`` (sample data)."""

from __future__ import annotations

from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command
from desktop_app.records.errors import UserError

# Labels for the counts build_demo() returns; unknown keys are shown as they are.
COUNT_LABELS = {
    "towns": "镇", "clusters": "联合党组织", "villages": "村庄", "people": "人员",
    "shifts": "值班记录", "duty_shifts": "值班记录", "agenda_items": "议题",
    "decision_steps": "四议两公开步骤", "tasks": "工作任务", "work_tasks": "工作任务",
    "progress": "任务进展", "meetings": "会议", "decisions": "会议决定", "teams": "志愿服务队",
    "activities": "志愿服务活动", "participants": "志愿服务参与记录",
    "certificates": "志愿服务时长证明",
    "projects": "产业项目", "cooperatives": "合作社", "workshops": "共富工坊",
    "talents": "人才（人才库、鸿雁、青雁）", "rotations": "青雁轮岗", "trainings": "培训",
    "grids": "网格", "micro_grids": "微网格", "visits": "民情日志", "disputes": "矛盾纠纷",
    "zero_reports": "矛盾纠纷零报告", "service_items": "便民服务事项",
    "service_requests": "代办登记",
}


def register(commands) -> None:
    parser = add_command(commands, "init", "创建（或升级）数据库，设置本镇与本机办公室名称", init)
    parser.add_argument("--town", metavar="NAME", help="镇名，例如 大王镇（镇里的电脑必填）")
    parser.add_argument("--county", metavar="NAME", help="县名，例如 广饶县")
    parser.add_argument("--office", metavar="NAME",
                        help="本机办公室名称，例如 黄璩中心村值班室（默认按镇或中心村生成）")
    parser.add_argument("--cluster", metavar="ID",
                        help="中心村值班室：本机服务的联合党组织（其记录随镇里的同步文件到达）")

    parser = add_command(commands, "demo", "写入示例数据（样例，非真实数据）", demo)
    parser.add_argument("--size", choices=("town", "large", "years"), default="town",
                        help="town：一个镇（默认）；large：大数据量，用于性能测试；"
                             "years：使用五年后的镇（约50万任务，含同步日志）")


def init(ctx, args) -> None:
    """Set up this PC: the town office (``--town``), or a central village office
    (``--cluster``, whose records arrive with the town's first sync file)."""
    office = args.office.strip() if args.office is not None else None
    if args.office is not None and not office:
        raise UserError("办公室名称不能为空")
    if not args.cluster and not (args.town or "").strip():
        raise UserError("镇里的电脑请用 --town 给出镇名；中心村值班室请用 --cluster 给出联合党组织")
    db = ctx.open(create=True)
    services = ctx.services
    if args.cluster:
        _check_cluster_change(db, args.cluster)
        town = services.towns.the_town()  # a village office never writes the town record
        known = _known_cluster(services, args.cluster)
        if office is None and not db.node.name:
            central = ctx.village(known.central_village_id) if known else None
            office = f"{central.name if central else (known.name if known else '中心村')}值班室"
        db.set_node(name=office, cluster_id=args.cluster)
    else:
        town = services.towns.the_town()
        if town is None:
            town = services.towns.create(name=args.town, county=args.county or "")
        else:
            changes = {"name": args.town}
            if args.county is not None:
                changes["county"] = args.county
            town = services.towns.update(town.id, **changes)
        db.set_node(name=office or db.node.name or f"{town.name}办公室", cluster_id=None)
    town_data = {"id": town.id, "name": town.name, "county": town.county} if town else None
    data = {
        "db": str(db.path),
        "town": town_data,
        "office": db.node.name,
        "node_id": db.node.node_id,
        "cluster_id": db.node.cluster_id,
        "cluster": ctx.cluster_name(db.node.cluster_id),
        "backup": str(db.backup_made) if db.backup_made else None,
    }
    if ctx.out.json_mode:
        ctx.out.json(data)
        return
    ctx.out.record(
        {**data, "town_name": town.name if town else "（随镇里的同步文件到达）",
         "county": town.county if town else ""},
        [("db", "数据库"), ("town_name", "镇"), ("county", "县"), ("office", "本机办公室"),
         ("cluster", "服务的联合党组织"), ("node_id", "本机节点 ID"), ("backup", "升级前备份")],
        heading="数据库已就绪。",
    )


def demo(ctx, args) -> None:
    db = ctx.open(create=True)
    try:
        from desktop_app.demo import build_demo
    except ModuleNotFoundError as error:
        if error.name != "desktop_app.demo":
            raise
        raise UserError("本版本未包含示例数据模块（desktop_app.demo）") from None
    counts = build_demo(db, size=args.size) or {}
    rows = [{"what": COUNT_LABELS.get(key, key), "count": value} for key, value in counts.items()]
    if ctx.out.json_mode:
        ctx.out.json({"db": str(db.path), "size": args.size, "counts": counts})
        return
    ctx.out.message(None, f"已写入示例数据（样例数据，非真实记录）：{db.path}")
    ctx.out.table(rows, [Column("what", "项目"), Column("count", "数量")])


def _known_cluster(services, cluster_id: str):
    """The cluster if its record is here already (it may still be on its way)."""
    from desktop_app.records.errors import NotFoundError

    try:
        return services.clusters.get(cluster_id)
    except NotFoundError:
        return None


def _check_cluster_change(db, cluster_id: str) -> None:
    """A PC that has written records for one cluster cannot become another's office."""
    if db.node.cluster_id in (None, cluster_id):
        return
    from sqlalchemy import func, select

    from db.models import SyncOp

    with db.engine.connect() as connection:
        written = connection.execute(select(func.count()).select_from(SyncOp).where(
            SyncOp.origin == db.node.node_id)).scalar_one()
    if written:
        raise UserError("本机已为另一个联合党组织记录过数据，不能改为其他联合党组织的值班室")
