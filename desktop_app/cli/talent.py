"""人才联育: ``talent`` (an existing person or a new one), ``rotation`` (``list --ending``:
rotations ending within a month) and ``training`` (attendees; ``hours``: hours per person
per year), each add / list / show / update / delete / restore."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app.cli import parse
from desktop_app.cli.context import cluster_for_new_record
from desktop_app.cli.crud import (
    Crud,
    ListFilter,
    add_record_document,
    choice_filter,
    place_filters,
)
from desktop_app.cli.declared import field_values
from desktop_app.cli.output import Column, Section
from desktop_app.cli.parser import add_command
from desktop_app.records.errors import UserError
from desktop_app.records.types.talent import (
    POST_ROTATION,
    TALENT_PROFILE,
    TRAINING_SESSION,
    WHEREABOUTS,
)

ROTATION_COLUMNS = [Column("post_label", "岗位"), Column("start_on", "开始"),
                    Column("end_on", "结束"), Column("mentor", "指导老师"),
                    Column("assessment_label", "期满鉴定")]
TRAINING_COLUMNS = [Column("held_on", "日期"), Column("title", "培训主题"),
                    Column("hours", "学时")]


class TalentCommands(Crud):
    def add_options(self, parser, *, creating: bool) -> None:
        if not creating:
            return
        parser.add_argument("--new-name", metavar="NAME", help="新建人员的姓名（不给 --person 时）")
        parser.add_argument("--new-id-number", metavar="NUMBER", help="新建人员的身份证号")
        parser.add_argument("--new-village", metavar="ID", help="新建人员所在村")
        parser.add_argument("--new-phone", metavar="PHONE", help="新建人员的联系电话")

    def register(self, commands):
        group = super().register(commands)
        parser = add_command(group, "register", "导出人才名册（Word，横向）", self.register_doc)
        parser.add_argument("--cluster", metavar="ID")
        parser.add_argument("--pool", metavar="KEY", help="talent（人才库）、hongyan（鸿雁）、"
                                                          "qingyan（青雁）")
        parser.add_argument("--out", metavar="FILE.docx", required=True)
        return group

    def register_doc(self, ctx, args) -> None:
        from desktop_app.documents.industry_sheets import export_talent_register
        from desktop_app.records.types.talent import POOLS

        path = export_talent_register(ctx.services, args.out, cluster_id=args.cluster,
                                      pool=parse.choice(args.pool, POOLS, "人才类型"))
        ctx.out.message({"file": str(path)}, f"已导出人才名册：{path}")

    def add(self, ctx, args) -> None:
        values = field_values(args, self.record_type)
        person_id = values.get("person_id")
        if person_id and args.new_name:
            raise UserError("--person 与 --new-name 只能给出一个")
        if person_id:
            person = ctx.services.people.get(person_id)
            values.setdefault("cluster_id", person.cluster_id)
            talent = ctx.services.talents.create(**values)
        elif args.new_name:
            village = ctx.village(args.new_village) if args.new_village else None
            values["cluster_id"] = values.get("cluster_id") or (
                village.cluster_id if village else cluster_for_new_record(ctx, None))
            person = {"name": args.new_name, "village_id": args.new_village,
                      "id_number": args.new_id_number, "phone": args.new_phone,
                      "cluster_id": values["cluster_id"]}
            talent = ctx.services.talents.create_for_new_person(
                {k: v for k, v in person.items() if v is not None}, **values)
        else:
            raise UserError("请用 --person 指定已有人员，或用 --new-name 新建人员")
        self.show(ctx, talent.id, "已新增人才。")

    def details(self, ctx, record) -> tuple[dict[str, Any], list[Section]]:
        rotations = ctx.services.rotations.list(ctx.query(
            limit=None, extra={"talent_id": record.id})).items
        trainings = ctx.services.trainings.list(ctx.query(
            limit=None, extra={"person_id": record.person_id})).items
        given = ctx.services.trainings.list(ctx.query(
            limit=None, extra={"teacher_talent_id": record.id})).items
        return ({"rotations": ctx.rows(ctx.services.rotations, rotations),
                 "trainings": ctx.rows(ctx.services.trainings, trainings),
                 "trainings_given": ctx.rows(ctx.services.trainings, given)},
                [Section("轮岗", "rotations", ROTATION_COLUMNS),
                 Section("参加培训", "trainings", TRAINING_COLUMNS),
                 Section("主讲培训", "trainings_given", TRAINING_COLUMNS)])


class TrainingCommands(Crud):

    def add_options(self, parser, *, creating: bool) -> None:
        parser.add_argument("--attendee", action="append", metavar="人员ID[:学时]",
                            help="参训人员（签到）及学时，可多次给出；省略学时则按培训学时"
                                 + ("（修改时给出即整体替换）" if not creating else ""))

    def register(self, commands):
        group = super().register(commands)
        parser = add_command(group, "hours", "每人全年培训学时", self.hours)
        parser.add_argument("--year", metavar="YYYY", help="年度（默认：今年）")
        parser.add_argument("--cluster", metavar="ID")
        add_record_document(group, "sign-in", "培训签到表",
                            "desktop_app.documents.training_sign_in:export_training_sign_in")
        return group

    def extra_values(self, ctx, args) -> dict[str, Any]:
        if not args.attendee:
            return {}
        length = args.hours
        if length is None and getattr(args, "id", None):
            length = ctx.services.trainings.get(args.id).hours
        attendees: dict[str, float] = {}
        for value in args.attendee:
            person, hours = parse.pair(value, "参训人员", "人员ID[:学时]")
            attendees[person] = (parse.hours(hours, f"{person} 的学时") if hours is not None
                                 else float(length or 0))
        return {"attendees": attendees}

    def details(self, ctx, record) -> tuple[dict[str, Any], list[Section]]:
        rows = [{"person_id": person, "name": ctx.person_name(person), "hours": hours}
                for person, hours in ctx.services.trainings.attendees(record.id).items()]
        return ({"attendee_rows": rows},
                [Section("签到", "attendee_rows", [Column("name", "姓名"),
                                                   Column("hours", "学时")])])

    def hours(self, ctx, args) -> None:
        year = parse.integer(args.year, "年度", minimum=2000, maximum=2100) or date.today().year
        rows = ctx.services.trainings.hours_by_person(year, args.cluster)
        ctx.out.listing(rows, [Column("name", "姓名"), Column("sessions", "培训次数"),
                               Column("hours", "学时")], len(rows))


COMMANDS = (
    TalentCommands("talent", TALENT_PROFILE, "talents", own_cluster=True,
                   defaults={"cluster_id": "人员所在的联合党组织",
                             "person_id": "用 --new-name 新建的人员"},
                   filters=(*place_filters("人才"), choice_filter(TALENT_PROFILE, "pool"),
                            ListFilter("where", "现在：in_village（在村）、away（在外）",
                                       extra="whereabouts",
                                       parse_as=lambda value: parse.choice(value, WHEREABOUTS,
                                                                           "现在")))),
    # a rotation's cluster is its 青雁's own, unless given
    Crud("rotation", POST_ROTATION, "rotations",
         defaults={"end_on": "开始日期起按轮岗期限（默认 3 个月）"},
         filters=(*place_filters("青雁轮岗"), choice_filter(POST_ROTATION, "post"),
                  ListFilter("talent", "该青雁的轮岗", extra="talent_id"),
                  ListFilter("ending", "只列出一个月内期满的轮岗", extra="ending_within",
                             flag=True, parse_as=lambda on: 31 if on else None))),
    TrainingCommands("training", TRAINING_SESSION, "trainings", own_cluster=True,
                     filters=place_filters("培训")),
)


def register(commands) -> None:
    for group in COMMANDS:
        group.register(commands)


__all__ = ["COMMANDS", "register"]
