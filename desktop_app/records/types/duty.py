"""值班: duty shifts at a central village office, and their officers."""

from __future__ import annotations

from desktop_app.records.fields import Field, Kind, RecordType

DUTY_SHIFT = RecordType("duty_shift", "值班", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          in_list=False, option="cluster"),
    Field("office_village_id", "值班地点", Kind.VILLAGE, in_list=False, option=""),
    Field("start", "接班时间", Kind.DATETIME, required=True, option=""),
    Field("end", "交班时间", Kind.DATETIME, option=""),
    Field("officers", "值班人员", Kind.ROWS, editable=False, option="", width=10),
    Field("log", "值班记录", Kind.LONG_TEXT, searchable=True, option="log"),
    Field("handover_note", "交接事项", Kind.LONG_TEXT, searchable=True, option="note"),
), title_field=None)

SHIFT_OFFICER = RecordType("shift_officer", "值班人员", (
    Field("shift_id", "值班", Kind.REFERENCE, target="duty_shift", required=True),
    Field("person_id", "值班人员", Kind.PERSON, required=True),
), parent="duty_shift", title_field=None)

TYPES = (DUTY_SHIFT, SHIFT_OFFICER)
