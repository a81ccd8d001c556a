"""``lianjian-cli``: the parser, global options, dispatch and exit codes.

Exit codes: 0 success; 1 for anything the person can fix (a bad value, an unknown id, a
database from a newer program, a locked file), reported as one line ``错误：...`` on stderr;
2 for bad usage (argparse). Unexpected failures still raise with a traceback: they are bugs.
"""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path
from typing import Any

from desktop_app import __version__
from desktop_app.cli import (
    activities,
    agenda,
    assess,
    backup,
    certificates,
    check,
    disputes,
    duty,
    excel,
    export,
    governance_report,
    grids,
    history,
    industry,
    meetings,
    org,
    parse,
    report,
    rota,
    search,
    service_counter,
    setup,
    sync,
    talent,
    tasks,
)
from desktop_app.cli.context import Context
from desktop_app.cli.output import Output
from desktop_app.cli.parser import DB_HELP, TODAY_HELP, ArgumentParser
from desktop_app.records.errors import UserError

GROUPS = (setup, org, duty, agenda, tasks, meetings, activities, certificates, search, check,
          export, sync, backup, history, report, rota, grids, disputes, service_counter,
          governance_report, industry, talent, assess, excel)


def build_parser(only: str | None = None) -> ArgumentParser:
    """The whole CLI's parser; with ``only``, just that command (or group) in full and the
    others by name and help (``""``: none in full, enough to find the command)."""
    parser = ArgumentParser(
        prog="lianjian-cli",
        description="联建台账（跨村联建值班室）命令行工具。示例：lianjian-cli task list --overdue",
        epilog="--db 与 --json 可写在命令之前或之后，"
               "例如：lianjian-cli --db 台账.db task list --json",
    )
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（供程序读取）")
    parser.add_argument("--today", metavar="DATE", help=TODAY_HELP)
    parser.add_argument("--version", action="version", version=f"联建台账 {__version__}",
                        help="显示版本并退出")
    commands = parser.add_subparsers(title="命令", dest="command", metavar="COMMAND")
    commands.required = True
    commands.only = only  # type: ignore[attr-defined]  # read by parser.building
    for group in GROUPS:
        group.register(commands)
    return parser


def db_path(given: str | None) -> Path:
    if given:
        return Path(given).expanduser()
    from desktop_app.config.paths import default_db_path

    return default_db_path()


def _configure_streams(json_mode: bool) -> None:
    """JSON is UTF-8 by definition; text never crashes on a console that lacks a character.

    Only the process's own streams are touched (not a caller's replacement, e.g. in tests).
    """
    stdout_options: dict[str, Any] = ({"encoding": "utf-8"} if json_mode
                                      else {"errors": "replace"})
    for stream, options in ((sys.stdout, stdout_options), (sys.stderr, {"errors": "replace"})):
        if not isinstance(stream, io.TextIOWrapper) or stream not in (sys.__stdout__,
                                                                      sys.__stderr__):
            continue
        try:
            stream.reconfigure(**options)
        except (AttributeError, OSError, ValueError):
            pass


def fail(message: str) -> int:
    print("错误：" + " ".join(str(message).splitlines()), file=sys.stderr)
    return 1


def _user_message(error: BaseException, path: Path) -> str | None:
    """The message for an error the person can fix that is not a UserError, or None."""
    migrate = sys.modules.get("db.migrate")
    if migrate is not None and isinstance(error, migrate.SchemaTooNewError):
        return str(error)
    # A locked, unreadable or damaged file (not a constraint violation: that is a bug).
    if type(error) in (sqlite3.OperationalError, sqlite3.DatabaseError):
        return f"无法读写数据库 {path}：{error}"
    sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")
    if sqlalchemy_exc is not None and type(error) in (sqlalchemy_exc.OperationalError,
                                                      sqlalchemy_exc.DatabaseError):
        return f"无法读写数据库 {path}：{getattr(error, 'orig', error)}"
    return None


def _clock_hint(error: UserError) -> str:
    """How to confirm the date from the command line, after a refusal for a wrong clock."""
    wall_clock = sys.modules.get("desktop_app.storage.wall_clock")
    if wall_clock is not None and isinstance(error, wall_clock.ClockError):
        return "（命令行中也可以加 --today 年-月-日 手动确认今天的日期。）"
    return ""


def command_in(argv: list[str]) -> str | None:
    """The command ``argv`` runs, found as the full parser would (``--help``, ``--version``
    and usage errors at the top level answer here)."""
    return build_parser(only="").parse_known_args(argv)[0].command


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(only=command_in(argv))
    args = parser.parse_args(argv)
    json_mode = bool(getattr(args, "json", False))
    _configure_streams(json_mode)
    ctx = Context(db_path(getattr(args, "db", None)), Output(json_mode))
    try:
        ctx.today = parse.date_(getattr(args, "today", None), "--today")
        return args.handler(ctx, args) or 0
    except UserError as error:
        return fail(str(error) + _clock_hint(error))
    except KeyboardInterrupt:
        return fail("已中断") or 130
    except BrokenPipeError:
        sys.stdout = None  # output piped into a program that stopped reading: not an error
        return 0
    except Exception as error:
        message = _user_message(error, ctx.db_path)
        if message is None:
            from desktop_app.logs import log_unexpected

            log_unexpected(error)
            raise
        return fail(message)
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
