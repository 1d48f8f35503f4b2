package classify

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"pledge/internal/seeds"
	"pledge/internal/testkit"
	"pledge/segment"
)

// jieba is one Jieba for all the tests of the package, as in the program.
var jieba = testkit.Segmenter

func testJieba(t testing.TB) *segment.Jieba {
	t.Helper()
	j, err := jieba()
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// seedCommitments returns the commitments of the seed statements, keyed as
// in testdata/seed_domains.tsv, or skips when the seeds are absent.
func seedCommitments(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, n := range seeds.Paths(t) {
		for _, st := range testkit.Statements(t, n) {
			for _, c := range st.Commitments {
				k := fmt.Sprintf("%s_%s\t%d\t%d\t%s", st.Date, st.Fingerprint[:8], c.Ordinal, utf8.RuneCountInString(c.Text), first12(c.Text))
				out[k] = c.Text
			}
		}
	}
	return out
}

func first12(s string) string {
	r := []rune(s)
	return string(r[:min(12, len(r))])
}

// TestSeedDomains checks the default model against domains labelled by hand
// (testdata/seed_domains.tsv) on the seed statements' commitments, which the
// model never trained on: accuracy must be at least 0.80.
func TestSeedDomains(t *testing.T) {
	texts := seedCommitments(t)
	f, err := os.Open(filepath.Join("testdata", "seed_domains.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := Default(testJieba(t))
	if err != nil {
		t.Fatal(err)
	}
	var ex []Example
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) != 5 {
			t.Fatalf("seed_domains.tsv:%d: want 5 fields", n)
		}
		if _, err := strconv.Atoi(fs[1]); err != nil {
			t.Fatalf("seed_domains.tsv:%d: bad ordinal", n)
		}
		text, ok := texts[strings.Join(fs[:4], "\t")]
		if !ok {
			t.Fatalf("seed_domains.tsv:%d: no such commitment in the seeds (has extraction changed?): %s", n, strings.Join(fs[:4], " "))
		}
		ex = append(ex, Example{fs[4], c.Tokenizer.Tokens(text)})
	}
	if len(ex) != len(texts) {
		t.Errorf("seed_domains.tsv labels %d commitments, the seeds hold %d distinct", len(ex), len(texts))
	}
	e := Evaluate(c.Model, ex)
	t.Logf("default model on %d seed commitments: accuracy %.3f, macro-F1 %.3f, ECE %.3f", e.Total(), e.Accuracy(), e.MacroF1(), e.ECE())
	if e.Accuracy() < 0.80 {
		var b strings.Builder
		e.Write(&b)
		t.Errorf("accuracy %.3f on the seed commitments, want at least 0.80\n%s", e.Accuracy(), b.String())
	}
}
