package main

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	out, _, err := run(t, "classify", "双方将扩大本币结算规模。", "加强北极航道开发利用合作")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "finance\t") || !strings.HasSuffix(lines[0], "\t双方将扩大本币结算规模。") ||
		!strings.HasPrefix(lines[1], "transport\t") {
		t.Errorf("classify:\n%s", out)
	}
	for _, l := range lines {
		if fs := strings.Split(l, "\t"); len(fs) != 3 || !probability(fs[1]) {
			t.Errorf("classify: no probability in %q", l)
		}
	}
	// Standard input, an empty line skipped, the three best.
	out, _, err = runWithInput(t, "双方将深化核能合作\n\n推动两国高校扩大互派留学生\n", "classify", "--top", "3")
	if err != nil {
		t.Fatal(err)
	}
	lines = strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || strings.Count(lines[0], ":") != 3 || !strings.HasPrefix(lines[1], "culture:") {
		t.Errorf("classify --top 3 from standard input:\n%s", out)
	}
}

// probability reports whether s is a probability printed to three places.
func probability(s string) bool {
	p, err := strconv.ParseFloat(s, 64)
	return err == nil && len(s) == 5 && p >= 0 && p <= 1
}

func TestTrainAndClassifyWithModel(t *testing.T) {
	dir := t.TempDir()
	data := writeFile(t, dir, "mine.tsv", []byte("# my own taxonomy\n"+
		"贸易\t扩大双边贸易规模\n贸易\t推动农产品贸易\n贸易\t扩大服务贸易\n"+
		"人文\t扩大互派留学生\n人文\t加强博物馆合作\n人文\t推动青年交流\n"))
	model := filepath.Join(dir, "mine.json")
	out, _, err := run(t, "train", "--data", data, "-o", model)
	if err != nil || !strings.Contains(out, "6 examples of 2 labels") {
		t.Fatalf("train: %v\n%s", err, out)
	}
	first, _ := os.ReadFile(model)
	if _, _, err := run(t, "train", "--data", data, "-o", model); err != nil {
		t.Fatal(err)
	}
	if second, _ := os.ReadFile(model); string(first) != string(second) {
		t.Error("training twice on the same data saved different models")
	}
	out, _, err = run(t, "classify", "--model", model, "扩大留学生规模")
	if err != nil || !strings.HasPrefix(out, "人文\t") {
		t.Errorf("classify with a trained model: %v\n%s", err, out)
	}
}

func TestTrainErrors(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.tsv", []byte("贸易\t扩大贸易\n贸易 推动贸易\n"))
	one := writeFile(t, dir, "one.tsv", []byte("贸易\t扩大贸易\n"))
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"train", "--data", bad, "-o", filepath.Join(dir, "m.json")}, bad + ": line 2: no tab between label and text"},
		{[]string{"train", "--data", one, "-o", filepath.Join(dir, "m.json")}, "at least two labels"},
		{[]string{"train", "--data", filepath.Join(dir, "none.tsv"), "-o", "m.json"}, "none.tsv: no such file or directory"},
		{[]string{"train", "-o", "m.json"}, "--data FILE or --from-db is required"},
		{[]string{"train", "--data", one}, "-o MODEL is required"},
		{[]string{"classify", "--model", one, "x"}, "model " + one + ": not a pledge model"},
		{[]string{"eval", "--folds", "1"}, "cannot make 1 folds"},
		{[]string{"eval", "--variant", "bernoulli"}, "want complement or multinomial"},
	}
	for _, tt := range tests {
		_, _, err := run(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("pledge %v: error %v, want one line with %q", tt.args, err, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "m.json")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a failed training left a model file")
	}
}

func TestEval(t *testing.T) {
	dir := t.TempDir()
	test := writeFile(t, dir, "test.tsv", []byte("finance\t扩大本币结算\nenergy\t扩大原油贸易\n"))
	held := writeFile(t, dir, "held.tsv", []byte("# statement\tdomain\ttext\nabc\tfinance\t扩大本币结算\nabc\tenergy\t扩大原油贸易\nxyz\tculture\t扩大互派留学生规模\n"))
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"eval"}, []string{"10-fold cross-validation", "(smoothing 1, words, calibrated)", "accuracy  0.", "macro-F1  0.", "ECE       0.",
			"reliability", "probability  predicted  observed  examples", "0.9–1.0 ", "confusion", "multilateral"}},
		{[]string{"eval", "--calibrate=false", "--folds", "5"}, []string{"5-fold cross-validation", "uncalibrated)", "ECE       0."}},
		{[]string{"eval", "--test", test}, []string{"measured on " + test, "examples  2\n", "ECE       0.", "temperature "}},
		{[]string{"eval", "--heldout", held}, []string{"10-fold cross-validation", "held-out: ", "measured on " + held, "examples  3\n",
			"summary                       examples  accuracy  macro-F1    ECE\n10-fold cross-validation          1442", "\nheld-out                             3  "}},
	}
	for _, tt := range tests {
		out, _, err := run(t, tt.args...)
		if err != nil {
			t.Errorf("pledge %v: %v", tt.args, err)
			continue
		}
		for _, want := range tt.want {
			if !strings.Contains(out, want) {
				t.Errorf("pledge %v: output lacks %q:\n%s", tt.args, want, out)
			}
		}
	}
	bad := writeFile(t, dir, "bad.tsv", []byte("abc\tfinance\t扩大本币结算\nfinance\t扩大原油贸易\n"))
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"eval", "--heldout", bad}, bad + ": line 2: no tab between label and text"},
		{[]string{"eval", "--heldout", filepath.Join(dir, "none.tsv")}, "none.tsv: no such file or directory"},
		{[]string{"eval", "--heldout", held, "--test", test}, "--test or --heldout, not both"},
	} {
		if _, _, err := run(t, tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("pledge %v: error %v, want %q", tt.args, err, tt.want)
		}
	}
}
