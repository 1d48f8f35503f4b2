package export

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"pledge/figures"
	"pledge/report"
	"pledge/track"
)

// The sheets of a workbook.
const (
	SheetCommitments = "Commitments"
	SheetTally       = "Tally"
	SheetPartners    = "Partners"
	SheetAreas       = "New areas"
	SheetAbout       = "About"
)

// Sheets are the sheets of a workbook, in order.
func Sheets() []string {
	return []string{SheetCommitments, SheetTally, SheetPartners, SheetAreas, SheetAbout}
}

// styles are a workbook's cell styles, by what they hold.
type styles struct {
	header, text, wrap, integer, date, datetime, prob, score, bold, boldInt, title int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	top := &excelize.Alignment{Vertical: "top"}
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	dateFmt, datetimeFmt, probFmt, scoreFmt := "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "0.000", "0.0"
	for _, st := range []struct {
		id    *int
		style excelize.Style
	}{
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: wrap,
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#E8E8E8"}},
			Border: []excelize.Border{{Type: "bottom", Color: "#999999", Style: 1}}}},
		{&s.text, excelize.Style{Alignment: top}},
		{&s.wrap, excelize.Style{Alignment: wrap}},
		{&s.integer, excelize.Style{Alignment: top, NumFmt: 1}},
		{&s.date, excelize.Style{Alignment: top, CustomNumFmt: &dateFmt}},
		{&s.datetime, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}, CustomNumFmt: &datetimeFmt}},
		{&s.prob, excelize.Style{Alignment: top, CustomNumFmt: &probFmt}},
		{&s.score, excelize.Style{Alignment: top, CustomNumFmt: &scoreFmt}},
		{&s.bold, excelize.Style{Alignment: top, Font: &excelize.Font{Bold: true}}},
		{&s.boldInt, excelize.Style{Alignment: top, Font: &excelize.Font{Bold: true}, NumFmt: 1}},
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}},
	} {
		id, err := f.NewStyle(&st.style)
		if err != nil {
			return s, err
		}
		*st.id = id
	}
	return s, nil
}

// xlsxColumn is how a column of the commitments looks in a workbook.
type xlsxColumn struct {
	width float64
	wrap  bool
}

// commitmentLayout gives the columns of Columns that need more room than
// their name, or wrapped text; the others are as wide as their name. Only
// the commitment's text wraps: a title wrapped too would make every row
// three lines high, and the cell shows it whole when selected.
func commitmentLayout() map[string]xlsxColumn {
	return map[string]xlsxColumn{
		"id":        {7, false},
		"statement": {36, false},
		"date":      {11, false},
		"year":      {6, false},
		"ordinal":   {8, false},
		"section":   {8, false},
		"domain":    {13, false},
		"status":    {10, false},
		"text":      {textWidth, true},
		"parties":   {16, false},
	}
}

// textWidth is the width of a column of commitments, in the widths of a
// digit, which a Chinese character takes two of.
const textWidth = 70

// rowHeight is the height, in points, of a row whose wrapped cell holds
// text in a column textWidth wide. Spreadsheets do not fit rows to wrapped
// text they did not write themselves (LibreOffice keeps a row one line
// high), so the height is written with the row.
func rowHeight(text string) float64 {
	const line = 15.0 // points, at the default 11 points
	lines := (displayWidth(text) + textWidth - 3) / (textWidth - 2)
	return min(409, line*float64(max(1, lines)))
}

// writeXLSX writes the workbook of Write's XLSX format.
func writeXLSX(ctx context.Context, w io.Writer, store *track.Store, opt Options) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetCommitments); err != nil {
		return err
	}
	for _, name := range Sheets()[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	n, err := commitmentSheet(ctx, f, st, store, opt)
	if err != nil {
		return err
	}
	t, err := store.Tally(ctx, opt.With...)
	if err != nil {
		return err
	}
	if err := tableSheet(f, st, SheetTally, TallyTable(t, true), true); err != nil {
		return err
	}
	pt, err := store.PartnerTally(ctx, opt.With...)
	if err != nil {
		return err
	}
	if err := tableSheet(f, st, SheetPartners, PartnerTable(pt, true), false); err != nil {
		return err
	}
	if err := areaSheet(ctx, f, st, store, t, opt); err != nil {
		return err
	}
	if err := aboutSheet(ctx, f, st, store, t, pt, n, opt); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return err
	}
	return nil
}

// commitmentSheet writes every commitment, a row each, with a cell of its
// type: numbers as numbers, dates as dates, text as text (which a
// workbook never runs as a formula, so it is written as it is). It
// streams, so that its memory does not grow with the database, and
// returns how many it wrote.
func commitmentSheet(ctx context.Context, f *excelize.File, st styles, store *track.Store, opt Options) (int, error) {
	sw, err := f.NewStreamWriter(SheetCommitments)
	if err != nil {
		return 0, err
	}
	cols := Columns()
	layout := commitmentLayout()
	for i, col := range cols {
		width := float64(len(col.Name) + 3)
		if l, ok := layout[col.Name]; ok {
			width = l.width
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return 0, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return 0, err
	}
	header := make([]any, len(cols))
	for i, col := range cols {
		header[i] = excelize.Cell{StyleID: st.header, Value: col.Name}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return 0, err
	}
	row := make([]any, len(cols))
	n := 0
	err = store.EachCommitment(ctx, track.Filter{With: opt.With}, func(c track.Commitment) error {
		for i, col := range cols {
			v, err := xlsxCell(col, c, st, layout[col.Name].wrap)
			if err != nil {
				return err
			}
			row[i] = v
		}
		n++
		cell, err := excelize.CoordinatesToCellName(1, n+1)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, row, excelize.RowOpts{Height: rowHeight(c.Text)})
	})
	if err != nil {
		return 0, err
	}
	if err := autoFilter(f, SheetCommitments, len(cols), n+1); err != nil {
		return 0, err
	}
	return n, sw.Flush()
}

// xlsxCell is column col of c as a workbook holds it.
func xlsxCell(col Column, c track.Commitment, st styles, wrap bool) (excelize.Cell, error) {
	text := st.text
	if wrap {
		text = st.wrap
	}
	switch v := col.Value(c).(type) {
	case string:
		if col.Name == "date" && v != "" {
			d, err := time.Parse(time.DateOnly, v)
			if err != nil {
				return excelize.Cell{}, fmt.Errorf("commitment %d: date %q: %w", c.ID, v, err)
			}
			return excelize.Cell{StyleID: st.date, Value: d}, nil
		}
		return excelize.Cell{StyleID: text, Value: v}, nil
	case []string:
		return excelize.Cell{StyleID: text, Value: strings.Join(v, ";")}, nil
	case int64:
		return excelize.Cell{StyleID: st.integer, Value: v}, nil
	case *int64:
		if v == nil {
			return excelize.Cell{StyleID: st.integer}, nil
		}
		return excelize.Cell{StyleID: st.integer, Value: *v}, nil
	case float64:
		return excelize.Cell{StyleID: st.prob, Value: v}, nil
	}
	return excelize.Cell{}, fmt.Errorf("column %s: no workbook form for a %T", col.Name, col.Value(c))
}

// autoFilter puts filter buttons on the header of a sheet's columns over
// rows rows. It is set on the worksheet a stream writer is writing, before
// the writer's Flush writes it out.
func autoFilter(f *excelize.File, sheet string, columns, rows int) error {
	last, err := excelize.CoordinatesToCellName(columns, max(rows, 2))
	if err != nil {
		return err
	}
	return f.AutoFilter(sheet, "A1:"+last, nil)
}

// tableSheet writes a table of figures on a sheet: its header bold and
// frozen with its first column, numbers as numbers, and, when total, its
// last row (the TotalRow) bold.
func tableSheet(f *excelize.File, st styles, sheet string, t Table, total bool) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	first := 8.0
	for _, r := range t.Rows {
		if s, ok := r[0].(string); ok {
			first = max(first, float64(displayWidth(s))+2)
		}
	}
	if err := sw.SetColWidth(1, 1, first); err != nil {
		return err
	}
	if len(t.Header) > 1 {
		if err := sw.SetColWidth(2, len(t.Header), 11); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	header := make([]any, len(t.Header))
	for i, h := range t.Header {
		header[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	for k, r := range t.Rows {
		last := total && k == len(t.Rows)-1
		row := make([]any, len(r))
		for i, v := range r {
			style := st.integer
			switch {
			case last && i == 0:
				style = st.bold
			case last:
				style = st.boldInt
			case i == 0:
				style = st.text
				if _, ok := v.(string); !ok {
					style = st.bold
				}
			}
			row[i] = excelize.Cell{StyleID: style, Value: v}
		}
		cell, err := excelize.CoordinatesToCellName(1, k+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// areaHeader are the columns of the new areas sheet.
func areaHeader() []Column {
	return []Column{
		{Name: "year", Description: "the year the term first appears in"},
		{Name: "term", Description: "the new policy area: a term that commitments of this year use and those of no earlier year did"},
		{Name: "score", Description: "how distinctive the term is: the number of the year's commitments that use it, weighted by its rarity (pledge new ranks by it)"},
		{Name: "commitments", Description: "how many of the year's commitments use the term"},
		{Name: "id", Description: "one of those commitments (a row each): its id, as on the Commitments sheet"},
		{Name: "date", Description: "its statement's date"},
		{Name: "domain", Description: "its label"},
		{Name: "text", Description: "the commitment"},
	}
}

// areaSheet writes the new policy areas of each year after the first,
// most distinctive first, a row for each of the commitments that use
// one.
func areaSheet(ctx context.Context, f *excelize.File, st styles, store *track.Store, t *figures.Tally, opt Options) error {
	areas, err := store.AllNewAreas(ctx, opt.With...)
	if err != nil {
		return err
	}
	years := t.Years()
	var ids []int64
	for _, y := range years[min(1, len(years)):] {
		for _, a := range areas[y] {
			ids = append(ids, a.IDs...)
		}
	}
	cs, err := store.Commitments(ctx, track.Filter{IDs: ids})
	if err != nil {
		return err
	}
	byID := make(map[int64]track.Commitment, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
	}
	sw, err := f.NewStreamWriter(SheetAreas)
	if err != nil {
		return err
	}
	cols := areaHeader()
	for i, w := range []float64{6, 14, 7, 13, 7, 11, 13, textWidth} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.Name}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	n := 1
	for _, y := range years[min(1, len(years)):] {
		for _, a := range areas[y] {
			for _, id := range a.IDs {
				c, ok := byID[id]
				if !ok {
					continue
				}
				var date any
				if d, err := time.Parse(time.DateOnly, c.Date); err == nil {
					date = d
				}
				n++
				cell, err := excelize.CoordinatesToCellName(1, n)
				if err != nil {
					return err
				}
				if err := sw.SetRow(cell, []any{
					excelize.Cell{StyleID: st.integer, Value: y},
					excelize.Cell{StyleID: st.bold, Value: a.Term},
					excelize.Cell{StyleID: st.score, Value: a.Score},
					excelize.Cell{StyleID: st.integer, Value: len(a.IDs)},
					excelize.Cell{StyleID: st.integer, Value: id},
					excelize.Cell{StyleID: st.date, Value: date},
					excelize.Cell{StyleID: st.text, Value: c.Domain},
					excelize.Cell{StyleID: st.wrap, Value: c.Text},
				}, excelize.RowOpts{Height: rowHeight(c.Text)}); err != nil {
					return err
				}
			}
		}
	}
	if err := autoFilter(f, SheetAreas, len(cols), n); err != nil {
		return err
	}
	return sw.Flush()
}

// aboutSheet says what the workbook holds and how its figures were made:
// when and from what it was exported, the model, the linking threshold,
// and what each column of each sheet means.
func aboutSheet(ctx context.Context, f *excelize.File, st styles, store *track.Store, t *figures.Tally, pt *figures.PartnerTally, n int, opt Options) error {
	threshold, err := store.LinkThreshold(ctx)
	if err != nil {
		return err
	}
	across, err := store.AcrossParties(ctx)
	if err != nil {
		return err
	}
	models, err := store.Models(ctx)
	if err != nil {
		return err
	}
	reviewed, err := store.Reviewed(ctx, report.ReviewBelow)
	if err != nil {
		return err
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	total, statements := t.Total()
	linking := "within the same parties: a commitment recurs only from an earlier statement between the same states (pledge relink --across-parties changes it)"
	if across {
		linking = "across parties: a commitment recurs from an earlier statement between any states (pledge relink --within-parties changes it)"
	}
	scope := "every statement in the database"
	if len(opt.With) > 0 {
		scope = "the statements whose parties include " + strings.Join(opt.With, " and ") + " (pledge export --with)"
	}
	facts := [][2]any{
		{"exported", now},
		{"by", cmp.Or(opt.Version, "pledge")},
		{"database", store.Path()},
		{"holds", scope},
		{"statements", statements},
		{"commitments", n},
		{"new", total.New},
		{"recurring", total.Recurring},
		{"recurring means", fmt.Sprintf("the linker gives a chance of %g or more that it repeats its likeliest match in an earlier statement (similarity is that chance, 0 to 1); its thread began in first_year. Linked %s.", threshold, linking)},
		{"labels", fmt.Sprintf("each commitment's domain (one of the ten of the annotation guide, or a person's own) was given by a naive Bayes model with the probability shown, or by a person (label_source person, probability 1). Labels of the model below %.2f are the ones pledge serve puts up for review: %d of them; a person gave %d labels and decided %d links.", report.ReviewBelow, reviewed.DoubtfulLabels, reviewed.Labels, reviewed.Links)},
	}
	for _, m := range models {
		facts = append(facts, [2]any{"model", fmt.Sprintf("%.12s: %s naive Bayes, %d labels, trained on %d examples; gave %d of the labels", m.Hash, m.Variant, len(m.Labels), m.TrainingSize, m.Labelled)})
	}
	facts = append(facts,
		[2]any{"partners", fmt.Sprintf("the parties of a statement other than %s, the party of most statements; a statement between three states counts for each of its two partners, so the Partners sheet adds up to more than the commitments", cmp.Or(pt.Home, "the home party"))},
		[2]any{"new areas", "terms (nouns and statement terms, not words common in general Chinese) that a year's commitments use and no earlier year's did, in none of their forms; the first year has none: nothing is earlier"},
	)
	var columns [][3]string
	for _, c := range Columns() {
		columns = append(columns, [3]string{SheetCommitments, c.Name, c.Description})
	}
	tallyCols := [][2]string{
		{"year", "the year of the statements (" + NoDate + ": statements without a date; " + TotalRow + ": every year)"},
		{"DOMAIN_new", "the year's new commitments in the domain: no earlier statement holds one like it"},
		{"DOMAIN_recurring", "the year's commitments in the domain that recur from an earlier statement"},
		{"total_new, total_recurring, total", "the year's commitments, new, recurring and both"},
		{"statements", "the year's statements"},
	}
	for _, c := range tallyCols {
		columns = append(columns, [3]string{SheetTally, c[0], c[1]})
	}
	columns = append(columns, [3]string{SheetPartners, "partner", "a partner of " + cmp.Or(pt.Home, "the home party") + "; the other columns as on the Tally sheet, for the statements with that partner"})
	for _, c := range areaHeader() {
		columns = append(columns, [3]string{SheetAreas, c.Name, c.Description})
	}

	sw, err := f.NewStreamWriter(SheetAbout)
	if err != nil {
		return err
	}
	for i, w := range []float64{18, 30, 90} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	r := 0
	put := func(values ...any) error {
		r++
		cell, err := excelize.CoordinatesToCellName(1, r)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, values)
	}
	if err := put(excelize.Cell{StyleID: st.title, Value: "How the figures were made"}); err != nil {
		return err
	}
	for _, fact := range facts {
		v := excelize.Cell{StyleID: st.wrap, Value: fact[1]}
		switch fact[1].(type) {
		case int:
			v.StyleID = st.integer
		case time.Time:
			v.StyleID = st.datetime
		}
		// The value spans the second and third columns: it is merged below.
		if err := put(excelize.Cell{StyleID: st.bold, Value: fact[0]}, v); err != nil {
			return err
		}
		from, _ := excelize.CoordinatesToCellName(2, r)
		to, _ := excelize.CoordinatesToCellName(3, r)
		if err := sw.MergeCell(from, to); err != nil {
			return err
		}
	}
	if err := put(); err != nil {
		return err
	}
	if err := put(excelize.Cell{StyleID: st.title, Value: "What each column holds"}); err != nil {
		return err
	}
	if err := put(excelize.Cell{StyleID: st.header, Value: "sheet"}, excelize.Cell{StyleID: st.header, Value: "column"}, excelize.Cell{StyleID: st.header, Value: "what it holds"}); err != nil {
		return err
	}
	for _, c := range columns {
		if err := put(excelize.Cell{StyleID: st.text, Value: c[0]}, excelize.Cell{StyleID: st.bold, Value: c[1]}, excelize.Cell{StyleID: st.wrap, Value: c[2]}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// displayWidth counts a Chinese character as two columns, as a
// spreadsheet shows it.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
