package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"pledge/export"
	"pledge/figures"
	"pledge/track"
)

// itemOf is commitment c as the API gives it: as pledge export writes it
// in JSON, with its statement's id, and the similarity to the earlier
// commitment it recurs from (null for a new one, as previous_id is).
func itemOf(c track.Commitment) export.Record {
	var similarity *float64
	if c.Status == "recurring" && c.Previous != 0 {
		similarity = &c.Similarity
	}
	return append(export.RecordOf(c), export.Field{Name: "statement_id", Value: c.StatementID},
		export.Field{Name: "similarity", Value: similarity})
}

type alternative struct {
	Domain      string  `json:"domain"`
	Probability float64 `json:"probability"`
}

// apiList answers GET /api/commitments: a page of the commitments the
// parameters select (see parseQuery), how many they select in all, and
// the cursors of the pages after and before it (next and prev, null when
// there is none): after=NEXT is the next page, whatever its offset, at the
// cost of the first.
func (s *Server) apiList(w http.ResponseWriter, r *http.Request) {
	q, ok := s.apiQuery(w, r)
	if !ok {
		return
	}
	p, total, err := s.page(r.Context(), q)
	if errors.Is(err, track.ErrCursor) {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	unlinked, err := s.store.Unlinked(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	markUnlinked(unlinked, p.Items)
	items := make([]export.Record, len(p.Items))
	for i, c := range p.Items {
		items[i] = itemOf(c)
	}
	cursor := func(c track.Cursor) *string {
		if c == "" {
			return nil
		}
		s := string(c)
		return &s
	}
	writeJSON(w, http.StatusOK, struct {
		Total  int             `json:"total"`
		Limit  int             `json:"limit"`
		Offset int             `json:"offset"`
		Next   *string         `json:"next"`
		Prev   *string         `json:"prev"`
		Items  []export.Record `json:"items"`
	}{total, q.Limit, q.Offset, cursor(p.Next), cursor(p.Prev), items})
}

// apiQuery reads a list's parameters (see parseQuery and checkNames),
// answering 400 when one is no value it takes.
func (s *Server) apiQuery(w http.ResponseWriter, r *http.Request) (query, bool) {
	q, err := parseQuery(r.URL.Query())
	if err == nil {
		err = s.checkNames(r.Context(), q)
	}
	var bad *badParam
	switch {
	case errors.As(err, &bad):
		writeError(w, http.StatusBadRequest, err.Error())
		return q, false
	case err != nil:
		s.serverError(w, r, err)
		return q, false
	}
	return q, true
}

// apiGet answers GET /api/commitments/{id}.
func (s *Server) apiGet(w http.ResponseWriter, r *http.Request) {
	if id, ok := s.pathID(w, r); ok {
		s.writeDetail(w, r, id)
	}
}

// writeDetail answers with commitment id and what its page shows.
func (s *Server) writeDetail(w http.ResponseWriter, r *http.Request, id int64) {
	d, err := s.detail(r, id)
	if err != nil {
		s.apiFailure(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// detail reads commitment id with what its page shows: its item, then
// alternatives, the domains most probable by the model, most probable
// first (empty when the model is not recorded whole), and thread, the
// earlier commitments it recurs from, each from the one after it, newest
// first.
func (s *Server) detail(r *http.Request, id int64) (export.Record, error) {
	ctx := r.Context()
	thread, err := s.store.Thread(ctx, id)
	if err != nil {
		return nil, err
	}
	unlinked, err := s.store.Unlinked(ctx)
	if err != nil {
		return nil, err
	}
	markUnlinked(unlinked, thread)
	alts, err := s.store.Alternatives(ctx, id, 3)
	if err != nil {
		return nil, err
	}
	alternatives := []alternative{}
	for _, p := range alts {
		alternatives = append(alternatives, alternative{p.Label, p.Prob})
	}
	earlier := []export.Record{}
	for _, c := range thread[1:] {
		earlier = append(earlier, itemOf(c))
	}
	return append(itemOf(thread[0]), export.Field{Name: "alternatives", Value: alternatives},
		export.Field{Name: "thread", Value: earlier}), nil
}

// apiCandidates answers GET /api/commitments/{id}/candidates: the earlier
// commitments it may repeat, most similar first, as the review queue's r
// offers them.
func (s *Server) apiCandidates(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	cs, err := s.store.Candidates(r.Context(), id, 9)
	if err != nil {
		s.apiFailure(w, r, err)
		return
	}
	unlinked, err := s.store.Unlinked(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	out := []export.Record{}
	for _, c := range cs {
		one := []track.Commitment{c.Commitment}
		markUnlinked(unlinked, one)
		out = append(out, append(itemOf(one[0]), export.Field{Name: "candidate_similarity", Value: c.Similarity}))
	}
	writeJSON(w, http.StatusOK, out)
}

// apiTally answers GET /api/tally: commitments per domain per year, new
// and recurring, and statements per year (year null: undated); with=NAME
// keeps the statements whose parties include NAME.
func (s *Server) apiTally(w http.ResponseWriter, r *http.Request) {
	q, ok := s.apiQuery(w, r)
	if !ok {
		return
	}
	t, err := cached(r.Context(), s, fmt.Sprintf("tally %q", q.Filter.With), func(ctx context.Context) (*figures.Tally, error) {
		return s.store.Tally(ctx, q.Filter.With...)
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	type cell struct {
		New       int `json:"new"`
		Recurring int `json:"recurring"`
	}
	type row struct {
		Year       *int            `json:"year"`
		Statements int             `json:"statements"`
		Cells      map[string]cell `json:"cells"`
	}
	out := struct {
		Domains []string `json:"domains"`
		Rows    []row    `json:"rows"`
	}{Domains: t.Domains, Rows: []row{}}
	for _, r := range t.Rows {
		x := row{Statements: r.Statements, Cells: map[string]cell{}}
		if r.Year != 0 {
			x.Year = &r.Year
		}
		for d, c := range r.Cells {
			x.Cells[d] = cell{c.New, c.Recurring}
		}
		out.Rows = append(out.Rows, x)
	}
	writeJSON(w, http.StatusOK, out)
}

// patch is the body of PATCH /api/commitments/{id}: a person's domain
// and/or link. label_source "model" takes the person's label back, and
// link_source "model" the person's link.
type patch struct {
	Domain      *string `json:"domain"`
	Status      *string `json:"status"`
	PreviousID  *int64  `json:"previous_id"`
	LabelSource *string `json:"label_source"`
	LinkSource  *string `json:"link_source"`
}

// maxBody bounds what a PATCH may send.
const maxBody = 64 << 10

// apiPatch answers PATCH /api/commitments/{id}: it stores the correction,
// links again what it changes, and answers with the commitment as it is
// now.
func (s *Server) apiPatch(w http.ResponseWriter, r *http.Request) {
	if s.opt.ReadOnly {
		writeError(w, http.StatusForbidden, "pledge serve --read-only: changes are refused")
		return
	}
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	if r.ContentLength > maxBody {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is %d bytes, more than the %d a correction may send", r.ContentLength, maxBody))
		return
	}
	p, err := decodePatch(http.MaxBytesReader(w, r.Body, maxBody))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is more than the %d bytes a correction may send", maxBody))
		return
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "the body is not one JSON object of domain, status, previous_id, label_source or link_source: "+err.Error())
		return
	}
	if msg := s.checkPatch(r, p); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	ctx := r.Context()
	if _, err := s.store.Commitment(ctx, id); err != nil {
		s.apiFailure(w, r, err)
		return
	}
	// The link first: it is the part that can conflict, and then nothing
	// is stored.
	switch {
	case p.LinkSource != nil:
		err = s.store.UndecideLink(ctx, id)
	case p.Status != nil:
		err = s.store.DecideLink(ctx, id, 0)
	case p.PreviousID != nil:
		err = s.store.DecideLink(ctx, id, *p.PreviousID)
	}
	if err == nil {
		switch {
		case p.LabelSource != nil:
			err = s.store.Unlabel(ctx, id)
		case p.Domain != nil:
			err = s.store.Label(ctx, id, strings.TrimSpace(*p.Domain))
		}
	}
	if err == nil {
		err = s.linkPending(r)
	}
	if err != nil {
		s.apiFailure(w, r, err)
		return
	}
	s.writeDetail(w, r, id)
}

// decodePatch reads the body of a PATCH: one JSON object, whose keys are
// patch's exactly (as the API spells them: not Domain or DOMAIN), each at
// most once, and nothing after it.
func decodePatch(body io.Reader) (patch, error) {
	var p patch
	fields := map[string]any{"domain": &p.Domain, "status": &p.Status, "previous_id": &p.PreviousID,
		"label_source": &p.LabelSource, "link_source": &p.LinkSource}
	dec := json.NewDecoder(body)
	if tok, err := dec.Token(); err != nil {
		return p, err
	} else if tok != json.Delim('{') {
		return p, fmt.Errorf("it starts with %v", tok)
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return p, err
		}
		key, _ := tok.(string)
		field, ok := fields[key]
		switch {
		case !ok:
			return p, fmt.Errorf("unknown key %q", key)
		case seen[key]:
			return p, fmt.Errorf("the key %q twice", key)
		}
		seen[key] = true
		if err := dec.Decode(field); err != nil {
			return p, fmt.Errorf("%s: %w", key, err)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return p, err
	}
	if _, err := dec.Token(); err != io.EOF {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return p, err
		}
		return p, errors.New("more follows the object")
	}
	return p, nil
}

// checkPatch says what is wrong with a patch, or "".
func (s *Server) checkPatch(r *http.Request, p patch) string {
	switch {
	case p.Domain == nil && p.Status == nil && p.PreviousID == nil && p.LabelSource == nil && p.LinkSource == nil:
		return "nothing to change: give domain, status, previous_id, label_source or link_source"
	case p.Domain != nil && p.LabelSource != nil:
		return "give domain or label_source, not both"
	case p.Status != nil && p.PreviousID != nil, p.LinkSource != nil && (p.Status != nil || p.PreviousID != nil):
		return "give one of status, previous_id and link_source"
	case p.Status != nil && *p.Status != "new":
		return fmt.Sprintf("status %q: only new can be given; to say what a commitment repeats, give previous_id", *p.Status)
	case p.PreviousID != nil && *p.PreviousID <= 0:
		return fmt.Sprintf("previous_id %d: want the id of an earlier commitment", *p.PreviousID)
	case p.LabelSource != nil && *p.LabelSource != "model":
		return fmt.Sprintf("label_source %q: only model can be given, to take a person's label back; give domain to label", *p.LabelSource)
	case p.LinkSource != nil && *p.LinkSource != "model":
		return fmt.Sprintf("link_source %q: only model can be given, to take a person's link back", *p.LinkSource)
	}
	if p.Domain != nil {
		d := strings.TrimSpace(*p.Domain)
		if d == "" || strings.IndexFunc(d, unicode.IsControl) >= 0 {
			return fmt.Sprintf("domain %q: want a domain's name", *p.Domain)
		}
		known, err := cached(r.Context(), s, "domains", s.store.Domains)
		if err == nil && !known[d] {
			return fmt.Sprintf("domain %q is no domain of this database (pledge label --new-label adds one)", d)
		}
	}
	return ""
}

// linkPending links what a correction changed, and brings up to date
// what the database keeps for its readers.
func (s *Server) linkPending(r *http.Request) error {
	if _, err := s.store.LinkPending(r.Context()); err != nil {
		return err
	}
	return s.store.Summarise(r.Context())
}

// pathID reads the {id} of the path, answering 400 when it is none.
func (s *Server) pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		refuse(w, r, http.StatusBadRequest, fmt.Sprintf("%q is not a commitment id", r.PathValue("id")))
		return 0, false
	}
	return id, true
}

// apiFailure answers an error of the store with the status that fits it.
func (s *Server) apiFailure(w http.ResponseWriter, r *http.Request, err error) {
	var conflict *track.LinkConflict
	switch {
	case errors.Is(err, track.ErrNotFound):
		writeError(w, http.StatusNotFound, err.Error())
	case errors.As(err, &conflict), errors.Is(err, track.ErrNoModelLabel):
		writeError(w, http.StatusConflict, err.Error())
	case errors.Is(err, track.ErrReadOnly):
		writeError(w, http.StatusForbidden, "the database "+err.Error())
	default:
		s.serverError(w, r, err)
	}
}

// serverError answers an error that is not the request's fault.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		return // the client went away
	}
	refuse(w, r, http.StatusInternalServerError, err.Error())
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// writeError answers with {"error": msg}.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
