"""Every declared field, traced through the whole app: a value typed once is saved by the
service, shown by ``lianjian-cli``, listed in its screen's row, loaded back into its form,
named in the conflict list, and (for the task ledger) printed in the Word ledger.

A record type's fields are declared once (``desktop_app/records/types``); this test proves
that each reader of the declarations really reads them. A new field must get a sample value
here, which is the point: the test then walks it through every layer.
"""

from __future__ import annotations

import io
import types
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from docx import Document

import desktop_app.__main__ as entry
from desktop_app.documents.ledger import export_ledger
from desktop_app.records.fields import MANY, Kind
from desktop_app.records.types import RECORD_TYPES, field_label
from tests import industry_samples
from tests.factories import SmallTown

TODAY = date.today()
NOW = datetime.now().replace(second=0, microsecond=0)


def _task(town: SmallTown, services) -> dict[str, Any]:
    item = services.agenda.create(cluster_id=town.huangqu, title="来源议题")
    return {"cluster_id": town.huangqu, "title": "清理排水沟", "description": "村东排水沟淤积",
            "village_ids": [town.villages["黄璩村"], town.villages["韩璩村"]],
            "assignee_id": town.people["王建国"], "agenda_item_id": item.id,
            "decision_id": None, "priority": 1, "status": "reported", "found_on": TODAY,
            "due_on": TODAY, "solved_at": NOW, "reported_at": NOW}


def _agenda(town: SmallTown, services) -> dict[str, Any]:
    return {"cluster_id": town.huangqu, "title": "生产路硬化", "description": "群众反映路难走",
            "source": "cadre", "category": "公益事业", "raised_on": TODAY,
            "analysis": "需要四村共同出资", "measures": "先测量再招标", "status": "open",
            "village_ids": [town.villages["黄璩村"]]}


def _meeting(town: SmallTown, services) -> dict[str, Any]:
    return {"cluster_id": town.huangqu, "kind": "committees", "title": "十二月联席会议",
            "start": NOW, "place": "黄璩村党群服务中心", "chair_id": town.people["王建国"],
            "recorder_id": town.people["李秀英"], "summary": "研究冬季防火",
            "attendees": [{"person_id": town.people["王建国"], "attendance": "present"}],
            "agenda": [], "decisions": []}


def _activity(town: SmallTown, services) -> dict[str, Any]:
    team = services.teams.create(cluster_id=town.huangqu, name="黄璩党员志愿服务队")
    return {"cluster_id": town.huangqu, "team_id": team.id, "title": "义诊进村",
            "held_on": TODAY, "start_time": time(8, 30), "end_time": time(11, 0),
            "place": "黄璩村广场", "content": "量血压", "people_served": 40, "kind": "fair",
            "participants": {town.people["张志强"]: 2.5}}


def _team(town: SmallTown, services) -> dict[str, Any]:
    return {"cluster_id": town.huangqu, "name": "巾帼志愿服务队", "kind": "巾帼",
            "leader_id": town.people["刘芳"]}


def _person(town: SmallTown, services) -> dict[str, Any]:
    return {"name": "周丽", "cluster_id": town.huangqu, "village_id": town.villages["杨璩村"],
            "post": "妇联主席", "gender": "女", "phone": "13905461234",
            "id_number": "37052319850315002X", "birth_year": 1985, "note": "返乡大学生",
            "roles": ["volunteer"], "tags": ["青雁"]}


def _village(town: SmallTown, services) -> dict[str, Any]:
    return {"cluster_id": town.huangqu, "name": "新庄村", "households": 210,
            "population": 760, "position": 7}


def _cluster(town: SmallTown, services) -> dict[str, Any]:
    return {"town_id": town.town, "name": "新庄联合党支部", "central_village_id": None,
            "note": "2026年新建", "position": 30}


def _in_pool(town: SmallTown, services, *names: str) -> None:
    for name in names:
        services.pool.create(cluster_id=town.huangqu, person_id=town.people[name])


def _pool_member(town: SmallTown, services) -> dict[str, Any]:
    return {"cluster_id": town.huangqu, "person_id": town.people["王建国"],
            "village_id": town.villages["黄璩村"], "role": "town_liaison", "note": "镇驻村"}


def _rota_pattern(town: SmallTown, services) -> dict[str, Any]:
    _in_pool(town, services, "王建国")
    return {"cluster_id": town.huangqu, "weekdays": "135", "officers_per_day": 2,
            "required_role": "village_committee", "note": "周一三五值班"}


def _holiday(town: SmallTown, services) -> dict[str, Any]:
    return {"cluster_id": town.huangqu, "day": TODAY, "kind": "holiday", "name": "庙会"}


def _rota_turn(town: SmallTown, services) -> dict[str, Any]:
    _in_pool(town, services, "王建国")
    return {"cluster_id": town.huangqu, "day": TODAY, "person_id": town.people["王建国"],
            "on_holiday": True, "note": "节前值守"}


def _rota_swap(town: SmallTown, services) -> dict[str, Any]:
    _in_pool(town, services, "王建国", "李秀英")
    for name, day in (("王建国", TODAY), ("李秀英", TODAY + timedelta(days=1))):
        services.turns.create(cluster_id=town.huangqu, day=day, person_id=town.people[name],
                              on_holiday=True)
    return {"cluster_id": town.huangqu, "kind": "exchange", "from_person_id":
            town.people["王建国"], "to_person_id": town.people["李秀英"], "day": TODAY,
            "other_day": TODAY + timedelta(days=1), "reason": "参加培训",
            "from_agreed": True, "to_agreed": True}


def _duty_leave(town: SmallTown, services) -> dict[str, Any]:
    _in_pool(town, services, "李秀英")
    return {"cluster_id": town.huangqu, "person_id": town.people["李秀英"], "start_on": TODAY,
            "end_on": TODAY + timedelta(days=2), "reason": "因病住院"}


def _scheme_values(town: SmallTown, services) -> dict[str, Any]:
    return {"quarter": "2026Q3", "title": "2026年第三季度擂台比武", "flag_count": 2,
            "flag_min_score": 85.5, "flag_mode": "top", "veto_excludes": False,
            "red_count": 8, "black_count": 3, "note": "方案经镇党委会研究"}


def _scheme_with_group(services) -> tuple[str, str]:
    scheme = services.assess_schemes.create(quarter="2026Q4", title="第四季度擂台比武")
    group = services.assess_groups.create(scheme_id=scheme.id, name="党建引领", weight=100)
    return scheme.id, group.id


def _assess_group(town: SmallTown, services) -> dict[str, Any]:
    scheme = services.assess_schemes.create(quarter="2026Q4", title="第四季度擂台比武")
    return {"scheme_id": scheme.id, "name": "重点工作", "weight": 25, "position": 2}


def _assess_indicator(town: SmallTown, services) -> dict[str, Any]:
    scheme_id, group_id = _scheme_with_group(services)
    return {"scheme_id": scheme_id, "group_id": group_id, "code": "A1", "name": "按期解决率",
            "source": "tasks_solved_on_time", "rule": "bands",
            "params": '{"bands": [[95, 10], [90, 8]]}', "max_points": 10, "position": 1}


def _jury_indicator(services) -> tuple[str, str]:
    scheme_id, group_id = _scheme_with_group(services)
    indicator = services.assess_indicators.create(
        scheme_id=scheme_id, group_id=group_id, code="B1", name="现场比武", source="jury",
        rule="direct", max_points=20)
    return scheme_id, indicator.id


def _assess_score(town: SmallTown, services) -> dict[str, Any]:
    scheme_id, indicator_id = _jury_indicator(services)
    return {"scheme_id": scheme_id, "indicator_id": indicator_id, "assessed_id": town.huangqu,
            "judge": "评委一", "points": 17.5, "note": "汇报材料扎实"}


def _assess_adjustment(town: SmallTown, services) -> dict[str, Any]:
    scheme_id, _ = _scheme_with_group(services)
    return {"scheme_id": scheme_id, "assessed_id": town.zhangdan, "kind": "penalty",
            "points": 2.5, "reason": "矛盾纠纷上交", "evidence": "镇信访办通报",
            "approver": "王书记", "happened_on": TODAY}


def _self_report(town: SmallTown, services) -> dict[str, Any]:
    scheme_id, _ = _scheme_with_group(services)
    return {"scheme_id": scheme_id, "cluster_id": town.huangqu, "summary": "本季度完成议题 5 件",
            "claimed_points": 92.5, "evidence": town.villages["黄璩村"]}


def _grid(town: SmallTown, services) -> dict[str, Any]:
    return {"village_id": town.villages["黄璩村"], "code": "370523100001009",
            "name": "黄璩村第九网格", "head_id": town.people["王建国"],
            "worker_id": town.people["李秀英"]}


def _micro_grid(town: SmallTown, services) -> dict[str, Any]:
    grid = services.grids.create(**_grid(town, services))
    return {"grid_id": grid.id, "name": "黄璩村三组", "leader_id": town.people["王建国"],
            "households": 48, "key_households": 3, "party_household": "王树林"}


def _grid_visit(town: SmallTown, services) -> dict[str, Any]:
    micro = services.micro_grids.create(**_micro_grid(town, services))
    return {"micro_grid_id": micro.id, "visited_on": TODAY, "visitor_id": town.people["王建国"],
            "kind": "opinion", "households": 15, "heard": "希望硬化生产路",
            "problems": "村南生产路坑洼"}


def _dispute(town: SmallTown, services) -> dict[str, Any]:
    micro = services.micro_grids.create(**_micro_grid(town, services))
    return {"village_id": town.villages["黄璩村"], "micro_grid_id": micro.id,
            "registered_on": TODAY, "source": "grid", "category": "homestead",
            "parties": "张三丰（申请人）、李四光（被申请人）", "summary": "宅基地边界争执",
            "risk": "orange", "mediators": "王建国、李秀英", "status": "closed",
            "outcome": "success", "transferred_to": "", "agreement": "按原界址砌墙",
            "agreement_on": TODAY, "closed_on": TODAY, "followup_on": TODAY,
            "followup_result": "已履行，双方满意"}


def _zero_report(town: SmallTown, services) -> dict[str, Any]:
    return {"cluster_id": town.huangqu, "reported_on": TODAY, "reporter_id": town.people["王建国"],
            "note": "本日无新增矛盾纠纷"}


def _service_item(town: SmallTown, services) -> dict[str, Any]:
    return {"department": "医保", "name": "异地就医备案", "kind": "reported",
            "time_limit_days": 3, "materials": "身份证、医保卡", "sensitive": True,
            "active": True}


def _service_request(town: SmallTown, services) -> dict[str, Any]:
    item = services.service_items.create(**_service_item(town, services))
    return {"village_id": town.villages["黄璩村"], "applicant": "张桂兰",
            "phone": "13905461234", "item_id": item.id, "received_on": TODAY,
            "agent_id": town.people["王建国"], "status": "done", "return_reason": "",
            "done_on": TODAY, "result": "已备案", "rating": 2, "fix_note": "已回访解释"}


# table -> (service, sample values, CLI group with a show command or None, form class)
TRACED: dict[str, tuple[str, Callable, str | None, str | None]] = {
    "work_task": ("tasks", _task, "task", "ui.forms.task_form.TaskForm"),
    "agenda_item": ("agenda", _agenda, "agenda", "ui.forms.agenda_form.AgendaForm"),
    "meeting": ("meetings", _meeting, "meeting", "ui.forms.meeting_form.MeetingForm"),
    "volunteer_activity": ("activities", _activity, "activity",
                           "ui.forms.activity_form.ActivityForm"),
    "volunteer_team": ("teams", _team, None, "ui.forms.team_form.TeamForm"),
    "person": ("people", _person, "person", "ui.forms.person_form.PersonForm"),
    "village": ("villages", _village, None, None),
    "cluster": ("clusters", _cluster, None, None),
    "duty_pool_member": ("pool", _pool_member, "pool", "ui.forms.rota_forms.PoolForm"),
    "rota_pattern": ("patterns", _rota_pattern, "rota-pattern", "ui.forms.rota_forms.PatternForm"),
    "holiday": ("holidays", _holiday, "holiday", "ui.forms.rota_forms.HolidayForm"),
    "rota_turn": ("turns", _rota_turn, "rota-turn", "ui.forms.rota_forms.TurnForm"),
    "rota_swap": ("swaps", _rota_swap, "swap", "ui.forms.rota_forms.SwapForm"),
    "duty_leave": ("leave", _duty_leave, "leave", "ui.forms.rota_forms.LeaveForm"),
    "assess_scheme": ("assess_schemes", _scheme_values, None, None),
    "assess_group": ("assess_groups", _assess_group, None, None),
    "assess_indicator": ("assess_indicators", _assess_indicator, None, None),
    "assess_score": ("assess_scores", _assess_score, None, None),
    "assess_adjustment": ("assess_adjustments", _assess_adjustment, None, None),
    "assess_self_report": ("self_reports", _self_report, None, None),
    "grid": ("grids", _grid, "grid", "ui.forms.governance_forms.GridForm"),
    "micro_grid": ("micro_grids", _micro_grid, "microgrid",
                   "ui.forms.governance_forms.MicroGridForm"),
    "grid_visit": ("visits", _grid_visit, "visit", "ui.forms.governance_forms.VisitForm"),
    "dispute": ("disputes", _dispute, "dispute", "ui.forms.governance_forms.DisputeForm"),
    "dispute_zero_report": ("zero_reports", _zero_report, None, None),
    "service_item": ("service_items", _service_item, "service-item",
                     "ui.forms.governance_forms.ServiceItemForm"),
    "service_request": ("service_requests", _service_request, "service",
                        "ui.forms.governance_forms.ServiceRequestForm"),
}
TRACED.update(industry_samples.TRACED)
# Declared record types written elsewhere than create(): shifts by 值班 (start/end), the
# town once at set-up, certificates only by issuing them; rows of another record (progress
# notes, attendees ...) through their parent.
NOT_CREATED = {"duty_shift", "town", "certificate_record"}


def test_every_record_type_of_its_own_is_traced():
    """No record type escapes the trace: each is traced here or said to be written
    elsewhere."""
    own = {t for t, declared in RECORD_TYPES.items() if declared.parent is None}
    assert own == set(TRACED) | NOT_CREATED


def cli(db_path, *args) -> str:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = entry.main(["--db", str(db_path), *args])
    assert code == 0, err.getvalue()
    return out.getvalue()


def _form_class(path: str):
    module, name = path.rsplit(".", 1)
    return getattr(__import__(module, fromlist=[name]), name)


def _same(expected: Any, shown: Any) -> bool:
    if isinstance(expected, list):
        return set(expected) == set(shown or [])
    return expected == shown


@pytest.mark.parametrize("table", sorted(TRACED))
def test_each_declared_field_travels_through_every_layer(table, services, db, on_shift,
                                                         qtbot, tmp_path):
    """What a duty officer types in any field is saved, shown by the command line with the
    field's own label, listed, loaded back into the form, and named by that label in the
    conflict list."""
    service_name, sample, group, form_path = TRACED[table]
    declared = RECORD_TYPES[table]
    service = getattr(services, service_name)
    values = sample(on_shift, services)
    assert set(values) == set(declared.accepted), "give every declared field a sample value"
    record = service.create(**values)

    # the service's display row holds every field as a person reads it
    row = service.rows([record.id])[record.id]
    for spec in declared.fields:
        if spec.kind is not Kind.ROWS:
            assert spec.shown_as in row, spec.name
            if values.get(spec.name) not in (None, [], ""):
                assert row[spec.shown_as] not in (None, "", []), spec.name

    # lianjian-cli shows each field under its declared label
    if group:
        shown = cli(db.path, group, "show", record.id)
        for spec in declared.fields:
            if spec.kind is not Kind.ROWS and values.get(spec.name) not in (None, [], ""):
                assert spec.label in shown, (spec.name, spec.label)

    # the list screen's columns are the declared ones, and the row has their values
    from ui.record_model import declared_columns

    for column in declared_columns(table):
        assert column.key in row, column.key

    # the form loads every declared form field back as it was saved
    if form_path:
        form = _form_class(form_path)(services, record.id)
        qtbot.addWidget(form)
        loaded = form.collect()
        for spec in declared.form_fields:
            if spec.kind is Kind.ROWS or spec.name not in values:
                continue
            expected = values[spec.name]
            if spec.name in loaded:
                assert _same(expected, loaded[spec.name]), (spec.name, loaded[spec.name])
            elif spec.sensitive:  # loaded masked, saved as it was unless revealed (显示)
                assert spec.name in getattr(form, "masked", ()), spec.name
            else:
                assert spec.kind in MANY or spec.name in form.also_edits, spec.name
        for spec in declared.form_fields:
            assert spec.name in form.error_labels or spec.name in form.also_edits, spec.name

    # the conflict list names every field by its declared label
    from ui.sync_conflicts import field_text

    for spec in declared.fields:
        conflict = types.SimpleNamespace(tbl=table, field=spec.name)
        assert field_text(conflict) == spec.label == field_label(table, spec.name)


def test_the_task_ledger_prints_each_field_declared_for_documents(services, on_shift,
                                                                  tmp_path):
    """Each task field marked for documents is a column of the 工作任务台账, headed by its
    declared label, with the value filled in."""
    values = _task(on_shift, services)
    services.tasks.create(**values)
    out = export_ledger(services, tmp_path / "台账.docx")
    table = Document(str(out)).tables[0]
    header = " ".join(c.text for c in table.rows[0].cells)
    body = " ".join(c.text for c in table.rows[1].cells)
    for spec in RECORD_TYPES["work_task"].document_columns:
        assert spec.label in header, spec.label
    assert "清理排水沟" in body and "王建国" in body and "高" in body
