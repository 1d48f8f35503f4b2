package report

import (
	"fmt"
	"strconv"

	"pledge/figures"
)

// Chart is a stacked bar chart, drawn as SVG from the numbers: one bar a
// year, one segment a series (a domain, or new and recurring). Each
// segment's height is its count times Unit.
type Chart struct {
	Width, Height float64
	Unit          float64 // pixels per commitment
	Base          float64 // the y of the bars' foot
	Bars          []Bar
	Legend        []Series
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
}

// Series names a segment's colour in the legend.
type Series struct {
	Name, Color string
}

const (
	plotHeight = 300.0
	barWidth   = 56.0
	barGap     = 36.0
	marginTop  = 24.0
	marginSide = 24.0
	marginFoot = 48.0
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
	c := Chart{
		Width:  2*marginSide + float64(len(labels))*(barWidth+barGap) - barGap,
		Height: marginTop + plotHeight + marginFoot,
		Unit:   plotHeight / float64(maxTotal),
		Base:   marginTop + plotHeight,
		Legend: series,
	}
	for i := range labels {
		b := Bar{X: marginSide + float64(i)*(barWidth+barGap), Width: barWidth, Label: labels[i], Note: notes[i], Total: totals[i]}
		y := c.Base
		for k, n := range counts[i] {
			if n == 0 {
				continue
			}
			h := float64(n) * c.Unit
			y -= h
			b.Segments = append(b.Segments, Segment{Y: y, Height: h, Series: series[k].Name, Color: series[k].Color, Count: n})
		}
		b.TotalY = y - 6
		c.Bars = append(c.Bars, b)
	}
	return c
}

// yearLabels names the tally's rows and notes their statements.
func yearLabels(t *figures.Tally) (labels, notes []string) {
	for _, r := range t.Rows {
		label := strconv.Itoa(r.Year)
		if r.Year == 0 {
			label = "no date"
		}
		labels = append(labels, label)
		notes = append(notes, fmt.Sprintf("%d stmt.", r.Statements))
	}
	return labels, notes
}

// domainChart draws commitments per domain per year.
func DomainChart(t *figures.Tally, domains []Domain) Chart {
	labels, notes := yearLabels(t)
	var series []Series
	for _, d := range domains {
		series = append(series, Series{d.ID, d.Color})
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

// statusChart draws new and recurring commitments per year.
func StatusChart(t *figures.Tally) Chart {
	labels, notes := yearLabels(t)
	var counts [][]int
	for _, r := range t.Rows {
		c := r.Total()
		counts = append(counts, []int{c.New, c.Recurring})
	}
	return stack(labels, notes, []Series{{"new", "#f28e2b"}, {"recurring", "#4e79a7"}}, counts)
}
