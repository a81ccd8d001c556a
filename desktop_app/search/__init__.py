"""Full-text search: the FTS5 index (``fts``) and which fields feed it (``indexing``)."""
