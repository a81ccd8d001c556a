"""The dashboard's tiles: today's numbers, each with the list query behind it (plain data).

A tile's figure and the list it opens come from the same ``ListQuery`` (``tile_query``), so
the count on the tile is the number of rows the list shows. The second row is 治理联抓's three
figures (``reports.governance.FIGURES``): each opens its tab of the 治理 page with that tab's
仅… filter, the same query (``governance_tile``); beside them the agreements still within
their 30-day 司法确认 window (a list, like the first row's). Built off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from desktop_app.reports.governance import FIGURES
from desktop_app.reports.stats import hours_by_month
from desktop_app.services import ListQuery, Services

OVERDUE, DUE_TODAY, WAITING, HOURS, CONFLICTS, SYNC_AGE = (
    "overdue", "due_today", "waiting", "hours", "conflicts", "sync_age")
INDUSTRY, TALENT = "industry", "talent"
CONFIRM = "dispute_confirm"  # agreements within their 30-day 司法确认 window
# Tiles that open a screen rather than a list.
SCREEN_OF_TILE = {CONFLICTS: "同步", SYNC_AGE: "同步", INDUSTRY: "产业", TALENT: "人才"}

# 治理联抓's tiles: key -> (the 治理 page's tab, label, service), from its attention figures.
GOVERNANCE_TILES = {f"governance_{service}": (tab, label, service)
                    for tab, label, service in FIGURES}
GOVERNANCE_SCREEN = "治理"
# (the tile's short label, its hint): the second row's tiles are one line each.
GOVERNANCE_WORDS = {"micro_grids": ("微网格未走访", "超过走访周期未走访的微网格"),
                    "disputes": ("纠纷超期未结", "受理满一个月（调解期限）仍未结案的纠纷"),
                    "service_requests": ("代办超时", "超过办结时限（工作日）仍未办结的代办")}

# The record type each list tile shows, by service.
TABLE_OF_SERVICE = {"tasks": "work_task", "agenda": "agenda_item",
                    "activities": "volunteer_activity", "micro_grids": "micro_grid",
                    "disputes": "dispute", "service_requests": "service_request"}


@dataclass(frozen=True)
class Tile:
    key: str
    label: str  # e.g. "逾期任务"
    value: str  # the big figure as shown: "3", "12.5", "—"
    unit: str  # "项", "小时", "天"
    level: str  # "normal", "good", "amber" or "red": one colour language for every status
    hint: str  # a sentence under the figure: what it means or what to do next
    count: int | None  # rows of the list the tile opens (None: it opens a screen instead)
    row: int = 0  # 0: today's work; 1: 治理联抓


def governance_tile(key: str, cluster_id: str | None) -> tuple[str, str, ListQuery] | None:
    """The 治理 page's tab, service and query behind a 治理联抓 tile (None: not one): the
    tab's own 仅… filter over the cluster, nothing else."""
    if key not in GOVERNANCE_TILES:
        return None
    tab, _label, service = GOVERNANCE_TILES[key]
    return tab, service, ListQuery(cluster_id=cluster_id, overdue=True, limit=None)


def tile_query(key: str, cluster_id: str | None,
               today: date | None = None) -> tuple[str, ListQuery] | None:
    """The service and query of the list behind a tile; None for tiles that open a screen."""
    today = today or date.today()
    if key == OVERDUE:
        return "tasks", ListQuery(cluster_id=cluster_id, overdue=True, limit=None,
                                  order_by="due_on")
    if key == DUE_TODAY:
        return "tasks", ListQuery(cluster_id=cluster_id, date_from=today, date_to=today,
                                  limit=None, extra={"open_only": True})
    if key == WAITING:
        return "agenda", ListQuery(cluster_id=cluster_id, limit=None,
                                   extra={"unfinished": True}, order_by="raised_on")
    if key == HOURS:
        return "activities", ListQuery(cluster_id=cluster_id, date_from=today.replace(day=1),
                                       date_to=today, limit=None)
    if key == CONFIRM:
        return "disputes", ListQuery(cluster_id=cluster_id, limit=None,
                                     extra={"confirm_open": True})
    return None


def chart_query(target: tuple, cluster_id: str | None,
                village_ids: dict[str, str] | None = None) -> tuple[str, ListQuery, str]:
    """The service, query and title of the records behind a chart's bar or point:
    ("tasks", village name, status), ("hours", "2026-09") or ("step", n; 0 = 已办结)."""
    from calendar import monthrange

    from desktop_app.records.vocabulary import STEP_SHORT, TASK_STATUSES

    kind = target[0]
    if kind == "tasks":
        _kind, village, status = target
        return "tasks", ListQuery(cluster_id=cluster_id, limit=None, status=status,
                                  village_id=(village_ids or {}).get(village)), \
            f"{village} · {TASK_STATUSES.get(status, status)}的任务"
    if kind == "hours":
        year, month = int(target[1][:4]), int(target[1][5:])
        first = date(year, month, 1)
        last = date(year, month, monthrange(year, month)[1])
        return "activities", ListQuery(cluster_id=cluster_id, date_from=first, date_to=last,
                                       limit=None), f"{year} 年 {month} 月的志愿服务活动"
    step = target[1]
    if step == 0:
        return "agenda", ListQuery(cluster_id=cluster_id, status="completed", limit=None), \
            "已办结的议题"
    return "agenda", ListQuery(cluster_id=cluster_id, limit=None,
                               extra={"waiting_step": step}), f"待{STEP_SHORT[step]}的议题"


def sync_level(days: int | None, warn_days: int) -> str:
    """Amber after ``warn_days`` days without a sync, red after twice that."""
    if days is None:
        return "red"
    if days >= 2 * warn_days:
        return "red"
    if days >= warn_days:
        return "amber"
    return "good"


def days_since(moment: datetime | None, today: date) -> int | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0, (today - moment.astimezone().date()).days)


def days_since_town_sync(services: Services, today: date) -> int | None:
    """Days since a file from the town was last read here (None: never)."""
    received = [p.last_received_at for p in services.sync.peers()
                if p.role == "town" and p.status == "approved" and p.last_received_at]
    return days_since(max(received), today) if received else None


def build_tiles(services: Services, cluster_id: str | None, *, warn_days: int = 7,
                today: date | None = None) -> list[Tile]:
    today = today or services.db.wall.today()  # a date confirmed by hand counts
    counts: dict[str, int] = {}
    for key in (OVERDUE, DUE_TODAY, WAITING, HOURS, CONFIRM):
        found = tile_query(key, cluster_id, today)
        assert found is not None
        service, query = found
        counts[key] = len(getattr(services, service).ids(query))
    hours = hours_by_month(services.db, cluster_id, months=1, today=today)[0][1]
    if cluster_id and cluster_id != services.sync.office().cluster_id:
        # Another cluster's dashboard (the town's 全镇概况 opens them): its records' conflicts.
        from desktop_app.reports.town import conflicts_by_cluster

        conflicts = conflicts_by_cluster(services).get(cluster_id, 0)
    else:
        conflicts = len(services.sync.conflicts())
    tiles = [
        Tile(OVERDUE, "逾期任务", str(counts[OVERDUE]), "项",
             "red" if counts[OVERDUE] else "good",
             "点击查看并催办" if counts[OVERDUE] else "没有逾期的任务", counts[OVERDUE]),
        Tile(DUE_TODAY, "今日到期", str(counts[DUE_TODAY]), "项",
             "amber" if counts[DUE_TODAY] else "normal",
             "今天截止、未办结", counts[DUE_TODAY]),
        Tile(WAITING, "待推进的议题", str(counts[WAITING]), "项", "normal",
             "四议两公开未走完", counts[WAITING]),
        Tile(HOURS, "本月志愿服务时长", f"{hours:g}", "小时", "normal",
             f"本月 {counts[HOURS]} 次活动", counts[HOURS]),
        Tile(CONFLICTS, "待处理冲突", str(conflicts), "项", "amber" if conflicts else "good",
             "到“同步”页确认" if conflicts else "没有待确认的冲突", None),
    ]
    for key, (_tab, _label, service) in GOVERNANCE_TILES.items():
        listed = governance_tile(key, cluster_id)
        assert listed is not None
        count = len(getattr(services, service).ids(listed[2]))
        label, hint = GOVERNANCE_WORDS[service]
        tiles.append(Tile(key, label, str(count), "个" if service == "micro_grids" else "件",
                          "red" if count else "good",
                          f"{hint}：点击查看" if count else "没有需要催办的", count, row=1))
        if service == "disputes":  # beside it: agreements still within their window
            tiles.append(Tile(CONFIRM, "司法确认期内", str(counts[CONFIRM]), "件",
                              "amber" if counts[CONFIRM] else "normal",
                              "调解协议生效未满 30 日的纠纷：可提醒双方共同申请司法确认",
                              counts[CONFIRM], row=1))
    if services.sync.office().is_town:
        return tiles
    days = days_since_town_sync(services, today)
    level = sync_level(days, warn_days)
    if days is None:  # no figure: the words say it (not "— 天")
        value, unit, hint = "未同步", "", "从未读入镇里文件"
    else:
        value, unit = str(days), "天"
        hint = "请尽快与镇同步" if level != "good" else "同步及时"
    tiles.append(Tile(SYNC_AGE, "距上次与镇同步", value, unit, level, hint, None))
    return tiles
