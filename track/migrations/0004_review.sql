-- What a person decides in review (pledge serve, pledge label, pledge
-- link), and what undoing it and retraining need.

-- A person's judgement of a commitment's link: the earlier commitment it
-- repeats, or NULL for "new, not a repetition". Linking keeps it over what
-- the similarity says, and marks the link links.link_source = 'person'.
CREATE TABLE link_decisions (
	commitment_id INTEGER PRIMARY KEY REFERENCES commitments(id) ON DELETE CASCADE,
	previous_id   INTEGER REFERENCES commitments(id) ON DELETE CASCADE,
	decided_at    TEXT NOT NULL
);
ALTER TABLE links ADD COLUMN link_source TEXT NOT NULL DEFAULT 'model' CHECK (link_source IN ('model', 'person'));

-- The model's label of a commitment a person labelled, kept current by
-- reclassify, so that undoing the person's label brings it back. NULL for
-- labels given before this migration, until the next reclassify.
ALTER TABLE commitments ADD COLUMN model_domain TEXT;
ALTER TABLE commitments ADD COLUMN model_probability REAL;

-- Each model itself (its JSON), so that a commitment's next most likely
-- domains can be shown with the model that labelled it, and a model
-- retrained in pledge serve labels what is ingested later. NULL for the
-- models recorded before.
ALTER TABLE models ADD COLUMN body TEXT;
