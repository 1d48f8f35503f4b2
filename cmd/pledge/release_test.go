package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// releaseBinary is the binary make release built (PLEDGE_BINARY, and
// PLEDGE_VERSION the version it was given), or the one go build makes for
// the package's tests, whose version is not known.
func releaseBinary(t *testing.T) (bin, version string) {
	t.Helper()
	if bin := os.Getenv("PLEDGE_BINARY"); bin != "" {
		return bin, os.Getenv("PLEDGE_VERSION")
	}
	return binary(t), ""
}

// TestReleaseBinary copies the release binary to an empty folder and runs
// it there as on a machine without Go: an empty PATH and HOME, no Go
// environment, and, where the system allows a private mount namespace, the
// module cache hidden. It prints its version, runs the demo, and exports
// the demo's database as a workbook and a report. make release-check runs
// it on the binary make release built.
func TestReleaseBinary(t *testing.T) {
	bin, version := releaseBinary(t)
	dir := t.TempDir()
	empty := filepath.Join(dir, "elsewhere")
	tmp := filepath.Join(dir, "tmp")
	for _, d := range []string{empty, tmp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(empty, "pledge")
	if err := os.WriteFile(copied, b, 0o755); err != nil {
		t.Fatal(err)
	}
	// The dictionaries go to the temporary folder when there is no home:
	// this test's own, so that it finds none a run before left there.
	env := []string{"PATH=", "HOME=", "TMPDIR=" + tmp}
	hide := ""
	if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		hide = strings.TrimSpace(string(out))
	}
	unshare, err := exec.LookPath("unshare")
	private := err == nil && hide != "" && exec.Command(unshare, "-rm", "true").Run() == nil
	if private {
		t.Logf("module cache %s hidden in a private mount namespace", hide)
	} else {
		t.Log("no private mount namespace here: the module cache is not hidden, only PATH, HOME and the Go environment emptied")
	}
	pledge := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(copied, args...)
		if private {
			cmd = exec.Command(unshare, append([]string{"-rm", "/bin/sh", "-c", `/bin/mount -t tmpfs none "$0" && exec "$@"`, hide, copied}, args...)...)
		}
		cmd.Dir, cmd.Env = empty, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("pledge %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	if out := pledge("--version"); !strings.HasPrefix(out, "pledge "+version) || !strings.Contains(out, "\nmodel  ") || !strings.Contains(out, "\nlinker ") {
		t.Errorf("pledge --version:\n%s", out)
	}
	if out := pledge("demo", "--db", "demo.db"); !strings.Contains(out, "Commitments per domain and year, new/recurring:") || !strings.Contains(out, "甲国 to 丙国, 乙国") {
		t.Errorf("pledge demo:\n%s", out)
	}
	pledge("export", "--db", "demo.db", "-o", "demo.xlsx")
	pledge("report", "--db", "demo.db", "-o", "demo.html")
	f, err := excelize.OpenFile(filepath.Join(empty, "demo.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if rows, err := f.GetRows("Commitments"); err != nil || len(rows) != 32 {
		t.Errorf("the workbook's commitments: %d rows (%v), want a header and 31", len(rows), err)
	}
	if _, err := os.Stat(filepath.Join(empty, "demo.html")); err != nil {
		t.Error(err)
	}
}
