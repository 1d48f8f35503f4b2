package needs

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// recorder is a test that records how it ended instead of ending.
type recorder struct {
	testing.TB
	ended string // "skip" or "fail", and the message
}

func (r *recorder) Helper() {}

func (r *recorder) Skipf(format string, args ...any) {
	r.ended = "skip: " + fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.ended = "fail: " + fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// TestMissing needs what is not there: a test skips, saying why, and under
// CI=true fails; TestMain's note says which.
func TestMissing(t *testing.T) {
	missing := Need{What: "the seed files", Find: func() (string, error) { return "", errors.New("none at /x") }}
	there := Need{What: "a shell", Find: func() (string, error) { return "/bin/sh", nil }}
	for _, tt := range []struct {
		ci, want, note string
	}{
		{"", "skip: the seed files: none at /x: skipping", "p.test: the tests that need the seed files skip: none at /x"},
		{"true", "fail: the seed files: none at /x (CI=true: a test that needs it fails without it)", "p.test: the tests that need the seed files fail (CI=true): none at /x"},
	} {
		t.Setenv("CI", tt.ci)
		r := &recorder{TB: t}
		done := make(chan string)
		go func() {
			defer func() { done <- r.ended }()
			missing.Get(r)
		}()
		if got := <-done; got != tt.want {
			t.Errorf("CI=%q: the test ended %q, want %q", tt.ci, got, tt.want)
		}
		if got := there.Get(t); got != "/bin/sh" {
			t.Errorf("Get of what is there: %q", got)
		}
		if got := strings.Join(notes("p.test", []Need{there, missing}), "\n"); got != tt.note {
			t.Errorf("CI=%q: notes %q, want %q", tt.ci, got, tt.note)
		}
	}
	t.Setenv("PLEDGE_SEEDS", t.TempDir())
	if _, err := Seeds().Find(); err == nil || !strings.Contains(err.Error(), "set PLEDGE_SEEDS") {
		t.Errorf("an empty seed folder: %v", err)
	}
}
