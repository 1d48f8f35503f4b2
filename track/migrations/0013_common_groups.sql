-- The groups pledge common found last, for one threshold and one least
-- number of partners, in the order it shows them, so that asking the same
-- again reads them instead of grouping every commitment anew: settings
-- common_groups says for which generation, linker, threshold and number.
CREATE TABLE common_groups (
	rank     INTEGER PRIMARY KEY,
	party    TEXT NOT NULL,
	partners TEXT NOT NULL, -- JSON list
	domain   TEXT NOT NULL,
	years    TEXT NOT NULL  -- JSON list
);
CREATE TABLE common_members (
	rank          INTEGER NOT NULL,
	place         INTEGER NOT NULL,
	commitment_id INTEGER NOT NULL,
	PRIMARY KEY (rank, place)
) WITHOUT ROWID;
