"""The sample town's 产业联营: about 40 aid projects (黄璩's 4 villages' 200万元 seedling
greenhouse first), the 39 cooperatives looked after by 21 town cadres with their quarterly
visits and measures, and 3 共富工坊 with a year of monthly figures."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from db.ids import member_id
from db.models import (
    AidProject,
    Cooperative,
    CoopVisit,
    ProjectFund,
    ProjectProgress,
    ProjectShare,
    Workshop,
    WorkshopMonth,
)
from desktop_app.demo.rows import at
from desktop_app.records.credit_codes import CHARACTERS, check_character

if TYPE_CHECKING:
    from desktop_app.demo.town import TownBuilder, _Cluster

PROJECTS = 40
COOPERATIVES = 39
COOP_CADRES = 21
WAN = 10_000
COUNTY_CODE = "370523"  # 广饶县

# (name pattern, kind, 联农带农)
_PROJECT_TEMPLATES = [
    ("{stem}片区高效设施蔬菜大棚项目", "设施农业",
     "土地流转＋就业务工：流转土地按年付租金，优先吸纳脱贫户务工"),
    ("{stem}联建冷链仓储项目", "农产品加工", "为周边合作社提供冷藏服务，收益按出资比例分红"),
    ("{village}分布式光伏发电项目", "光伏", "发电收益纳入村集体，按比例用于公益岗位"),
    ("{stem}标准化厂房出租项目", "物业经济", "厂房出租收益按出资比例分配给参与村"),
    ("{village}小麦良种繁育基地", "种植", "统一供种、统一收购，带动农户增收"),
    ("{stem}农旅融合示范点", "农旅融合", "村民参与经营农家乐、采摘园，就近就业"),
    ("{stem}农产品初加工车间", "农产品加工", "订单收购＋就业务工，带动周边村群众"),
    ("{village}肉羊标准化养殖小区", "养殖", "托管代养，按只分红"),
]
_PROJECT_STATUS = ["planned"] * 4 + ["building"] * 8 + ["running"] * 20 + ["finished"] * 7 + [
    "stopped"]
_PROGRESS = ["完成项目立项，经“四议两公开”程序决议通过", "完成项目公示，无异议",
             "完成招标，施工队进场", "主体工程完工", "设备安装调试完成", "通过验收，投入运营",
             "首年收益已按出资比例分配到村"]
_COOP_PRODUCTS = [("瓜菜", "种植"), ("西红柿", "种植"), ("小麦良种", "种植"), ("农机", "农机"),
                  ("植保", "植保"), ("生猪", "养殖"), ("肉羊", "养殖"), ("黄桃", "种植"),
                  ("金银花", "种植"), ("食用菌", "种植"), ("农产品电商", "电商"),
                  ("粮食烘干", "加工")]
_CHECKS = ["章程健全，三会制度运行正常", "成员大会按时召开，会议记录有签字",
           "会计、出纳分设，账目清楚", "成员账户齐全", "盈余按交易量返还", "社务公开及时",
           "按时报送年报", "有实际生产经营活动"]
_PROBLEMS = ["成员账户不全", "未按时报送年报", "社务公开不及时", "盈余返还比例偏低",
             "财务制度不健全", "成员大会记录缺少签字"]
_MEASURES = ["指导建立成员账户", "帮助填报年报", "指导按月公开社务", "讲解盈余返还政策",
             "协调会计代账服务", "规范会议记录格式", "对接销售渠道", "协调技术员上门指导",
             "对接金融机构办理贷款"]
# The town's three 共富工坊 (cluster, name, kind, brand, area, fixed, seasonal).
_WORKSHOPS = [
    ("藏红花联合党总支", "大王红·共富工坊", "品牌带动", 620, 26, 45),
    ("张淡联合党总支", "古韵张淡·共富工坊", "来料加工", 420, 18, 25),
    ("黄璩联合党总支", "怡丰育苗·共富工坊", "产业赋能", 1200, 35, 120),
]


@dataclass
class IndustryBuilder:
    town: TownBuilder
    rng: random.Random

    def build(self) -> None:
        self._projects()
        self._cooperatives()
        self._workshops()

    @property
    def today(self) -> date:
        return self.town.today

    def _day(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    # --- projects ----------------------------------------------------------------------
    def _projects(self) -> None:
        clusters = self.town.clusters
        self._project(clusters[0], "怡丰农业高端育苗设施示范项目", "设施农业", clusters[0].villages,
                      {"帮扶资金": 200 * WAN}, "running", jobs=300, coops=30,
                      benefit="整合韩璩、黄璩、杨璩、黄店4个村省派帮扶资金200万元，建设高端育苗"
                              "设施：就业务工，为周边10余个村提供就业岗位300余个；为30余家"
                              "合作社优惠供应种苗；收益按出资比例分配到村")
        statuses = (_PROJECT_STATUS * 2)[:PROJECTS - 1]
        self.rng.shuffle(statuses)
        for n, status in enumerate(statuses):
            cluster = clusters[(n * 7 + 3) % len(clusters)]
            pattern, kind, benefit = self.rng.choice(_PROJECT_TEMPLATES)
            count = min(len(cluster.villages), self.rng.randint(2, 4))
            villages = self.rng.sample(cluster.villages, count)
            name = pattern.format(stem=cluster.stem, village=villages[0].name)
            funds = {"帮扶资金": self.rng.randint(6, 40) * 5 * WAN}
            if self.rng.random() < 0.5:
                funds["财政衔接资金"] = self.rng.randint(2, 20) * 5 * WAN
            if self.rng.random() < 0.4:
                funds["村集体"] = self.rng.randint(1, 6) * 5 * WAN
            if self.rng.random() < 0.2:
                funds["社会资本"] = self.rng.randint(4, 30) * 5 * WAN
            self._project(cluster, name, kind, villages, funds, status,
                          jobs=self.rng.randint(8, 120), coops=self.rng.randint(0, 8),
                          benefit=benefit)

    def _project(self, cluster: _Cluster, name: str, kind: str, villages, funds: dict[str, int],
                 status: str, *, jobs: int, coops: int, benefit: str) -> None:
        rng, w = self.rng, self.town.w
        start = self._day(self.today - timedelta(days=900), self.today - timedelta(days=30))
        if status == "planned":
            start = self.today + timedelta(days=rng.randint(20, 120))
        end = start + timedelta(days=rng.randint(150, 540))
        moment = at(min(start, self.today) - timedelta(days=20), 10)
        recorder = cluster.liaison
        project = w.add(AidProject, moment, recorder, cluster_id=cluster.id, name=name, kind=kind,
                        status=status, start_on=start, end_on=end, benefit=benefit,
                        jobs=0 if status == "planned" else jobs, coops_served=coops,
                        village_income=rng.randint(3, 12) * WAN if status in (
                            "running", "finished") else 0,
                        leader_id=cluster.central.committee[0])
        for source, amount in funds.items():
            w.add(ProjectFund, moment, recorder, project_id=project["id"], source=source,
                  amount=amount, row_id=member_id("project_fund", project["id"], source))
        total, left = sum(funds.values()), sum(funds.values())
        for index, village in enumerate(villages):
            amount = left if index == len(villages) - 1 else total // len(villages) // WAN * WAN
            left -= amount
            w.add(ProjectShare, moment, recorder, project_id=project["id"],
                  village_id=village.id, amount=amount,
                  row_id=member_id("project_share", project["id"], village.id))
        steps = {"planned": 2, "building": 4, "running": 6, "finished": 7, "stopped": 3}[status]
        day = min(start, self.today) - timedelta(days=15)
        for text in _PROGRESS[:steps]:
            day = min(day + timedelta(days=rng.randint(10, 60)), self.today)
            w.add(ProjectProgress, at(day, 16), recorder, project_id=project["id"],
                  noted_on=day, text=text if status != "stopped" or text != _PROGRESS[2]
                  else "因选址调整暂停实施")

    # --- cooperatives ------------------------------------------------------------------
    def _cooperatives(self) -> None:
        rng, w = self.rng, self.town.w
        clusters = self.town.clusters
        cadres = [c.liaison for c in clusters[:COOP_CADRES]]
        standings = ["sound"] * 22 + ["fair"] * 14 + ["shell"] * 3
        rng.shuffle(standings)
        used: set[str] = set()
        for n in range(COOPERATIVES):
            cluster = clusters[n % len(clusters)] if n < len(clusters) else rng.choice(clusters)
            village = rng.choice(cluster.villages)
            product, kind = rng.choice(_COOP_PRODUCTS)
            brand = ""
            if cluster.name == "藏红花联合党总支" and n < len(clusters):
                product, kind, brand = "藏红花", "种植", "千乘大王红"
            elif cluster.name == "杨庄联合党总支" and n < len(clusters):
                product, kind, brand = "西红柿", "种植", "杨庄西红柿"
            name = f"广饶县{village.name.removesuffix('村')}{product}专业合作社"
            while name in used:
                name = name.replace("专业合作社", "种养专业合作社", 1)
            used.add(name)
            body = "93" + COUNTY_CODE + "MA" + "".join(rng.choice(CHARACTERS) for _ in range(7))
            founded = self._day(date(2008, 1, 1), date(2022, 12, 31))
            cadre = cadres[n % COOP_CADRES]
            moment = at(self.town.rota_start - timedelta(days=60), 11)
            coop = w.add(Cooperative, moment, cadre, cluster_id=cluster.id, village_id=village.id,
                         name=name, kind=kind, members=rng.randint(5, 180), founded_on=founded,
                         credit_code=body + check_character(body), standing=standings[n],
                         cadre_id=cadre, brands=brand)
            self._visits(coop["id"], cadre, standings[n])

    def _visits(self, coop_id: str, cadre: str, standing: str) -> None:
        """One visit a quarter over the last year (fewer for 空壳社, which are being sorted
        out); about two measures for each."""
        rng, w = self.rng, self.town.w
        quarters = 4 if standing != "shell" else 2
        for quarter in range(quarters):
            day = self.today - timedelta(days=30 + 91 * quarter + rng.randint(0, 40))
            checks = "；".join(rng.sample(_CHECKS, 3))
            problem = rng.choice(_PROBLEMS) if standing != "sound" or rng.random() < 0.3 else ""
            measures = "；".join(rng.sample(_MEASURES, 2 if problem else 1)) if quarter < 2 else ""
            if standing == "shell":
                checks = "无实际经营活动，成员未参与"
                measures = "列入空壳社清理名单，督促整改或注销"
            w.add(CoopVisit, at(day, 15), cadre, cooperative_id=coop_id, visited_on=day,
                  visitor_id=cadre, checklist=checks + (f"；问题：{problem}" if problem else ""),
                  measures=measures)

    # --- 共富工坊 ------------------------------------------------------------------------
    def _workshops(self) -> None:
        rng, w = self.rng, self.town.w
        by_name = {c.name: c for c in self.town.clusters}
        for cluster_name, name, kind, area, fixed, seasonal in _WORKSHOPS:
            cluster = by_name[cluster_name]
            opened = self._day(date(2022, 3, 1), date(2023, 10, 1))
            pay = rng.randint(14, 22) * 100
            income = rng.randint(10, 20) * WAN
            moment = at(opened, 10)
            workshop = w.add(
                Workshop, moment, cluster.liaison, cluster_id=cluster.id,
                village_id=cluster.central.id, name=name, kind=kind, opened_on=opened,
                floor_area=area, fixed_jobs=fixed, seasonal_jobs=seasonal,
                outside_workers=rng.randint(fixed // 3, fixed), monthly_pay=pay,
                yearly_income=income,
                groups_helped=f"脱贫户{rng.randint(2, 8)}人、残疾人{rng.randint(1, 3)}人、"
                              f"妇女{rng.randint(fixed // 2, fixed)}人")
            first = date(self.today.year - 1, self.today.month, 1)
            for offset in range(12):
                year, month = divmod(first.month - 1 + offset, 12)
                label = f"{first.year + year}-{month + 1:02d}"
                busy = month + 1 in (3, 4, 5, 9, 10, 11)
                employed = fixed + (seasonal if busy else seasonal // 4) + rng.randint(-3, 3)
                w.add(WorkshopMonth, at(date(first.year + year, month + 1, 28), 17),
                      cluster.liaison, workshop_id=workshop["id"], month=label,
                      employed=max(employed, 0), pay=pay + rng.randint(-2, 4) * 50,
                      income=round(income / 12 * (1 + offset * 0.03)) // 100 * 100,
                      row_id=member_id("workshop_month", workshop["id"], label))


def build_industry(town: TownBuilder, seed: int) -> None:
    IndustryBuilder(town, random.Random(f"lianjian-demo:{seed}:industry")).build()
