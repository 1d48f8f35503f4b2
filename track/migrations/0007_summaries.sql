-- Summaries that let the read commands and pages answer in proportion to
-- what they show: kept by triggers in the transaction that changes what
-- they count, so that they are never out of step with it, whichever code
-- wrote the change.

-- How many commitments of each group of parties (statements.party_key),
-- year (0 undated), domain and status: the tallies are sums of these.
-- A cell may count 0; readers leave those out.
CREATE TABLE tally_cells (
	party_key TEXT NOT NULL,
	year      INTEGER NOT NULL,
	domain    TEXT NOT NULL,
	recurring INTEGER NOT NULL,
	n         INTEGER NOT NULL,
	PRIMARY KEY (party_key, year, domain, recurring)
) WITHOUT ROWID;

-- How many statements of each group and year.
CREATE TABLE tally_statements (
	party_key TEXT NOT NULL,
	year      INTEGER NOT NULL,
	n         INTEGER NOT NULL,
	PRIMARY KEY (party_key, year)
) WITHOUT ROWID;

-- Counters of change, one row: content counts every change to what the new
-- policy areas are made of (commitments, their terms, their statements'
-- dates), links every link written; a summary computed from them records
-- the counts it was computed at.
CREATE TABLE summary_state (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	content INTEGER NOT NULL,
	links   INTEGER NOT NULL
);
INSERT INTO summary_state (id, content, links) VALUES (1, 0, 0);

-- The new policy areas of every year over all statements, in their order
-- (figures.NewAreas), each a JSON object of figures.Area; computed after a
-- write changed the content (settings key areas says for which content
-- count and method).
CREATE TABLE new_areas (
	year INTEGER NOT NULL,
	rank INTEGER NOT NULL,
	area TEXT NOT NULL,
	PRIMARY KEY (year, rank)
) WITHOUT ROWID;

-- The order every list is in: statements by date, then fingerprint (each
-- one's commitments by ordinal, which UNIQUE (statement_id, ordinal)
-- indexes), so that a page is read in order instead of sorted.
CREATE UNIQUE INDEX statements_order ON statements(date, fingerprint);

-- The labels that wait for review (the model's, least probable first),
-- counted and listed without reading every commitment.
CREATE INDEX commitments_label ON commitments(label_source, probability);

-- The few links a person decided, found without reading every link.
CREATE INDEX links_person ON links(commitment_id) WHERE link_source = 'person';

INSERT INTO tally_statements (party_key, year, n)
	SELECT party_key, COALESCE(year, 0), count(*) FROM statements GROUP BY 1, 2;
INSERT INTO tally_cells (party_key, year, domain, recurring, n)
	SELECT s.party_key, COALESCE(s.year, 0), c.domain, COALESCE(l.status = 'recurring', 0), count(*)
	FROM commitments c JOIN statements s ON s.id = c.statement_id LEFT JOIN links l ON l.commitment_id = c.id
	GROUP BY 1, 2, 3, 4;

-- A commitment stored counts in its statement's cell (as new: its link
-- comes after it).
CREATE TRIGGER commitments_added AFTER INSERT ON commitments BEGIN
	INSERT INTO tally_cells (party_key, year, domain, recurring, n)
		SELECT s.party_key, COALESCE(s.year, 0), new.domain,
			COALESCE((SELECT l.status = 'recurring' FROM links l WHERE l.commitment_id = new.id), 0), 1
		FROM statements s WHERE s.id = new.statement_id
		ON CONFLICT (party_key, year, domain, recurring) DO UPDATE SET n = n + excluded.n;
	UPDATE summary_state SET content = content + 1;
END;

-- A commitment leaves its cell before it goes, while its statement and
-- link are there to say which (its link goes after it, by cascade). When
-- its statement is what is deleted, the statement is gone already and
-- statements_removed took its commitments out.
CREATE TRIGGER commitments_removed BEFORE DELETE ON commitments BEGIN
	INSERT INTO tally_cells (party_key, year, domain, recurring, n)
		SELECT s.party_key, COALESCE(s.year, 0), old.domain,
			COALESCE((SELECT l.status = 'recurring' FROM links l WHERE l.commitment_id = old.id), 0), -1
		FROM statements s WHERE s.id = old.statement_id
		ON CONFLICT (party_key, year, domain, recurring) DO UPDATE SET n = n + excluded.n;
	UPDATE summary_state SET content = content + 1;
END;

-- A label changed, or the commitment moved to another statement.
CREATE TRIGGER commitments_relabelled AFTER UPDATE OF domain, statement_id ON commitments
WHEN old.domain IS NOT new.domain OR old.statement_id IS NOT new.statement_id BEGIN
	INSERT INTO tally_cells (party_key, year, domain, recurring, n)
		SELECT s.party_key, COALESCE(s.year, 0), old.domain,
			COALESCE((SELECT l.status = 'recurring' FROM links l WHERE l.commitment_id = old.id), 0), -1
		FROM statements s WHERE s.id = old.statement_id
		ON CONFLICT (party_key, year, domain, recurring) DO UPDATE SET n = n + excluded.n;
	INSERT INTO tally_cells (party_key, year, domain, recurring, n)
		SELECT s.party_key, COALESCE(s.year, 0), new.domain,
			COALESCE((SELECT l.status = 'recurring' FROM links l WHERE l.commitment_id = new.id), 0), 1
		FROM statements s WHERE s.id = new.statement_id
		ON CONFLICT (party_key, year, domain, recurring) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER commitments_reworded AFTER UPDATE OF terms, statement_id ON commitments
WHEN old.terms IS NOT new.terms OR old.statement_id IS NOT new.statement_id BEGIN
	UPDATE summary_state SET content = content + 1;
END;

-- A link written moves its commitment between new and recurring.
CREATE TRIGGER links_added AFTER INSERT ON links BEGIN
	UPDATE summary_state SET links = links + 1;
	INSERT INTO tally_cells (party_key, year, domain, recurring, n)
		SELECT s.party_key, COALESCE(s.year, 0), c.domain, r.recurring, r.n
		FROM commitments c JOIN statements s ON s.id = c.statement_id JOIN (SELECT 0 AS recurring, -1 AS n UNION ALL SELECT 1, 1) r
		WHERE c.id = new.commitment_id AND new.status = 'recurring'
		ON CONFLICT (party_key, year, domain, recurring) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER links_changed AFTER UPDATE ON links BEGIN
	UPDATE summary_state SET links = links + 1;
	INSERT INTO tally_cells (party_key, year, domain, recurring, n)
		SELECT s.party_key, COALESCE(s.year, 0), c.domain, r.recurring, r.n
		FROM commitments c JOIN statements s ON s.id = c.statement_id
			JOIN (SELECT old.status = 'recurring' AS recurring, -1 AS n UNION ALL SELECT new.status = 'recurring', 1) r
		WHERE c.id = new.commitment_id AND old.status IS NOT new.status
		ON CONFLICT (party_key, year, domain, recurring) DO UPDATE SET n = n + excluded.n;
END;

-- A link deleted leaves its commitment new, if the commitment stays.
CREATE TRIGGER links_removed AFTER DELETE ON links BEGIN
	UPDATE summary_state SET links = links + 1;
	INSERT INTO tally_cells (party_key, year, domain, recurring, n)
		SELECT s.party_key, COALESCE(s.year, 0), c.domain, r.recurring, r.n
		FROM commitments c JOIN statements s ON s.id = c.statement_id JOIN (SELECT 1 AS recurring, -1 AS n UNION ALL SELECT 0, 1) r
		WHERE c.id = old.commitment_id AND old.status = 'recurring'
		ON CONFLICT (party_key, year, domain, recurring) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER statements_added AFTER INSERT ON statements BEGIN
	INSERT INTO tally_statements (party_key, year, n) VALUES (new.party_key, COALESCE(new.year, 0), 1)
		ON CONFLICT (party_key, year) DO UPDATE SET n = n + excluded.n;
END;

-- A statement dated again, or given other parties, moves with its
-- commitments.
CREATE TRIGGER statements_moved AFTER UPDATE OF year, party_key ON statements
WHEN old.year IS NOT new.year OR old.party_key IS NOT new.party_key BEGIN
	INSERT INTO tally_statements (party_key, year, n)
		SELECT old.party_key, COALESCE(old.year, 0), -1 UNION ALL SELECT new.party_key, COALESCE(new.year, 0), 1
		ON CONFLICT (party_key, year) DO UPDATE SET n = n + excluded.n;
	INSERT INTO tally_cells (party_key, year, domain, recurring, n)
		SELECT k.party_key, k.year, c.domain, COALESCE(l.status = 'recurring', 0), k.sign * count(*)
		FROM commitments c LEFT JOIN links l ON l.commitment_id = c.id
			JOIN (SELECT old.party_key AS party_key, COALESCE(old.year, 0) AS year, -1 AS sign
				UNION ALL SELECT new.party_key, COALESCE(new.year, 0), 1) k
		WHERE c.statement_id = new.id
		GROUP BY k.party_key, k.year, c.domain, 4
		ON CONFLICT (party_key, year, domain, recurring) DO UPDATE SET n = n + excluded.n;
	UPDATE summary_state SET content = content + 1;
END;

CREATE TRIGGER statements_dated AFTER UPDATE OF date ON statements WHEN old.date IS NOT new.date BEGIN
	UPDATE summary_state SET content = content + 1;
END;

-- A statement deleted takes its commitments out of the cells while they
-- are there to count; its commitments' own triggers then find no statement.
CREATE TRIGGER statements_removed BEFORE DELETE ON statements BEGIN
	INSERT INTO tally_statements (party_key, year, n) VALUES (old.party_key, COALESCE(old.year, 0), -1)
		ON CONFLICT (party_key, year) DO UPDATE SET n = n + excluded.n;
	INSERT INTO tally_cells (party_key, year, domain, recurring, n)
		SELECT old.party_key, COALESCE(old.year, 0), c.domain, COALESCE(l.status = 'recurring', 0), -count(*)
		FROM commitments c LEFT JOIN links l ON l.commitment_id = c.id
		WHERE c.statement_id = old.id
		GROUP BY 3, 4
		ON CONFLICT (party_key, year, domain, recurring) DO UPDATE SET n = n + excluded.n;
END;
