package track

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pledge/classify"
	"pledge/extract"
	"pledge/label"
)

// folder stores invented statements as files of a folder would give them,
// labelled by a small model.
type folder struct {
	t     *testing.T
	s     *Store
	c     *classify.Classifier
	model int64
}

func newFolder(t *testing.T) *folder {
	t.Helper()
	model, err := classify.Train([]classify.Example{
		{Label: "finance", Tokens: strings.Fields("本币 结算 互换 金融")},
		{Label: "energy", Tokens: strings.Fields("油气 管道 核电 电网")},
	}, classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := testStore(t)
	id, err := s.RegisterModel(context.Background(), ModelOf(model))
	if err != nil {
		t.Fatal(err)
	}
	return &folder{t: t, s: s, c: &classify.Classifier{Model: model}, model: id}
}

// doc is a statement as a file holds it: its body's commitments, written
// with spaces between words.
type doc struct {
	title   string
	date    extract.Date
	parties []string
	texts   []string
}

// statement is what extracting d gives: the fingerprint is of its texts,
// as extract's is of its body.
func (d doc) statement() extract.Statement {
	st := extract.Statement{Title: d.title, Date: d.date, Parties: d.parties, Fingerprint: fmt.Sprintf("%x", strings.Join(d.texts, "/"))}
	for i, text := range d.texts {
		st.Commitments = append(st.Commitments, extract.Commitment{Ordinal: i + 1, Text: strings.ReplaceAll(text, " ", "")})
	}
	return st
}

func (f *folder) labelled(st extract.Statement) []label.Commitment {
	var out []label.Commitment
	for _, c := range st.Commitments {
		words := strings.Fields(c.Text)
		best := f.c.Model.Predict(words)[0]
		// Its text is its one term, for the new areas.
		out = append(out, label.Commitment{Commitment: c, Sentences: [][]string{{c.Text}}, Domain: best.Label, Probability: best.Prob,
			Terms: []string{c.Text}})
	}
	return out
}

// read stores the file path as holding docs, as ingest does: a file read
// for the first time statement by statement, an edited one replaced whole.
func (f *folder) read(path string, docs ...doc) Replaced {
	f.t.Helper()
	ctx := context.Background()
	byPath, _, err := f.s.Files(ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	src := Source{Path: path, Size: 1, Hash: fmt.Sprintf("%x", fmt.Sprint(docs))}
	var sts []extract.Statement
	var cs [][]label.Commitment
	for _, d := range docs {
		sts = append(sts, d.statement())
		cs = append(cs, f.labelled(d.statement()))
	}
	var r Replaced
	if byPath[path] != nil {
		if r, err = f.s.ReplaceFile(ctx, src, sts, cs, f.model); err != nil {
			f.t.Fatal(err)
		}
	} else {
		for i := range sts {
			if _, err := f.s.StoreStatement(ctx, sts[i], src, cs[i], f.model); err != nil {
				f.t.Fatal(err)
			}
		}
	}
	if _, err := f.s.LinkPending(ctx); err != nil {
		f.t.Fatal(err)
	}
	return r
}

// id returns the commitment of the text.
func (f *folder) id(text string) int64 {
	f.t.Helper()
	cs, err := f.s.Commitments(context.Background(), Filter{})
	if err != nil {
		f.t.Fatal(err)
	}
	for _, c := range cs {
		if c.Text == strings.ReplaceAll(text, " ", "") {
			return c.ID
		}
	}
	f.t.Fatalf("no commitment %q", text)
	return 0
}

// snapshot is what the database holds, without ids.
func (f *folder) snapshot() string {
	f.t.Helper()
	var b strings.Builder
	err := f.s.EachCommitment(context.Background(), Filter{}, func(c Commitment) error {
		prev := ""
		if c.Previous != 0 {
			p, err := f.s.Commitment(context.Background(), c.Previous)
			if err != nil {
				return err
			}
			prev = p.Text
		}
		fmt.Fprintln(&b, c.Statement, c.Date, strings.Join(c.Parties, ";"), c.Text, c.Domain, c.LabelSource, c.Status, c.LinkSource, prev)
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return b.String()
}

var (
	pair    = []string{"甲国", "乙国"}
	first   = doc{"甲乙联合声明", extract.Date{Year: 2002, Month: 5, Day: 6}, pair, []string{"扩大 本币 结算 规模", "深化 油气 管道 合作", "推进 核电 项目"}}
	second  = doc{"甲乙联合公报", extract.Date{Year: 2005, Month: 7, Day: 1}, pair, []string{"继续 扩大 本币 结算 规模", "建设 油气 管道"}}
	another = doc{"甲乙新闻公报", extract.Date{Year: 2006, Month: 1, Day: 9}, pair, []string{"加强 电网 互联"}}
)

// TestReplaceFile edits a file: what it held and no longer holds goes,
// the people's decisions move to the same text, those that cannot are set
// aside and come back with the text, and the result is what reading the
// files afresh gives, but for the decisions.
func TestReplaceFile(t *testing.T) {
	ctx := context.Background()
	f := newFolder(t)
	f.read("a.txt", first, another)
	f.read("b.txt", second)
	if err := f.s.Label(ctx, f.id("推进 核电 项目"), "energy-nuclear"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Label(ctx, f.id("扩大 本币 结算 规模"), "finance"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.DecideLink(ctx, f.id("建设 油气 管道"), f.id("深化 油气 管道 合作")); err != nil {
		t.Fatal(err)
	}

	// One commitment reworded and the date corrected: the statement is
	// another; the one stored in a.txt alongside it is unchanged.
	edited := first
	edited.date = extract.Date{Year: 2004, Month: 5, Day: 6}
	edited.texts = []string{"扩大 本币 结算 规模", "深化 油气 管道 合作", "推进 核电 与 风电 项目"}
	r := f.read("a.txt", edited, another)
	if len(r.Removed) != 1 || r.Removed[0].Title != first.title || r.Removed[0].Became == 0 {
		t.Fatalf("removed %+v, want the first statement, become the edited one", r.Removed)
	}
	if want := []string{"date 2002-05-06 → 2004-05-06", "2 of its 3 commitments unchanged"}; !slices.Equal(r.Removed[0].Changes, want) {
		t.Errorf("changes %q, want %q", r.Removed[0].Changes, want)
	}
	if r.Moved != 2 || len(r.SetAside) != 1 || r.SetAside[0].Kind != "label" || r.SetAside[0].Domain != "energy-nuclear" || r.SetAside[0].Reason != "edited" {
		t.Errorf("moved %d, set aside %+v; want the finance label and the link moved, the nuclear label set aside", r.Moved, r.SetAside)
	}
	if c := mustCommitment(t, f.s, f.id("扩大 本币 结算 规模")); c.LabelSource != "person" || c.Date != "2004-05-06" {
		t.Errorf("moved label: %+v", c)
	}
	if c := mustCommitment(t, f.s, f.id("建设 油气 管道")); c.LinkSource != "person" || c.Previous != f.id("深化 油气 管道 合作") {
		t.Errorf("moved link decision: %+v", c)
	}
	if n, _, _ := f.s.Count(ctx); n != 3 {
		t.Errorf("%d statements after the edit, want 3", n)
	}

	// Read afresh, the folder gives the same, but for the decisions.
	fresh := newFolder(t)
	fresh.read("a.txt", edited, another)
	fresh.read("b.txt", second)
	if err := fresh.s.Label(ctx, fresh.id("扩大 本币 结算 规模"), "finance"); err != nil {
		t.Fatal(err)
	}
	if err := fresh.s.DecideLink(ctx, fresh.id("建设 油气 管道"), fresh.id("深化 油气 管道 合作")); err != nil {
		t.Fatal(err)
	}
	if _, err := fresh.s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := f.snapshot(), fresh.snapshot(); got != want {
		t.Errorf("after the edit:\n%s\nread afresh:\n%s", got, want)
	}

	// The edit taken back: the label set aside comes back with its text.
	if n, err := f.s.Restorable(ctx); err != nil || n != 0 {
		t.Errorf("Restorable = %d, %v before the text is back; want 0", n, err)
	}
	back := first
	back.date = edited.date
	f.read("a.txt", back, another)
	if n, err := f.s.Restorable(ctx); err != nil || n != 1 {
		t.Errorf("Restorable = %d, %v; want 1", n, err)
	}
	restored, waiting, err := f.s.Restore(ctx)
	if err != nil || len(restored) != 1 || len(waiting) != 0 {
		t.Fatalf("Restore = %v, %v, %v; want the label back", restored, waiting, err)
	}
	if c := mustCommitment(t, f.s, f.id("推进 核电 项目")); c.Domain != "energy-nuclear" || c.LabelSource != "person" {
		t.Errorf("restored label: %+v", c)
	}
	if ds, err := f.s.SetAside(ctx); err != nil || len(ds) != 0 {
		t.Errorf("set aside after Restore: %v, %v", ds, err)
	}
}

// TestReplaceFileTakesCorrections reads an edited file whose statement's
// body is unchanged but whose date, title and parties are corrected: they
// are taken, and said.
func TestReplaceFileTakesCorrections(t *testing.T) {
	f := newFolder(t)
	f.read("a.txt", first)
	fixed := first
	fixed.date = extract.Date{Year: 2004, Month: 5, Day: 6}
	fixed.title = "甲乙两国联合声明"
	fixed.parties = []string{"甲国", "丙国"}
	r := f.read("a.txt", fixed)
	if len(r.Removed) != 0 || len(r.Statements) != 1 || r.Statements[0].Added {
		t.Fatalf("%+v: want the statement kept", r)
	}
	want := []string{"parties 甲国、乙国 → 甲国、丙国", "date 2002-05-06 → 2004-05-06", `title "甲乙联合声明" → "甲乙两国联合声明"`}
	if got := r.Statements[0].Changes; !slices.Equal(got, want) {
		t.Errorf("changes %q, want %q", got, want)
	}
	sts, err := f.s.Statements(context.Background())
	if err != nil || len(sts) != 1 || sts[0].Date != "2004-05-06" || sts[0].Title != fixed.title || !slices.Equal(sts[0].Parties, fixed.parties) {
		t.Errorf("stored %+v, %v", sts, err)
	}
}

// TestCopyDisagrees reads a copy of a statement in another file that
// dates it otherwise and reads fewer commitments: the stored reading is
// kept, and said; a reading with more commitments replaces it.
func TestCopyDisagrees(t *testing.T) {
	ctx := context.Background()
	f := newFolder(t)
	short := first
	short.texts = first.texts[:2]
	st := short.statement()
	if _, err := f.s.StoreStatement(ctx, st, Source{Path: "a.txt"}, f.labelled(st), f.model); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Label(ctx, f.id("扩大 本币 结算 规模"), "finance"); err != nil {
		t.Fatal(err)
	}
	// The same body, read whole: more commitments.
	full := first.statement()
	full.Fingerprint = st.Fingerprint
	r, err := f.s.StoreStatement(ctx, full, Source{Path: "b.txt"}, f.labelled(full), f.model)
	if err != nil || r.Added || len(r.Changes) != 1 || !strings.Contains(r.Changes[0], "read again with 3 commitments where 2 were stored") {
		t.Fatalf("StoreStatement of a fuller reading = %+v, %v", r, err)
	}
	if n, c, _ := f.s.Count(ctx); n != 1 || c != 3 {
		t.Errorf("%d statements, %d commitments; want 1 and 3", n, c)
	}
	if c := mustCommitment(t, f.s, f.id("扩大 本币 结算 规模")); c.LabelSource != "person" {
		t.Errorf("the label did not move to the new reading: %+v", c)
	}
	// A reading of fewer, dated otherwise: kept as stored, and said.
	other := short.statement()
	other.Fingerprint = st.Fingerprint
	other.Date = extract.Date{Year: 2003, Month: 1, Day: 1}
	r, err = f.s.StoreStatement(ctx, other, Source{Path: "c.txt"}, nil, f.model)
	want := []string{"this file dates it 2003-01-01; kept 2002-05-06, read from another file",
		"this file gives 2 commitments where the stored reading has 3: kept the stored one"}
	if err != nil || !slices.Equal(r.Changes, want) {
		t.Errorf("StoreStatement of a poorer reading = %q, %v; want %q", r.Changes, err, want)
	}
}

// TestForget forgets a file: what only it held goes, what another file
// holds stays, the decisions on what went are set aside, and come back
// when the file does.
func TestForget(t *testing.T) {
	ctx := context.Background()
	f := newFolder(t)
	f.read("dir/a.txt", first)
	f.read("dir/b.txt", second)
	f.read("c.txt", second) // a copy of b.txt
	f.read("dir/sub/d.txt", another)
	if err := f.s.DecideLink(ctx, f.id("建设 油气 管道"), f.id("深化 油气 管道 合作")); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Label(ctx, f.id("推进 核电 项目"), "energy"); err != nil {
		t.Fatal(err)
	}
	before := f.snapshot()
	if _, err := f.s.Forget(ctx, []string{"dir/a.txt", "nowhere.txt"}); !errors.Is(err, ErrNotIngested) {
		t.Fatalf("Forget of a file never read: %v, want ErrNotIngested", err)
	}
	if f.snapshot() != before {
		t.Fatal("a refused Forget changed the database")
	}
	got, err := f.s.Forget(ctx, []string{"dir"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Files, []string{"dir/a.txt", "dir/b.txt", "dir/sub/d.txt"}) || len(got.Removed) != 2 || got.Kept != 1 || len(got.SetAside) != 2 {
		t.Fatalf("Forget(dir) = %+v; want 3 files, 2 statements removed, 1 kept, 2 decisions set aside", got)
	}
	if _, err := f.s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := f.s.Count(ctx); n != 1 {
		t.Errorf("%d statements left, want the one c.txt holds", n)
	}
	if c := mustCommitment(t, f.s, f.id("建设 油气 管道")); c.LinkSource != "model" || c.Status != "new" {
		t.Errorf("the link to a forgotten commitment stays: %+v", c)
	}
	f.read("dir/a.txt", first)
	restored, waiting, err := f.s.Restore(ctx)
	if err != nil || len(restored) != 2 || len(waiting) != 0 {
		t.Fatalf("Restore = %v, %v, %v", restored, waiting, err)
	}
	if _, err := f.s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	if c := mustCommitment(t, f.s, f.id("建设 油气 管道")); c.LinkSource != "person" || c.Previous != f.id("深化 油气 管道 合作") {
		t.Errorf("restored link decision: %+v", c)
	}
}

// TestNearCopy reads a copy of a stored statement with one commitment
// worded otherwise from another file: it is the same statement, stored
// once, and said; a statement of the same date and parties with other
// commitments is another statement.
func TestNearCopy(t *testing.T) {
	ctx := context.Background()
	f := newFolder(t)
	long := doc{"甲乙联合声明", extract.Date{Year: 2020, Month: 3, Day: 1}, pair, nil}
	for i := range 10 {
		long.texts = append(long.texts, fmt.Sprintf("推进 第%d 项 合作", i))
	}
	f.read("a.txt", long)
	typo := long
	typo.texts = slices.Clone(long.texts)
	typo.texts[3] = "推进 第3 项 合做"
	st := typo.statement()
	r, err := f.s.StoreStatement(ctx, st, Source{Path: "b.txt"}, f.labelled(st), f.model)
	if err != nil || r.Added || len(r.Changes) != 1 || !strings.Contains(r.Changes[0], "words 1 of its 10 commitments otherwise") {
		t.Fatalf("a copy with a typo: %+v, %v", r, err)
	}
	if n, c, _ := f.s.Count(ctx); n != 1 || c != 10 {
		t.Errorf("%d statements, %d commitments; want the one statement", n, c)
	}
	other := long
	other.texts = []string{"加强 电网 互联", "深化 油气 管道 合作"}
	st = other.statement()
	if r, err := f.s.StoreStatement(ctx, st, Source{Path: "c.txt"}, f.labelled(st), f.model); err != nil || !r.Added {
		t.Errorf("another statement of the same day: %+v, %v", r, err)
	}
}

// TestPathsUnder finds the files read from under a folder by the index of
// paths: not those of a folder or file whose name only begins with it.
func TestPathsUnder(t *testing.T) {
	ctx := context.Background()
	f := newFolder(t)
	for _, p := range []string{"dir/a.txt", "dir/sub/d.txt", "dir2/x.txt", "dir-x/y.txt", "dir.txt", "c.txt"} {
		f.read(p, first)
	}
	sep := string(filepath.Separator)
	for _, tc := range []struct {
		paths []string
		want  []string
	}{
		{[]string{"dir"}, []string{"dir/a.txt", "dir/sub/d.txt"}},
		{[]string{"dir" + sep}, []string{"dir/a.txt", "dir/sub/d.txt"}},
		{[]string{"dir.txt"}, []string{"dir.txt"}},
		{[]string{"c.txt", "dir/sub"}, []string{"c.txt", "dir/sub/d.txt"}},
		{[]string{"di"}, nil},
	} {
		got, err := f.s.PathsUnder(ctx, tc.paths...)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("PathsUnder(%q) = %q, %v; want %q", tc.paths, got, err, tc.want)
		}
	}
}
