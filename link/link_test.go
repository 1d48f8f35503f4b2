package link

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"pledge/classify"
	"pledge/data"
	"pledge/internal/testkit"
)

func item(id int64, date, domain string, text string) Item {
	var ss [][]string
	for _, s := range strings.Split(text, "。") {
		if ws := strings.Fields(s); len(ws) > 0 {
			ss = append(ss, ws)
		}
	}
	year := 0
	if date != "" {
		fmt.Sscanf(date, "%d", &year)
	}
	return Item{ID: id, Date: date, Year: year, Order: fmt.Sprintf("%s %d", date, id), Domain: domain, Sentences: ss}
}

// TestLinkThreads follows a thread over three years: the 2021 commitment
// repeats the 2019 one, the 2024 one the 2021 one, so the 2024 thread began
// in 2019; an unrelated commitment is new; same-day statements do not link.
func TestLinkThreads(t *testing.T) {
	items := []Item{
		item(1, "2019-06-05", "finance", "扩大 本币 结算 规模"),
		item(2, "2019-06-05", "energy", "深化 油气 管道 合作"),
		item(3, "2019-06-05", "finance", "扩大 本币 结算 规模"), // same day as 1: not earlier
		item(4, "2021-06-28", "finance", "扩大 本币 结算 份额"),
		item(5, "2024-05-16", "finance", "提升 本币 结算 份额"),
		item(6, "2024-05-16", "technology", "人工智能 治理 对话"),
		item(7, "", "finance", "扩大 本币 结算 规模"), // undated
	}
	got := All(items, DefaultThreshold())
	check := func(id, previous int64, recurring bool, firstYear int) {
		t.Helper()
		l := got[id]
		if l.Previous != previous || l.Recurring != recurring || l.FirstYear != firstYear {
			t.Errorf("commitment %d: %+v; want previous %d, recurring %v, first year %d", id, l, previous, recurring, firstYear)
		}
	}
	check(1, 0, false, 2019)
	check(3, 0, false, 2019)
	check(4, 1, true, 2019)
	check(5, 4, true, 2019)
	check(6, 0, false, 2024)
	check(7, 0, false, 0)
}

// TestLinkDomains checks that the same words are less likely one
// commitment made again across two domains than within one.
func TestLinkDomains(t *testing.T) {
	same := All([]Item{item(1, "2019-01-01", "economy", "口岸 建设 通关"), item(2, "2020-01-01", "economy", "口岸 建设 通关")}, 0)
	other := All([]Item{item(1, "2019-01-01", "economy", "口岸 建设 通关"), item(2, "2020-01-01", "transport", "口岸 建设 通关")}, 0)
	if s, o := same[2].Similarity, other[2].Similarity; !(o < s) || s < DefaultThreshold() {
		t.Errorf("chance %v in one domain, %v across: want the first above the threshold and the second below it", s, o)
	}
}

// synthetic makes a corpus of n commitments from the words of the built-in
// labelled data: statements of 40 commitments, a statement a week; each
// commitment two sentences of words drawn from one domain's words, some
// made rare the way names of projects and documents are.
func synthetic(t testing.TB, n int, seed uint64) []Item {
	t.Helper()
	rows, err := testLabelled(t)
	if err != nil {
		t.Fatal(err)
	}
	tok := classify.DefaultTokenizer(testkit.Jieba(t))
	words := map[string][]string{}
	var domains []string
	for _, r := range rows {
		if words[r.Label] == nil {
			domains = append(domains, r.Label)
		}
		words[r.Label] = append(words[r.Label], tok.Tokens(r.Text)...)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	start := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	items := make([]Item, n)
	for i := range items {
		d := domains[rng.IntN(len(domains))]
		date := start.AddDate(0, 0, 7*(i/40)).Format("2006-01-02")
		var ss [][]string
		for range 2 {
			var s []string
			for range 4 + rng.IntN(8) {
				w := words[d][rng.IntN(len(words[d]))]
				if rng.IntN(10) == 0 {
					w = fmt.Sprintf("%s%d", w, rng.IntN(n/10+1))
				}
				s = append(s, w)
			}
			ss = append(ss, s)
		}
		items[i] = Item{ID: int64(i + 1), Date: date, Year: 1990 + i/40/52, Order: fmt.Sprintf("%s %08d", date, i), Domain: d, Sentences: ss}
	}
	return items
}

func testLabelled(t testing.TB) ([]struct{ Label, Text string }, error) {
	var out []struct{ Label, Text string }
	for _, l := range data.Lines(data.Labelled()) {
		label, text, ok := strings.Cut(l, "\t")
		if ok {
			out = append(out, struct{ Label, Text string }{label, text})
		}
	}
	return out, nil
}

func TestLinkOrderIndependent(t *testing.T) {
	items := synthetic(t, 2000, 1)
	want := All(items, DefaultThreshold())
	rng := rand.New(rand.NewPCG(2, 3))
	shuffled := append([]Item{}, items...)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	if got := All(shuffled, DefaultThreshold()); !reflect.DeepEqual(got, want) {
		t.Error("links differ when the commitments come in another order")
	}
}

// BenchmarkLinkScaling links synthetic corpora of 10,000 and 100,000
// commitments and reports the ratio of their times; linear growth gives 10.
func BenchmarkLinkScaling(b *testing.B) {
	small, large := synthetic(b, 10_000, 1), synthetic(b, 100_000, 1)
	var ts, tl time.Duration
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		All(small, DefaultThreshold())
		t1 := time.Now()
		All(large, DefaultThreshold())
		ts, tl = ts+t1.Sub(t0), tl+time.Since(t1)
	}
	b.ReportMetric(ts.Seconds()/float64(b.N), "s/10k")
	b.ReportMetric(tl.Seconds()/float64(b.N), "s/100k")
	b.ReportMetric(float64(tl)/float64(ts), "ratio")
}

// TestDecisions keeps a person's judgement over the similarity: a match
// the linker would take is new when a person says so, a commitment with
// no match recurs from the one a person names, and threads follow the
// person's links. A decision the data no longer allows (a link to a later
// or an unknown commitment) is set aside: the model decides.
func TestDecisions(t *testing.T) {
	decide := func(it Item, previous int64) Item {
		it.Decision = &Decision{Previous: previous}
		return it
	}
	items := []Item{
		item(1, "2019-06-05", "finance", "扩大 本币 结算 规模"),
		item(2, "2019-06-05", "energy", "深化 油气 管道 合作"),
		decide(item(4, "2021-06-28", "finance", "扩大 本币 结算 份额"), 0),
		decide(item(5, "2024-05-16", "energy", "推进 核电 项目"), 2),
		item(6, "2025-05-16", "energy", "推进 核电 项目 建设"),
		decide(item(7, "2021-06-28", "energy", "加强 电网 互联"), 6),
		decide(item(8, "2021-06-28", "energy", "加强 电网 互联 合作"), 99),
	}
	got := All(items, DefaultThreshold())
	for _, want := range []struct {
		id, previous int64
		recurring    bool
		firstYear    int
		person       bool
	}{
		{4, 0, false, 2021, true},
		{5, 2, true, 2019, true},
		{6, 5, true, 2019, false},
	} {
		l := got[want.id]
		if l.Previous != want.previous || l.Recurring != want.recurring || l.FirstYear != want.firstYear || l.Person != want.person {
			t.Errorf("commitment %d: %+v; want previous %d, recurring %v, first year %d, person %v",
				want.id, l, want.previous, want.recurring, want.firstYear, want.person)
		}
	}
	if l := got[5]; !(l.Similarity >= 0) {
		t.Errorf("a person's link has similarity %v", l.Similarity)
	}
	// A decision the group makes impossible (a later commitment, one it
	// does not hold) is set aside, never turned into "new": the model
	// decides meanwhile, and the decision stays for when it can apply.
	for _, id := range []int64{7, 8} {
		if l := got[id]; l.Person || l.Previous == 6 || l.Previous == 99 {
			t.Errorf("commitment %d, decided impossibly: %+v; want the model's link", id, l)
		}
	}
}

// TestNearest ranks the earlier commitments of a group by similarity, and
// leaves out later ones, other groups and undated ones.
func TestNearest(t *testing.T) {
	items := []Item{
		item(1, "2019-06-05", "finance", "扩大 本币 结算 规模"),
		item(2, "2019-06-05", "finance", "扩大 本币 互换"),
		item(3, "2020-01-01", "energy", "深化 油气 管道 合作"),
		item(4, "2021-06-28", "finance", "扩大 本币 结算 份额"),
		item(5, "2024-05-16", "finance", "扩大 本币 结算 份额"),
		item(6, "", "finance", "扩大 本币 结算 份额"),
	}
	other := item(7, "2018-01-01", "finance", "扩大 本币 结算 份额")
	other.Group = "other"
	items = append(items, other)
	got := Nearest(items, 4, 5)
	var ids []int64
	for _, m := range got {
		ids = append(ids, m.ID)
	}
	if !reflect.DeepEqual(ids, []int64{1, 2}) || got[0].Similarity <= got[1].Similarity {
		t.Errorf("Nearest = %+v, want 1 then 2", got)
	}
	if got := Nearest(items, 6, 5); got != nil {
		t.Errorf("an undated commitment has candidates %v", got)
	}
	if got := Nearest(items, 1, 5); len(got) != 0 {
		t.Errorf("the first commitment has candidates %v", got)
	}
}

// TestUpdate checks that linking a group again from its stored links,
// weighing only what the new, relabelled or decided commitments touch,
// gives what linking it all gives: statements added in batches, in any
// order, a label changed, a decision made.
func TestUpdate(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	items := synthetic(t, 3000, 7)
	for i := range items {
		items[i].Group = ""
	}
	rng := rand.New(rand.NewPCG(3, 5))
	order := rng.Perm(len(items))
	var have []Item
	var stored map[int64]Link
	for start := 0; start < len(order); {
		n := 1 + rng.IntN(400)
		var seeds []int64
		for _, k := range order[start:min(len(order), start+n)] {
			have = append(have, items[k])
			seeds = append(seeds, items[k].ID)
		}
		start += n
		if stored == nil {
			stored = m.All(have, 0.35)
			continue
		}
		stored = m.Update(have, stored, seeds, 0.35)
	}
	// A label changed and a decision made, then updated.
	have[10].Domain = "culture"
	have[20].Decision = &Decision{}
	stored = m.Update(have, stored, []int64{have[10].ID, have[20].ID}, 0.35)
	want := m.All(have, 0.35)
	differ := 0
	for id, l := range want {
		if stored[id] != l {
			if differ++; differ <= 3 {
				t.Errorf("commitment %d: updated %+v, linked afresh %+v", id, stored[id], l)
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d links differ from linking afresh", differ, len(want))
	}
}
