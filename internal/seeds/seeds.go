// Package seeds finds the real statement files the tests read: the five
// seeds in ../shared/seeds beside the repository, or the folder
// $PLEDGE_SEEDS names. The project holds no copy of them. Without them a
// test skips, saying why, and under CI=true fails (see package needs).
package seeds

import (
	"path/filepath"
	"sort"
	"testing"

	"pledge/internal/needs"
)

// Dir returns the seed folder, or skips the test, saying why, when it is
// absent (fails it under CI=true).
func Dir(t testing.TB) string {
	t.Helper()
	return needs.Seeds().Get(t)
}

// Paths returns the seed files (*.txt) in name order, or skips the test
// (fails it under CI=true).
func Paths(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(Dir(t), "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return names
}
