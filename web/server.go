// Package web serves a pledge database as local web pages and JSON, for a
// person to review and correct what the model and the linker decided: an
// overview of the tallies, every commitment with filters, one commitment
// with its thread, a review queue driven by the keyboard that puts the
// least certain labels and links first, and retraining the model with the
// person's labels. Every correction is stored at once, as a person's.
//
// It is meant for one person on their own machine: it answers only
// requests addressed to the served address or localhost (against DNS
// rebinding), refuses writes that come from other sites, escapes every
// value from the database, and loads nothing from the network.
package web

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"

	"pledge/classify"
	"pledge/track"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Options say how to serve.
type Options struct {
	// Addr is the address the server listens on (host:port, the port
	// resolved): requests must name it, or localhost, as their Host.
	Addr string
	// ReadOnly refuses every change.
	ReadOnly bool
	// Segmenter returns the segmenter that retraining tokenizes training
	// data with; retraining is not offered when it is nil.
	Segmenter func() (classify.Segmenter, error)
}

// Server serves one database.
type Server struct {
	store *track.Store
	opt   Options
	pages map[string]*template.Template
	mux   *http.ServeMux

	// retrained is the model retraining made last, which a person may
	// apply: each is a megabyte or more, and only the last is offered.
	mu        sync.Mutex
	retrained *classify.Model

	// cache keeps the figures of the whole database that pages show.
	cache cache
}

// New returns a Server of store.
func New(store *track.Store, opt Options) (*Server, error) {
	s := &Server{store: store, opt: opt, mux: http.NewServeMux()}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	static, err := fs.Sub(staticFiles, "static")
	if err != nil {
		return nil, err
	}
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /{$}", s.overview)
	s.mux.HandleFunc("GET /commitments", s.commitments)
	s.mux.HandleFunc("GET /commitments/{id}", s.commitment)
	s.mux.HandleFunc("GET /review", s.review)
	s.mux.HandleFunc("GET /retrain", s.retrainPage)
	s.mux.HandleFunc("POST /retrain", s.retrain)
	s.mux.HandleFunc("POST /retrain/apply", s.applyRetrained)
	s.mux.HandleFunc("GET /api/commitments", s.apiList)
	s.mux.HandleFunc("GET /api/commitments/{id}", s.apiGet)
	s.mux.HandleFunc("PATCH /api/commitments/{id}", s.apiPatch)
	s.mux.HandleFunc("GET /api/commitments/{id}/candidates", s.apiCandidates)
	s.mux.HandleFunc("GET /api/tally", s.apiTally)
	s.mux.HandleFunc(apiFallback, s.apiNotFound)
	return s, nil
}

// apiFallback is the pattern of the API paths no route answers.
const apiFallback = "/api/"

// apiNotFound answers a request to the API that no route takes: 405, with
// the methods it takes, when the path is a route's; else 404.
func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	var allowed []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		other := r.Clone(r.Context())
		other.Method = m
		if _, pattern := s.mux.Handler(other); pattern != apiFallback && pattern != "" {
			allowed = append(allowed, m)
		}
	}
	if len(allowed) == 0 {
		writeError(w, http.StatusNotFound, "no such API route: "+r.Method+" "+r.URL.Path)
		return
	}
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s is not a method of %s: it takes %s", r.Method, r.URL.Path, strings.Join(allowed, ", ")))
}

// ServeHTTP checks where a request comes from and what it is addressed to,
// then serves it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// Nothing runs but the pages' own script, and nothing loads from
	// elsewhere; no other site may frame the pages.
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if !s.allowedHost(r.Host) {
		refuse(w, r, http.StatusForbidden, "pledge serve answers requests to "+s.opt.Addr+" or localhost only, not to "+r.Host)
		return
	}
	crossOrigin.Handler(s.mux).ServeHTTP(w, r)
}

// crossOrigin refuses requests that change something and come from another
// site (a page elsewhere posting to this one).
var crossOrigin = func() *http.CrossOriginProtection {
	c := http.NewCrossOriginProtection()
	c.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		refuse(w, r, http.StatusForbidden, "a request from another site may not change anything here")
	}))
	return c
}()

// allowedHost reports whether a request's Host names this server: its
// address, or localhost, at its port. A name that merely resolves here
// (DNS rebinding) is refused.
func (s *Server) allowedHost(host string) bool {
	if s.opt.Addr == "" {
		return true
	}
	bound, port, err := net.SplitHostPort(s.opt.Addr)
	if err != nil {
		return false
	}
	name, p, err := net.SplitHostPort(host)
	if err != nil {
		name, p = host, ""
	}
	if p != "" && p != port {
		return false
	}
	if name == "localhost" {
		return true
	}
	ip := net.ParseIP(trimBrackets(name))
	if ip == nil {
		return false
	}
	b := net.ParseIP(bound)
	return ip.IsLoopback() || bound == "" || b != nil && (ip.Equal(b) || b.IsUnspecified())
}

func trimBrackets(s string) string {
	if len(s) > 1 && s[0] == '[' && s[len(s)-1] == ']' {
		return s[1 : len(s)-1]
	}
	return s
}

// refuse answers a refused request: in JSON to the API, in text to pages.
func refuse(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if isAPI(r) {
		writeError(w, status, msg)
		return
	}
	http.Error(w, msg, status)
}

func isAPI(r *http.Request) bool {
	return len(r.URL.Path) >= 5 && r.URL.Path[:5] == "/api/"
}
