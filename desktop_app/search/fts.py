"""Full-text search over every searchable record, with Chinese characters and pinyin.

Two tables (made by the first migration) hold the index:

- ``search_doc(rowid, kind, record_id UNIQUE, cluster_id)``: what a hit points at;
- ``search_fts(body, pinyin, secret, kind)``: an FTS5 table whose rowid equals
  ``search_doc.rowid``; ``kind`` holds one token naming the kind of record a hit opens
  (:func:`kind_token`), so a search of one kind is a join of two word lists inside FTS5,
  not a look-up of every hit's row (1.4 million progress notes hold 已).

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

from sqlalchemy import Connection, text

from desktop_app.search.pinyin import full_and_initials

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


class _Patterns(NamedTuple):
    cjk_run: re.Pattern[str]
    # What the index sees as a token once spaced out: one Chinese character, or a run of
    # anything else but white space.
    token: re.Pattern[str]
    # A word as unicode61 sees it: letters and digits (underscore and punctuation separate).
    latin_word: re.Pattern[str]
    spaced: re.Pattern[str]  # the spaces segment() put in, for unsegment()


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """Compiled on first use: with the supplementary planes these classes take about 20 ms
    to compile, which every command that imports the search would pay at start."""
    return _Patterns(
        re.compile(f"[{_CJK}]+"),
        re.compile(f"[{_CJK}]|[^\\s{_CJK}]+"),
        re.compile(f"[^\\W_{_CJK}]+"),
        re.compile(f"(?<=[{_CJK}{MARK_START}{MARK_END}]) (?=[{_CJK}{MARK_START}{MARK_END}])"
                   f"|(?<=[{_CJK}]) | (?=[{_CJK}])"))


# SQLite allows 32766 host parameters since 3.32; stay well below it.
_BATCH = 500


class SearchDoc(NamedTuple):
    """One indexed row as the index sees it (a named tuple: imports build thousands at once).

    ``body`` is all the row's searchable text run together (include the names too if they
    should be found by their characters); ``names`` is the text (village, person, cluster
    names, separated by spaces) whose pinyin is indexed. A row of another record (a task's
    progress note) has ``kind`` and ``owner_id`` of the record a hit opens (the task) and
    ``source`` of its own table (``task_progress``: where it matched); a record's own row
    has ``owner_id`` = ``record_id`` and ``source`` = ``kind``. ``day`` (ISO date) is the
    owner's date, for the date filter; ``deleted`` a tombstone; ``secret`` the keys of
    sensitive values (:func:`secret_key`), never shown.
    """

    kind: str
    record_id: str
    cluster_id: str | None
    body: str
    names: str
    owner_id: str | None = None  # None: the record itself
    source: str | None = None  # None: ``kind``
    day: str | None = None
    deleted: bool = False
    secret: str = ""
    title: str = ""  # its pinyin initials are indexed too: 清理排水沟 -> qlpsg


@dataclass(frozen=True)
class SearchHit:
    """A record that matched a search: ``record_id`` is the record to open (the task of a
    progress note); ``source``/``source_id`` the row whose text matched; ``snippet`` its
    text around the words found, each between ``MARK_START`` and ``MARK_END``."""

    kind: str
    record_id: str
    cluster_id: str | None
    source: str = ""
    source_id: str = ""
    day: str | None = None
    snippet: str = ""
    deleted: bool = False


MARK_START, MARK_END = "\x02", "\x03"
_SNIPPET_TOKENS = 24


# --- text preparation -----------------------------------------------------------------


def segment(value: str) -> str:
    """Space out every Chinese character so that each one becomes a token.

    Latin words and digits are left whole: ``"修缮A区2号"`` -> ``"修 缮 A 区 2 号"``.
    """
    return " ".join(_patterns().token.findall(value))


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

    Runs whose reading depends on the phrase go to pypinyin whole, so phrases get their
    proper reading (重庆 -> chongqing); see ``search.pinyin``.
    """
    return full_and_initials(word)


def secret_key(value: str) -> str:
    """The index key of a sensitive value (an ID or phone number): a hash, so the index
    never holds the number itself, and only the whole number finds it."""
    import hashlib

    normal = "".join(value.split()).upper()
    return "k" + hashlib.sha256(normal.encode()).hexdigest()[:20]


def unsegment(value: str) -> str:
    """Undo :func:`segment` for display: no spaces beside Chinese characters."""
    return _patterns().spaced.sub("", value)


# --- writing the index ----------------------------------------------------------------


def index_docs(connection: Connection, docs: Iterable[SearchDoc], fresh: bool = False) -> int:
    """Add ``docs`` to the index, replacing any earlier version of the same row.

    With ``fresh=True`` the caller promises none of the rows is indexed yet (a bulk build
    into an empty index), and the look-up and removal of old rows is skipped, as is
    passing a record's cluster and date on to its rows already indexed. If the same row
    appears twice in ``docs``, the last one wins. Returns the first rowid given to them (the
    others follow it).
    """
    latest = {doc.record_id: doc for doc in docs}
    if not latest:
        return 0
    if not fresh:
        unindex(connection, latest.keys())
    start = connection.exec_driver_sql(
        "SELECT coalesce(max(rowid), 0) FROM search_doc"
    ).scalar_one()
    rows = list(enumerate(latest.values(), start=start + 1))
    connection.exec_driver_sql(
        "INSERT INTO search_doc (rowid, kind, record_id, cluster_id, owner_id, source, day,"
        " deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(rowid, doc.kind, doc.record_id, doc.cluster_id, doc.owner_id or doc.record_id,
          doc.source or doc.kind, doc.day, int(doc.deleted)) for rowid, doc in rows],
    )
    connection.exec_driver_sql(
        "INSERT INTO search_fts (rowid, body, pinyin, secret, kind) VALUES (?, ?, ?, ?, ?)",
        [(rowid, segment(doc.body), _pinyin(doc), doc.secret, kind_token(doc.kind))
         for rowid, doc in rows],
    )
    if not fresh:
        pass_on_to_rows(connection, latest.values())
    return start + 1


def pass_on_to_rows(connection: Connection, docs: Iterable[SearchDoc]) -> None:
    """Give the rows already indexed under the records among ``docs`` (a task's progress
    notes) their record's cluster and date, as they may have changed or been unknown."""
    owners = [(doc.cluster_id, doc.day, doc.record_id) for doc in docs
              if doc.owner_id in (None, doc.record_id)]
    if owners:
        connection.exec_driver_sql(
            "UPDATE search_doc SET cluster_id = ?, day = ?"
            " WHERE owner_id = ? AND record_id <> owner_id", owners)


def pass_on_from(connection: Connection, first_rowid: int) -> None:
    """:func:`pass_on_to_rows` for every record indexed from ``first_rowid`` on, as one
    statement: a bulk import of 100,000 records runs one join, not 100,000 look-ups."""
    connection.exec_driver_sql(
        "UPDATE search_doc AS c SET cluster_id = p.cluster_id, day = p.day"
        " FROM search_doc AS p"
        " WHERE p.rowid >= ? AND p.owner_id = p.record_id"
        " AND c.owner_id = p.record_id AND c.record_id <> c.owner_id", (first_rowid,))


def _pinyin(doc: SearchDoc) -> str:
    keys = pinyin_keys(doc.names) if doc.names else ""
    if doc.title:
        initials = title_initials(doc.title)
        keys = f"{keys} {initials}" if keys else initials
    return keys


def kind_token(kind: str) -> str:
    """The word in ``search_fts.kind`` for a kind of record: work_task -> ``kworktask``
    (the tokenizer would split at the underscore). Migration 0020 writes the same."""
    return "k" + kind.replace("_", "")


def title_initials(title: str) -> str:
    """The pinyin initials of a title's Chinese characters, one word: 清理排水沟 -> qlpsg."""
    chinese = "".join(_patterns().cjk_run.findall(title))
    return _word_keys(chinese)[0] if chinese else ""


def unindex(connection: Connection, record_ids: Iterable[str]) -> None:
    """Remove the given rows from the index; unknown ids are ignored."""
    rowids = [(rowid,) for rowid in _rowids(connection, record_ids)]
    if not rowids:
        return
    connection.exec_driver_sql("DELETE FROM search_fts WHERE rowid = ?", rowids)
    connection.exec_driver_sql("DELETE FROM search_doc WHERE rowid = ?", rowids)


def clear(connection: Connection) -> None:
    """Empty the index (before building it again)."""
    connection.exec_driver_sql("DELETE FROM search_fts")
    connection.exec_driver_sql("DELETE FROM search_doc")


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

# Latin words at least this long may be a whole ID or phone number (matched by its key).
_SECRET_MIN = 7


def build_match(query: str) -> str | None:
    """Turn what the user typed into a safe FTS5 MATCH expression, or None if it is empty.

    Every whitespace-separated term must match. Chinese characters become a phrase on the
    body (道路 -> ``body : "道 路"``); Latin letters and digits become a prefix match on
    the body or the pinyin (``hq`` finds 黄璩), and a long one also the key of a whole
    sensitive value (an ID number). Punctuation and FTS5 operators typed by the user are
    dropped or quoted, so no input can cause a syntax error.
    """
    clauses: list[str] = []
    for term in query.split():
        for chars in _patterns().cjk_run.findall(term):
            clauses.append(f"body : {_quote(' '.join(chars))}")
        for word in _patterns().latin_word.findall(term):
            quoted = _quote(word)
            clause = f"body : {quoted}* OR pinyin : {quoted}*"
            if len(word) >= _SECRET_MIN:
                clause += f" OR secret : {_quote(secret_key(word))}"
            clauses.append(f"({clause})")
    return " AND ".join(clauses) if clauses else None


def _quote(value: str) -> str:
    """An FTS5 string literal: inside double quotes, with any double quote doubled."""
    return '"' + value.replace('"', '""') + '"'


@dataclass(frozen=True)
class Filters:
    """What a search keeps: kinds (None: all; empty: none), one cluster, owners' dates
    between ``date_from`` and ``date_to`` (ISO, both included), and deleted records too."""

    kinds: tuple[str, ...] | None = None
    cluster_id: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    deleted: bool = False


_FROM = (" FROM search_fts JOIN search_doc d ON d.rowid = search_fts.rowid"
         " WHERE search_fts MATCH :q")
# A live row of a live record: neither the row nor its owner is a tombstone.
_LIVE = (" AND NOT d.deleted AND d.owner_id NOT IN"
         " (SELECT record_id FROM search_doc WHERE deleted)")


def of_kinds(match: str, kinds: Iterable[str] | None) -> str:
    """``match`` kept to records of ``kinds`` (None: all), inside FTS5."""
    if kinds is None:
        return match
    words = " OR ".join(f"kind : {_quote(kind_token(kind))}" for kind in kinds)
    return f"({match}) AND ({words})"


def _where(match: str, filters: Filters) -> tuple[str, dict[str, object]]:
    sql = _FROM
    params: dict[str, object] = {"q": of_kinds(match, filters.kinds)}
    if filters.cluster_id is not None:
        sql += " AND d.cluster_id = :cluster_id"
        params["cluster_id"] = filters.cluster_id
    if filters.date_from is not None:
        sql += " AND d.day >= :date_from"
        params["date_from"] = filters.date_from
    if filters.date_to is not None:
        sql += " AND d.day <= :date_to"
        params["date_to"] = filters.date_to
    if not filters.deleted:
        sql += _LIVE
    return sql, params


def search(
    connection: Connection,
    query: str,
    kinds: Iterable[str] | None = None,
    cluster_id: str | None = None,
    limit: int = 50,
    *,
    filters: Filters | None = None,
) -> list[SearchHit]:
    """Records matching ``query``, most recently indexed first, at most ``limit``, each
    once (with the most recent of its rows that matched).

    ``kinds`` keeps only those kinds of record (an empty list keeps nothing);
    ``cluster_id`` keeps only that cluster's records; ``filters`` says more (and then
    replaces both). An empty query finds nothing; deleted records only if asked.
    """
    if filters is None:
        filters = Filters(None if kinds is None else tuple(kinds), cluster_id)
    match = build_match(query)
    if match is None or filters.kinds == () or limit <= 0:
        return []
    where, params = _where(match, filters)
    sql = (
        "SELECT d.kind, d.owner_id, d.cluster_id, d.source, d.record_id, d.day,"
        f" snippet(search_fts, 0, '{MARK_START}', '{MARK_END}', '…', {_SNIPPET_TOKENS}),"
        " d.deleted OR d.owner_id IN (SELECT record_id FROM search_doc WHERE deleted)"
        + where + " ORDER BY search_fts.rowid DESC"
    )
    hits: list[SearchHit] = []
    seen: set[str] = set()
    result = connection.execute(text(sql), params)
    try:
        for kind, owner, cluster, source, row_id, day, snip, gone in result:
            if owner in seen:
                continue
            seen.add(owner)
            hits.append(SearchHit(kind, owner, cluster, source, row_id, day,
                                  unsegment(snip or ""), bool(gone)))
            if len(hits) >= limit:
                break
    finally:
        result.close()
    return hits


def count_by_kind(connection: Connection, query: str,
                  filters: Filters | None = None) -> dict[str, int]:
    """The true number of records of each kind matching ``query`` (each record once, however
    many of its rows matched); kinds without a hit are left out."""
    filters = filters or Filters()
    match = build_match(query)
    if match is None or filters.kinds == ():
        return {}
    where, params = _where(match, filters)
    sql = "SELECT d.kind, count(DISTINCT d.owner_id)" + where + " GROUP BY d.kind"
    return {kind: count for kind, count in connection.execute(text(sql), params)}


def count_up_to(connection: Connection, query: str, kind: str, cap: int,
                filters: Filters | None = None) -> int:
    """How many records of ``kind`` match ``query``, counted up to ``cap + 1``: more than
    ``cap`` is all the search box says, and counting stops there (a word in a million
    progress notes is counted in milliseconds, not seconds)."""
    filters = filters or Filters()
    match = build_match(query)
    if match is None:
        return 0
    kept = Filters((kind,), filters.cluster_id, filters.date_from, filters.date_to,
                   filters.deleted)
    where, params = _where(match, kept)
    sql = f"SELECT count(*) FROM (SELECT DISTINCT d.owner_id{where} LIMIT {int(cap) + 1})"
    return int(connection.execute(text(sql), params).scalar_one())


def match_subquery(query: str, kind: str | None = None) -> tuple[str, dict[str, str]] | None:
    """An SQL fragment selecting the record ids of ``kind`` that match ``query`` (also
    through their rows: a task whose progress note matches).

    For other services to filter a list: ``... WHERE t.id IN (<fragment>)``, passing the
    returned params along with their own (named ``search_q`` so it does not clash). None
    when the query is empty: then do not filter at all.
    """
    match = build_match(query)
    if match is None:
        return None
    sql = (
        "SELECT d.owner_id FROM search_fts"
        " JOIN search_doc d ON d.rowid = search_fts.rowid"
        " WHERE search_fts MATCH :search_q"
        " AND (d.record_id = d.owner_id OR NOT d.deleted)"  # the list decides on records
    )
    return sql, {"search_q": of_kinds(match, None if kind is None else (kind,))}


def matching_ids(connection: Connection, query: str, kind: str | None = None) -> list[str] | None:
    """All record ids of ``kind`` matching ``query`` (no limit), or None for an empty query."""
    fragment = match_subquery(query, kind)
    if fragment is None:
        return None
    sql, params = fragment
    return list(dict.fromkeys(connection.execute(text(sql), params).scalars()))
