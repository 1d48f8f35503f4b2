package link

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"pledge/classify"
	"pledge/data"
	"pledge/internal/seeds"
	"pledge/internal/testkit"
)

// The labelled pairs: ../testdata/pairs/* hold invented follow-up
// statements of several partners, each later commitment labelled by hand
// with the earlier ones it repeats (GUIDE §4), or none;
// testdata/pairs/seeds.tsv labels the seed statements so. The default
// linker is fitted on all of them and the seeds (data/linker.json, by go
// generate ./data): test2 to test12 were written blind by helpers that saw
// no linker code, and each was measured held out once before it joined
// (docs/accuracy.md, "Recurring and new"); a set in testdata/pairs that
// is not in fitted is measured held out (TestPairs).
var fitted = []string{"dev", "dev2", "test", "test2", "test3", "test4", "test5", "test6", "test7", "test8", "test9", "test10", "test11", "test12"}

var classifier = sync.OnceValues(func() (*classify.Classifier, error) {
	seg, err := testkit.Segmenter()
	if err != nil {
		return nil, err
	}
	return classify.Default(seg)
})

func testClassifier(t testing.TB) *classify.Classifier {
	t.Helper()
	c, err := classifier()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func domainOf(c *classify.Classifier) Domain {
	return func(ws []string) string { return c.Model.Predict(ws)[0].Label }
}

func readPairs(t testing.TB, dir string) *PairSet {
	t.Helper()
	c := testClassifier(t)
	ps, err := ReadPairs(os.DirFS(dir), ".", c.Tokenizer.Tokens, domainOf(c))
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

const seedLabels = "../testdata/pairs/seeds.tsv"

// TestPairs measures the default linker cross-validated on what it is
// fitted on: each partner of the fitted sets, and each later seed
// statement, linked by a model fitted on the rest.
func TestPairs(t *testing.T) {
	if testkit.Race {
		t.Skip("cross-validates on every pair set: go test ./link runs it without the race detector")
	}
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	// The bars are a little under what the linker reaches (README, "Recurring
	// and new"): they catch a change that makes it worse.
	report := func(what string, s Score, precision, recall float64) {
		t.Logf("%s: precision %.3f, recall %.3f; false friends linked %d of %d",
			what, s.Precision(), s.Recall(), s.FalseFriendsLinked, s.FalseFriends)
		if s.Precision() < precision || s.Recall() < recall {
			t.Errorf("%s: precision %.3f, recall %.3f; want at least %.2f and %.2f", what, s.Precision(), s.Recall(), precision, recall)
		}
	}
	type bar struct{ precision, recall float64 }
	bars := map[string]bar{"dev": {0.85, 0.82}, "dev2": {0.85, 0.85}, "test": {0.75, 0.85}, "test2": {0.80, 0.82},
		"test3": {0.75, 0.72}, "test4": {0.72, 0.88}, "test5": {0.65, 0.80}, "test6": {0.65, 0.85},
		"test7": {0.80, 0.90}, "test8": {0.68, 0.84}, "test9": {0.76, 0.81}, "test10": {0.76, 0.75}, "test11": {0.79, 0.81}, "seeds": {0.72, 0.50},
		"test12": {0.79, 0.90},
		// Held out: test13 0.825, 0.952 when first measured, 0.792, 0.952
		// after test12's changes, 0.842, 0.952 after its errors were read
		// (a development set since, not fitted on: its writer labels a
		// changed amount another object, which most sets label a
		// repetition, and fitting on it made the blind sets worse); test14 0.851, 0.889 when first measured
		// (0.857, 0.867 by the linker before them), 0.879, 0.889 after a
		// review's fixes, 0.909, 0.889 after its errors were read (a
		// development set since, not fitted on, like test13).
		"test13": {0.81, 0.92}, "test14": {0.88, 0.86},
		// test15 0.848, 0.933 when first measured (0.854, 0.911 by the
		// linker before test12's changes), 0.840, 0.933 after test13's and
		// test14's.
		"test15": {0.82, 0.90},
		// test16 0.798, 0.915 when first measured, 0.817, 0.927 after
		// test13's and test14's changes (a validation set since: its
		// scores, never its errors, used to choose; so is test15); 0.826,
		// 0.927 after nextMember, 0.837, 0.939 after test17's synonyms.
		"test16": {0.79, 0.90},
		// test17 0.829, 0.716 measured once, after those changes (the
		// linker before them: 0.802, 0.726); its writer labels the next
		// numbered session of a body a repetition, which the marks rule out;
		// 0.819, 0.716 by the linker with nextMember (refitted); its errors
		// then read (a development set since, not fitted on, like test13):
		// 0.833, 0.737 after the synonyms they gave.
		"test17": {0.80, 0.69},
		// test18 0.714, 0.823 measured once, with test17 (the linker before
		// test13's and test14's changes: 0.708, 0.797): 40 of its 75 false
		// friends are another action; 0.711, 0.810 with nextMember, 0.719,
		// 0.810 with test17's synonyms.
		"test18": {0.69, 0.80},
		// test19 0.807, 0.755 measured once, by the linker of test17 and
		// test18 (one that kept a word before a mark from being taken for
		// a part of it, not kept: 0.798, 0.755); 23 of its 94 repetitions
		// missed, most reworded with few words in common. The same with
		// nextMember; 0.805, 0.745 with test17's synonyms.
		"test19": {0.78, 0.73},
		// test20 0.814, 0.893 measured once, after nextMember and test17's
		// synonyms (the linker before them: the same); 20 of its 65 false
		// friends linked.
		"test20": {0.78, 0.86},
		// test21 0.806, 0.976 measured once, with test20 (the linker before
		// nextMember and test17's synonyms: 0.790, 0.976); 20 of its 64
		// false friends linked.
		"test21": {0.77, 0.94}}
	var sets []*PairSet
	for _, n := range fitted {
		sets = append(sets, readPairs(t, "../testdata/pairs/"+n))
	}
	c := testClassifier(t)
	names := fitted
	t.Run("seeds", func(t *testing.T) {
		sp, err := SeedPairs(seeds.Paths(t), seedLabels, c.Tokenizer.Tokens, domainOf(c))
		if err != nil {
			t.Fatal(err)
		}
		sets = append(sets, sp)
		names = append(names, "seeds")
	})
	all := Merge(sets...)
	var folds [][]string
	for k := range names {
		folds = append(folds, all.foldsOf(k))
	}
	scores := m.crossValidateEach(all, defaultL2, folds, []float64{m.Threshold})
	for k, n := range names {
		by := "partner"
		if n == "seeds" {
			by = "statement"
		}
		b := bars[n]
		report(n+" pairs, cross-validated by "+by, scores[k][0], b.precision, b.recall)
	}
	// A set not fitted on is a blind one being measured held out: its bar
	// is what it reached, written in when it was first measured.
	held, err := filepath.Glob("../testdata/pairs/*/pairs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range held {
		n := filepath.Base(filepath.Dir(f))
		if slices.Contains(fitted, n) {
			continue
		}
		b, ok := bars[n]
		if !ok {
			t.Errorf("%s: a set neither fitted on nor with a bar: measure it once, held out, and write its bar in", n)
			continue
		}
		ps := readPairs(t, filepath.Dir(f))
		report(n+" pairs, held out", ps.Score(m.All(ps.Items, m.Threshold)), b.precision, b.recall)
	}
}

// TestDefaultModel checks that the built-in linker is what fitting it
// afresh gives (go generate ./data makes it), and that it is whole.
func TestDefaultModel(t *testing.T) {
	if testkit.Race {
		t.Skip("fits the linker on every pair set: go test ./link runs it without the race detector")
	}
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseModel([]byte(data.Linker())); err != nil {
		t.Fatal(err)
	}
	paths := seeds.Paths(t)
	fresh, err := FitDefault(Sources{Classifier: testClassifier(t), Pairs: dirs(fitted), Seeds: paths, SeedLabels: seedLabels})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := m.JSON()
	b, _ := fresh.JSON()
	if !bytes.Equal(a, b) {
		os.WriteFile(filepath.Join(t.TempDir(), "linker.json"), b, 0o644)
		t.Errorf("data/linker.json is not what fitting gives now: run go generate ./data (the seeds must be in ../shared/seeds)")
	}
}

// dirs returns the folders of the pair sets named.
func dirs(names []string) []fs.FS {
	var out []fs.FS
	for _, n := range names {
		out = append(out, os.DirFS("../testdata/pairs/"+n))
	}
	return out
}
