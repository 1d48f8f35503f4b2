package link

import (
	"fmt"
	"io/fs"
	"os"

	"pledge/classify"
	"pledge/data"
	"pledge/decode"
	"pledge/extract"
)

// Fitting the default linker: the choices below were made by
// cross-validation, partner by partner and statement by statement.
const defaultL2 = 0.0001 // the penalty on the coefficients

// thresholds are the chances the default threshold is chosen among, by
// the F1 of cross-validation.
var thresholds = []float64{0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6}

// Sources are what pledge's default linker is made from.
type Sources struct {
	// Classifier cuts texts into words and labels their domains.
	Classifier *classify.Classifier
	// Pairs are folders of labelled follow-up statements (ReadPairs):
	// testdata/pairs/dev and dev2.
	Pairs []fs.FS
	// Seeds are real statements, and SeedLabels the file that labels which
	// of their commitments repeat which (KeyedPairs): the seed statements
	// and testdata/pairs/seeds.tsv. Without them the linker learns
	// from Pairs alone.
	Seeds      []string
	SeedLabels string
}

// FitDefault makes pledge's default linker: word weights from the
// commitments the domain model learns from (data/labelled.tsv, cut as the
// classifier cuts them), classed by jieba's dictionary; and coefficients
// fitted on the labelled pairs of the sources, with the threshold at which
// cross-validation finds them best on average (F1, each set weighing the
// same).
func FitDefault(src Sources) (*Model, error) {
	c := src.Classifier
	rows, err := classify.ReadLabelled([]byte(data.Labelled()))
	if err != nil {
		return nil, err
	}
	texts := make([][]string, len(rows))
	for i, r := range rows {
		texts[i] = c.Tokenizer.Tokens(r.Text)
	}
	m := &Model{Threshold: 0.5}
	m.Words, m.Unknown = Reference(texts, wordClass)
	domain := func(ws []string) string { return c.Model.Predict(ws)[0].Label }
	var sets []*PairSet
	for _, dir := range src.Pairs {
		dev, err := ReadPairs(dir, ".", c.Tokenizer.Tokens, domain)
		if err != nil {
			return nil, err
		}
		sets = append(sets, dev)
	}
	if len(src.Seeds) > 0 {
		seeds, err := SeedPairs(src.Seeds, src.SeedLabels, c.Tokenizer.Tokens, domain)
		if err != nil {
			return nil, err
		}
		sets = append(sets, seeds)
	}
	ps := Merge(sets...)
	// The threshold at which the sets do best on average, each set
	// weighing the same: invented follow-ups and real statements both.
	var folds [][]string
	for k := range sets {
		folds = append(folds, ps.foldsOf(k))
	}
	scores := m.crossValidateEach(ps, defaultL2, folds, thresholds)
	best := -1.0
	for t, th := range thresholds {
		sum := 0.0
		for k := range sets {
			sum += f1(scores[k][t])
		}
		if sum > best {
			best, m.Threshold = sum, th
		}
	}
	m.Fit(ps, defaultL2)
	if len(m.Coef) != nFeatures {
		return nil, fmt.Errorf("fitting the linker: no labelled pairs")
	}
	return m, nil
}

// SeedPairs reads the statements of the files (decoded and extracted as
// pledge reads them, each statement once) and the labels of KeyedPairs in
// the file labels.
func SeedPairs(files []string, labels string, tokens Tokens, domain Domain) (*PairSet, error) {
	var sts []extract.Statement
	var seen extract.Seen
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		t, err := decode.Bytes(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		found := extract.Parse(t.Text)
		for i := range found {
			if _, dup := seen.Add(f, i+1, &found[i]); !dup {
				sts = append(sts, found[i])
			}
		}
	}
	l, err := os.Open(labels)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	ps, err := KeyedPairs(sts, l, tokens, domain)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", labels, err)
	}
	return ps, nil
}

func f1(s Score) float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
