"""The sample town's 治理联抓: 168 grids and about 1,000 micro-grids over the 97 villages,
led by each village's committee members and the cluster's cadres; a year of visits (about
30,000: micro-grids with key households monthly or more, the others every few weeks, a few
left behind so that "not visited in time" has something to show); about 600 disputes with
their mediation sessions, mostly settled (调处率 and 成功率 near the published 97%), and the
clusters' daily zero reports of the last two months, with a few days missed; the town's
catalogue of 55 service items by department and about 1,000 requests at the counters.

Read from the town already written (villages, people and their roles), generated with its
own seeded random numbers, and written through the bulk path (``rows.RowWriter``)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Connection

from db.ids import member_id
from db.models import (
    Dispute,
    DisputeZeroReport,
    Grid,
    GridVisit,
    MediationSession,
    MicroGrid,
    ServiceItem,
    ServiceRequest,
)
from desktop_app.demo import names
from desktop_app.demo.rows import DeterministicIds, RowWriter, at
from desktop_app.rota.working_days import add_working_days, official_calendar
from desktop_app.storage.database import Database

GRIDS = 168
MICRO_GRIDS_PER_GRID = (4, 8)  # 168 grids × 6 on average ≈ 1,000 micro-grids
COUNTY_CODE = "370523"  # 广饶县
TOWN_CODE = "100"  # 大王镇 (sample)


@dataclass
class _Village:
    id: str
    cluster_id: str
    name: str
    households: int
    committee: list[str] = field(default_factory=list)  # its 两委 members


@dataclass
class Governance:
    """What later parts of the sample (visits, disputes, requests) draw on."""

    villages: list[_Village]
    cadres: dict[str, list[str]]  # cluster id -> its cadres (liaisons, instructors)
    person_names: dict[str, str]
    micro_grids: list[dict] = field(default_factory=list)


def read_town(connection: Connection) -> Governance:
    villages = {row[0]: _Village(*row) for row in connection.exec_driver_sql(
        "SELECT id, cluster_id, name, households FROM village WHERE deleted = 0 ORDER BY rowid")}
    cadres: dict[str, list[str]] = {}
    person_names: dict[str, str] = {}
    for person_id, name, cluster_id, village_id, role in connection.exec_driver_sql(
        "SELECT p.id, p.name, p.cluster_id, p.village_id, r.role FROM person p"
        " JOIN person_role r ON r.person_id = p.id AND r.deleted = 0"
        " WHERE p.deleted = 0 AND r.role IN"
        " ('village_committee', 'town_liaison', 'party_instructor') ORDER BY p.rowid"
    ):
        person_names[person_id] = name
        if role == "village_committee" and village_id in villages:
            villages[village_id].committee.append(person_id)
        elif cluster_id:
            cadres.setdefault(cluster_id, []).append(person_id)
    return Governance(list(villages.values()), cadres, person_names)


def governance_rows(connection: Connection, db: Database, *, seed: int, today: date) -> RowWriter:
    """The grids and micro-grids of the sample town in ``connection``, ready to flush."""
    town = read_town(connection)
    start = at(today - timedelta(days=400))
    writer = RowWriter(db, DeterministicIds(f"lianjian-demo:{seed}:governance", start))
    rng = random.Random(f"lianjian-demo:{seed}:governance")
    add_grids(writer, rng, town, start.date())
    add_visits(writer, random.Random(f"lianjian-demo:{seed}:visits"), town, today)
    days = add_disputes(writer, random.Random(f"lianjian-demo:{seed}:disputes"), town, today)
    add_zero_reports(writer, random.Random(f"lianjian-demo:{seed}:zero"), town, today, days)
    items = add_catalogue(writer, start.date())
    add_requests(writer, random.Random(f"lianjian-demo:{seed}:requests"), town, today, items)
    return writer


def _grid_counts(villages: list[_Village]) -> dict[str, int]:
    """One grid per village, a second for the largest until there are :data:`GRIDS`."""
    counts = {v.id: 1 for v in villages}
    for village in sorted(villages, key=lambda v: -v.households)[:GRIDS - len(villages)]:
        counts[village.id] = 2
    return counts


def add_grids(writer: RowWriter, rng: random.Random, town: Governance, day: date) -> None:
    counts = _grid_counts(town.villages)
    for number, village in enumerate(town.villages, 1):
        cadres = village.committee + town.cadres.get(village.cluster_id, [])
        leaders = village.committee or cadres
        group = 0
        for g in range(1, counts[village.id] + 1):
            moment = at(day + timedelta(days=rng.randint(0, 20)), rng.randint(9, 16))
            grid = writer.add(
                Grid, moment, None, cluster_id=village.cluster_id, village_id=village.id,
                code=f"{COUNTY_CODE}{TOWN_CODE}{number:03d}{g:02d}",
                name=f"{village.name}第{'一二'[g - 1]}网格",
                head_id=leaders[0] if leaders else None,
                worker_id=rng.choice(cadres) if cadres else None)
            micro_count = rng.randint(*MICRO_GRIDS_PER_GRID)
            households = village.households // counts[village.id]
            for _ in range(micro_count):
                group += 1
                share = households // micro_count + rng.randint(-6, 6)
                row = writer.add(
                    MicroGrid, moment, None, cluster_id=village.cluster_id,
                    village_id=village.id, grid_id=grid["id"], name=f"{village.name}{group}组",
                    leader_id=rng.choice(cadres) if cadres else None,
                    households=max(share, 8),
                    key_households=rng.choice((0, 0, 1, 2, 3, 4, 6)),
                    party_household=names.person_name(rng))
                town.micro_grids.append(row)


VISIT_KIND_TABLE = ["visit"] * 6 + ["patrol"] * 2 + ["policy", "opinion"]
HEARD = [
    "群众反映自来水水压偏低，早晚用水高峰时更明显",
    "老人希望村卫生室增加慢病随访次数",
    "村民询问今年居民医保缴费标准和截止时间",
    "群众对村内道路硬化表示满意",
    "部分农户希望统一组织小麦秸秆还田",
    "空巢老人身体状况良好，子女每周电话联系",
    "群众建议在村口增设路灯",
    "村民关心宅基地确权登记进度",
    "低保户反映家庭收入情况无变化",
    "群众希望增加农村客运班次",
    "种植户询问地力补贴发放时间",
    "村民对垃圾清运及时表示认可",
    "群众反映冬季取暖用电负荷大",
    "返乡青年咨询创业贷款政策",
    "无异常情况，群众生产生活正常",
]
PROBLEMS = [
    "村东两盏路灯不亮",
    "排水沟淤堵，雨后积水",
    "一户独居老人房屋屋顶漏雨",
    "生产路有坑洼，农机通行困难",
    "垃圾桶破损需更换",
    "电动车在楼道充电存在消防隐患",
    "两户因宅基地边界发生口角",
    "村内坑塘水面有漂浮垃圾",
    "一户残疾人证到期需换领",
    "低洼地段路面结冰",
]
PROBLEM_SHARE = 0.08  # visits that find a problem
LEFT_BEHIND = 0.05  # micro-grids not visited for months


def add_visits(writer: RowWriter, rng: random.Random, town: Governance, today: date) -> None:
    """About 30 visits a year for each micro-grid, more where key households live."""
    r = rng.random
    kinds = VISIT_KIND_TABLE
    for micro in town.micro_grids:
        village = micro["village_id"]
        cadres = town.cadres.get(micro["cluster_id"], [])
        visitors = [v for v in (micro["leader_id"],) if v] + cadres
        every = 11 if micro["key_households"] else 18  # days between visits, on average
        last = today - timedelta(days=int(r() * 4))
        if r() < LEFT_BEHIND:
            last = today - timedelta(days=40 + int(r() * 200))
        day = last
        first = today - timedelta(days=365)
        while day >= first:
            kind = kinds[int(r() * len(kinds))]
            found = PROBLEMS[int(r() * len(PROBLEMS))] if r() < PROBLEM_SHARE else ""
            writer.add(
                GridVisit, at(day, 9 + int(r() * 8), int(r() * 60)), None,
                cluster_id=micro["cluster_id"], village_id=village,
                micro_grid_id=micro["id"], visited_on=day,
                visitor_id=visitors[int(r() * len(visitors))] if visitors else None,
                kind=kind, households=0 if kind == "patrol" else 3 + int(r() * 15),
                heard=HEARD[int(r() * len(HEARD))], problems=found)
            day -= timedelta(days=max(1, int(every * (0.5 + r()))))


DISPUTES = 600
# (category, weight, summary templates)
DISPUTE_KINDS = [
    ("neighbour", 30, ["两户因{x}发生争执", "邻里因{x}互不相让"]),
    ("homestead", 18, ["宅基地边界争议，涉及{x}", "翻建房屋时因{x}起纠纷"]),
    ("marriage", 14, ["夫妻因家庭琐事矛盾激化", "兄弟因赡养老人费用分担产生矛盾"]),
    ("land", 10, ["承包地地界不清，因{x}起争执", "林地权属争议"]),
    ("contract", 6, ["土地流转合同到期后租金争议", "农资赊购欠款纠纷"]),
    ("damages", 6, ["{x}造成财产损失，赔偿有分歧", "农药误喷致邻地作物受损"]),
    ("labour", 4, ["务工人员讨要工资", "施工队拖欠劳务费"]),
    ("pollution", 3, ["养殖异味影响邻户", "排水排污纠纷"]),
    ("traffic", 3, ["电动车与三轮车剐蹭赔偿争议"]),
    ("village_affairs", 3, ["对村集体收益分配有异议"]),
    ("consumer", 1, ["购买农机质量问题纠纷"]),
    ("other", 2, ["其他民间纠纷"]),
]
FRICTIONS = ["排水沟走向", "建筑遮光", "地界", "树木遮挡", "牛羊越界", "道路通行", "院墙翻建",
             "堆放杂物"]
ROLES = ("申请人", "被申请人")
SOURCE_TABLE = ["applied"] * 5 + ["initiative"] * 3 + ["grid"] * 3 + ["police", "government"]
RISK_TABLE = ["yellow"] * 16 + ["orange"] * 3 + ["red"]
OUTCOME_TABLE = ["success"] * 92 + ["failed"] * 4 + ["terminated"] * 2 + ["transferred"] * 2
TRANSFER_TO = ["大王镇司法所", "广饶县人民法院大王法庭", "大王派出所", "县信访局"]
AGREEMENTS = ["双方同意按原界址重新砌墙，费用各半，一周内完成",
              "被申请人三日内疏通排水沟并赔偿损失人民币 800 元",
              "双方互谅互让，今后不再因此事发生争执", "按月支付赡养费 300 元，每月 5 日前付清"]
FOLLOWUPS = ["协议已履行，双方满意", "已履行，未再发生矛盾", "部分履行，已督促", "双方关系缓和"]


def _parties(rng: random.Random) -> str:
    return "、".join(f"{names.person_name(rng)}（{role}）" for role in ROLES)


def add_disputes(writer: RowWriter, rng: random.Random, town: Governance,
                 today: date) -> set[tuple[str, date]]:
    """:data:`DISPUTES` disputes over the last year; returns the (cluster, day) pairs that
    registered one (no zero report those days)."""
    kinds = [k for k in DISPUTE_KINDS for _ in range(k[1])]
    micro_by_village: dict[str, list[dict]] = {}
    for micro in town.micro_grids:
        micro_by_village.setdefault(micro["village_id"], []).append(micro)
    days: set[tuple[str, date]] = set()
    for _ in range(DISPUTES):
        village = rng.choice(town.villages)
        mediators = village.committee + town.cadres.get(village.cluster_id, [])
        registered = today - timedelta(days=int(rng.random() ** 1.3 * 365))
        days.add((village.cluster_id, registered))
        category, _weight, templates = rng.choice(kinds)
        age = (today - registered).days
        outcome = rng.choice(OUTCOME_TABLE) if age > 35 or rng.random() < 0.6 else None
        sessions = rng.randint(1, 3)
        span = min(age, 28)
        closed_on = registered + timedelta(days=rng.randint(0, span)) if outcome else None
        status = "closed" if outcome else ("mediating" if age > 2 else "open")
        micro = rng.choice(micro_by_village.get(village.id) or [{"id": None}])
        dispute = writer.add(
            Dispute, at(registered, rng.randint(8, 17)), None, cluster_id=village.cluster_id,
            village_id=village.id, micro_grid_id=micro["id"], registered_on=registered,
            source=rng.choice(SOURCE_TABLE), category=category, parties=_parties(rng),
            summary=rng.choice(templates).format(x=rng.choice(FRICTIONS)),
            risk=rng.choice(RISK_TABLE), status=status,
            outcome=outcome,
            transferred_to=rng.choice(TRANSFER_TO) if outcome == "transferred" else "",
            agreement=rng.choice(AGREEMENTS) if outcome == "success" else "",
            agreement_on=closed_on if outcome == "success" else None, closed_on=closed_on,
            followup_on=(min(today, closed_on + timedelta(days=rng.randint(7, 40)))
                         if closed_on and rng.random() < 0.75 else None))
        dispute["followup_result"] = rng.choice(FOLLOWUPS) if dispute["followup_on"] else ""
        chosen = rng.sample(mediators, min(len(mediators), 2))
        dispute["mediators"] = "、".join(town.person_names[p] for p in chosen) or "调委会"
        last = closed_on or today
        if status == "open":
            continue
        for n in range(sessions):
            held = registered + timedelta(days=(last - registered).days * n // sessions)
            writer.add(MediationSession, at(held, 14), None, dispute_id=dispute["id"],
                       held_on=held, mediator=dispute["mediators"].split("、")[0],
                       notes=("双方陈述事实和诉求，调解员释法说理" if n == 0 else
                              "再次组织双方协商" if n < sessions - 1 or not outcome else
                              "双方达成一致" if outcome == "success" else "双方分歧较大"))
    return days


ZERO_DAYS = 60
ZERO_MISSED = 0.06  # days a cluster forgot its zero report


def add_zero_reports(writer: RowWriter, rng: random.Random, town: Governance, today: date,
                     busy: set[tuple[str, date]]) -> None:
    clusters = sorted({v.cluster_id for v in town.villages})
    for cluster_id in clusters:
        reporters = town.cadres.get(cluster_id, [])
        for back in range(1, ZERO_DAYS + 1):
            day = today - timedelta(days=back)
            if (cluster_id, day) in busy or rng.random() < ZERO_MISSED:
                continue
            writer.add(DisputeZeroReport, at(day, 17, rng.randint(0, 59)), None,
                       row_id=member_id("dispute_zero_report", cluster_id, str(day)),
                       cluster_id=cluster_id, reported_on=day,
                       reporter_id=rng.choice(reporters) if reporters else None,
                       note="本日无新增矛盾纠纷")


# (department, item, kind, working days, sensitive) — practice.md §4, a starter list.
CATALOGUE = [
    ("人社", "居民养老保险参保登记", "promised", 5, False),
    ("人社", "养老待遇资格认证", "immediate", 0, False),
    ("人社", "灵活就业人员参保", "promised", 5, False),
    ("人社", "参保暂停、恢复", "promised", 5, False),
    ("人社", "社会保障卡申领、补换", "reported", 10, False),
    ("人社", "就业、失业登记", "promised", 3, False),
    ("人社", "职业技能培训报名", "immediate", 0, False),
    ("医保", "居民医保缴费", "immediate", 0, False),
    ("医保", "异地就医备案", "promised", 3, False),
    ("医保", "门诊慢特病申请", "reported", 15, True),
    ("医保", "医疗救助申请", "reported", 15, True),
    ("医保", "医疗费用报销材料代收", "agency", 10, False),
    ("民政", "最低生活保障申请", "reported", 30, True),
    ("民政", "特困人员供养申请", "reported", 30, True),
    ("民政", "临时救助申请", "reported", 10, True),
    ("民政", "高龄津贴申领", "reported", 15, False),
    ("民政", "困境儿童保障申请", "reported", 20, True),
    ("民政", "殡葬补贴申领", "reported", 10, False),
    ("民政", "婚姻登记预约", "immediate", 0, False),
    ("残联", "残疾人证办理", "reported", 20, True),
    ("残联", "困难残疾人生活补贴", "reported", 15, True),
    ("残联", "重度残疾人护理补贴", "reported", 15, True),
    ("残联", "残疾人辅具适配申请", "reported", 20, True),
    ("卫健", "生育登记", "promised", 3, False),
    ("卫健", "计划生育家庭奖励扶助", "reported", 15, False),
    ("卫健", "家庭医生签约", "immediate", 0, False),
    ("卫健", "老年人健康体检预约", "immediate", 0, False),
    ("退役军人", "优待证申领", "reported", 20, False),
    ("退役军人", "退役军人信息采集", "immediate", 0, False),
    ("退役军人", "抚恤补助申领", "reported", 15, False),
    ("公安（代收）", "户口迁移咨询", "immediate", 0, False),
    ("公安（代收）", "居民身份证换领材料代收", "agency", 15, False),
    ("公安（代收）", "居住证申领", "agency", 10, False),
    ("农业农村", "耕地地力保护补贴", "reported", 10, False),
    ("农业农村", "农机购置补贴咨询", "immediate", 0, False),
    ("农业农村", "宅基地申请", "reported", 20, False),
    ("农业农村", "土地流转合同备案", "promised", 5, False),
    ("农业农村", "政策性农业保险投保", "promised", 5, False),
    ("住建", "农村危房改造申请", "reported", 20, False),
    ("应急", "自然灾害生活救助", "reported", 10, False),
    ("司法", "人民调解申请", "promised", 3, False),
    ("司法", "法律援助咨询", "immediate", 0, False),
    ("司法", "法律明白人预约", "immediate", 0, False),
    ("村务", "村级证明开具", "immediate", 0, False),
    ("村务", "村务公开查询", "immediate", 0, False),
    ("村务", "集体经济组织成员证明", "promised", 3, False),
    ("生活服务", "水电费代缴", "immediate", 0, False),
    ("生活服务", "快递代收代寄", "immediate", 0, False),
    ("生活服务", "农资代购", "promised", 5, False),
    ("生活服务", "燃气费代缴", "immediate", 0, False),
    ("生活服务", "话费、宽带代办", "promised", 3, False),
    ("税务", "城乡居民社保费查询", "immediate", 0, False),
    ("交通", "农村客运定制预约", "promised", 2, False),
    ("教育", "学生资助政策咨询", "immediate", 0, False),
    ("金融", "小额信贷申请材料代收", "agency", 10, False),
]
# Items asked for often (weights), the rest once in a while.
OFTEN = {"居民医保缴费": 12, "养老待遇资格认证": 10, "水电费代缴": 8, "快递代收代寄": 8,
         "村级证明开具": 6, "居民养老保险参保登记": 5, "社会保障卡申领、补换": 4,
         "异地就医备案": 4, "耕地地力保护补贴": 3, "高龄津贴申领": 3}
REQUESTS = 1000
RATING_TABLE = [5] * 70 + [4] * 20 + [3] * 6 + [2] * 3 + [1]
RESULTS = ["已办结，结果已送达本人", "材料已报镇便民服务中心，已办结", "当场办结",
           "已电话告知办理结果"]
RETURN_REASONS = ["材料不全，已一次性告知需补交的材料", "不符合申请条件，已解释政策",
                  "本人要求撤回"]
FIX_NOTES = ["已上门解释政策并致歉", "已协调镇里加快办理", "已重新办理，群众表示认可"]


def add_catalogue(writer: RowWriter, day: date) -> list[dict]:
    return [writer.add(ServiceItem, at(day, 9, n), None, department=department, name=name,
                       kind=kind, time_limit_days=limit, sensitive=sensitive,
                       materials="本人身份证；户口簿" if kind != "immediate" else "")
            for n, (department, name, kind, limit, sensitive) in enumerate(CATALOGUE)]


def add_requests(writer: RowWriter, rng: random.Random, town: Governance, today: date,
                 items: list[dict]) -> None:
    """About :data:`REQUESTS` requests over the last year at the counters; the central
    villages' own people come most."""
    weighted = [i for i in items for _ in range(OFTEN.get(i["name"], 1))]
    # The town's holidays as the sample's 节假日 records have them (demo/rota.py).
    calendar = official_calendar(today.year - 1, today.year, today.year + 1)
    for _ in range(REQUESTS):
        village = rng.choice(town.villages)
        agents = village.committee + town.cadres.get(village.cluster_id, [])
        item = rng.choice(weighted)
        received = today - timedelta(days=int(rng.random() ** 1.2 * 365))
        due = add_working_days(received, item["time_limit_days"], calendar)
        age = (today - received).days
        roll = rng.random()
        if age > 40 or roll < 0.7 or not item["time_limit_days"]:  # 即办: done at once
            status = "returned" if rng.random() < 0.04 else "done"
        else:
            status = "in_progress" if roll < 0.9 else "accepted"
        done_on = None
        if status == "done":
            late = rng.random() < 0.05
            done_on = min(today, due + timedelta(days=rng.randint(1, 6)) if late
                          else received + timedelta(days=int(rng.random() * (due - received).days)))
        rating = rng.choice(RATING_TABLE) if status == "done" and rng.random() < 0.85 else None
        poor = rating is not None and rating <= 2
        writer.add(
            ServiceRequest, at(received, rng.randint(8, 16), rng.randint(0, 59)), None,
            cluster_id=village.cluster_id, village_id=village.id,
            applicant=names.person_name(rng), phone=f"1{rng.choice('35789')}{rng.randint(0, 9)}"
            f"{rng.randint(10_000_000, 99_999_999)}", item_id=item["id"], received_on=received,
            agent_id=rng.choice(agents) if agents else None, status=status,
            return_reason=rng.choice(RETURN_REASONS) if status == "returned" else "",
            due_on=due, done_on=done_on,
            result=rng.choice(RESULTS) if status == "done" else "", rating=rating,
            fix_due_on=add_working_days(done_on, 15, calendar) if poor and done_on else None,
            fix_note=rng.choice(FIX_NOTES) if poor and rng.random() < 0.7 else "")
