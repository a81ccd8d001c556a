"""``check``: is the database file sound? Read-only (the file is neither migrated nor changed)
unless ``--rebuild-index`` asks for the search index to be built again first.

Runs SQLite's ``integrity_check`` and ``foreign_key_check``, compares the schema revision
with this program's, and checks that the search index has one text row per document.
Any problem makes the command end with exit code 1.
"""

from __future__ import annotations

import sqlite3

from desktop_app.cli.parser import add_command
from desktop_app.records.errors import UserError


def register(commands) -> None:
    parser = add_command(commands, "check", "检查数据库文件是否完好（只读，不作修改）", check)
    parser.add_argument("--rebuild-index", action="store_true",
                        help="先从各记录重建检索索引（会写入数据库），再检查")


def _rebuild_index(ctx) -> int:
    from desktop_app.search.indexing import rebuild
    from desktop_app.search.sort_keys import backfill

    with ctx.db.begin() as connection:
        backfill(connection)  # the pinyin sort keys too (empty if Alembic alone migrated)
        return rebuild(connection)


def _connect(path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _schema(path) -> dict:
    from db.migrate import current_revision, head_revision

    current, head = current_revision(path), head_revision()
    if current is None:
        status, problem = "未初始化（请运行 init）", True
    elif current == head:
        status, problem = "最新", False
    else:
        from alembic.script import ScriptDirectory

        from db.migrate import MIGRATIONS_DIR

        known = {rev.revision for rev in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}
        if current in known:
            status, problem = "较旧，打开时会自动备份并升级", False
        else:
            status, problem = "来自更新版本的程序，本程序无法打开", True
    return {"revision": current, "head": head, "status": status, "problem": problem}


def _search_index(connection: sqlite3.Connection) -> dict | None:
    tables = {row[0] for row in
              connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"search_doc", "search_fts"} <= tables:
        return None
    docs = connection.execute("SELECT count(*) FROM search_doc").fetchone()[0]
    texts = connection.execute("SELECT count(*) FROM search_fts").fetchone()[0]
    return {"documents": docs, "texts": texts, "consistent": docs == texts}


def check(ctx, args) -> None:
    path = ctx.db_path
    if not path.is_file():
        raise UserError(f"数据库文件不存在：{path}")
    problems: list[str] = []
    report: dict = {"db": str(path)}
    if args.rebuild_index:
        report["rebuilt_index"] = _rebuild_index(ctx)
    try:
        connection = _connect(path)
        try:
            integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            foreign = [{"table": t, "rowid": r, "parent": p, "fkid": f}
                       for t, r, p, f in connection.execute("PRAGMA foreign_key_check")]
            index = _search_index(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise UserError(f"无法读取数据库 {path}：{error}") from None
    report.update(integrity_check=integrity, foreign_key_check=foreign,
                  schema=_schema(path), search_index=index)
    if integrity != ["ok"]:
        problems += [f"完整性：{line}" for line in integrity]
    problems += [f"外键：{row['table']} 第 {row['rowid']} 行引用的 {row['parent']} 记录不存在"
                 for row in foreign]
    if report["schema"]["problem"]:
        problems.append(f"结构版本：{report['schema']['status']}")
    if index is not None and not index["consistent"]:
        problems.append(f"检索索引不一致：{index['documents']} 个文档，{index['texts']} 条文本")
    report.update(ok=not problems, problems=problems)
    ctx.out.message(report, lambda: _text(report))
    if problems:
        raise UserError(f"数据库检查发现 {len(problems)} 个问题")


def _text(report: dict) -> str:
    schema, index = report["schema"], report["search_index"]
    foreign = len(report["foreign_key_check"])
    lines = [f"检索索引已重建：{report['rebuilt_index']} 条"] if "rebuilt_index" in report else []
    lines += [
        f"数据库：{report['db']}",
        "完整性检查（integrity_check）："
        + ("正常" if report["integrity_check"] == ["ok"] else "有问题"),
        "外键检查（foreign_key_check）：" + (f"{foreign} 处问题" if foreign else "正常"),
        f"结构版本：{schema['revision'] or '无'}（{schema['status']}）",
    ]
    if index is not None:
        state = "正常" if index["consistent"] else "不一致"
        lines.append(f"检索索引：{index['documents']} 个文档，{state}")
    lines += [f"  - {problem}" for problem in report["problems"]]
    lines.append("检查通过。" if report["ok"] else "检查未通过。")
    return "\n".join(lines)
