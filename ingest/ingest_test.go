package ingest_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"pledge/classify"
	"pledge/export"
	"pledge/extract"
	"pledge/ingest"
	"pledge/internal/gencorpus"
	"pledge/internal/testkit"
	"pledge/track"
)

var classifier = sync.OnceValues(func() (*classify.Classifier, error) {
	j, err := testkit.Segmenter()
	if err != nil {
		return nil, err
	}
	return classify.Default(j)
})

// corpus writes n invented statements (package gencorpus), a file each.
func corpus(t *testing.T, n int) []ingest.Input {
	t.Helper()
	paths, err := gencorpus.Write(t.TempDir(), 7, 0, n)
	if err != nil {
		t.Fatal(err)
	}
	var out []ingest.Input
	for _, p := range paths {
		out = append(out, ingest.Input{Name: filepath.Base(p), Read: func() ([]byte, error) { return os.ReadFile(p) }})
	}
	return out
}

// storeAndClassifier opens a new database, closed when the test ends, and
// returns it with the default classifier.
func storeAndClassifier(t *testing.T) (*track.Store, *classify.Classifier) {
	t.Helper()
	s, err := track.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c, err := classifier()
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

// ingestInto ingests the batches of inputs, one run each, with workers
// workers, into a new database, and returns its export.
func ingestInto(t *testing.T, workers int, batches ...[]ingest.Input) string {
	t.Helper()
	ctx := context.Background()
	s, c := storeAndClassifier(t)
	in, err := ingest.New(ctx, s, c)
	if err != nil {
		t.Fatal(err)
	}
	in.Workers = workers
	for _, b := range batches {
		if _, err := in.Run(ctx, b, func(r ingest.Result) {
			if r.Err != nil {
				t.Errorf("%s: %v", r.Name, r.Err)
			}
		}); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	if err := export.Write(ctx, &b, s, export.Options{NoBOM: true}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// withoutIDs leaves out the columns ids fill (id, previous_id), which
// depend on the order statements were stored in, and sorts the rows.
func withoutIDs(csv string) string {
	var rows []string
	for _, line := range strings.Split(csv, "\n") {
		fs := strings.Split(line, ",")
		if len(fs) > 12 {
			fs[0], fs[11] = "", ""
		}
		rows = append(rows, strings.Join(fs, ","))
	}
	return strings.Join(rows, "\n")
}

// TestWorkersGiveSerialResult checks that reading files on every core
// stores exactly what one worker does, ids and all.
func TestWorkersGiveSerialResult(t *testing.T) {
	inputs := corpus(t, 80)
	if serial, parallel := ingestInto(t, 1, inputs), ingestInto(t, 4, inputs); serial != parallel {
		t.Error("four workers store other commitments, labels or links than one")
	}
}

// TestOrderIndependent ingests a corpus in random orders, in batches of
// random sizes (so that statements dated before stored ones arrive later
// and only the groups they change are linked again), and checks that the
// database holds what one fresh ingest of all of them gives.
func TestOrderIndependent(t *testing.T) {
	inputs := corpus(t, 120)
	want := withoutIDs(ingestInto(t, 0, inputs))
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 3 {
		shuffled := append([]ingest.Input(nil), inputs...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		var batches [][]ingest.Input
		for len(shuffled) > 0 {
			k := min(len(shuffled), 1+rng.IntN(40))
			batches = append(batches, shuffled[:k])
			shuffled = shuffled[k:]
		}
		if got := withoutIDs(ingestInto(t, 0, batches...)); got != want {
			t.Errorf("round %d: %d batches in another order give another database than one ingest", round, len(batches))
		}
	}
}

// TestLaterBatches ingests statements in batches each dated after the
// ones before, as a folder grows with the news (linked from the tails of
// their words), and checks that the database holds what one ingest of all
// of them gives.
func TestLaterBatches(t *testing.T) {
	dir := t.TempDir()
	var all []ingest.Input
	var batches [][]ingest.Input
	for k := range 4 {
		y := gencorpus.Years{First: 1995 + 8*k, Last: 2002 + 8*k}
		paths, err := y.Write(dir, 3, 40*k, 40*k+40)
		if err != nil {
			t.Fatal(err)
		}
		var batch []ingest.Input
		for _, p := range paths {
			batch = append(batch, ingest.Input{Name: filepath.Base(p), Read: func() ([]byte, error) { return os.ReadFile(p) }})
		}
		batches = append(batches, batch)
		all = append(all, batch...)
	}
	if got, want := withoutIDs(ingestInto(t, 0, batches...)), withoutIDs(ingestInto(t, 0, all)); got != want {
		t.Error("batches each later than the last give another database than one ingest")
	}
}

// TestUnchangedFilesSkipped checks that a second run reads nothing again
// and never asks for the classifier, and that a changed file is read.
func TestUnchangedFilesSkipped(t *testing.T) {
	ctx := context.Background()
	inputs := corpus(t, 10)
	s, c := storeAndClassifier(t)
	asked := 0
	in, err := ingest.Lazy(ctx, s, c.Model, func() (*classify.Classifier, error) { asked++; return c, nil })
	if err != nil {
		t.Fatal(err)
	}
	count := func() (unchanged, stored int) {
		in.Run(ctx, inputs, func(r ingest.Result) {
			if r.Unchanged {
				unchanged++
			}
			for _, f := range r.Found {
				if f.Added {
					stored++
				}
			}
		})
		return
	}
	if u, n := count(); u != 0 || n != 10 || asked != 1 {
		t.Fatalf("first run: %d unchanged, %d stored, classifier asked for %d times", u, n, asked)
	}
	if u, n := count(); u != 10 || n != 0 {
		t.Errorf("second run: %d unchanged, %d stored; want 10 and 0", u, n)
	}
	inputs[3].Read = func() ([]byte, error) {
		return []byte("甲国和乙国（以下称“双方”），声明如下：\n双方将扩大贸易。\n二〇二〇年一月二日\n"), nil
	}
	if u, n := count(); u != 9 || n != 1 {
		t.Errorf("after a file changed: %d unchanged, %d stored; want 9 and 1", u, n)
	}
}

// TestWeightBudget ingests files each heavier than half the weight the
// workers may hold at once, with four workers, some of them too heavy to
// read at all: every file takes its turn, none waits for ever, and the
// database is what no limit gives.
func TestWeightBudget(t *testing.T) {
	inputs := corpus(t, 30)
	var heaviest int64
	for _, in := range inputs {
		b, _ := in.Read()
		w, _ := ingest.Weight(string(b))
		heaviest = max(heaviest, w)
	}
	want := ingestInto(t, 4, inputs)
	ctx := context.Background()
	s, c := storeAndClassifier(t)
	in, err := ingest.New(ctx, s, c)
	if err != nil {
		t.Fatal(err)
	}
	in.Workers, in.MaxWeight = 4, heaviest*3/2
	tooHeavy := ingest.Input{Name: "heavy.txt", Read: func() ([]byte, error) {
		return []byte(strings.Repeat("双方将加强合作。\n", int(heaviest))), nil
	}}
	with := append([]ingest.Input{tooHeavy}, inputs...)
	var results []string
	if _, err := in.Run(ctx, with, func(r ingest.Result) { results = append(results, r.Name) }); err != nil {
		t.Fatal(err)
	}
	if len(results) != len(with) || results[0] != "heavy.txt" || results[1] != inputs[0].Name {
		t.Errorf("results %v, want one for each file, in order", results)
	}
	var b strings.Builder
	if err := export.Write(ctx, &b, s, export.Options{NoBOM: true}); err != nil {
		t.Fatal(err)
	}
	if b.String() != want {
		t.Error("a weight limit gives another database")
	}
	var heavy *ingest.TooHeavyError
	if _, err := ingest.Read(ctx, []byte(strings.Repeat("双方将加强合作。\n", 1000)), extract.DateHint{}, 1000); !errors.As(err, &heavy) || heavy.Units != 2000 {
		t.Errorf("Read of a heavy text: %v, want a TooHeavyError counting 2000 lines and sentences", err)
	}
}

// TestCorrectionsLinkExactly makes a person's corrections one after the
// other, labels and link decisions, early, late and in between, each
// linked as pledge serve links it (LinkPending: only what it touches is
// read and weighed), and checks after each that every commitment's link,
// similarity and thread are what linking everything afresh gives.
func TestCorrectionsLinkExactly(t *testing.T) {
	ctx := context.Background()
	s, c := storeAndClassifier(t)
	in, err := ingest.New(ctx, s, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Run(ctx, corpus(t, 120), func(ingest.Result) {}); err != nil {
		t.Fatal(err)
	}
	all, err := s.Commitments(ctx, track.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(all, func(a, b track.Commitment) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
	// Recurring ones whose match recurs too: the one before that is
	// earlier and between the same parties, for a decision.
	var chained []track.Commitment
	byID := map[int64]track.Commitment{}
	for _, cm := range all {
		byID[cm.ID] = cm
	}
	for _, cm := range all {
		if p, ok := byID[cm.Previous]; ok && cm.Status == "recurring" && p.Status == "recurring" && byID[p.Previous].Date < cm.Date {
			chained = append(chained, cm)
		}
	}
	if len(chained) < 3 {
		t.Fatalf("%d commitments recur from a recurring one; want 3", len(chained))
	}
	early, middle, late := all[len(all)/20], all[len(all)/2], all[len(all)-1]
	decided := chained[len(chained)/2]
	// One whose thread began before its year, with the most later ones
	// recurring from it, directly or not: marked new, their threads
	// begin in its year, some of them too far on to be weighed again.
	later := map[int64][]int64{}
	for _, cm := range all {
		if cm.Status == "recurring" {
			later[cm.Previous] = append(later[cm.Previous], cm.ID)
		}
	}
	var count func(id int64) int
	count = func(id int64) int {
		n := 0
		for _, l := range later[id] {
			n += 1 + count(l)
		}
		return n
	}
	var midThread track.Commitment
	for _, cm := range chained {
		if p := byID[cm.Previous]; p.FirstYear != p.Year && p.ID != decided.ID && count(p.ID) > count(midThread.ID) {
			midThread = p
		}
	}
	if midThread.ID == 0 {
		t.Fatal("no recurring commitment that later ones recur from began its thread before its year")
	}
	tests := []struct {
		name    string
		correct func() error
	}{
		{"an early one relabelled", func() error { return s.Label(ctx, early.ID, "security") }},
		{"one in the middle relabelled", func() error { return s.Label(ctx, middle.ID, "culture") }},
		{"the latest relabelled", func() error { return s.Label(ctx, late.ID, "economy") }},
		{"a recurring one marked new", func() error { return s.DecideLink(ctx, chained[0].ID, 0) }},
		{"one said to repeat the one before its match", func() error {
			return s.DecideLink(ctx, decided.ID, byID[decided.Previous].Previous)
		}},
		{"what that decision names relabelled", func() error {
			return s.Label(ctx, byID[decided.Previous].Previous, "finance")
		}},
		{"its match relabelled", func() error { return s.Label(ctx, decided.Previous, "energy") }},
		{"one that later ones recur from marked new", func() error { return s.DecideLink(ctx, midThread.ID, 0) }},
		{"a label taken back", func() error { return s.Unlabel(ctx, middle.ID) }},
		{"a decision taken back", func() error { return s.UndecideLink(ctx, chained[0].ID) }},
		{"the other taken back", func() error { return s.UndecideLink(ctx, midThread.ID) }},
		{"the start of a thread relabelled", func() error {
			first := chained[len(chained)-1]
			for byID[first.Previous].ID != 0 {
				first = byID[first.Previous]
			}
			return s.Label(ctx, first.ID, "security")
		}},
	}
	links := func() string {
		cs, err := s.Commitments(ctx, track.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, cm := range cs {
			fmt.Fprintf(&b, "%d %s %s %s %d %d %v %v\n", cm.ID, cm.Domain, cm.Status, cm.LinkSource, cm.FirstYear, cm.Previous, cm.Similarity, cm.DecisionAside)
		}
		return b.String()
	}
	for _, tt := range tests {
		if err := tt.correct(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if _, err := s.LinkPending(ctx); err != nil {
			t.Fatal(err)
		}
		got := links()
		if _, err := s.Relink(ctx); err != nil {
			t.Fatal(err)
		}
		if want := links(); got != want {
			t.Errorf("%s: the links differ from linking afresh:\n%s", tt.name, firstDiff(got, want))
		}
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for k := range min(len(g), len(w)) {
		if g[k] != w[k] {
			return fmt.Sprintf("got  %s\nwant %s", g[k], w[k])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}
