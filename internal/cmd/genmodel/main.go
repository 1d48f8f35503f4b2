// Command genmodel makes the models built into pledge from the data built
// into it, so that pledge starts without training: the domain model
// (-o: trained on data/labelled.tsv with jieba and the default options,
// calibrated by cross-validation on the same data) and the linker (-link:
// word weights from the same commitments, and a logistic model fitted on
// the labelled pairs of -pairs, testdata/pairs/dev, and of the seed
// statements, -seeds and -seedpairs). go generate ./data
// runs it; tests in packages segment and link check that the files equal
// what it makes now.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"pledge/classify"
	"pledge/data"
	"pledge/link"
	"pledge/segment"
)

func main() {
	out := flag.String("o", "", "where to write the domain model")
	linker := flag.String("link", "", "where to write the linker")
	pairs := flag.String("pairs", "", "the folders of labelled pairs to fit the linker on, comma-separated")
	seeds := flag.String("seeds", "", "the folder of the seed statements, whose pairs the linker learns from too")
	seedLabels := flag.String("seedpairs", "", "the labels of the seed statements' pairs")
	flag.Parse()
	if err := run(*out, *linker, *pairs, *seeds, *seedLabels); err != nil {
		fmt.Fprintln(os.Stderr, "genmodel:", err)
		os.Exit(1)
	}
}

func run(out, linker, pairs, seeds, seedLabels string) error {
	seg, err := segment.NewJieba(data.Lines(data.UserDict()))
	if err != nil {
		return err
	}
	defer seg.Close()
	if out != "" {
		m, err := classify.TrainDefault(seg)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := m.Save(&b); err != nil {
			return err
		}
		if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	if linker != "" {
		c, err := classify.Default(seg)
		if err != nil {
			return err
		}
		src := link.Sources{Classifier: c, SeedLabels: seedLabels}
		for _, dir := range strings.Split(pairs, ",") {
			src.Pairs = append(src.Pairs, os.DirFS(dir))
		}
		if seeds != "" {
			if src.Seeds, err = filepath.Glob(filepath.Join(seeds, "*.txt")); err != nil || len(src.Seeds) == 0 {
				return fmt.Errorf("no seed statements in %s", seeds)
			}
		}
		m, err := link.FitDefault(src)
		if err != nil {
			return err
		}
		b, err := m.JSON()
		if err != nil {
			return err
		}
		if err := os.WriteFile(linker, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
