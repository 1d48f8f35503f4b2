// Package report renders a pledge database as one self-contained HTML
// file: charts of commitments per domain and year, new and recurring
// commitments, new policy areas, recurring threads and every commitment by
// domain. It makes no network request (inline CSS and SVG, no scripts,
// fonts or images), so it opens offline, travels by email and prints.
package report

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"pledge/classify"
	"pledge/track"
)

// ReviewBelow is the probability under which a model's label is marked for
// review in the report.
const ReviewBelow = 0.6

// Data is what a report shows.
type Data struct {
	Generated   string
	Statements  int
	Commitments int
	Years       []int // dated years, in order
	Domains     []Domain
	Tally       *track.Tally
	Chart       Chart // commitments per domain and year
	Status      Chart // new and recurring per year
	Areas       []YearAreas
	Threads     []Thread
	ThreadYears []int
	Sections    []Section
	ReviewBelow float64
	With        []string // the parties the report is limited to
	// AcrossParties says that commitments recur from statements between
	// any parties, not only the same ones (pledge relink --across-parties).
	AcrossParties bool
}

// Domain is a domain with its names and its colour in the charts.
type Domain struct {
	ID, Chinese, English, Color string
}

// YearAreas are the new policy areas of one year.
type YearAreas struct {
	Year  int
	Areas []track.Area
}

// Thread is a commitment that recurs in three or more years, with every
// commitment that recurs from it, directly or through another: for each
// of Data.ThreadYears, the thread's commitments of that year.
type Thread struct {
	Cells [][]track.Commitment
}

// Section lists one domain's commitments.
type Section struct {
	Domain      Domain
	Commitments []track.Commitment
}

// areasPerYear bounds the new areas shown for a year.
const areasPerYear = 15

// Build reads what the report shows from store; with names parties, of
// the statements whose parties include them all.
func Build(ctx context.Context, store *track.Store, now time.Time, with ...string) (*Data, error) {
	t, err := store.Tally(ctx, with...)
	if err != nil {
		return nil, err
	}
	cs, err := store.Commitments(ctx, track.Filter{With: with})
	if err != nil {
		return nil, err
	}
	across, err := store.AcrossParties(ctx)
	if err != nil {
		return nil, err
	}
	d := &Data{Generated: now.Format("2006-01-02"), Tally: t, Commitments: len(cs), ReviewBelow: ReviewBelow, With: with, AcrossParties: across}
	_, d.Statements = t.Total()
	for _, r := range t.Rows {
		if r.Year != 0 {
			d.Years = append(d.Years, r.Year)
		}
	}
	for i, id := range t.Domains {
		d.Domains = append(d.Domains, domain(id, i))
	}
	d.Chart = domainChart(t, d.Domains)
	d.Status = statusChart(t)
	// New areas mean something from the second year on: in the first,
	// every term is new.
	for _, y := range d.Years[min(1, len(d.Years)):] {
		areas, err := store.NewAreas(ctx, y, with...)
		if err != nil {
			return nil, err
		}
		d.Areas = append(d.Areas, YearAreas{y, areas[:min(areasPerYear, len(areas))]})
	}
	d.Threads, d.ThreadYears = threads(cs, 3)
	for _, dom := range d.Domains {
		s := Section{Domain: dom}
		for _, c := range cs {
			if c.Domain == dom.ID {
				s.Commitments = append(s.Commitments, c)
			}
		}
		d.Sections = append(d.Sections, s)
	}
	return d, nil
}

// palette colours the GUIDE's ten domains in its order; other labels are
// grey. The colours are told apart in print and by most colour-blind
// readers (Tableau 10).
var palette = []string{"#4e79a7", "#e15759", "#f28e2b", "#edc948", "#59a14f", "#76b7b2", "#b07aa1", "#9c755f", "#ff9da7", "#bab0ac"}

func domain(id string, i int) Domain {
	for k, g := range classify.Domains {
		if g.ID == id {
			return Domain{id, g.Chinese, g.English, palette[k]}
		}
	}
	return Domain{id, "", id, []string{"#888888", "#aaaaaa", "#666666"}[i%3]}
}

// threads groups commitments by the commitment their thread began with,
// following each back along the commitments it recurs from, and returns the
// groups that cover at least minYears years, with the years any of them
// cover. A thread that branches (two 2024 commitments recurring from one of
// 2021) is one group: its first years are shown once.
func threads(cs []track.Commitment, minYears int) ([]Thread, []int) {
	byID := map[int64]track.Commitment{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	root := func(c track.Commitment) int64 {
		for c.Status == "recurring" {
			p, ok := byID[c.Previous]
			if !ok {
				break
			}
			c = p
		}
		return c.ID
	}
	groups := map[int64][]track.Commitment{}
	for _, c := range cs {
		r := root(c)
		groups[r] = append(groups[r], c)
	}
	var kept [][]track.Commitment
	yearSet := map[int]bool{}
	for _, g := range groups {
		years := map[int]bool{}
		for _, c := range g {
			years[c.Year] = true
		}
		if len(years) < minYears {
			continue
		}
		for y := range years {
			yearSet[y] = true
		}
		kept = append(kept, g)
	}
	var years []int
	for y := range yearSet {
		years = append(years, y)
	}
	slices.Sort(years)
	var out []Thread
	for _, g := range kept {
		t := Thread{Cells: make([][]track.Commitment, len(years))}
		for _, c := range g { // in the order of cs: by date, then place
			k := slices.Index(years, c.Year)
			t.Cells[k] = append(t.Cells[k], c)
		}
		out = append(out, t)
	}
	// Threads that began earliest first, then in the order of their first
	// commitments in their statements.
	slices.SortFunc(out, func(a, b Thread) int {
		i, j := firstCell(a), firstCell(b)
		if i != j {
			return i - j
		}
		return cmp.Or(strings.Compare(a.Cells[i][0].Date, b.Cells[j][0].Date), cmp.Compare(a.Cells[i][0].Ordinal, b.Cells[j][0].Ordinal))
	})
	return out, years
}

// firstCell is the index of a thread's earliest year.
func firstCell(t Thread) int {
	return slices.IndexFunc(t.Cells, func(cs []track.Commitment) bool { return len(cs) > 0 })
}

// Title of the report.
func (d *Data) Title() string {
	if len(d.Years) == 0 {
		return "pledge report"
	}
	return fmt.Sprintf("pledge report: %d statements, %d commitments, %d–%d", d.Statements, d.Commitments, d.Years[0], d.Years[len(d.Years)-1])
}
