package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"pledge/classify"
	"pledge/figures"
	"pledge/report"
	"pledge/track"
)

// pageNames are the pages, each a template file with a "content" that
// the layout frames.
var pageNames = []string{"overview", "commitments", "commitment", "review", "retrain"}

var funcs = template.FuncMap{
	"num":    func(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) },
	"add":    func(a, b float64) float64 { return a + b },
	"center": func(b report.Bar) float64 { return b.X + b.Width/2 },
	"pct":    func(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) },
	// right says how many of an evaluation's examples were labelled
	// right: 1 of 3, which a percentage alone hides.
	"right": func(e *classify.Evaluation) string {
		return fmt.Sprintf("%.0f of %d", e.Accuracy()*float64(e.Total()), e.Total())
	},
	// share is a of b in percent.
	"share": func(a, b int) float64 { return 100 * float64(a) / float64(max(1, b)) },
	"percent": func(a, b int) string {
		if b == 0 {
			return "–"
		}
		return fmt.Sprintf("%.0f%%", 100*float64(a)/float64(b))
	},
	"yearLabel": func(y int) string {
		if y == 0 {
			return "no date"
		}
		return strconv.Itoa(y)
	},
	"yearParam": yearParam,
	"yearParamOfLabel": func(label string) string {
		if _, err := strconv.Atoi(label); err != nil {
			return "none"
		}
		return label
	},
	// partnerParam is the with= of a partner, "" for the partner row of
	// statements whose parties are unknown, which no filter selects.
	"partnerParam": func(p string) string {
		if p == figures.UnknownPartner {
			return ""
		}
		return p
	},
	"chartOf": func(c report.Chart, key string) any {
		return struct {
			report.Chart
			Key string
		}{c, key}
	},
	// list is the URL of the commitments a pair of names and values
	// select.
	"list": func(pairs ...string) string {
		v := url.Values{}
		for i := 0; i+1 < len(pairs); i += 2 {
			v.Set(pairs[i], pairs[i+1])
		}
		return "/commitments?" + v.Encode()
	},
	"ids": func(ids []int64) string {
		s := make([]string, len(ids))
		for i, id := range ids {
			s[i] = strconv.FormatInt(id, 10)
		}
		return "/commitments?ids=" + url.QueryEscape(strings.Join(s, ","))
	},
	"domainName": domainName,
	"plural": func(n int, noun string) string {
		if n == 1 {
			return "1 " + noun
		}
		return strconv.Itoa(n) + " " + noun + "s"
	},
	"join":  strings.Join,
	"short": report.ShortTitle,
	// base is a database's file name: its folder is on hover.
	"base":    filepath.Base,
	"strings": func(s ...string) []string { return s },
	// key is the key that picks the i-th domain in review: 1 to 9, then 0.
	"key": func(i int) string { return strconv.Itoa((i + 1) % 10) },
}

func yearParam(y int) string {
	if y == 0 {
		return "none"
	}
	return strconv.Itoa(y)
}

// domainName is a domain's Chinese name and its id, or the id of a domain
// of a person's own.
func domainName(id string) string {
	for _, d := range classify.Domains() {
		if d.ID == id {
			return d.Chinese + " " + d.ID
		}
	}
	return id
}

func parsePages() (map[string]*template.Template, error) {
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		pages[name] = t
	}
	return pages, nil
}

// base is what every page shows around its content.
type base struct {
	Title, Nav, DB string
	ReadOnly       bool
	// Unlinked counts the commitments whose links wait to be computed,
	// which the page says.
	Unlinked int
}

func (s *Server) base(title, nav string, u track.Unlinked) base {
	return base{Title: title, Nav: nav, DB: s.store.Path(), ReadOnly: s.opt.ReadOnly, Unlinked: u.Count}
}

// unlinkedStatus is the status pages and the API give a commitment whose
// links wait to be computed (see track.Unlinked): a stopped run stored it,
// or one of its group, and did not link them, and pledge serve --read-only
// does not.
const unlinkedStatus = "unlinked"

// markUnlinked gives the commitments of cs whose links wait to be computed
// the status unlinkedStatus.
func markUnlinked(u track.Unlinked, cs []track.Commitment) {
	for i := range cs {
		if u.Has(cs[i]) {
			cs[i].Status = unlinkedStatus
		}
	}
}

// render writes page name with data, or a server error: into a buffer
// first, so that a failure halfway sends no half page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, status int, data any) {
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "layout", data); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// DoubtBelow is the probability under which the overview counts a model's
// label as doubtful, as the report marks it.
const DoubtBelow = report.ReviewBelow

// overviewData is what the overview shows of the whole database.
type overviewData struct {
	Tally    *figures.Tally
	Reviewed track.Reviewed
	Partners *figures.PartnerTally
	Across   bool
	Areas    map[int][]figures.Area
}

// overviewOf reads what the overview shows.
func (s *Server) overviewOf(ctx context.Context) (overviewData, error) {
	var d overviewData
	var err error
	if d.Tally, err = s.store.Tally(ctx); err != nil {
		return d, err
	}
	if d.Reviewed, err = s.store.Reviewed(ctx, DoubtBelow); err != nil {
		return d, err
	}
	if d.Partners, err = s.store.PartnerTally(ctx); err != nil {
		return d, err
	}
	if d.Across, err = s.store.AcrossParties(ctx); err != nil {
		return d, err
	}
	d.Areas, err = s.store.AllNewAreas(ctx)
	return d, err
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	d, err := cached(r.Context(), s, "overview", s.overviewOf)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	unlinked, err := s.store.Unlinked(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	t := d.Tally
	total, statements := t.Total()
	domains := report.DomainsOf(t.Domains)
	s.render(w, r, "overview", http.StatusOK, struct {
		base
		Statements, Commitments int
		Reviewed                track.Reviewed
		DoubtBelow              float64
		Tally                   *figures.Tally
		Domains                 []report.Domain
		Chart, Status           report.Chart
		Partners                *figures.PartnerTally
		Across                  bool
		Areas                   []report.YearAreas
		Applied                 string
	}{s.base("Overview", "overview", unlinked), statements, total.Total(), d.Reviewed, DoubtBelow, t, domains,
		report.DomainChart(t, domains), report.StatusChart(t), d.Partners, d.Across, report.NewAreas(t.Years(), d.Areas), r.URL.Query().Get("applied")})
}

// page reads the page of commitments q asks for, and how many q selects
// in all (counted once for the database's state).
func (s *Server) page(ctx context.Context, q query) (track.Paged, int, error) {
	p, err := s.store.PageOf(ctx, q.pageQuery())
	if err != nil {
		return p, 0, err
	}
	total, err := cached(ctx, s, fmt.Sprintf("count %#v", q.Filter), func(ctx context.Context) (int, error) {
		return s.store.CountCommitments(ctx, q.Filter)
	})
	return p, total, err
}

func (s *Server) commitments(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q, qerr := parseQuery(r.URL.Query())
	if qerr == nil {
		if qerr = s.checkNames(ctx, q); qerr != nil && !errors.As(qerr, new(*badParam)) {
			s.serverError(w, r, qerr)
			return
		}
	}
	status := http.StatusOK
	var p track.Paged
	total := 0
	if qerr != nil {
		status = http.StatusBadRequest
	} else {
		var err error
		if p, total, err = s.page(ctx, q); errors.Is(err, track.ErrCursor) {
			status, qerr = http.StatusBadRequest, err
		} else if err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	unlinked, err := s.store.Unlinked(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	markUnlinked(unlinked, p.Items)
	years, err := cached(ctx, s, "years", s.store.Years)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	parties, err := cached(ctx, s, "parties", s.store.Parties)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	domains, err := s.allDomains(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	items := p.Items
	data := struct {
		base
		Q struct {
			query
			Filtered bool
		}
		Items      []track.Commitment
		Total      int
		From, To   int
		Prev, Next string
		API        string
		Years      []int
		AllDomains []report.Domain
		Parties    []string
		Error      string
	}{base: s.base("Commitments", "commitments", unlinked), Items: items, Total: total, Years: years,
		AllDomains: domains, Parties: parties}
	data.Q.query, data.Q.Filtered = q, q.filtered()
	if qerr != nil {
		data.Error = "Not a list pledge can show: " + qerr.Error()
	}
	// Where the page starts: the offset asked for, or the position a
	// cursor link carries (from), which only numbers the rows.
	first := q.Offset
	if q.After != "" || q.Before != "" {
		first = max(0, q.From-1)
		if q.Before != "" && q.From == 0 {
			first = 0
		}
	}
	if len(items) > 0 {
		data.From, data.To = first+1, first+len(items)
	}
	// Pages link to each other by cursor: a page far down the list costs
	// what the first does.
	if p.Prev != "" {
		data.Prev = q.link("/commitments", "offset", "", "after", "", "before", string(p.Prev), "from", strconv.Itoa(max(1, first+1-q.Limit)))
	}
	if p.Next != "" {
		data.Next = q.link("/commitments", "offset", "", "before", "", "after", string(p.Next), "from", strconv.Itoa(first+len(items)+1))
	}
	data.API = q.link("/api/commitments", "from", "")
	s.render(w, r, "commitments", status, data)
}

// allDomains are the domains a person may give: the GUIDE's ten, then the
// others the database's commitments and models use.
func (s *Server) allDomains(r *http.Request) ([]report.Domain, error) {
	known, err := cached(r.Context(), s, "domains", s.store.Domains)
	if err != nil {
		return nil, err
	}
	guide := classify.Domains()
	ids := make([]string, 0, len(known)+len(guide))
	in := map[string]bool{}
	for _, d := range guide {
		ids = append(ids, d.ID)
		in[d.ID] = true
	}
	var others []string
	for d := range known {
		if !in[d] {
			others = append(others, d)
		}
	}
	slices.Sort(others)
	return report.DomainsOf(append(ids, others...)), nil
}

func (s *Server) commitment(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	thread, err := s.store.Thread(ctx, id)
	if errors.Is(err, track.ErrNotFound) {
		http.Error(w, fmt.Sprintf("No commitment %d.", id), http.StatusNotFound)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	unlinked, err := s.store.Unlinked(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	markUnlinked(unlinked, thread)
	c := thread[0]
	alts, err := s.store.Alternatives(ctx, id, 3)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	th, err := s.store.LinkThreshold(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// The similarity of each earlier commitment to the one after it.
	var sims []float64
	for _, e := range thread[:len(thread)-1] {
		sims = append(sims, e.Similarity)
	}
	var closest *track.Commitment
	if c.Status == "new" && c.Previous != 0 {
		p, err := s.store.Commitment(ctx, c.Previous)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		closest = &p
	}
	domains, err := s.allDomains(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, "commitment", http.StatusOK, struct {
		base
		C            track.Commitment
		Alternatives []classify.Prediction
		Thread       []track.Commitment
		Similarities []float64
		Closest      *track.Commitment
		Threshold    float64
		AllDomains   []report.Domain
	}{s.base(fmt.Sprintf("Commitment %d", id), "commitments", unlinked), c, alts, thread[1:], sims, closest, th, domains})
}

// reviewSize is how many commitments the review queue shows at once.
const reviewSize = 20

func (s *Server) review(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	by := r.URL.Query().Get("by")
	// The queues are those the overview counts (track.Reviewed), so that
	// the two say the same.
	f, order := track.LabelQueue(DoubtBelow), track.ByLabelDoubt
	switch by {
	case "", "label":
		by = "label"
	case "link":
		f, order = track.LinkQueue(), track.ByLinkDoubt
	default:
		http.Error(w, fmt.Sprintf("by=%q: want label or link", by), http.StatusBadRequest)
		return
	}
	// The queue's first page is the same for every request until the
	// database changes.
	type queue struct {
		page  track.Paged
		total int
	}
	q, err := cached(ctx, s, "review "+by, func(ctx context.Context) (queue, error) {
		p, total, err := s.page(ctx, query{Filter: f, Order: order, Limit: reviewSize})
		return queue{p, total}, err
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// A copy: the cached page is every request's, and marking changes it.
	cs, total := slices.Clone(q.page.Items), q.total
	unlinked, err := s.store.Unlinked(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	markUnlinked(unlinked, cs)
	type card struct {
		C            track.Commitment
		Alternatives []classify.Prediction
		Previous     *track.Commitment
	}
	var prevIDs []int64
	for _, c := range cs {
		if c.Previous != 0 {
			prevIDs = append(prevIDs, c.Previous)
		}
	}
	var prevs []track.Commitment
	if len(prevIDs) > 0 { // no ids would select every commitment
		if prevs, err = s.store.Commitments(ctx, track.Filter{IDs: prevIDs}); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	markUnlinked(unlinked, prevs)
	cards := make([]card, len(cs))
	for i, c := range cs {
		cards[i].C = c
		if cards[i].Alternatives, err = s.store.Alternatives(ctx, c.ID, 3); err != nil {
			s.serverError(w, r, err)
			return
		}
		if k := slices.IndexFunc(prevs, func(p track.Commitment) bool { return p.ID == c.Previous }); k >= 0 {
			cards[i].Previous = &prevs[k]
		}
	}
	th, err := s.store.LinkThreshold(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, "review", http.StatusOK, struct {
		base
		By         string
		Total      int
		Threshold  float64
		DoubtBelow float64
		Keys       []classify.Domain
		Cards      []card
	}{s.base("Review", "review", unlinked), by, total, th, DoubtBelow, classify.Domains(), cards})
}
