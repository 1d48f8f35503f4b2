package track

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"pledge/data"
	"pledge/figures"
	"pledge/lexicon"
	"pledge/script"
	"pledge/segment"
)

// topicJudgements reads testdata/topics.tsv: whether a term names a
// policy topic, judged by a reader who never saw how pledge chooses terms.
func topicJudgements(t *testing.T) map[string]bool {
	t.Helper()
	f, err := os.Open("../testdata/topics.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "term\t") || strings.TrimSpace(line) == "" {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) < 2 {
			t.Fatalf("topics.tsv: %q has no verdict", line)
		}
		out[fs[0]] = fs[1] == "topic"
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// areaYear is a year whose new areas are judged: of a database of some
// statements.
type areaYear struct {
	name string
	db   func(t *testing.T) *Store
	year int
	// heldOut says that nothing was tuned on it: its figure is reported,
	// with a lower bar.
	heldOut bool
}

// folderStores are the stores of folderStore, made once per test run in
// one temporary folder.
var folderStores sync.Map

var storesDir = sync.OnceValues(func() (string, error) { return os.MkdirTemp("", "pledge-areas") })

// folderStore is a store of the statements of the .txt files of a folder
// (or the seeds, for ""), ingested once per test run.
func folderStore(t *testing.T, dir string) *Store {
	t.Helper()
	if s, ok := folderStores.Load(dir); ok {
		return s.(*Store)
	}
	paths := seedPaths(t)
	if dir != "" {
		paths, _ = filepath.Glob(filepath.Join(dir, "*.txt"))
	}
	tmp, err := storesDir()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), filepath.Join(tmp, strings.NewReplacer("/", "_", ".", "_").Replace(dir)+"x.db"))
	if err != nil {
		t.Fatal(err)
	}
	ingest(t, s, paths...)
	folderStores.Store(dir, s)
	return s
}

var areaYears = []areaYear{
	{"seeds 2021", func(t *testing.T) *Store { return folderStore(t, "") }, 2021, false},
	{"seeds 2024", func(t *testing.T) *Store { return folderStore(t, "") }, 2024, false},
	{"invented partners 2024 (testdata/pairs/dev)", func(t *testing.T) *Store { return folderStore(t, "../testdata/pairs/dev") }, 2024, false},
	{"invented partners 2024, held out (testdata/pairs/test)", func(t *testing.T) *Store { return folderStore(t, "../testdata/pairs/test") }, 2024, true},
}

// TestNewAreaTopics judges the top 20 new areas of years of the seeds and
// of invented statements of other partners by the judgements of
// testdata/topics.tsv: at least 18 of 20 must name topics (16 on
// the held-out year, which nothing was tuned on). A term nobody judged
// fails the test: judge it first, by the definition in the file.
func TestNewAreaTopics(t *testing.T) {
	judged := topicJudgements(t)
	for _, y := range areaYears {
		areas, err := y.db(t).NewAreas(context.Background(), y.year)
		if err != nil {
			t.Fatal(err)
		}
		top := areas[:min(20, len(areas))]
		topics := 0
		var unjudged, not []string
		for _, a := range top {
			verdict, ok := judged[a.Term]
			switch {
			case !ok:
				unjudged = append(unjudged, a.Term)
			case verdict:
				topics++
			default:
				not = append(not, a.Term)
			}
		}
		all, judgedAll := 0, 0
		for _, a := range areas {
			if verdict, ok := judged[a.Term]; ok {
				judgedAll++
				if verdict {
					all++
				}
			}
		}
		t.Logf("%s: %d of the top %d name topics (not: %s); of all %d areas, %d of the %d judged", y.name, topics, len(top),
			strings.Join(not, " "), len(areas), all, judgedAll)
		bar := 18
		if y.heldOut {
			bar = 16
		}
		if len(unjudged) > 0 {
			t.Errorf("%s: nobody judged %s (add them to testdata/topics.tsv)", y.name, strings.Join(unjudged, " "))
		}
		if len(top) == 20 && topics < bar {
			t.Errorf("%s: %d of the top 20 name topics, want at least %d", y.name, topics, bar)
		}
	}
}

// TestNewAreasWhole checks every area of every year, --top 0, against
// jieba's own cut of the commitments that use it: each form it lists is
// whole in them (starts and ends where jieba's words do), never a piece of
// a word, and no Latin fragment.
func TestNewAreasWhole(t *testing.T) {
	j, err := segment.NewJieba(data.Lines(data.UserDict()))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if whole(j, "禁止化学武器组织", []string{"学武"}) || !whole(j, "禁止化学武器组织", []string{"化学武器"}) {
		t.Fatal("the check takes a piece of a word for a word, or a word for a piece")
	}
	ctx := context.Background()
	for _, dir := range []string{"", "../testdata/pairs/dev", "../testdata/pairs/test"} {
		s := folderStore(t, dir)
		all, err := s.AllNewAreas(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for year, areas := range all {
			for _, a := range areas {
				if !wholeIn(t, s, j, a) {
					t.Errorf("%s %d: %q is a piece of a word in commitments %v", cmpName(dir), year, a.Term, a.IDs)
				}
			}
		}
	}
}

func cmpName(dir string) string {
	if dir == "" {
		return "seeds"
	}
	return dir
}

// wholeIn reports whether some form of a is whole in each of its
// commitments, as jieba cuts them.
func wholeIn(t *testing.T, s *Store, j *segment.Jieba, a figures.Area) bool {
	t.Helper()
	forms := append([]string{a.Term}, a.Forms...)
	if slices.ContainsFunc(forms, lexicon.UserTerm) {
		return true
	}
	for _, id := range a.IDs {
		c, err := s.Commitment(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if !whole(j, script.Simplify(c.Text), forms) {
			return false
		}
	}
	return true
}

// whole reports whether one of forms occurs in text where jieba's words
// start and end.
func whole(j *segment.Jieba, text string, forms []string) bool {
	bounds := map[int]bool{0: true}
	n := 0
	for _, w := range j.Words(text) {
		n += len(w)
		bounds[n] = true
	}
	for _, f := range forms {
		for i := 0; i < len(text); {
			k := strings.Index(text[i:], f)
			if k < 0 {
				break
			}
			if bounds[i+k] && bounds[i+k+len(f)] {
				return true
			}
			i += k + 1
		}
	}
	return false
}
