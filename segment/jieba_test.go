package segment

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"pledge/classify"
	"pledge/data"
)

var jieba = sync.OnceValues(func() (*Jieba, error) { return NewJieba(data.Lines(data.UserDict())) })

func testJieba(t testing.TB) *Jieba {
	t.Helper()
	j, err := jieba()
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// TestCutConcurrently cuts the same texts from several goroutines at once
// and checks that each gets what one goroutine alone gets. Under the race
// detector (go test -race, as .ci/run runs it) it also checks that the
// calls share nothing they write.
func TestCutConcurrently(t *testing.T) {
	j := testJieba(t)
	var texts []string
	for i := range 200 {
		texts = append(texts, fmt.Sprintf("双方将扩大本币结算规模，推动第%d届人工智能合作论坛在北京举行。", i))
	}
	want := make([][]string, len(texts))
	for i, s := range texts {
		want[i] = j.Cut(s)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(texts))
	for range 8 {
		wg.Go(func() {
			for i, s := range texts {
				if got := j.Cut(s); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("Cut(%q) = %q, alone %q", s, got, want[i])
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestDefaultModelIsFresh checks that the model built into pledge
// (data/model.json) is what training on the labelled data gives now: after
// the data, the stop words, the user dictionary or jieba change, go
// generate ./data must be run.
func TestDefaultModelIsFresh(t *testing.T) {
	fresh, err := classify.TrainDefault(testJieba(t))
	if err != nil {
		t.Fatal(err)
	}
	built, err := classify.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if fresh.Hash != built.Hash {
		t.Errorf("data/model.json (%.12s…) is not what training gives now (%.12s…): run go generate ./data", built.Hash, fresh.Hash)
	}
}
