package link

import (
	"os"
	"strings"
	"testing"

	"pledge/classify"
	"pledge/data"
	"pledge/segment"
)

// TestDictionaryEffect measures what pledge's user dictionary
// (data/userdict.txt, written for every partner, not read off the seeds)
// does on the invented statements of other partners (the pair sets written
// blind, all after the dictionary; the linker is fitted on all but test7,
// so test7's line is the fair one): how many of their
// commitments hold a policy term that jieba without it cuts in pieces, and
// how the linker links their pairs with and without it. Without the
// dictionary the linker must not do better on them all together: the
// dictionary would then be a cost.
func TestDictionaryEffect(t *testing.T) {
	plain, err := segment.NewJieba(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	with := testClassifier(t)
	without := &classify.Classifier{Tokenizer: classify.DefaultTokenizer(plain), Model: with.Model}
	terms := data.Lines(data.UserDict())
	var withDict, withoutDict Score
	for _, dir := range []string{"../testdata/pairs/test2", "../testdata/pairs/test3", "../testdata/pairs/test4",
		"../testdata/pairs/test5", "../testdata/pairs/test6", "../testdata/pairs/test7"} {
		a, err := ReadPairs(os.DirFS(dir), ".", with.Tokenizer.Tokens, domainOf(with))
		if err != nil {
			t.Fatal(err)
		}
		b, err := ReadPairs(os.DirFS(dir), ".", without.Tokenizer.Tokens, domainOf(without))
		if err != nil {
			t.Fatal(err)
		}
		split, holding := 0, 0
		for _, it := range a.Items {
			text := a.Text[it.ID]
			for _, term := range terms {
				if strings.Contains(text, term) {
					holding++
					if !kept(plain.Words(text), term) {
						split++
					}
					break
				}
			}
		}
		sa, sb := a.Score(m.All(a.Items, m.Threshold)), b.Score(m.All(b.Items, m.Threshold))
		t.Logf("%s: %d of %d commitments hold a policy term, %d of them cut in pieces without the dictionary; links with it: precision %.3f recall %.3f; without: %.3f %.3f",
			dir, holding, len(a.Items), split, sa.Precision(), sa.Recall(), sb.Precision(), sb.Recall())
		withDict, withoutDict = withDict.Add(sa), withoutDict.Add(sb)
	}
	t.Logf("all: links with it: F1 %.3f; without: %.3f", f1(withDict), f1(withoutDict))
	if f1(withoutDict) > f1(withDict)+0.01 {
		t.Errorf("the linker does better without the user dictionary (F1 %.3f against %.3f)", f1(withoutDict), f1(withDict))
	}
}

// kept reports whether words hold term whole.
func kept(words []string, term string) bool {
	for _, w := range words {
		if strings.Contains(w, term) {
			return true
		}
	}
	return false
}
