// Package needs says what tests need from outside the repository — the
// seed files, Chromium, poppler's pdftotext — and what becomes of a test
// that needs one that is missing: it is skipped, saying why, unless the
// tests run under CI=true, where it fails, so that CI cannot pass without
// testing what it should. A package's TestMain (Main) says in one line
// which of its tests will skip and why.
package needs

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Need is something from outside the repository that some tests need.
type Need struct {
	// What it is, for messages: "the seed files".
	What string
	// Find returns where it is, or why it is missing and how to get it.
	Find func() (string, error)
}

// CI reports whether the tests run in CI (CI=true): there, what a test
// needs is required.
func CI() bool { return os.Getenv("CI") == "true" }

// Get returns where n is, or ends the test t: skipped, saying why, or
// under CI=true failed.
func (n Need) Get(t testing.TB) string {
	t.Helper()
	p, err := n.Find()
	if err == nil {
		return p
	}
	if CI() {
		t.Fatalf("%s: %v (CI=true: a test that needs it fails without it)", n.What, err)
	}
	t.Skipf("%s: %v: skipping", n.What, err)
	return ""
}

// Main runs the tests of m, after printing, for each of ns that is
// missing, a line that says which tests skip (or fail, under CI=true) and
// why; it returns m.Run's exit code. go test prints the line with -v, in a
// package's folder without arguments, and when a test fails.
func Main(m *testing.M, ns ...Need) int {
	for _, note := range notes(filepath.Base(os.Args[0]), ns) {
		fmt.Println(note)
	}
	return m.Run()
}

// notes are the lines Main prints for the tests of program.
func notes(program string, ns []Need) []string {
	var out []string
	for _, n := range ns {
		if _, err := n.Find(); err != nil {
			what := "skip"
			if CI() {
				what = "fail (CI=true)"
			}
			out = append(out, fmt.Sprintf("%s: the tests that need %s %s: %v", program, n.What, what, err))
		}
	}
	return out
}

// Seeds are the real statement files: the folder $PLEDGE_SEEDS names, or
// ../shared/seeds beside the repository. The project holds no copy.
func Seeds() Need {
	return Need{What: "the seed files", Find: func() (string, error) {
		dir := os.Getenv("PLEDGE_SEEDS")
		if dir == "" {
			root, err := repository()
			if err != nil {
				return "", err
			}
			dir = filepath.Join(root, "..", "shared", "seeds")
		}
		names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		switch {
		case err != nil:
			return "", err
		case len(names) == 0:
			return "", fmt.Errorf("none at %s (set PLEDGE_SEEDS to their folder)", dir)
		}
		return dir, nil
	}}
}

// repository is the folder of go.mod above the test's folder.
func repository() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for root := wd; ; root = filepath.Dir(root) {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			return root, nil
		}
		if filepath.Dir(root) == root {
			return "", errors.New("no go.mod above the test's folder")
		}
	}
}

// Chromium is a Chromium or Chrome to drive headless.
func Chromium() Need {
	return Need{What: "Chromium", Find: func() (string, error) {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				return p, nil
			}
		}
		return "", errors.New("no chromium, chromium-browser or google-chrome on PATH (.ci/run installs Debian's chromium)")
	}}
}

// Pdftotext is poppler's pdftotext, which reads PDFs.
func Pdftotext() Need {
	return Need{What: "pdftotext", Find: func() (string, error) {
		p, err := exec.LookPath("pdftotext")
		if err != nil {
			return "", errors.New("not installed (Debian: apt-get install poppler-utils; .ci/run installs it)")
		}
		return p, nil
	}}
}
