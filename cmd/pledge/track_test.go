package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pledge/classify"
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
	out, errOut, err := run(t, "ingest", "--verbose", "--db", db, dir)
	if err == nil || err.Error() != "2 files ingested, 2 failed" {
		t.Errorf("ingest error = %v", err)
	}
	for _, want := range []string{
		"pledge: skipped " + filepath.Join(dir, "picture.png") + ": not a .txt, .html, .pdf or .docx file",
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
	out, _, _ = run(t, "ingest", "--verbose", "--db", db, filepath.Join(dir, "2019.txt"))
	if !strings.Contains(out, "unchanged since it was read") || !strings.Contains(out, "(1 unchanged, not read again)") ||
		!strings.Contains(out, "holds 2 statements") {
		t.Errorf("second ingest:\n%s", out)
	}
	// A copy under another name is the same statement, from another source.
	copied := writeFile(t, t.TempDir(), "copy.txt", []byte(statement("二〇一九年九月十二日", "双方将扩大本币在双边贸易结算中的使用。\n双方将加强口岸基础设施建设。")))
	out, _, _ = run(t, "ingest", "--verbose", "--db", db, copied)
	if !strings.Contains(out, "(a copy of a file read before)") || !strings.Contains(out, "already stored  2019-09-12") {
		t.Errorf("ingest of a copy:\n%s", out)
	}

	out, _, err = run(t, "tally", "--db", db, "--status")
	if err != nil || !strings.Contains(out, "2021") || !strings.Contains(out, "total") {
		t.Errorf("tally: %v\n%s", err, out)
	}
	out, _, err = run(t, "tally", "--db", db, "--csv")
	recs, cerr := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
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
	if err != nil || !strings.Contains(out, "recurs from:") || !strings.Contains(out, "本币在双边贸易结算中的使用") || !strings.Contains(out, "parties     中国, 俄罗斯") {
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
	if err != nil || len(recs) != 5 || strings.Join(recs[0], ",") != "id,statement,date,year,ordinal,section,domain,probability,label_source,status,first_year,previous_id,text,parties,link_source" {
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

// TestParties ingests statements of one state with two partners: the
// reporting commands keep one partner with --with, tally partners with
// --by-partner, and relink and common compare across partners.
func TestParties(t *testing.T) {
	dir := corpus(t)
	writeFile(t, dir, "2023.txt", []byte("中华人民共和国和哈萨克斯坦共和国（以下称“双方”），声明如下：\n双方将扩大本币在双边贸易结算中的使用规模。\n双方将加强渔业合作。\n二〇二三年三月三日\n"))
	db := filepath.Join(t.TempDir(), "p.db")
	run(t, "ingest", "--db", db, dir)
	check := func(want string, args ...string) string {
		t.Helper()
		out, _, err := run(t, append(args, "--db", db)...)
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("pledge %v: %v; output lacks %q:\n%s", args, err, want, out)
		}
		return out
	}
	lines := func(s string) int { return len(strings.Split(strings.TrimSpace(s), "\n")) }

	if out := check("双方将加强渔业合作", "list", "--with", "哈萨克斯坦"); lines(out) != 2 || strings.Contains(out, "recurring") {
		t.Errorf("list --with 哈萨克斯坦: want its two new commitments:\n%s", out)
	}
	if out := check("人工智能", "list", "--with", "俄罗斯联邦", "--with", "中华人民共和国"); lines(out) != 4 || strings.Contains(out, "渔业") {
		t.Errorf("list --with 俄罗斯联邦 --with 中华人民共和国: want the four commitments with Russia:\n%s", out)
	}
	if out := check("人工智能", "list", "--with", "俄"); lines(out) != 4 {
		t.Errorf("list --with 俄: want the four commitments with Russia:\n%s", out)
	}
	if out, _, _ := run(t, "list", "--db", db, "--with", "俄罗斯联邦", "--with", "哈萨克斯坦"); strings.TrimSpace(out) != "" {
		t.Errorf("no statement has both Russia and Kazakhstan, yet list printed:\n%s", out)
	}
	out := check("partner", "tally", "--by-partner", "--csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 3 || recs[1][0] != "俄罗斯" || recs[1][len(recs[1])-2] != "4" || recs[2][0] != "哈萨克斯坦" || recs[2][len(recs[2])-1] != "1" {
		t.Errorf("tally --by-partner --csv: %v\n%s", err, out)
	}
	check("俄罗斯", "tally", "--by-partner")
	out = check("total", "tally", "--with", "俄罗斯联邦", "--csv")
	if recs, _ := csv.NewReader(strings.NewReader(out)).ReadAll(); recs[len(recs)-1][len(recs[0])-2] != "4" {
		t.Errorf("tally --with 俄罗斯联邦 counts other than the four commitments with Russia:\n%s", out)
	}
	check("渔业", "new", "--with", "哈萨克斯坦")
	out = check("中国;哈萨克斯坦", "export", "--with", "哈萨克斯坦")
	if strings.Contains(out, "俄罗斯") || lines(out) != 3 {
		t.Errorf("export --with 哈萨克斯坦:\n%s", out)
	}

	check("中国 to 俄罗斯, 哈萨克斯坦", "common")
	check("Commitments made to 3 or more partners: 0", "common", "--min-partners", "3")
	check("linked across parties: 4 new, 2 recurring", "relink", "--across-parties")
	check("1/1", "tally", "--by-partner", "--status", "--with", "哈萨克斯坦")
	check("linked across parties", "relink")
	check("linked within the same parties: 5 new, 1 recurring", "relink", "--within-parties")
	for _, args := range [][]string{
		{"relink", "--across-parties", "--within-parties"},
		{"common", "--min-partners", "0"},
		{"tally", "--with", ""},
	} {
		if _, _, err := run(t, append(args, "--db", db)...); err == nil {
			t.Errorf("pledge %v accepted", args)
		}
	}
}

// TestSpreadsheetOutputs checks what an analyst opens in Excel: tally
// --csv, by year and by partner, with a byte-order mark, CRLF and one
// number a cell, and export to a workbook, chosen by -o's extension or
// --format, never to a terminal.
func TestSpreadsheetOutputs(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	run(t, "ingest", "--db", db, corpus(t))
	tests := []struct {
		args   []string
		header string
		row    string
	}{
		// Every domain of the model is a column, counted or not.
		{[]string{"tally", "--csv"}, "year,politics,security,economy,energy,finance,technology,transport,environment,culture,multilateral,total,statements\r\n", "total,0,0,0,0,2,1,1,0,0,0,4,2,"},
		{[]string{"tally", "--csv", "--status"}, "year,politics_new,politics_recurring,security_new,", "total,0,0,0,0,0,0,0,0,1,1,1,0,"},
		{[]string{"tally", "--csv", "--status", "--by-partner"}, "partner,politics_new,politics_recurring,", "俄罗斯,0,0,0,0,0,0,0,0,1,1,1,0,"},
	}
	for _, tt := range tests {
		out, _, err := run(t, append(tt.args, "--db", db)...)
		if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if !strings.HasPrefix(out, "\ufeff"+tt.header) || !strings.HasSuffix(out, "\r\n") || strings.Count(out, "\n") != strings.Count(out, "\r\n") {
			t.Errorf("pledge %v: want a byte-order mark, the header %q and CRLF line ends:\n%q", tt.args, tt.header, out)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		found := tt.row == ""
		for _, r := range recs[1:] {
			found = found || strings.HasPrefix(strings.Join(r, ",")+",", tt.row)
			for _, c := range r[1:] {
				if _, err := strconv.Atoi(c); err != nil {
					t.Errorf("pledge %v: cell %q is not a number: %q", tt.args, c, r)
				}
			}
		}
		if !found {
			t.Errorf("pledge %v: no row %q:\n%s", tt.args, tt.row, out)
		}
	}
	if out, _, err := run(t, "tally", "--csv", "--no-bom", "--db", db); err != nil || !strings.HasPrefix(out, "year,") {
		t.Errorf("tally --csv --no-bom: %v %q", err, out)
	}

	dir := t.TempDir()
	for _, args := range [][]string{{"-o", filepath.Join(dir, "a.xlsx")}, {"--format", "xlsx", "-o", filepath.Join(dir, "b.data")}} {
		if _, _, err := run(t, append([]string{"export", "--db", db}, args...)...); err != nil {
			t.Fatalf("export %v: %v", args, err)
		}
		f, err := excelize.OpenFile(args[len(args)-1])
		if err != nil {
			t.Fatalf("export %v: %v", args, err)
		}
		rows, err := f.GetRows("Commitments")
		f.Close()
		if err != nil || len(rows) != 5 || rows[0][0] != "id" {
			t.Errorf("export %v: the workbook's commitments: %v %q", args, err, rows)
		}
	}
	if _, _, err := run(t, "export", "--db", db, "--format", "xlsx"); err == nil || !strings.Contains(err.Error(), "give -o FILE.xlsx") {
		t.Errorf("export --format xlsx to standard output: %v", err)
	}
}

// TestIngestQuiet ingests a folder as analysts keep one, with a README, a
// picture, a database and a hidden file beside the statements: a run says
// nothing of them but their number, the first time and every time after,
// and names them with --verbose.
func TestIngestQuiet(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "2019.txt", []byte(statement("二〇一九年九月十二日", "双方将扩大本币在双边贸易结算中的使用。")))
	others := []string{"README.md", "map.png", "old.db", ".DS_Store"}
	for _, name := range others {
		writeFile(t, dir, name, []byte("not a statement"))
	}
	db := filepath.Join(t.TempDir(), "p.db")
	for run_ := range 2 {
		out, errOut, err := run(t, "ingest", "--db", db, dir)
		if err != nil || errOut != "" || !strings.Contains(out, "1 file ingested") || !strings.Contains(out, ", 0 failed, 4 other files skipped (--verbose names them); ") {
			t.Errorf("run %d: %v\nstdout: %s\nstderr: %s", run_+1, err, out, errOut)
		}
	}
	out, errOut, err := run(t, "ingest", "--verbose", "--db", db, dir)
	if err != nil || !strings.Contains(out, ", 0 failed, 4 other files skipped; ") {
		t.Errorf("--verbose: %v\n%s", err, out)
	}
	for _, name := range others {
		if !strings.Contains(errOut, "pledge: skipped "+filepath.Join(dir, name)+": ") {
			t.Errorf("--verbose does not name %s:\n%s", name, errOut)
		}
	}
}

// TestWithStartOfName selects by a party the table lacks given by the
// start of its name or in traditional script, as a user types it.
func TestWithStartOfName(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "2022.txt", []byte("中华人民共和国和云岚王国（以下称“双方”），声明如下：\n双方将扩大农产品贸易。\n二〇二二年五月三日\n"))
	writeFile(t, dir, "2023.txt", []byte("中华人民共和国和云海国（以下称“双方”），声明如下：\n双方将加强渔业合作。\n二〇二三年五月三日\n"))
	db := filepath.Join(t.TempDir(), "w.db")
	if _, errOut, err := run(t, "ingest", "--db", db, dir); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	for _, name := range []string{"云岚王国", "云岚", "雲嵐王國"} {
		out, errOut, err := run(t, "list", "--db", db, "--with", name)
		if err != nil || !strings.Contains(out, "农产品贸易") || strings.Contains(out, "渔业") {
			t.Errorf("list --with %s: %v\n%s%s", name, err, out, errOut)
		}
	}
	if _, _, err := run(t, "list", "--db", db, "--with", "云"); err == nil || !strings.Contains(err.Error(), "more than one party") {
		t.Errorf("list --with 云: %v; want it to name both parties that start so", err)
	}
}

// TestIngestSaysDateFromName checks that ingest --verbose says when a
// statement's year came from the file's name.
func TestIngestSaysDateFromName(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "2024-05-03_news.txt", []byte("新华社北京5月3日电 5月3日，中国外交部长同甲国外交部长在北京举行会谈。\n会谈后，双方发表联合新闻公报。公报主要内容如下：\n一、双方同意保持高层交往。\n二、甲方愿扩大自华进口。\n"))
	out, errOut, err := run(t, "ingest", "--verbose", "--db", filepath.Join(t.TempDir(), "d.db"), f)
	if err != nil || !strings.Contains(out, "2024-05-03") || !strings.Contains(out, "dated by the dateline, with the year from the file name") {
		t.Errorf("ingest --verbose: %v\n%s%s", err, out, errOut)
	}
}

// TestTallyColumnsEveryDomain checks that a tally has a column for every
// domain of the model, counted or not, so that tallies of two databases
// line up when pasted side by side.
func TestTallyColumnsEveryDomain(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "2022.txt", []byte("中华人民共和国和云岚王国（以下称“双方”），声明如下：\n双方将扩大农产品贸易。\n二〇二二年五月三日\n"))
	db := filepath.Join(t.TempDir(), "c.db")
	if _, errOut, err := run(t, "ingest", "--db", db, dir); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	for _, args := range [][]string{{"tally", "--csv"}, {"tally", "--by-partner", "--csv"}} {
		out, _, err := run(t, append(args, "--db", db)...)
		if err != nil {
			t.Fatal(err)
		}
		header, _, _ := strings.Cut(out, "\n")
		for _, d := range classify.Domains() {
			if !strings.Contains(header, d.ID) {
				t.Errorf("pledge %v: no column of %s: %s", args, d.ID, header)
			}
		}
	}
}
