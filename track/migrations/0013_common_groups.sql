-- The groups pledge common found from common_matches, for each threshold
-- and least number of partners asked, in the order it shows them, so that
-- asking the same again reads them instead of grouping every commitment
-- anew. A key (groupsKey) names what one set of groups was found from;
-- the groups of a key never change once written, and those of keys of
-- other matches are deleted when groups are next kept.
CREATE TABLE common_keys (
	id  INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE
);
CREATE TABLE common_groups (
	key_id   INTEGER NOT NULL,
	rank     INTEGER NOT NULL,
	party    TEXT NOT NULL,
	partners TEXT NOT NULL, -- JSON list
	domain   TEXT NOT NULL,
	years    TEXT NOT NULL, -- JSON list
	size     INTEGER NOT NULL, -- its commitments
	PRIMARY KEY (key_id, rank)
) WITHOUT ROWID;
-- Each commitment of a group and its place in it, read by commitment, in
-- the order the commitments are stored. A commitment is in two groups when
-- two parties are in all their statements (中国 and 俄罗斯 in three
-- statements of theirs with a third state each).
CREATE TABLE common_members (
	key_id        INTEGER NOT NULL,
	commitment_id INTEGER NOT NULL,
	rank          INTEGER NOT NULL,
	place         INTEGER NOT NULL,
	PRIMARY KEY (key_id, commitment_id, rank)
) WITHOUT ROWID;
