package extract

import (
	"reflect"
	"strings"
	"testing"
)

// The texts below are written for these tests, between invented states.

func TestListMarker(t *testing.T) {
	tests := []struct {
		in     string
		marker string
		f      family
	}{
		{"——双方将扩大贸易。", "——", dash},
		{"（三）深化能源合作。", "（三）", cnParen},
		{"（12）加强海关合作。", "（12）", arabicParen},
		{"1.各方愿建立机制。", "1.", arabic},
		{"2、推动互联互通。", "2、", arabic},
		{"3）扩大投资。", "3）", arabic},
		{"①加强人文交流。", "①", circled},
		{"一是互办文化节；", "一是", ordinal},
		{"第十二条双方将定期会晤。", "第十二条", article},
		{"第三条、本计划自签署之日起生效。", "第三条、", article},
		{"四、双方同意保持高层交往。", "四、", cnComma},
		{"1.5万亿元的贸易额", "", noMarker},
		{"2024年5月16日", "", noMarker},
		{"一是，", "", noMarker},
		{"双方将扩大贸易。", "", noMarker},
	}
	for _, tt := range tests {
		m, f := listMarker(tt.in)
		if m != tt.marker || f != tt.f {
			t.Errorf("listMarker(%q) = %q, %v; want %q, %v", tt.in, m, f, tt.marker, tt.f)
		}
	}
}

func TestHeadingText(t *testing.T) {
	for in, want := range map[string]bool{
		"一":          true,
		"政治合作":       true,
		"一、政治领域":     true,
		"（二）经贸合作":    true,
		"第一章总则":      true,
		"——深化合作":     false, // a dash line is an item however short
		"一是扩大贸易":     false,
		"（八）促进两国协作。": false,
		"二、双方同意保持高层交往，扩大合作。": false,
	} {
		if got := headingText(in); got != want {
			t.Errorf("headingText(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestInlineList(t *testing.T) {
	p := text{s: "双方高度评价合作成果。双方同意在以下方面加强合作：一是互办文化节；二是推动博物馆合作；三是便利旅游往来。"}
	p.o = p.s
	lead, items, ok := inlineList(p)
	var got []string
	for _, it := range items {
		got = append(got, it.o)
	}
	want := []string{"互办文化节；", "推动博物馆合作；", "便利旅游往来。"}
	if !ok || lead.o != "双方高度评价合作成果。双方同意在以下方面加强合作：" || !reflect.DeepEqual(got, want) {
		t.Errorf("inlineList = %q, %q, %v; want the header and %q", lead.o, got, ok, want)
	}
	for _, s := range []string{
		"双方将推动统一是非标准。",        // 一是 inside a word
		"双方商定：一是扩大贸易。",        // one item is no list
		"双方同意，二是扩大贸易；一是加强合作。", // out of order
	} {
		if _, _, ok := inlineList(text{s: s, o: s}); ok {
			t.Errorf("inlineList(%q) found a list", s)
		}
	}
}

func TestIsTitleKinds(t *testing.T) {
	for in, want := range map[string]bool{
		"中华人民共和国和乙国联合公报":                          true,
		"中华人民共和国和丙国联合新闻公报":                        true,
		"甲国、乙国、丙国和丁国关于加强区域互联互通的宣言":                true,
		"中华人民共和国政府和丁国政府关于深化农业合作的行动计划（2024—2028年）": true,
		"中华人民共和国和乙国2024—2026年人文合作规划":              true,
		"中国—中亚峰会西安宣言":                             true,
		"中俄联合声明":                                  true,
		"中华人民共和国外交部声明":                            false, // one party
		"两国元首发表联合声明":                              false, // a headline about a statement
		"中甲元首发表联合声明宣布深化全面战略伙伴关系":                  false,
		"国家发展规划":                                  false,
	} {
		if got := isTitle(in); got != want {
			t.Errorf("isTitle(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestJoinTitleLines(t *testing.T) {
	tests := []struct {
		in, want []string
	}{
		{[]string{"中华人民共和国和甲国", "关于加强全面战略伙伴关系的联合声明", "双方将加强合作。"},
			[]string{"中华人民共和国和甲国关于加强全面战略伙伴关系的联合声明", "双方将加强合作。"}},
		{[]string{"中华人民共和国和戊国", "关于建立全天候战略合作伙伴关系的", "联合声明"},
			[]string{"中华人民共和国和戊国关于建立全天候战略合作伙伴关系的联合声明"}},
		// A title by itself takes no line after it.
		{[]string{"中华人民共和国和乙国联合公报", "关于两国关系的联合声明"},
			[]string{"中华人民共和国和乙国联合公报", "关于两国关系的联合声明"}},
		// Lines that make no title stay apart.
		{[]string{"中华人民共和国和甲国", "双方将加强合作。"}, []string{"中华人民共和国和甲国", "双方将加强合作。"}},
	}
	for _, tt := range tests {
		var got []string
		ps, _ := joinTitleLines(plain(tt.in...), make([]bool, len(tt.in)))
		for _, p := range ps {
			got = append(got, p.o)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("joinTitleLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestVisitParties(t *testing.T) {
	tests := []struct {
		visit string
		want  []string
	}{
		{"应中华人民共和国主席邀请，阿拉伯联合酋长国阿布扎比王储于2019年7月21日至23日对中国进行国事访问。", []string{"中国", "阿联酋"}},
		// The host is read first; China is named first.
		{"应甲国总统邀请，中华人民共和国主席于2022年5月24日至26日对甲国进行国事访问。访问期间，乙国总理会见了他。", []string{"中国", "甲国"}},
		{"应邀请，某主席于2024年5月16日至17日进行国事访问。", nil},
		// A meeting: states the table lacks, listed, or before an office;
		// words before a state's name are no state.
		{"2024年5月3日，中国、甲国、乙国、丙国外交部长会晤在甲国举行。", []string{"中国", "甲国", "乙国", "丙国"}},
		{"2024年5月3日，中国外交部长同甲国外交部长在北京举行会谈。", []string{"中国", "甲国"}},
		{"2024年5月3日，为深化中华人民共和国和丁国友好关系，两国外长举行会谈。", nil},
	}
	for _, tt := range tests {
		if got := names(findParties("", "", tt.visit)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parties of %q = %v, want %v", tt.visit, got, tt.want)
		}
	}
}

func TestIsOpening(t *testing.T) {
	for in, want := range map[string]bool{
		"中华人民共和国和甲国（以下简称“双方”），声明如下：":         true,
		"甲国、乙国、丙国和丁国（以下简称“各方”）元首于2022年举行会晤。": true,
		"为落实共识，双方制定本规划如下：":                   true,
		"双方将落实《上海合作组织宪章》（以下简称“宪章”）。":         false,
		"中华人民共和国和阿拉伯联合酋长国（以下简称“阿联酋”）举行会谈。":   false,
	} {
		if got := isOpening(in); got != want {
			t.Errorf("isOpening(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestSpans checks which stretches of a text become statements: two
// statements in one file with no closing between them, and news around
// them that quotes their commitments.
func TestSpans(t *testing.T) {
	text := strings.Join([]string{
		"新华社北京3月1日电（记者某某）专家表示，双方将加强合作。",
		"甲国和乙国关于深化合作的联合声明",
		"甲国和乙国（以下称“双方”），声明如下：",
		"双方将扩大贸易。",
		"双方同意加强海关合作。",
		"甲国和乙国关于人文交流的联合声明",
		"应甲国总统邀请，乙国总统于2024年3月1日至2日对甲国进行国事访问。",
		"双方将互办文化年。",
		"双方愿扩大留学生交流。",
		"即时 | 2024-03-02 10:00",
		"评论：双方将扩大贸易，这是好消息。",
	}, "\n")
	var got []string
	for _, st := range Parse(text) {
		got = append(got, st.Title+" "+st.Date.String()+" "+st.Commitments[0].Text)
	}
	want := []string{
		"甲国和乙国关于深化合作的联合声明  双方将扩大贸易。", // a news report's dateline is not the statement's
		"甲国和乙国关于人文交流的联合声明 2024-03-01 双方将互办文化年。",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse:\n got %q\nwant %q", got, want)
	}
}
