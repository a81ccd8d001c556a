"""Headers people write for the declared labels: one table for every record type.

A header is matched to a field of the record type being imported by its declared label
first, then by these words. Keys are declared labels (so one row serves every record type
that declares the label); add a row here, nowhere else. docs/excel.md prints this table.
"""

from __future__ import annotations

SYNONYMS: dict[str, tuple[str, ...]] = {
    "姓名": ("名字", "人员姓名", "人名", "名称"),
    "联系电话": ("手机号码", "手机号", "手机", "电话", "电话号码", "联系方式", "联系电话号码"),
    "身份证号": ("身份证号码", "公民身份号码", "公民身份证号码", "身份证", "证件号码"),
    "所在村": ("所属村", "村名", "村", "村庄", "所属村庄", "所在村庄", "村别"),
    "村名": ("村庄", "村庄名称", "村", "行政村", "村名称"),
    "联合党组织": ("所属联合党组织", "联合党组织名称", "联合党委", "联合党总支", "片区"),
    "联合党组织名称": ("名称", "联合党组织"),
    "职务": ("职位", "现任职务", "岗位"),
    "角色": ("身份", "人员类别", "类别"),
    "人才库": ("人才类型", "人才库类别", "标签"),
    "出生年份": ("出生年",),
    "户数": ("总户数", "户"),
    "人口": ("总人口", "人口数", "人数"),
    "任务标题": ("任务名称", "任务", "标题", "工作任务", "任务内容"),
    "任务说明": ("说明", "具体内容", "内容"),
    "认领村": ("认领村庄", "涉及村", "责任村"),
    "责任人": ("负责人", "经办人"),
    "截止日期": ("完成时限", "时限", "期限", "截止时间", "完成期限"),
    "发现日期": ("登记日期", "交办日期", "发现时间"),
    "备注": ("附注",),
}


def header_key(text: str) -> str:
    """A header as compared: half-width, no spaces, no required-marks (*), no note in
    brackets (``联系电话（必填）``), no trailing colon."""
    import re

    from desktop_app.excel.values import narrow

    key = narrow(str(text))
    key = re.sub(r"[(（\[【][^)）\]】]*[)）\]】]", "", key)
    return re.sub(r"[\s*:：]", "", key)


__all__ = ["SYNONYMS", "header_key"]
