package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"pledge/internal/gencorpus"
)

// benchSizes is the environment variable that picks the corpus sizes of
// BenchmarkCorpus, comma-separated; benchBinary one that names a pledge
// binary to measure instead of building this one (to measure an older
// pledge with the same benchmark).
const (
	benchSizes  = "PLEDGE_BENCH_SIZES"
	benchBinary = "PLEDGE_BENCH_BINARY"
)

// defaultBenchSizes is what BenchmarkCorpus runs without PLEDGE_BENCH_SIZES:
// the size CI can afford. The larger ones take long (50,000 statements:
// about an hour on two cores) and are run by hand.
const defaultBenchSizes = "1000"

// BenchmarkCorpus runs pledge as a program, as users do, on corpora of
// invented statements (package gencorpus): a fresh ingest, the same again
// (every file unchanged), 100 more statements into the corpus and into an
// empty database, every read command, pledge show of the longest thread,
// pledge serve's pages alone and under eight clients at once, and pledge
// classify of the same commitment texts (the floor an ingest cannot go
// under: segmenting and labelling them, on both cores). It reports each
// one's seconds and peak memory, and the ratios issue 21's targets are
// stated in, and prints them as a table.
//
//	go test ./cmd/pledge -run '^$' -bench Corpus -benchtime 1x
//	PLEDGE_BENCH_SIZES=1000,5000,20000,50000 go test ./cmd/pledge -run '^$' -bench Corpus -benchtime 1x -timeout 6h
func BenchmarkCorpus(b *testing.B) {
	bin := os.Getenv(benchBinary)
	if bin == "" {
		var err error
		if bin, err = pledgeBinary(); err != nil {
			b.Skipf("cannot build pledge: %v", err)
		}
	}
	sizes, err := parseSizes(cmpOr(os.Getenv(benchSizes), defaultBenchSizes))
	if err != nil {
		b.Fatalf("%s: %v", benchSizes, err)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			base, more, latest := filepath.Join(dir, "base"), filepath.Join(dir, "more"), filepath.Join(dir, "latest")
			if _, err := gencorpus.Write(base, 1, 0, n); err != nil {
				b.Fatal(err)
			}
			if _, err := gencorpus.Write(more, 1, n, n+100); err != nil {
				b.Fatal(err)
			}
			// The same 100, dated after every statement of the corpus: a
			// folder growing with the news.
			if _, err := (gencorpus.Years{First: 2026, Last: 2026}).Write(latest, 1, n, n+100); err != nil {
				b.Fatal(err)
			}
			for range b.N {
				benchCorpus(b, bin, dir, base, more, latest)
			}
		})
	}
}

// parseSizes reads a comma-separated list of corpus sizes.
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q: want sizes such as 1000,5000", s)
		}
		out = append(out, n)
	}
	return out, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// measured is how long a run of pledge took, the processor time it used
// and its peak memory.
type measured struct {
	seconds, cpu float64
	kb           int64
}

// timed runs pledge with args (stdin from a file when in is not "") and
// measures it; output goes to out, or nowhere.
func timed(b *testing.B, bin, in, out string, args ...string) measured {
	b.Helper()
	cmd, peak := benchCommand(b, bin, in, out, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("pledge %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return rusage(cmd, time.Since(start), peak)
}

// gnuTime measures a program's peak memory: the rusage of a child of this
// process counts this process's own memory, which Linux keeps in a child's
// peak, so the child is started by GNU time, which reports its own child's.
const gnuTime = "/usr/bin/time"

// benchCommand is pledge with args, reading in and writing out (when not
// ""), and the file GNU time writes its peak memory to ("" without GNU
// time).
func benchCommand(b *testing.B, bin, in, out string, args ...string) (*exec.Cmd, string) {
	b.Helper()
	cmd := exec.Command(bin, args...)
	peak := ""
	if _, err := os.Stat(gnuTime); err == nil {
		f, err := os.CreateTemp(b.TempDir(), "peak")
		if err != nil {
			b.Fatal(err)
		}
		f.Close()
		peak = f.Name()
		cmd = exec.Command(gnuTime, append([]string{"-f", "%M", "-o", peak, bin}, args...)...)
	}
	if in != "" {
		f, err := os.Open(in)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { f.Close() })
		cmd.Stdin = f
	}
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { f.Close() })
		cmd.Stdout = f
	}
	return cmd, peak
}

// rusage is what a finished command used: its time and processor time as
// the operating system counts them, and its peak memory as GNU time wrote
// it to the file peak (or, without, as this process's rusage of it says).
func rusage(cmd *exec.Cmd, wall time.Duration, peak string) measured {
	m := measured{seconds: wall.Seconds()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.kb = ru.Maxrss
		m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
	}
	if peak != "" {
		if b, err := os.ReadFile(peak); err == nil {
			fields := strings.Fields(string(b))
			if len(fields) > 0 {
				fmt.Sscan(fields[len(fields)-1], &m.kb)
			}
		}
	}
	return m
}

// removeDB removes a database and the files SQLite keeps beside it.
func removeDB(p string) {
	for _, f := range []string{p, p + "-wal", p + "-shm"} {
		os.Remove(f)
	}
}

func benchCorpus(b *testing.B, bin, dir, base, more, latest string) {
	db, empty, plus := filepath.Join(dir, "pledge.db"), filepath.Join(dir, "empty.db"), filepath.Join(dir, "plus.db")
	emptyLatest, plusLatest := filepath.Join(dir, "empty-latest.db"), filepath.Join(dir, "plus-latest.db")
	for _, p := range []string{db, empty, plus, emptyLatest, plusLatest} {
		removeDB(p)
	}
	runs := map[string]measured{}
	var order []string
	run := func(name, in, out string, args ...string) {
		runs[name] = timed(b, bin, in, out, args...)
		order = append(order, name)
	}
	run("ingest", "", "", "ingest", "--db", db, base)
	run("ingest again", "", "", "ingest", "--db", db, base)
	run("100 into empty", "", "", "ingest", "--db", empty, more)
	// The corpus with the 100 more, from a copy: the corpus stays as it was.
	if err := exec.Command("cp", db, plus).Run(); err != nil {
		b.Fatal(err)
	}
	run("100 into corpus", "", "", "ingest", "--db", plus, more)
	run("100 latest into empty", "", "", "ingest", "--db", emptyLatest, latest)
	if err := exec.Command("cp", db, plusLatest).Run(); err != nil {
		b.Fatal(err)
	}
	run("100 latest into corpus", "", "", "ingest", "--db", plusLatest, latest)
	csvPath := filepath.Join(dir, "out.csv")
	run("export", "", "", "export", "--db", db, "-o", csvPath)
	run("report", "", "", "report", "--db", db, "-o", filepath.Join(dir, "report.html"))
	run("new", "", os.DevNull, "new", "--db", db)
	run("tally", "", os.DevNull, "tally", "--db", db)
	run("tally --by-partner", "", os.DevNull, "tally", "--db", db, "--by-partner")
	run("common, first", "", os.DevNull, "common", "--db", db)
	run("common", "", os.DevNull, "common", "--db", db)
	long, length, commitments, halves, err := readExport(csvPath, dir)
	if err != nil {
		b.Fatal(err)
	}
	// Without GNU time, a child's peak memory counts the pages of this
	// process it started with: give back what reading the export took.
	debug.FreeOSMemory()
	run("show, longest thread", "", os.DevNull, "show", "--db", db, strconv.FormatInt(long, 10))
	run("classify, one text", "", os.DevNull, "classify", "双方将扩大本币结算规模。")
	floor := classifyFloor(b, bin, halves)
	runs["classify, both cores"] = floor
	order = append(order, "classify, both cores")
	served := benchServe(b, bin, plus, long)

	for _, name := range order {
		m := runs[name]
		key := strings.NewReplacer(" ", "_", ",", "", "-", "").Replace(name)
		b.ReportMetric(m.seconds, "s/"+key)
		b.ReportMetric(float64(m.kb)/1024, "MB/"+key)
	}
	ratios := []struct {
		name string
		x    float64
	}{
		{"again/fresh", runs["ingest again"].seconds / runs["ingest"].seconds},
		{"100_into_corpus/100_into_empty", runs["100 into corpus"].seconds / runs["100 into empty"].seconds},
		{"100_latest_into_corpus/100_latest_into_empty", runs["100 latest into corpus"].seconds / runs["100 latest into empty"].seconds},
		{"ingest/floor", runs["ingest"].seconds / floor.seconds},
		{"ingest_cpu/floor_cpu", runs["ingest"].cpu / floor.cpu},
		{"report/export", runs["report"].seconds / runs["export"].seconds},
		{"new/export", runs["new"].seconds / runs["export"].seconds},
		{"tally/export", runs["tally"].seconds / runs["export"].seconds},
		{"partners/export", runs["tally --by-partner"].seconds / runs["export"].seconds},
		{"common_first/export", runs["common, first"].seconds / runs["export"].seconds},
		{"common/export", runs["common"].seconds / runs["export"].seconds},
	}
	for _, r := range ratios {
		b.ReportMetric(r.x, r.name)
	}
	b.ReportMetric(float64(length), "thread_length")
	for _, s := range served {
		b.ReportMetric(s.seconds, "s/serve_"+s.name)
	}

	var t strings.Builder
	fmt.Fprintf(&t, "\n%d commitments; longest thread %d commitments (commitment %d)\n", commitments, length, long)
	fmt.Fprintf(&t, "%-28s %10s %10s %9s\n", "run", "seconds", "cpu s", "peak MB")
	for _, name := range order {
		m := runs[name]
		fmt.Fprintf(&t, "%-28s %10.3f %10.3f %9.0f\n", name, m.seconds, m.cpu, float64(m.kb)/1024)
	}
	fmt.Fprintf(&t, "%-28s %10s\n", "serve", "seconds")
	for _, s := range served {
		fmt.Fprintf(&t, "%-28s %10.3f\n", s.name, s.seconds)
	}
	for _, r := range ratios {
		fmt.Fprintf(&t, "%-28s %10.3f\n", r.name, r.x)
	}
	// Printed, not logged: go test cuts a benchmark's log to ten lines.
	fmt.Printf("--- %s%s\n", b.Name(), t.String())
}

// Columns of a CSV export (pledge export --help).
const (
	colID       = 0
	colStatus   = 9
	colPrevious = 11
	colText     = 12
)

// readExport reads a CSV export as it goes, without holding it: it finds
// the commitment with the longest thread (it and the commitments it recurs
// from, back to the first) and its length, counts the commitments, and
// writes their texts, a line each, half of them to each of two files in
// dir, which it returns.
func readExport(path, dir string) (long int64, length, commitments int, halves [2]string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, 0, halves, err
	}
	defer f.Close()
	in := bufio.NewReader(f)
	if bom, _ := in.Peek(3); string(bom) == "\ufeff" {
		in.Discard(3)
	}
	r := csv.NewReader(in)
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil {
		return 0, 0, 0, halves, err
	}
	var outs [2]*bufio.Writer
	for k := range halves {
		halves[k] = filepath.Join(dir, fmt.Sprintf("texts%d.txt", k))
		o, err := os.Create(halves[k])
		if err != nil {
			return 0, 0, 0, halves, err
		}
		defer o.Close()
		outs[k] = bufio.NewWriter(o)
	}
	// Export order is date order: a commitment's earlier ones come before
	// it, so each one's thread length is known when it is read.
	previous := map[int64]int64{}
	depth := map[int64]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, 0, halves, err
		}
		id, _ := strconv.ParseInt(rec[colID], 10, 64)
		d := 1
		if rec[colStatus] == "recurring" {
			p, _ := strconv.ParseInt(rec[colPrevious], 10, 64)
			previous[id] = p
			d += depth[p]
		}
		depth[id] = d
		if d > length {
			long, length = id, d
		}
		fmt.Fprintln(outs[commitments%2], strings.ReplaceAll(rec[colText], "\n", " "))
		commitments++
	}
	for _, o := range outs {
		if err := o.Flush(); err != nil {
			return 0, 0, 0, halves, err
		}
	}
	return long, length, commitments, halves, nil
}

// classifyFloor runs pledge classify on the commitments' texts, the two
// halves at once, each in a process of its own: what segmenting and
// labelling them costs on both cores, the part of an ingest no other work
// can go under. Its seconds are the two's wall time, its processor time
// theirs together, its memory the larger peak.
func classifyFloor(b *testing.B, bin string, halves [2]string) measured {
	b.Helper()
	var cmds []*exec.Cmd
	var peaks []string
	for _, in := range halves {
		c, peak := benchCommand(b, bin, in, os.DevNull, "classify")
		cmds, peaks = append(cmds, c), append(peaks, peak)
	}
	start := time.Now()
	for _, c := range cmds {
		if err := c.Start(); err != nil {
			b.Fatal(err)
		}
	}
	var out measured
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			b.Fatalf("pledge classify: %v", err)
		}
	}
	out.seconds = time.Since(start).Seconds()
	for i, c := range cmds {
		m := rusage(c, 0, peaks[i])
		out.cpu += m.cpu
		out.kb = slices.Max([]int64{out.kb, m.kb})
	}
	return out
}
