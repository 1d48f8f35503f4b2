package classify

import (
	"reflect"
	"strings"
	"testing"
)

// spaces is a Segmenter for tests: words are separated by spaces.
type spaces struct{}

func (spaces) Cut(text string) []string { return strings.Fields(text) }

func TestTokens(t *testing.T) {
	tok := NewTokenizer(spaces{}, []string{"的", "双方"})
	got := tok.Tokens("双方 将 扩大 2024 年 的 本币 结算 。 —— WTO")
	want := []string{"将", "扩大", "年", "本币", "结算", "wto"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tokens = %q, want %q", got, want)
	}
}

// TestTokensTraditional checks that traditional characters give the
// tokens of their simplified forms.
func TestTokensTraditional(t *testing.T) {
	tok := NewTokenizer(spaces{}, []string{"双方"})
	got := tok.Tokens("雙方 將 擴大 本幣 結算")
	want := []string{"将", "扩大", "本币", "结算"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tokens = %q, want %q", got, want)
	}
}

func TestBigrams(t *testing.T) {
	got := withBigrams([]string{"本币", "结算", "规模"})
	want := []string{"本币", "结算", "规模", "本币_结算", "结算_规模"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("withBigrams = %q, want %q", got, want)
	}
}

// TestDefaultStopWords checks that the default tokenizer leaves out the
// subjects and markers of GUIDE §2 and every state's side, and keeps the
// compass words that are sides only in form.
func TestDefaultStopWords(t *testing.T) {
	tok := DefaultTokenizer(spaces{})
	tests := []struct{ in, want string }{
		{"两国政府 同意 扩大 本币 结算", "本币 结算"},
		{"巴方 愿 同 哈方 深化 油气 合作", "同 油气"},
		{"所方 承诺 不同 台湾 建立 官方 关系", "不同 台湾 建立 官方 关系"},
		{"反对 西方 干涉 维护 全球 南方 团结", "反对 西方 干涉 维护 全球 南方 团结"},
	}
	for _, tt := range tests {
		if got := strings.Join(tok.Tokens(tt.in), " "); got != tt.want {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
