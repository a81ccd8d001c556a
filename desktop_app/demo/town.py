"""The sample town's content: 29 clusters, 97 villages and three months of their records.

:class:`TownBuilder` draws everything from one seeded ``random.Random`` in a fixed order,
so the same seed and ``today`` give the same town. The records obey the rules the services
enforce: claims by villages of the task's cluster, 四议两公开 steps in order on dates that
never go back with outcomes computed by ``procedure.judge``, participants' hours within the
activity, due dates not before found dates, officers of the cluster on its shifts.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from db.ids import member_id
from db.models import (
    ActivityParticipant,
    AgendaItem,
    AgendaVillage,
    Cluster,
    DecisionStep,
    DutyShift,
    Meeting,
    MeetingAgendaItem,
    MeetingAttendee,
    MeetingDecision,
    Person,
    PersonRole,
    PersonTag,
    ShiftOfficer,
    TaskClaim,
    TaskProgress,
    Town,
    Village,
    VolunteerActivity,
    VolunteerTeam,
    WorkTask,
)
from desktop_app.demo import names
from desktop_app.demo.rows import RowWriter, at
from desktop_app.records import procedure
from desktop_app.records.id_numbers import check_digit
from desktop_app.records.vocabulary import STEP_BODIES, VILLAGERS_MEETING

SAMPLE_CLUSTER = "黄璩联合党总支"  # the office the sample database pretends to be
ROTA_DAYS = 91  # three months of duty shifts, ending the day before ``today``
AGENDA_ITEMS = 120
TASKS = 600
TEAMS = 40
ACTIVITIES_PER_TEAM = 5
MEETINGS = 60
STEP_MEETINGS = 8  # of the meetings, party members' / representatives' meetings of a step

# --- small helpers --------------------------------------------------------------------


def _between(rng: random.Random, first: date, last: date) -> date:
    """A day from ``first`` to ``last`` inclusive (``first`` if the range is empty)."""
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _quarter(day: date) -> str:
    return ("第一季度", "第二季度", "第三季度", "第四季度")[(day.month - 1) // 3]


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def _ymd(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _best_template(text: str, templates: list[str], rng: random.Random) -> str | None:
    """The template sharing the most two-character words with ``text`` (at least two)."""
    words = _bigrams(text)
    scored = [(len(words & _bigrams(t.replace("{village}", ""))), t) for t in templates]
    best = max(score for score, _ in scored)
    if best < 2:
        return None
    return rng.choice([t for score, t in scored if score == best])


def _id_number(rng: random.Random, birth_year: int, female: bool) -> str:
    """An invented 18-digit ID number (Guangrao region code, valid check digit)."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    sequence = rng.randint(0, 99) * 10 + rng.choice((0, 2, 4, 6, 8) if female else (1, 3, 5, 7, 9))
    body = f"370523{birth_year:04d}{month:02d}{day:02d}{sequence:03d}"
    return body + check_digit(body)


def _phone(rng: random.Random) -> str:
    prefix = rng.choice(("135", "137", "138", "139", "158", "159", "186", "188"))
    return f"{prefix}{rng.randint(0, 10**8 - 1):08d}"


TASK_STATUS_WEIGHTS = {
    "pending": 20, "in_progress": 30, "solved": 20, "reported": 25, "cancelled": 5,
}
OPEN = ("pending", "in_progress")


def _task_dates(rng: random.Random, status: str, today: date, horizon: int) -> tuple[date, date]:
    """(found_on, due_on) for a task of ``status``; about a third of the open ones overdue."""
    if status in OPEN:
        found = today - timedelta(days=rng.randint(0, min(60, horizon)))
        age = (today - found).days
        if age >= 5 and rng.random() < 0.35:  # overdue: due before today, still open
            return found, found + timedelta(days=rng.randint(3, age - 1))
        return found, max(found + timedelta(days=3), today + timedelta(days=rng.randint(0, 30)))
    found = today - timedelta(days=rng.randint(3, horizon))
    return found, found + timedelta(days=rng.randint(5, 45))


def _solved_times(
    rng: random.Random, status: str, found: date, due: date, latest: date
) -> tuple[datetime | None, datetime | None]:
    """When a solved or reported task was solved and reported, between ``found`` and ``latest``."""
    if status not in ("solved", "reported"):
        return None, None
    last = min(latest, due + timedelta(days=7))
    solved = at(_between(rng, min(found + timedelta(days=1), last), last), rng.randint(9, 16))
    if status == "solved":
        return solved, None
    reported = solved + timedelta(days=rng.randint(0, 3), hours=rng.randint(1, 3))
    cap = at(latest, 18)
    return solved, (reported if reported <= cap else solved + timedelta(hours=1))


# --- the town -------------------------------------------------------------------------


@dataclass
class _Village:
    id: str
    name: str
    population: int
    committee: list[str] = field(default_factory=list)  # person ids, secretary first


@dataclass
class _Cluster:
    id: str
    name: str
    stem: str
    villages: list[_Village]
    liaison: str = ""
    instructor: str = ""
    volunteers: list[str] = field(default_factory=list)
    shift_days: list[date] = field(default_factory=list)
    shift_officers: list[str] = field(default_factory=list)  # first officer of each shift
    items: list[_Item] = field(default_factory=list)

    @property
    def central(self) -> _Village:
        return self.villages[0]

    @property
    def committee(self) -> list[str]:
        return [p for v in self.villages for p in v.committee]

    @property
    def pool(self) -> list[str]:
        """The cluster's people who turn out for volunteer activities."""
        return [self.liaison, *self.committee, *self.volunteers]


@dataclass
class _Item:
    id: str
    title: str
    measures: str
    raised_on: date
    villages: list[_Village]
    status: str
    steps: dict[int, tuple[date, str]]  # step -> (held_on, outcome)

    def passed_by(self, day: date, step: int) -> date | None:
        """The date ``step`` passed, if it had by ``day``."""
        held = self.steps.get(step)
        return held[0] if held and held[1] != "failed" and held[0] <= day else None


# Stages of the agenda items, repeated and shuffled: (steps passed, failed step, withdrawn).
_STAGES = (
    [(0, None, False)] * 3
    + [(1, None, False)] * 4
    + [(2, None, False)] * 4
    + [(3, None, False)] * 4
    + [(1, 2, False), (2, 3, False), (3, 4, False)]
    + [(4, None, False)] * 6
    + [(5, None, False)] * 6
    + [(6, None, False)] * 9
    + [(2, None, True)]
)
# Days between one step and the next (step 1 counts from the day the item was raised).
_STEP_GAPS = {1: (1, 7), 2: (2, 7), 3: (3, 10), 4: (3, 12), 5: (0, 2), 6: (20, 45)}
_VILLAGE_SCOPE = ("基础设施", "集体资产", "民生保障", "社会治理", "人居环境", "党的建设")
# Topics that belong to one cluster only (they name its workshop, project or product).
_OWN_TOPICS = {
    "黄璩联合党总支": ["怡丰农业育苗基地用工对接", "合作社种苗优惠供应对接"],
    "藏红花联合党总支": ["大王红·共富工坊扩建"],
    "张淡联合党总支": ["古韵张淡·共富工坊吸纳就业", "齐笔非遗传承"],
    "杨庄联合党总支": ["杨庄西红柿销售对接"],
}
_OWNED = {title for titles in _OWN_TOPICS.values() for title in titles}
_CLUSTER_NOTES = {
    "黄璩联合党总支": "整合韩璩、黄璩、杨璩、黄店4个村省派帮扶资金200万元，实施怡丰农业高端育苗"
    "设施示范项目，为周边村提供就业岗位300余个。",
    "藏红花联合党总支": "坚持党建引领、村社一体、产业带动、多方共赢，建设“大王红·共富工坊”。",
    "张淡联合党总支": "依托北张淡村党群服务中心，传承齐笔非遗文化，打造“古韵张淡·共富工坊”。",
}
_ABSENCE_REASONS = ["外出务工", "因病请假", "参加镇里培训", "家中有事请假", "外出学习考察"]
_DISSENT = [
    "个别党员建议进一步压缩工程预算。",
    "有代表提出应优先照顾困难户，已在方案中吸收。",
    "个别代表对实施时间有不同意见，会议作了解释说明。",
]
_SUPERVISION = [
    "村务监督委员会：程序规范，资金使用公开透明，群众无异议。",
    "村务监督委员会：已全程监督，建议做好后期管护。",
    "村务监督委员会：实施结果与决议一致，未收到群众异议。",
]


class TownBuilder:
    """Draws the whole sample town from one seeded generator, in a fixed order."""

    def __init__(self, writer: RowWriter, rng: random.Random, today: date) -> None:
        self.w = writer
        self.rng = rng
        self.today = today
        self.yesterday = today - timedelta(days=1)
        self.rota_start = today - timedelta(days=ROTA_DAYS)
        self.clusters: list[_Cluster] = []
        self.people: dict[str, tuple[str, str]] = {}  # id -> (name, post)
        self._names: set[str] = set()

    def build(self) -> None:
        self._organisation()
        self._people()
        self._rota()
        self._agenda()
        decisions = self._meetings()
        self._tasks(decisions)
        self._volunteers()

    def office_cluster(self) -> _Cluster:
        """The cluster whose office the sample database is (``SAMPLE_CLUSTER``)."""
        return next(cluster for cluster in self.clusters if cluster.name == SAMPLE_CLUSTER)

    def officer(self, cluster: _Cluster, day: date) -> str:
        """The first officer of the cluster's last shift on or before ``day`` (else its liaison)."""
        index = bisect.bisect_right(cluster.shift_days, day) - 1
        return cluster.shift_officers[index] if index >= 0 else cluster.liaison

    # --- organisation and people ------------------------------------------------------
    def _organisation(self) -> None:
        rng, moment = self.rng, at(self.rota_start - timedelta(days=30))
        town_name, county = names.TOWN
        self.town = self.w.add(Town, moment, None, name=town_name, county=county)
        self.org_rows = [self.town]
        for cluster_number, (cluster_name, central, village_names) in enumerate(names.CLUSTERS, 1):
            stem = names.cluster_stem(cluster_name)
            note = (
                f"示例数据（虚构）：{stem}片区{len(village_names)}个村联建，中心村为{central}。"
                + _CLUSTER_NOTES.get(cluster_name, "")
            )
            row = self.w.add(Cluster, moment, None, town_id=self.town["id"], name=cluster_name,
                             note=note, position=cluster_number)
            villages = []
            for number, village_name in enumerate(village_names, start=1):
                households = rng.randint(160, 880)
                population = int(households * rng.uniform(2.6, 3.3))
                village = self.w.add(Village, moment, None, cluster_id=row["id"],
                                     name=village_name, households=households,
                                     population=population, position=number)
                villages.append(_Village(village["id"], village_name, population))
                self.org_rows.append(village)
            row["central_village_id"] = villages[0].id
            self.org_rows.append(row)
            self.clusters.append(_Cluster(row["id"], cluster_name, stem, villages))

    def _name(self, female: bool) -> str:
        while True:
            name = names.person_name(self.rng, female)
            if name not in self._names:
                self._names.add(name)
                return name

    def _person(self, *, cluster: _Cluster | None, village: _Village | None, post: str,
                roles: list[str], tags: tuple[str, ...] | list[str] = (),
                born: tuple[int, int] = (1965, 1990), female: bool | None = None,
                note: str = "", recorder: str | None = None) -> str:
        """A person with roles and tags, entered by ``recorder`` (by themself if None)."""
        rng = self.rng
        female = rng.random() < 0.3 if female is None else female
        birth_year = rng.randint(*born)
        person_id = self.w.ids()
        recorder = recorder or person_id
        moment = at(self.rota_start - timedelta(days=30), 10)
        name = self._name(female)
        self.w.add(
            Person, moment, recorder, row_id=person_id, name=name,
            cluster_id=cluster.id if cluster else None, village_id=village.id if village else None,
            post=post, gender="女" if female else "男", phone=_phone(rng),
            id_number=_id_number(rng, birth_year, female), birth_year=birth_year, note=note,
        )
        self.people[person_id] = (name, post)
        for role in roles:
            self.w.add(PersonRole, moment, recorder, person_id=person_id, role=role,
                       row_id=member_id(PersonRole.__tablename__, person_id, role))
        for tag in tags:
            self.w.add(PersonTag, moment, recorder, person_id=person_id, tag=tag,
                       row_id=member_id(PersonTag.__tablename__, person_id, tag))
        return person_id

    def _talent_tags(self, birth_year_floor: int) -> tuple[list[str], tuple[int, int]]:
        """Tags for a talent-pool volunteer and the birth years that fit them."""
        rng = self.rng
        if rng.random() < 0.35:
            return ["青雁", *(["大学毕业生"] if rng.random() < 0.5 else [])], (1990, 2001)
        kind = rng.choice([["鸿雁", "土专家"], ["鸿雁", "田秀才"], ["鸿雁", "民间艺人"],
                           ["退役军人"], ["致富带头人"]])
        return kind, (birth_year_floor, 1985)

    def _people(self) -> None:
        rng, posts = self.rng, names.POSTS_BY_ROLE
        liaison_posts = rng.sample(posts["town_liaison"], len(posts["town_liaison"]))
        for index, cluster in enumerate(self.clusters):
            post = liaison_posts[index % len(liaison_posts)]
            cluster.liaison = self._person(cluster=cluster, village=None, post=post,
                                           roles=["town_liaison", "party_member"],
                                           born=(1972, 1993))
        for cluster in self.clusters:
            for village in cluster.villages:
                young = rng.random() < 0.12
                tags = ["青雁"] if young else (
                    [rng.choice(["致富带头人", "退役军人"])] if rng.random() < 0.12 else [])
                village.committee.append(self._person(
                    cluster=cluster, village=village, recorder=cluster.liaison,
                    roles=["village_committee", "party_member"],
                    post=rng.choice(["党支部书记、村委会主任", "党支部书记"]), tags=tags,
                    born=(1990, 1996) if young else (1962, 1985)))
                if rng.random() < 0.1:
                    post = rng.choice(posts["village_committee"][4:])
                    village.committee.append(self._person(
                        cluster=cluster, village=village, post=post, recorder=cluster.liaison,
                        roles=["village_committee", "party_member"],
                        female=True if post == "妇联主席" else None, born=(1970, 1995)))
            extra = 2 if len(cluster.villages) <= 2 else 1
            for _ in range(extra):
                village = rng.choice(cluster.villages)
                tags, born = self._talent_tags(1955)
                roles = ["volunteer", *(["party_member"] if rng.random() < 0.4 else []),
                         *(["villager_rep"] if rng.random() < 0.4 else [])]
                cluster.volunteers.append(self._person(
                    cluster=cluster, village=village, post="村民", roles=roles, tags=tags,
                    recorder=cluster.liaison,
                    born=born, note=f"人才库：{'、'.join(tags)}"))
        instructors = 5
        instructor_posts = rng.sample(posts["party_instructor"], instructors)
        for number in range(instructors):
            guided = [c for i, c in enumerate(self.clusters) if i * instructors // 29 == number]
            person = self._person(
                cluster=None, village=None, post=instructor_posts[number],
                recorder=self.clusters[0].liaison,
                roles=["party_instructor", "party_member"], born=(1978, 1996),
                note="指导：" + "、".join(c.name for c in guided))
            for cluster in guided:
                cluster.instructor = person
        # The town, clusters and villages were entered by the liaison of their cluster.
        # (the town's own row has no cluster_id: looking up None gives the default)
        liaisons: dict[str | None, str] = {c.id: c.liaison for c in self.clusters}
        for row in self.org_rows:
            cluster_id = row["id"] if row["id"] in liaisons else row.get("cluster_id")
            row["recorded_by"] = liaisons.get(cluster_id, self.clusters[0].liaison)

    # --- duty rota ----------------------------------------------------------------------
    def _rota(self) -> None:
        rng = self.rng
        for cluster in self.clusters:
            committee = cluster.committee
            turn = rng.randrange(len(committee))
            day = self.rota_start + timedelta(days=rng.randint(0, 3))
            while day < self.today:
                first = committee[turn % len(committee)]
                turn += 1
                officers = [first]
                if rng.random() < 0.4:
                    officers.append(cluster.instructor if rng.random() < 0.3 else cluster.liaison)
                start = at(day, 8, rng.choice((0, 30)))
                end = at(day, 17, rng.choice((0, 30)))
                village_name = rng.choice(cluster.villages).name
                notes = sorted(rng.sample(range(len(names.SHIFT_LOG_NOTES)), rng.randint(2, 4)))
                log = "\n".join(names.SHIFT_LOG_NOTES[i].format(village=village_name)
                                for i in notes)
                handover = rng.choice(names.HANDOVER_NOTES).format(village=village_name)
                shift = self.w.add(DutyShift, start, first, updated=end, cluster_id=cluster.id,
                                   office_village_id=cluster.central.id, start=start, end=end,
                                   log=log, handover_note=handover)
                for person_id in officers:
                    self.w.add(ShiftOfficer, start, first, shift_id=shift["id"],
                               person_id=person_id,
                               row_id=member_id(ShiftOfficer.__tablename__, shift["id"], person_id))
                cluster.shift_days.append(day)
                cluster.shift_officers.append(first)
                day += timedelta(days=rng.randint(3, 5))

    # --- agenda items and 四议两公开 ----------------------------------------------------
    def _agenda(self) -> None:
        rng = self.rng
        stages = (_STAGES * math.ceil(AGENDA_ITEMS / len(_STAGES)))[:AGENDA_ITEMS]
        rng.shuffle(stages)
        per_cluster = [AGENDA_ITEMS // len(self.clusters)] * len(self.clusters)
        for i in range(AGENDA_ITEMS - sum(per_cluster)):
            per_cluster[i] += 1
        topics = {topic[0]: topic for topic in names.AGENDA_TOPICS}
        shared = [t for t in topics if t not in _OWNED]
        for cluster, count in zip(self.clusters, per_cluster, strict=True):
            own = _OWN_TOPICS.get(cluster.name, [])[:count]
            chosen = own + rng.sample(shared, count - len(own))
            for title in chosen:
                self._item(cluster, topics[title], stages.pop())

    def _item(self, cluster: _Cluster, topic: tuple[str, ...], stage) -> None:
        rng = self.rng
        title, category, description, analysis, measures = topic
        if category in _VILLAGE_SCOPE and title not in _OWNED:
            village = rng.choice(cluster.villages)
            villages = [village]
            if len(cluster.villages) > 1 and rng.random() < 0.2:
                villages.append(rng.choice([v for v in cluster.villages if v is not village]))
            short = title[1:] if title.startswith("村") else title
            full_title = village.name + short
        else:
            villages = list(cluster.villages)
            if title in _OWNED:
                full_title = title
            elif title.startswith("联建片区"):
                full_title = cluster.stem + title
            else:
                full_title = f"{cluster.stem}片区{title}"
        passed, failed_at, withdrawn = stage
        held = passed + (1 if failed_at else 0)
        step4_body = VILLAGERS_MEETING if rng.random() < 0.15 else STEP_BODIES[4]
        gaps = []
        for step in range(1, held + 1):
            low, high = _STEP_GAPS[step]
            if step == 4 and step4_body == VILLAGERS_MEETING:
                low, high = 10, 15  # 10 days' notice of a villagers' meeting
            gaps.append(rng.randint(low, high))
        last = self.today - timedelta(days=rng.randint(1, 12))
        raised_on = last - timedelta(days=sum(gaps)) if held else self.today - timedelta(
            days=rng.randint(0, 20))
        source = rng.choices(["villagers", "cadre", "assigned"], weights=(5, 3, 2))[0]
        if withdrawn:
            status = "withdrawn"
        elif passed == 6:
            status = "completed"
        else:
            status = "concluded" if passed >= 4 and not failed_at else "open"
        item_id = self.w.ids()
        steps: dict[int, tuple[date, str]] = {}
        day = raised_on
        for step, gap in zip(range(1, held + 1), gaps, strict=True):
            day += timedelta(days=gap)
            outcome = self._step(cluster, item_id, full_title, measures, villages[0], step, day,
                                 step4_body, passed=step != failed_at)
            steps[step] = (day, outcome)
        recorder = self.officer(cluster, raised_on)
        updated = at(day, 16) if held else at(raised_on, 10)
        self.w.add(AgendaItem, at(raised_on, 10), recorder, row_id=item_id, updated=updated,
                   cluster_id=cluster.id, title=full_title, description=description,
                   source=source, category=category, raised_on=raised_on, analysis=analysis,
                   measures=measures, status=status)
        for village in villages:
            self.w.add(AgendaVillage, at(raised_on, 10), recorder, agenda_item_id=item_id,
                       village_id=village.id,
                       row_id=member_id(AgendaVillage.__tablename__, item_id, village.id))
        cluster.items.append(_Item(item_id, full_title, measures, raised_on, villages, status,
                                   steps))

    def _step_counts(self, step: int, body: str, passed: bool, population: int):
        """(due, present, for, against, abstain) that pass or fail ``step`` as wanted."""
        rng = self.rng
        if step == 1:
            due = rng.randint(3, 5)
            present = due - (rng.random() < 0.2)
            return due, present, present, 0, 0
        if step == 2:
            due = rng.randint(5, 9)
            present = due - rng.randint(0, 2)
            votes = rng.randint(present // 2 + 1, present) if passed else rng.randint(
                0, present // 2)
        elif step == 3:
            due = rng.randint(24, 86)
            quorum = math.ceil(due * 2 / 3)
            if passed:
                present = rng.randint(quorum, due)
                votes = rng.randint(due // 2 + 1, present)
            else:  # quorum not reached
                present = rng.randint(due // 2, quorum - 1)
                votes = rng.randint(present // 2, present)
        else:
            if body == VILLAGERS_MEETING:
                due = int(population * 0.75)
                present = rng.randint(due // 2 + 1, int(due * 0.8))
            else:
                due = rng.randint(21, 45)
                present = rng.randint(math.ceil(due * 2 / 3), due)
            votes = rng.randint(present // 2 + 1, present) if passed else rng.randint(
                present // 3, present // 2)
        rest = present - votes
        against = rng.randint(0, rest)
        return due, present, votes, against, rng.randint(0, rest - against)

    def _step(self, cluster: _Cluster, item_id: str, title: str, measures: str,
              village: _Village, step: int, day: date, step4_body: str, *, passed: bool) -> str:
        rng = self.rng
        body = step4_body if step == 4 else STEP_BODIES[step]
        values: dict[str, Any] = {"body": body, "held_on": day}
        if step in procedure.PUBLICATION_STEPS:
            values["form"] = "村务公开栏张贴" if step == 5 else "村务公开栏张贴、村民微信群公开"
        else:
            due, present, votes, against, abstain = self._step_counts(
                step, body, passed, village.population)
            values.update(due=due, present=present, votes_for=votes, votes_against=against,
                          votes_abstain=abstain)
            forms = ["举手表决", "无记名投票", "口头表决"][: 3 if step == 2 else 2]
            values["form"] = "党支部委员会会议集体研究" if step == 1 else rng.choice(forms)
        verdict = procedure.judge(procedure.StepVote(
            step=step, body=body, due=values.get("due"), present=values.get("present"),
            votes_for=values.get("votes_for"), votes_against=values.get("votes_against"),
            votes_abstain=values.get("votes_abstain")))
        assert verdict.passed == passed, (step, values, verdict)
        values["outcome"] = verdict.outcome
        values["text"] = {
            1: f"党支部提议：将“{title}”列入重大事项，按四议两公开程序办理。",
            2: f"两委联席会商议“{title}”，形成初步方案：{measures}",
            3: f"党员大会审议“{title}”实施方案，审议材料已于会前3天送达全体党员。",
            4: f"{body}决议：同意“{title}”实施方案。" if passed else
               f"{body}表决未通过“{title}”实施方案，两委将修改后重新提交。",
            5: f"“{title}”决议内容于{_ymd(day)}在村务公开栏公示，公示期7天。",
            6: f"“{title}”已实施完毕，实施结果在村务公开栏公开。",
        }[step]
        if step in (3, 4):
            liaison_name, liaison_post = self.people[cluster.liaison]
            values["town_attendees"] = f"{liaison_name}（{liaison_post}、包村干部）"
        if step in (2, 3, 4) and rng.random() < 0.25:
            values["dissent"] = rng.choice(_DISSENT)
        if step == 6:
            values["supervision"] = rng.choice(_SUPERVISION)
        row_id = member_id(DecisionStep.__tablename__, item_id, str(step))
        self.w.add(DecisionStep, at(day, 15), self.officer(cluster, day), row_id=row_id,
                   agenda_item_id=item_id, step=step, **values)
        return verdict.outcome

    # --- meetings -----------------------------------------------------------------------
    def _meetings(self) -> list[dict[str, Any]]:
        """Meetings with attendees, items and decisions; returns decisions to become tasks."""
        rng = self.rng
        to_tasks: list[dict[str, Any]] = []
        decided = [(c, i) for c in self.clusters for i in c.items if i.passed_by(self.today, 4)]
        for n, (cluster, item) in enumerate(rng.sample(decided, STEP_MEETINGS)):
            step = 4 if n % 2 == 0 and item.steps.get(4) else 3
            to_tasks += self._step_meeting(cluster, item, step)
        kinds = ["committees", "theme_day", "contest", "joint"]
        for n in range(MEETINGS - STEP_MEETINGS):
            cluster = self.clusters[n % len(self.clusters)]
            kind = "joint" if n < len(self.clusters) else kinds[n % len(kinds)]
            day = _between(rng, self.rota_start, self.yesterday)
            to_tasks += self._meeting(cluster, kind, day)
        return to_tasks

    def _attendees(self, cluster: _Cluster, villages: list[_Village]) -> list[dict[str, Any]]:
        rng = self.rng
        rows = [{"person_id": p, "attendance": "present"} for v in villages for p in v.committee]
        for row in rows[1:]:
            if rng.random() < 0.12:
                row.update(attendance="absent", reason=rng.choice(_ABSENCE_REASONS))
        rows.append({"person_id": cluster.liaison, "attendance": "non_voting"})
        if rng.random() < 0.5:
            rows.append({"person_id": cluster.instructor, "attendance": "non_voting"})
        return rows

    def _outcome(self, item: _Item, day: date) -> str:
        if item.passed_by(day, 4):
            return self.rng.choice(["approved", "approved", "approved_in_principle"])
        if item.status == "withdrawn" and max(d for d, _ in item.steps.values()) <= day:
            return "rejected"
        if any(outcome == "failed" and held <= day for held, outcome in item.steps.values()):
            return "returned"
        return self.rng.choice(["heard", "further_study", "deferred"])

    def _meeting(self, cluster: _Cluster, kind: str, day: date) -> list[dict[str, Any]]:
        rng = self.rng
        village = cluster.central
        items = [i for i in cluster.items if i.raised_on <= day]
        if kind == "committees":
            items = [i for i in items if village in i.villages]
        wanted = {"joint": 3, "committees": 2, "contest": 1, "theme_day": 1}[kind]
        items = rng.sample(items, min(len(items), rng.randint(1, wanted)))
        villages = [village] if kind == "committees" else cluster.villages
        attendees = self._attendees(cluster, villages)
        values = {"village": village.name, "cluster": cluster.name, "stem": cluster.stem,
                  "quarter": _quarter(day), "month": f"{day.month}月",
                  "topic": items[0].title if items else "重点工作"}
        patterns = [p for p in names.MEETING_TITLES[kind] if not p.startswith("大王镇")]
        if not items:
            patterns = [p for p in patterns if "{topic}" not in p] or patterns
        title = rng.choice(patterns).format(**values)
        place = rng.choice(names.MEETING_PLACES).format(**values)
        start = at(day, *rng.choice(((9, 0), (14, 30), (15, 0))))
        agenda = [(item, self._outcome(item, day)) for item in items]
        return self._write_meeting(cluster, kind, title, place, start, attendees, agenda, None)

    def _step_meeting(self, cluster: _Cluster, item: _Item, step: int) -> list[dict[str, Any]]:
        """The party members' (step 3) or representatives' (step 4) meeting of an item."""
        rng = self.rng
        village = item.villages[0]
        day = item.steps[step][0]
        body = self._step_row(item, step)["body"]
        kind = {3: "party_members", 4: "villagers" if body == VILLAGERS_MEETING else
                "representatives"}[step]
        values = {"village": village.name, "topic": item.title}
        title = rng.choice([p for p in names.MEETING_TITLES[kind] if "{topic}" in p]).format(
            **values)
        place = rng.choice(names.MEETING_PLACES).format(**values)
        attendees = self._attendees(cluster, [village])
        return self._write_meeting(cluster, kind, title, place, at(day, 9), attendees,
                                   [(item, "approved")], step)

    def _write_meeting(self, cluster: _Cluster, kind: str, title: str, place: str,
                       start: datetime, attendees: list[dict[str, Any]],
                       agenda: list[tuple[_Item, str]], step: int | None) -> list[dict[str, Any]]:
        rng = self.rng
        day = start.date()
        recorder = self.officer(cluster, day)
        present = [a["person_id"] for a in attendees if a["attendance"] == "present"]
        chair = present[0]
        note_taker = present[1] if len(present) > 1 else cluster.liaison
        absent = sum(a["attendance"] == "absent" for a in attendees)
        topics = "、".join(f"“{item.title}”" for item, _ in agenda) or "近期重点工作"
        summary = (f"会议由{self.people[chair][0]}主持，出席{len(present)}人，"
                   f"列席{sum(a['attendance'] == 'non_voting' for a in attendees)}人，"
                   f"缺席{absent}人。会议研究了{topics}，明确了责任人和完成时限。")
        if step is not None:
            row = self._step_row(agenda[0][0], step)
            summary += f"{row['body']}应到{row['due']}人，实到{row['present']}人。"
        meeting = self.w.add(Meeting, start, recorder, updated=start + timedelta(hours=2),
                             cluster_id=cluster.id, kind=kind, title=title, start=start,
                             place=place, chair_id=chair, recorder_id=note_taker,
                             summary=summary)
        meeting_id = meeting["id"]
        for row in attendees:
            self.w.add(MeetingAttendee, start, recorder, meeting_id=meeting_id,
                       row_id=member_id(MeetingAttendee.__tablename__, meeting_id,
                                        row["person_id"]), **row)
        decisions: list[dict[str, Any]] = []
        for item, outcome in agenda:
            votes: dict[str, Any] = {}  # votes_for ..., passed on as column values
            if step is not None:
                row = self._step_row(item, step)
                votes = {k: row[k] for k in ("votes_for", "votes_against", "votes_abstain")}
            elif outcome != "heard":
                agree = rng.randint(len(present) // 2 + 1, len(present))
                if outcome not in ("approved", "approved_in_principle"):
                    agree = rng.randint(0, len(present) // 2)
                votes = {"votes_for": agree, "votes_against": 0,
                         "votes_abstain": len(present) - agree}
            discussion = (f"与会人员围绕“{item.title}”进行了讨论。" +
                          (rng.choice(_DISSENT) if rng.random() < 0.3 else "无不同意见。"))
            self.w.add(MeetingAgendaItem, start, recorder, meeting_id=meeting_id,
                       agenda_item_id=item.id, outcome=outcome, discussion=discussion,
                       row_id=member_id(MeetingAgendaItem.__tablename__, meeting_id, item.id),
                       **votes)
            if outcome in ("approved", "approved_in_principle", "deferred", "further_study"):
                decision = self._decision(cluster, meeting_id, start, item, outcome)
                decisions.append(decision)
        if not agenda:
            decisions.append(self._decision(cluster, meeting_id, start, None, "approved"))
        # Before the resolution (step 4) an item is not concluded: no task comes of it yet.
        return [d for d in decisions if d["to_task"] and step != 3]

    def _step_row(self, item: _Item, step: int) -> dict[str, Any]:
        row_id = member_id(DecisionStep.__tablename__, item.id, str(step))
        return next(r for r in self.w.rows[DecisionStep.__tablename__] if r["id"] == row_id)

    def _decision(self, cluster: _Cluster, meeting_id: str, start: datetime,
                  item: _Item | None, outcome: str) -> dict[str, Any]:
        rng = self.rng
        village = item.villages[0] if item else cluster.central
        owner = rng.choice(village.committee + [cluster.liaison])
        deadline = start.date() + timedelta(days=rng.randint(10, 40))
        values = {"owner": self.people[owner][0], "deadline": _md(deadline)}
        concluded = outcome in ("approved", "approved_in_principle")
        if not concluded:
            text = names.DECISION_TEMPLATES[10].format(**values)  # 暂缓决定 ... 收集意见
        else:
            subject = item.title + item.measures if item else "补齐擂台比武工作台账"
            pattern = _best_template(subject, names.DECISION_TEMPLATES, rng) or (
                "会议决定，由{owner}负责落实“" + (item.title if item else "近期重点工作")
                + "”，于{deadline}前完成。")
            text = pattern.format(**values)
        decision = self.w.add(MeetingDecision, start, self.officer(cluster, start.date()),
                              meeting_id=meeting_id, agenda_item_id=item.id if item else None,
                              text=text, owner_id=owner, deadline=deadline)
        return {"row": decision, "cluster": cluster, "item": item, "village": village,
                "day": start.date(), "subject": "补齐擂台比武工作台账",
                "to_task": concluded and rng.random() < 0.4}

    # --- work tasks ---------------------------------------------------------------------
    def _tasks(self, decisions: list[dict[str, Any]]) -> None:
        rng = self.rng
        made = 0
        for decision in decisions:
            row, item = decision["row"], decision["item"]
            found = decision["day"]
            title = f"落实会议决定：{item.title if item else decision['subject']}"
            status = rng.choice(["in_progress", "solved", "reported", "pending"])
            if found > self.today - timedelta(days=3):
                status = "pending"
            self._task(decision["cluster"], decision["village"], title, row["text"], status,
                       found, row["deadline"], agenda_item_id=item.id if item else None,
                       decision_id=row["id"], assignee=row["owner_id"])
            made += 1
        for cluster in self.clusters:
            for item in cluster.items:
                decided = item.passed_by(self.today, 4)
                if not decided:
                    continue
                for _ in range(rng.randint(1, 2)):
                    village = rng.choice(item.villages)
                    pattern = _best_template(item.title + item.measures, names.TASK_TEMPLATES,
                                             rng)
                    title = pattern.format(village=village.name) if pattern else (
                        f"落实“{item.title}”相关措施")
                    found = min(decided + timedelta(days=rng.randint(0, 3)), self.yesterday)
                    if item.status == "completed":
                        status = rng.choice(["solved", "reported", "reported"])
                        latest = item.steps[6][0]
                    else:
                        status = rng.choice(["pending", "in_progress", "in_progress", "solved"])
                        latest = self.yesterday
                    if found >= latest - timedelta(days=1):
                        status, latest = "in_progress", self.yesterday
                    due = found + timedelta(days=rng.randint(7, 40))
                    self._task(cluster, village, title, item.measures, status, found, due,
                               agenda_item_id=item.id, latest=latest)
                    made += 1
        villages = [(c, v) for c in self.clusters for v in c.villages]
        statuses, weights = zip(*TASK_STATUS_WEIGHTS.items(), strict=True)
        for n in range(max(0, TASKS - made)):
            cluster, village = villages[n % len(villages)]
            status = rng.choices(statuses, weights)[0]
            found, due = _task_dates(rng, status, self.today, ROTA_DAYS - 1)
            if status in OPEN and found >= self.yesterday:
                status = "pending"
            title = rng.choice(names.TASK_TEMPLATES).format(village=village.name)
            description = f"{cluster.name}轮值办公时交办，由{village.name}认领办理。"
            self._task(cluster, village, title, description, status, found, due)

    def _task(self, cluster: _Cluster, village: _Village, title: str, description: str,
              status: str, found: date, due: date, *, agenda_item_id: str | None = None,
              decision_id: str | None = None, assignee: str | None = None,
              latest: date | None = None) -> None:
        rng = self.rng
        latest = latest or self.yesterday
        due = max(due, found)
        solved_at, reported_at = _solved_times(rng, status, found, due, latest)
        if assignee is None:
            assignee = rng.choice(village.committee) if rng.random() < 0.8 else cluster.liaison
        claimed = [village]
        others = [v for v in cluster.villages if v is not village]
        if others and rng.random() < 0.25:
            claimed.append(rng.choice(others))
        recorder = self.officer(cluster, found)
        moment = at(found, rng.randint(9, 16))
        last_change = reported_at or solved_at or moment
        task = self.w.add(
            WorkTask, moment, recorder, updated=max(moment, last_change), cluster_id=cluster.id,
            title=title, description=description, agenda_item_id=agenda_item_id,
            decision_id=decision_id, assignee_id=assignee,
            priority=rng.choices((1, 2, 3), weights=(25, 60, 15))[0], status=status,
            found_on=found, due_on=due, solved_at=solved_at, reported_at=reported_at)
        task_id = task["id"]
        for n, claim in enumerate(claimed):
            note = ("牵头" if n == 0 else "配合") if len(claimed) > 1 else ""
            self.w.add(TaskClaim, moment, recorder, task_id=task_id, village_id=claim.id,
                       note=note, row_id=member_id(TaskClaim.__tablename__, task_id, claim.id))
        self._progress(cluster, task_id, status, found, solved_at, reported_at)

    def _progress(self, cluster: _Cluster, task_id: str, status: str, found: date,
                  solved_at: datetime | None, reported_at: datetime | None) -> None:
        rng = self.rng
        early = names.PROGRESS_NOTES[:20]
        if status == "pending":
            return
        if status == "cancelled":
            if rng.random() < 0.5:
                notes: list[tuple[str, int | None]] = [
                    ("经两委研究，该任务已并入其他任务办理，予以取消", None)]
            else:
                return
        else:
            count = rng.randint(1, 3)
            picks = sorted(rng.sample(range(len(early)), count))
            percents = sorted(rng.sample(range(10, 91, 10), count))
            notes = [(early[i], p) for i, p in zip(picks, percents, strict=True)]
            if status in ("solved", "reported"):
                notes.append((rng.choice(["已完成，待组织验收", "已验收合格"]), 100))
            if status == "reported":
                notes.append((rng.choice(["已向群众反馈办理结果", "已电话回访，群众满意"]), 100))
        end = solved_at.date() - timedelta(days=1) if solved_at else self.yesterday
        days = sorted(_between(rng, found, max(found, end)) for _ in notes)
        for n, ((text, percent), day) in enumerate(zip(notes, days, strict=True)):
            noted = at(day, 9 + n % 8, 0)
            # Those notes are written only for solved and reported tasks, which have both times.
            if text in ("已完成，待组织验收", "已验收合格"):
                assert solved_at is not None
                noted = solved_at
            elif text in ("已向群众反馈办理结果", "已电话回访，群众满意"):
                assert reported_at is not None
                noted = reported_at
            self.w.add(TaskProgress, noted, self.officer(cluster, noted.date()), task_id=task_id,
                       noted_at=noted, text=text, percent=percent)

    # --- volunteer teams and activities -------------------------------------------------
    def _volunteers(self) -> None:
        rng = self.rng
        activities = [a for a in names.ACTIVITY_TEMPLATES if "齐笔" not in a[0]]
        qibi = [a for a in names.ACTIVITY_TEMPLATES if "齐笔" in a[0]]
        kinds_used: dict[str, list[str]] = {}
        for n in range(TEAMS):
            cluster = self.clusters[n % len(self.clusters)]
            used = kinds_used.setdefault(cluster.id, [])
            kind = rng.choice([k for k in names.VOLUNTEER_TEAM_KINDS if k not in used])
            used.append(kind)
            values = {"village": cluster.central.name, "cluster": cluster.name,
                      "stem": cluster.stem, "kind": kind}
            name = rng.choice(names.VOLUNTEER_TEAM_NAME_PATTERNS).format(**values)
            leader = rng.choice(cluster.volunteers + cluster.committee)
            moment = at(self.rota_start - timedelta(days=rng.randint(1, 20)), 10)
            team = self.w.add(VolunteerTeam, moment, cluster.liaison, cluster_id=cluster.id,
                              name=name, kind=kind, leader_id=leader)
            templates = activities + (qibi if cluster.name == "张淡联合党总支" else [])
            for title, content, place in rng.sample(templates, ACTIVITIES_PER_TEAM):
                self._activity(cluster, team["id"], title, content, place)

    def _activity(self, cluster: _Cluster, team_id: str, title: str, content: str,
                  place: str) -> None:
        rng = self.rng
        day = _between(rng, self.rota_start, self.yesterday)
        village = rng.choice(cluster.villages)
        start = time(*rng.choice(((8, 0), (8, 30), (9, 0), (14, 0), (14, 30), (15, 0))))
        half_hours = rng.randint(3, 8)  # 1.5 to 4 hours
        end_moment = at(day, start.hour, start.minute) + timedelta(minutes=30 * half_hours)
        served = rng.randint(150, 400) if title == "为民服务大集" else rng.randint(6, 90)
        recorder = self.officer(cluster, day)
        activity = self.w.add(
            VolunteerActivity, end_moment, recorder, cluster_id=cluster.id, team_id=team_id,
            title=title, held_on=day, start_time=start, end_time=end_moment.time(),
            place=place.format(village=village.name), content=content, people_served=served,
            kind="fair" if title == "为民服务大集" else "regular")
        pool = cluster.pool
        for person_id in rng.sample(pool, rng.randint(3, min(8, len(pool)))):
            hours = half_hours / 2 if rng.random() < 0.7 else rng.randint(1, half_hours) / 2
            self.w.add(ActivityParticipant, end_moment, recorder, activity_id=activity["id"],
                       person_id=person_id, hours=hours,
                       row_id=member_id(ActivityParticipant.__tablename__, activity["id"],
                                        person_id))
