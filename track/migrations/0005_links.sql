-- Linking that costs what changed (package link's Update): the groups to
-- link again say whether all of their links must be made afresh (full:
-- after commitments left, the threshold or the linker changed) or only
-- those the commitments of pending_items touch: commitments stored,
-- relabelled or decided by a person since the last linking.
ALTER TABLE pending_links ADD COLUMN full INTEGER NOT NULL DEFAULT 1;
CREATE TABLE pending_items (
	commitment_id INTEGER PRIMARY KEY REFERENCES commitments(id) ON DELETE CASCADE,
	party_key     TEXT NOT NULL
);
CREATE INDEX commitments_statement ON commitments(statement_id);
