package report

import (
	"fmt"
	"slices"
	"strconv"

	"pledge/figures"
)

// Chart is a stacked bar chart, drawn as SVG from the numbers: one bar a
// year, one segment a series (a domain, or new and recurring). Each
// segment's height is its count times Unit. It is drawn Width wide, and
// the page scales it to the width of its column.
type Chart struct {
	Width, Height float64
	Unit          float64 // pixels per commitment
	Base          float64 // the y of the bars' foot
	Bars          []Bar
	Legend        []Series
	// Names name the segments of the last bar, beside it, so that the
	// series are told apart without the legend.
	Names []Name
}

// Bar is one year's bar.
type Bar struct {
	X, Width float64
	Label    string // the year
	Note     string // under the label: the year's statements
	Total    int
	TotalY   float64
	Segments []Segment
}

// Segment is one series' part of a bar.
type Segment struct {
	Y, Height float64
	Series    string
	Color     string
	Count     int
	// Labelled says the segment is large enough to show its count inside
	// it, at TextY; OnDark that its colour is dark, so the count is white.
	Labelled bool
	TextY    float64
	OnDark   bool
}

// Series names a segment's colour in the legend: Name is its key (a
// domain's id), Label how the chart names it.
type Series struct {
	Name, Label, Color string
}

// Name names a segment of the last bar, at X, TextY, with a line from the
// segment's middle, LineY, to the name.
type Name struct {
	X, TextY, LineX, LineY float64
	Text, Color            string
}

const (
	// chartWidth is the width a chart is drawn at, wide enough for the
	// page's column: the page scales it, and a chart of few years is as
	// wide as one of many, with wider bars.
	chartWidth = 1000.0
	plotHeight = 300.0
	maxBar     = 110.0
	minSlot    = 34.0 // the room of a bar, gap included, when many years crowd
	marginTop  = 24.0
	marginSide = 24.0
	// nameRoom is the room right of the bars for the names of the last
	// bar's segments.
	nameRoom   = 180.0
	marginFoot = 48.0
	// A segment shows its count when it is at least countHeight high and
	// its bar countWidth wide: smaller, the number would not fit.
	countHeight = 14.0
	countWidth  = 22.0
	// nameGap is the least distance between two names beside the bars.
	nameGap = 14.0
	// noteSlot is the room a bar needs for the note under its year; the
	// table under the chart counts the statements too.
	noteSlot = 80.0
)

// stack draws rows of counts as bars: counts[i][k] is series k in bar i.
func stack(labels, notes []string, series []Series, counts [][]int) Chart {
	maxTotal := 1
	totals := make([]int, len(counts))
	for i, row := range counts {
		for _, n := range row {
			totals[i] += n
		}
		maxTotal = max(maxTotal, totals[i])
	}
	n := max(1, len(labels))
	width := max(chartWidth, 2*marginSide+nameRoom+float64(n)*minSlot)
	slot := (width - 2*marginSide - nameRoom) / float64(n)
	barWidth := min(maxBar, slot*0.62)
	c := Chart{
		Width:  width,
		Height: marginTop + plotHeight + marginFoot,
		Unit:   plotHeight / float64(maxTotal),
		Base:   marginTop + plotHeight,
		Legend: series,
	}
	for i := range labels {
		b := Bar{X: marginSide + float64(i)*slot + (slot-barWidth)/2, Width: barWidth, Label: labels[i], Total: totals[i]}
		if slot >= noteSlot {
			b.Note = notes[i]
		}
		y := c.Base
		for k, n := range counts[i] {
			if n == 0 {
				continue
			}
			h := float64(n) * c.Unit
			y -= h
			b.Segments = append(b.Segments, Segment{Y: y, Height: h, Series: series[k].Name, Color: series[k].Color, Count: n,
				Labelled: h >= countHeight && barWidth >= countWidth, TextY: y + h/2 + 4, OnDark: dark(series[k].Color)})
		}
		b.TotalY = y - 6
		c.Bars = append(c.Bars, b)
	}
	if len(c.Bars) > 0 {
		c.Names = names(c.Bars[len(c.Bars)-1], series)
	}
	return c
}

// names names the segments of bar beside it, each at the height of its
// middle, moved apart where small segments would make the names overlap.
func names(b Bar, series []Series) []Name {
	label := map[string]string{}
	for _, s := range series {
		label[s.Name] = s.Label
	}
	var out []Name
	for _, s := range b.Segments {
		mid := s.Y + s.Height/2
		out = append(out, Name{X: b.X + b.Width + 18, TextY: mid + 4, LineX: b.X + b.Width, LineY: mid, Text: label[s.Series], Color: s.Color})
	}
	// Segments are stacked from the foot up: the names go from the top
	// down, each at least nameGap below the one above.
	slices.Reverse(out)
	for i := 1; i < len(out); i++ {
		out[i].TextY = max(out[i].TextY, out[i-1].TextY+nameGap)
	}
	return out
}

// dark reports whether the colour hex (#rrggbb) is dark, by its luma: text
// on it is white, on a light one dark.
func dark(hex string) bool {
	rgb, err := strconv.ParseUint(hex[min(1, len(hex)):], 16, 32)
	if len(hex) != 7 || hex[0] != '#' || err != nil {
		return false
	}
	r, g, b := float64(rgb>>16&0xff), float64(rgb>>8&0xff), float64(rgb&0xff)
	return 0.299*r+0.587*g+0.114*b < 150
}

// yearLabels names the tally's rows and notes their statements.
func yearLabels(t *figures.Tally) (labels, notes []string) {
	for _, r := range t.Rows {
		label := strconv.Itoa(r.Year)
		if r.Year == 0 {
			label = "no date"
		}
		labels = append(labels, label)
		notes = append(notes, plural(r.Statements, "statement"))
	}
	return labels, notes
}

// plural is n and the noun, in the plural unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// DomainChart draws commitments per domain per year.
func DomainChart(t *figures.Tally, domains []Domain) Chart {
	labels, notes := yearLabels(t)
	var series []Series
	for _, d := range domains {
		name := d.ID
		if d.Chinese != "" {
			name = d.Chinese + " " + d.ID
		}
		series = append(series, Series{d.ID, name, d.Color})
	}
	var counts [][]int
	for _, r := range t.Rows {
		row := make([]int, len(domains))
		for k, d := range domains {
			row[k] = r.Cells[d.ID].Total()
		}
		counts = append(counts, row)
	}
	return stack(labels, notes, series, counts)
}

// StatusChart draws new and recurring commitments per year.
func StatusChart(t *figures.Tally) Chart {
	labels, notes := yearLabels(t)
	var counts [][]int
	for _, r := range t.Rows {
		c := r.Total()
		counts = append(counts, []int{c.New, c.Recurring})
	}
	return stack(labels, notes, []Series{{"new", "new", "#f28e2b"}, {"recurring", "recurring", "#4e79a7"}}, counts)
}
