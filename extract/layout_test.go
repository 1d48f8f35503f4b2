package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pledge/extract"
	"pledge/internal/golden"
)

// TestLayouts reads each document of ../testdata/layouts, written for pledge
// in one of the layouts of GUIDE §1 between invented states, and scores
// what it finds against the document's golden file, labelled by hand:
// every statement, its title, date and parties, and precision and recall
// of at least 0.95 on its commitments.
func TestLayouts(t *testing.T) {
	goldens, err := filepath.Glob("../testdata/layouts/*.golden")
	if err != nil || len(goldens) < 10 {
		t.Fatalf("want at least ten golden files in ../testdata/layouts, have %d (%v)", len(goldens), err)
	}
	for _, g := range goldens {
		name := strings.TrimSuffix(filepath.Base(g), ".golden")
		inputs, _ := filepath.Glob(filepath.Join("..", "testdata", "layouts", name+".*"))
		for _, in := range inputs {
			if in == g || strings.HasSuffix(in, ".pdf") { // PDFs: see cmd/pledge
				continue
			}
			t.Run(filepath.Base(in), func(t *testing.T) {
				want, err := golden.Read(g)
				if err != nil {
					t.Fatal(err)
				}
				data, err := os.ReadFile(in)
				if err != nil {
					t.Fatal(err)
				}
				got, err := extract.ReadFile(in, data)
				if err != nil {
					t.Fatal(err)
				}
				checkGolden(t, want, got)
			})
		}
	}
}

// checkGolden fails the test where got differs from want.
func checkGolden(t *testing.T, want []golden.Statement, got []extract.Statement) {
	t.Helper()
	r := golden.Compare(want, got)
	for _, p := range r.Problems {
		t.Error(p)
	}
	for _, w := range r.Wrong {
		t.Logf("counted, but not a commitment: %s", w)
	}
	for _, m := range r.Missed {
		t.Logf("missed: %s", m)
	}
	t.Logf("%d commitments found correctly, %d wrongly, %d missed: precision %.3f, recall %.3f",
		r.TP, r.FP, r.FN, r.Precision(), r.Recall())
	if r.Precision() < 0.95 || r.Recall() < 0.95 {
		t.Errorf("precision %.3f, recall %.3f; want both at least 0.95", r.Precision(), r.Recall())
	}
}

// TestCopiesAreOneStatement checks that copies of a statement in another
// script, encoding or file format have the fingerprint of the original, so
// that pledge stores them once.
func TestCopiesAreOneStatement(t *testing.T) {
	for _, pair := range [][2]string{
		{"visit_dash_list.txt", "visit_dash_list_big5.txt"},
		{"communique_positions.txt", "communique_traditional.txt"},
		{"action_plan_articles.txt", "action_plan_articles.docx"},
	} {
		var prints [2]string
		for i, name := range pair {
			data, err := os.ReadFile(filepath.Join("..", "testdata", "layouts", name))
			if err != nil {
				t.Fatal(err)
			}
			sts, err := extract.Document(data)
			if err != nil || len(sts) != 1 {
				t.Fatalf("%s: %d statements, error %v", name, len(sts), err)
			}
			prints[i] = sts[0].Fingerprint
		}
		if prints[0] != prints[1] {
			t.Errorf("%s and %s hold one statement but have different fingerprints", pair[0], pair[1])
		}
	}
}
