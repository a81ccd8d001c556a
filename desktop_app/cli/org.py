"""The organisation: ``cluster``, ``village`` and ``person`` commands."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.context import record_fields
from desktop_app.cli.declared import add_field_options, field_values, list_columns, show_fields
from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command, add_group, add_paging, choices_help
from desktop_app.records.errors import UserError
from desktop_app.records.types.org import CLUSTER, PERSON, VILLAGE
from desktop_app.records.vocabulary import ROLES


def register(commands) -> None:
    clusters = add_group(commands, "cluster", "联合党组织")
    add_command(clusters, "list", "列出联合党组织", cluster_list)
    parser = add_command(clusters, "add", "新增联合党组织", cluster_add)
    # A new cluster has no villages yet, so no central village (cluster update sets it).
    add_field_options(parser, CLUSTER, creating=True, skip=("central_village_id",))
    parser = add_command(clusters, "update", "修改联合党组织（名称、中心村、备注）", cluster_update)
    parser.add_argument("id", metavar="ID")
    add_field_options(parser, CLUSTER, creating=False)

    villages = add_group(commands, "village", "村庄")
    parser = add_command(villages, "list", "列出村庄", village_list)
    parser.add_argument("--cluster", metavar="ID", help="只列出该联合党组织的村")
    parser = add_command(villages, "add", "新增村庄", village_add)
    add_field_options(parser, VILLAGE, creating=True)
    parser.add_argument("--central", action="store_true", help="设为本联合党组织的中心村")

    people = add_group(commands, "person", "人员（干部、党员、村民代表、志愿者、人才库）")
    parser = add_command(people, "add", "新增人员", person_add)
    add_field_options(parser, PERSON, creating=True)
    parser = add_command(people, "list", "列出人员", person_list)
    parser.add_argument("--cluster", metavar="ID")
    parser.add_argument("--village", metavar="ID")
    parser.add_argument("--role", metavar="ROLE", help=choices_help(ROLES))
    add_paging(parser)
    parser = add_command(people, "show", "查看人员", person_show)
    parser.add_argument("id", metavar="ID")


# --- clusters --------------------------------------------------------------------------

CLUSTER_FIELDS = show_fields(CLUSTER, ("village_names", "村庄"))
CLUSTER_COLUMNS = list_columns(CLUSTER, Column("village_count", "村数"))


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
    cluster = ctx.services.clusters.create(town_id=town.id, **field_values(args, CLUSTER))
    ctx.out.record(cluster_row(ctx, cluster), CLUSTER_FIELDS, heading="已新增联合党组织。")


def cluster_update(ctx, args) -> None:
    changes = field_values(args, CLUSTER)
    if not changes:
        args.parser.error("请至少给出一项要修改的内容（--name、--central、--note）")
    cluster = ctx.services.clusters.update(args.id, **changes)
    ctx.forget_names()
    ctx.out.record(cluster_row(ctx, cluster), CLUSTER_FIELDS, heading="已修改联合党组织。")


# --- villages --------------------------------------------------------------------------

VILLAGE_FIELDS = show_fields(VILLAGE)
VILLAGE_COLUMNS = list_columns(VILLAGE)


def village_list(ctx, args) -> None:
    if args.cluster:
        ctx.services.clusters.get(args.cluster)  # an unknown cluster is an error, not "0 条"
    page = ctx.services.villages.list(ctx.query(cluster_id=args.cluster, limit=None))
    ctx.out.listing(ctx.rows(ctx.services.villages, page.items), VILLAGE_COLUMNS, page.total)


def village_add(ctx, args) -> None:
    values = field_values(args, VILLAGE)
    village = ctx.services.villages.create(**values)
    if args.central:
        ctx.services.clusters.update(village.cluster_id, central_village_id=village.id)
        ctx.forget_names()
    ctx.out.record(ctx.rows(ctx.services.villages, [village])[0], VILLAGE_FIELDS,
                   heading="已新增村庄。")


# --- people ----------------------------------------------------------------------------

PERSON_FIELDS = show_fields(PERSON)
PERSON_COLUMNS = list_columns(PERSON)


def show_person(ctx, person_id: str, heading: str | None = None) -> None:
    person = ctx.services.people.get(person_id)
    ctx.out.record(ctx.rows(ctx.services.people, [person])[0], PERSON_FIELDS, heading=heading)


def person_add(ctx, args) -> None:
    values = field_values(args, PERSON)
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
