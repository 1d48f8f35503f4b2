package extract

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"双方(以下称“双方”),声明如下:", "双方（以下称“双方”），声明如下："},
		{"合作;交流?可以!", "合作；交流？可以！"},
		{"2024 年 5 月 16 日", "2024年5月16日"},
		{"中 华 人 民 共 和 国", "中华人民共和国"},
		{"74／247号", "74/247号"},
		{"２０２４－２０２５年", "2024-2025年"},
		{"即时 | 2021-06-29 20:23", "即时|2021-06-29 20:23"},
		{"the Belt and Road", "the Belt and Road"},
		{"主席\u3000习近平", "主席习近平"},
		{"1,000 人，20:23", "1,000人，20:23"},
		{"――相互尊重", "——相互尊重"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	// Hard-wrapped newspaper text: a break every few characters, blank
	// lines between some lines, indented paragraph starts.
	wrapped := strings.Join([]string{
		"双方将继续加强两国",
		"",
		"在经贸领域的合作，推",
		"动贸易结构优化。",
		"",
		"三",
		"",
		"双方商定：",
		"——扩大农产品贸易，便",
		"利通关手续。",
		"——加强口岸建设。",
		"二〇二一年六月二",
		"十八日",
		"（新华社北京6月28日电）",
		"中 华 人 民 共 和 国 和 俄 罗 斯 联 邦 关 于",
		"深化合作的联合声明",
		"本报讯 今年以来，本市",
		"经济保持增长。",
	}, "\n")
	tests := []struct {
		name, in string
		want     []string
	}{
		{"hard-wrapped lines joined, headings, titles and datelines alone", wrapped, []string{
			"双方将继续加强两国在经贸领域的合作，推动贸易结构优化。",
			"三",
			"双方商定：",
			"——扩大农产品贸易，便利通关手续。",
			"——加强口岸建设。",
			"二〇二一年六月二十八日",
			"（新华社北京6月28日电）",
			"中华人民共和国和俄罗斯联邦关于深化合作的联合声明",
			"本报讯今年以来，本市经济保持增长。",
		}},
		{"web page: one line, ideographic spaces between paragraphs",
			"标题的联合声明　　双方将扩大交流。　　一　　双方愿意合作。",
			[]string{"标题的联合声明", "双方将扩大交流。", "一", "双方愿意合作。"}},
		{"news feed: a paragraph per line, half-width punctuation",
			"即时 | 2021-06-29 20:23\n\n双方将继续加强合作,推动发展。\n双方认为:合作很重要。\n",
			[]string{"即时|2021-06-29 20:23", "双方将继续加强合作，推动发展。", "双方认为：合作很重要。"}},
		{"page marker dropped", "双方将加强交流。（下转第三版）\n双方愿意合作。",
			[]string{"双方将加强交流。", "双方愿意合作。"}},
		{"web editor page break dropped", "双方将加强交流。\n_ueditor_page_break_tag_\n双方愿意合作。",
			[]string{"双方将加强交流。", "双方愿意合作。"}},
		{"ASCII dash list marker", "双方商定：\n--扩大贸易。\n", []string{"双方商定：", "——扩大贸易。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, _ := paragraphs(tt.in)
			var got []string
			for _, p := range ps {
				got = append(got, p.o)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Paragraphs:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestIsTitle(t *testing.T) {
	tests := map[string]bool{
		"中华人民共和国和俄罗斯联邦关于加强当代全球战略稳定的联合声明":  true,
		"中华人民共和国和俄罗斯联邦关于深化合作的联合声明（全文）":    true,
		"两国元首签署了联合声明，双方同意":                false,
		"根据《中俄政府首脑关于深化和平利用核能领域战略合作的联合声明》": false,
	}
	for in, want := range tests {
		if got := isTitle(in); got != want {
			t.Errorf("isTitle(%q) = %v, want %v", in, got, want)
		}
	}
}
