package track

import (
	"reflect"
	"slices"
	"testing"
)

// TestStoredSentences stores sentences' words as the column tokens holds
// them and reads them back.
func TestStoredSentences(t *testing.T) {
	tests := []struct {
		name      string
		sentences [][]string
		stored    string
	}{
		{"none", nil, ""},
		{"one sentence", [][]string{{"扩大", "本币", "结算"}}, "扩大 本币 结算"},
		{"two sentences", [][]string{{"深化", "能源", "合作"}, {"保障", "供应"}}, "深化 能源 合作 | 保障 供应"},
	}
	for _, tt := range tests {
		stored := joinSentences(tt.sentences)
		if stored != tt.stored {
			t.Errorf("%s: stored as %q, want %q", tt.name, stored, tt.stored)
		}
		if got := splitSentences(stored); !reflect.DeepEqual(got, tt.sentences) {
			t.Errorf("%s: read back as %q, want %q", tt.name, got, tt.sentences)
		}
		var words []string
		for _, s := range tt.sentences {
			words = append(words, s...)
		}
		if got := storedWords(stored); !reflect.DeepEqual(got, words) {
			t.Errorf("%s: words %q, want %q", tt.name, got, words)
		}
	}
	// The linker's marks are no words a domain is predicted from.
	if got := storedWords("召开 会议 #第2次"); !reflect.DeepEqual(got, []string{"召开", "会议"}) {
		t.Errorf("words with a mark read as %q", got)
	}
	// Sentences without words, as an older pledge may have stored them,
	// are left out.
	if got := splitSentences(" | 合作 |  | "); !reflect.DeepEqual(got, [][]string{{"合作"}}) {
		t.Errorf("empty sentences read as %q", got)
	}
}

// TestAppendWords checks that appendWords cuts stored words as
// storedWords does.
func TestAppendWords(t *testing.T) {
	for _, tokens := range []string{"", " ", "|", "扩大 本币|结算 规模", " 扩大  本币 | 结算\t规模 ", "a|b||c", "一\u3000二", "\xff 坏"} {
		got := appendWords([]string{"前"}, tokens)
		want := append([]string{"前"}, storedWords(tokens)...)
		if !slices.Equal(got, want) {
			t.Errorf("appendWords(%q) = %q, want %q", tokens, got, want)
		}
	}
}
