package export

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pledge/extract"
	"pledge/label"
	"pledge/track"
)

// analystStore is a small database of the kind an analyst has: China's
// statements with Russia in 2019 and 2021 and with Kazakhstan in 2022,
// one undated, a commitment recurring, a new area, a text that starts
// like a formula and a label a person gave.
func analystStore(t *testing.T) *track.Store {
	t.Helper()
	ctx := context.Background()
	s, err := track.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	model, err := s.RegisterModel(ctx, track.Model{Hash: "0123456789abcdef", Variant: "complement", Labels: []string{"culture", "energy", "finance", "technology"}, TrainingSize: 40})
	if err != nil {
		t.Fatal(err)
	}
	type commitment struct {
		text, domain string
		prob         float64
		words        string
		terms        string
	}
	for i, st := range []struct {
		date    extract.Date
		title   string
		parties []string
		cs      []commitment
	}{
		{extract.Date{Year: 2019, Month: 6, Day: 5}, "中华人民共和国和俄罗斯联邦关于发展新时代全面战略协作伙伴关系的联合声明", []string{"中国", "俄罗斯"}, []commitment{
			{"双方将扩大本币结算。", "finance", 0.91, "扩大 本币 结算", "本币"},
			{"双方将加强能源合作。", "energy", 0.55, "加强 能源", "能源"},
		}},
		{extract.Date{Year: 2021, Month: 6, Day: 28}, "中华人民共和国和俄罗斯联邦联合声明", []string{"中国", "俄罗斯"}, []commitment{
			{"双方将扩大本币结算规模。", "finance", 0.87, "扩大 本币 结算 规模", "本币"},
			{"=1+1 双方将推动人工智能合作，" + strings.Repeat("加强数字经济、信息通信和科技创新领域的交流，", 4) + "。", "technology", 0.42, "推动 人工智能", "人工智能"},
		}},
		{extract.Date{Year: 2022, Month: 3, Day: 1}, "中华人民共和国和哈萨克斯坦共和国联合声明", []string{"中国", "哈萨克斯坦"}, []commitment{
			{"双方将扩大本币结算。", "finance", 0.95, "扩大 本币 结算", "本币"},
		}},
		{extract.Date{}, "中华人民共和国和俄罗斯联邦联合公报", []string{"中国", "俄罗斯"}, []commitment{
			{"双方将深化人文交流。", "culture", 0.66, "深化 人文 交流", "人文"},
		}},
	} {
		var cs []label.Commitment
		for k, c := range st.cs {
			cs = append(cs, label.Commitment{Commitment: extract.Commitment{Ordinal: k + 1, Section: "一", Text: c.text},
				Sentences: [][]string{strings.Fields(c.words)}, Domain: c.domain, Probability: c.prob, Terms: strings.Fields(c.terms)})
		}
		es := extract.Statement{Title: st.title, Date: st.date, Parties: st.parties, Fingerprint: fmt.Sprintf("%032d", i)}
		if _, _, err := s.AddStatement(ctx, es, track.Source{Path: fmt.Sprint(i)}, cs, model); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Relink(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// commitmentID is the id of the commitment with the text.
func commitmentID(t *testing.T, s *track.Store, text string) int64 {
	t.Helper()
	cs, err := s.Commitments(context.Background(), track.Filter{Search: text})
	if err != nil || len(cs) != 1 {
		t.Fatalf("commitment %q: %v, %v", text, cs, err)
	}
	return cs[0].ID
}

// workbook exports s as a workbook and opens it with excelize.
func workbook(t *testing.T, s *track.Store, now time.Time) (*excelize.File, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := Write(context.Background(), &b, s, Options{Format: XLSX, Now: now, Version: "pledge test"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, b.Bytes()
}

// TestWorkbookCommitments reads the Commitments sheet back cell by cell:
// numbers are numbers, dates dates, texts texts (a formula-like one
// as it is, never a formula), the header frozen with filters on, the
// columns as wide as set and the text wrapped.
func TestWorkbookCommitments(t *testing.T) {
	s := analystStore(t)
	f, _ := workbook(t, s, time.Date(2025, 3, 4, 10, 30, 0, 0, time.UTC))
	if got := f.GetSheetList(); !slices.Equal(got, Sheets()) {
		t.Fatalf("sheets %q, want %q", got, Sheets())
	}
	cols := Columns()
	for i, c := range cols {
		if got := readCell(t, f, SheetCommitments, ref(i+1, 1)); got.raw != c.Name {
			t.Errorf("header %s = %q, want %q", ref(i+1, 1), got.raw, c.Name)
		}
	}
	all, err := s.Commitments(context.Background(), track.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(SheetCommitments)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(all)+1 {
		t.Fatalf("%d rows, want a header and %d commitments", len(rows), len(all))
	}
	col := func(name string) int {
		return slices.IndexFunc(cols, func(c Column) bool { return c.Name == name }) + 1
	}
	for k, c := range all {
		r := k + 2
		get := func(name string) sheetCell { return readCell(t, f, SheetCommitments, ref(col(name), r)) }
		number := func(name, want string) {
			t.Helper()
			if got := get(name); !got.number() || got.raw != want {
				t.Errorf("commitment %d: %s = %+v, want the number %s", c.ID, name, got, want)
			}
		}
		text := func(name, want string) {
			t.Helper()
			if got := get(name); got.typ != excelize.CellTypeSharedString && got.typ != excelize.CellTypeInlineString || got.raw != want {
				t.Errorf("commitment %d: %s = %+v, want the text %q", c.ID, name, got, want)
			}
		}
		number("id", strconv.FormatInt(c.ID, 10))
		number("ordinal", strconv.Itoa(c.Ordinal))
		number("probability", strconv.FormatFloat(c.Probability, 'f', -1, 64))
		text("statement", c.Statement)
		text("text", c.Text)
		text("domain", c.Domain)
		text("status", c.Status)
		text("parties", strings.Join(c.Parties, ";"))
		if formula, err := f.GetCellFormula(SheetCommitments, ref(col("text"), r)); err != nil || formula != "" {
			t.Errorf("commitment %d: its text is a formula %q (%v)", c.ID, formula, err)
		}
		if c.Date == "" {
			if got := get("date"); got.raw != "" || get("year").raw != "" {
				t.Errorf("undated commitment %d: date %+v, year %+v, want empty cells", c.ID, got, get("year"))
			}
			continue
		}
		d, _ := time.Parse(time.DateOnly, c.Date)
		// Excel counts days from 1899-12-30 (its 1900 date system).
		serial := d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
		if got := get("date"); !got.number() || got.raw != strconv.FormatFloat(serial, 'f', -1, 64) || got.formatted != c.Date {
			t.Errorf("commitment %d: date %+v, want the date %s (serial %g) shown as %s", c.ID, got, c.Date, serial, c.Date)
		}
		number("year", strconv.Itoa(c.Year))
		if c.Status == "recurring" {
			number("previous_id", strconv.FormatInt(c.Previous, 10))
			number("first_year", strconv.Itoa(c.FirstYear))
		} else if got := get("previous_id"); got.raw != "" {
			t.Errorf("new commitment %d: previous_id %+v, want it empty", c.ID, got)
		}
	}
	formulaLike := commitmentID(t, s, "=1+1")
	if c := all[slices.IndexFunc(all, func(c track.Commitment) bool { return c.ID == formulaLike })]; !strings.HasPrefix(c.Text, "=1+1") {
		t.Fatalf("fixture: %q", c.Text)
	}

	panes, err := f.GetPanes(SheetCommitments)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v (%v), want the header row frozen", panes, err)
	}
	filter := false
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" && d.Scope == SheetCommitments {
			filter = d.RefersTo == fmt.Sprintf("'%s'!$A$1:$%s$%d", SheetCommitments, columnName(len(cols)), len(all)+1)
		}
	}
	if !filter {
		t.Errorf("no filter over the commitments: %+v", f.GetDefinedName())
	}
	if w, err := f.GetColWidth(SheetCommitments, columnName(col("text"))); err != nil || w != textWidth {
		t.Errorf("the text column is %g wide (%v), want %d", w, err, textWidth)
	}
	style, err := f.GetCellStyle(SheetCommitments, ref(col("text"), 2))
	if err != nil {
		t.Fatal(err)
	}
	if st, err := f.GetStyle(style); err != nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("the text is not wrapped: %+v (%v)", st, err)
	}
	long := slices.IndexFunc(all, func(c track.Commitment) bool { return c.ID == formulaLike }) + 2
	if h, err := f.GetRowHeight(SheetCommitments, long); err != nil || h < 30 {
		t.Errorf("the row of a long commitment is %g points high (%v), want two lines or more", h, err)
	}
}

func columnName(n int) string {
	name, err := excelize.ColumnNumberToName(n)
	if err != nil {
		panic(err)
	}
	return name
}

// TestWorkbookFigures reads back the Tally and Partners sheets, which
// must hold the figures of TallyTable and PartnerTable as numbers, the
// new areas with their commitments, and the About sheet.
func TestWorkbookFigures(t *testing.T) {
	s := analystStore(t)
	ctx := context.Background()
	now := time.Date(2025, 3, 4, 10, 30, 0, 0, time.UTC)
	f, _ := workbook(t, s, now)
	tally, err := s.Tally(ctx)
	if err != nil {
		t.Fatal(err)
	}
	partners, err := s.PartnerTally(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		sheet string
		table Table
	}{{SheetTally, TallyTable(tally, true)}, {SheetPartners, PartnerTable(partners, true)}} {
		for i, h := range tt.table.Header {
			if got := readCell(t, f, tt.sheet, ref(i+1, 1)); got.raw != h {
				t.Errorf("%s: header %d = %q, want %q", tt.sheet, i+1, got.raw, h)
			}
		}
		for k, row := range tt.table.Rows {
			for i, v := range row {
				got := readCell(t, f, tt.sheet, ref(i+1, k+2))
				want := fmt.Sprint(v)
				if _, isNumber := v.(int); isNumber && !got.number() || got.raw != want || got.formatted != want {
					t.Errorf("%s %s = %+v, want %v", tt.sheet, ref(i+1, k+2), got, v)
				}
			}
		}
		if rows, _ := f.GetRows(tt.sheet); len(rows) != len(tt.table.Rows)+1 {
			t.Errorf("%s: %d rows, want %d", tt.sheet, len(rows), len(tt.table.Rows)+1)
		}
	}
	// In 2021, 扩大本币结算规模 recurs from 2019 and the 人工智能 item is new.
	tb := TallyTable(tally, true)
	row := tb.Rows[slices.IndexFunc(tb.Rows, func(r []any) bool { return r[0] == 2021 })]
	if got := row[slices.Index(tb.Header, "finance_recurring")]; got != 1 {
		t.Errorf("2021 finance_recurring = %v, want 1: %v", got, row)
	}
	if got := row[slices.Index(tb.Header, "technology_new")]; got != 1 {
		t.Errorf("2021 technology_new = %v, want 1: %v", got, row)
	}

	areas, err := f.GetRows(SheetAreas)
	if err != nil {
		t.Fatal(err)
	}
	ai := commitmentID(t, s, "人工智能")
	found := false
	for _, r := range areas[1:] {
		if r[0] == "2021" && r[1] == "人工智能" && r[4] == fmt.Sprint(ai) && strings.HasPrefix(r[7], "=1+1") {
			found = true
		}
		if r[0] == "2019" {
			t.Errorf("new areas of the first year: %q", r)
		}
	}
	if !found {
		t.Errorf("the new areas lack 2021's 人工智能 with commitment %d:\n%q", ai, areas)
	}

	about, err := f.GetRows(SheetAbout)
	if err != nil {
		t.Fatal(err)
	}
	facts := map[string]string{}
	described := map[string]bool{}
	for _, r := range about {
		if len(r) >= 2 {
			facts[r[0]] = r[1]
		}
		if len(r) >= 3 {
			described[r[0]+" "+r[1]] = r[2] != ""
		}
	}
	for key, want := range map[string]string{
		"exported":        "2025-03-04 10:30",
		"by":              "pledge test",
		"commitments":     "6",
		"statements":      "4",
		"recurring means": fmt.Sprintf("chance of %g", track.DefaultThreshold()),
		"model":           "0123456789ab",
		"labels":          "below 0.60",
	} {
		if !strings.Contains(facts[key], want) {
			t.Errorf("About: %s = %q, want it to hold %q", key, facts[key], want)
		}
	}
	for _, c := range Columns() {
		if !described[SheetCommitments+" "+c.Name] {
			t.Errorf("About does not say what column %s holds", c.Name)
		}
	}
	for _, c := range areaHeader() {
		if !described[SheetAreas+" "+c.Name] {
			t.Errorf("About does not say what column %s of %s holds", c.Name, SheetAreas)
		}
	}
}

// TestWorkbookInLibreOffice converts the workbook to CSV with LibreOffice
// and compares what it reads with what the workbook holds: a spreadsheet
// that is not Excel reads every sheet the same.
func TestWorkbookInLibreOffice(t *testing.T) {
	soffice(t)
	s := analystStore(t)
	f, b := workbook(t, s, time.Now())
	path := filepath.Join(t.TempDir(), "pledge.xlsx")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// Token 12 of the CSV filter, -1, writes every sheet to a file of its
	// own (LibreOffice 7.2 and later).
	first := convert(t, path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "")
	for _, sheet := range Sheets() {
		name := filepath.Join(filepath.Dir(first), "pledge-"+sheet+".csv")
		data, err := os.ReadFile(name)
		if err != nil {
			t.Errorf("LibreOffice wrote no %s: %v", sheet, err)
			continue
		}
		lo := readCSV(t, data)
		want, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(lo) != len(want) {
			t.Errorf("%s: LibreOffice reads %d rows, the workbook holds %d", sheet, len(lo), len(want))
			continue
		}
		for i := range want {
			for k, v := range want[i] {
				got := ""
				if k < len(lo[i]) {
					got = lo[i][k]
				}
				if sheet != SheetAbout && !sameValue(got, raw[i][k], v) {
					t.Errorf("%s %s: LibreOffice reads %q, the workbook holds %q", sheet, ref(k+1, i+1), got, v)
				}
			}
		}
	}
}

// sameValue reports whether LibreOffice's CSV cell got is the workbook's
// value, stored as raw and shown as formatted: LibreOffice writes a date
// as it is shown, a number in full (a probability the workbook shows to
// three decimals) and to 15 digits.
func sameValue(got, raw, formatted string) bool {
	if got == formatted || got == raw {
		return true
	}
	g, err1 := strconv.ParseFloat(got, 64)
	r, err2 := strconv.ParseFloat(raw, 64)
	return err1 == nil && err2 == nil && math.Abs(g-r) <= 1e-12*math.Max(1, math.Abs(r))
}
