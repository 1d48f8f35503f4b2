-- The states that made each statement, in the order of its title. A
-- database from before is given its statements' parties from their titles
-- when it is opened (backfillParties, in the same transaction).
CREATE TABLE statement_parties (
	statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
	position     INTEGER NOT NULL,
	party        TEXT NOT NULL,
	PRIMARY KEY (statement_id, position)
);
CREATE INDEX statement_parties_party ON statement_parties(party);

-- Settings of the database, such as whether commitments link across
-- statements between different parties.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
