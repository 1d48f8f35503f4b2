// Package golden reads the hand-labelled files that say what a whole
// document holds (testdata/layouts/*.golden) and scores what the
// extractor found against them.
//
// A golden file is written by reading the document, never from pledge's
// output: for each statement its title, date and parties, then every
// sentence and list item of its body with a label from GUIDE §2, so that
// a body that is missed or an item that is lost shows up as a miss.
//
//	# comments
//	statement
//	title	中华人民共和国和甲国关于……的联合声明
//	date	2021-09-16
//	parties	中国 甲国
//	+	双方愿保持高层交往势头……。     a commitment
//	-	双方认为，……。               not one
//	?	甲方支持……。                 borderline: neither rewarded nor punished
//
// A file with no statement line says the document holds no statement.
package golden

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"pledge/extract"
)

// Statement is what a reader found in one statement.
type Statement struct {
	Title, Date string
	Parties     []string
	Units       []Unit
}

// Unit is one sentence or list item of a body, as the extractor should
// give its text (normalised, without its list marker), and its label.
type Unit struct {
	Label byte // '+', '-' or '?'
	Text  string
}

// Read reads a golden file.
func Read(path string) ([]Statement, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Statement
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if line == "statement" {
			out = append(out, Statement{})
			continue
		}
		key, value, ok := strings.Cut(line, "\t")
		if !ok || len(out) == 0 {
			return nil, fmt.Errorf("%s:%d: want a statement line, or a key, a tab and a value after one", path, n)
		}
		st := &out[len(out)-1]
		switch key {
		case "title":
			st.Title = value
		case "date":
			st.Date = value
		case "parties":
			st.Parties = strings.Fields(value)
		case "+", "-", "?":
			// As the extractor normalises text (a half-width comma in
			// Chinese text is full-width), so that a golden file may copy
			// a unit as its document prints it.
			st.Units = append(st.Units, Unit{key[0], extract.Normalize(value)})
		default:
			return nil, fmt.Errorf("%s:%d: unknown key %q", path, n, key)
		}
	}
	return out, sc.Err()
}

// Result is how the extractor's statements compare with a golden file.
type Result struct {
	// Problems are the differences in the statements found, their titles,
	// dates and parties, one line each.
	Problems []string
	// TP, FP and FN count commitments found and labelled +, found and
	// labelled - or not in the file, and labelled + but not found.
	TP, FP, FN int
	// Wrong and Missed list the texts of the false positives and negatives.
	Wrong, Missed []string
}

// Precision is TP / (TP + FP), 1 when nothing was found.
func (r Result) Precision() float64 { return ratio(r.TP, r.TP+r.FP) }

// Recall is TP / (TP + FN), 1 when nothing is to be found.
func (r Result) Recall() float64 { return ratio(r.TP, r.TP+r.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Compare scores the statements the extractor found in a document, in
// order, against the golden ones.
func Compare(want []Statement, got []extract.Statement) Result {
	var r Result
	if len(got) != len(want) {
		r.Problems = append(r.Problems, fmt.Sprintf("found %d statements, want %d", len(got), len(want)))
	}
	for i := range min(len(got), len(want)) {
		w, g := want[i], got[i]
		if g.Title != w.Title {
			r.Problems = append(r.Problems, fmt.Sprintf("statement %d: title %q, want %q", i+1, g.Title, w.Title))
		}
		if g.Date.String() != w.Date {
			r.Problems = append(r.Problems, fmt.Sprintf("statement %d: date %q, want %q", i+1, g.Date, w.Date))
		}
		if strings.Join(g.Parties, " ") != strings.Join(w.Parties, " ") {
			r.Problems = append(r.Problems, fmt.Sprintf("statement %d: parties %v, want %v", i+1, g.Parties, w.Parties))
		}
		labels := map[string][]byte{}
		for _, u := range w.Units {
			labels[u.Text] = append(labels[u.Text], u.Label)
		}
		found := map[string]int{}
		for _, c := range g.Commitments {
			found[c.Text]++
			ls := labels[c.Text]
			k := found[c.Text] - 1
			switch {
			case k < len(ls) && ls[k] == '+':
				r.TP++
			case k < len(ls) && ls[k] == '?':
			default:
				r.FP++
				r.Wrong = append(r.Wrong, c.Text)
			}
		}
		seen := map[string]int{}
		for _, u := range w.Units {
			seen[u.Text]++
			if u.Label == '+' && seen[u.Text] > found[u.Text] {
				r.FN++
				r.Missed = append(r.Missed, u.Text)
			}
		}
	}
	return r
}
