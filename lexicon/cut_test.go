package lexicon

import (
	"slices"
	"strings"
	"testing"
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
