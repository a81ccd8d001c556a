"""``search TEXT``: full-text search over everything people write (汉字 or pinyin initials).

A hit in a row of another record (a task's progress note, a meeting's decision, a
四议两公开 step) lists that record, and says where it matched.
"""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command

# CLI name -> index kind (a table name); the Chinese label is the record type's.
KINDS = {
    "cluster": "cluster",
    "village": "village",
    "person": "person",
    "agenda": "agenda_item",
    "task": "work_task",
    "meeting": "meeting",
    "team": "volunteer_team",
    "activity": "volunteer_activity",
    "duty": "duty_shift",
    "certificate": "certificate_record",
}
KINDS.update({"project": "aid_project", "coop": "cooperative", "workshop": "workshop",
              "talent": "talent_profile", "rotation": "post_rotation",
              "training": "training_session"})
BY_INDEX_KIND = {kind: name for name, kind in KINDS.items()}
HIT_COLUMNS = [Column("kind_label", "类型"), Column("id", "ID"), Column("title", "名称或标题", 30),
               Column("cluster", "联合党组织"), Column("date", "日期"),
               Column("where", "匹配处"), Column("snippet", "摘要", 40)]


def _label(kind: str) -> str:
    from desktop_app.records.types import table_label

    return table_label(kind)


def register(commands) -> None:
    parser = add_command(commands, "search", "全文检索（汉字，或拼音/首字母，如 hq 找到 黄璩）",
                         search)
    parser.add_argument("text", nargs="+", metavar="TEXT")
    parser.add_argument("--kind", action="append", metavar="KIND",
                        help="只查某类记录，可多次给出：" + "、".join(
                            f"{name}（{_label(kind)}）" for name, kind in KINDS.items()))
    parser.add_argument("--cluster", metavar="ID", help="只查该联合党组织的记录")
    parser.add_argument("--from", dest="date_from", metavar="DATE",
                        help="只查该日期及以后的记录（YYYY-MM-DD）")
    parser.add_argument("--to", dest="date_to", metavar="DATE",
                        help="只查该日期及以前的记录（YYYY-MM-DD）")
    parser.add_argument("--deleted", action="store_true", help="也查已删除的记录")
    parser.add_argument("--limit", metavar="N", default="50", help="最多显示 N 条（默认 50）")


def _kind(value: str) -> str:
    typed = value.strip()
    for name, kind in KINDS.items():
        if typed in (name, kind, _label(kind)):
            return kind
    allowed = "、".join(f"{name}（{_label(kind)}）" for name, kind in KINDS.items())
    raise parse.BadValue(f"记录类型“{value}”无效，可选：{allowed}")


def search(ctx, args) -> None:
    from desktop_app.search.fts import Filters
    from desktop_app.services.search import plain_snippet

    kinds = tuple(_kind(k) for k in parse.items(args.kind)) or None
    limit = parse.integer(args.limit, "显示条数（--limit）", minimum=1)
    assert limit is not None  # --limit has a default
    date_from = parse.date_(args.date_from, "起始日期（--from）")
    date_to = parse.date_(args.date_to, "截止日期（--to）")
    filters = Filters(kinds, args.cluster, date_from.isoformat() if date_from else None,
                      date_to.isoformat() if date_to else None, args.deleted)
    query = " ".join(args.text)
    found = ctx.services.search.search(query, filters, limit)
    rows = []
    for item in found:
        rows.append({"kind": BY_INDEX_KIND.get(item.kind, item.kind),
                     "kind_label": item.kind_label + ("（已删除）" if item.deleted else ""),
                     "id": item.record_id, "title": item.title, "cluster_id": item.cluster_id,
                     "cluster": item.cluster, "date": item.day or "", "where": item.where,
                     "snippet": plain_snippet(item.snippet), "deleted": item.deleted})
    ctx.out.listing(rows, HIT_COLUMNS, len(rows))
