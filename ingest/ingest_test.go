package ingest_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
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
