package extract

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the extractor's output (hand labels are kept)")

// A label file lists every candidate unit (list item or sentence) of one
// statement, as read from the seeds: a label set by hand from GUIDE §2 and
// the extractor's verdict. Units are identified by their first twelve
// characters and length, never by their whole text, so the project holds
// no copy of the seeds.
//
// Labels: + a commitment, - not one, ? borderline (GUIDE §2: stances with
// 反对, 主张, 支持; neither rewarded nor punished), ! not labelled yet.
// The got column is the extractor's ordinal, - where it does not count the
// unit, and x where it no longer finds the unit at all.
//
// go test ./extract -update rewrites the got column and the unit list. It
// never sets a label: a new unit gets !, which fails the test until someone
// labels it by reading the statement, and a labelled unit the extractor no
// longer finds stays in the file as x.
const labelHeader = `# label	got	section	length	first twelve characters
# label: + commitment, - not, ? borderline (GUIDE §2), ! not labelled yet
# got: the extractor's ordinal, - not counted, x unit no longer found
`

// labelled is one line of a label file.
type labelled struct {
	label, got, section string
	length              int
	prefix              string
}

func (l labelled) key() string { return fmt.Sprintf("%d\t%s", l.length, l.prefix) }

func first12(s string) string {
	rs := []rune(s)
	if len(rs) > 12 {
		rs = rs[:12]
	}
	return string(rs)
}

// readLabels reads a label file; a missing file has no labels.
func readLabels(path string) (comments []string, lines []labelled, err error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		t := sc.Text()
		if strings.HasPrefix(t, "#") {
			if !strings.Contains(labelHeader, t+"\n") {
				comments = append(comments, t)
			}
			continue
		}
		fs := strings.Split(t, "\t")
		if len(fs) != 5 {
			return nil, nil, fmt.Errorf("%s:%d: want 5 tab-separated fields, have %d", path, n, len(fs))
		}
		length, err := strconv.Atoi(fs[3])
		if err != nil || !strings.Contains("+-?!", fs[0]) || len(fs[0]) != 1 {
			return nil, nil, fmt.Errorf("%s:%d: bad label %q or length %q", path, n, fs[0], fs[3])
		}
		lines = append(lines, labelled{fs[0], fs[1], fs[2], length, fs[4]})
	}
	return comments, lines, sc.Err()
}

// relabel lines up the extractor's units with the hand labels of old and
// returns the file's new lines: every unit in order with its label (! when
// it has none), then the labelled units no longer found.
func relabel(r reader, us []unit, old []labelled) []labelled {
	pending := map[string][]labelled{}
	for _, l := range old {
		if l.got != "x" || l.label != "-" {
			pending[l.key()] = append(pending[l.key()], l)
		}
	}
	var out []labelled
	ord := 0
	for _, u := range us {
		l := labelled{label: "!", got: "-", section: u.section, length: utf8.RuneCountInString(u.t.o), prefix: first12(u.t.o)}
		if r.commits(u) {
			ord++
			l.got = strconv.Itoa(ord)
		}
		if ps := pending[l.key()]; len(ps) > 0 {
			l.label = ps[0].label
			pending[l.key()] = ps[1:]
		}
		out = append(out, l)
	}
	for _, l := range old {
		if ps := pending[l.key()]; len(ps) > 0 && ps[0] == l && l.label != "-" {
			l.got = "x"
			out = append(out, l)
			pending[l.key()] = ps[1:]
		}
	}
	return out
}

func formatLabels(comments []string, lines []labelled) string {
	var b strings.Builder
	for _, c := range comments {
		b.WriteString(c + "\n")
	}
	b.WriteString(labelHeader)
	for _, l := range lines {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%d\t%s\n", l.label, l.got, l.section, l.length, l.prefix)
	}
	return b.String()
}

// score counts the extractor's agreement with the hand labels.
type score struct{ tp, fp, fn, unlabelled int }

func scoreLabels(lines []labelled) score {
	var s score
	for _, l := range lines {
		counted := l.got != "-" && l.got != "x"
		switch {
		case l.label == "!":
			s.unlabelled++
		case l.label == "+" && counted:
			s.tp++
		case l.label == "+":
			s.fn++
		case l.label == "-" && counted:
			s.fp++
		}
	}
	return s
}

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// checkGolden compares got with the file at path, or writes it with -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./extract -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s is out of date: run go test ./extract -update and review the diff\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff shows the first lines that differ, enough to see what changed.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  file: %s\n  now:  %s\n", i+1, wl, gl)
			if shown++; shown == 5 {
				break
			}
		}
	}
	return b.String()
}
