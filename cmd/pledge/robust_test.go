package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"pledge/decode"
	"pledge/internal/hostile"
)

// TestInputProblems gives ingest one good file and one bad: each problem is
// one line naming the file, the good file goes in, the exit status says
// something failed, and the bad file leaves no trace in the database.
func TestInputProblems(t *testing.T) {
	dir := t.TempDir()
	good := statementFiles(t, dir, 1)[0]
	bad := func(name string, data []byte) string { return writeFile(t, dir, name, data) }
	huge := filepath.Join(dir, "dump.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(200 << 20) // sparse: 200 MB that take no disk
	f.Close()
	brokenPDF := "pdftotext could not read the PDF"
	if _, err := exec.LookPath("pdftotext"); err != nil {
		brokenPDF = decode.ErrNoPdftotext.Error()
	}
	whole, err := os.ReadFile(filepath.Join(layouts, "action_plan_articles.docx"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
		summary          string // the run's, when not "1 file ingested, 1 failed"
	}{
		{"binary", bad("photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), "not a text file (binary data)", ""},
		{"PDF", bad("report.txt", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")), brokenPDF, ""},
		{"Word cut short", bad("memo.docx", whole[:len(whole)/2]), "not a readable Word document (.docx): a Word document cut short or damaged", ""},
		{"Word cut at once", bad("memo.txt", []byte("PK\x03\x04\x14\x00\x06\x00word/")), "not a readable Word document (.docx): a Word document cut short or damaged", ""},
		{"spreadsheet", bad("sheet.txt", func() []byte {
			var b bytes.Buffer
			z := zip.NewWriter(&b)
			w, _ := z.Create("xl/workbook.xml")
			w.Write([]byte("<workbook/>"))
			z.Close()
			return b.Bytes()
		}()), "an Excel or zip file, not a Word document; save it as text (.txt) first", ""},
		{"zip bomb", bad("bomb.docx", hostile.ZipBomb(t)), "not a readable Word document (.docx): its text (word/document.xml) unpacks to more than 64 MB", ""},
		{"unknown encoding", bad("latin.txt", []byte("caf\xe9 \x80\x80\xff\xff\x81")), "not text in UTF-8, UTF-16, GB18030 or Big5", ""},
		{"empty", bad("empty.txt", nil), "file is empty", ""},
		{"no statement", bad("news.txt", []byte("本报讯 今天天气很好。\n")), "no joint statement found (pledge extract --explain ", ""},
		{"missing", filepath.Join(dir, "nowhere.txt"), "no such file or directory", ""},
		{"empty folder", func() string { p := filepath.Join(dir, "empty"); os.Mkdir(p, 0o755); return p }(), "the folder holds no file to read",
			"1 file ingested, 0 failed, 1 folder without files"},
		{"too large", huge, "file is 200 MB, larger than the 32 MB limit (--max-size 200 reads it)", ""},
		{"a line break in the name", bad("two\nlines.txt", nil), "file is empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "p.db")
			out, errOut, err := run(t, "ingest", "--db", db, good, tt.path)
			line := "pledge: ingest " + shown(tt.path) + ": " + tt.want
			if !strings.Contains(errOut, line) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Errorf("stderr:\n%s\nwant the one line %q", errOut, line)
			}
			summary := cmp.Or(tt.summary, "1 file ingested, 1 failed")
			if err == nil || err.Error() != summary || !strings.HasPrefix(out, summary+"; ") {
				t.Errorf("error %v, output %q; want %s", err, out, summary)
			}
			if n := checkDatabase(t, db); n != 1 {
				t.Errorf("%d statements stored, want only the good file's", n)
			}
		})
	}
}

// TestUnreadable gives ingest a file it may not read. Root reads any
// file, so as root the program runs as the user nobody.
func TestUnreadable(t *testing.T) {
	bin := binary(t)
	dir, err := os.MkdirTemp("", "pledge-perm-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o777)
	good := statementFiles(t, dir, 1)[0]
	locked := writeFile(t, dir, "locked.txt", []byte("甲国和乙国（以下称“双方”），声明如下：\n双方将扩大贸易。\n"))
	os.Chmod(locked, 0)
	db := filepath.Join(dir, "p.db")
	args := []string{"ingest", "--db", db, good, locked}
	cmd := exec.Command(bin, args...)
	if os.Geteuid() == 0 {
		setpriv, err := exec.LookPath("setpriv")
		if err != nil {
			t.Skip("running as root without setpriv to run as another user")
		}
		cmd = exec.Command(setpriv, append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", bin}, args...)...)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if err == nil || stderr.String() != "pledge: ingest "+locked+": permission denied\n" ||
		!strings.HasPrefix(stdout.String(), "1 file ingested, 1 failed; ") {
		t.Fatalf("exit %v\nstdout:\n%s\nstderr, which should hold the one failure and not the summary again:\n%s", err, &stdout, &stderr)
	}
	if n := checkDatabase(t, db); n != 1 {
		t.Errorf("%d statements stored, want the good file's", n)
	}
}

// TestLargeFileMemory runs the program on a 200 MB file: it must refuse it
// without reading it, in far less than 500 MB of memory. The memory is
// measured by GNU time: the rusage of a child of this test process would
// count this process's own memory, which Linux keeps in a child's peak.
func TestLargeFileMemory(t *testing.T) {
	bin := binary(t)
	gnuTime := "/usr/bin/time"
	if _, err := os.Stat(gnuTime); err != nil {
		t.Skip("no /usr/bin/time to measure peak memory with")
	}
	dir := t.TempDir()
	huge := filepath.Join(dir, "dump.txt")
	f, _ := os.Create(huge)
	f.Truncate(200 << 20)
	f.Close()
	report := filepath.Join(dir, "rss")
	out, err := exec.Command(gnuTime, "-f", "%M", "-o", report, bin, "extract", huge).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "larger than the 32 MB limit") {
		t.Fatalf("extract of 200 MB: %v\n%s", err, out)
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(string(b))
	var kb int
	fmt.Sscan(lines[len(lines)-1], &kb)
	t.Logf("peak memory %d MB", kb>>10)
	if kb == 0 || kb > 500<<10 {
		t.Errorf("peak memory %d kB, want under 500 MB", kb)
	}
}

// peakMemory runs pledge with args as a program under GNU time, and
// returns its peak memory in MB, what it printed and its error. The test
// is skipped without /usr/bin/time.
func peakMemory(t *testing.T, args ...string) (int, string, error) {
	t.Helper()
	gnuTime := "/usr/bin/time"
	if _, err := os.Stat(gnuTime); err != nil {
		t.Skip("no /usr/bin/time to measure peak memory with")
	}
	report := filepath.Join(t.TempDir(), "rss")
	out, err := exec.Command(gnuTime, append([]string{"-f", "%M", "-o", report, binary(t)}, args...)...).CombinedOutput()
	b, rerr := os.ReadFile(report)
	if rerr != nil {
		t.Fatal(rerr)
	}
	lines := strings.Fields(string(b))
	var kb int
	fmt.Sscan(lines[len(lines)-1], &kb)
	return kb >> 10, string(out), err
}

// items is a statement of n list items, a short line each: the text that
// costs most memory for its size.
func items(n int) []byte {
	return []byte("甲国和乙国（以下称“双方”），声明如下：\n" + strings.Repeat("——双方将加强合作。\n", n) + "二〇二〇年一月二日\n")
}

// TestLargeInputMemory gives ingest what takes the most memory to read for
// its size, a file of short list items: one of a million items (31 MB,
// under the size limit) is refused before it is read for statements, at
// once and in little memory, and one that weighs just under the limit is
// read in what the README says, some twelve times its weight at most.
func TestLargeInputMemory(t *testing.T) {
	dir := t.TempDir()
	base, out, err := peakMemory(t, "ingest", "--db", filepath.Join(t.TempDir(), "p.db"), writeFile(t, dir, "small.txt", []byte(small)))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	huge := writeFile(t, dir, "million.txt", items(1000000))
	start := time.Now()
	peak, out, err := peakMemory(t, "ingest", "--db", filepath.Join(t.TempDir(), "p.db"), huge)
	t.Logf("a million items: %v, %d MB (%d MB for a small file)", time.Since(start), peak, base)
	if err == nil || !strings.Contains(out, "its text weighs 145 MB (30 MB, and 40 bytes for each of its 3000002 lines, list items and sentences), over the 32 MB limit (--max-size 145 reads it)") {
		t.Errorf("ingest of a million items: %v\n%s", err, out)
	}
	if peak > base+100 || time.Since(start) > 10*time.Second {
		t.Errorf("refusing a million items took %v and %d MB, want far less than reading them", time.Since(start), peak)
	}
	// 53,000 items weigh just under 8 MB.
	heavy := writeFile(t, dir, "heavy.txt", items(53000))
	peak, out, err = peakMemory(t, "ingest", "--max-size", "8", "--db", filepath.Join(t.TempDir(), "p.db"), heavy)
	t.Logf("53,000 items, just under an 8 MB limit: %d MB", peak)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if peak > base+12*8 {
		t.Errorf("ingest of a file just under the 8 MB limit took %d MB, %d more than a small file; the README says at most twelve times the limit", peak, peak-base)
	}
}

// ingestProcess starts pledge ingest as a program and returns it with a
// channel that receives each line it prints.
func ingestProcess(t *testing.T, db string, paths ...string) (*exec.Cmd, *bytes.Buffer, chan string) {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"ingest", "--verbose", "--db", db}, paths...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1000)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	return cmd, &stderr, lines
}

// waitStored waits until the program has stored n statements.
func waitStored(t *testing.T, lines chan string, n int) {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for seen := 0; seen < n; {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("the program ended before storing enough")
			}
			if strings.Contains(l, "stored  ") {
				seen++
			}
		case <-timeout:
			t.Fatal("timed out waiting for the program to store statements")
		}
	}
}

// TestInterrupt sends SIGINT to ingest in the middle of a run: it stops
// after the statement in progress, says so, exits non-zero, and leaves a
// whole database that a second run completes without duplicates.
func TestInterrupt(t *testing.T) {
	dir := t.TempDir()
	statementFiles(t, dir, 150)
	db := filepath.Join(t.TempDir(), "p.db")
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		os.Remove(db)
		cmd, stderr, lines := ingestProcess(t, db, dir)
		waitStored(t, lines, 20)
		cmd.Process.Signal(sig)
		for range lines {
		}
		err := cmd.Wait()
		// Stopped after the statement in progress, as a rule; on a machine
		// too busy to finish within stopGrace, at the end of it, which the
		// database survives as well.
		if err == nil || !strings.Contains(stderr.String(), "pledge: interrupted after") && !strings.Contains(stderr.String(), "pledge: stopped") {
			t.Fatalf("%v: exit %v\n%s", sig, err, stderr.String())
		}
		n := checkDatabase(t, db)
		if n < 20 || n == 150 {
			t.Errorf("%v: %d statements stored, want some but not all", sig, n)
		}
		if out, err := exec.Command(binary(t), "ingest", "--db", db, dir).CombinedOutput(); err != nil {
			t.Fatalf("second run: %v\n%s", err, out)
		}
		if n := checkDatabase(t, db); n != 150 {
			t.Errorf("%v: after the second run, %d statements, want 150", sig, n)
		}
	}
}

// TestKill kills ingest with SIGKILL at several points: the database must
// stay whole, each statement fully there or absent, and a later run must
// complete the job.
func TestKill(t *testing.T) {
	dir := t.TempDir()
	statementFiles(t, dir, 150)
	for _, after := range []int{1, 10, 40, 90} {
		db := filepath.Join(t.TempDir(), "p.db")
		cmd, _, lines := ingestProcess(t, db, dir)
		waitStored(t, lines, after)
		cmd.Process.Kill()
		cmd.Wait()
		n := checkDatabase(t, db)
		t.Logf("killed after %d stored: %d statements in the database", after, n)
		if out, err := exec.Command(binary(t), "ingest", "--db", db, dir).CombinedOutput(); err != nil {
			t.Fatalf("run after the kill: %v\n%s", err, out)
		}
		if n := checkDatabase(t, db); n != 150 {
			t.Errorf("after the kill at %d and a new run, %d statements, want 150", after, n)
		}
	}
}

// TestConcurrentIngest runs four ingests at once on one database over
// overlapping sets of files: every statement must be stored exactly once,
// and none may fail with "database is locked". Then, round after round,
// four start at once on a new database, which they all make, switch to WAL
// and migrate: that too waits its turn.
func TestConcurrentIngest(t *testing.T) {
	t.Run("new database", func(t *testing.T) {
		// An empty file fails before anything is cut into words, so a
		// round costs what opening the database costs.
		empty := writeFile(t, t.TempDir(), "empty.txt", nil)
		const rounds = 40
		for round := range rounds {
			db := filepath.Join(t.TempDir(), "p.db")
			var wg sync.WaitGroup
			outs := make([][]byte, 4)
			for i := range outs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					outs[i], _ = exec.Command(binary(t), "ingest", "--db", db, empty).CombinedOutput()
				}()
			}
			wg.Wait()
			for i, out := range outs {
				if bytes.Contains(out, []byte("locked")) || bytes.Contains(out, []byte("busy")) || !bytes.Contains(out, []byte("file is empty")) {
					t.Fatalf("round %d, process %d:\n%s", round+1, i+1, out)
				}
			}
		}
	})
	dir := t.TempDir()
	paths := statementFiles(t, dir, 120)
	db := filepath.Join(t.TempDir(), "p.db")
	sets := [][]string{paths[:70], paths[30:100], paths[50:], append(append([]string{}, paths[:20]...), paths[100:]...)}
	var wg sync.WaitGroup
	outs := make([][]byte, len(sets))
	errs := make([]error, len(sets))
	for i, set := range sets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = exec.Command(binary(t), append([]string{"ingest", "--db", db}, set...)...).CombinedOutput()
		}()
	}
	wg.Wait()
	for i := range sets {
		if errs[i] != nil || bytes.Contains(outs[i], []byte("locked")) {
			t.Errorf("process %d: %v\n%s", i+1, errs[i], outs[i])
		}
	}
	if n := checkDatabase(t, db); n != 120 {
		t.Errorf("%d statements stored, want 120", n)
	}
}

// TestHostileValues checks that odd file names and labels are stored and
// exported as they are, that filters reach SQL only as values, and that
// CSV cells a spreadsheet would run as formulas are made harmless unless
// --raw is given.
func TestHostileValues(t *testing.T) {
	dir := t.TempDir()
	odd := filepath.Join(dir, "it's \"odd\"\nname\x01.txt")
	if err := os.WriteFile(odd, []byte("甲国和乙国（以下称“双方”），声明如下：\n双方将扩大贸易。\n双方将加强能源合作。\n二〇二〇年一月二日\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	db := filepath.Join(t.TempDir(), "p.db")
	if _, errOut, err := run(t, "ingest", "--db", db, odd); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	st := checkSources(t, db)
	if len(st) != 1 || st[0] != odd {
		t.Errorf("sources %q, want %q", st, odd)
	}
	label := "=HYPERLINK(\"x\",\"a,b\")"
	if _, _, err := run(t, "label", "--db", db, "--new-label", "1", label); err != nil {
		t.Fatal(err)
	}
	for _, raw := range []bool{false, true} {
		args := []string{"export", "--db", db}
		want := "'" + label
		if raw {
			args, want = append(args, "--raw"), label
		}
		out, _, err := run(t, args...)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if recs[1][6] != want {
			t.Errorf("raw %v: domain cell %q, want %q", raw, recs[1][6], want)
		}
	}
	for _, args := range [][]string{
		{"list", "--db", db, "--search", "x' OR '1'='1"},
		{"list", "--db", db, "--search", "%"},
	} {
		out, _, err := run(t, args...)
		if err != nil || out != "" {
			t.Errorf("pledge %q: %v, output %q; want nothing found", args, err, out)
		}
	}
	if out, _, err := run(t, "list", "--db", db, "--domain", "energy' OR 1=1 --"); err == nil || !strings.Contains(err.Error(), "not a domain of") || out != "" {
		t.Errorf("a domain that is SQL: %v, output %q; want no such domain", err, out)
	}
	out, _, _ := run(t, "list", "--db", db, "--domain", label)
	if !strings.Contains(out, "扩大贸易") {
		t.Errorf("a label with quotes and a line break does not select its commitment: %q", out)
	}
}

// checkSources returns the stored file names.
func checkSources(t *testing.T, db string) []string {
	t.Helper()
	s, err := openExisting(t.Context(), db, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sts, err := s.Statements(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, st := range sts {
		out = append(out, st.Sources...)
	}
	return out
}
