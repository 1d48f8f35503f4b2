// Command genmodel trains pledge's default domain model on the labelled
// data built into it (data/labelled.tsv), with jieba and the default
// options (calibrated by cross-validation on the same data), and writes it
// where pledge embeds it, so that pledge starts without training. go generate ./data runs it; a test in package segment
// checks that the file equals a fresh training.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"pledge/classify"
	"pledge/data"
	"pledge/segment"
)

func main() {
	out := flag.String("o", "model.json", "where to write the model")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genmodel:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	seg, err := segment.NewJieba(data.Lines(data.UserDict()))
	if err != nil {
		return err
	}
	defer seg.Close()
	m, err := classify.TrainDefault(seg)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := m.Save(&b); err != nil {
		return err
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}
