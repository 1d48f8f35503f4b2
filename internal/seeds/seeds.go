// Package seeds finds the real statement files the tests read: the five
// seeds in ../shared/seeds beside the repository, or the folder
// $PLEDGE_SEEDS names. The project holds no copy of them.
package seeds

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// Dir returns the seed folder, or skips the test, saying why, when it is
// absent.
func Dir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("PLEDGE_SEEDS")
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		for root := wd; ; root = filepath.Dir(root) {
			if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
				dir = filepath.Join(root, "..", "shared", "seeds")
				break
			}
			if filepath.Dir(root) == root {
				t.Fatal("no go.mod above the test's folder")
			}
		}
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("seed files not found at %s (set PLEDGE_SEEDS to their folder): skipping", dir)
	}
	return dir
}

// Paths returns the seed files (*.txt) in name order, or skips the test.
func Paths(t testing.TB) []string {
	t.Helper()
	dir := Dir(t)
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(names) == 0 {
		t.Skipf("no seed files in %s: skipping", dir)
	}
	sort.Strings(names)
	return names
}
