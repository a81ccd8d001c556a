"""``search TEXT``: full-text search over every kind of record (汉字 or pinyin initials)."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command

# CLI name -> (index kind, Chinese label, Services attribute, title key of its rows)
KINDS = {
    "cluster": ("cluster", "联合党组织", "clusters", "name"),
    "village": ("village", "村庄", "villages", "name"),
    "person": ("person", "人员", "people", "name"),
    "agenda": ("agenda_item", "议题", "agenda", "title"),
    "task": ("work_task", "任务", "tasks", "title"),
    "meeting": ("meeting", "会议", "meetings", "title"),
    "team": ("volunteer_team", "志愿服务队", "teams", "name"),
    "activity": ("volunteer_activity", "志愿服务活动", "activities", "title"),
    "duty": ("duty_shift", "值班记录", "duty", None),
}
BY_INDEX_KIND = {spec[0]: (name, *spec[1:]) for name, spec in KINDS.items()}
HIT_COLUMNS = [Column("kind_label", "类型"), Column("id", "ID"), Column("title", "名称或标题", 40),
               Column("cluster", "联合党组织")]


def register(commands) -> None:
    parser = add_command(commands, "search", "全文检索（汉字，或拼音/首字母，如 hq 找到 黄璩）",
                         search)
    parser.add_argument("text", nargs="+", metavar="TEXT")
    parser.add_argument("--kind", action="append", metavar="KIND",
                        help="只查某类记录，可多次给出：" + "、".join(
                            f"{name}（{spec[1]}）" for name, spec in KINDS.items()))
    parser.add_argument("--cluster", metavar="ID", help="只查该联合党组织的记录")
    parser.add_argument("--limit", metavar="N", default="50", help="最多显示 N 条（默认 50）")


def _kind(value: str) -> str:
    typed = value.strip()
    for name, (index_kind, label, _attr, _title) in KINDS.items():
        if typed in (name, index_kind, label):
            return index_kind
    allowed = "、".join(f"{name}（{spec[1]}）" for name, spec in KINDS.items())
    raise parse.BadValue(f"记录类型“{value}”无效，可选：{allowed}")


def _title(row: dict, title_key: str | None) -> str:
    if title_key:
        return row.get(title_key) or ""
    start = row.get("start")  # a duty shift: when, and who
    officers = row.get("officers") or ""
    return f"{start:%Y-%m-%d %H:%M} 值班 {officers}".strip() if start else "值班记录"


def search(ctx, args) -> None:
    from desktop_app.search.fts import search as run_search

    kinds = [_kind(k) for k in parse.items(args.kind)] or None
    limit = parse.integer(args.limit, "显示条数（--limit）", minimum=1)
    assert limit is not None  # --limit has a default
    query = " ".join(args.text)
    with ctx.db.session() as session:
        hits = run_search(session.connection(), query, kinds=kinds, cluster_id=args.cluster,
                          limit=limit)
    described: dict[str, dict] = {}
    for index_kind in {hit.kind for hit in hits}:
        service = getattr(ctx.services, BY_INDEX_KIND[index_kind][2])
        described.update(service.rows([hit.record_id for hit in hits if hit.kind == index_kind]))
    rows = []
    for hit in hits:
        name, label, _attr, title_key = BY_INDEX_KIND[hit.kind]
        row = described.get(hit.record_id, {})
        rows.append({"kind": name, "kind_label": label, "id": hit.record_id,
                     "title": _title(row, title_key), "cluster_id": hit.cluster_id,
                     "cluster": ctx.cluster_name(hit.cluster_id)})
    ctx.out.listing(rows, HIT_COLUMNS, len(rows))
