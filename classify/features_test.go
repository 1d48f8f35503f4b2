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
