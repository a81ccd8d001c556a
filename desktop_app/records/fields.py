"""How a record type is declared: its fields, each once, with everything the app needs to know.

A :class:`RecordType` lists its :class:`Field` s in the order forms, lists and documents show
them. The services' generic checks (``desktop_app.records.checks``), the CLI's options and
output, the list columns, the generic form fields, the conflict list, the Word ledgers and the
search index all read these declarations; only truly special behaviour (the 四议两公开
timeline, a meeting's decisions) is written by hand. Plain frozen dataclasses: the idea of
Frappe's DocType and Django's ModelAdmin, without a metaclass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What a field holds; decides its checks, its CLI parsing and its form widget."""

    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # paragraphs
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    NUMBER = "number"  # an integer
    DECIMAL = "decimal"  # hours and the like
    CHOICE = "choice"  # a key of a vocabulary
    REFERENCE = "reference"  # the id of another record
    PERSON = "person"  # the id of a person
    VILLAGE = "village"  # the id of a village
    VILLAGES = "villages"  # ids of villages (rows of their own)
    REFERENCES = "references"  # ids of other records (rows of their own)
    CHOICES = "choices"  # keys of a vocabulary (rows of their own), e.g. a person's roles
    TAGS = "tags"  # short words (rows of their own), e.g. talent-pool tags
    ROWS = "rows"  # a table of its own rows, written by the record's own code (decisions)
    FLAG = "flag"  # yes / no


# Kinds whose value is the id of one record in ``Field.target``'s table.
ONE_RECORD = frozenset({Kind.REFERENCE, Kind.PERSON, Kind.VILLAGE})
# Kinds whose value is a list, written as rows of their own (set members).
MANY = frozenset({Kind.VILLAGES, Kind.REFERENCES, Kind.CHOICES, Kind.TAGS, Kind.ROWS})
TEXTS = frozenset({Kind.TEXT, Kind.LONG_TEXT})
DATES = frozenset({Kind.DATE, Kind.DATETIME})

# A title or a name is a line in a list and in a Word document, not a paragraph.
LONGEST_LINE = 100
LONGEST_TEXT = 5000


@dataclass(frozen=True)
class Field:
    """One field of a record type.

    ``name`` is the column (or, for ``VILLAGES``/``REFERENCES``, the value a service accepts
    and writes as rows). ``shown_as`` is the key under which a service's display rows hold the
    field as a person reads it (a name for an id, a label for a key); by default ``NAME_label``
    for a choice, the name without ``_id`` for a reference, else the name itself.
    """

    name: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    max_length: int | None = None  # TEXT: LONGEST_LINE unless said; LONG_TEXT: LONGEST_TEXT
    minimum: float | None = None
    maximum: float | None = None
    choices: Mapping[Any, str] | None = None  # CHOICE: a vocabulary, key -> label
    target: str | None = None  # ONE_RECORD kinds: the referenced table
    default: Any = None
    searchable: bool = False  # its text is found by search
    pinyin: bool = False  # ... also by its pinyin (names)
    sensitive: bool = False  # personal data (masked, see the data-protection rules)
    in_list: bool = True  # a column of the record type's list
    in_form: bool = True  # a field of its form
    in_document: bool = False  # a column of its Word ledger
    editable: bool = True  # accepted by create/update (False: computed or kept by the app)
    on_create_only: bool = False  # set when created, never changed (e.g. the cluster)
    option: str | None = None  # the CLI option without "--"; None: derived; "": none (special)
    hint: str = ""  # an example or a word of help, for the form's placeholder and --help
    width: int | None = None  # list column width in characters (None: by kind)
    # A value of the usual length, for fields whose values have one shape (a code, a phone
    # number): a list shows it whole at every 字号 (as it would show, masked if sensitive).
    sample: str | None = None
    shown: str | None = None  # overrides ``shown_as``
    sort: str | None = None  # the column a list sorts by (None: the field's own, if stored)

    @property
    def shown_as(self) -> str:
        if self.shown:
            return self.shown
        if self.kind in (Kind.CHOICE, Kind.CHOICES):
            return f"{self.name}_label"
        if self.kind in ONE_RECORD:
            return self.name.removesuffix("_id")
        if self.kind is Kind.VILLAGES:
            return "villages"
        return self.name

    @property
    def cli_option(self) -> str:
        """``--due`` for ``due_on`` only if said; by default ``--assignee`` for
        ``assignee_id``, ``--village`` for ``village_ids``, ``--solved-at`` for
        ``solved_at``."""
        if self.option is not None:
            return self.option
        name = self.name.removesuffix("_ids").removesuffix("_id")
        return name.replace("_", "-")

    @property
    def target_table(self) -> str | None:
        """The table a ONE_RECORD field names a record of (a person, a village ...)."""
        if self.kind not in ONE_RECORD:
            return None
        return self.target or self.kind.value

    @property
    def longest(self) -> int | None:
        if self.max_length is not None:
            return self.max_length
        if self.kind is Kind.TEXT:
            return LONGEST_LINE
        if self.kind is Kind.LONG_TEXT:
            return LONGEST_TEXT
        return None

    @property
    def column_width(self) -> int:
        """List column width in characters."""
        if self.width is not None:
            return self.width
        return {Kind.TEXT: 16, Kind.LONG_TEXT: 20, Kind.DATE: 7, Kind.TIME: 5,
                Kind.DATETIME: 9, Kind.NUMBER: 4, Kind.DECIMAL: 5, Kind.CHOICE: 5,
                Kind.PERSON: 5, Kind.VILLAGE: 5, Kind.VILLAGES: 10, Kind.REFERENCE: 12,
                Kind.REFERENCES: 12, Kind.CHOICES: 10, Kind.TAGS: 10, Kind.ROWS: 10,
                Kind.FLAG: 4}[self.kind]

    def value_label(self, value: Any) -> str:
        """A choice's Chinese label ("" for none); other values as given."""
        if self.choices is not None:
            return self.choices.get(value, "" if value in (None, "") else str(value))
        return value


@dataclass(frozen=True)
class RecordType:
    """A record type: its table, its Chinese name and its fields in their order.

    ``parent`` names the record type whose rows these are (a task's progress notes, a
    meeting's attendees): such rows are written through their parent's service and form.
    """

    table: str
    label: str
    fields: tuple[Field, ...]
    parent: str | None = None
    title_field: str | None = "title"
    extra_columns: tuple[Field, ...] = ()  # computed by the service, shown in lists only
    read_only: bool = False  # written only by the app's own code (a certificate's issue)
    # A record without a cluster of its own shares the cluster of the record this field
    # names (a certificate: its volunteer's); rows of a parent share the parent's.
    scoped_by: str | None = None
    dated_by: str | None = None  # its date in search results (None: its first date field)
    # A record without a cluster is the whole town's and applies to every cluster (a
    # holiday): a list of one cluster's records shows the town's too.
    town_wide: bool = False
    _by_name: dict[str, Field] = field(default_factory=dict, init=False, repr=False,
                                       compare=False)

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.table}: a field is declared twice")
        self._by_name.update({f.name: f for f in self.fields})

    def field(self, name: str) -> Field:
        return self._by_name[name]

    def get(self, name: str) -> Field | None:
        return self._by_name.get(name)

    @property
    def editable(self) -> tuple[Field, ...]:
        return () if self.read_only else tuple(f for f in self.fields if f.editable)

    @property
    def accepted(self) -> frozenset[str]:
        """The names create and update accept."""
        return frozenset(f.name for f in self.editable)

    @property
    def list_columns(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.in_list) + self.extra_columns

    @property
    def form_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.in_form and f.editable)

    @property
    def document_columns(self) -> tuple[Field, ...]:
        return tuple(f for f in (*self.fields, *self.extra_columns) if f.in_document)

    @property
    def searchable(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.searchable)

    @property
    def pinyin(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.pinyin)

    @property
    def pinyin_sorted(self) -> tuple[str, ...]:
        """The fields sorted by pinyin (阿, 白, 陈 …) rather than by code point: the record's
        title or name as a line of text (``search.sort_keys`` keeps their stored keys)."""
        return tuple(f.name for f in self.fields
                     if f.name == self.title_field and f.kind is Kind.TEXT and f.in_list
                     and not f.sensitive and f.sort is None)

    @property
    def cluster_scope(self) -> tuple[str, str | None] | None:
        """How a record finds the cluster it belongs to (which offices may write it, which
        sync files may carry it): ``(column, None)`` when the column holds the cluster's id,
        ``(column, table)`` when the column names a record of ``table`` whose cluster it
        shares; None for the town's own records (the town, its settings)."""
        if self.table == "cluster":
            return ("id", None)
        if "cluster_id" in self._by_name:
            return ("cluster_id", None)
        if self.scoped_by:
            return (self.scoped_by, self._by_name[self.scoped_by].target_table)
        if self.parent:
            spec = next(f for f in self.fields if f.target_table == self.parent)
            return (spec.name, self.parent)
        return None

    def label_of(self, name: str) -> str:
        """The Chinese label of a field, also of the fields every record has."""
        found = self._by_name.get(name)
        if found is not None:
            return found.label
        return COMMON_LABELS.get(name, name)


# Fields every synced record has (db.models.base.SyncedRecord).
COMMON_LABELS = {"id": "ID", "deleted": "已删除", "created_at": "创建时间",
                 "updated_at": "修改时间", "recorded_by": "记录人", "origin": "来源电脑"}
