"""The organisation: ``cluster`` and ``village`` commands (a village is retired, not
deleted, in the window's 组织架构), and ``person`` (add / list / show / update / delete /
restore)."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.context import record_fields
from desktop_app.cli.crud import Crud, ListFilter, place_filters
from desktop_app.cli.declared import add_field_options, field_values, list_columns, show_fields
from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command, add_group, choices_help
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

    PEOPLE.register(commands)


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

PEOPLE = Crud("person", PERSON, "people", help="人员（干部、党员、村民代表、志愿者、人才库）",
              filters=(*place_filters("人员"),
                       ListFilter("role", choices_help(ROLES), extra="role",
                                  parse_as=lambda value: parse.choice(value, ROLES, "角色"))))
