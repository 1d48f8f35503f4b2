package track

import (
	"context"
	"strings"
)

// Stats is what a database holds and how it links, in figures.
type Stats struct {
	Statements, Undated, Files int
	FirstYear, LastYear        int // of the dated statements; 0 when none
	Commitments                int
	New, Recurring             int
	PersonLabels               int // commitments labelled by a person
	PersonLinks                int // links decided by a person
	DecisionsAside             int // of those, the ones linking now cannot apply
	SetAside                   int // decisions waiting for their commitments (Restore)
	// Groups are the sets of parties, with their statements, most first.
	Groups []Group
	// Across is SetAcrossParties's setting; Threshold the chance at which
	// commitments recur, ThresholdSet whether SetThreshold chose it.
	Across       bool
	Threshold    float64
	ThresholdSet bool
	Linker       string // the version of the linker that made the links
	Pending      bool   // commitments wait to be linked
}

// Group is a set of parties and how many statements are between them.
type Group struct {
	Parties    []string
	Statements int
}

// Stats returns the figures of the database.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM statements),
		(SELECT count(*) FROM statements WHERE year IS NULL),
		(SELECT count(DISTINCT path) FROM sources),
		(SELECT COALESCE(min(year), 0) FROM statements),
		(SELECT COALESCE(max(year), 0) FROM statements),
		(SELECT count(*) FROM commitments),
		(SELECT count(*) FROM links WHERE status = 'recurring'),
		(SELECT count(*) FROM commitments WHERE label_source = 'person'),
		(SELECT count(*) FROM link_decisions),
		(SELECT count(*) FROM link_decisions d JOIN links l ON l.commitment_id = d.commitment_id WHERE l.link_source = 'model'),
		(SELECT count(*) FROM set_aside)`).Scan(&st.Statements, &st.Undated, &st.Files, &st.FirstYear, &st.LastYear,
		&st.Commitments, &st.Recurring, &st.PersonLabels, &st.PersonLinks, &st.DecisionsAside, &st.SetAside)
	if err != nil {
		return st, err
	}
	st.New = st.Commitments - st.Recurring
	rows, err := s.db.QueryContext(ctx, `SELECT party_key, count(*) FROM statements GROUP BY party_key ORDER BY count(*) DESC, party_key`)
	if err != nil {
		return st, err
	}
	for rows.Next() {
		var key string
		var g Group
		if err := rows.Scan(&key, &g.Statements); err != nil {
			rows.Close()
			return st, err
		}
		if key != "" {
			g.Parties = strings.Split(key, "|")
		}
		st.Groups = append(st.Groups, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return st, err
	}
	// Each group's parties as its statements name them, China first, as
	// export and the pages give them, not sorted as the key holds them.
	for i, g := range st.Groups {
		if len(g.Parties) == 0 {
			continue
		}
		named, err := column[string](ctx, s.db, `SELECT party FROM statement_parties WHERE statement_id =
			(SELECT min(id) FROM statements WHERE party_key = ?) ORDER BY position`, strings.Join(g.Parties, "|"))
		if err != nil {
			return st, err
		}
		if len(named) == len(g.Parties) {
			st.Groups[i].Parties = named
		}
	}
	if st.Across, err = s.AcrossParties(ctx); err != nil {
		return st, err
	}
	set, err := setting(ctx, s.db, settingThreshold)
	if err != nil {
		return st, err
	}
	st.ThresholdSet = set != ""
	if st.Threshold, err = s.LinkThreshold(ctx); err != nil {
		return st, err
	}
	if st.Linker, err = setting(ctx, s.db, settingLinker); err != nil {
		return st, err
	}
	st.Pending, err = s.Pending(ctx)
	return st, err
}
