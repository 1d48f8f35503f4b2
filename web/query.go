package web

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"pledge/extract"
	"pledge/track"
)

// query is what a list of commitments asks for: the filters, the order
// and the page. Pages and the API read it from the same parameters.
type query struct {
	Filter track.Filter
	// Year, Domain, Status, With, Source, Text and IDs are the parameters
	// as given, for the form that shows them and for links to other pages.
	Year, Domain, Status, With, Source, Text, IDs string
	Order                                         track.Order
	Limit, Offset                                 int
	// After and Before are cursors of the list (track.Cursor): the page
	// after one, or before; From is the position of a cursor's page in
	// the list, carried by the links between pages to number its rows.
	After, Before track.Cursor
	From          int
}

// pageQuery is the page of the commitments q asks for.
func (q query) pageQuery() track.PageQuery {
	return track.PageQuery{Filter: q.Filter, Order: q.Order, Limit: q.Limit, Offset: q.Offset, After: q.After, Before: q.Before}
}

// Page sizes.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// badParam is a parameter that is not a value it can take: a 400.
type badParam struct{ name, value, want string }

func (e *badParam) Error() string {
	return fmt.Sprintf("%s=%q: want %s", e.name, e.value, e.want)
}

// parseQuery reads a list's parameters: year (a year, or none for
// statements without a date), domain, status (new or recurring), with (a
// party), source (model or person: who gave the label), q (text the
// commitment holds), ids (commitment ids, comma-separated), sort (date,
// label or link: by doubt), limit, and offset, or a cursor a page gave:
// after (the page after it) or before (the page before), with from, the
// position its page starts at.
func parseQuery(v url.Values) (query, error) {
	q := query{Year: v.Get("year"), Domain: v.Get("domain"), Status: v.Get("status"), With: v.Get("with"),
		Source: v.Get("source"), Text: v.Get("q"), IDs: v.Get("ids"), Order: track.Order(v.Get("sort")), Limit: defaultLimit,
		After: track.Cursor(v.Get("after")), Before: track.Cursor(v.Get("before"))}
	f := &q.Filter
	switch {
	case q.Year == "":
	case q.Year == "none":
		f.Undated = true
	default:
		y, err := strconv.Atoi(q.Year)
		if err != nil || y < extract.MinYear || y > extract.MaxYear() {
			return q, &badParam{"year", q.Year, fmt.Sprintf("a year from %d to %d, or none", extract.MinYear, extract.MaxYear())}
		}
		f.Year = y
	}
	f.Domain = strings.TrimSpace(q.Domain)
	switch q.Status {
	case "", "new", "recurring":
		f.Status = q.Status
	default:
		return q, &badParam{"status", q.Status, "new or recurring"}
	}
	if w := strings.TrimSpace(q.With); w != "" {
		f.With = []string{extract.CanonicalParty(w)}
	}
	switch q.Source {
	case "", "model", "person":
		f.LabelSource = q.Source
	default:
		return q, &badParam{"source", q.Source, "model or person"}
	}
	f.Search = strings.TrimSpace(q.Text)
	if q.IDs != "" {
		for _, s := range strings.Split(q.IDs, ",") {
			id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil || id <= 0 {
				return q, &badParam{"ids", q.IDs, "commitment ids separated by commas"}
			}
			f.IDs = append(f.IDs, id)
		}
		if len(f.IDs) > maxLimit {
			return q, &badParam{"ids", q.IDs, fmt.Sprintf("at most %d ids", maxLimit)}
		}
	}
	switch q.Order {
	case "":
		q.Order = track.ByDate
	case track.ByDate, track.ByLabelDoubt, track.ByLinkDoubt:
	default:
		return q, &badParam{"sort", string(q.Order), "date, label or link"}
	}
	var err error
	if q.Limit, err = intParam(v, "limit", defaultLimit, 1, maxLimit); err != nil {
		return q, err
	}
	if q.Offset, err = intParam(v, "offset", 0, 0, 1<<40); err != nil {
		return q, err
	}
	if q.From, err = intParam(v, "from", 0, 1, 1<<40); err != nil {
		return q, err
	}
	switch {
	case q.After != "" && q.Before != "":
		return q, &badParam{"before", string(q.Before), "no before with after: one cursor"}
	case (q.After != "" || q.Before != "") && q.Offset != 0:
		return q, &badParam{"offset", v.Get("offset"), "no offset with a cursor (after or before)"}
	}
	return q, nil
}

func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, &badParam{name, s, fmt.Sprintf("a whole number from %d to %d", lo, hi)}
	}
	return n, nil
}

// values are q's parameters, for a link to another page of the list or
// another order.
func (q query) values() url.Values {
	v := url.Values{}
	for _, p := range [][2]string{{"year", q.Year}, {"domain", q.Domain}, {"status", q.Status}, {"with", q.With},
		{"source", q.Source}, {"q", q.Text}, {"ids", q.IDs}} {
		if p[1] != "" {
			v.Set(p[0], p[1])
		}
	}
	if q.Order != track.ByDate {
		v.Set("sort", string(q.Order))
	}
	if q.Limit != defaultLimit {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	for _, p := range [][2]string{{"after", string(q.After)}, {"before", string(q.Before)}} {
		if p[1] != "" {
			v.Set(p[0], p[1])
		}
	}
	if q.Offset != 0 {
		v.Set("offset", strconv.Itoa(q.Offset))
	}
	if q.From != 0 {
		v.Set("from", strconv.Itoa(q.From))
	}
	return v
}

// link is the URL of the list at path with q's parameters, changed as
// set says (a pair of name and value; an empty value removes it).
func (q query) link(path string, set ...string) string {
	v := q.values()
	for i := 0; i+1 < len(set); i += 2 {
		if set[i+1] == "" {
			v.Del(set[i])
		} else {
			v.Set(set[i], set[i+1])
		}
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// filtered reports whether q narrows the list at all.
func (q query) filtered() bool {
	return slices.ContainsFunc([]string{q.Year, q.Domain, q.Status, q.With, q.Source, q.Text, q.IDs}, func(s string) bool { return s != "" })
}

// checkNames refuses a list's domain or party that no commitment or
// statement of the database has: a name mistyped selects nothing, and the
// answer should say so, with the names there are, not be an empty list.
func (s *Server) checkNames(ctx context.Context, q query) error {
	if q.Filter.Domain != "" {
		known, err := cached(ctx, s, "domains", s.store.Domains)
		if err != nil {
			return err
		}
		if !known[q.Filter.Domain] {
			return &badParam{"domain", q.Domain, "a domain of this database: " + names(slices.Sorted(maps.Keys(known)))}
		}
	}
	if len(q.Filter.With) > 0 {
		parties, err := cached(ctx, s, "parties", s.store.Parties)
		if err != nil {
			return err
		}
		for _, p := range q.Filter.With {
			if !slices.Contains(parties, p) {
				return &badParam{"with", q.With, "a party of this database's statements: " + names(parties)}
			}
		}
	}
	return nil
}

// names lists names, the first 20 of them.
func names(ns []string) string {
	if len(ns) == 0 {
		return "(none yet)"
	}
	if len(ns) > 20 {
		return strings.Join(ns[:20], ", ") + fmt.Sprintf(", … (%d in all)", len(ns))
	}
	return strings.Join(ns, ", ")
}
