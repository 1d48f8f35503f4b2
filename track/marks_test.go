package track

import (
	"context"
	"strings"
	"testing"

	"pledge/link"
)

// TestRefreshMarks opens a database whose words were stored before marks
// were (link.Marks): Open brings them to what storing them now gives.
func TestRefreshMarks(t *testing.T) {
	ctx := context.Background()
	s := testStore(t)
	ingest(t, s, "../testdata/pairs/test6/nz_2019-11-04.txt", "../testdata/pairs/test6/nz_2024-06-12.txt")
	tokens := func() map[int64]string {
		rows, err := s.db.QueryContext(ctx, `SELECT id, tokens FROM commitments`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[int64]string{}
		for rows.Next() {
			var id int64
			var w string
			if err := rows.Scan(&id, &w); err != nil {
				t.Fatal(err)
			}
			out[id] = w
		}
		return out
	}
	want := tokens()
	marked := 0
	for id, w := range want {
		if strings.Contains(w, "#") {
			marked++
		}
		var kept []string
		for _, x := range strings.Fields(w) {
			if !link.IsMark(x) {
				kept = append(kept, x)
			}
		}
		if _, err := s.db.ExecContext(ctx, `UPDATE commitments SET tokens = ? WHERE id = ?`, strings.Join(kept, " "), id); err != nil {
			t.Fatal(err)
		}
	}
	if marked == 0 {
		t.Fatal("no commitment holds a mark: the test reads nothing")
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, settingMarks); err != nil {
		t.Fatal(err)
	}
	path := s.path
	s.Close()
	var err error
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := tokens()
	for id, w := range want {
		if got[id] != w {
			t.Errorf("commitment %d: words %q after Open, want %q", id, got[id], w)
		}
	}
}
