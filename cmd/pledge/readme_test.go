package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pledge/internal/seeds"
)

// TestREADMEExamples runs the commands of the README's walk-through (its
// lines `$ pledge …`) in order, in a folder where `statements` holds the
// seed files, as the README has them: each must succeed, and each line the
// README shows of its output that holds no … must be in what it prints.
func TestREADMEExamples(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	paths := seeds.Paths(t)
	dir := t.TempDir()
	if err := os.Symlink(filepath.Dir(paths[0]), filepath.Join(dir, "statements")); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	ran := 0
	for i := 0; i < len(lines); i++ {
		cmd, ok := strings.CutPrefix(lines[i], "    $ pledge ")
		if !ok {
			continue
		}
		args := strings.Fields(cmd)
		out, errOut, err := run(t, args...)
		if err != nil {
			t.Errorf("README: pledge %s: %v\n%s", cmd, err, errOut)
			continue
		}
		ran++
		// The output the README shows, up to the next command or the end
		// of the block.
		for j := i + 1; j < len(lines) && strings.HasPrefix(lines[j], "    ") && !strings.HasPrefix(lines[j], "    $ "); j++ {
			want := strings.TrimSpace(lines[j])
			if want == "" || strings.Contains(want, "…") {
				continue
			}
			if !strings.Contains(out+errOut, want) {
				t.Errorf("README: pledge %s prints no %q:\n%s", cmd, want, out)
			}
		}
	}
	if ran < 8 {
		t.Errorf("ran %d of the README's examples, want the walk-through's", ran)
	}
}
