-- What lets ingest and the read commands work in time proportional to what
-- changed or what they print.

-- Ingest skips a file it has read before, unchanged: each source records
-- the size and SHA-256 of the file as it was read (NULL for the sources
-- stored before, which are read once more).
ALTER TABLE sources ADD COLUMN size INTEGER;
ALTER TABLE sources ADD COLUMN hash TEXT;
CREATE INDEX sources_hash ON sources(hash);

-- The group a statement's commitments link within: its parties, sorted and
-- joined by |, '' when they are unknown. Filled for the statements stored
-- before when this migration runs.
ALTER TABLE statements ADD COLUMN party_key TEXT NOT NULL DEFAULT '';
CREATE INDEX statements_party_key ON statements(party_key);

-- The terms of a commitment that could name a policy area, space-separated,
-- computed once when it is stored (here for those stored before), so that
-- new policy areas are found in one pass.
ALTER TABLE commitments ADD COLUMN terms TEXT NOT NULL DEFAULT '';

-- Groups whose links must be computed again ('*' for all of them), written
-- in the transaction that changes them and deleted in the one that links
-- them again: a run killed in between leaves them for the next command.
CREATE TABLE pending_links (party_key TEXT PRIMARY KEY);

-- Each commitment's most similar commitment in a statement between other
-- parties, for pledge common, computed when it is first asked for after a
-- change: settings common_generation says for which generation.
CREATE TABLE common_matches (
	commitment_id INTEGER PRIMARY KEY REFERENCES commitments(id) ON DELETE CASCADE,
	other_id      INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
	similarity    REAL NOT NULL
);
