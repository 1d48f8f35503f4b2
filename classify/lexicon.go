package classify

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"sync"

	"pledge/data"
)

// Word is what jieba's dictionary says of a word: how often it occurs in
// general Chinese text, and its part of speech (n noun, v verb, a
// adjective, vn verbal noun, ns place name, …).
type Word struct {
	Freq int
	Tag  string
}

// lexicon is jieba's dictionary, read on first use: it takes a moment and
// some memory, and only the analysis of new policy areas needs it.
var lexicon = sync.OnceValue(func() map[string]Word {
	raw, err := data.Unzip(data.JiebaDict())
	if err != nil {
		return nil
	}
	out := make(map[string]Word, 360_000)
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 3 {
			continue
		}
		f, err := strconv.Atoi(fs[1])
		if err != nil {
			continue
		}
		out[fs[0]] = Word{f, fs[2]}
	}
	return out
})

// LookupWord returns jieba's dictionary entry for w, and false for a word
// the dictionary lacks (one the segmenter's HMM made up, or a user term).
func LookupWord(w string) (Word, bool) {
	x, ok := lexicon()[w]
	return x, ok
}
