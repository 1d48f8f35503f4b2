package web

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"pledge/classify"
	"pledge/extract"
	"pledge/label"
	"pledge/track"
)

// runes cuts text into pairs of characters: a segmenter for tests, which
// need no dictionary.
type runes struct{}

func (runes) Cut(text string) []string {
	var out []string
	r := []rune(text)
	for i := 0; i < len(r); i += 2 {
		out = append(out, string(r[i:min(i+2, len(r))]))
	}
	return out
}

// fixture is a database of invented statements, and a server of it.
type fixture struct {
	store *track.Store
	path  string
	srv   *Server
	ids   map[string]int64 // commitment ids by text
}

// statements are the fixture's: 甲国 and 乙国 in 2019, 2021 and 2024, 甲国
// and 丙国 in 2020, and one undated; words are separated by spaces.
var statements = []struct {
	date    extract.Date
	title   string
	parties []string
	texts   []string
}{
	{extract.Date{Year: 2019, Month: 6, Day: 5}, "甲国和乙国联合声明", []string{"甲国", "乙国"}, []string{"扩大 本币 结算 规模", "深化 油气 管道 合作"}},
	{extract.Date{Year: 2020, Month: 3, Day: 1}, "甲国和丙国联合声明<script>alert(1)</script>", []string{"甲国", "丙国"}, []string{"扩大 本币 结算 份额", "\"><img src=x onerror=alert(2)> 油气"}},
	{extract.Date{Year: 2021, Month: 6, Day: 28}, "甲国和乙国联合声明", []string{"甲国", "乙国"}, []string{"扩大 本币 结算 份额", "推进 核电 项目"}},
	{extract.Date{Year: 2024, Month: 5, Day: 16}, "甲国和乙国联合声明", []string{"甲国", "乙国"}, []string{"提升 本币 结算 份额", "加强 电网 互联"}},
	{extract.Date{}, "甲国和乙国联合公报", []string{"甲国", "乙国"}, []string{"扩大 本币 互换"}},
}

func newFixture(t *testing.T, opt Options) *fixture {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := track.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	model, err := classify.Train([]classify.Example{
		{Label: "finance", Tokens: strings.Fields("本币 结算 互换 份额")},
		{Label: "energy", Tokens: strings.Fields("油气 管道 核电 电网")},
		{Label: "politics", Tokens: strings.Fields("合作 项目")},
	}, classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	modelID, err := s.RegisterModel(ctx, track.ModelOf(model))
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{path: path, ids: map[string]int64{}}
	for i, st := range statements {
		if _, _, err := s.AddStatement(ctx, statementOf(i, st.title, st.parties, st.date), track.Source{Path: fmt.Sprint(i)},
			labelled(model, st.texts), modelID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	if opt.ReadOnly {
		s.Close()
		if s, err = track.OpenReadOnly(ctx, path); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { s.Close() })
	f.store = s
	if opt.Segmenter == nil {
		opt.Segmenter = func() (classify.Segmenter, error) { return runes{}, nil }
	}
	if f.srv, err = New(s, opt); err != nil {
		t.Fatal(err)
	}
	all, err := s.Commitments(ctx, track.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		f.ids[c.Text] = c.ID
	}
	return f
}

func statementOf(i int, title string, parties []string, date extract.Date) extract.Statement {
	return extract.Statement{Title: title, Parties: parties, Date: date, Fingerprint: fmt.Sprintf("%032d", i)}
}

// labelled labels texts of words with model, as ingest would.
func labelled(model *classify.Model, texts []string) []label.Commitment {
	var cs []label.Commitment
	for k, text := range texts {
		words := strings.Fields(text)
		best := model.Predict(words)[0]
		cs = append(cs, label.Commitment{Commitment: extract.Commitment{Ordinal: k + 1, Text: strings.Join(words, "")},
			Sentences: [][]string{words}, Domain: best.Label, Probability: best.Prob})
	}
	return cs
}

// do sends a request to the fixture's server and returns the response's
// status and body.
func (f *fixture) do(t *testing.T, method, target, body string, header ...string) (int, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	if f.srv.opt.Addr != "" {
		req.Host = f.srv.opt.Addr
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	w := httptest.NewRecorder()
	f.srv.ServeHTTP(w, req)
	return w.Code, w.Body.String()
}

func (f *fixture) id(t *testing.T, text string) int64 {
	t.Helper()
	id, ok := f.ids[text]
	if !ok {
		t.Fatalf("no commitment %q", text)
	}
	return id
}

// TestRoutes gets every page and API route, and ones that do not exist.
func TestRoutes(t *testing.T) {
	f := newFixture(t, Options{})
	share := f.id(t, "扩大本币结算份额")
	tests := []struct {
		target string
		status int
		want   []string
	}{
		{"/", 200, []string{"5 statements, 9 commitments", `href="/commitments?domain=finance&amp;year=2021"`, "New policy areas", "丙国"}},
		{"/commitments", 200, []string{"1–9 of 9", "扩大本币结算份额"}},
		{"/commitments?year=2021&domain=finance", 200, []string{"1–1 of 1", "扩大本币结算份额"}},
		{"/commitments?year=abc", 400, []string{"year=&#34;abc&#34;"}},
		{fmt.Sprintf("/commitments/%d", share), 200, []string{"扩大本币结算份额", "three most probable", "扩大本币结算规模"}},
		{"/commitments/99999", 404, []string{"No commitment 99999"}},
		{"/commitments/x", 400, nil},
		{"/review", 200, []string{"the model gave with a probability below 0.60", `data-key="1" data-domain="politics"`, "moves to the next card"}},
		{"/review?by=link", 200, []string{"of the linker wait", "are left out"}},
		{"/review?by=nothing", 400, nil},
		{"/retrain", 200, []string{"No label was given by a person yet"}},
		{"/static/app.js", 200, []string{"use strict"}},
		{"/static/style.css", 200, []string{".card"}},
		{"/api/commitments?limit=2", 200, []string{`"total":9`, `"limit":2`}},
		{fmt.Sprintf("/api/commitments/%d", share), 200, []string{`"alternatives":[{"domain":"finance"`, `"thread":[{`}},
		{fmt.Sprintf("/api/commitments/%d/candidates", share), 200, []string{`"candidate_similarity"`}},
		{"/api/commitments/99999", 404, []string{`"error":"no such commitment: 99999"`}},
		{"/api/commitments/abc", 400, []string{`"error"`}},
		{"/api/tally", 200, []string{`"domains":[`, `"year":null`}},
		{"/api/nothing", 404, []string{`"error"`}},
		{"/nothing", 404, nil},
	}
	for _, tt := range tests {
		status, body := f.do(t, "GET", tt.target, "")
		if status != tt.status {
			t.Errorf("GET %s: %d, want %d\n%.300s", tt.target, status, tt.status, body)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s lacks %q:\n%.2000s", tt.target, w, body)
			}
		}
	}
}

// list gets /api/commitments with query and returns its total and ids.
func (f *fixture) list(t *testing.T, query string) (int, []int64) {
	t.Helper()
	status, body := f.do(t, "GET", "/api/commitments?"+query, "")
	if status != 200 {
		t.Fatalf("GET /api/commitments?%s: %d %s", query, status, body)
	}
	var page struct {
		Total int
		Items []struct {
			ID          int64   `json:"id"`
			Date        string  `json:"date"`
			Domain      string  `json:"domain"`
			Probability float64 `json:"probability"`
			LabelSource string  `json:"label_source"`
			Status      string  `json:"status"`
			PreviousID  *int64  `json:"previous_id"`
			Text        string  `json:"text"`
		}
	}
	if err := json.Unmarshal([]byte(body), &page); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, it := range page.Items {
		if it.Status == "recurring" && it.PreviousID == nil || it.Status == "new" && it.PreviousID != nil {
			t.Errorf("item %d: status %s with previous_id %v", it.ID, it.Status, it.PreviousID)
		}
		ids = append(ids, it.ID)
	}
	return page.Total, ids
}

// TestFilters selects commitments by each parameter of the API.
func TestFilters(t *testing.T) {
	f := newFixture(t, Options{})
	f.store.Label(context.Background(), f.id(t, "推进核电项目"), "energy")
	tests := []struct {
		query string
		total int
	}{
		{"", 9},
		{"year=2021", 2},
		{"year=none", 1},
		{"domain=finance", 5},
		{"status=recurring", 2},
		{"status=new", 7},
		{"with=丙国", 2},
		{"with=甲国", 9},
		{"source=person", 1},
		{"source=model", 8},
		{"q=" + url.QueryEscape("本币"), 5},
		{"q=" + url.QueryEscape("份额") + "&with=" + url.QueryEscape("乙国"), 2},
		{"q=" + url.QueryEscape("alert（2）"), 1},
		{"q=" + url.QueryEscape("＂＞"), 1},
		{fmt.Sprintf("ids=%d,%d", f.id(t, "推进核电项目"), f.id(t, "加强电网互联")), 2},
		{"sort=label", 9},
		{"sort=link&limit=3", 9},
	}
	for _, tt := range tests {
		if total, _ := f.list(t, tt.query); total != tt.total {
			t.Errorf("%s: %d commitments, want %d", tt.query, total, tt.total)
		}
	}
	all, _ := f.store.Commitments(context.Background(), track.Filter{})
	var paged []int64
	for off := 0; off < 12; off += 4 {
		_, ids := f.list(t, fmt.Sprintf("limit=4&offset=%d", off))
		paged = append(paged, ids...)
	}
	if len(paged) != len(all) {
		t.Fatalf("pages hold %d commitments, want %d", len(paged), len(all))
	}
	for i := range all {
		if paged[i] != all[i].ID {
			t.Errorf("page order differs from the store's at %d", i)
		}
	}
	for _, bad := range []string{"year=1800", "status=old", "source=robot", "sort=random", "limit=0", "limit=100000", "offset=-1", "ids=1,x"} {
		if status, body := f.do(t, "GET", "/api/commitments?"+bad, ""); status != 400 || !strings.Contains(body, `"error"`) {
			t.Errorf("%s: %d %s, want 400 with an error", bad, status, body)
		}
	}
}

// TestPatch corrects labels and links through the API, takes each back,
// and tries what it refuses.
func TestPatch(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	share, scale, nuclear, pipes := f.id(t, "扩大本币结算份额"), f.id(t, "扩大本币结算规模"), f.id(t, "推进核电项目"), f.id(t, "深化油气管道合作")
	patch := func(id int64, body string) (int, map[string]any) {
		t.Helper()
		status, out := f.do(t, "PATCH", fmt.Sprintf("/api/commitments/%d", id), body)
		var m map[string]any
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatalf("PATCH %d %s: %d, not JSON: %s", id, body, status, out)
		}
		return status, m
	}
	tallyOf := func(year int, domain string) int {
		tl, _ := f.store.Tally(ctx)
		for _, r := range tl.Rows {
			if r.Year == year {
				return r.Cells[domain].Total()
			}
		}
		return 0
	}
	before := tallyOf(2021, "energy")
	status, c := patch(share, `{"domain": "energy"}`)
	if status != 200 || c["domain"] != "energy" || c["label_source"] != "person" || c["probability"] != 1.0 {
		t.Errorf("label: %d %v", status, c)
	}
	if got := tallyOf(2021, "energy"); got != before+1 {
		t.Errorf("tally 2021 energy %d after the label, want %d", got, before+1)
	}
	status, c = patch(share, `{"status": "new"}`)
	if status != 200 || c["status"] != "new" || c["link_source"] != "person" || c["previous_id"] != nil {
		t.Errorf("mark new: %d %v", status, c)
	}
	status, c = patch(nuclear, `{"previous_id": `+fmt.Sprint(pipes)+`, "domain": "energy"}`)
	if status != 200 || c["status"] != "recurring" || c["previous_id"] != float64(pipes) || c["link_source"] != "person" || c["label_source"] != "person" {
		t.Errorf("link by hand: %d %v", status, c)
	}
	status, c = patch(share, `{"label_source": "model", "link_source": "model"}`)
	if status != 200 || c["label_source"] != "model" || c["domain"] != "finance" || c["link_source"] != "model" || c["previous_id"] != float64(scale) {
		t.Errorf("take back: %d %v", status, c)
	}
	// What is refused changes nothing.
	snapshot := func() string {
		_, body := f.do(t, "GET", "/api/commitments", "")
		return body
	}
	was := snapshot()
	for _, tt := range []struct {
		id     int64
		body   string
		status int
	}{
		{share, ``, 400},
		{share, `{}`, 400},
		{share, `{"domain": "energy", "colour": "red"}`, 400},
		{share, `{"domain": ""}`, 400},
		{share, `{"domain": "astrology"}`, 400},
		{share, `{"domain": "ener\u0007gy"}`, 400},
		{share, `{"domain": "energy", "label_source": "model"}`, 400},
		{share, `{"status": "recurring"}`, 400},
		{share, `{"status": "new", "previous_id": 1}`, 400},
		{share, `{"previous_id": 0}`, 400},
		{share, `{"label_source": "person"}`, 400},
		{share, `[1, 2]`, 400},
		{share, `{"domain": "energy"` + strings.Repeat(" ", maxBody) + `}`, 413},
		{99999, `{"domain": "energy"}`, 404},
		{scale, `{"previous_id": ` + fmt.Sprint(share) + `, "domain": "energy"}`, 409},
		{share, `{"previous_id": ` + fmt.Sprint(f.id(t, "扩大本币结算份额")) + `}`, 409},
		{share, `{"previous_id": 99999}`, 404},
	} {
		if status, m := patch(tt.id, tt.body); status != tt.status || m["error"] == nil {
			t.Errorf("PATCH %d %.60q: %d %v, want %d with an error", tt.id, tt.body, status, m, tt.status)
		}
	}
	if now := snapshot(); now != was {
		t.Error("a refused PATCH changed something")
	}
}

// TestAPIRefuses sends the API what it must refuse: a body that is not
// one JSON object of the keys as spelled, one too large, a method a route
// does not take, a partner or domain the database does not hold. Each gets
// the status that says why, and an error naming what was wrong.
func TestAPIRefuses(t *testing.T) {
	f := newFixture(t, Options{})
	share := f.id(t, "扩大本币结算份额")
	one := fmt.Sprintf("/api/commitments/%d", share)
	huge := `{"domain": "` + strings.Repeat("x", 10<<20) + `"}`
	tests := []struct {
		method, target, body string
		status               int
		want                 string
	}{
		{"PATCH", one, `{"domain":"finance"}garbage`, 400, "more follows the object"},
		{"PATCH", one, `{"domain":"finance"}{"domain":"energy"}`, 400, "more follows the object"},
		{"PATCH", one, `{"Domain":"energy"}`, 400, `unknown key \"Domain\"`},
		{"PATCH", one, `{"DOMAIN":"energy"}`, 400, `unknown key \"DOMAIN\"`},
		{"PATCH", one, `{"domain":"energy","domain":"finance"}`, 400, `the key \"domain\" twice`},
		{"PATCH", one, `{"domain":"energy"`, 400, "EOF"},
		{"PATCH", one, huge, 413, "more than the 65536"},
		{"POST", one, `{"domain":"energy"}`, 405, "takes GET, HEAD, PATCH"},
		{"PUT", one, `{"domain":"energy"}`, 405, "takes GET, HEAD, PATCH"},
		{"DELETE", one, ``, 405, "takes GET, HEAD, PATCH"},
		{"POST", "/api/tally", ``, 405, "takes GET, HEAD"},
		{"DELETE", "/api/nothing", ``, 404, "no such API route"},
		{"GET", "/api/tally?with=unknown", ``, 400, `with=\"unknown\": want a party of this database's statements: 甲国, 乙国, 丙国`},
		{"GET", "/api/commitments?with=丁国", ``, 400, "甲国, 乙国, 丙国"},
		{"GET", "/api/commitments?domain=econ", ``, 400, "energy, finance, politics"},
	}
	for _, tt := range tests {
		status, body := f.do(t, tt.method, tt.target, tt.body)
		if status != tt.status || !strings.Contains(body, tt.want) || !strings.HasPrefix(body, `{"error":`) {
			t.Errorf("%s %s %.40q: %d %.300s, want %d with %q", tt.method, tt.target, tt.body, status, body, tt.status, tt.want)
		}
	}
	// A body of no stated length, as a chunked request sends it.
	req := httptest.NewRequest("PATCH", one, io.MultiReader(strings.NewReader(huge)))
	req.ContentLength = -1
	w := httptest.NewRecorder()
	f.srv.ServeHTTP(w, req)
	if w.Code != 413 {
		t.Errorf("PATCH of 10 MB, chunked: %d %.200s, want 413", w.Code, w.Body.String())
	}
	if status, body := f.do(t, "GET", "/commitments?with=unknown", ""); status != 400 || !strings.Contains(body, "甲国, 乙国, 丙国") {
		t.Errorf("the list page of an unknown partner: %d\n%.500s", status, body)
	}
}

// TestSafety refuses requests from other sites and to other hosts, and
// serves pages that load nothing from elsewhere and escape what they show.
func TestSafety(t *testing.T) {
	f := newFixture(t, Options{Addr: "127.0.0.1:8080"})
	id := f.id(t, "扩大本币结算份额")
	target := fmt.Sprintf("/api/commitments/%d", id)
	for _, h := range [][]string{
		{"Sec-Fetch-Site", "cross-site"},
		{"Origin", "http://evil.example"},
	} {
		if status, body := f.do(t, "PATCH", target, `{"domain": "energy"}`, h...); status != 403 || !strings.Contains(body, "another site") {
			t.Errorf("PATCH with %v: %d %s, want 403", h, status, body)
		}
		if status, _ := f.do(t, "POST", "/retrain", "", h...); status != 403 {
			t.Errorf("POST /retrain with %v: %d, want 403", h, status)
		}
	}
	if c, _ := f.store.Commitment(context.Background(), id); c.LabelSource != "model" {
		t.Error("a cross-site PATCH was stored")
	}
	if status, _ := f.do(t, "PATCH", target, `{"domain": "energy"}`, "Sec-Fetch-Site", "same-origin", "Origin", "http://127.0.0.1:8080"); status != 200 {
		t.Errorf("a same-origin PATCH: %d", status)
	}
	for host, want := range map[string]int{
		"127.0.0.1:8080": 200, "localhost:8080": 200, "[::1]:8080": 200, "localhost": 200,
		"evil.example:8080": 403, "evil.example": 403, "127.0.0.1:9999": 403, "10.0.0.5:8080": 403,
	} {
		if status, _ := f.do(t, "GET", "/api/tally", "", "Host", host); status != want {
			t.Errorf("Host %s: %d, want %d", host, status, want)
		}
	}
	all := newFixture(t, Options{Addr: "0.0.0.0:8080"})
	for host, want := range map[string]int{"10.0.0.5:8080": 200, "rebind.example:8080": 403} {
		if status, _ := all.do(t, "GET", "/api/tally", "", "Host", host); status != want {
			t.Errorf("bound to every address, Host %s: %d, want %d", host, status, want)
		}
	}
	for _, page := range []string{"/", "/commitments", fmt.Sprintf("/commitments/%d", f.id(t, "扩大本币结算份额")), "/review", "/review?by=link", "/retrain"} {
		req := httptest.NewRequest("GET", page, nil)
		w := httptest.NewRecorder()
		f.srv.ServeHTTP(w, req)
		body := w.Body.String()
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Errorf("%s shows a value from the database unescaped", page)
		}
		for _, attr := range []string{`src="http`, `href="http`, `src="//`, `href="//`, "@import"} {
			if strings.Contains(body, attr) {
				t.Errorf("%s loads something from elsewhere (%s)", page, attr)
			}
		}
		if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("%s: Content-Security-Policy %q", page, csp)
		}
	}
}

// TestReadOnly refuses every change of a server started --read-only.
func TestReadOnly(t *testing.T) {
	f := newFixture(t, Options{ReadOnly: true})
	id := f.id(t, "扩大本币结算份额")
	if status, body := f.do(t, "PATCH", fmt.Sprintf("/api/commitments/%d", id), `{"domain": "energy"}`); status != 403 || !strings.Contains(body, "read-only") {
		t.Errorf("PATCH: %d %s", status, body)
	}
	for _, target := range []string{"/retrain", "/retrain/apply"} {
		if status, _ := f.do(t, "POST", target, "hash=x", "Content-Type", "application/x-www-form-urlencoded"); status != 403 {
			t.Errorf("POST %s: %d, want 403", target, status)
		}
	}
	if status, body := f.do(t, "GET", "/review", ""); status != 200 || !strings.Contains(body, `class="read-only"`) || !strings.Contains(body, "nothing can be changed") {
		t.Errorf("review, read-only: %d", status)
	}
	if status, body := f.do(t, "GET", fmt.Sprintf("/commitments/%d", id), ""); status != 200 || strings.Contains(body, "data-action") {
		t.Errorf("a commitment, read-only, offers changes: %d", status)
	}
}

// TestConcurrent corrects from two browsers at once, while another
// process adds a statement: nothing is lost, and the pages show the new
// statement.
func TestConcurrent(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	var ids []int64
	for _, id := range f.ids {
		ids = append(ids, id)
	}
	var wg sync.WaitGroup
	for b := range 2 {
		wg.Go(func() {
			for i, id := range ids {
				if i%2 != b {
					continue
				}
				if status, body := f.do(t, "PATCH", fmt.Sprintf("/api/commitments/%d", id), `{"domain": "politics"}`); status != 200 {
					t.Errorf("PATCH %d: %d %s", id, status, body)
				}
			}
		})
	}
	// Another process (pledge ingest) adds a statement meanwhile.
	wg.Go(func() {
		other, err := track.Open(ctx, f.path)
		if err != nil {
			t.Error(err)
			return
		}
		defer other.Close()
		model, _ := classify.Train([]classify.Example{{Label: "finance", Tokens: []string{"本币"}}, {Label: "energy", Tokens: []string{"油气"}}}, classify.Options{})
		mid, _ := other.RegisterModel(ctx, track.ModelOf(model))
		if _, _, err := other.AddStatement(ctx, statementOf(99, "甲国和乙国新声明", []string{"甲国", "乙国"}, extract.Date{Year: 2025, Month: 1, Day: 2}),
			track.Source{Path: "new"}, labelled(model, []string{"扩大 本币 结算 范围"}), mid); err != nil {
			t.Error(err)
			return
		}
		if _, err := other.LinkPending(ctx); err != nil {
			t.Error(err)
		}
	})
	wg.Wait()
	if total, _ := f.list(t, "source=person"); total != len(ids) {
		t.Errorf("%d person's labels stored, want %d", total, len(ids))
	}
	if _, body := f.do(t, "GET", "/", ""); !strings.Contains(body, "6 statements, 10 commitments") {
		t.Error("the overview does not show the statement added meanwhile")
	}
}

// TestRetrain retrains with a person's labels, shows the figures, and
// applies the model.
func TestRetrain(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	for _, text := range []string{"推进核电项目", "加强电网互联", "深化油气管道合作"} {
		if err := f.store.Label(ctx, f.id(t, text), "energy"); err != nil {
			t.Fatal(err)
		}
	}
	// The model's labels made wrong, so that retraining changes them.
	conn, err := sql.Open("sqlite3", f.path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(`UPDATE commitments SET domain = 'culture' WHERE label_source = 'model'`); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	status, body := f.do(t, "POST", "/retrain", "")
	if status != 200 || !strings.Contains(body, "your labels (3), accuracy") || !strings.Contains(body, `name="hash"`) {
		t.Fatalf("POST /retrain: %d\n%s", status, body)
	}
	// Three labels are too few to judge by, and the page says so; each
	// figure on them says how many of how many.
	if !strings.Contains(body, `id="few"`) || !strings.Contains(body, "Only 3 labels of yours") || !strings.Contains(body, "by 33 points") ||
		!regexp.MustCompile(`% <span class="meta">\([0-3] of 3\)</span>`).MatchString(body) {
		t.Errorf("POST /retrain with 3 labels: no warning, or no counts beside the percentages:\n%s", body)
	}
	// Every commitment the retrained model would label otherwise is named,
	// with a link to it.
	m := retrainedModel(t, f, body)
	relabels, err := f.store.Relabels(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if len(relabels) == 0 || !strings.Contains(body, fmt.Sprintf("<strong>%d commitment", len(relabels))) {
		t.Errorf("the page does not count %d changes:\n%s", len(relabels), body)
	}
	for _, r := range relabels {
		if !strings.Contains(body, fmt.Sprintf(`<a href="/commitments/%d">%d</a>`, r.ID, r.ID)) {
			t.Errorf("the page does not name commitment %d, which would become %s", r.ID, r.To)
		}
	}
	start := strings.Index(body, `name="hash" value="`) + len(`name="hash" value="`)
	hash := body[start : start+64]
	status, _ = f.do(t, "POST", "/retrain/apply", "hash="+hash, "Content-Type", "application/x-www-form-urlencoded")
	if status != http.StatusSeeOther {
		t.Fatalf("POST /retrain/apply: %d", status)
	}
	current, _, err := f.store.CurrentModel(ctx)
	if err != nil || current == nil || current.Hash != hash {
		t.Errorf("the database's model after applying: %v, %v", current, err)
	}
	if status, _ := f.do(t, "POST", "/retrain/apply", "hash=0000", "Content-Type", "application/x-www-form-urlencoded"); status != 400 {
		t.Errorf("applying no model: %d, want 400", status)
	}
}

// retrainedModel is the model POST /retrain answered with body.
func retrainedModel(t *testing.T, f *fixture, body string) *classify.Model {
	t.Helper()
	start := strings.Index(body, `name="hash" value="`)
	if start < 0 {
		t.Fatalf("no retrained model:\n%s", body)
	}
	hash := body[start+len(`name="hash" value="`):][:64]
	f.srv.mu.Lock()
	defer f.srv.mu.Unlock()
	m := f.srv.retrained
	if m == nil || m.Hash != hash {
		t.Fatalf("no retrained model %s", hash)
	}
	return m
}

// TestQueuesAgree checks that the overview counts what the review queues
// offer, and that the link queue leaves out the commitments that cannot
// recur: those of 2019 and 2020 (the first statements of 甲国 with 乙国 and
// with 丙国) and the undated one.
func TestQueuesAgree(t *testing.T) {
	f := newFixture(t, Options{})
	_, overview := f.do(t, "GET", "/", "")
	count := regexp.MustCompile(`id="wait-(labels|links)">(\d+) `)
	counts := map[string]string{}
	for _, m := range count.FindAllStringSubmatch(overview, -1) {
		counts[m[1]] = m[2]
	}
	for by, key := range map[string]string{"label": "labels", "link": "links"} {
		_, page := f.do(t, "GET", "/review?by="+by, "")
		m := regexp.MustCompile(`id="waiting"><strong>(\d+) `).FindStringSubmatch(page)
		if m == nil || counts[key] == "" || m[1] != counts[key] {
			t.Errorf("the %s queue says %v wait, the overview %q", by, m, counts[key])
		}
		if by != "link" {
			continue
		}
		ids := regexp.MustCompile(`<article class="card" tabindex="-1" data-id="(\d+)"`).FindAllStringSubmatch(page, -1)
		var got []string
		for _, id := range ids {
			got = append(got, id[1])
		}
		var want []string
		for _, text := range []string{"扩大本币结算份额", "推进核电项目", "提升本币结算份额", "加强电网互联"} {
			want = append(want, fmt.Sprint(f.id(t, text)))
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("the link queue offers %v, want the commitments of 2021 and 2024, %v", got, want)
		}
	}
}

// TestRetrainMemory retrains again and again, as a person trying labels
// does: the server keeps the model it offers to apply, not every one it
// made. The heap after the last is what it was after the first, give or
// take a model.
func TestRetrainMemory(t *testing.T) {
	f := newFixture(t, Options{})
	if err := f.store.Label(context.Background(), f.id(t, "推进核电项目"), "energy"); err != nil {
		t.Fatal(err)
	}
	retrain := func() string {
		t.Helper()
		status, body := f.do(t, "POST", "/retrain", "")
		if status != 200 {
			t.Fatalf("POST /retrain: %d\n%.300s", status, body)
		}
		start := strings.Index(body, `name="hash" value="`) + len(`name="hash" value="`)
		return body[start : start+64]
	}
	heap := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
	retrain()
	first := heap()
	model := first - min(first, before) // about one model's size
	const times = 3
	var last string
	texts := []string{"加强电网互联", "深化油气管道合作", "扩大本币结算规模", "提升本币结算份额", "扩大本币互换", "扩大本币结算份额"}
	for i := range times {
		// Another label each time, so another model.
		if err := f.store.Label(context.Background(), f.id(t, texts[i%len(texts)]), "energy"); err != nil {
			t.Fatal(err)
		}
		last = retrain()
	}
	after := heap()
	t.Logf("heap %d kB before, %d kB after one retraining, %d kB after %d more", before>>10, first>>10, after>>10, times)
	if after > first+model*3/2 {
		t.Errorf("heap grew by %d kB over %d retrainings (a model is about %d kB): the server keeps every model", (after-first)>>10, times, model>>10)
	}
	if status, _ := f.do(t, "POST", "/retrain/apply", "hash="+last, "Content-Type", "application/x-www-form-urlencoded"); status != http.StatusSeeOther {
		t.Errorf("applying the last model: %d", status)
	}
}
