-- The first schema of a pledge database.

CREATE TABLE statements (
	id          INTEGER PRIMARY KEY,
	fingerprint TEXT NOT NULL UNIQUE,   -- of the normalised body: copies share it
	title       TEXT NOT NULL,
	date        TEXT NOT NULL,          -- YYYY-MM-DD, '' when the text gives none
	year        INTEGER,                -- NULL when the date is unknown
	ingested_at TEXT NOT NULL
);

-- Every file a statement was found in, and the title that copy gave it.
-- The statement's title is that of its first source (by path) with a
-- title of its own, so it does not depend on which copy came first.
CREATE TABLE sources (
	statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
	path         TEXT NOT NULL,
	title        TEXT,                  -- NULL when that copy had no title
	PRIMARY KEY (statement_id, path)
);

-- The models that labelled commitments.
CREATE TABLE models (
	id            INTEGER PRIMARY KEY,
	hash          TEXT NOT NULL UNIQUE,
	variant       TEXT NOT NULL,
	labels        TEXT NOT NULL,        -- JSON array
	training_size INTEGER NOT NULL,
	created_at    TEXT NOT NULL
);

CREATE TABLE commitments (
	id           INTEGER PRIMARY KEY,
	statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
	ordinal      INTEGER NOT NULL,
	section      TEXT NOT NULL,
	text         TEXT NOT NULL,
	tokens       TEXT NOT NULL,         -- segmented words, space-separated
	domain       TEXT NOT NULL,
	probability  REAL NOT NULL,         -- 1 for a person's label
	label_source TEXT NOT NULL CHECK (label_source IN ('model', 'person')),
	model_id     INTEGER REFERENCES models(id),
	UNIQUE (statement_id, ordinal)
);
CREATE INDEX commitments_domain ON commitments(domain);

-- Each commitment's best match in an earlier statement, and whether it is
-- close enough to make the commitment recurring. Rebuilt from all
-- commitments after every change, so it does not depend on ingestion order.
CREATE TABLE links (
	commitment_id INTEGER PRIMARY KEY REFERENCES commitments(id) ON DELETE CASCADE,
	previous_id   INTEGER REFERENCES commitments(id) ON DELETE SET NULL,
	similarity    REAL,
	status        TEXT NOT NULL CHECK (status IN ('new', 'recurring')),
	first_year    INTEGER
);
CREATE INDEX links_previous ON links(previous_id);
