package label

import (
	"reflect"
	"testing"
)

// TestTerms checks each rule of Terms on its own: which of a commitment's
// words, and which user dictionary terms in its text, can name a policy
// area.
func TestTerms(t *testing.T) {
	tests := []struct {
		name  string
		words []string
		text  string
		want  []string
	}{
		{"a noun rare in general Chinese", []string{"核电"}, "", []string{"核电"}},
		{"a noun common in general Chinese", []string{"铁路"}, "", []string{}},
		{"a verb", []string{"结算"}, "", []string{}},
		{"a word jieba's dictionary lacks", []string{"甲乙丙"}, "", []string{"甲乙丙"}},
		{"one character", []string{"油"}, "", []string{}},
		{"a party", []string{"甲方"}, "", []string{}},
		{"a state's name", []string{"阿联酋"}, "", []string{}},
		{"a generic word of statements", []string{"框架"}, "", []string{}},
		{"a user dictionary term in the text", nil, "推进一带一路建设", []string{"一带一路"}},
		{"a user dictionary term in traditional script", nil, "推進一帶一路建設", []string{"一带一路"}},
		{"sorted, each once", []string{"核电", "本币", "核电"}, "本币", []string{"本币", "核电"}},
	}
	for _, tt := range tests {
		if got := Terms(tt.words, tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Terms(%q, %q) = %q, want %q", tt.name, tt.words, tt.text, got, tt.want)
		}
	}
}
