-- What the new policy areas were counted from (figures.NewAreas, as
-- JSON), so that a write that only adds statements counts theirs, not
-- every commitment again: upto is the last commitment counted, changed
-- the count of the other changes to what areas are made of (a commitment
-- or statement removed, terms or a date changed) when it was kept, and
-- key the program that counted (settings key areas says the same of
-- new_areas).
ALTER TABLE summary_state ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;

CREATE TABLE areas_state (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	key     TEXT NOT NULL,
	upto    INTEGER NOT NULL,
	changed INTEGER NOT NULL,
	state   BLOB NOT NULL
);

CREATE TRIGGER commitments_removed_changed BEFORE DELETE ON commitments BEGIN
	UPDATE summary_state SET changed = changed + 1;
END;

CREATE TRIGGER commitments_reworded_changed AFTER UPDATE OF terms, statement_id ON commitments
WHEN old.terms IS NOT new.terms OR old.statement_id IS NOT new.statement_id BEGIN
	UPDATE summary_state SET changed = changed + 1;
END;

CREATE TRIGGER statements_redated_changed AFTER UPDATE OF year, date ON statements
WHEN old.year IS NOT new.year OR old.date IS NOT new.date BEGIN
	UPDATE summary_state SET changed = changed + 1;
END;

CREATE TRIGGER statements_removed_changed BEFORE DELETE ON statements BEGIN
	UPDATE summary_state SET changed = changed + 1;
END;
