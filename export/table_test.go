package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pledge/figures"
)

// tally is a tally with the counts that broke in a spreadsheet: 2 new and
// 9 recurring, written 2/9, which Excel reads as the 9th of February.
func tally() *figures.Tally {
	return figures.NewTally([]figures.Count[int]{
		{Row: 2019, Domain: "politics", N: 17},
		{Row: 2021, Domain: "politics", N: 2},
		{Row: 2021, Domain: "politics", Recurring: true, N: 9},
		{Row: 2021, Domain: "culture", N: 1},
		{Row: 2021, Domain: "culture", Recurring: true, N: 11},
		{Row: 0, Domain: "culture", N: 3},
	}, map[int]int{2019: 2, 2021: 1, 0: 1})
}

func partnerTally() *figures.PartnerTally {
	return figures.NewPartnerTally("中国", []figures.Count[string]{
		{Row: "俄罗斯", Domain: "politics", N: 2},
		{Row: "俄罗斯", Domain: "politics", Recurring: true, N: 9},
		{Row: "哈萨克斯坦", Domain: "culture", N: 1},
	}, map[string]int{"俄罗斯": 3, "哈萨克斯坦": 1})
}

func TestTallyTable(t *testing.T) {
	tests := []struct {
		name  string
		table Table
		want  Table
	}{
		{"years", TallyTable(tally(), false), Table{
			Header: []string{"year", "politics", "culture", "total", "statements"},
			Rows: [][]any{
				{2019, 17, 0, 17, 2},
				{2021, 11, 12, 23, 1},
				{NoDate, 0, 3, 3, 1},
				{TotalRow, 28, 15, 43, 4},
			},
		}},
		{"years, new and recurring", TallyTable(tally(), true), Table{
			Header: []string{"year", "politics_new", "politics_recurring", "culture_new", "culture_recurring", "total_new", "total_recurring", "total", "statements"},
			Rows: [][]any{
				{2019, 17, 0, 0, 0, 17, 0, 17, 2},
				{2021, 2, 9, 1, 11, 3, 20, 23, 1},
				{NoDate, 0, 0, 3, 0, 3, 0, 3, 1},
				{TotalRow, 19, 9, 4, 11, 23, 20, 43, 4},
			},
		}},
		{"partners", PartnerTable(partnerTally(), false), Table{
			Header: []string{"partner", "politics", "culture", "total", "statements"},
			Rows: [][]any{
				{"俄罗斯", 11, 0, 11, 3},
				{"哈萨克斯坦", 0, 1, 1, 1},
			},
		}},
		{"partners, new and recurring", PartnerTable(partnerTally(), true), Table{
			Header: []string{"partner", "politics_new", "politics_recurring", "culture_new", "culture_recurring", "total_new", "total_recurring", "total", "statements"},
			Rows: [][]any{
				{"俄罗斯", 2, 9, 0, 0, 2, 9, 11, 3},
				{"哈萨克斯坦", 0, 0, 1, 0, 1, 0, 1, 1},
			},
		}},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.table, tt.want) {
			t.Errorf("%s:\n%v\nwant\n%v", tt.name, tt.table, tt.want)
		}
	}
}

// readCSV reads CSV as encoding/csv does, after the byte-order mark.
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// pythonCSV reads the CSV file path with Python's csv module as a
// spreadsheet's user would (encoding utf-8-sig: the byte-order mark is
// not part of the first name), or skips.
func pythonCSV(t *testing.T, path string) [][]string {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 to read the CSV with its csv module")
	}
	out, err := exec.Command(python, "-c", `import csv, json, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    print(json.dumps(list(csv.reader(f))))`, path).Output()
	if err != nil {
		t.Fatalf("python csv: %v", err)
	}
	var rows [][]string
	if err := json.Unmarshal(out, &rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

// checkRFC4180 checks that a CSV file starts with a byte-order mark and
// ends every record with CRLF: no carriage return but before a line feed,
// and no line feed outside quotes but after one.
func checkRFC4180(t *testing.T, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Errorf("no byte-order mark: %q", b[:min(len(b), 20)])
	}
	quoted := false
	for i, c := range b {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\r' && (i+1 == len(b) || b[i+1] != '\n'):
			t.Fatalf("a carriage return alone at byte %d", i)
		case c == '\n' && !quoted && (i == 0 || b[i-1] != '\r'):
			t.Fatalf("a record ended by a line feed alone at byte %d: %q", i, b[max(0, i-20):i+1])
		}
	}
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Error("the last record is not ended by CRLF")
	}
}

// TestTallyCSV writes the tallies as CSV and reads them back with Go's
// and Python's csv: one number a cell, a byte-order mark, CRLF.
func TestTallyCSV(t *testing.T) {
	for _, table := range []Table{TallyTable(tally(), true), PartnerTable(partnerTally(), true), TallyTable(tally(), false)} {
		var b bytes.Buffer
		if err := WriteCSV(&b, table, false); err != nil {
			t.Fatal(err)
		}
		checkRFC4180(t, b.Bytes())
		want := [][]string{table.Header}
		for _, r := range table.Rows {
			var row []string
			for _, v := range r {
				row = append(row, fmt.Sprint(v))
			}
			want = append(want, row)
		}
		if got := readCSV(t, b.Bytes()); !reflect.DeepEqual(got, want) {
			t.Errorf("encoding/csv reads\n%q\nwant\n%q", got, want)
		}
		path := filepath.Join(t.TempDir(), "tally.csv")
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := pythonCSV(t, path); !reflect.DeepEqual(got, want) {
			t.Errorf("Python's csv reads\n%q\nwant\n%q", got, want)
		}
		var noBOM bytes.Buffer
		if err := WriteCSV(&noBOM, table, true); err != nil || !bytes.Equal(noBOM.Bytes(), bytes.TrimPrefix(b.Bytes(), []byte("\ufeff"))) {
			t.Errorf("without the byte-order mark: %q (%v)", noBOM.Bytes(), err)
		}
	}
}

// excelImport is LibreOffice's CSV import set as Excel opens a CSV file
// on an English system: commas, UTF-8 (which Excel takes from the
// byte-order mark), US English, and "detect special numbers" on, so that
// 2/9 becomes a date.
const excelImport = "CSV:44,34,UTF8,1,,1033,false,true,false,false,false"

// TestTallyCSVInSpreadsheet opens the tally's CSV in LibreOffice as Excel
// opens it, converts it to a workbook and reads that with excelize: every
// count must be the number written, shown as it was written, and the
// partners' names whole. The new/recurring cells pledge wrote before, read
// the same way, become dates: the check would have caught them.
func TestTallyCSVInSpreadsheet(t *testing.T) {
	soffice(t)
	dir := t.TempDir()
	read := func(name string, csvData []byte) [][]sheetCell {
		t.Helper()
		path := filepath.Join(dir, name+".csv")
		if err := os.WriteFile(path, csvData, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(convert(t, path, "xlsx", excelImport))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sheet := f.GetSheetName(0)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var out [][]sheetCell
		for i, r := range rows {
			var cells []sheetCell
			for k := range r {
				cells = append(cells, readCell(t, f, sheet, ref(k+1, i+1)))
			}
			out = append(out, cells)
		}
		return out
	}
	for _, tt := range []struct {
		name  string
		table Table
	}{{"years", TallyTable(tally(), true)}, {"partners", PartnerTable(partnerTally(), true)}} {
		var b bytes.Buffer
		if err := WriteCSV(&b, tt.table, false); err != nil {
			t.Fatal(err)
		}
		cells := read(tt.name, b.Bytes())
		if len(cells) != len(tt.table.Rows)+1 {
			t.Fatalf("%s: %d rows in the spreadsheet, want %d", tt.name, len(cells), len(tt.table.Rows)+1)
		}
		for i, r := range tt.table.Rows {
			for k, v := range r {
				got := cells[i+1][k]
				switch v := v.(type) {
				case int:
					if !got.number() || got.raw != strconv.Itoa(v) || got.formatted != strconv.Itoa(v) {
						t.Errorf("%s %s: the spreadsheet holds %+v, want the number %d", tt.name, ref(k+1, i+2), got, v)
					}
				case string:
					if got.formatted != v {
						t.Errorf("%s %s: the spreadsheet holds %+v, want %q", tt.name, ref(k+1, i+2), got, v)
					}
				}
			}
		}
	}
	// The control: "2/9" in a cell, as pledge tally --status --csv wrote
	// it before, is a date to the spreadsheet.
	old := read("old", []byte("\ufeffyear,politics\r\n2021,2/9\r\n"))
	if got := old[1][1]; got.formatted == "2/9" {
		t.Errorf("2/9 reads as %+v: the import is not set as Excel's, and the check above proves nothing", got)
	}
}

// TestCSVQuoting checks the CSV writer's quoting against encoding/csv's
// reader, field by field.
func TestCSVQuoting(t *testing.T) {
	fields := []string{"", "plain", "a,b", `say "hi"`, "two\nlines", "cr\r\nlf", " lead", "\ttab", "trail ", "中文", "'quoted'"}
	var b bytes.Buffer
	cw := newCSV(&b, true)
	cw.write(fields)
	cw.write([]string{"x"})
	if err := cw.flush(); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(b.String()))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := append([]string(nil), fields...)
	want[5] = "cr\nlf" // encoding/csv reads a quoted CRLF as \n, by design
	if !reflect.DeepEqual(recs, [][]string{want, {"x"}}) {
		t.Errorf("read back %q", recs)
	}
}
