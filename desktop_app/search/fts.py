"""Full-text search over every searchable record, with Chinese characters and pinyin.

Two tables (made by the first migration) hold the index:

- ``search_doc(rowid, kind, record_id UNIQUE, cluster_id)``: what a hit points at;
- ``search_fts(body, pinyin)``: an FTS5 table whose rowid equals ``search_doc.rowid``.

SQLite's ``unicode61`` tokenizer treats a run of Chinese characters as one token, so
:func:`segment` puts spaces around every ideograph before it is indexed: each character
is a token, and a 1-, 2- or 3-character term is matched as a phrase of characters. The
``pinyin`` column holds the initials and the full pinyin of names (黄璩 -> ``hq huangqu``),
so a duty officer can type ``hq`` or ``huang`` on an English keyboard.

Rowids only grow as documents are (re)indexed, so ``ORDER BY rowid DESC`` lists the most
recently written records first without ranking a huge result set.

Nothing here commits: the caller owns the transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import Connection, bindparam, text

# CJK radicals, 々〆〇, Extension A, the unified block, compatibility ideographs, and the
# supplementary planes (Extensions B-H and compatibility supplement).
_CJK = (
    "\u2e80-\u2fdf"
    "\u3005-\u3007"
    "\u3400-\u4dbf"
    "\u4e00-\u9fff"
    "\uf900-\ufaff"
    "\U00020000-\U0002fa1f"
    "\U00030000-\U000323af"
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
# What the index sees as a token once spaced out: one Chinese character, or a run of
# anything else but white space.
_TOKEN = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+")
# A word as unicode61 sees it: letters and digits (underscore and punctuation separate).
_LATIN_WORD = re.compile(f"[^\\W_{_CJK}]+")

# SQLite allows 32766 host parameters since 3.32; stay well below it.
_BATCH = 500


class SearchDoc(NamedTuple):
    """One record as the index sees it (a named tuple: imports build thousands at once).

    ``body`` is all the record's searchable text run together (include the names too if
    they should be found by their characters); ``names`` is the text (village, person,
    cluster names, separated by spaces) whose pinyin is indexed.
    """

    kind: str
    record_id: str
    cluster_id: str | None
    body: str
    names: str


@dataclass(frozen=True)
class SearchHit:
    """A record that matched a search."""

    kind: str
    record_id: str
    cluster_id: str | None


# --- text preparation -----------------------------------------------------------------


def segment(value: str) -> str:
    """Space out every Chinese character so that each one becomes a token.

    Latin words and digits are left whole: ``"修缮A区2号"`` -> ``"修 缮 A 区 2 号"``.
    """
    return " ".join(_TOKEN.findall(value))


def pinyin_keys(name: str) -> str:
    """Initials and full pinyin of each name, lowercase, no tones: 黄璩 -> ``"hq huangqu"``.

    Several names may be given separated by spaces; characters that are not Chinese are
    kept, lowercased.
    """
    keys: list[str] = []
    for word in name.split():
        for key in _word_keys(word):
            if key not in keys:
                keys.append(key)
    return " ".join(keys)


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> tuple[str, str]:
    """(initials, full pinyin) of one name; cached because names repeat across records.

    pypinyin converts the whole word at once, so phrases get their proper reading
    (重庆 -> chongqing), and passes other characters through unchanged.
    """
    from pypinyin import Style, lazy_pinyin  # imported late: loading its tables is slow

    initials = "".join(lazy_pinyin(word, style=Style.FIRST_LETTER)).lower()
    full = "".join(lazy_pinyin(word, style=Style.NORMAL)).lower()
    return initials, full


# --- writing the index ----------------------------------------------------------------


def index_docs(connection: Connection, docs: Iterable[SearchDoc], fresh: bool = False) -> None:
    """Add ``docs`` to the index, replacing any earlier version of the same record.

    With ``fresh=True`` the caller promises none of the records is indexed yet (a bulk
    build into an empty index), and the look-up and removal of old rows is skipped.
    If the same record appears twice in ``docs``, the last one wins.
    """
    latest = {doc.record_id: doc for doc in docs}
    if not latest:
        return
    if not fresh:
        unindex(connection, latest.keys())
    start = connection.exec_driver_sql(
        "SELECT coalesce(max(rowid), 0) FROM search_doc"
    ).scalar_one()
    rows = list(enumerate(latest.values(), start=start + 1))
    connection.exec_driver_sql(
        "INSERT INTO search_doc (rowid, kind, record_id, cluster_id) VALUES (?, ?, ?, ?)",
        [(rowid, doc.kind, doc.record_id, doc.cluster_id) for rowid, doc in rows],
    )
    connection.exec_driver_sql(
        "INSERT INTO search_fts (rowid, body, pinyin) VALUES (?, ?, ?)",
        [(rowid, segment(doc.body), pinyin_keys(doc.names) if doc.names else "")
         for rowid, doc in rows],
    )


def unindex(connection: Connection, record_ids: Iterable[str]) -> None:
    """Remove the given records from the index; unknown ids are ignored."""
    rowids = [(rowid,) for rowid in _rowids(connection, record_ids)]
    if not rowids:
        return
    connection.exec_driver_sql("DELETE FROM search_fts WHERE rowid = ?", rowids)
    connection.exec_driver_sql("DELETE FROM search_doc WHERE rowid = ?", rowids)


def _rowids(connection: Connection, record_ids: Iterable[str]) -> list[int]:
    """The index rowids of those records that are indexed, looked up in batches."""
    found: list[int] = []
    for batch in _batches(list(record_ids), _BATCH):
        marks = ", ".join("?" * len(batch))
        result = connection.exec_driver_sql(
            f"SELECT rowid FROM search_doc WHERE record_id IN ({marks})", tuple(batch)
        )
        found.extend(result.scalars())
    return found


def _batches(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- querying -------------------------------------------------------------------------


def build_match(query: str) -> str | None:
    """Turn what the user typed into a safe FTS5 MATCH expression, or None if it is empty.

    Every whitespace-separated term must match. Chinese characters become a phrase on the
    body (道路 -> ``body : "道 路"``); Latin letters and digits become a prefix match on
    the body or the pinyin (``hq`` finds 黄璩). Punctuation and FTS5 operators typed by
    the user are dropped or quoted, so no input can cause a syntax error.
    """
    clauses: list[str] = []
    for term in query.split():
        for chars in _CJK_RUN.findall(term):
            clauses.append(f"body : {_quote(' '.join(chars))}")
        for word in _LATIN_WORD.findall(term):
            quoted = _quote(word)
            clauses.append(f"(body : {quoted}* OR pinyin : {quoted}*)")
    return " AND ".join(clauses) if clauses else None


def _quote(value: str) -> str:
    """An FTS5 string literal: inside double quotes, with any double quote doubled."""
    return '"' + value.replace('"', '""') + '"'


def search(
    connection: Connection,
    query: str,
    kinds: Iterable[str] | None = None,
    cluster_id: str | None = None,
    limit: int = 50,
) -> list[SearchHit]:
    """Records matching ``query``, most recently indexed first, at most ``limit``.

    ``kinds`` keeps only those kinds of record (an empty list keeps nothing);
    ``cluster_id`` keeps only that cluster's records. An empty query finds nothing.
    """
    match = build_match(query)
    kinds = None if kinds is None else list(kinds)
    if match is None or kinds == []:
        return []
    sql = (
        "SELECT d.kind, d.record_id, d.cluster_id"
        " FROM search_fts JOIN search_doc d ON d.rowid = search_fts.rowid"
        " WHERE search_fts MATCH :q"
    )
    params: dict[str, object] = {"q": match, "limit": limit}
    if kinds is not None:
        sql += " AND d.kind IN :kinds"
        params["kinds"] = kinds
    if cluster_id is not None:
        sql += " AND d.cluster_id = :cluster_id"
        params["cluster_id"] = cluster_id
    sql += " ORDER BY search_fts.rowid DESC LIMIT :limit"
    statement = text(sql)
    if kinds is not None:
        statement = statement.bindparams(bindparam("kinds", expanding=True))
    rows = connection.execute(statement, params)
    return [SearchHit(kind, record_id, cluster) for kind, record_id, cluster in rows]


def match_subquery(query: str, kind: str | None = None) -> tuple[str, dict[str, str]] | None:
    """An SQL fragment selecting the record ids of ``kind`` that match ``query``.

    For other services to filter a list: ``... WHERE t.id IN (<fragment>)``, passing the
    returned params along with their own (named ``search_q`` and ``search_kind`` so they
    do not clash). None when the query is empty: then do not filter at all.
    """
    match = build_match(query)
    if match is None:
        return None
    sql = (
        "SELECT d.record_id FROM search_fts"
        " JOIN search_doc d ON d.rowid = search_fts.rowid"
        " WHERE search_fts MATCH :search_q"
    )
    params = {"search_q": match}
    if kind is not None:
        sql += " AND d.kind = :search_kind"
        params["search_kind"] = kind
    return sql, params


def matching_ids(connection: Connection, query: str, kind: str | None = None) -> list[str] | None:
    """All record ids of ``kind`` matching ``query`` (no limit), or None for an empty query."""
    fragment = match_subquery(query, kind)
    if fragment is None:
        return None
    sql, params = fragment
    return list(connection.execute(text(sql), params).scalars())
