package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpus writes a folder of statements written for these tests, two years
// apart, with files ingest must refuse or skip.
func corpus(t *testing.T) string {
	dir := t.TempDir()
	writeFile(t, dir, "2019.txt", []byte(statement("二〇一九年九月十二日", "双方将扩大本币在双边贸易结算中的使用。\n双方将加强口岸基础设施建设。")))
	writeFile(t, dir, "2021.html", []byte("<html><body><p>"+strings.ReplaceAll(statement("二〇二一年五月二十日",
		"双方将扩大本币结算规模。\n双方将在人工智能领域开展对话与合作。"), "\n", "</p><p>")+"</p></body></html>"))
	writeFile(t, dir, "picture.png", []byte("\x89PNG\r\n\x1a\n"))
	writeFile(t, dir, "scan.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00"))
	writeFile(t, dir, "notes.txt", []byte("今天天气很好。\n"))
	return dir
}

func TestIngestAndReport(t *testing.T) {
	dir := corpus(t)
	db := filepath.Join(t.TempDir(), "p.db")
	out, errOut, err := run(t, "ingest", "--db", db, dir)
	if err == nil || err.Error() != "2 files ingested, 2 failed" {
		t.Errorf("ingest error = %v", err)
	}
	for _, want := range []string{
		"pledge: skipped " + filepath.Join(dir, "picture.png") + ": not a .txt or .html file",
		"pledge: ingest " + filepath.Join(dir, "scan.txt") + ": not a text file (binary data)",
		"pledge: ingest " + filepath.Join(dir, "notes.txt") + ": no joint statement found",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "stored  2019-09-12") || !strings.Contains(out, "stored  2021-05-20") ||
		!strings.Contains(out, "holds 2 statements and 4 commitments") {
		t.Errorf("ingest output:\n%s", out)
	}
	// Again: nothing new.
	out, _, _ = run(t, "ingest", "--db", db, filepath.Join(dir, "2019.txt"))
	if !strings.Contains(out, "already stored  2019-09-12") || !strings.Contains(out, "holds 2 statements") {
		t.Errorf("second ingest:\n%s", out)
	}

	out, _, err = run(t, "tally", "--db", db, "--status")
	if err != nil || !strings.Contains(out, "2021") || !strings.Contains(out, "total") {
		t.Errorf("tally: %v\n%s", err, out)
	}
	out, _, err = run(t, "tally", "--db", db, "--csv")
	recs, cerr := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || cerr != nil || recs[0][0] != "year" || recs[len(recs)-1][0] != "total" || recs[len(recs)-1][len(recs[0])-2] != "4" {
		t.Errorf("tally --csv: %v %v\n%s", err, cerr, out)
	}
	out, _, err = run(t, "new", "--db", db)
	if err != nil || !strings.Contains(out, "New policy areas in 2021") || !strings.Contains(out, "人工智能") {
		t.Errorf("new: %v\n%s", err, out)
	}
	out, _, err = run(t, "list", "--db", db, "--status", "recurring")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if err != nil || len(lines) != 1 || !strings.Contains(lines[0], "本币结算规模") {
		t.Fatalf("list --status recurring: %v\n%s", err, out)
	}
	id := strings.Split(lines[0], "\t")[0]
	out, _, err = run(t, "show", "--db", db, id)
	if err != nil || !strings.Contains(out, "recurs from:") || !strings.Contains(out, "本币在双边贸易结算中的使用") {
		t.Errorf("show %s: %v\n%s", id, err, out)
	}
	if _, _, err := run(t, "label", "--db", db, id, "energy"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, "reclassify", "--db", db); err != nil {
		t.Fatal(err)
	}
	csvPath := filepath.Join(t.TempDir(), "out.csv")
	if _, _, err := run(t, "export", "--db", db, "-o", csvPath); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(csvPath)
	recs, err = csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil || len(recs) != 5 || strings.Join(recs[0], ",") != "id,statement,date,year,ordinal,section,domain,probability,label_source,status,first_year,previous_id,text" {
		t.Fatalf("export: %v %q", err, recs)
	}
	for _, r := range recs[1:] {
		if r[0] == id && (r[6] != "energy" || r[8] != "person") {
			t.Errorf("a person's label did not survive reclassify: %q", r)
		}
	}
	html := filepath.Join(t.TempDir(), "r.html")
	if out, _, err := run(t, "report", "--db", db, "-o", html); err != nil || !strings.Contains(out, "wrote "+html) {
		t.Errorf("report: %v\n%s", err, out)
	}
	if b, _ := os.ReadFile(html); !strings.Contains(string(b), `<svg class="chart"`) {
		t.Error("the report has no chart")
	}
	model := filepath.Join(t.TempDir(), "m.json")
	out, _, err = run(t, "train", "--db", db, "--from-db", "-o", model)
	if err != nil || !strings.Contains(out, "adding 1 commitment labelled in") {
		t.Errorf("train --from-db: %v\n%s", err, out)
	}
}

func TestReportErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.db")
	for _, args := range [][]string{
		{"tally", "--db", missing},
		{"show", "--db", missing, "1"},
	} {
		_, _, err := run(t, args...)
		if err == nil || !strings.Contains(err.Error(), "pledge ingest makes one") {
			t.Errorf("pledge %v: %v", args, err)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a report made an empty database")
	}
	for _, args := range [][]string{{"show", "x"}, {"list", "--status", "old"}, {"export", "--format", "xml"}, {"label", "1"}} {
		if _, _, err := run(t, args...); err == nil {
			t.Errorf("pledge %v accepted", args)
		}
	}
}
