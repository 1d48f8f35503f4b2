-- A person's decisions whose commitments left the database: a file was
-- edited (the commitment's text is no longer in it), forgotten (pledge
-- forget), or read again more completely. Each commitment is known by
-- its statement's fingerprint, its ordinal and its text, so that the
-- decision comes back (pledge forget --undo) when the commitment does.
CREATE TABLE set_aside (
	id                   INTEGER PRIMARY KEY,
	kind                 TEXT NOT NULL CHECK (kind IN ('label', 'link')),
	fingerprint          TEXT NOT NULL,
	ordinal              INTEGER NOT NULL,
	text                 TEXT NOT NULL,
	title                TEXT NOT NULL,  -- the statement's, to say which
	domain               TEXT,           -- a label's domain
	previous_fingerprint TEXT,           -- a link's earlier commitment; NULL
	previous_ordinal     INTEGER,        -- when it was judged new
	previous_text        TEXT,
	path                 TEXT NOT NULL,  -- the file whose change set it aside
	reason               TEXT NOT NULL CHECK (reason IN ('edited', 'forgotten', 'read again')),
	set_aside_at         TEXT NOT NULL
);
