package classify

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pledge/data"
)

// heldOutFile reads testdata/heldout_domains.tsv: commitments of invented
// statements of partners other than Russia, labelled by hand with GUIDE §3
// before any model was run on them. No model trains on them, and no choice
// of pledge's is made on them: pledge eval --heldout measures them once a
// release, for the README, and no test does.
func heldOutFile(t *testing.T) []Labelled {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "heldout_domains.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ReadHeldOut(b)
	if err != nil {
		t.Fatalf("heldout_domains.tsv: %v", err)
	}
	return rows
}

// TestHeldOutApart checks the held-out file is whole, labelled with the
// ten domains, and shares no text with the training data.
func TestHeldOutApart(t *testing.T) {
	rows := heldOutFile(t)
	if len(rows) != 336 {
		t.Errorf("%d held-out commitments, want 336", len(rows))
	}
	train, err := ReadLabelled([]byte(data.Labelled()))
	if err != nil {
		t.Fatal(err)
	}
	trained := map[string]bool{}
	for _, r := range train {
		trained[normalText(r.Text)] = true
	}
	for _, r := range rows {
		if !slices.ContainsFunc(Domains(), func(d Domain) bool { return d.ID == r.Label }) {
			t.Errorf("heldout_domains.tsv:%d: domain %q is none of GUIDE §3", r.Line, r.Label)
		}
		if trained[normalText(r.Text)] {
			t.Errorf("heldout_domains.tsv:%d is in the training data: %s", r.Line, r.Text)
		}
	}
}

// normalText is a text without its spaces and final punctuation, so that
// a copy that differs only in them is found.
func normalText(s string) string {
	return strings.TrimRight(strings.Join(strings.Fields(s), ""), "。；;.")
}
