package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"pledge/internal/gencorpus"
)

// BenchmarkCorpus runs pledge as a program, as users do, on corpora of
// 100, 1,000 and 5,000 invented statements (package gencorpus): a fresh
// ingest, the same again (every file unchanged), 100 more statements into
// the corpus and into an empty database, every read command, and pledge
// classify of the same commitment texts. It reports each one's seconds
// and peak memory, and the ratios the README's targets are stated in.
//
//	go test ./cmd/pledge -run '^$' -bench Corpus -benchtime 1x
//	go test ./cmd/pledge -run '^$' -bench Corpus/100 -benchtime 1x    # quick
func BenchmarkCorpus(b *testing.B) {
	bin, err := pledgeBinary()
	if err != nil {
		b.Skipf("cannot build pledge: %v", err)
	}
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			base, more := filepath.Join(dir, "base"), filepath.Join(dir, "more")
			if _, err := gencorpus.Write(base, 1, 0, n); err != nil {
				b.Fatal(err)
			}
			if _, err := gencorpus.Write(more, 1, n, n+100); err != nil {
				b.Fatal(err)
			}
			for range b.N {
				benchCorpus(b, bin, dir, base, more)
			}
		})
	}
}

// measured is how long a run of pledge took and its peak memory.
type measured struct {
	seconds float64
	kb      int64
}

// timed runs pledge with args (stdin from a file when in is not "") and
// measures it; output goes to out, or nowhere.
func timed(b *testing.B, bin, in, out string, args ...string) measured {
	b.Helper()
	cmd := exec.Command(bin, args...)
	if in != "" {
		f, err := os.Open(in)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		cmd.Stdin = f
	}
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		cmd.Stdout = f
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("pledge %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	m := measured{seconds: time.Since(start).Seconds()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.kb = ru.Maxrss
	}
	return m
}

func benchCorpus(b *testing.B, bin, dir, base, more string) {
	db, empty := filepath.Join(dir, "pledge.db"), filepath.Join(dir, "empty.db")
	for _, p := range []string{db, empty} {
		os.Remove(p)
		os.Remove(p + "-wal")
		os.Remove(p + "-shm")
	}
	runs := map[string]measured{}
	run := func(name, in, out string, args ...string) {
		runs[name] = timed(b, bin, in, out, args...)
	}
	run("ingest", "", "", "ingest", "--db", db, base)
	run("ingest again", "", "", "ingest", "--db", db, base)
	run("100 into empty", "", "", "ingest", "--db", empty, more)
	// The corpus with the 100 more, from a copy: the corpus stays as it was.
	plus := filepath.Join(dir, "plus.db")
	if err := exec.Command("cp", db, plus).Run(); err != nil {
		b.Fatal(err)
	}
	os.Remove(plus + "-wal")
	run("100 into corpus", "", "", "ingest", "--db", plus, more)
	csv := filepath.Join(dir, "out.csv")
	run("export", "", "", "export", "--db", db, "-o", csv)
	run("report", "", "", "report", "--db", db, "-o", filepath.Join(dir, "report.html"))
	run("new", "", os.DevNull, "new", "--db", db)
	run("tally --by-partner", "", os.DevNull, "tally", "--db", db, "--by-partner")
	run("common, first", "", os.DevNull, "common", "--db", db)
	run("common", "", os.DevNull, "common", "--db", db)
	texts := filepath.Join(dir, "texts.txt")
	if err := exportTexts(csv, texts); err != nil {
		b.Fatal(err)
	}
	run("classify", texts, os.DevNull, "classify")
	for _, name := range []string{"ingest", "ingest again", "100 into empty", "100 into corpus", "export", "report", "new",
		"tally --by-partner", "common, first", "common", "classify"} {
		m := runs[name]
		b.ReportMetric(m.seconds, "s/"+strings.ReplaceAll(name, " ", "_"))
		b.ReportMetric(float64(m.kb)/1024, "MB/"+strings.ReplaceAll(name, " ", "_"))
	}
	ratio := func(name, a, c string) { b.ReportMetric(runs[a].seconds/runs[c].seconds, name) }
	ratio("again/fresh", "ingest again", "ingest")
	ratio("100_into_corpus/100_into_empty", "100 into corpus", "100 into empty")
	ratio("ingest/classify", "ingest", "classify")
	ratio("report/export", "report", "export")
	ratio("new/export", "new", "export")
	ratio("common/export", "common", "export")
	ratio("partners/export", "tally --by-partner", "export")
}

// exportTexts writes the text column of a CSV export, a line each: what
// pledge classify reads.
func exportTexts(csvPath, out string) error {
	b, err := os.ReadFile(csvPath)
	if err != nil {
		return err
	}
	recs, err := readCSV(strings.TrimPrefix(string(b), "\ufeff"))
	if err != nil {
		return err
	}
	var lines []string
	for _, r := range recs[1:] {
		lines = append(lines, strings.ReplaceAll(r[12], "\n", " "))
	}
	return os.WriteFile(out, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
}

func readCSV(s string) ([][]string, error) { return csv.NewReader(strings.NewReader(s)).ReadAll() }
