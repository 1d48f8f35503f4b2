package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pledge/track"
)

// folderOf writes three statements of invented wording to a new folder.
func folderOf(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "2018.txt", []byte(statement("二〇一八年九月十二日于北京", "双方将扩大本币在双边贸易结算中的使用。\n双方将加强口岸基础设施建设。")))
	writeFile(t, dir, "2020.txt", []byte(statement("二〇二〇年五月二十日于莫斯科", "双方将继续扩大本币结算规模。\n双方将深化北极航道开发合作。")))
	writeFile(t, dir, "2022.txt", []byte(statement("二〇二二年六月一日于北京", "双方将在人工智能领域开展对话。\n双方将加强口岸建设。")))
	return dir
}

// contents is what pledge list prints of a database, without the ids that
// differ between databases made in another order.
func contents(t *testing.T, db string) string {
	t.Helper()
	out, _, err := run(t, "list", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`(?m)^\d+\t`).ReplaceAllString(out, "")
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s holds no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFolderIsTheTruth edits, corrects, deletes and brings back files of a
// folder ingested before: after each change the database holds what a
// fresh ingest of the folder gives, a person's decisions follow their
// text, and what cannot follow is said and comes back with --undo.
func TestFolderIsTheTruth(t *testing.T) {
	dir := folderOf(t)
	db := filepath.Join(t.TempDir(), "p.db")
	ingestOK := func(want ...string) string {
		t.Helper()
		out, errOut, err := run(t, "ingest", "--db", db, dir)
		if err != nil {
			t.Fatalf("ingest: %v\n%s", err, errOut)
		}
		for _, w := range want {
			if !strings.Contains(out+errOut, w) {
				t.Errorf("ingest says nothing of %q:\n%s%s", w, out, errOut)
			}
		}
		return out + errOut
	}
	idOf := func(db, text string) string {
		t.Helper()
		out, _, _ := run(t, "list", "--db", db, "--search", text)
		id, _, _ := strings.Cut(out, "\t")
		if id == "" {
			t.Fatalf("no commitment %q:\n%s", text, out)
		}
		return id
	}
	// labels are the person's labels the database should hold, by text.
	labels := map[string]string{}
	label := func(db, text, domain string) {
		t.Helper()
		if _, errOut, err := run(t, "label", "--db", db, idOf(db, text), domain); err != nil {
			t.Fatal(err, errOut)
		}
	}
	// fresh is what a fresh ingest of the folder holds, with the labels.
	fresh := func() string {
		t.Helper()
		other := filepath.Join(t.TempDir(), "fresh.db")
		if _, errOut, err := run(t, "ingest", "--db", other, dir); err != nil {
			t.Fatalf("fresh ingest: %v\n%s", err, errOut)
		}
		for text, domain := range labels {
			label(other, text, domain)
		}
		return contents(t, other)
	}
	ingestOK()
	label(db, "北极航道", "transport")
	label(db, "扩大本币结算规模", "economy")
	labels["扩大本币结算规模"] = "economy"

	// 1. One character of a commitment changed: replaced, not added.
	edit(t, filepath.Join(dir, "2020.txt"), "北极航道", "北极航线")
	out := ingestOK("edited", "replaced", "your decision moved", "your decision set aside", "北极航道", "1 edited")
	if got, want := contents(t, db), fresh(); got != want {
		t.Errorf("after the edit the database holds\n%s\na fresh ingest with the labels that could move\n%s", got, want)
	}
	if !strings.Contains(contents(t, db), "economy\t1.000") {
		t.Errorf("the label of the unchanged commitment did not move:\n%s", out)
	}
	ingestOK("3 unchanged")

	// 2. The year corrected: taken, and said.
	edit(t, filepath.Join(dir, "2018.txt"), "二〇一八年", "二〇一七年")
	ingestOK("2018-09-12 → 2017-09-12")
	if got := contents(t, db); !strings.Contains(got, "2017-09-12") || strings.Contains(got, "2018-09-12") {
		t.Errorf("the corrected date is not taken:\n%s", got)
	}
	if got, want := contents(t, db), fresh(); got != want {
		t.Errorf("after the correction the database holds\n%s\na fresh ingest\n%s", got, want)
	}

	// 3. A file deleted: named, then forgotten.
	gone := filepath.Join(dir, "2022.txt")
	saved, _ := os.ReadFile(gone)
	os.Remove(gone)
	ingestOK("1 file read before is gone", gone, "pledge forget")
	if out, errOut, err := run(t, "forget", "--db", db, gone); err != nil || !strings.Contains(out, "removed 1 statement (2 commitments)") {
		t.Errorf("forget: %v\n%s%s", err, out, errOut)
	}
	if got, want := contents(t, db), fresh(); got != want {
		t.Errorf("after forget the database holds\n%s\na fresh ingest\n%s", got, want)
	}
	if out := ingestOK(); strings.Contains(out, "gone") {
		t.Errorf("a forgotten file is still named:\n%s", out)
	}
	if _, _, err := run(t, "forget", "--db", db, gone); err == nil {
		t.Error("forgetting a file twice is no error")
	}

	// The edited text back: --undo gives the label back.
	edit(t, filepath.Join(dir, "2020.txt"), "北极航线", "北极航道")
	ingestOK("can come back now")
	if out, _, err := run(t, "forget", "--db", db, "--undo"); err != nil || !strings.Contains(out, "gave back 1 decision") {
		t.Errorf("forget --undo: %v\n%s", err, out)
	}
	labels["北极航道"] = "transport"
	if got, want := contents(t, db), fresh(); got != want {
		t.Errorf("after --undo the database holds\n%s\na fresh ingest with the labels\n%s", got, want)
	}

	// --prune forgets what is gone, and keeps a renamed file's statements.
	writeFile(t, dir, "2022.txt", saved)
	ingestOK()
	os.Rename(filepath.Join(dir, "2022.txt"), filepath.Join(dir, "2022-renamed.txt"))
	if out, errOut, err := run(t, "ingest", "--db", db, "--prune", dir); err != nil || !strings.Contains(out, "forgot 1 file: removed 0 statements") {
		t.Errorf("ingest --prune: %v\n%s%s", err, out, errOut)
	}
	if got, want := contents(t, db), fresh(); got != want {
		t.Errorf("after a rename the database holds\n%s\na fresh ingest\n%s", got, want)
	}
}

// TestRelativePaths opens a database whose files an earlier version
// recorded by the relative paths they were given by: they are known
// unchanged, and recorded by their absolute paths from then on.
func TestRelativePaths(t *testing.T) {
	dir := folderOf(t)
	db := filepath.Join(t.TempDir(), "p.db")
	if _, errOut, err := run(t, "ingest", "--db", db, dir); err != nil {
		t.Fatal(err, errOut)
	}
	conn, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(`UPDATE sources SET path = substr(path, ?)`, len(filepath.Dir(dir))+2); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(filepath.Dir(dir))
	out, errOut, err := run(t, "ingest", "--db", db, filepath.Base(dir))
	if err != nil || !strings.Contains(out, "3 unchanged") || strings.Contains(errOut, "gone") {
		t.Errorf("ingest by a relative path: %v\n%s%s", err, out, errOut)
	}
	if src := checkSources(t, db); len(src) != 3 || !filepath.IsAbs(src[0]) {
		t.Errorf("sources %q, want three absolute paths", src)
	}
}

// TestThresholdKept sets the threshold, then ingests another file: its
// links are made at the threshold set, and pledge stats says it.
func TestThresholdKept(t *testing.T) {
	dir := folderOf(t)
	db := filepath.Join(t.TempDir(), "p.db")
	if _, errOut, err := run(t, "ingest", "--db", db, dir); err != nil {
		t.Fatal(err, errOut)
	}
	recurring := func() int {
		out, _, _ := run(t, "list", "--db", db, "--status", "recurring")
		return strings.Count(out, "\n")
	}
	if _, errOut, err := run(t, "relink", "--db", db, "--threshold", "0.99"); err != nil {
		t.Fatal(err, errOut)
	}
	high := recurring()
	if high >= 2 {
		t.Fatalf("%d recurring at 0.99: the test needs fewer", high)
	}
	other := t.TempDir()
	writeFile(t, other, "2024.txt", []byte(statement("二〇二四年五月十六日于北京", "双方将推动两国地方合作。")))
	if _, errOut, err := run(t, "ingest", "--db", db, other); err != nil {
		t.Fatal(err, errOut)
	}
	if got := recurring(); got != high {
		t.Errorf("%d recurring after an unrelated ingest, %d before: the threshold was not kept", got, high)
	}
	if out, _, err := run(t, "stats", "--db", db); err != nil || !strings.Contains(out, "chance of 0.99 or more (set with --threshold)") || !strings.Contains(out, "within the same parties") {
		t.Errorf("stats: %v\n%s", err, out)
	}
	if _, _, err := run(t, "relink", "--db", db, "--threshold", fmt.Sprint(track.DefaultThreshold())); err != nil {
		t.Fatal(err)
	}
	if got := recurring(); got <= high {
		t.Errorf("%d recurring at the default threshold, %d at 0.99", got, high)
	}
	if out, _, _ := run(t, "stats", "--db", db); !strings.Contains(out, "(the linker's own)") {
		t.Errorf("stats after the default threshold was given back:\n%s", out)
	}

	// Links of an older linker, with a threshold set for it: the first
	// command makes them again, and says so.
	conn, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(`INSERT OR REPLACE INTO settings (key, value) VALUES ('linker', 'tfidf-1'), ('link_threshold', '0.15')`); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	_, errOut, err := run(t, "tally", "--db", db)
	if err != nil || !strings.Contains(errOut, "another version of the linker") || !strings.Contains(errOut, "threshold set before") {
		t.Errorf("tally on links of an older linker: %v\n%s", err, errOut)
	}
	if out, _, _ := run(t, "stats", "--db", db); !strings.Contains(out, "(the linker's own)") {
		t.Errorf("stats after the linker changed:\n%s", out)
	}
}

// TestDecisionKeptAside links a commitment across parties by hand, then
// links within parties again: the decision is kept, said to be aside, and
// applies again across parties.
func TestDecisionKeptAside(t *testing.T) {
	dir := corpus(t)
	writeFile(t, dir, "2023.txt", []byte("中华人民共和国和哈萨克斯坦共和国（以下称“双方”），声明如下：\n双方将扩大本币在双边贸易结算中的使用规模。\n双方将加强渔业合作。\n二〇二三年三月三日\n"))
	db := filepath.Join(t.TempDir(), "p.db")
	run(t, "ingest", "--db", db, dir) // the corpus holds files it must refuse
	first := func(args ...string) string {
		t.Helper()
		out, _, _ := run(t, append([]string{"list", "--db", db}, args...)...)
		id, _, _ := strings.Cut(out, "\t")
		return id
	}
	fish, earlier := first("--search", "渔业"), first("--search", "口岸")
	for _, args := range [][]string{{"relink", "--across-parties"}, {"link", fish, "--to", earlier}, {"relink", "--within-parties"}} {
		if _, errOut, err := run(t, append(args, "--db", db)...); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errOut)
		}
	}
	if out, _, _ := run(t, "show", "--db", db, fish); !strings.Contains(out, "kept aside") || !strings.Contains(out, "linked by model") {
		t.Errorf("show of a decision linking within parties cannot apply:\n%s", out)
	}
	if out, _, _ := run(t, "stats", "--db", db); !strings.Contains(out, "1 kept aside") {
		t.Errorf("stats:\n%s", out)
	}
	run(t, "relink", "--db", db, "--across-parties")
	if out, _, _ := run(t, "show", "--db", db, fish); strings.Contains(out, "kept aside") || !strings.Contains(out, "linked by person") {
		t.Errorf("show across parties again:\n%s", out)
	}
}

// TestNoStatementFileOnce checks that a file of a folder that holds no
// statement (a commentary kept beside the statements) is reported on the
// run that first reads it, and skipped while unchanged on later runs,
// which then succeed; once it holds a statement, it is read again.
func TestNoStatementFileOnce(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", []byte("中华人民共和国和甲国（以下称“双方”），声明如下：\n双方将扩大农产品贸易。\n二〇二二年五月三日\n"))
	note := writeFile(t, dir, "note.txt", []byte("本报评论员 两国关系的发展前景广阔，值得期待。\n"))
	db := filepath.Join(t.TempDir(), "n.db")
	if _, errOut, err := run(t, "ingest", "--db", db, dir); err == nil || !strings.Contains(errOut, "no joint statement found") {
		t.Fatalf("first ingest: %v, %q; want the file without a statement reported", err, errOut)
	}
	out, errOut, err := run(t, "ingest", "--db", db, dir)
	if err != nil || strings.Contains(errOut, "no joint statement") || !strings.Contains(out, "1 holding no statement when read before, unchanged") {
		t.Errorf("second ingest: %v\n%s%s", err, out, errOut)
	}
	if err := os.WriteFile(note, []byte("中华人民共和国和乙国（以下称“双方”），声明如下：\n双方将加强渔业合作。\n二〇二三年五月三日\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errOut, err := run(t, "ingest", "--db", db, dir); err != nil || !strings.Contains(out, "1 statement stored") {
		t.Errorf("ingest after the file got a statement: %v\n%s%s", err, out, errOut)
	}
}
