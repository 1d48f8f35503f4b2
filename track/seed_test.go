package track

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestSeedIngest ingests the five seed files: four statements; the same
// files again add nothing; the files in reverse order into a new database
// give the same export, ids aside.
func TestSeedIngest(t *testing.T) {
	ctx := context.Background()
	paths := seedPaths(t)
	a := testStore(t)
	ingest(t, a, paths...)
	sts, err := a.Statements(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 4 {
		t.Fatalf("%d statements, want 4", len(sts))
	}
	before := export(t, a)
	ingest(t, a, paths...)
	if after := export(t, a); after != before {
		t.Error("ingesting the seeds again changed the database")
	}
	b := testStore(t)
	reversed := slices.Clone(paths)
	slices.Reverse(reversed)
	ingest(t, b, reversed...)
	if withoutIDs(export(t, b)) != withoutIDs(before) {
		t.Error("ingesting the seeds in reverse order gives another export")
	}
	// Every copy of the 2021 statement is one of its sources.
	for _, st := range sts {
		if strings.HasPrefix(st.Date, "2021") && len(st.Sources) != 3 {
			t.Errorf("2021 statement: sources %v, want the three files that hold it", st.Sources)
		}
	}
}

// export writes every commitment as CSV, with the columns of pledge export
// (package export, which this package cannot import): a snapshot of what
// the database holds, to compare.
func export(t *testing.T, s *Store) string {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	err := s.EachCommitment(context.Background(), Filter{}, func(c Commitment) error {
		return w.Write([]string{fmt.Sprint(c.ID), c.Statement, c.Date, fmt.Sprint(c.Year), fmt.Sprint(c.Ordinal), c.Section, c.Domain,
			fmt.Sprintf("%.4f", c.Probability), c.LabelSource, c.Status, fmt.Sprint(c.FirstYear), fmt.Sprint(c.Previous), c.Text,
			strings.Join(c.Parties, ";")})
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return b.String()
}

// withoutIDs blanks the id and previous_id columns of a CSV export.
func withoutIDs(s string) string {
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\ufeff")))
	recs, err := r.ReadAll()
	if err != nil {
		return "unreadable: " + err.Error()
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	for _, rec := range recs {
		rec[0], rec[11] = "", ""
		w.Write(rec)
	}
	w.Flush()
	return b.String()
}

// TestSeedFindings checks what an analyst would read off the seeds.
func TestSeedFindings(t *testing.T) {
	ctx := context.Background()
	s := testStore(t)
	ingest(t, s, seedPaths(t)...)
	cs, err := s.Commitments(ctx, Filter{Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]Commitment{}
	all, _ := s.Commitments(ctx, Filter{})
	for _, c := range all {
		byID[c.ID] = c
	}
	var recurring, fresh int
	for _, c := range cs {
		if c.Status == "recurring" {
			recurring++
		} else {
			fresh++
		}
		switch {
		case strings.HasPrefix(c.Text, "提升双边贸易、融资和其他经济活动中的本币份额"):
			p := byID[c.Previous]
			if c.Status != "recurring" || p.Year != 2021 || !strings.Contains(p.Text, "本币计价结算") {
				t.Errorf("the 2024 local-currency commitment: status %s, previous %d %.30s; want it to recur from 2021", c.Status, p.Year, p.Text)
			}
		case strings.Contains(strings.Split(c.Text, "，")[0], "人工智能"):
			// A commitment about AI, not one that lists it among others.
			if c.Status != "new" {
				t.Errorf("the 2024 AI commitment %.30s… is %s, want new", c.Text, c.Status)
			}
		}
	}
	if recurring < 10 || fresh < 10 {
		t.Errorf("2024: %d recurring and %d new commitments, want at least ten of each", recurring, fresh)
	}
	areas, err := s.NewAreas(ctx, 2024)
	if err != nil {
		t.Fatal(err)
	}
	var termsFound []string
	for _, a := range areas {
		termsFound = append(termsFound, a.Term)
	}
	if !slices.Contains(termsFound, "人工智能") {
		t.Errorf("new areas of 2024 lack 人工智能: %v", termsFound)
	}
	t.Logf("2024: %d recurring, %d new; new areas %v", recurring, fresh, termsFound[:min(15, len(termsFound))])
}

// TestTallyTotals checks that the tally counts every commitment once.
func TestTallyTotals(t *testing.T) {
	ctx := context.Background()
	s := testStore(t)
	ingest(t, s, seedPaths(t)...)
	tl, err := s.Tally(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cs, _ := s.Commitments(ctx, Filter{})
	sts, _ := s.Statements(ctx)
	total, statements := tl.Total()
	if total.Total() != len(cs) || statements != len(sts) {
		t.Errorf("tally: %d commitments in %d statements; database: %d in %d", total.Total(), statements, len(cs), len(sts))
	}
	var byColumn, byRow int
	for _, d := range tl.Domains {
		byColumn += tl.Column(d).Total()
	}
	for _, r := range tl.Rows {
		byRow += r.Total().Total()
	}
	if byColumn != len(cs) || byRow != len(cs) {
		t.Errorf("column totals %d, row totals %d, want %d", byColumn, byRow, len(cs))
	}
	recurring := 0
	for _, c := range cs {
		if c.Status == "recurring" {
			recurring++
		}
	}
	if total.Recurring != recurring {
		t.Errorf("tally counts %d recurring, the database %d", total.Recurring, recurring)
	}
}
