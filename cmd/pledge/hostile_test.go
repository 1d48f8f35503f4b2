package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"pledge/extract"
	"pledge/label"
	"pledge/track"
)

// The tests in this file try what a careful adversary would: paths that
// are no files, invisible characters, runs stopped at the worst moment,
// foreign databases, impossible dates, broken models and odd bytes. Each
// checks that pledge says what is wrong and leaves nothing broken.
// go test ./cmd/pledge -run Hostile -v runs them all.

// small is a statement written for these tests.
const small = "甲国和乙国（以下称“双方”），声明如下：\n双方将扩大两国贸易规模。\n双方将加强能源合作。\n二〇二〇年一月二日\n"

// smallDB ingests one small statement into a new database.
func smallDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	f := writeFile(t, dir, "s.txt", []byte(small))
	if _, errOut, err := run(t, "ingest", "--db", db, f); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	return db
}

// TestHostileOutputPaths writes -o to a folder, a link, a pipe, a device
// and standard output: pledge writes through to what is there and never
// replaces it with a regular file.
func TestHostileOutputPaths(t *testing.T) {
	db := smallDB(t)
	dir := t.TempDir()

	if _, _, err := run(t, "export", "--db", db, "-o", dir); err == nil || !strings.Contains(err.Error(), "it is a folder") {
		t.Errorf("-o a folder: %v, want that it is a folder", err)
	}

	target := filepath.Join(dir, "real.csv")
	link := filepath.Join(dir, "link.csv")
	os.Symlink(target, link)
	if _, _, err := run(t, "export", "--db", db, "-o", link); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("-o a link replaced the link")
	}
	if b, _ := os.ReadFile(target); !bytes.Contains(b, []byte("扩大两国贸易规模")) {
		t.Error("-o a link did not write the link's target")
	}

	old := writeFile(t, dir, "old.csv", []byte("old"))
	os.Chmod(old, 0o600)
	if _, _, err := run(t, "export", "--db", db, "-o", old); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(old); info.Mode().Perm() != 0o600 {
		t.Errorf("-o an existing file: mode %v, want the file's own 0600", info.Mode().Perm())
	}

	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	if _, _, err := run(t, "report", "--db", db, "-o", fifo); err != nil {
		t.Fatal(err)
	}
	if b := <-got; !bytes.Contains(b, []byte("<html")) {
		t.Error("-o a pipe: nothing came through it")
	}
	if info, _ := os.Lstat(fifo); info.Mode()&os.ModeNamedPipe == 0 {
		t.Error("-o a pipe replaced the pipe")
	}

	// A device node of the project's own: /dev/null's numbers, made where
	// a mistake can do no harm. Making one needs root.
	null := filepath.Join(dir, "null")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
		if _, _, err := run(t, "export", "--db", db, "-o", null); err != nil {
			t.Fatal(err)
		}
		if info, _ := os.Lstat(null); info.Mode()&os.ModeCharDevice == 0 {
			t.Error("-o a device replaced the device with a file")
		}
	} else {
		t.Logf("no device node (%v): the device case is not tried", err)
	}

	// /dev/stdout, from the program: the output reaches standard output.
	out, err := exec.Command(binary(t), "export", "--db", db, "-o", "/dev/stdout").Output()
	if err != nil || !bytes.Contains(out, []byte("扩大两国贸易规模")) {
		t.Errorf("-o /dev/stdout: %v, output %q", err, out)
	}
}

// TestHostileInvisibleCharacters inserts format characters a copy may
// carry (a zero-width space, a soft hyphen, direction marks, a byte-order
// mark in mid-text, as two files joined by cat give) into a statement: it
// stays one dated statement, the same as the clean copy.
func TestHostileInvisibleCharacters(t *testing.T) {
	dir := t.TempDir()
	clean := writeFile(t, dir, "clean.txt", []byte(small))
	dirty := strings.NewReplacer("双方", "双\u200b方", "贸易", "贸\u00ad易", "二〇二〇", "\u200e二〇二〇\u200f", "合作", "合\u2060作").Replace(small)
	writeFile(t, dir, "dirty.txt", []byte(dirty))
	// cat of two files saved with byte-order marks.
	writeFile(t, dir, "joined.txt", []byte("\ufeff"+small+"\ufeff"+small))
	db := filepath.Join(t.TempDir(), "p.db")
	if _, errOut, err := run(t, "ingest", "--db", db, dir); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	out, _, err := run(t, "tally", "--db", db)
	if err != nil || !strings.Contains(out, "2020 ") || strings.Contains(out, "no date") {
		t.Errorf("tally: %v\n%s", err, out)
	}
	if n := len(checkSources(t, db)); n != 3 {
		t.Errorf("%d sources, want the three files", n)
	}
	s, err := track.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if sts, _ := s.Statements(context.Background()); len(sts) != 1 {
		t.Errorf("%d statements, want one: %v", len(sts), clean)
	}
}

// TestHostileStoredNotLinked stores statements as a run killed between
// storing and linking leaves them: the next command links them, or, where
// the database cannot be written, says they read as new.
func TestHostileStoredNotLinked(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	s, err := track.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	model, _ := s.RegisterModel(ctx, track.Model{Hash: "m", Variant: "multinomial", Labels: []string{"economy"}, TrainingSize: 1})
	for i, year := range []int{2019, 2021} {
		st := extract.Statement{Title: fmt.Sprint("声明", i), Parties: []string{"甲国", "乙国"},
			Date: extract.Date{Year: year, Month: 1, Day: 2}, Fingerprint: strings.Repeat(fmt.Sprint(i), 32)}
		cs := []label.Commitment{{Commitment: extract.Commitment{Ordinal: 1, Text: "双方将扩大本币结算。"},
			Sentences: [][]string{{"扩大", "本币", "结算"}}, Domain: "economy", Probability: 0.9}}
		if _, _, err := s.AddStatement(ctx, st, track.Source{Path: fmt.Sprint(i)}, cs, model); err != nil {
			t.Fatal(err)
		}
	}
	s.Close() // killed here: nothing linked

	out, errOut, err := run(t, "tally", "--db", db, "--status")
	if err != nil || !strings.Contains(errOut, "linking the commitments a stopped run stored but did not link") {
		t.Errorf("tally after a stop: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "1/1") {
		t.Errorf("tally after the stop should count the 2021 commitment recurring:\n%s", out)
	}
	if pending, _ := func() (bool, error) {
		s, _ := track.OpenReadOnly(ctx, db)
		defer s.Close()
		return s.Pending(ctx)
	}(); pending {
		t.Error("links still pending after a command")
	}
}

// TestHostileSignalStopsAtOnce sends SIGTERM to extract busy with a 30 MB
// file of one line: it must stop within a second or two, not when the file
// is done.
func TestHostileSignalStopsAtOnce(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	var b strings.Builder
	for b.Len() < 30<<20 {
		b.WriteString(strings.ReplaceAll(small, "\n", ""))
	}
	big := writeFile(t, dir, "big.txt", []byte(b.String()))
	cmd := exec.Command(bin, "extract", big)
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
	if d := time.Since(start); d > 2500*time.Millisecond {
		t.Errorf("SIGTERM took %v to stop extract, want about a second", d)
	}
}

// TestHostileNotRegularFiles gives pledge a pipe, directly and in a
// folder: it says what it is instead of waiting forever for a writer.
func TestHostileNotRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "f.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "s.txt", []byte(small))
	for _, args := range [][]string{{"extract", fifo}, {"extract", dir}, {"ingest", "--db", filepath.Join(t.TempDir(), "p.db"), dir}} {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		out, _ := exec.CommandContext(ctx, binary(t), args...).CombinedOutput()
		timedOut := ctx.Err() == context.DeadlineExceeded
		cancel()
		if timedOut {
			t.Fatalf("pledge %v waited on the pipe", args)
		}
		if !strings.Contains(string(out), "not a regular file") {
			t.Errorf("pledge %v does not say the pipe is no regular file:\n%s", args, out)
		}
	}
}

// TestHostileLinksInFolders follows links in a folder, each file once, and
// names every entry it leaves out that is worth a word: a loop, a link to
// nothing, a second link to a file read already; a hidden file it counts.
func TestHostileLinksInFolders(t *testing.T) {
	outside := t.TempDir()
	real := writeFile(t, outside, "real.txt", []byte(small))
	dir := t.TempDir()
	os.Symlink(real, filepath.Join(dir, "a-link.txt"))
	os.Symlink(real, filepath.Join(dir, "b-again.txt"))
	os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(dir, "c-dangling.txt"))
	os.Symlink(dir, filepath.Join(dir, "d-loop"))
	writeFile(t, dir, ".hidden.txt", []byte(small))
	db := filepath.Join(t.TempDir(), "p.db")
	out, errOut, err := run(t, "ingest", "--db", db, dir)
	if !strings.Contains(out, "1 other file skipped") || strings.Contains(errOut, ".hidden.txt") {
		t.Errorf("the hidden file is not counted, or named without --verbose:\n%s%s", out, errOut)
	}
	for _, want := range []string{
		filepath.Join(dir, "b-again.txt") + ": the same file as " + filepath.Join(dir, "a-link.txt") + ", read already",
		filepath.Join(dir, "c-dangling.txt") + ": a link to nothing",
		filepath.Join(dir, "d-loop") + ": a link back to " + dir + ", read already: the folders loop",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if err == nil || countStatements(t, db) != 1 {
		t.Errorf("error %v; want the linked statement stored once and the loop reported as a failure", err)
	}
}

// countStatements counts the statements of a database.
func countStatements(t *testing.T, db string) int {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	conn.QueryRow(`SELECT count(*) FROM statements`).Scan(&n)
	return n
}

// TestHostileForeignDatabase points pledge at an SQLite database of
// something else: it is refused, and not changed by a byte (not switched
// to WAL).
func TestHostileForeignDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "other.sqlite")
	conn, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(`CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('饺子')`); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	before, _ := os.ReadFile(db)
	f := writeFile(t, t.TempDir(), "s.txt", []byte(small))
	for _, args := range [][]string{{"tally", "--db", db}, {"ingest", "--db", db, f}, {"relink", "--db", db}} {
		if _, _, err := run(t, args...); err == nil || !strings.Contains(err.Error(), "not a pledge database") {
			t.Errorf("pledge %v: %v, want not a pledge database", args, err)
		}
	}
	after, _ := os.ReadFile(db)
	if sha256.Sum256(before) != sha256.Sum256(after) {
		t.Error("the foreign database was changed")
	}
	if _, err := os.Stat(db + "-wal"); err == nil {
		t.Error("the foreign database got a write-ahead log")
	}
}

// TestHostileDatabasePlaces opens databases where they cannot be written,
// or their folder is missing: the message says what failed, and a read
// command works in a read-only folder.
func TestHostileDatabasePlaces(t *testing.T) {
	f := writeFile(t, t.TempDir(), "s.txt", []byte(small))
	_, _, err := run(t, "ingest", "--db", "/nonexistent/folder/p.db", f)
	if err == nil || !strings.Contains(err.Error(), "its folder does not exist") {
		t.Errorf("ingest into a missing folder: %v", err)
	}

	// A read-only folder, as a user who is not root: the test runs pledge
	// as nobody when it runs as root.
	if os.Getuid() != 0 {
		t.Skip("the rest runs pledge as another user, which needs root")
	}
	bin := binary(t)
	os.Chmod(filepath.Dir(bin), 0o755)
	ro := t.TempDir()
	os.Chmod(filepath.Dir(ro), 0o755)
	db := smallDB(t)
	data, _ := os.ReadFile(db)
	ro2 := filepath.Join(ro, "ro")
	os.Mkdir(ro2, 0o755)
	rodb := filepath.Join(ro2, "p.db")
	os.WriteFile(rodb, data, 0o644)
	os.WriteFile(filepath.Join(ro2, "s.txt"), []byte(small), 0o644)
	os.Chmod(ro2, 0o555)
	asNobody := func(args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		cmd.Env = append(os.Environ(), "HOME="+ro2, "PLEDGE_CACHE="+t.TempDir())
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := asNobody("tally", "--db", rodb); err != nil || !strings.Contains(out, "2020") {
		t.Errorf("tally in a read-only folder: %v\n%s", err, out)
	}
	if out, err := asNobody("export", "--db", rodb); err != nil || !strings.Contains(out, "扩大两国贸易规模") {
		t.Errorf("export in a read-only folder: %v\n%s", err, out)
	}
	out, err := asNobody("label", "--db", rodb, "1", "energy")
	if err == nil || !strings.Contains(out, "read-only") || strings.Contains(out, "not a pledge database") {
		t.Errorf("label in a read-only folder: %v\n%s", err, out)
	}

	// A file-size limit that the database cannot grow past.
	sh, err := exec.LookPath("sh")
	if err != nil {
		return
	}
	limited := filepath.Join(t.TempDir(), "p.db")
	var b strings.Builder
	for i := range 40 {
		b.WriteString(fmt.Sprintf("双方将推动第%d号项目的实施，扩大两国在各领域的交流与合作。\n", i))
	}
	many := writeFile(t, t.TempDir(), "m.txt", []byte("甲国和乙国（以下称“双方”），声明如下：\n"+b.String()+"二〇二〇年一月二日\n"))
	cmd := exec.Command(sh, "-c", `ulimit -f 20 && exec "$0" ingest --db "$1" "$2"`, bin, limited, many)
	out2, err := cmd.CombinedOutput()
	if err == nil || strings.Contains(string(out2), "not a pledge database") || !strings.Contains(string(out2), "size the system allows") {
		t.Errorf("ingest under a file-size limit: %v\n%s", err, out2)
	}
}

// TestHostileDatesAndFlags gives dates that are no dates and flags that
// are no values.
func TestHostileDatesAndFlags(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"feb30.txt":  "应甲国总统邀请，乙国总统于2021年2月30日对甲国进行国事访问。\n甲国和乙国（以下称“双方”），声明如下：\n双方将扩大两国贸易规模。\n",
		"y99999.txt": "甲国和乙国（以下称“双方”），声明如下：\n双方将扩大两国贸易规模。\n99999年1月2日\n",
		"y3000.txt":  "甲国和乙国（以下称“双方”），声明如下：\n双方将扩大两国贸易规模。\n3000年1月2日\n",
	} {
		p := writeFile(t, dir, name, []byte(text))
		out, errOut, err := run(t, "extract", p)
		if err != nil || !strings.Contains(out, "(no date found)") {
			t.Errorf("%s: %v\n%s", name, err, out)
		}
		if !strings.Contains(errOut, "warning") || !strings.Contains(errOut, p) {
			t.Errorf("%s: no warning naming the file:\n%s", name, errOut)
		}
	}
	_, errOut, _ := run(t, "extract", filepath.Join(dir, "y3000.txt"))
	if !strings.Contains(errOut, "line 3: 3000年1月2日 is not a date pledge takes") {
		t.Errorf("the year 3000 is not refused with its line:\n%s", errOut)
	}
	db := smallDB(t)
	for _, args := range [][]string{
		{"ingest", "--db", db, "--threshold", "NaN", dir},
		{"ingest", "--db", db, "--threshold", "2", dir},
		{"relink", "--db", db, "--threshold", "-1"},
		{"common", "--db", db, "--threshold", "0"},
		{"ingest", "--db", db, "--max-size", "0", dir},
		{"extract", "--max-size", "-1", dir},
	} {
		var u usageError
		if _, _, err := run(t, args...); !errors.As(err, &u) {
			t.Errorf("pledge %v: %v, want a usage error", args, err)
		}
	}
}

// TestHostileModels loads model files no training makes, and trains on
// data with no words.
func TestHostileModels(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	if _, _, err := run(t, "train", "--data", filepath.Join("..", "..", "data", "labelled.tsv"), "-o", good); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(good)
	for name, change := range map[string][2]string{
		"negative count": {`"counts": [` + "\n  {\n", `"counts": [` + "\n  {\n   \"负\": -3,\n"},
		"empty label":    {`"culture"`, `""`},
		"twice a label":  {`"culture"`, `"economy"`},
		"NaN smoothing":  {`"alpha": 1`, `"alpha": "NaN"`},
	} {
		bad := strings.Replace(string(b), change[0], change[1], 1)
		if bad == string(b) {
			t.Fatalf("%s: the change did not apply", name)
		}
		p := writeFile(t, dir, name+".json", []byte(bad))
		if out, _, err := run(t, "classify", "--model", p, "双方将扩大贸易。"); err == nil {
			t.Errorf("%s: a broken model was used:\n%s", name, out)
		}
	}
	punct := writeFile(t, dir, "punct.tsv", []byte("economy\t。，、\nenergy\t！？…\n"))
	if _, _, err := run(t, "train", "--data", punct, "-o", filepath.Join(dir, "p.json")); err == nil || !strings.Contains(err.Error(), "no usable words") {
		t.Errorf("training on punctuation: %v, want no usable words", err)
	}
}

// TestHostileMessages gives UTF-16 without a byte-order mark, a stray NUL
// and a stray byte, the same file by two spellings of its path, and a
// label with a line break.
func TestHostileMessages(t *testing.T) {
	dir := t.TempDir()
	var u16 []byte
	for _, r := range small {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	writeFile(t, dir, "utf16.txt", u16)
	stray := []byte(strings.Replace(small, "双方将加强", "双方将\x00加强", 1))
	writeFile(t, dir, "nul.txt", stray)
	bad := []byte(strings.Replace(small, "能源", "能\xff源", 1))
	writeFile(t, dir, "bad.txt", bad)
	for _, name := range []string{"utf16.txt", "nul.txt", "bad.txt"} {
		out, errOut, err := run(t, "extract", filepath.Join(dir, name))
		if err != nil || !strings.Contains(out, "2020-01-02") {
			t.Errorf("%s: %v\n%s%s", name, err, out, errOut)
		}
	}
	_, errOut, _ := run(t, "extract", filepath.Join(dir, "nul.txt"))
	if !strings.Contains(errOut, fmt.Sprintf("byte %d: a NUL, left out", bytes.IndexByte(stray, 0))) {
		t.Errorf("the NUL's place is not given:\n%s", errOut)
	}
	_, errOut, _ = run(t, "extract", filepath.Join(dir, "bad.txt"))
	if !strings.Contains(errOut, fmt.Sprintf("byte %d: 0xFF, not UTF-8, left out", bytes.IndexByte(bad, 0xff))) {
		t.Errorf("the stray byte's place is not given:\n%s", errOut)
	}

	db := filepath.Join(t.TempDir(), "p.db")
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)
	for _, p := range []string{"./utf16.txt", "utf16.txt", "sub/../utf16.txt"} {
		os.Mkdir("sub", 0o755)
		if _, errOut, err := run(t, "ingest", "--db", db, p); err != nil {
			t.Fatalf("%v\n%s", err, errOut)
		}
	}
	if src := checkSources(t, db); len(src) != 1 || src[0] != filepath.Join(dir, "utf16.txt") {
		t.Errorf("sources %q, want the one absolute path of utf16.txt", src)
	}
	if _, _, err := run(t, "label", "--db", db, "--new-label", "1", "energy\nx"); err == nil {
		t.Error("a label with a line break was taken")
	}
}

// TestHostileSearch searches as a person types: ASCII brackets and quotes
// find the full-width and curly ones a statement prints, and the other way
// round; what is printed is the text as stored.
func TestHostileSearch(t *testing.T) {
	dir := t.TempDir()
	text := "双方将共建“一带一路”，落实alert（2）号文件。"
	f := writeFile(t, dir, "s.txt", []byte("甲国和乙国（以下称“双方”），声明如下：\n"+text+"\n双方将加强能源合作。\n二〇二〇年一月二日\n"))
	db := filepath.Join(t.TempDir(), "p.db")
	if _, errOut, err := run(t, "ingest", "--db", db, f); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	out, _, err := run(t, "list", "--db", db)
	if err != nil || !strings.Contains(out, text) {
		t.Fatalf("the commitment is not stored as written: %v\n%s", err, out)
	}
	for _, q := range []string{"alert(2)", "alert（2）", `"一带一路"`, "“一带一路”", "「一带一路」", "ａｌｅｒｔ", "alert（2)"} {
		out, _, err := run(t, "list", "--db", db, "--search", q)
		if err != nil || !strings.Contains(out, text) {
			t.Errorf("--search %s: %v, want the commitment as stored:\n%s", q, err, out)
		}
	}
	if out, _, _ := run(t, "list", "--db", db, "--search", `"能源"`); strings.Contains(out, "能源") {
		t.Errorf("--search with quotes found text without them:\n%s", out)
	}
}

// TestHostileMisleadingMessages gives pledge what it used to answer with a
// message that misled or with none: each answer now names what is wrong,
// and what there is, on one line.
func TestHostileMisleadingMessages(t *testing.T) {
	db := smallDB(t)

	// A device and a folder as the database: named for what they are,
	// and nothing made beside them.
	_, journalBefore := os.Lstat("/dev/null-journal")
	for _, args := range [][]string{{"tally", "--db", "/dev/null"}, {"ingest", "--db", "/dev/null", writeFile(t, t.TempDir(), "s.txt", []byte(small))}} {
		if _, _, err := run(t, args...); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("pledge %v: %v, want not a regular file", args, err)
		}
	}
	if info, err := os.Lstat("/dev/null-journal"); err == nil && journalBefore != nil {
		t.Error("pledge made /dev/null-journal")
		if info.Mode().IsRegular() {
			os.Remove("/dev/null-journal")
		}
	}
	folder := t.TempDir()
	if _, _, err := run(t, "tally", "--db", folder); err == nil || !strings.Contains(err.Error(), "it is a folder; give a file name in it (--db "+filepath.Join(folder, "pledge.db")+")") {
		t.Errorf("--db a folder: %v", err)
	}

	// Names the database does not hold: an error that lists those it does.
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"list", "--domain", "econ"}, `list: --domain "econ": not a domain of ` + db + " (its domains: politics, security, economy,"},
		{[]string{"list", "--with", "丁国"}, "list: --with 丁国: no statement of " + db + " has that party (its parties: "},
		{[]string{"list", "--year", "1990"}, "list: --year 1990: no statement of " + db + " is of that year (its years: 2020)"},
		{[]string{"new", "--year", "1990"}, "new: --year 1990: no statement of " + db + " is of that year (its years: 2020)"},
		{[]string{"tally", "--with", "丁国"}, "tally: --with 丁国: no statement"},
		{[]string{"export", "--with", "丁国"}, "export: --with 丁国: no statement"},
		{[]string{"report", "--with", "丁国", "-o", filepath.Join(t.TempDir(), "r.html")}, "report: --with 丁国: no statement"},
	} {
		out, _, err := run(t, append(append([]string{}, tt.args[0], "--db", db), tt.args[1:]...)...)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") || out != "" {
			t.Errorf("pledge %v: %v, output %q; want %q", tt.args, err, out, tt.want)
		}
	}

	// A label that is not UTF-8.
	if _, _, err := run(t, "label", "--db", db, "--new-label", "1", "en\xffergy"); err == nil || !strings.Contains(err.Error(), "not UTF-8") {
		t.Errorf("a label that is not UTF-8: %v", err)
	}

	// Nothing to read: no database is made.
	none := filepath.Join(t.TempDir(), "e3.db")
	out, _, err := run(t, "ingest", "--db", none, "/nonexistent")
	if _, serr := os.Stat(none); serr == nil || err == nil || !strings.Contains(out, "no database was made") {
		t.Errorf("ingest of nothing: %v, %q; the database is there: %v", err, out, serr == nil)
	}

	// The program: a failed run says what it did once, on standard
	// output, and each failure once, on standard error.
	cmd := exec.Command(binary(t), "ingest", "--db", filepath.Join(t.TempDir(), "p.db"), writeFile(t, t.TempDir(), "s.txt", []byte(small)), "/nonexistent")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err == nil || strings.Count(stdout.String()+stderr.String(), "1 file ingested") != 1 || stderr.String() != "pledge: ingest /nonexistent: no such file or directory\n" {
		t.Errorf("exit %v\nstdout:\n%s\nstderr:\n%s", err, &stdout, &stderr)
	}
}
