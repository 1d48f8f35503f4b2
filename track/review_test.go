package track

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"pledge/classify"
	"pledge/extract"
	"pledge/label"
)

// reviewStore holds statements of invented states, labelled by a small
// model: 甲国 and 乙国 in 2019, 2021 and 2024, 甲国 and 丙国 in 2020, and
// one undated. It returns the store and the ids of the commitments by
// their text.
func reviewStore(t *testing.T) (*Store, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	s := testStore(t)
	model, err := classify.Train([]classify.Example{
		{Label: "finance", Tokens: strings.Fields("本币 结算 互换 金融")},
		{Label: "energy", Tokens: strings.Fields("油气 管道 核电 电网")},
	}, classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := &classify.Classifier{Model: model}
	modelID, err := s.RegisterModel(ctx, ModelOf(model))
	if err != nil {
		t.Fatal(err)
	}
	statements := []struct {
		date    extract.Date
		parties []string
		texts   []string
	}{
		{extract.Date{Year: 2019, Month: 6, Day: 5}, []string{"甲国", "乙国"}, []string{"扩大 本币 结算 规模", "深化 油气 管道 合作"}},
		{extract.Date{Year: 2020, Month: 3, Day: 1}, []string{"甲国", "丙国"}, []string{"扩大 本币 结算 份额"}},
		{extract.Date{Year: 2021, Month: 6, Day: 28}, []string{"甲国", "乙国"}, []string{"扩大 本币 结算 份额", "推进 核电 项目"}},
		{extract.Date{Year: 2024, Month: 5, Day: 16}, []string{"甲国", "乙国"}, []string{"提升 本币 结算 份额", "加强 电网 互联"}},
		{extract.Date{}, []string{"甲国", "乙国"}, []string{"扩大 本币 互换"}},
	}
	for i, st := range statements {
		var cs []label.Commitment
		for k, text := range st.texts {
			words := strings.Fields(text)
			best := c.Model.Predict(words)[0]
			cs = append(cs, label.Commitment{Commitment: extract.Commitment{Ordinal: k + 1, Text: fmt.Sprint(st.date.Year, strings.Join(words, ""))},
				Sentences: [][]string{words}, Domain: best.Label, Probability: best.Prob})
		}
		x := extract.Statement{Title: fmt.Sprint("声明", i), Parties: st.parties, Date: st.date, Fingerprint: fmt.Sprintf("%032d", i)}
		if _, _, err := s.AddStatement(ctx, x, Source{Path: fmt.Sprint(i)}, cs, modelID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	all, err := s.Commitments(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		ids[c.Text] = c.ID
	}
	return s, ids
}

func mustCommitment(t *testing.T, s *Store, id int64) Commitment {
	t.Helper()
	c, err := s.Commitment(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestDecideLink records a person's links, which linking keeps: a
// recurring commitment marked new, a new one linked by hand, and each taken
// back.
func TestDecideLink(t *testing.T) {
	ctx := context.Background()
	s, ids := reviewStore(t)
	share, scale, nuclear, pipes := ids["2021扩大本币结算份额"], ids["2019扩大本币结算规模"], ids["2021推进核电项目"], ids["2019深化油气管道合作"]
	if c := mustCommitment(t, s, share); c.Status != "recurring" || c.Previous != scale || c.LinkSource != "model" {
		t.Fatalf("before: %+v, want recurring from %d by the model", c, scale)
	}
	decide := func(id, previous int64) {
		t.Helper()
		if err := s.DecideLink(ctx, id, previous); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LinkPending(ctx); err != nil {
			t.Fatal(err)
		}
	}
	decide(share, 0)
	if c := mustCommitment(t, s, share); c.Status != "new" || c.Previous != 0 || c.LinkSource != "person" || c.FirstYear != 2021 {
		t.Errorf("marked new: %+v", c)
	}
	// The 2024 commitment recurred through the 2021 one: its thread now
	// begins in 2021.
	if c := mustCommitment(t, s, ids["2024提升本币结算份额"]); c.FirstYear != 2021 {
		t.Errorf("the thread after the change begins in %d, want 2021", c.FirstYear)
	}
	decide(nuclear, pipes)
	if c := mustCommitment(t, s, nuclear); c.Status != "recurring" || c.Previous != pipes || c.LinkSource != "person" || c.FirstYear != 2019 {
		t.Errorf("linked by hand: %+v", c)
	}
	// Relinking with another threshold, and labelling again, keep both.
	if err := s.SetThreshold(ctx, 0.9); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Relink(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reclassify(ctx, &classify.Classifier{Model: mustModel(t, s)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	if c := mustCommitment(t, s, nuclear); c.Previous != pipes || c.LinkSource != "person" {
		t.Errorf("after relink and reclassify: %+v", c)
	}
	if c := mustCommitment(t, s, share); c.Status != "new" || c.LinkSource != "person" {
		t.Errorf("after relink and reclassify: %+v", c)
	}
	if err := s.UndecideLink(ctx, share); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	// The database keeps the threshold of 0.9, which the model's chance
	// does not reach; back at the default it does.
	if c := mustCommitment(t, s, share); c.Status != "new" || c.Previous != scale || c.LinkSource != "model" {
		t.Errorf("taken back at threshold 0.9: %+v", c)
	}
	if err := s.SetThreshold(ctx, DefaultThreshold()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Relink(ctx); err != nil {
		t.Fatal(err)
	}
	if c := mustCommitment(t, s, share); c.Status != "recurring" || c.Previous != scale || c.LinkSource != "model" {
		t.Errorf("taken back at the default threshold: %+v", c)
	}
}

func mustModel(t *testing.T, s *Store) *classify.Model {
	t.Helper()
	var id int64
	if err := s.db.QueryRow(`SELECT id FROM models ORDER BY id LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	m, err := s.LoadModel(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestDecideLinkRefused tries links the dates and parties do not allow.
func TestDecideLinkRefused(t *testing.T) {
	ctx := context.Background()
	s, ids := reviewStore(t)
	tests := []struct {
		name         string
		id, previous int64
		conflict     bool
	}{
		{"to a later statement", ids["2019扩大本币结算规模"], ids["2021扩大本币结算份额"], true},
		{"to the same day", ids["2019扩大本币结算规模"], ids["2019深化油气管道合作"], true},
		{"to itself", ids["2021推进核电项目"], ids["2021推进核电项目"], true},
		{"from an undated statement", ids["0扩大本币互换"], ids["2019扩大本币结算规模"], true},
		{"to an undated statement", ids["2024加强电网互联"], ids["0扩大本币互换"], true},
		{"to other parties", ids["2021扩大本币结算份额"], ids["2020扩大本币结算份额"], true},
		{"to no commitment", ids["2021推进核电项目"], 99999, false},
		{"of no commitment", 99999, 0, false},
	}
	for _, tt := range tests {
		err := s.DecideLink(ctx, tt.id, tt.previous)
		var conflict *LinkConflict
		if tt.conflict && !errors.As(err, &conflict) || !tt.conflict && !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM link_decisions`).Scan(&n)
	if n != 0 {
		t.Errorf("%d decisions stored by refused links", n)
	}
	// Across parties, the link to 丙国's statement is allowed.
	if err := s.SetAcrossParties(ctx, true); err != nil {
		t.Fatal(err)
	}
	if err := s.DecideLink(ctx, ids["2021扩大本币结算份额"], ids["2020扩大本币结算份额"]); err != nil {
		t.Errorf("across parties: %v", err)
	}
}

// TestUnlabel gives a person's label and takes it back: the model's comes
// back, with its probability.
func TestUnlabel(t *testing.T) {
	ctx := context.Background()
	s, ids := reviewStore(t)
	id := ids["2019深化油气管道合作"]
	before := mustCommitment(t, s, id)
	for _, d := range []string{"security", "economy"} {
		if err := s.Label(ctx, id, d); err != nil {
			t.Fatal(err)
		}
	}
	if c := mustCommitment(t, s, id); c.Domain != "economy" || c.LabelSource != "person" || c.Probability != 1 {
		t.Fatalf("labelled: %+v", c)
	}
	if err := s.Unlabel(ctx, id); err != nil {
		t.Fatal(err)
	}
	if c := mustCommitment(t, s, id); c.Domain != before.Domain || c.Probability != before.Probability || c.LabelSource != "model" {
		t.Errorf("taken back: %s %.3f %s; want %s %.3f model", c.Domain, c.Probability, c.LabelSource, before.Domain, before.Probability)
	}
	if err := s.Unlabel(ctx, 99999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Unlabel of no commitment: %v", err)
	}
	// A label given before the model's was kept beside it.
	s.Label(ctx, id, "security")
	s.db.Exec(`UPDATE commitments SET model_domain = NULL WHERE id = ?`, id)
	if err := s.Unlabel(ctx, id); !errors.Is(err, ErrNoModelLabel) {
		t.Errorf("Unlabel without the model's label: %v", err)
	}
	// Reclassify records it.
	if _, err := s.Reclassify(ctx, &classify.Classifier{Model: mustModel(t, s)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Unlabel(ctx, id); err != nil {
		t.Errorf("Unlabel after reclassify: %v", err)
	}
}

// TestPage pages through commitments in each order, with filters, and
// counts them all.
func TestPage(t *testing.T) {
	ctx := context.Background()
	s, ids := reviewStore(t)
	all, err := s.Commitments(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var paged []Commitment
	for off := 0; ; off += 3 {
		cs, total, err := s.Page(ctx, Filter{}, ByDate, 3, off)
		if err != nil || total != len(all) {
			t.Fatalf("Page: %v, total %d of %d", err, total, len(all))
		}
		if len(cs) == 0 {
			break
		}
		paged = append(paged, cs...)
	}
	if len(paged) != len(all) {
		t.Fatalf("%d paged, %d in all", len(paged), len(all))
	}
	for i := range all {
		if paged[i].ID != all[i].ID {
			t.Fatalf("page order differs at %d", i)
		}
	}

	s.Label(ctx, ids["2024加强电网互联"], "energy")
	cs, _, err := s.Page(ctx, Filter{}, ByLabelDoubt, 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(cs); i++ {
		a, b := cs[i-1], cs[i]
		if a.LabelSource == "person" && b.LabelSource == "model" || a.LabelSource == b.LabelSource && a.Probability > b.Probability {
			t.Errorf("label doubt order: %s %.3f before %s %.3f", a.LabelSource, a.Probability, b.LabelSource, b.Probability)
		}
	}
	cs, _, err = s.Page(ctx, Filter{}, ByLinkDoubt, 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	doubt := func(c Commitment) float64 {
		if c.Previous == 0 {
			return 10
		}
		return max(c.Similarity-DefaultThreshold(), DefaultThreshold()-c.Similarity)
	}
	for i := 1; i < len(cs); i++ {
		if doubt(cs[i-1]) > doubt(cs[i]) {
			t.Errorf("link doubt order: %d (%.3f) before %d (%.3f)", cs[i-1].ID, cs[i-1].Similarity, cs[i].ID, cs[i].Similarity)
		}
	}

	cs, total, err := s.Page(ctx, Filter{LabelSource: "person"}, ByDate, 10, 0)
	if err != nil || total != 1 || len(cs) != 1 || cs[0].ID != ids["2024加强电网互联"] {
		t.Errorf("person's labels: %v, %d, %v", cs, total, err)
	}
	cs, total, err = s.Page(ctx, Filter{With: []string{"丙国"}, Search: "份额"}, ByDate, 10, 0)
	if err != nil || total != 1 || len(cs) != 1 {
		t.Errorf("with 丙国: %v, %d, %v", cs, total, err)
	}
	if _, _, err := s.Page(ctx, Filter{}, "random", 10, 0); err == nil {
		t.Error("an unknown order is taken")
	}
}

// TestCandidates lists the earlier commitments of the same parties, most
// similar first.
func TestCandidates(t *testing.T) {
	s, ids := reviewStore(t)
	cs, err := s.Candidates(context.Background(), ids["2024提升本币结算份额"], 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) < 2 || cs[0].ID != ids["2021扩大本币结算份额"] || cs[1].ID != ids["2019扩大本币结算规模"] {
		t.Errorf("candidates: %+v", cs)
	}
	for _, c := range cs {
		if c.ID == ids["2020扩大本币结算份额"] || c.Date >= "2024" {
			t.Errorf("candidate %d (%s) is of other parties or not earlier", c.ID, c.Date)
		}
	}
}

// TestCurrentModel records the model of the last Reclassify, whole.
func TestCurrentModel(t *testing.T) {
	ctx := context.Background()
	s, _ := reviewStore(t)
	if m, _, err := s.CurrentModel(ctx); err != nil || m != nil {
		t.Fatalf("before reclassify: %v, %v", m, err)
	}
	retrained, err := classify.Train([]classify.Example{
		{Label: "finance", Tokens: strings.Fields("本币 结算")},
		{Label: "technology", Tokens: strings.Fields("电网 互联")},
	}, classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	relabels, err := s.Relabels(ctx, retrained)
	if err != nil {
		t.Fatal(err)
	}
	changed, err := s.Reclassify(ctx, &classify.Classifier{Model: retrained})
	if err != nil || changed != len(relabels) || changed == 0 {
		t.Errorf("Reclassify changed %d (%v), Relabels said %d", changed, err, len(relabels))
	}
	for _, r := range relabels {
		if c, err := s.Commitment(ctx, r.ID); err != nil || c.Domain != r.To || r.From == r.To || c.Probability != r.Probability {
			t.Errorf("Relabels said %+v; after Reclassify: %+v (%v)", r, c, err)
		}
	}
	m, _, err := s.CurrentModel(ctx)
	if err != nil || m == nil || m.Hash != retrained.Hash {
		t.Errorf("current model: %v, %v", m, err)
	}
}

// TestAlternatives ranks a commitment's domains by the model that
// labelled it, also after a person relabelled it.
func TestAlternatives(t *testing.T) {
	ctx := context.Background()
	s, ids := reviewStore(t)
	id := ids["2019深化油气管道合作"]
	s.Label(ctx, id, "security")
	p, err := s.Alternatives(ctx, id, 3)
	if err != nil || len(p) != 2 || p[0].Label != "energy" || !(p[0].Prob > p[1].Prob) {
		t.Errorf("Alternatives = %v, %v; want energy first of the model's two labels", p, err)
	}
	if _, err := s.Alternatives(ctx, 99999, 3); !errors.Is(err, ErrNotFound) {
		t.Errorf("Alternatives of no commitment: %v", err)
	}
	// A model recorded before models were kept whole gives none.
	s.db.Exec(`UPDATE models SET body = NULL`)
	s.models.Clear()
	if p, err := s.Alternatives(ctx, id, 3); err != nil || p != nil {
		t.Errorf("without the model's body: %v, %v", p, err)
	}
}

// TestReviewed counts what a person decided, and the model's labels and
// the linker's links that wait for one: of the links, only those of
// commitments that can recur (2021 and 2024; not those of 2019 and 2020,
// the first of their parties, nor the undated one), until links cross
// parties and 2020's may recur from 2019's.
func TestReviewed(t *testing.T) {
	ctx := context.Background()
	s, ids := reviewStore(t)
	cs, err := s.Commitments(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	doubt := 0.0 // the highest of the model's probabilities: above some of them
	for _, c := range cs {
		doubt = max(doubt, c.Probability)
	}
	doubtful := func(below float64) (n int) {
		for _, c := range cs {
			if c.Probability < below {
				n++
			}
		}
		return n
	}
	check := func(when string, below float64, want Reviewed) {
		t.Helper()
		if got, err := s.Reviewed(ctx, below); err != nil || got != want {
			t.Errorf("%s: Reviewed(%.3f) = %+v, %v; want %+v", when, below, got, err, want)
		}
	}
	if n := doubtful(doubt); n == 0 || n == len(cs) {
		t.Fatalf("the model's probabilities are all alike: %d of %d under %.3f", n, len(cs), doubt)
	}
	check("nothing decided, every label in doubt", 2, Reviewed{DoubtfulLabels: len(cs), DoubtfulLinks: 4})
	check("nothing decided", doubt, Reviewed{DoubtfulLabels: doubtful(doubt), DoubtfulLinks: 4})
	if err := s.Label(ctx, ids["2019深化油气管道合作"], "security"); err != nil {
		t.Fatal(err)
	}
	if err := s.DecideLink(ctx, ids["2021扩大本币结算份额"], 0); err != nil {
		t.Fatal(err)
	}
	if err := s.DecideLink(ctx, ids["2021推进核电项目"], ids["2019深化油气管道合作"]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	check("a label and two links decided", 2, Reviewed{Labels: 1, Links: 2, DoubtfulLabels: len(cs) - 1, DoubtfulLinks: 2})
	if err := s.SetAcrossParties(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	check("links across parties", 2, Reviewed{Labels: 1, Links: 2, DoubtfulLabels: len(cs) - 1, DoubtfulLinks: 3})
	for _, f := range []Filter{LabelQueue(2), LinkQueue()} {
		_, total, err := s.Page(ctx, f, ByDate, 1, 0)
		got, _ := s.Reviewed(ctx, 2)
		if want := map[bool]int{true: got.DoubtfulLabels, false: got.DoubtfulLinks}[f.Below != 0]; err != nil || total != want {
			t.Errorf("Page of %+v counts %d (%v), Reviewed %d", f, total, err, want)
		}
	}
}
