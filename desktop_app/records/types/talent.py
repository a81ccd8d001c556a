"""人才联育: talent profiles in the pools (人才库, 鸿雁, 青雁), 青雁 rotation posts (轮岗), and
training sessions with who signed in."""

from __future__ import annotations

from desktop_app.records.fields import Field, Kind, RecordType

POOLS = {"talent": "人才库", "hongyan": "鸿雁", "qingyan": "青雁"}
CATEGORIES = ("致富带头人", "退役军人", "大学毕业生", "返乡创业", "土专家", "田秀才", "种养能手",
              "能工巧匠", "民间艺人", "非遗传承人", "合作社带头人", "其他")
WHEREABOUTS = {"in_village": "在村", "away": "在外"}
EDUCATION = {"primary": "小学", "junior": "初中", "senior": "高中/中专", "college": "大专",
             "bachelor": "本科", "master": "研究生"}
POSTS = {"party": "党建", "grid": "网格", "service": "便民服务", "industry": "产业",
         "clerk": "文书"}
ASSESSMENTS = {"excellent": "优秀", "pass": "合格", "fail": "不合格"}
TRAINING_KINDS = ("种植", "养殖", "农机", "电商", "非遗", "党建", "经营管理")
TEACHER_KINDS = {"talent": "本地人才", "expert": "邀请专家", "department": "部门"}

TALENT_PROFILE = RecordType("talent_profile", "人才", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          on_create_only=True, in_list=False, option="cluster"),
    Field("person_id", "姓名", Kind.PERSON, required=True, on_create_only=True,
          option="person", width=5),
    Field("pool", "人才类型", Kind.CHOICE, choices=POOLS, default="talent", width=5,
          on_create_only=True),
    Field("category", "类别", max_length=20, width=7, hint="例如：" + "、".join(CATEGORIES[:6])),
    Field("skills", "特长", searchable=True, width=12, hint="例如：西红柿育苗、电商直播"),
    Field("whereabouts", "现在", Kind.CHOICE, choices=WHEREABOUTS, default="in_village",
          option="where"),
    Field("returned_on", "返乡日期", Kind.DATE, in_list=False, option="returned",
          hint="从在外改为在村时自动填为当天，可改"),
    Field("education", "学历", Kind.CHOICE, choices=EDUCATION, in_list=False),
    Field("contact", "联系电话", sensitive=True, max_length=20, in_list=False),
    Field("joined_on", "入库日期", Kind.DATE, in_list=False, option="joined"),
    Field("note", "备注", Kind.LONG_TEXT, searchable=True, in_list=False),
), title_field=None, dated_by="joined_on",
   extra_columns=(Field("age", "年龄", Kind.NUMBER, editable=False),
                  Field("village", "所在村", Kind.VILLAGE, editable=False, shown="village")))

POST_ROTATION = RecordType("post_rotation", "青雁轮岗", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", option="cluster",
          in_list=False, hint="轮岗所在的联合党组织（默认：青雁所在的）"),
    Field("talent_id", "青雁", Kind.REFERENCE, target="talent_profile", required=True,
          on_create_only=True, option="talent", shown="talent_name", width=5),
    Field("post", "岗位", Kind.CHOICE, choices=POSTS, required=True),
    Field("start_on", "开始日期", Kind.DATE, required=True, option="start"),
    Field("end_on", "结束日期", Kind.DATE, option="end", hint="不填则按轮岗期限（默认 3 个月）"),
    Field("mentor_id", "指导老师", Kind.PERSON, option="mentor"),
    Field("assessment", "期满鉴定", Kind.CHOICE, choices=ASSESSMENTS),
    Field("note", "备注", Kind.LONG_TEXT, searchable=True, in_list=False),
), title_field=None, dated_by="start_on")

TRAINING_SESSION = RecordType("training_session", "培训", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          on_create_only=True, in_list=False, option="cluster"),
    Field("title", "培训主题", required=True, searchable=True, width=16,
          hint="例如：西红柿嫁接育苗技术"),
    Field("kind", "类别", max_length=20, width=5, hint="例如：" + "、".join(TRAINING_KINDS)),
    Field("held_on", "日期", Kind.DATE, required=True, option="date"),
    Field("hours", "学时", Kind.DECIMAL, minimum=0, maximum=24, default=0),
    Field("teacher_kind", "主讲类别", Kind.CHOICE, choices=TEACHER_KINDS, default="expert",
          in_list=False),
    Field("teacher", "主讲人", searchable=True, width=8, hint="专家姓名或部门名称"),
    Field("teacher_talent_id", "主讲人才", Kind.REFERENCE, target="talent_profile",
          in_list=False, option="teacher-talent", shown="teacher_talent_name"),
    Field("place", "地点", searchable=True, width=10),
    Field("attendees", "参训人员", Kind.ROWS, in_list=False, option=""),
), extra_columns=(Field("attendee_count", "人数", Kind.NUMBER, editable=False),))

TRAINING_ATTENDEE = RecordType("training_attendee", "参训人员", (
    Field("training_id", "培训", Kind.REFERENCE, target="training_session", required=True),
    Field("person_id", "姓名", Kind.PERSON, required=True),
    Field("hours", "学时", Kind.DECIMAL, minimum=0),
), parent="training_session", title_field=None)

TYPES = (TALENT_PROFILE, POST_ROTATION, TRAINING_SESSION, TRAINING_ATTENDEE)
