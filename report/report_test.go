package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"pledge/classify"
	"pledge/decode"
	"pledge/extract"
	"pledge/internal/seeds"
	"pledge/internal/testkit"
	"pledge/label"
	"pledge/track"
)

var classifier = sync.OnceValues(func() (*classify.Classifier, error) {
	j, err := testkit.Segmenter()
	if err != nil {
		return nil, err
	}
	return classify.Default(j)
})

// seedStore ingests the seed files into a new database.
func seedStore(t *testing.T) *track.Store {
	t.Helper()
	paths := seeds.Paths(t)
	return storeOf(t, paths, os.ReadFile)
}

// storeOf ingests the files read reads into a new database and links them.
func storeOf(t *testing.T, names []string, read func(string) ([]byte, error)) *track.Store {
	t.Helper()
	ctx := context.Background()
	s, err := track.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c, err := classifier()
	if err != nil {
		t.Fatal(err)
	}
	model, err := s.RegisterModel(ctx, track.ModelOf(c.Model))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := read(n)
		if err != nil {
			t.Fatal(err)
		}
		text, err := decode.Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range extract.Parse(text.Text) {
			if _, _, err := s.AddStatement(ctx, st, track.Source{Path: n}, label.Commitments(c, st.Commitments), model); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

func render(t *testing.T, s *track.Store) (string, *Data) {
	t.Helper()
	d, err := Build(context.Background(), s, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String(), d
}

var (
	barRe  = regexp.MustCompile(`<g class="bar" data-year="([^"]+)" data-total="(\d+)">`)
	rectRe = regexp.MustCompile(`<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="[^"]+" data-series="([^"]+)" data-count="(\d+)">`)
	unitRe = regexp.MustCompile(`<svg class="chart"[^>]* data-unit="([\d.e+-]+)">`)
)

// TestSeedReport renders the seeds' database and checks the report against
// the tally: every bar segment's height is its count times the chart's
// unit, and its count is the tally's; every year and domain is there.
func TestSeedReport(t *testing.T) {
	s := seedStore(t)
	page, d := render(t, s)
	tally, err := s.Tally(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	chart := page[strings.Index(page, `<h2 id="domains">`):strings.Index(page, `<h2 id="status">`)]
	unitM := unitRe.FindStringSubmatch(chart)
	if unitM == nil {
		t.Fatal("no chart")
	}
	unit, _ := strconv.ParseFloat(unitM[1], 64)
	// Split the chart at its bars and read each bar's segments.
	got := map[string]int{}
	bars := barRe.FindAllStringSubmatchIndex(chart, -1)
	for i, b := range bars {
		year := chart[b[2]:b[3]]
		end := len(chart)
		if i+1 < len(bars) {
			end = bars[i+1][0]
		}
		for _, r := range rectRe.FindAllStringSubmatch(chart[b[1]:end], -1) {
			h, _ := strconv.ParseFloat(r[1], 64)
			n, _ := strconv.Atoi(r[3])
			if diff := h - float64(n)*unit; diff > 0.01 || diff < -0.01 {
				t.Errorf("%s %s: bar height %.2f for %d commitments, want %.2f", year, r[2], h, n, float64(n)*unit)
			}
			got[year+" "+r[2]] = n
		}
	}
	for _, r := range tally.Rows {
		for _, dom := range tally.Domains {
			key := fmt.Sprintf("%d %s", r.Year, dom)
			if got[key] != r.Cells[dom].Total() {
				t.Errorf("%s: chart shows %d, tally %d", key, got[key], r.Cells[dom].Total())
			}
		}
		if !strings.Contains(page, fmt.Sprintf(`data-year="%d"`, r.Year)) || !strings.Contains(page, fmt.Sprintf("<th>%d</th>", r.Year)) {
			t.Errorf("year %d missing from the chart or the table", r.Year)
		}
	}
	for _, dom := range classify.Domains() {
		if !strings.Contains(page, `id="d-`+dom.ID+`"`) || !strings.Contains(page, dom.Chinese+" "+dom.English) {
			t.Errorf("domain %s missing", dom.ID)
		}
	}
	if len(d.Threads) == 0 || len(d.ThreadYears) != 3 {
		t.Errorf("%d recurring threads over years %v; want some over 2019, 2021 and 2024", len(d.Threads), d.ThreadYears)
	}
	if !strings.Contains(page, `<span class="term">人工智能</span>`) {
		t.Error("人工智能 is not among the new areas shown")
	}
	selfContained(t, page)
}

// selfContained checks that a page makes no network request.
func selfContained(t *testing.T, page string) {
	t.Helper()
	if strings.Contains(strings.ToLower(page), "http") {
		t.Error("the report names http or https")
	}
	for _, m := range regexp.MustCompile(`(?i)\b(href|src|srcset|action|xlink:href)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(page, -1) {
		// data:, is the empty icon that keeps a browser from asking for
		// favicon.ico.
		if strings.ToLower(m[1]) != "href" || !strings.HasPrefix(m[2], "#") && m[2] != "data:," {
			t.Errorf("the report refers outside itself: %s", m[0])
		}
	}
	if strings.Contains(strings.ToLower(page), "@import") || strings.Contains(strings.ToLower(page), "url(") {
		t.Error("the report's CSS loads something")
	}
}

// TestEscaping stores values with markup in them: they must come out as
// text, never as tags.
func TestEscaping(t *testing.T) {
	ctx := context.Background()
	s, err := track.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	model, _ := s.RegisterModel(ctx, track.Model{Hash: "m", Variant: "multinomial", Labels: []string{"economy"}, TrainingSize: 1})
	evil := `<script>alert("x")</script>`
	for i := range 3 {
		st := extract.Statement{Title: "标题" + evil, Date: extract.Date{Year: 2020 + i, Month: 1, Day: 1}, Fingerprint: strings.Repeat(strconv.Itoa(i), 32)}
		cs := []label.Commitment{{Commitment: extract.Commitment{Ordinal: 1, Section: evil, Text: "双方将" + evil + "扩大贸易"},
			Sentences: [][]string{{"扩大", "贸易"}}, Domain: "economy", Probability: 0.3}}
		if _, _, err := s.AddStatement(ctx, st, track.Source{Path: "f"}, cs, model); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Relink(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Label(ctx, 1, `"><svg onload=alert(1)>`); err != nil {
		t.Fatal(err)
	}
	page, _ := render(t, s)
	low := strings.ToLower(page)
	if strings.Contains(low, "<script") || strings.Contains(low, "<svg onload") {
		t.Error("markup from the database reached the page unescaped")
	}
	if !strings.Contains(page, "&lt;script&gt;") {
		t.Error("the escaped text is missing")
	}
	if !strings.Contains(page, `class="review"`) {
		t.Error("a label with probability 0.3 is not marked for review")
	}
	selfContained(t, page)
}

// TestReportBounded makes a report of a database whose latest year holds
// far more commitments than a report lists, every one of them using a term
// new that year: it lists the latest ListLimit and the area names
// AreaIDs of them, so the file stays small whatever the database holds;
// --all still lists every one.
func TestReportBounded(t *testing.T) {
	ctx := context.Background()
	s, err := track.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	model, err := s.RegisterModel(ctx, track.Model{Hash: "m", Variant: "multinomial", Labels: []string{"economy"}, TrainingSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	const many = 20000
	for i, n := range []int{5, many} {
		st := extract.Statement{Title: fmt.Sprint("声明", i), Parties: []string{"甲国", "乙国"},
			Date: extract.Date{Year: 2019 + i, Month: 1, Day: 2}, Fingerprint: fmt.Sprintf("%032d", i)}
		cs := make([]label.Commitment, n)
		for k := range cs {
			term := []string{"贸易", "人工智能"}[i]
			cs[k] = label.Commitment{Commitment: extract.Commitment{Ordinal: k + 1, Text: fmt.Sprintf("双方将扩大%s第%d项。", term, k)},
				Sentences: [][]string{{"扩大", term, fmt.Sprint(k)}}, Terms: []string{term}, Domain: "economy", Probability: 0.9}
		}
		if _, _, err := s.AddStatement(ctx, st, track.Source{Path: fmt.Sprint(i)}, cs, model); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	d, err := Build(ctx, s, time.Now(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, d); err != nil {
		t.Fatal(err)
	}
	if most := ListLimit + areasPerYear*AreaIDs; d.Listed > most || d.ListedLatest != ListLimit || d.ListedFrom != 2020 {
		t.Errorf("listed %d (the latest %d of %d), want at most %d", d.Listed, d.ListedLatest, d.ListedFrom, most)
	}
	if b.Len() > 1<<20 {
		t.Errorf("the report is %d kB, want it bounded whatever the database holds", b.Len()>>10)
	}
	if !strings.Contains(b.String(), fmt.Sprintf("and %d more", many-AreaIDs)) || !strings.Contains(b.String(), "latest commitments of 2020") {
		t.Error("the report does not say what it leaves out")
	}
	all, err := Build(ctx, s, time.Now(), Options{All: true})
	if err != nil || all.Listed != many+5 {
		t.Errorf("--all lists %d, %v; want every one", all.Listed, err)
	}
}
