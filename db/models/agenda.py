"""议题 and its 四议两公开 steps."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field

from db.models.base import SyncedRecord


class AgendaItem(SyncedRecord, table=True):
    """A matter taken up by the duty office (议题 / 重大事项)."""

    __tablename__ = "agenda_item"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    title: str
    title_sort: str | None = None  # pinyin sort key, kept on write
    description: str = ""
    source: str = "villagers"  # villagers / cadre / assigned
    category: str = ""
    raised_on: date | None = None
    analysis: str = ""  # 研判
    measures: str = ""  # 措施
    status: str = Field(default="open", index=True)


class AgendaVillage(SyncedRecord, table=True):
    """A village concerned by an agenda item (set member)."""

    __tablename__ = "agenda_village"
    agenda_item_id: str = Field(foreign_key="agenda_item.id", index=True)
    village_id: str = Field(foreign_key="village.id", index=True)


class DecisionStep(SyncedRecord, table=True):
    """One of the six 四议两公开 steps of an agenda item (one row per step number)."""

    __tablename__ = "decision_step"
    agenda_item_id: str = Field(foreign_key="agenda_item.id", index=True)
    step: int  # 1..6
    body: str = ""  # 党支部 / 两委联席会 / 党员大会 / 村民代表会议 / 村民会议 / 村务公开栏
    held_on: date | None = None
    form: str = ""  # 会议形式 / 表决方式 / 公开形式
    due: int | None = None  # 应到
    present: int | None = None  # 实到
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    text: str = ""  # proposal, resolution or published text
    dissent: str = ""  # 不同意见
    outcome: str = ""  # passed / failed / published
    town_attendees: str = ""  # 镇列席人员及职务 (steps 3 and 4)
    supervision: str = ""  # 监督意见 (step 6)
