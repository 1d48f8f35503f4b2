// Package segment cuts Chinese text into words with jieba (gojieba, which
// needs cgo), using dictionaries built into pledge. It is kept apart so
// that only the commands that segment text (ingest, classify, eval, train,
// reclassify) load it: the dictionaries take a moment and some memory.
package segment

import (
	"sync"

	"github.com/yanyiwu/gojieba"
)

// Jieba is the segmenter of pledge: gojieba with jieba's dictionaries and a
// user dictionary of the terms joint statements use. Each Jieba holds the
// dictionaries in memory, so make one per process and Close it when done.
// Cut may be called from several goroutines at once: cppjieba's cutting is
// const and its maintainer calls it thread-safe
// (github.com/yanyiwu/cppjieba/issues/82), and TestCutConcurrently checks
// it under the race detector.
type Jieba struct {
	mu sync.RWMutex // Cut reads, Close writes
	j  *gojieba.Jieba
}

// NewJieba loads jieba with its dictionaries and the user dictionary terms
// (一带一路, 本币结算, …). The dictionaries are built into pledge; the first
// call writes them to the user's cache folder, where gojieba can read them,
// because gojieba otherwise looks for them where the building machine's
// module cache was.
func NewJieba(userTerms []string) (*Jieba, error) {
	dir, err := installDicts(userTerms)
	if err != nil {
		return nil, err
	}
	p := dictPaths(dir)
	return &Jieba{j: gojieba.NewJieba(p.dict, p.hmm, p.user, p.idf, p.stop)}, nil
}

// Cut segments text with jieba's mixed model (dictionary and HMM, which
// finds words the dictionary lacks) in search mode: after a long word it
// also gives the dictionary words inside it (人工智能 → 人工, 智能, 人工智能),
// so that a model that learnt 核电 from one text knows it in 核电站. Cross-
// validation on data/labelled.tsv prefers it to the plain cut by a wide
// margin (see the README).
func (s *Jieba) Cut(text string) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.j.CutForSearch(text, true)
}

// Words segments text with jieba's mixed model, each character in one
// word: the plain cut, without the search mode's words inside words.
func (s *Jieba) Words(text string) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.j.Cut(text, true)
}

// Close frees jieba's memory. The Jieba must not be used after.
func (s *Jieba) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.j.Free()
}
