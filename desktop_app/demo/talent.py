"""The sample town's 人才联育: 200 in the 人才库, 100 鸿雁 and 100 青雁 (each 青雁 with
three-month rotation posts, some ending within the month), and 30 trainings in the last
year with who signed in."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from db.ids import member_id
from db.models import PostRotation, TalentProfile, TrainingAttendee, TrainingSession
from desktop_app.demo.rows import at
from desktop_app.services.talent import add_months

if TYPE_CHECKING:
    from desktop_app.demo.town import TownBuilder, _Cluster

# pool -> (how many, birth years, categories, educations, share living in the village)
POOLS = {
    "talent": (200, (1962, 1998), ["致富带头人", "退役军人", "大学毕业生", "返乡创业",
                                   "合作社带头人"], ["junior", "senior", "college", "bachelor"],
               0.8),
    "hongyan": (100, (1950, 1980), ["土专家", "田秀才", "种养能手", "能工巧匠", "民间艺人",
                                    "非遗传承人"], ["primary", "junior", "senior"], 0.95),
    "qingyan": (100, (1991, 2003), ["大学毕业生", "返乡创业", "退役军人"],
                ["college", "bachelor", "bachelor", "master"], 0.7),
}
POOL_TAGS = {"talent": "人才库", "hongyan": "鸿雁", "qingyan": "青雁"}
SKILLS = {
    "致富带头人": ["蔬菜大棚种植", "农产品经纪", "家庭农场经营"],
    "退役军人": ["应急救援", "民兵训练", "物流运输"],
    "大学毕业生": ["电商直播", "办公软件", "财务会计", "新媒体宣传"],
    "返乡创业": ["农产品电商", "乡村民宿", "农资销售"],
    "合作社带头人": ["合作社经营管理", "西红柿产销", "藏红花种植"],
    "土专家": ["西红柿嫁接育苗", "果树修剪", "测土配方施肥"],
    "田秀才": ["小麦良种繁育", "病虫害防治", "农机维修"],
    "种养能手": ["生猪养殖", "肉羊养殖", "食用菌栽培"],
    "能工巧匠": ["木工", "泥瓦工", "电焊"],
    "民间艺人": ["吕剧", "剪纸", "锣鼓"],
    "非遗传承人": ["齐笔制作", "草编", "面塑"],
}
TRAININGS = 30
OFFICE_TRAINING_EVERY = 6  # one training in six is the sample office's cluster's: 5 a year
_TRAINING_TOPICS = [
    ("西红柿嫁接育苗技术", "种植"), ("设施蔬菜病虫害绿色防控", "种植"), ("小麦“一喷三防”", "种植"),
    ("生猪养殖疫病防控", "养殖"), ("肉羊科学饲养", "养殖"), ("植保无人机操作", "农机"),
    ("农机安全与维修", "农机"), ("农村电商直播带货", "电商"), ("农产品品牌与包装", "电商"),
    ("齐笔制作技艺", "非遗"), ("合作社规范化运营", "经营管理"), ("青雁讲堂：村级事务办理", "党建"),
]
_DEPARTMENTS = ["县农业农村局", "县商务局", "镇农业综合服务中心", "县人社局", "镇党委组织办"]
_EXPERTS = ["省农科院 刘教授", "市农技站 王研究员", "县畜牧站 孙站长", "寿光蔬菜产业集团 技术员"]
_PLACES = ["{village}党群服务中心", "{village}育苗基地", "{village}文化广场", "镇党校"]


@dataclass
class TalentBuilder:
    town: TownBuilder
    rng: random.Random
    talents: dict[str, list[tuple[str, str, _Cluster]]] = field(default_factory=dict)

    def build(self) -> None:
        for pool in POOLS:
            self._pool(pool)
        self._rotations()
        self._trainings()

    def _pool(self, pool: str) -> None:
        rng, town = self.rng, self.town
        count, born, categories, educations, at_home = POOLS[pool]
        made = self.talents.setdefault(pool, [])
        for n in range(count):
            cluster = town.clusters[(n * 11 + len(POOLS) * len(made)) % len(town.clusters)]
            village = rng.choice(cluster.villages)
            category = rng.choice(categories)
            person_id = town._person(
                cluster=cluster, village=village, post="村民", roles=[],
                tags=[POOL_TAGS[pool], category], born=born, recorder=cluster.liaison,
                note=f"{POOL_TAGS[pool]}：{category}")
            joined = town.rota_start - timedelta(days=rng.randint(30, 900))
            talent = town.w.add(
                TalentProfile, at(joined, 10), cluster.liaison, cluster_id=cluster.id,
                person_id=person_id, pool=pool, category=category,
                skills="、".join(rng.sample(SKILLS[category], 2)),
                whereabouts="in_village" if rng.random() < at_home else "away",
                education=rng.choice(educations), contact=self._phone(person_id),
                joined_on=joined)
            made.append((talent["id"], person_id, cluster))

    def _phone(self, person_id: str) -> str:
        for row in self.town.w.rows["person"]:
            if row["id"] == person_id:
                return row["phone"]
        return ""

    def _rotations(self) -> None:
        """Each 青雁 goes through two to four posts of three months, back to back; the last
        one may still be running (a few end within the month)."""
        rng, today = self.rng, self.town.today
        posts = ["party", "grid", "service", "industry", "clerk"]
        for talent_id, _person, cluster in self.talents["qingyan"]:
            count = rng.randint(2, 4)
            start = add_months(today, -3 * count) + timedelta(days=rng.randint(0, 60))
            mentor = cluster.central.committee[0]
            for post in rng.sample(posts, count):
                if start > today:
                    break
                end = add_months(start, 3)
                done = end < today
                self.town.w.add(
                    PostRotation, at(start, 9), cluster.liaison, cluster_id=cluster.id,
                    talent_id=talent_id, post=post, start_on=start, end_on=end,
                    mentor_id=mentor,
                    assessment=rng.choice(["excellent", "pass", "pass", "pass"]) if done else "",
                    note="期满经村级鉴定、镇级考察" if done else "在岗轮训中")
                start = end + timedelta(days=1)

    def _trainings(self) -> None:
        rng, town, today = self.rng, self.town, self.town.today
        hongyan = self.talents["hongyan"]
        everyone = [t for pool in self.talents.values() for t in pool]
        for n in range(TRAININGS):
            day = today - timedelta(days=int(365 * (n + rng.random()) / TRAININGS))
            title, kind = rng.choice(_TRAINING_TOPICS)
            cluster = town.clusters[rng.randrange(len(town.clusters))]
            if n % OFFICE_TRAINING_EVERY == 0:  # the office's own cluster holds some too
                cluster = town.office_cluster()
            teacher_kind = ["talent", "expert", "department"][n % 3]
            teacher_talent = None
            if teacher_kind == "talent":
                teacher_talent, person, _cluster = rng.choice(hongyan)
                teacher = town.people[person][0]
            elif teacher_kind == "expert":
                teacher = rng.choice(_EXPERTS)
            else:
                teacher = rng.choice(_DEPARTMENTS)
            hours = rng.choice([2.0, 3.0, 4.0, 6.0])
            place = rng.choice(_PLACES).format(village=cluster.central.name)
            session = town.w.add(
                TrainingSession, at(day, 17), cluster.liaison, cluster_id=cluster.id,
                title=title, kind=kind, teacher_kind=teacher_kind, teacher=teacher,
                teacher_talent_id=teacher_talent, held_on=day, hours=hours, place=place)
            own = [t for t in everyone if t[2] is cluster]
            others = rng.sample(everyone, 12)
            people = {p for _t, p, _c in own + others} | set(cluster.committee)
            for person in sorted(people)[: rng.randint(12, 35)]:
                town.w.add(TrainingAttendee, at(day, 17), cluster.liaison,
                           training_id=session["id"], person_id=person,
                           hours=hours if rng.random() < 0.9 else hours / 2,
                           row_id=member_id("training_attendee", session["id"], person))


RETURNED_CATEGORIES = ("返乡创业", "大学毕业生", "退役军人")  # the ones who come back
RETURNED_SHARE = 0.3


def build_talent(town: TownBuilder, seed: int) -> None:
    TalentBuilder(town, random.Random(f"lianjian-demo:{seed}:talent")).build()
    _date_returns(town, random.Random(f"lianjian-demo:{seed}:talent-returned"))


def _date_returns(town: TownBuilder, rng: random.Random) -> None:
    """Some of the talents now in the village came back in the last five quarters (返乡日期,
    擂台比武's 人才回流); drawn apart from the rest so the town's other content stays."""
    for row in town.w.rows.get("talent_profile", []):
        if (row["whereabouts"] != "in_village" or row["category"] not in RETURNED_CATEGORIES
                or rng.random() >= RETURNED_SHARE):
            continue
        first = max(row["joined_on"], town.today - timedelta(days=450))
        days = (town.today - timedelta(days=1) - first).days
        if days >= 0:
            row["returned_on"] = first + timedelta(days=rng.randint(0, days))
