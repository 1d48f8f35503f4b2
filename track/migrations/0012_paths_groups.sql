-- The files read from under a folder, found by their paths' index (the
-- files an ingest no longer finds there, those forget removes) instead of
-- reading every path; and a group's statements in their order, read from
-- the index alone (linking a group's latest statements lists them).
CREATE INDEX sources_path ON sources(path);
CREATE INDEX statements_group ON statements(party_key, date, fingerprint, year);
DROP INDEX statements_party_key;
