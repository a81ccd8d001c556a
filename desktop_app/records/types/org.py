"""The organisation: the town, its clusters (联合党组织), villages and people."""

from __future__ import annotations

from desktop_app.records.fields import Field, Kind, RecordType
from desktop_app.records.id_numbers import MOBILE_EXAMPLE
from desktop_app.records.vocabulary import ROLES

TOWN = RecordType("town", "镇", (
    Field("name", "镇名称", required=True),
    Field("county", "所属县（市、区）"),
), title_field="name")

CLUSTER = RecordType("cluster", "联合党组织", (
    Field("name", "联合党组织名称", required=True, searchable=True, pinyin=True, width=14,
          hint="例如：黄璩联合党总支"),
    Field("town_id", "所属镇", Kind.REFERENCE, target="town", required=True,
          on_create_only=True, in_list=False, in_form=False,
          option=""),  # the CLI's cluster add takes the town recorded by init
    Field("central_village_id", "中心村", Kind.VILLAGE, option="central",
          hint="须属于本联合党组织"),
    Field("note", "备注", Kind.LONG_TEXT, searchable=True, in_list=False),
    Field("position", "排序", Kind.NUMBER, minimum=0, maximum=9999, default=0, in_list=False,
          in_form=False, hint="数字小的在前；“组织架构”中用上移、下移调整"),
), title_field="name")

VILLAGE = RecordType("village", "村庄", (
    Field("name", "村名", required=True, searchable=True, pinyin=True, width=8),
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          option="cluster", width=12),
    Field("households", "户数", Kind.NUMBER, minimum=0, default=0),
    Field("population", "人口", Kind.NUMBER, minimum=0, default=0),
    Field("position", "排序", Kind.NUMBER, minimum=0, maximum=9999, default=0, in_list=False,
          in_form=False, hint="中心村总在最前，其余数字小的在前；“组织架构”中用上移、下移调整"),
), title_field="name", extra_columns=(Field("is_central", "中心村", Kind.FLAG, editable=False),))

PERSON = RecordType("person", "人员", (
    Field("name", "姓名", required=True, searchable=True, pinyin=True, width=5),
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", option="cluster",
          width=10, hint="镇干部等不属于某村时填写"),
    Field("village_id", "所在村", Kind.VILLAGE, option="village", hint="联合党组织随村确定"),
    Field("post", "职务", searchable=True, hint="例如：党支部书记", width=12),
    Field("roles", "角色", Kind.CHOICES, choices=ROLES, option="role"),
    Field("tags", "人才库", Kind.TAGS, option="tag", hint="例如：鸿雁、青雁、致富带头人",
          width=10),
    Field("gender", "性别", in_list=False, max_length=2),
    Field("phone", "联系电话", sensitive=True, max_length=20, width=8, sample=MOBILE_EXAMPLE),
    Field("id_number", "身份证号", sensitive=True, in_list=False, max_length=18),
    Field("birth_year", "出生年份", Kind.NUMBER, minimum=1900, maximum=2100, in_list=False),
    Field("note", "备注", Kind.LONG_TEXT, searchable=True, in_list=False),
), title_field="name")

PERSON_ROLE = RecordType("person_role", "人员角色", (
    Field("person_id", "人员", Kind.PERSON, required=True),
    Field("role", "角色", Kind.CHOICE, choices=ROLES, required=True),
), parent="person", title_field=None)

PERSON_TAG = RecordType("person_tag", "人才库标签", (
    Field("person_id", "人员", Kind.PERSON, required=True),
    Field("tag", "标签", required=True),
), parent="person", title_field=None)

TYPES = (TOWN, CLUSTER, VILLAGE, PERSON, PERSON_ROLE, PERSON_TAG)
