package main

import (
	"flag"
	"fmt"
	"os"
	"sync"

	"pledge/classify"
	"pledge/data"
	"pledge/segment"
)

// segmenter is the process's one jieba, loaded the first time a command
// segments text. It is never freed: its dictionaries take 0.2 s to free,
// and the process's end frees them at once. Commands that only read the
// database never load it.
var segmenter = sync.OnceValues(func() (*segment.Jieba, error) {
	j, err := segment.NewJieba(data.Lines(data.UserDict()))
	if err != nil {
		return nil, fmt.Errorf("loading the segmenter: %w", err)
	}
	return j, nil
})

// newClassifier returns the segmenter and the model in file path (the
// default model when path is "").
func newClassifier(path string) (*classify.Classifier, error) {
	seg, err := segmenter()
	if err != nil {
		return nil, err
	}
	return loadClassifier(path, seg)
}

// loadModel returns the model in file path, or the default model built
// into pledge when path is "": what labelling needs besides the segmenter.
func loadModel(path string) (*classify.Model, error) {
	if path == "" {
		return classify.DefaultModel()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	m, err := classify.Load(f)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", path, err)
	}
	return m, nil
}

// loadClassifier returns the model in file path, or the default model
// trained on the labelled data built into pledge when path is "".
func loadClassifier(path string, seg classify.Segmenter) (*classify.Classifier, error) {
	m, err := loadModel(path)
	if err != nil {
		return nil, err
	}
	return &classify.Classifier{Tokenizer: classify.DefaultTokenizer(seg), Model: m}, nil
}

// readLabelled reads a labelled file, or the built-in one when path is "".
func readLabelled(path string) ([]classify.Labelled, error) {
	b := []byte(data.Labelled())
	if path != "" {
		var err error
		if b, err = os.ReadFile(path); err != nil {
			return nil, fmt.Errorf("%s: %w", path, unwrapPath(err))
		}
	}
	rows, err := classify.ReadLabelled(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dataName(path), err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no labelled rows", dataName(path))
	}
	return rows, nil
}

func dataName(path string) string {
	if path == "" {
		return "built-in labelled data"
	}
	return path
}

// trainingFlags are the model options a command takes.
type trainingFlags struct {
	variant   string
	alpha     float64
	bigrams   bool
	calibrate bool
}

func (t *trainingFlags) register(fl *flag.FlagSet) {
	d := classify.DefaultOptions()
	fl.StringVar(&t.variant, "variant", string(d.Variant), "naive Bayes variant: complement or multinomial")
	fl.Float64Var(&t.alpha, "alpha", d.Alpha, "additive smoothing")
	fl.BoolVar(&t.bigrams, "bigrams", d.Bigrams, "add pairs of neighbouring words as features")
	fl.BoolVar(&t.calibrate, "calibrate", d.Calibrate, "fit the probabilities' temperature by cross-validation")
}

func (t *trainingFlags) options() (classify.Options, error) {
	v := classify.Variant(t.variant)
	if v != classify.Multinomial && v != classify.Complement {
		return classify.Options{}, usageError{fmt.Sprintf("--variant %q: want complement or multinomial", t.variant)}
	}
	if !(t.alpha > 0) {
		return classify.Options{}, usageError{fmt.Sprintf("--alpha %v: want a positive number", t.alpha)}
	}
	return classify.Options{Variant: v, Alpha: t.alpha, Bigrams: t.bigrams, Calibrate: t.calibrate}, nil
}

const trainingFlagsUsage = `  --variant V    naive Bayes variant: complement (the default, which
                 scores best in cross-validation) or multinomial
  --alpha A      additive smoothing (default 1)
  --bigrams      add pairs of neighbouring words as features
  --calibrate=false
                 keep the probabilities uncalibrated (by default their
                 temperature is fitted by 10-fold cross-validation on the
                 training data, so that a label given 0.8 is right about
                 8 times in 10)
`
