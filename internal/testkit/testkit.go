// Package testkit holds the setups that the tests of several packages
// share: a document read as pledge reads it, and (jieba.go) the one
// segmenter of a test process.
package testkit

import (
	"os"
	"testing"

	"pledge/decode"
	"pledge/extract"
)

// Statements returns the statements of the file at path, read as pledge
// reads a file (package decode, then package extract).
func Statements(t testing.TB, path string) []extract.Statement {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text, err := decode.Bytes(b)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return extract.Parse(text.Text)
}
