package link

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"pledge/classify"
	"pledge/data"
	"pledge/extract"
	"pledge/segment"
)

// The labelled pairs of testdata: invented follow-up statements of
// several partners, each later commitment labelled by hand with the
// earlier ones it repeats (GUIDE §4), or none. testdata/dev is what the
// linker may be fitted on (cross-validated); testdata/test is measured
// only.

// pairSet is the commitments of one folder of labelled statements, as
// the linker sees them, and the labels.
type pairSet struct {
	items []Item
	// gold maps each labelled commitment to the earlier ones it repeats,
	// empty for a new one.
	gold map[int64][]int64
	kind map[int64]string // reworded, same, new, false-object, …
	text map[int64]string
}

var classifier = sync.OnceValues(func() (*classify.Classifier, error) {
	seg, err := segment.NewJieba(data.Lines(data.UserDict()))
	if err != nil {
		return nil, err
	}
	return classify.Default(seg)
})

var sentenceSplit = regexp.MustCompile(`[。；！？]`)

// readPairs reads the statements of dir (PARTNER_YYYY-MM-DD.txt) and its
// pairs.tsv.
func readPairs(t testing.TB, dir string) pairSet {
	t.Helper()
	c, err := classifier()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Fatalf("no statements in %s", dir)
	}
	ps := pairSet{gold: map[int64][]int64{}, kind: map[int64]string{}, text: map[int64]string{}}
	byText := map[string]int64{} // partner, date, text
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Every —— item is a commitment (the files are written so): the
		// linker is measured apart from the extractor.
		partner, rest, _ := strings.Cut(strings.TrimSuffix(filepath.Base(f), ".txt"), "_")
		date := extract.NameDate(rest).Date
		if date.IsZero() {
			t.Fatalf("%s: no date in the name", f)
		}
		ordinal := 0
		for line := range strings.Lines(string(b)) {
			cm, ok := strings.CutPrefix(strings.TrimSpace(line), "——")
			if !ok {
				continue
			}
			ordinal++
			id := int64(len(ps.items) + 1)
			var ss [][]string
			var all []string
			for _, s := range sentenceSplit.Split(cm, -1) {
				if ws := c.Tokenizer.Tokens(s); len(ws) > 0 {
					ss = append(ss, ws)
					all = append(all, ws...)
				}
			}
			ps.items = append(ps.items, Item{ID: id, Group: partner, Date: date.String(), Year: date.Year,
				Order: fmt.Sprintf("%s %04d", date, ordinal), Domain: c.Model.Predict(all)[0].Label, Sentences: ss})
			byText[partner+"\t"+date.String()+"\t"+cm] = id
			ps.text[id] = cm
		}
	}
	f, err := os.Open(filepath.Join(dir, "pairs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if sc.Text() == "" || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 5 {
			t.Fatalf("%s/pairs.tsv:%d: want 5 or 6 fields", dir, n)
		}
		id, ok := byText[fs[0]+"\t"+fs[1]+"\t"+fs[2]]
		if !ok {
			t.Fatalf("%s/pairs.tsv:%d: no commitment %q in %s_%s.txt", dir, n, fs[2], fs[0], fs[1])
		}
		ps.kind[id] = fs[4]
		ps.gold[id] = []int64{}
		if fs[3] == "-" {
			continue
		}
		for _, e := range strings.Split(fs[3], " || ") {
			found := int64(0)
			for k, v := range byText {
				p, rest, _ := strings.Cut(k, "\t")
				date, text, _ := strings.Cut(rest, "\t")
				if p == fs[0] && date < fs[1] && text == e {
					found = v
				}
			}
			if found == 0 {
				t.Fatalf("%s/pairs.tsv:%d: no earlier commitment %q of %s", dir, n, e, fs[0])
			}
			ps.gold[id] = append(ps.gold[id], found)
		}
	}
	return ps
}

// pairScore is how the links compare with the labels: a commitment found
// recurring is right when its match is one it repeats; precision is over
// those found recurring, recall over those labelled recurring.
type pairScore struct {
	tp, fp, fn         int
	falseFriends       int // new commitments that share words but do something else
	falseFriendsLinked int
}

func (s pairScore) precision() float64 { return float64(s.tp) / float64(max(1, s.tp+s.fp)) }
func (s pairScore) recall() float64    { return float64(s.tp) / float64(max(1, s.tp+s.fn)) }

func (ps pairSet) score(links map[int64]Link) pairScore {
	var s pairScore
	for id, truth := range ps.gold {
		l := links[id]
		right := l.Recurring && slices.Contains(truth, l.Previous)
		switch {
		case right:
			s.tp++
		case l.Recurring:
			s.fp++
		}
		if len(truth) > 0 && !right {
			s.fn++
		}
		if strings.HasPrefix(ps.kind[id], "false") {
			s.falseFriends++
			if l.Recurring {
				s.falseFriendsLinked++
			}
		}
	}
	return s
}

// TestPairs measures the linker on the labelled pairs of testdata/dev and
// testdata/test.
func TestPairs(t *testing.T) {
	for _, dir := range []string{"testdata/dev", "testdata/test"} {
		ps := readPairs(t, dir)
		s := ps.score(All(ps.items, DefaultThreshold))
		t.Logf("%s: %d labelled; precision %.3f, recall %.3f; false friends linked %d of %d",
			dir, len(ps.gold), s.precision(), s.recall(), s.falseFriendsLinked, s.falseFriends)
	}
}
