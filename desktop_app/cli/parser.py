"""argparse, speaking Chinese: help headings, usage errors, and the options every command takes.

Usage errors keep argparse's behaviour (usage line, one error line, exit code 2); only the
words are translated. ``--db`` and ``--json`` are accepted before the command (the documented
place) and also after it, so ``task list --json`` works as a person would expect.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import NoReturn

from desktop_app.cli.output import display_width

_TRANSLATIONS = [
    (r"the following arguments are required: (.*)", r"缺少必填参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (.+?): invalid choice: (.*) \(choose from (.*)\)",
     r"参数 \1 的值 \2 无效，可选：\3"),
    (r"argument (.+?): expected one argument", r"参数 \1 需要一个值"),
    (r"argument (.+?): expected at least one argument", r"参数 \1 至少需要一个值"),
    (r"argument (.+?): not allowed with argument (.*)", r"参数 \1 不能与 \2 同时使用"),
    (r"argument (.+?): ignored explicit argument (.*)", r"参数 \1 不接受值 \2"),
    (r"ambiguous option: (\S+) could match (.*)", r"选项 \1 不明确，可能是：\2"),
    (r"argument (.+?): (.*)", r"参数 \1：\2"),
]


def translate(message: str) -> str:
    for pattern, replacement in _TRANSLATIONS:
        translated, count = re.subn(f"^{pattern}$", replacement, message)
        if count:
            return translated
    return message


class HelpFormatter(argparse.HelpFormatter):
    """Chinese usage prefix; help text wrapped by display width (a Chinese character is two
    columns wide, which argparse's own wrapping does not know)."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        lines, line, line_width = [], "", 0
        for token in re.findall(r"[\x21-\x7e]+|\s+|.", " ".join(text.split())):
            token_width = display_width(token)
            if token.isspace():
                if line:
                    line, line_width = line + " ", line_width + 1
                continue
            if line and line_width + token_width > width:
                lines.append(line.rstrip())
                line, line_width = "", 0
            line, line_width = line + token, line_width + token_width
        if line.strip():
            lines.append(line.rstrip())
        return lines


class ArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser with Chinese headings and error messages."""

    def __init__(self, *args, **kwargs) -> None:
        wants_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs["add_help"] = False  # ours, with a Chinese help text (below)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if wants_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 错误：{translate(message)}\n")


DB_HELP = "数据库文件（默认：环境变量 LIANJIAN_DB，或用户数据目录中的 lianjian.db）"


def choices_help(vocabulary, prefix: str = "") -> str:
    """``pending（待办理）、in_progress（办理中）...`` for an option's help."""
    return prefix + "、".join(f"{key}（{label}）" for key, label in vocabulary.items())


TODAY_HELP = ("电脑时钟不对（例如主板电池没电）时，手动确认今天的日期，如 2026-12-02；"
              "本次命令的新记录按这个日期记录，此次确认会被记下")


def common_options() -> ArgumentParser:
    """``--db`` and ``--json`` for every command (they default to the global ones)."""
    common = ArgumentParser(add_help=False)
    group = common.add_argument_group("通用选项")
    group.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    group.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                       help="以 JSON 输出（供程序读取）")
    group.add_argument("--today", metavar="DATE", default=argparse.SUPPRESS, help=TODAY_HELP)
    return common


COMMON = common_options()

Handler = Callable[..., int | None]


class _NotBuilt:
    """What registering a command this run does not use gives back: it takes every call and
    ignores it, so a group's ``register`` runs unchanged without building its parsers."""

    def __getattr__(self, _name: str) -> Callable[..., _NotBuilt]:
        return self._ignore

    def __setattr__(self, _name: str, _value: object) -> None:
        pass

    def _ignore(self, *_args, **_kwargs) -> _NotBuilt:
        return self


NOT_BUILT = _NotBuilt()


def building(subparsers, name: str, help_text: str) -> bool:
    """Whether the command ``name`` is built in full: all are, unless the top-level
    subparsers carry ``only`` (the command this run uses, see ``cli.main.build_parser``).
    The others are listed by name and help only, which is all the top-level help shows:
    building all the CLI's 250-odd parsers took 45 ms, the one command's and the list 9 ms."""
    only = getattr(subparsers, "only", None)
    if only is None or only == name:
        return True
    subparsers.add_parser(name, help=help_text, add_help=False)
    return False


def add_group(subparsers, name: str, help_text: str):
    """A command group such as ``task``; returns the subparsers for its commands."""
    if not building(subparsers, name, help_text):
        return NOT_BUILT
    parser = subparsers.add_parser(name, help=help_text, description=help_text, parents=[COMMON])
    group = parser.add_subparsers(title="命令", dest=f"{name}_command", metavar="COMMAND")
    group.required = True
    return group


def add_command(subparsers, name: str, help_text: str, handler: Handler) -> ArgumentParser:
    """A command that runs ``handler(ctx, args)``; its parser is in ``args.parser``."""
    if not building(subparsers, name, help_text):
        return NOT_BUILT  # type: ignore[return-value]
    parser = subparsers.add_parser(name, help=help_text, description=help_text, parents=[COMMON])
    parser.set_defaults(handler=handler, parser=parser)
    return parser


def add_paging(parser: ArgumentParser, *, search: bool = True) -> None:
    """``--search``, ``--limit`` and ``--offset`` for a list command."""
    if search:
        parser.add_argument("--search", metavar="TEXT", help="全文检索（汉字或拼音首字母）")
    parser.add_argument("--limit", metavar="N", default="100",
                        help="最多显示 N 条（默认 100，0 表示全部）")
    parser.add_argument("--offset", metavar="N", default="0", help="跳过前 N 条（翻页）")
