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
	"maps"
	"slices"
	"strings"
	"time"

	"pledge/classify"
	"pledge/figures"
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
	Tally       *figures.Tally
	Chart       Chart // commitments per domain and year
	Status      Chart // new and recurring per year
	Areas       []YearAreas
	Threads     []Thread
	ThreadYears []int
	// MoreThreads counts the threads left out: only the ThreadLimit
	// longest are shown.
	MoreThreads int
	Sections    []Section
	// Listed counts the commitments the sections list, and ListedFrom the
	// first year listed in full; Listed < Commitments when the report
	// lists only the latest years and what the areas and threads name.
	// ListedLatest, when not 0, says that the latest year alone holds more
	// than ListLimit commitments, and only its ListedLatest latest are
	// listed (with those named).
	Listed, ListedFrom, ListedLatest int
	ReviewBelow                      float64
	With                             []string // the parties the report is limited to
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
	Areas []figures.Area
	// More counts, for each area, the commitments using it that its IDs
	// leave out (see AreaIDs); nil when none are.
	More []int
}

// Thread is a commitment that recurs in three or more years, with every
// commitment that recurs from it, directly or through another: for each
// of Data.ThreadYears, the thread's commitments of that year (at most
// PerCell of them) and how many more that year has.
type Thread struct {
	Cells [][]track.Commitment
	More  []int
}

// NewAreas are the new policy areas of each of the dated years, in order,
// from areas (see track.Store.AllNewAreas), at most areasPerYear a year.
// They mean something from the second year on: in the first, every term
// is new.
func NewAreas(years []int, areas map[int][]figures.Area) []YearAreas {
	var out []YearAreas
	for _, y := range years[min(1, len(years)):] {
		out = append(out, YearAreas{Year: y, Areas: areas[y][:min(areasPerYear, len(areas[y]))]})
	}
	return out
}

// PerCell bounds the commitments a thread shows for a year: a commitment
// repeated to many partners has many.
const PerCell = 3

// Section lists one domain's commitments.
type Section struct {
	Domain      Domain
	Total       int // the domain's commitments, listed or not
	Commitments []track.Commitment
}

// Limits that keep the report of a large database one file a browser opens
// at once.
const (
	// areasPerYear bounds the new areas shown for a year.
	areasPerYear = 15
	// ThreadLimit bounds the threads shown: the ones over most years.
	ThreadLimit = 100
	// ListLimit bounds the commitments the sections list in full: those of
	// the latest years, as many years as fit, or of the latest year, when
	// it alone holds more, its latest ListLimit.
	ListLimit = 3000
	// AreaIDs bounds the commitments each new area names: a term of a
	// hundred thousand commitments would list them all.
	AreaIDs = 20
)

// Options say what a report holds.
type Options struct {
	// With limits it to the statements whose parties include every name.
	With []string
	// All lists every commitment, however many.
	All bool
	// Progress, when set, is told each step done of Steps.
	Progress func(done int)
}

// Steps is how many steps Build reports to Options.Progress.
const Steps = 4

// Build reads what the report shows from store. It reads the tally and the
// links of every commitment, but the text of only the commitments it shows.
func Build(ctx context.Context, store *track.Store, now time.Time, opt Options) (*Data, error) {
	with := opt.With
	t, err := store.Tally(ctx, with...)
	if err != nil {
		return nil, err
	}
	across, err := store.AcrossParties(ctx)
	if err != nil {
		return nil, err
	}
	d := &Data{Generated: now.Format("2006-01-02"), Tally: t, ReviewBelow: ReviewBelow, With: with, AcrossParties: across}
	total, statements := t.Total()
	d.Commitments, d.Statements = total.Total(), statements
	d.Years = t.Years()
	d.Domains = DomainsOf(t.Domains)
	d.Chart = DomainChart(t, d.Domains)
	d.Status = StatusChart(t)
	step := func(n int) {
		if opt.Progress != nil {
			opt.Progress(n)
		}
	}
	step(1)
	areas, err := store.AllNewAreas(ctx, with...)
	if err != nil {
		return nil, err
	}
	named := map[int64]bool{} // commitments the areas and threads name
	d.Areas = NewAreas(d.Years, areas)
	for i, ya := range d.Areas {
		ya.Areas = slices.Clone(ya.Areas) // the IDs are cut, not areas'
		for k, a := range ya.Areas {
			if len(a.IDs) > AreaIDs {
				if ya.More == nil {
					ya.More = make([]int, len(ya.Areas))
				}
				ya.More[k] = len(a.IDs) - AreaIDs
				ya.Areas[k].IDs = a.IDs[:AreaIDs]
			}
			for _, id := range ya.Areas[k].IDs {
				named[id] = true
			}
		}
		d.Areas[i] = ya
	}
	step(2)
	links, err := store.ThreadLinks(ctx, with...)
	if err != nil {
		return nil, err
	}
	groups, years, yearOf := threads(links, 3)
	links = nil // what follows needs only the groups'
	d.MoreThreads = max(0, len(groups)-ThreadLimit)
	groups = groups[:min(ThreadLimit, len(groups))]
	var ids []int64
	for _, g := range groups {
		perYear := map[int]int{}
		for _, id := range g {
			if perYear[yearOf[id]]++; perYear[yearOf[id]] <= PerCell {
				ids = append(ids, id)
			}
		}
	}
	members, err := byID(ctx, store, ids)
	if err != nil {
		return nil, err
	}
	d.Threads, d.ThreadYears = threadCells(groups, years, yearOf, members)
	for _, c := range members {
		named[c.ID] = true
	}
	step(3)
	if err := d.list(ctx, store, opt, named); err != nil {
		return nil, err
	}
	step(4)
	return d, nil
}

// list fills the sections: every commitment with opt.All; else those of
// the latest years, as many years as ListLimit holds, or the latest
// ListLimit of the latest year when it alone holds more, and those named.
// Without opt.All, what it reads and writes is bounded whatever the
// database holds.
func (d *Data) list(ctx context.Context, store *track.Store, opt Options, named map[int64]bool) error {
	f := track.Filter{With: opt.With}
	latest := 0 // the commitments of the latest year, when it alone is too many
	if !opt.All && d.Commitments > ListLimit {
		n := 0
		for i := len(d.Tally.Rows) - 1; i >= 0; i-- {
			r := d.Tally.Rows[i]
			if r.Year == 0 {
				continue
			}
			if n += r.Total().Total(); n > ListLimit && d.ListedFrom != 0 {
				break
			}
			d.ListedFrom = r.Year
			if n > ListLimit {
				latest = n
			}
		}
		f.FromYear = d.ListedFrom
	}
	var cs []track.Commitment
	var err error
	if latest > 0 {
		f.FromYear, f.Year = 0, d.ListedFrom
		cs, _, err = store.Page(ctx, f, track.ByDate, ListLimit, latest-ListLimit)
		d.ListedLatest = len(cs)
		f.FromYear = d.ListedFrom
	} else {
		cs, err = store.Commitments(ctx, f)
	}
	if err != nil {
		return err
	}
	if f.FromYear != 0 {
		listed := map[int64]bool{}
		for _, c := range cs {
			listed[c.ID] = true
		}
		var more []int64
		for id := range named {
			if !listed[id] {
				more = append(more, id)
			}
		}
		extra, err := byID(ctx, store, more)
		if err != nil {
			return err
		}
		cs = append(extra, cs...) // earlier years first
		slices.SortStableFunc(cs, func(a, b track.Commitment) int {
			return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.Fingerprint, b.Fingerprint), cmp.Compare(a.Ordinal, b.Ordinal))
		})
	}
	d.Listed = len(cs)
	for _, dom := range d.Domains {
		s := Section{Domain: dom, Total: d.Tally.Column(dom.ID).Total()}
		for _, c := range cs {
			if c.Domain == dom.ID {
				s.Commitments = append(s.Commitments, c)
			}
		}
		d.Sections = append(d.Sections, s)
	}
	return nil
}

// byID returns the commitments with the ids, none when there are none: a
// filter of no ids selects every commitment.
func byID(ctx context.Context, store *track.Store, ids []int64) ([]track.Commitment, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return store.Commitments(ctx, track.Filter{IDs: ids})
}

// palette colours the GUIDE's ten domains in its order; other labels are
// grey. The colours are told apart in print and by most colour-blind
// readers (Tableau 10).
var palette = []string{"#4e79a7", "#e15759", "#f28e2b", "#edc948", "#59a14f", "#76b7b2", "#b07aa1", "#9c755f", "#ff9da7", "#bab0ac"}

// DomainsOf returns the domains with the ids, with their names and
// colours: the GUIDE's by its order, others in greys.
func DomainsOf(ids []string) []Domain {
	out := make([]Domain, len(ids))
	for i, id := range ids {
		out[i] = domain(id, i)
	}
	return out
}

func domain(id string, i int) Domain {
	for k, g := range classify.Domains() {
		if g.ID == id {
			return Domain{id, g.Chinese, g.English, palette[k]}
		}
	}
	return Domain{id, "", id, []string{"#888888", "#aaaaaa", "#666666"}[i%3]}
}

// threads groups commitments by the commitment their thread began with,
// following each back along the commitments it recurs from, and returns
// the groups that cover at least minYears years, over most years first
// (then earliest), each in the order of links (date, then place); the
// years of each group, by its first commitment; and the year of each
// commitment of the groups. A thread that branches (two 2024 commitments
// recurring from one of 2021) is one group. What it keeps grows with the
// recurring commitments, not with all: a million new ones cost nothing.
func threads(links []track.LinkRow, minYears int) ([][]int64, map[int64][]int, map[int64]int) {
	// Where each commitment that another recurs from is in links: only
	// those are walked through (-1: not among the links).
	at := map[int64]int{}
	for _, l := range links {
		if l.Recurring {
			at[l.Previous] = -1
		}
	}
	for i, l := range links {
		if _, ok := at[l.ID]; ok {
			at[l.ID] = i
		}
	}
	root := func(i int) int {
		for n := 0; links[i].Recurring && n <= len(links); n++ { // n: a loop is cut
			j := at[links[i].Previous]
			if j < 0 {
				break
			}
			i = j
		}
		return i
	}
	// The commitments that recur, by the first of their thread.
	members := map[int][]int{}
	var roots []int
	for i, l := range links {
		if !l.Recurring {
			continue
		}
		r := root(i)
		if r == i {
			continue
		}
		if members[r] == nil {
			roots = append(roots, r)
		}
		members[r] = append(members[r], i)
	}
	slices.Sort(roots) // in the order their first commitments come
	var out [][]int64
	years := map[int64][]int{}
	yearOf := map[int64]int{}
	for _, r := range roots {
		group := append([]int{r}, members[r]...)
		slices.Sort(group)
		set := map[int]bool{}
		for _, i := range group {
			set[links[i].Year] = true
		}
		if len(set) < minYears {
			continue
		}
		ids := make([]int64, len(group))
		for k, i := range group {
			ids[k] = links[i].ID
			yearOf[links[i].ID] = links[i].Year
		}
		out = append(out, ids)
		years[ids[0]] = slices.Sorted(maps.Keys(set))
	}
	slices.SortStableFunc(out, func(a, b []int64) int { return cmp.Compare(len(years[b[0]]), len(years[a[0]])) })
	// The ones shown go back in the order they began.
	return out, years, yearOf
}

// threadCells lays the threads out by year: for each of the years any of
// them covers, the thread's commitments of that year that members holds,
// and how many more it has. Threads that began earliest come first.
func threadCells(groups [][]int64, years map[int64][]int, yearOf map[int64]int, members []track.Commitment) ([]Thread, []int) {
	byID := map[int64]track.Commitment{}
	for _, c := range members {
		byID[c.ID] = c
	}
	yearSet := map[int]bool{}
	for _, g := range groups {
		for _, y := range years[g[0]] {
			yearSet[y] = true
		}
	}
	all := slices.Sorted(maps.Keys(yearSet))
	var out []Thread
	for _, g := range groups {
		t := Thread{Cells: make([][]track.Commitment, len(all)), More: make([]int, len(all))}
		for _, id := range g {
			k := slices.Index(all, yearOf[id])
			if c, ok := byID[id]; ok {
				t.Cells[k] = append(t.Cells[k], c)
			} else {
				t.More[k]++
			}
		}
		out = append(out, t)
	}
	slices.SortStableFunc(out, func(a, b Thread) int {
		i, j := firstCell(a), firstCell(b)
		if i != j {
			return i - j
		}
		return cmp.Or(strings.Compare(a.Cells[i][0].Date, b.Cells[j][0].Date), cmp.Compare(a.Cells[i][0].Ordinal, b.Cells[j][0].Ordinal))
	})
	return out, all
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

// ShortTitle is what tells a statement's title from the others' in a list
// that shows its parties and date beside it: the title from 关于 on
// (关于发展新时代全面战略协作伙伴关系的联合声明), without the parties and
// occasion before it that the statements of two states share; the whole
// title when it has no 关于 or nothing after it.
func ShortTitle(title string) string {
	if i := strings.Index(title, "关于"); i > 0 && len(title) > i+len("关于") {
		return title[i:]
	}
	return title
}
