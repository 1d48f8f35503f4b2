package lexicon

import (
	"math"
	"slices"
	"strings"
	"testing"

	"pledge/data"
)

func TestCut(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"双方致力于实现无化武世界的目标", "双方 致力于 实现 无 化武 世界 的 目标"},
		{"禁止化学武器组织", "禁止 化学武器 组织"},
		{"保护北极地区生态系统", "保护 北极 地区 生态系统"},
		{"太平洋联盟（AP）和APEC2024", "太平洋 联盟 （ AP ） 和 APEC2024"},
		{"", ""},
	} {
		if got := Cut(tt.text); !slices.Equal(got, strings.Fields(tt.want)) && !(tt.want == "" && len(got) == 0) {
			t.Errorf("Cut(%q) = %q, want %q", tt.text, got, strings.Fields(tt.want))
		}
		if got := strings.Join(Cut(tt.text), ""); got != tt.text {
			t.Errorf("Cut(%q) joined is %q", tt.text, got)
		}
	}
}

// cutTrying is cut as it was first written: every string up to the
// longest word is looked up at every character. Cut must give the same.
func cutTrying(text string) []string {
	d := dict()
	var starts []int
	for i := range text {
		starts = append(starts, i)
	}
	n := len(starts)
	starts = append(starts, len(text))
	best := make([]float64, n+1)
	next := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		if ascii(text[starts[i]]) {
			if i+1 < n && ascii(text[starts[i+1]]) {
				best[i], next[i] = best[next[i+1]], next[i+1]
			} else {
				best[i], next[i] = d.minLog-d.logTotal+best[i+1], i+1
			}
			continue
		}
		w := d.minLog
		if x, ok := d.words[text[starts[i]:starts[i+1]]]; ok {
			w = math.Log(float64(x.Freq))
		}
		best[i], next[i] = w-d.logTotal+best[i+1], i+1
		for j := i + 2; j <= n && starts[j]-starts[i] <= d.maxLen; j++ {
			if x, ok := d.words[text[starts[i]:starts[j]]]; ok {
				if s := math.Log(float64(x.Freq)) - d.logTotal + best[j]; s > best[i] {
					best[i], next[i] = s, j
				}
			}
		}
	}
	var out []string
	for i := 0; i < n; i = next[i] {
		out = append(out, text[starts[i]:starts[next[i]]])
	}
	return out
}

// TestCutAsTrying cuts the domain model's training texts and the user
// terms run together both ways.
func TestCutAsTrying(t *testing.T) {
	texts := data.Lines(data.Labelled())
	texts = append(texts, strings.Join(data.Lines(data.UserDict()), ""))
	for _, text := range texts {
		if got, want := Cut(text), cutTrying(text); !slices.Equal(got, want) {
			t.Fatalf("Cut(%q) = %q, want %q", text, got, want)
		}
	}
	if len(texts) < 1000 {
		t.Fatalf("only %d texts", len(texts))
	}
}
