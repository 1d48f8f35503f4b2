-- The files ingest read and found no statement in (a commentary or a
-- news item kept in a folder of statements), by path, with the size and
-- SHA-256 they had: a later ingest skips such a file while it is unchanged,
-- instead of reading it and reporting it again on every run.
CREATE TABLE no_statement_files (
	path    TEXT PRIMARY KEY,
	size    INTEGER NOT NULL,
	hash    TEXT NOT NULL,
	read_at TEXT NOT NULL
);
