package link

import (
	"reflect"
	"strings"
	"testing"
)

// TestCitations checks which words are a citation: from a citing word to
// the first word ending as a document does, and the article numbers after
// it; a commitment about the document itself (落实) cites nothing, nor does
// a citing word no document follows soon.
func TestCitations(t *testing.T) {
	for _, tc := range []struct{ words, kept string }{
		{"根据 中甲 边境 管理 协定 开展 边境 地区 防火 合作", "开展 边境 地区 防火 合作"},
		{"根据 条约 第十条 双方 保持 高层 交往", "双方 保持 高层 交往"},
		{"依据 民用 航空 运输 协定 航空运输协定 相互 开放 第五 航权", "相互 开放 第五 航权"},
		{"依据 中甲 自由贸易 协定 联合 可行性研究 报告 建议 扩大 服务贸易", "联合 可行性研究 报告 建议 扩大 服务贸易"},
		{"双方 将 落实 中甲 边境 管理 协定", "双方 将 落实 中甲 边境 管理 协定"},
		{"根据 市场 原则 开展 合作", "根据 市场 原则 开展 合作"},
		{"按照 两国 元首 共识 推进 铁路 建设 遵照 联合国 宪章 维护 和平", "推进 铁路 建设 维护 和平"},
	} {
		got := uncited([][]string{strings.Fields(tc.words)})
		if want := [][]string{strings.Fields(tc.kept)}; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: kept %v; want %v", tc.words, got, want)
		}
	}
	// By sentence or all together, the same words go.
	s := [][]string{{"双方", "根据", "中甲"}, {"协定", "开展", "合作"}}
	if got, want := uncited(s), [][]string{{"双方"}, {"开展", "合作"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("across sentences: kept %v; want %v", got, want)
	}
}
