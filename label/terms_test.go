package label

import (
	"reflect"
	"testing"
)

// TestTerms checks each rule of Terms on its own: which words of a
// commitment's text can name a policy area.
func TestTerms(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"a noun rare in general Chinese", "发展核电", []string{"核电"}},
		{"a noun common in general Chinese", "修建铁路", []string{}},
		{"a verb", "加强结算", []string{}},
		{"one character", "油", []string{}},
		{"a party", "甲方愿意", []string{}},
		{"a state's name", "与阿联酋", []string{}},
		{"a generic word of statements", "合作框架", []string{}},
		{"a user term", "推进一带一路建设", []string{"一带一路"}},
		{"a user term in traditional script", "推進一帶一路建設", []string{"一带一路"}},
		{"no piece of a longer word", "禁止化学武器组织", []string{"化学武器"}},
		{"a noun phrase entered whole", "维护国家主权", []string{"国家主权"}},
		{"a verb phrase entered whole", "作出贡献", []string{}},
		{"a quality", "提高透明性", []string{}},
		{"an acronym", "推动APEC合作", []string{"APEC"}},
		{"an acronym repeating its name", "太平洋联盟（AP）", []string{"太平洋"}},
		{"lower case letters", "apec", []string{}},
		{"sorted, each once", "核电和本币结算，核电", []string{"本币结算", "核电"}},
	}
	for _, tt := range tests {
		if got := Terms(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Terms(%q) = %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}
