package link

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"pledge/extract"
)

// PairSet is a folder of labelled follow-up statements (testdata/pairs/dev
// and test): the commitments of statements PARTNER_YYYY-MM-DD.txt, every
// —— item a commitment (or every sentence: commitmentsOf), and pairs.tsv, which says of each commitment of a
// later statement which earlier ones it repeats (GUIDE §4), or none. The
// linker is fitted on one such folder and measured on another.
type PairSet struct {
	Items []Item
	// Gold maps each labelled commitment to the earlier ones it repeats,
	// empty for a new one.
	Gold map[int64][]int64
	// Kind is the label's kind: reworded, same, new, false-object,
	// false-action, false-citation.
	Kind map[int64]string
	Text map[int64]string
	// Fold is the part of the set a labelled commitment falls in when the
	// linker is cross-validated (CrossValidate): its group unless set.
	Fold map[int64]string
}

// fold returns the cross-validation fold of a labelled commitment.
func (ps *PairSet) fold(id int64, group string) string {
	if f, ok := ps.Fold[id]; ok {
		return f
	}
	return group
}

// Merge returns one set of the commitments and labels of several, with
// ids of its own: the groups of each stay apart.
func Merge(sets ...*PairSet) *PairSet {
	out := &PairSet{Gold: map[int64][]int64{}, Kind: map[int64]string{}, Text: map[int64]string{}, Fold: map[int64]string{}}
	for k, ps := range sets {
		ids := map[int64]int64{}
		for _, it := range ps.Items {
			ids[it.ID] = int64(len(out.Items) + 1)
			it.ID = ids[it.ID]
			it.Group = fmt.Sprintf("%d/%s", k, it.Group)
			out.Items = append(out.Items, it)
		}
		group := map[int64]string{}
		for _, it := range ps.Items {
			group[it.ID] = it.Group
		}
		for id, gold := range ps.Gold {
			var g []int64
			for _, e := range gold {
				g = append(g, ids[e])
			}
			out.Gold[ids[id]] = g
			out.Kind[ids[id]] = ps.Kind[id]
			out.Fold[ids[id]] = fmt.Sprintf("%d/%s", k, ps.fold(id, group[id]))
		}
		for id, t := range ps.Text {
			out.Text[ids[id]] = t
		}
	}
	return out
}

// Tokens cuts a commitment's text into the words the linker sees, and
// Domain labels them: a segmenter and a domain model, which package link
// does without.
type (
	Tokens func(text string) []string
	Domain func(words []string) string
)

var sentenceSplit = regexp.MustCompile(`[。；！？]`)

// Sentences cuts a commitment's text into its sentences (and the parts of
// a list item that ；separates), each as its words, leaving out those with
// none, the last followed by the text's marks (WithMarks), and returns all
// its words too, without the marks: what the linker weighs of a
// commitment (Item.Sentences) and what its domain is predicted from.
func Sentences(text string, tokens Tokens) (sentences [][]string, all []string) {
	for _, s := range sentenceSplit.Split(text, -1) {
		if ws := tokens(s); len(ws) > 0 {
			sentences = append(sentences, ws)
			all = append(all, ws...)
		}
	}
	return WithMarks(text, sentences), all
}

// WithMarks returns the sentences of text with its marks (Marks) after the
// last, in place of any it held: how words stored before marks were are
// brought up to date.
func WithMarks(text string, sentences [][]string) [][]string {
	if len(sentences) == 0 {
		return sentences
	}
	last := len(sentences) - 1
	words := slices.DeleteFunc(slices.Clone(sentences[last]), IsMark)
	all := joinSentences(sentences)
	sentences[last] = append(append(append(words, Marks(text)...), stageMarks(text, all)...), siteMarks(text, all)...)
	return sentences
}

// ReadPairs reads the folder dir of fsys.
func ReadPairs(fsys fs.FS, dir string, tokens Tokens, domain Domain) (*PairSet, error) {
	files, err := fs.Glob(fsys, path.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("%s: no statements (PARTNER_YYYY-MM-DD.txt)", dir)
	}
	ps := &PairSet{Gold: map[int64][]int64{}, Kind: map[int64]string{}, Text: map[int64]string{}, Fold: map[int64]string{}}
	type key struct{ partner, date, text string }
	byText := map[key]int64{}
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		partner, rest, _ := strings.Cut(strings.TrimSuffix(path.Base(f), ".txt"), "_")
		date := extract.NameDate(rest).Date
		if date.IsZero() {
			return nil, fmt.Errorf("%s: no date in its name", f)
		}
		ordinal := 0
		for _, text := range commitmentsOf(string(b)) {
			ordinal++
			id := int64(len(ps.Items) + 1)
			ss, all := Sentences(text, tokens)
			ps.Items = append(ps.Items, Item{ID: id, Group: partner, Date: date.String(), Year: date.Year,
				Order: fmt.Sprintf("%s %04d", date, ordinal), Domain: domain(all), Sentences: ss})
			byText[key{partner, date.String(), text}] = id
			ps.Text[id] = text
		}
	}
	pairs, err := fsys.Open(path.Join(dir, "pairs.tsv"))
	if err != nil {
		return nil, err
	}
	defer pairs.Close()
	sc := bufio.NewScanner(pairs)
	for n := 1; sc.Scan(); n++ {
		if sc.Text() == "" || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 5 {
			return nil, fmt.Errorf("%s/pairs.tsv:%d: want partner, date, text, recurs_from, kind", dir, n)
		}
		id, ok := byText[key{fs[0], fs[1], fs[2]}]
		if !ok {
			return nil, fmt.Errorf("%s/pairs.tsv:%d: no commitment %q in %s_%s.txt", dir, n, fs[2], fs[0], fs[1])
		}
		ps.Kind[id] = fs[4]
		ps.Gold[id] = []int64{}
		if fs[3] == "-" {
			continue
		}
		for _, e := range strings.Split(fs[3], " || ") {
			// Every earlier commitment of that text is one it repeats: a
			// text said again word for word is in several statements.
			var found []int64
			for k, v := range byText {
				if k.partner == fs[0] && k.date < fs[1] && k.text == e {
					found = append(found, v)
				}
			}
			if len(found) == 0 {
				return nil, fmt.Errorf("%s/pairs.tsv:%d: no earlier commitment %q of %s", dir, n, e, fs[0])
			}
			slices.Sort(found)
			ps.Gold[id] = append(ps.Gold[id], found...)
		}
		slices.Sort(ps.Gold[id])
		ps.Gold[id] = slices.Compact(ps.Gold[id])
	}
	return ps, sc.Err()
}

// paragraphNumber numbers a paragraph (2., 一、, （三）): no part of its
// first sentence.
var paragraphNumber = regexp.MustCompile(`^(?:[0-9０-９]+[.．、]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)])\s*`)

// commitmentsOf returns the commitments of a statement of a PairSet: its
// —— items, or, in one written as paragraphs (a long statement in
// real statements' style, without items), each sentence ending in 。 —
// its labels say which are commitments, and the rest are earlier
// commitments a later one may be matched with, as the extractor's would.
func commitmentsOf(text string) []string {
	var items, sentences []string
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if item, ok := strings.CutPrefix(line, "——"); ok {
			items = append(items, item)
			continue
		}
		line = paragraphNumber.ReplaceAllString(line, "")
		for s := range strings.SplitAfterSeq(line, "。") {
			if strings.HasSuffix(s, "。") {
				sentences = append(sentences, s)
			}
		}
	}
	if len(items) > 0 {
		return items
	}
	return sentences
}

// Score is how links compare with a PairSet's labels: a commitment found
// recurring is right when its match is one it repeats; precision is over
// those found recurring, recall over those labelled recurring.
type Score struct {
	TP, FP, FN int
	// FalseFriends counts the new commitments that share words with an
	// earlier one but do something else, and Linked those found recurring.
	FalseFriends, FalseFriendsLinked int
}

// Precision is TP / (TP + FP), 1 when nothing was found recurring.
func (s Score) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is TP / (TP + FN), 1 when nothing recurs.
func (s Score) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Add sums two scores.
func (s Score) Add(t Score) Score {
	return Score{s.TP + t.TP, s.FP + t.FP, s.FN + t.FN, s.FalseFriends + t.FalseFriends, s.FalseFriendsLinked + t.FalseFriendsLinked}
}

// Score compares links with the labels of the commitments of the folds
// given (all when none are).
func (ps *PairSet) Score(links map[int64]Link, folds ...string) Score {
	group := map[int64]string{}
	for _, it := range ps.Items {
		group[it.ID] = it.Group
	}
	var s Score
	for id, truth := range ps.Gold {
		if len(folds) > 0 && !slices.Contains(folds, ps.fold(id, group[id])) {
			continue
		}
		l := links[id]
		right := l.Recurring && slices.Contains(truth, l.Previous)
		switch {
		case right:
			s.TP++
		case l.Recurring:
			s.FP++
		}
		if len(truth) > 0 && !right {
			s.FN++
		}
		if strings.HasPrefix(ps.Kind[id], "false") {
			s.FalseFriends++
			if l.Recurring {
				s.FalseFriendsLinked++
			}
		}
	}
	return s
}

// foldsOf returns the folds of the k-th set Merge merged.
func (ps *PairSet) foldsOf(k int) []string {
	var out []string
	for _, f := range ps.Folds() {
		if strings.HasPrefix(f, fmt.Sprintf("%d/", k)) {
			out = append(out, f)
		}
	}
	return out
}

// Folds returns the set's cross-validation folds, sorted.
func (ps *PairSet) Folds() []string {
	group := map[int64]string{}
	for _, it := range ps.Items {
		group[it.ID] = it.Group
	}
	var out []string
	for id := range ps.Gold {
		if f := ps.fold(id, group[id]); !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// KeyedPairs is the PairSet of statements labelled by key, as
// testdata/pairs/seeds.tsv labels the seed statements: a line for
// each labelled commitment, tab-separated: its statement (date and the
// start of its fingerprint, 2021-06-28_1c6942a9), its ordinal, its length
// and first twelve characters (to check it is the one labelled), and the
// earlier commitments it repeats as statement#ordinal, space-separated, or
// -. Its commitments are one group, and each statement a fold.
func KeyedPairs(sts []extract.Statement, labels io.Reader, tokens Tokens, domain Domain) (*PairSet, error) {
	ps := &PairSet{Gold: map[int64][]int64{}, Kind: map[int64]string{}, Text: map[int64]string{}, Fold: map[int64]string{}}
	byKey := map[string]int64{}
	for _, st := range sts {
		if st.Date.IsZero() || len(st.Fingerprint) < 8 {
			continue
		}
		statement := st.Date.String() + "_" + st.Fingerprint[:8]
		for _, cm := range st.Commitments {
			k := fmt.Sprintf("%s#%d", statement, cm.Ordinal)
			if _, dup := byKey[k]; dup {
				continue
			}
			id := int64(len(ps.Items) + 1)
			ss, all := Sentences(cm.Text, tokens)
			ps.Items = append(ps.Items, Item{ID: id, Group: "keyed", Date: st.Date.String(), Year: st.Date.Year,
				Order: OrderOf(st.Date.String(), st.Fingerprint, cm.Ordinal), Domain: domain(all), Sentences: ss})
			byKey[k] = id
			ps.Text[id] = cm.Text
		}
	}
	sc := bufio.NewScanner(labels)
	for n := 1; sc.Scan(); n++ {
		if sc.Text() == "" || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) != 5 {
			return nil, fmt.Errorf("line %d: want 5 tab-separated fields", n)
		}
		id, ok := byKey[fs[0]+"#"+fs[1]]
		if !ok || fmt.Sprint(utf8.RuneCountInString(ps.Text[id])) != fs[2] || !strings.HasPrefix(ps.Text[id], fs[3]) {
			return nil, fmt.Errorf("line %d: no commitment %s#%s as labelled (has extraction changed?)", n, fs[0], fs[1])
		}
		ps.Gold[id] = []int64{}
		ps.Fold[id], _, _ = strings.Cut(fs[0], "_")
		if fs[4] == "-" {
			ps.Kind[id] = "new"
			continue
		}
		ps.Kind[id] = "recurring"
		for _, e := range strings.Fields(fs[4]) {
			earlier, ok := byKey[e]
			if !ok {
				return nil, fmt.Errorf("line %d: no earlier commitment %s", n, e)
			}
			ps.Gold[id] = append(ps.Gold[id], earlier)
		}
	}
	return ps, sc.Err()
}
