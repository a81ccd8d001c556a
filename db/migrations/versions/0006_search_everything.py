"""search index: rows of other records, where a hit matched, dates, tombstones, secret keys

Revision ID: 0006
Revises: 0005

``search_doc`` gains ``owner_id`` (the record a hit opens: a progress note's task),
``source`` (the table of the row that matched), ``day`` (the record's date, for the date
filter) and ``deleted`` (tombstones stay, found only when asked for); ``search_fts`` gains
``secret`` (keys of whole ID and phone numbers, never shown). The index is left empty here:
0020 builds it from the tables through the app (``db.migrate.rebuild``); without the app
(Alembic alone) it stays empty, and ``lianjian-cli check --rebuild-index`` builds it.
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP TABLE search_fts")
    op.execute("DROP TABLE search_doc")
    op.execute(
        "CREATE TABLE search_doc ("
        " rowid INTEGER PRIMARY KEY,"
        " kind TEXT NOT NULL,"
        " record_id TEXT NOT NULL UNIQUE,"
        " cluster_id TEXT,"
        " owner_id TEXT NOT NULL,"
        " source TEXT NOT NULL,"
        " day TEXT,"
        " deleted INTEGER NOT NULL DEFAULT 0)"
    )
    op.execute("CREATE INDEX ix_search_doc_owner ON search_doc (owner_id)")
    op.execute("CREATE INDEX ix_search_doc_deleted ON search_doc (record_id) WHERE deleted")
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "body, pinyin, secret, tokenize='unicode61 remove_diacritics 2')"
    )
    # The index is built from the records by 0020, which gave it its present layout: the
    # app's indexer writes that layout, not this one.


def downgrade() -> None:
    op.execute("DROP TABLE search_fts")
    op.execute("DROP TABLE search_doc")
    op.execute(
        "CREATE TABLE search_doc ("
        " rowid INTEGER PRIMARY KEY,"
        " kind TEXT NOT NULL,"
        " record_id TEXT NOT NULL UNIQUE,"
        " cluster_id TEXT)"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "body, pinyin, tokenize='unicode61 remove_diacritics 2')"
    )
