package testkit

import (
	"sync"
	"testing"

	"pledge/data"
	"pledge/segment"
)

// Segmenter returns the one segmenter of a test process, as the program
// has one: made on first use, with pledge's user dictionary, and never
// closed.
var Segmenter = sync.OnceValues(func() (*segment.Jieba, error) { return segment.NewJieba(data.Lines(data.UserDict())) })

// Jieba is Segmenter for a test, which fails if it cannot be made.
func Jieba(t testing.TB) *segment.Jieba {
	t.Helper()
	j, err := Segmenter()
	if err != nil {
		t.Fatal(err)
	}
	return j
}
