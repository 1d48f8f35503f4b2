package track

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"pledge/link"
)

// recurrenceLabels reads testdata/pairs/seeds.tsv: for each commitment of
// the 2021 and 2024 seed statements (key statement#ordinal), the earlier
// commitments that hold the same action on the same object.
func recurrenceLabels(t *testing.T, byKey map[string]Commitment) map[string][]string {
	f, err := os.Open(filepath.Join("..", "testdata", "pairs", "seeds.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) != 5 {
			t.Fatalf("seeds.tsv:%d: want 5 fields", n)
		}
		key := fs[0] + "#" + fs[1]
		c, ok := byKey[key]
		if !ok || fmt.Sprint(utf8.RuneCountInString(c.Text)) != fs[2] || !strings.HasPrefix(c.Text, fs[3]) {
			t.Fatalf("seeds.tsv:%d: %s is not in the database as labelled (has extraction changed?)", n, key)
		}
		out[key] = nil
		if fs[4] != "-" {
			out[key] = strings.Fields(fs[4])
		}
	}
	return out
}

func seedKey(c Commitment) string {
	return fmt.Sprintf("%s_%s#%d", c.Date, c.Fingerprint[:8], c.Ordinal)
}

// recurrenceScore compares the links in cs with the labels: a commitment
// found recurring is right when its match is one of the labelled earlier
// commitments; precision is over the commitments found recurring, recall
// over those labelled recurring.
func recurrenceScore(cs []Commitment, labels map[string][]string, recurs func(Commitment) bool) (precision, recall float64) {
	byID := map[int64]Commitment{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	var tp, fp, fn int
	for _, c := range cs {
		truth, labelled := labels[seedKey(c)]
		if !labelled {
			continue
		}
		right := false
		if recurs(c) {
			for _, e := range truth {
				right = right || e == seedKey(byID[c.Previous])
			}
			if right {
				tp++
			} else {
				fp++
			}
		}
		if len(truth) > 0 && !right {
			fn++
		}
	}
	return float64(tp) / float64(tp+fp), float64(tp) / float64(tp+fn)
}

// TestSeedRecurrence checks recurring and new commitments in the seeds,
// linked through the store, against pairs labelled by hand
// (testdata/pairs/seeds.tsv). The default linker learnt from these pairs
// too, so this is no held-out figure: link's TestPairs gives the seeds'
// cross-validated one. It is the end-to-end check that the store links as
// the linker decides.
func TestSeedRecurrence(t *testing.T) {
	s := testStore(t)
	ingest(t, s, seedPaths(t)...)
	cs, err := s.Commitments(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]Commitment{}
	for _, c := range cs {
		byKey[seedKey(c)] = c
	}
	labels := recurrenceLabels(t, byKey)
	for _, th := range []float64{0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5} {
		p, r := recurrenceScore(cs, labels, func(c Commitment) bool { return c.Previous != 0 && c.Similarity >= th })
		t.Logf("threshold %.2f: precision %.3f, recall %.3f", th, p, r)
	}
	p, r := recurrenceScore(cs, labels, func(c Commitment) bool { return c.Status == "recurring" })
	t.Logf("default threshold %.2f: precision %.3f, recall %.3f", DefaultThreshold(), p, r)
	if p < 0.75 || r < 0.6 {
		t.Errorf("recurrence precision %.3f, recall %.3f; want at least 0.75 and 0.6", p, r)
	}
}

// TestLinkBoundedSearch checks that the bounded candidate search finds the
// same best matches as comparing every earlier commitment, on the seeds.
func TestLinkBoundedSearch(t *testing.T) {
	s := testStore(t)
	ingest(t, s, seedPaths(t)...)
	items, err := linkItems(context.Background(), s.db, false, "", true)
	if err != nil {
		t.Fatal(err)
	}
	m, err := link.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	bounded, all := link.All(items, DefaultThreshold()), m.Exhaustive(items, DefaultThreshold())
	differ := 0
	for id, l := range all {
		if bounded[id].Previous != l.Previous {
			differ++
		}
	}
	if differ > 0 {
		t.Errorf("the bounded search picks another best match for %d of %d commitments", differ, len(items))
	}
}
