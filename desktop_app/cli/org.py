"""The organisation: ``cluster``, ``village`` and ``person`` commands."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.context import record_fields
from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command, add_group, add_paging, choices_help
from desktop_app.records.errors import UserError
from desktop_app.records.vocabulary import ROLES


def register(commands) -> None:
    clusters = add_group(commands, "cluster", "联合党组织")
    add_command(clusters, "list", "列出联合党组织", cluster_list)
    parser = add_command(clusters, "add", "新增联合党组织", cluster_add)
    parser.add_argument("--name", required=True, metavar="NAME", help="例如 黄璩联合党总支")
    parser.add_argument("--note", metavar="TEXT", help="备注")
    parser = add_command(clusters, "update", "修改联合党组织（名称、中心村、备注）", cluster_update)
    parser.add_argument("id", metavar="ID")
    parser.add_argument("--name", metavar="NAME")
    parser.add_argument("--central", metavar="VILLAGE_ID", help="中心村（须属于本联合党组织）")
    parser.add_argument("--note", metavar="TEXT")

    villages = add_group(commands, "village", "村庄")
    parser = add_command(villages, "list", "列出村庄", village_list)
    parser.add_argument("--cluster", metavar="ID", help="只列出该联合党组织的村")
    parser = add_command(villages, "add", "新增村庄", village_add)
    parser.add_argument("--cluster", required=True, metavar="ID", help="所属联合党组织")
    parser.add_argument("--name", required=True, metavar="NAME")
    parser.add_argument("--households", metavar="N", help="户数")
    parser.add_argument("--population", metavar="N", help="人口")
    parser.add_argument("--central", action="store_true", help="设为本联合党组织的中心村")

    people = add_group(commands, "person", "人员（干部、党员、村民代表、志愿者、人才库）")
    parser = add_command(people, "add", "新增人员", person_add)
    parser.add_argument("--name", required=True, metavar="NAME")
    parser.add_argument("--village", metavar="ID", help="所在村（联合党组织随村确定）")
    parser.add_argument("--cluster", metavar="ID",
                        help="所属联合党组织（镇干部等不属于某村时填写）")
    parser.add_argument("--post", metavar="POST", help="例如 党支部书记")
    parser.add_argument("--role", action="append", metavar="ROLE",
                        help=choices_help(ROLES, "可多次给出，标识或中文："))
    parser.add_argument("--tag", action="append", metavar="TAG",
                        help="人才库标签，可多次给出，如 鸿雁")
    parser.add_argument("--phone", metavar="PHONE")
    parser.add_argument("--id-number", metavar="ID_NUMBER")
    parser.add_argument("--gender", metavar="GENDER")
    parser.add_argument("--birth-year", metavar="YEAR")
    parser.add_argument("--note", metavar="TEXT")
    parser = add_command(people, "list", "列出人员", person_list)
    parser.add_argument("--cluster", metavar="ID")
    parser.add_argument("--village", metavar="ID")
    parser.add_argument("--role", metavar="ROLE", help=choices_help(ROLES))
    add_paging(parser)
    parser = add_command(people, "show", "查看人员", person_show)
    parser.add_argument("id", metavar="ID")


# --- clusters --------------------------------------------------------------------------

CLUSTER_FIELDS = [("id", "ID"), ("name", "名称"), ("central_village", "中心村"),
                  ("village_names", "村庄"), ("note", "备注")]
CLUSTER_COLUMNS = [Column("id", "ID"), Column("name", "名称"), Column("central_village", "中心村"),
                   Column("village_count", "村数"), Column("note", "备注", 30)]


def cluster_row(ctx, cluster) -> dict:
    villages = ctx.services.villages.list(ctx.query(cluster_id=cluster.id, limit=None)).items
    return {
        **record_fields(cluster),
        "central_village": ctx.village_name(cluster.central_village_id),
        "village_count": len(villages),
        "village_ids": [v.id for v in villages],
        "village_names": [v.name for v in villages],
    }


def cluster_list(ctx, args) -> None:
    page = ctx.services.clusters.list(ctx.query(limit=None))
    ctx.out.listing([cluster_row(ctx, c) for c in page.items], CLUSTER_COLUMNS, page.total)


def cluster_add(ctx, args) -> None:
    town = ctx.services.towns.the_town()
    if town is None:
        raise UserError("尚未设置本镇：请先运行 init --town 镇名")
    cluster = ctx.services.clusters.create(town_id=town.id, name=args.name, note=args.note or "")
    ctx.out.record(cluster_row(ctx, cluster), CLUSTER_FIELDS, heading="已新增联合党组织。")


def cluster_update(ctx, args) -> None:
    changes = {name: value for name, value in (("name", args.name), ("note", args.note),
                                                ("central_village_id", args.central))
               if value is not None}
    if not changes:
        args.parser.error("请至少给出一项要修改的内容（--name、--central、--note）")
    cluster = ctx.services.clusters.update(args.id, **changes)
    ctx.forget_names()
    ctx.out.record(cluster_row(ctx, cluster), CLUSTER_FIELDS, heading="已修改联合党组织。")


# --- villages --------------------------------------------------------------------------

VILLAGE_FIELDS = [("id", "ID"), ("name", "村名"), ("cluster", "联合党组织"),
                  ("is_central", "中心村"), ("households", "户数"), ("population", "人口")]
VILLAGE_COLUMNS = [Column("id", "ID"), Column("name", "村名"), Column("cluster", "联合党组织"),
                   Column("is_central", "中心村"), Column("households", "户数"),
                   Column("population", "人口")]


def village_list(ctx, args) -> None:
    if args.cluster:
        ctx.services.clusters.get(args.cluster)  # an unknown cluster is an error, not "0 条"
    page = ctx.services.villages.list(ctx.query(cluster_id=args.cluster, limit=None))
    ctx.out.listing(ctx.rows(ctx.services.villages, page.items), VILLAGE_COLUMNS, page.total)


def village_add(ctx, args) -> None:
    village = ctx.services.villages.create(
        cluster_id=args.cluster, name=args.name,
        households=parse.integer(args.households, "户数") or 0,
        population=parse.integer(args.population, "人口") or 0,
    )
    if args.central:
        ctx.services.clusters.update(args.cluster, central_village_id=village.id)
        ctx.forget_names()
    ctx.out.record(ctx.rows(ctx.services.villages, [village])[0], VILLAGE_FIELDS,
                   heading="已新增村庄。")


# --- people ----------------------------------------------------------------------------

PERSON_FIELDS = [("id", "ID"), ("name", "姓名"), ("gender", "性别"), ("birth_year", "出生年份"),
                 ("village", "村"), ("cluster", "联合党组织"), ("post", "职务"),
                 ("roles_label", "角色"), ("tags", "人才库标签"), ("phone", "电话"),
                 ("id_number", "身份证号"), ("note", "备注")]
PERSON_COLUMNS = [Column("id", "ID"), Column("name", "姓名"), Column("village", "村"),
                  Column("cluster", "联合党组织"), Column("post", "职务", 16),
                  Column("roles_label", "角色", 24), Column("phone", "电话")]


def show_person(ctx, person_id: str, heading: str | None = None) -> None:
    person = ctx.services.people.get(person_id)
    ctx.out.record(ctx.rows(ctx.services.people, [person])[0], PERSON_FIELDS, heading=heading)


def person_add(ctx, args) -> None:
    values = {
        "name": args.name, "village_id": args.village, "cluster_id": args.cluster,
        "post": args.post, "phone": args.phone, "id_number": args.id_number,
        "gender": args.gender, "note": args.note,
        "birth_year": parse.integer(args.birth_year, "出生年份", minimum=1900, maximum=2100),
        "roles": [parse.choice(role, ROLES, "角色") for role in parse.items(args.role)],
        "tags": parse.items(args.tag),
    }
    values = {name: value for name, value in values.items() if value is not None}
    person = ctx.services.people.create(**values)
    show_person(ctx, person.id, "已新增人员。")


def person_list(ctx, args) -> None:
    role = parse.choice(args.role, ROLES, "角色")
    query = ctx.query(cluster_id=args.cluster, village_id=args.village, text=args.search,
                      extra={"role": role}, **parse.paging(args.limit, args.offset))
    page = ctx.services.people.list(query)
    ctx.out.listing(ctx.rows(ctx.services.people, page.items), PERSON_COLUMNS, page.total,
                    query.offset)


def person_show(ctx, args) -> None:
    show_person(ctx, args.id)
