-- The groups pledge common found last, for one threshold and one least
-- number of partners, in the order it shows them, so that asking the same
-- again reads them instead of grouping every commitment anew: settings
-- common_groups says for which generation, linker, threshold and number.
CREATE TABLE common_groups (
	rank     INTEGER PRIMARY KEY,
	party    TEXT NOT NULL,
	partners TEXT NOT NULL, -- JSON list
	domain   TEXT NOT NULL,
	years    TEXT NOT NULL, -- JSON list
	size     INTEGER NOT NULL -- its commitments
);
-- Each commitment of a group, its place in it: read by commitment, in
-- the order the commitments are stored.
CREATE TABLE common_members (
	commitment_id INTEGER PRIMARY KEY,
	rank          INTEGER NOT NULL,
	place         INTEGER NOT NULL
);
