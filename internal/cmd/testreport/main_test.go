package main

import (
	"strings"
	"testing"
)

// TestReport turns the events of a run into go test's lines, the output
// of what failed, and the tests skipped with their reasons.
func TestReport(t *testing.T) {
	in := `{"Action":"run","Package":"p/a","Test":"TestOK"}
{"Action":"output","Package":"p/a","Test":"TestOK","Output":"=== RUN   TestOK\n"}
{"Action":"pass","Package":"p/a","Test":"TestOK","Elapsed":0.1}
{"Action":"run","Package":"p/a","Test":"TestSeeds"}
{"Action":"output","Package":"p/a","Test":"TestSeeds","Output":"=== RUN   TestSeeds\n"}
{"Action":"output","Package":"p/a","Test":"TestSeeds","Output":"    seed_test.go:9: the seed files: none at /x: skipping\n"}
{"Action":"output","Package":"p/a","Test":"TestSeeds","Output":"--- SKIP: TestSeeds (0.00s)\n"}
{"Action":"skip","Package":"p/a","Test":"TestSeeds","Elapsed":0}
{"Action":"pass","Package":"p/a","Elapsed":0.5}
{"Action":"run","Package":"p/b","Test":"TestBad"}
{"Action":"output","Package":"p/b","Test":"TestBad","Output":"    b_test.go:3: wrong\n"}
{"Action":"fail","Package":"p/b","Test":"TestBad","Elapsed":0}
{"Action":"output","Package":"p/b","Output":"FAIL\n"}
{"Action":"fail","Package":"p/b","Elapsed":0.2}
`
	var b strings.Builder
	failed, err := report(strings.NewReader(in), &b)
	want := "ok  \tp/a\t0.500s\n    b_test.go:3: wrong\nFAIL\nFAIL\tp/b\t0.200s\n\nSkipped (1), with what each said:\n  p/a TestSeeds: seed_test.go:9: the seed files: none at /x: skipping\n"
	if err != nil || !failed || b.String() != want {
		t.Errorf("report: failed %v, %v\n%s\nwant\n%s", failed, err, b.String(), want)
	}
}
