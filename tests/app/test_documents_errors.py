"""What a clerk sees when something is in the way of a Word document: a town's own
template (used, or refused with a clear message), a file open in Word, a bad id or period
on the command line; and the certificate register's numbering."""

from __future__ import annotations

import io
import re
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from datetime import date, datetime, time
from pathlib import Path

import pytest
from docx import Document

from desktop_app import documents
from desktop_app.cli.main import main as cli_main
from desktop_app.config.paths import data_home, resource_path
from desktop_app.documents import skeleton, template, writer
from desktop_app.records.errors import UserError


@pytest.fixture
def meeting(services, on_shift):
    """A meeting of the 黄璩 cluster with one attendee."""
    return services.meetings.create(
        cluster_id=on_shift.huangqu, title="联席会议", start=datetime(2026, 3, 5, 9),
        attendees=[{"person_id": on_shift.people["王建国"], "attendance": "present"}])


def town_template(name: str) -> Path:
    folder = data_home() / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.docx"


# --- templates -------------------------------------------------------------------------


def test_shipped_templates_are_small_and_match_the_script(tmp_path):
    """The committed templates are what make_templates.py writes, each well under 40 KB."""
    skeleton.make_all(tmp_path)
    for spec in skeleton.SPECS:
        committed = resource_path("templates", f"{spec.name}.docx")
        assert committed.stat().st_size < 40 * 1024
        with zipfile.ZipFile(committed) as old, zipfile.ZipFile(tmp_path / committed.name) as new:
            assert sorted(old.namelist()) == sorted(new.namelist())
            for member in old.namelist():
                if member.startswith("word/"):
                    assert old.read(member) == new.read(member), (spec.name, member)


def test_a_towns_own_template_wins(services, meeting, tmp_path):
    """A template saved in the data folder is used instead of the shipped one."""
    own = Document(str(resource_path("templates", "minutes.docx")))
    own.paragraphs[0].insert_paragraph_before("大王镇人民政府")
    own.save(str(town_template("minutes")))
    out = tmp_path / "记录.docx"
    documents.export_minutes(services, meeting.id, out)
    assert Document(str(out)).paragraphs[0].text == "大王镇人民政府"


def test_a_placeholder_word_split_over_runs_is_still_filled(services, meeting, tmp_path):
    """Word may cut {{标题}} into several runs when a person edits it; it is filled anyway."""
    own = Document(str(resource_path("templates", "minutes.docx")))
    title = next(p for p in own.paragraphs if p.text == "{{标题}}")
    title.runs[0].text = "{{标"
    title.add_run("题}}")
    own.save(str(town_template("minutes")))
    out = tmp_path / "记录.docx"
    documents.export_minutes(services, meeting.id, out)
    assert "会议记录" in [p.text for p in Document(str(out)).paragraphs]


@pytest.mark.parametrize("damage, message", [
    ("text", "不是 Word 文档（.docx）：无法作为压缩包打开"),
    ("zip", "缺少 word/document.xml"),
    ("no-placeholder", "缺少占位符 {{正文}}"),
    ("in-table", "应单独成段"),
])
def test_a_broken_or_foreign_template_is_refused_naming_the_file(services, meeting, tmp_path,
                                                                 damage, message):
    """Not a zip, a zip that is no Word file, or no {{正文}}: a Chinese message naming the
    template file, and no document is written."""
    path = town_template("minutes")
    if damage == "text":
        path.write_text("这不是模板", encoding="utf-8")
    elif damage == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "hello")
    elif damage == "no-placeholder":
        Document().save(str(path))
    else:
        foreign = Document()
        foreign.add_table(rows=1, cols=1).cell(0, 0).text = "{{正文}}"
        foreign.save(str(path))
    out = tmp_path / "记录.docx"
    with pytest.raises(template.TemplateError) as error:
        documents.export_minutes(services, meeting.id, out)
    assert message in str(error.value) and str(path) in str(error.value)
    assert not out.exists()


def _rewrite(path: Path, member: str, change) -> None:
    """Copy the shipped minutes template to ``path`` with ``member`` changed."""
    with zipfile.ZipFile(resource_path("templates", "minutes.docx")) as source, \
            zipfile.ZipFile(path, "w") as target:
        for item in source.namelist():
            data = source.read(item)
            target.writestr(item, change(data.decode("utf-8")) if item == member else data)


@pytest.mark.parametrize("damage, message", [
    ("attribute", "其中的样式（word/styles.xml）在第 2 行格式有误，无法读取"),
    ("cut", "其中的正文（word/document.xml）在第"),
    ("renamed", "样式“公文正文”被改名为“我的正文”（样式标识 GBBody）"),
    ("twins", "有 2 个样式使用同一标识 GBBody（“公文正文”和“正文副本”）"),
])
def test_a_damaged_template_is_explained_in_chinese(services, meeting, tmp_path, damage,
                                                    message):
    """Broken XML names the part and line in Chinese, not the parser's English; a renamed
    style of the standard, or two styles with one id, are named."""
    path = town_template("minutes")
    if damage == "attribute":  # a quote lost: lxml says "AttValue: \" or ' expected"
        _rewrite(path, "word/styles.xml",
                 lambda xml: xml.replace('w:styleId="GBBody"', "w:styleId=GBBody"))
    elif damage == "cut":
        _rewrite(path, "word/document.xml", lambda xml: xml[: len(xml) // 2])
    elif damage == "renamed":
        _rewrite(path, "word/styles.xml", lambda xml: xml.replace(
            '<w:name w:val="公文正文"/>', '<w:name w:val="我的正文"/>'))
    else:
        def twin(xml: str) -> str:
            start = xml.index('<w:style w:type="paragraph" w:customStyle="1" w:styleId="GBBody">')
            end = xml.index("</w:style>", start) + len("</w:style>")
            copy = xml[start:end].replace('w:val="公文正文"', 'w:val="正文副本"')
            return xml[:end] + copy + xml[end:]
        _rewrite(path, "word/styles.xml", twin)
    out = tmp_path / "记录.docx"
    with pytest.raises(template.TemplateError) as error:
        documents.export_minutes(services, meeting.id, out)
    text = str(error.value)
    assert message in text and str(path) in text, text
    assert not re.search("expected|Error|AttValue|line [0-9]", text), text
    assert not out.exists()


# --- saving ----------------------------------------------------------------------------


def test_a_file_open_in_word_gives_a_clear_message_and_stays_intact(services, meeting, tmp_path,
                                                                    monkeypatch):
    """Windows refuses to replace a file Word has open (PermissionError): the clerk is told to
    close it, the old file is untouched and no temporary file is left behind."""
    folder = tmp_path / "文书"
    folder.mkdir()
    out = folder / "记录.docx"
    out.write_bytes(b"the old minutes")

    def locked(source, target):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(writer.os, "replace", locked)
    with pytest.raises(UserError) as error:
        documents.export_minutes(services, meeting.id, out)
    assert str(error.value) == f"文件 {out} 正被其他程序（如 Word）打开，请关闭后重试"
    assert out.read_bytes() == b"the old minutes"
    assert sorted(p.name for p in folder.iterdir()) == ["记录.docx"]


def test_a_crash_while_writing_leaves_no_half_document(services, meeting, tmp_path, monkeypatch):
    """If writing fails half-way the target keeps its old content and nothing else remains."""
    folder = tmp_path / "文书"
    folder.mkdir()
    out = folder / "记录.docx"
    out.write_bytes(b"the old minutes")

    def crash(document, stream, step=None, spilled=()):
        stream.write(b"PK half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer, "save_package", crash)
    with pytest.raises(UserError, match="无法保存文件"):
        documents.export_minutes(services, meeting.id, out)
    assert out.read_bytes() == b"the old minutes"
    assert [p.name for p in folder.iterdir()] == ["记录.docx"]


def test_a_full_temporary_folder_is_named_and_leaves_nothing(tmp_path, monkeypatch):
    """A long table's rows wait in a temporary file: a full disk there is said in words,
    and no document is left half-written."""
    import io

    from desktop_app.documents import layout, render, tables

    class Full(io.BytesIO):
        def write(self, data):
            raise OSError(28, "No space left on device")

    def content(body):
        table = body.table([1, 3])
        for number in range(tables.CHUNK_ROWS + 1):
            table.row([number, "清理排水沟"])
        body.add_table(table)

    monkeypatch.setenv("LIANJIAN_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(tables.tempfile, "TemporaryFile", Full)
    out = tmp_path / "台账.docx"
    with pytest.raises(UserError, match="临时文件夹.*磁盘或U盘已满"):
        render.produce("ledger", {"标题": "台账"}, content, out,
                       table_pt=layout.LEDGER_TABLE_PT)
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".docx", ".tmp")]


@pytest.mark.parametrize("name, message", [("记录.txt", "应以 .docx 结尾"),
                                           ("没有的文件夹/记录.docx", "文件夹不存在")])
def test_a_bad_target_is_refused_before_anything_is_done(services, meeting, tmp_path, name,
                                                         message):
    """A name without .docx or a missing folder is refused with a clear message."""
    with pytest.raises(UserError, match=message):
        documents.export_minutes(services, meeting.id, tmp_path / name)


# --- the command line ------------------------------------------------------------------


def run_cli(db_path: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli_main(["--db", str(db_path), *args])
    return code, out.getvalue(), err.getvalue()


def test_cli_writes_minutes_and_says_where(db, meeting, tmp_path):
    """``export minutes ID --out F`` writes the file and prints its path."""
    out = tmp_path / "会议记录.docx"
    code, stdout, stderr = run_cli(db.path, "export", "minutes", meeting.id, "--out", str(out))
    assert code == 0, stderr
    assert out.is_file() and f"已导出会议记录：{out}" in stdout


@pytest.mark.parametrize("args, message", [
    (["export", "minutes", "no-such-meeting"], "找不到会议：no-such-meeting"),
    (["export", "register", "no-such-item"], "找不到议题：no-such-item"),
    (["export", "duty-log", "--from", "2026-03-31", "--to", "2026-03-01"], "不能晚于"),
    (["export", "duty-log", "--from", "2026-02-30", "--to", "2026-03-01"], "没有这一天"),
    (["export", "ledger", "--status", "done"], "任务状态“done”无效"),
    (["export", "ledger", "--cluster", "no-such-cluster"], "找不到联合党组织"),
    (["export", "certificate", "no-such-person", "--from", "2026-01-01", "--to", "2026-12-31"],
     "找不到人员"),
])
def test_cli_bad_ids_and_periods_end_with_one_error_line(db, on_shift, tmp_path, args, message):
    """A bad id or period: exit code 1, one line 错误：… on stderr, no file."""
    out = tmp_path / "文书.docx"
    code, stdout, stderr = run_cli(db.path, *args, "--out", str(out))
    assert code == 1
    assert stderr.startswith("错误：") and stderr.count("\n") == 1 and message in stderr
    assert not out.exists()


def test_cli_locked_file_ends_with_one_error_line(db, meeting, tmp_path, monkeypatch):
    """The file is open in Word: exit code 1 and the message to close it."""
    out = tmp_path / "纪要.docx"
    out.write_bytes(b"open in Word")
    monkeypatch.setattr(writer.os, "replace",
                        lambda *a: (_ for _ in ()).throw(PermissionError(13, "denied")))
    code, _, stderr = run_cli(db.path, "export", "summary", meeting.id, "--out", str(out))
    assert code == 1
    assert stderr == f"错误：文件 {out} 正被其他程序（如 Word）打开，请关闭后重试\n"


def test_cli_substitute_fonts_uses_the_map_from_settings(db, meeting, tmp_path):
    """``--substitute-fonts`` writes the replacements chosen in 设置."""
    from desktop_app.config.settings import Settings
    from desktop_app.documents.fonts import fonts_used

    settings = Settings.load()
    settings.font_substitutes = {"仿宋_GB2312": "FangSong", "方正小标宋简体": "黑体"}
    settings.save()
    out = tmp_path / "记录.docx"
    code, _, stderr = run_cli(db.path, "export", "minutes", meeting.id, "--out", str(out),
                              "--substitute-fonts")
    assert code == 0, stderr
    used = fonts_used(Document(str(out)))
    assert "FangSong" in used and "仿宋_GB2312" not in used and "方正小标宋简体" not in used


# --- the certificate register ----------------------------------------------------------


@pytest.fixture
def volunteer(services, on_shift) -> str:
    """张志强 served 2 hours on 2026-03-08 and 1.5 hours on 2027-01-10."""
    person = on_shift.people["张志强"]
    for held_on, hours in ((date(2026, 3, 8), 2), (date(2027, 1, 10), 1.5)):
        services.activities.create(cluster_id=on_shift.huangqu, title="义诊进村", held_on=held_on,
                                   start_time=time(9), end_time=time(11),
                                   participants={person: hours})
    return person


def test_certificate_numbers_count_up_per_year_and_are_never_reused(services, volunteer):
    """Numbers follow each other within a year, start again at 0001 in a new year, and a
    withdrawn certificate's number is not given again."""
    certificates = services.certificates

    def issue(year: int):
        start = date(year, 1, 1)
        return certificates.issue(volunteer, start, date(year, 12, 31),
                                  issued_on=date(year, 12, 31))

    first, second = issue(2026), issue(2026)
    assert first.number == "大王镇志证〔2026〕第0001号"
    assert second.number == "大王镇志证〔2026〕第0002号"
    certificates.delete(second.id)
    assert issue(2026).number == "大王镇志证〔2026〕第0003号"
    assert issue(2027).number == "大王镇志证〔2027〕第0001号"
    assert issue(2027).hours == 1.5


def test_a_certificate_that_cannot_be_written_takes_no_number(services, volunteer, tmp_path,
                                                              monkeypatch):
    """If the file cannot be saved, nothing is issued: the next certificate is still 0001."""
    monkeypatch.setattr(writer.os, "replace",
                        lambda *a: (_ for _ in ()).throw(PermissionError(13, "denied")))
    out = tmp_path / "证明.docx"
    with pytest.raises(UserError, match="正被其他程序"):
        documents.issue_certificate(services, volunteer, date(2026, 1, 1), date(2026, 12, 31), out)
    assert services.certificates.list().total == 0
    monkeypatch.undo()
    record = documents.issue_certificate(services, volunteer, date(2026, 1, 1),
                                         date(2026, 12, 31), out, issued_on=date(2026, 12, 31))
    assert record.number.endswith("〔2026〕第0001号") and out.is_file()


def test_no_certificate_without_service_in_the_period(services, volunteer):
    """A period with no recorded service gets no certificate (and no number)."""
    with pytest.raises(UserError, match="没有志愿服务记录"):
        services.certificates.issue(volunteer, date(2025, 1, 1), date(2025, 12, 31))
    with pytest.raises(UserError, match="不能晚于"):
        services.certificates.issue(volunteer, date(2026, 12, 31), date(2026, 1, 1))
    assert services.certificates.list().total == 0


# --- copies of issued certificates (补打) ------------------------------------------------


def _text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_a_copy_has_the_same_number_and_says_it_is_a_copy(services, volunteer, tmp_path):
    original = tmp_path / "原件.docx"
    record = documents.issue_certificate(services, volunteer, date(2026, 1, 1),
                                         date(2026, 12, 31), original,
                                         issued_on=date(2026, 12, 31))
    copy = tmp_path / "补打.docx"
    by_number = documents.reprint_certificate(services, record.number, copy,
                                              today=date(2027, 2, 3))
    assert by_number.id == record.id
    text = _text(copy)
    assert record.number in text
    assert "本件为2027年2月3日补打件，内容与原证明一致。" in text
    assert "补打" not in _text(original)
    # everything else is the original's text
    assert _text(original) in text.replace("\n本件为2027年2月3日补打件，内容与原证明一致。", "")
    assert services.certificates.list().total == 1  # a copy takes no number
    documents.reprint_certificate(services, record.id, tmp_path / "再补打.docx")  # by id too


def test_no_copy_once_the_service_changed_or_the_certificate_was_withdrawn(
        services, on_shift, volunteer, tmp_path):
    record = documents.issue_certificate(services, volunteer, date(2026, 1, 1),
                                         date(2026, 12, 31), tmp_path / "原件.docx",
                                         issued_on=date(2026, 12, 31))
    services.activities.create(cluster_id=on_shift.huangqu, title="清扫村道",
                               held_on=date(2026, 5, 1), start_time=time(8),
                               end_time=time(9), participants={volunteer: 1})
    copy = tmp_path / "补打.docx"
    with pytest.raises(UserError, match=r"有变动（现为3小时、2次，证明上为2小时、1次）"):
        documents.reprint_certificate(services, record.number, copy)
    assert not copy.exists()
    services.certificates.delete(record.id)
    with pytest.raises(UserError, match="已作废，不能补打"):
        documents.reprint_certificate(services, record.id, copy)
    with pytest.raises(UserError, match="找不到志愿服务时长证明：第9号"):
        documents.reprint_certificate(services, "第9号", copy)


def test_cli_lists_the_register_and_prints_a_copy(db, volunteer, tmp_path):
    code, _out, err = run_cli(db.path, "export", "certificate", volunteer, "--from",
                              "2026-01-01", "--to", "2026-12-31", "--out",
                              str(tmp_path / "原件.docx"))
    assert code == 0, err
    code, listing, err = run_cli(db.path, "certificate", "list", "--search", "张志")
    assert code == 0, err
    assert "第0001号" in listing and "张志强" in listing and "共 1 条" in listing
    number = "大王镇志证〔2026〕第0001号"
    copy = tmp_path / "补打.docx"
    code, out, err = run_cli(db.path, "export", "certificate-copy", number, "--out", str(copy))
    assert code == 0, err
    assert copy.is_file() and f"编号：{number}" in out
    code, out, err = run_cli(db.path, "certificate", "list", "--search", "李")
    assert code == 0 and "共 0 条" in out
