-- The tails of each group of parties (link.Tails): for each word linking
-- counts, the ids of the group's last commitments that hold it, in order
-- (space-separated), so that the commitments of statements dated after all
-- of a group's are linked without reading the group (link.TouchedAfter).
-- link_tail_groups says whose tails are whole: made by the words of
-- version (link.WordsVersion), of the group when it held n commitments.
-- A change the linking does not bring up to date takes the group out: a
-- commitment or statement removed, a commitment's words or statement
-- changed, a statement dated again or given other parties.
CREATE TABLE link_tails (
	party_key TEXT NOT NULL,
	word      TEXT NOT NULL,
	holders   TEXT NOT NULL,
	PRIMARY KEY (party_key, word)
) WITHOUT ROWID;

CREATE TABLE link_tail_groups (
	party_key TEXT PRIMARY KEY,
	version   TEXT NOT NULL,
	n         INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER commitments_removed_tails BEFORE DELETE ON commitments BEGIN
	DELETE FROM link_tail_groups WHERE party_key = (SELECT party_key FROM statements WHERE id = old.statement_id);
END;

CREATE TRIGGER commitments_reworded_tails AFTER UPDATE OF tokens, statement_id ON commitments
WHEN old.tokens IS NOT new.tokens OR old.statement_id IS NOT new.statement_id BEGIN
	DELETE FROM link_tail_groups WHERE party_key IN (SELECT party_key FROM statements WHERE id IN (old.statement_id, new.statement_id));
END;

CREATE TRIGGER statements_removed_tails BEFORE DELETE ON statements BEGIN
	DELETE FROM link_tail_groups WHERE party_key = old.party_key;
END;

CREATE TRIGGER statements_moved_tails AFTER UPDATE OF party_key, date, fingerprint ON statements
WHEN old.party_key IS NOT new.party_key OR old.date IS NOT new.date OR old.fingerprint IS NOT new.fingerprint BEGIN
	DELETE FROM link_tail_groups WHERE party_key IN (old.party_key, new.party_key);
END;
