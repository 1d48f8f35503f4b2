// Command testreport reads the output of go test -json and prints what go
// test prints without it — each package's ok or FAIL line, and the output
// of the tests that failed — and then every test that was skipped, with
// the reason it gave, which go test does not show for a package that
// passes. .ci/run runs the tests through it:
//
//	go test -json ./... | go run ./internal/cmd/testreport
//
// It exits with status 1 when a test or a package failed.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// event is one line of go test -json (see go doc test2json).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

func main() {
	failed, err := report(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testreport:", err)
		os.Exit(1)
	}
	if failed {
		os.Exit(1)
	}
}

// report reads go test -json from r and writes the report to w; failed
// says whether something failed.
func report(r io.Reader, w io.Writer) (failed bool, err error) {
	type key struct{ pkg, test string }
	output := map[key][]string{} // what each test, and each package, printed
	var skipped []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			// Not an event: what go test printed of its own (a build error).
			fmt.Fprintln(w, sc.Text())
			continue
		}
		k := key{e.Package, e.Test}
		switch e.Action {
		case "build-output": // a compiler's message
			fmt.Fprint(w, e.Output)
		case "build-fail":
			failed = true
		case "output":
			output[k] = append(output[k], e.Output)
		case "skip":
			if e.Test != "" {
				skipped = append(skipped, fmt.Sprintf("%s %s: %s", e.Package, e.Test, reason(output[k])))
			}
			delete(output, k)
		case "pass":
			if e.Test != "" {
				delete(output, k)
				continue
			}
			fmt.Fprintf(w, "ok  \t%s\t%.3fs\n", e.Package, e.Elapsed)
			delete(output, k)
		case "fail":
			failed = true
			if e.Test != "" {
				fmt.Fprint(w, strings.Join(output[k], ""))
				delete(output, k)
				continue
			}
			out := strings.Join(output[k], "")
			fmt.Fprint(w, out)
			if !strings.Contains(out, "FAIL\t"+e.Package) { // the test binary's own line
				fmt.Fprintf(w, "FAIL\t%s\t%.3fs\n", e.Package, e.Elapsed)
			}
			delete(output, k)
		}
	}
	if err := sc.Err(); err != nil {
		return failed, err
	}
	if len(skipped) > 0 {
		fmt.Fprintf(w, "\nSkipped (%d), with what each said:\n", len(skipped))
		for _, s := range skipped {
			fmt.Fprintln(w, "  "+s)
		}
	}
	return failed, nil
}

// reason is the last line a skipped test printed: what t.Skip said.
func reason(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l != "" && !strings.HasPrefix(l, "--- SKIP") && !strings.HasPrefix(l, "=== ") {
			return l
		}
	}
	return "(no reason given)"
}
