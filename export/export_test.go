package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"pledge/extract"
	"pledge/label"
	"pledge/track"
)

// tricky holds the values a CSV writer gets wrong: commas, quotes, line
// breaks, a leading space and a byte-order mark look-alike. (A carriage
// return before a line break is left out: encoding/csv drops it on reading
// by design, and pledge never stores one.)
var tricky = []string{"含,逗号", `含"引号"`, "含\n换行", `含"引,号"` + "\n和换行", " 前导空格", "\ufeff开头", "普通"}

func trickyStore(t *testing.T) *track.Store {
	t.Helper()
	ctx := context.Background()
	s, err := track.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	model, err := s.RegisterModel(ctx, track.Model{Hash: "test", Variant: "multinomial", Labels: []string{"economy"}, TrainingSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range tricky {
		st := extract.Statement{Title: "标题" + v, Date: extract.Date{Year: 2020 + i, Month: 1, Day: 2}, Fingerprint: strings.Repeat(string(rune('a'+i)), 32)}
		cs := []label.Commitment{{Commitment: extract.Commitment{Ordinal: 1, Section: v, Text: "双方将" + v}, Sentences: [][]string{{"合作"}}, Domain: "economy", Probability: 0.5}}
		if _, _, err := s.AddStatement(ctx, st, track.Source{Path: "file" + v}, cs, model); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Relink(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestExportCSVRoundTrip reads the CSV export back with encoding/csv and,
// where Python is installed, with its csv module: every field must come
// back as it went in.
func TestExportCSVRoundTrip(t *testing.T) {
	s := trickyStore(t)
	var b bytes.Buffer
	if err := Write(context.Background(), &b, s, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\ufeffid,statement,date,year,ordinal,section,domain,probability,label_source,status,first_year,previous_id,text,parties,link_source\r\n")) {
		t.Fatalf("header: %q", strings.SplitN(b.String(), "\n", 2)[0])
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	check := func(who string, recs [][]string) {
		t.Helper()
		if len(recs) != len(tricky)+1 {
			t.Fatalf("%s: %d records, want %d", who, len(recs), len(tricky)+1)
		}
		for i, v := range tricky {
			r := recs[i+1]
			if r[1] != "标题"+v || r[5] != v || r[12] != "双方将"+v {
				t.Errorf("%s: record %d = %q, want %q in statement, section and text", who, i+1, r, v)
			}
		}
	}
	check("encoding/csv", recs)
	checkRFC4180(t, b.Bytes())

	python, err := exec.LookPath("python3")
	if err != nil {
		t.Log("python3 not found: the Python half of the check is skipped")
		return
	}
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", `import csv, json, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    print(json.dumps(list(csv.reader(f))))`, path).Output()
	if err != nil {
		t.Fatalf("python csv: %v", err)
	}
	var py [][]string
	if err := json.Unmarshal(out, &py); err != nil {
		t.Fatal(err)
	}
	check("python csv", py)
	if !reflect.DeepEqual(py, recs) {
		t.Error("Python and Go read the CSV differently")
	}
}

func TestExportJSON(t *testing.T) {
	s := trickyStore(t)
	var b bytes.Buffer
	if err := Write(context.Background(), &b, s, Options{Format: JSON}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != len(tricky) {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		if len(m) != len(Columns()) || m["text"] != "双方将"+tricky[i] || m["section"] != tricky[i] {
			t.Errorf("line %d: %v", i, m)
		}
	}
	if err := Write(context.Background(), &b, s, Options{Format: "xml"}); err == nil {
		t.Error("an unknown format is accepted")
	}
}
