package extract

import (
	"reflect"
	"strings"
	"testing"
)

func TestFindParties(t *testing.T) {
	tests := []struct {
		name, opening, title string
		want                 []string
	}{
		{"full names in the opening", "中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：", "", []string{"中国", "俄罗斯"}},
		{"opening without 以下称", "中华人民共和国和俄罗斯联邦，本着两国平等信任的伙伴关系，声明如下。", "", []string{"中国", "俄罗斯"}},
		{"another partner", "中华人民共和国和阿拉伯联合酋长国（以下简称“双方”）声明如下：", "", []string{"中国", "阿联酋"}},
		{"three parties", "中华人民共和国、俄罗斯联邦和蒙古国（以下称“三方”），声明如下：", "", []string{"中国", "俄罗斯", "蒙古"}},
		{"short names in the title", "双方声明如下：", "中国和巴西关于加强全面战略伙伴关系的联合声明", []string{"中国", "巴西"}},
		{"abbreviations in the title", "双方声明如下：", "中俄联合声明", []string{"中国", "俄罗斯"}},
		{"a clause between names and 关于", "", "中华人民共和国和俄罗斯联邦在两国建交75周年之际关于深化伙伴关系的联合声明", []string{"中国", "俄罗斯"}},
		{"states not in the table keep their names", "甲国和乙国（以下称“双方”），声明如下：", "", []string{"甲国", "乙国"}},
		{"a 共和国 not in the table stays whole", "中华人民共和国和甲共和国（以下称“双方”）声明如下：", "", []string{"中国", "甲共和国"}},
		{"a 和 inside a state's name", "中华人民共和国和特立尼达和多巴哥共和国（以下称“双方”）声明如下：", "", []string{"中国", "特立尼达和多巴哥"}},
		{"governments", "", "中华人民共和国政府和丁国政府关于深化农业合作的行动计划", []string{"中国", "丁国"}},
		{"heads of state", "", "中华人民共和国主席和俄罗斯联邦总统关于加强全球战略稳定的联合声明", []string{"中国", "俄罗斯"}},
		{"no fragment for a state", "应中华人民共和国主席习近平邀请，某某访问。", "", nil},
		{"a name the table lacks before the kind", "", "中华人民共和国和甲米拉联合公报", []string{"中国", "甲米拉"}},
		{"和平 is no separator", "", "中华人民共和国和平利用核能联合声明", nil},
		{"foreign ministries", "", "中华人民共和国外交部和甲国外交部第五轮外交磋商纪要", []string{"中国", "甲国"}},
		{"同意 is no separator", "中华人民共和国政府和甲国政府同意以和平共处五项原则为基础发展两国关系。", "", []string{"中国", "甲国"}},
		{"no parties named", "双方声明如下：", "联合声明（2020-01-02）", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := names(findParties(tt.title, Normalize(tt.opening), "")); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parties = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestTwoLineTitle checks a China–X statement whose hard-wrapped title is
// printed over two lines after the body and whose opening names no parties.
func TestTwoLineTitle(t *testing.T) {
	text := strings.Join([]string{
		"双方（以下称“双方”），声明如下：",
		"双方将扩大两国农产品贸易，推动",
		"相互市场准入。",
		"阿方愿加强与中方的能源合作。",
		"二〇二三年十二月一日于北京",
		"中华人民共和国和阿拉伯联合酋长国关于",
		"深化能源合作的联合声明",
		"本报讯 今日天气晴。",
	}, "\n")
	sts := Parse(text)
	if len(sts) != 1 {
		t.Fatalf("found %d statements", len(sts))
	}
	st := sts[0]
	if !reflect.DeepEqual(st.Parties, []string{"中国", "阿联酋"}) || st.Title != "中华人民共和国和阿拉伯联合酋长国关于深化能源合作的联合声明" {
		t.Errorf("parties %v, title %q", st.Parties, st.Title)
	}
	if len(st.Commitments) != 2 || !strings.HasPrefix(st.Commitments[1].Text, "阿方愿") {
		t.Errorf("commitments %+v; want the 阿方 sentence counted", st.Commitments)
	}
}

func TestSubjectWords(t *testing.T) {
	got := subjectWords([]state{{name: "甲国", abbr: "甲", names: []string{"甲国"}}, {name: "乙国", abbr: "乙", names: []string{"乙国"}}})
	for _, want := range []string{"双方", "两国", "甲方", "乙方", "甲乙", "乙甲", "甲乙两国", "甲国"} {
		if w, ok := got.match(want + "将"); !ok || w != want {
			t.Errorf("subjectWords: %q + 将 matches %q, %v", want, w, ok)
		}
	}
}

func TestSeedParties(t *testing.T) {
	for _, f := range readSeeds(t) {
		for i, st := range f.statements {
			if !reflect.DeepEqual(st.Parties, []string{"中国", "俄罗斯"}) {
				t.Errorf("%s statement %d: parties %v, want [中国 俄罗斯]", f.name, i+1, st.Parties)
			}
		}
	}
}

func TestCanonicalParty(t *testing.T) {
	for in, want := range map[string]string{
		"俄罗斯":      "俄罗斯",
		"俄罗斯联邦":    "俄罗斯",
		"俄":        "俄罗斯",
		" 中华人民共和国": "中国",
		"阿拉伯联合酋长国": "阿联酋",
		"甲国":       "甲国",
		"多米尼加共和国":  "多米尼加",
		"甲共和国":     "甲共和国",
		"國":        "國",
	} {
		if got := CanonicalParty(in); got != want {
			t.Errorf("CanonicalParty(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReportedAgreedPoints reads agreed points a news report announces: the
// parties from the report's meeting paragraph, and the body the numbered
// points only (GUIDE §1).
func TestReportedAgreedPoints(t *testing.T) {
	text := strings.Join([]string{
		"新华社北京5月3日电 5月3日，中国外交部长同甲国外交部长在北京举行会谈。",
		"中国外交部长表示，中方愿同甲方深化合作。",
		"会谈后，双方发表联合新闻公报。公报主要内容如下：",
		"一、双方同意保持高层交往。",
		"二、甲方愿扩大自华进口。",
		"三、双方将加强在联合国的协调。",
		"当天，甲国外交部长还会见了中国商务部长。中国商务部长表示，中方愿同甲方扩大贸易。",
	}, "\n")
	sts := ParseDated(text, DateHint{Date: Date{Year: 2024, Month: 5, Day: 3}, From: "the file name"})
	if len(sts) != 1 {
		t.Fatalf("found %d statements", len(sts))
	}
	st := sts[0]
	if !reflect.DeepEqual(st.Parties, []string{"中国", "甲国"}) {
		t.Errorf("parties %v, want [中国 甲国]", st.Parties)
	}
	var got []string
	for _, c := range st.Commitments {
		got = append(got, c.Text)
	}
	want := []string{"双方同意保持高层交往。", "甲方愿扩大自华进口。", "双方将加强在联合国的协调。"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("commitments %q, want %q", got, want)
	}
}

// TestReportNamesStatement reads agreed text a report announces under the
// title it quotes, with China named by an office only China has.
func TestReportNamesStatement(t *testing.T) {
	text := strings.Join([]string{
		"新华社杭州9月8日电 国家主席8日在杭州同来访的甲国总统举行会谈。",
		"国家主席指出，中方愿同甲方一道推动两国关系发展。",
		"会谈后，双方发表《中华人民共和国和甲国关于建立全面合作伙伴关系的联合声明》。声明主要内容如下：",
		"一、双方决定建立全面合作伙伴关系。",
		"二、中方愿帮助甲方加强防灾减灾能力建设。",
	}, "\n")
	sts := ParseDated(text, DateHint{Date: Date{2023, 9, 8}, From: "the file name"})
	if len(sts) != 1 {
		t.Fatalf("found %d statements", len(sts))
	}
	st := sts[0]
	if st.Title != "中华人民共和国和甲国关于建立全面合作伙伴关系的联合声明" || !reflect.DeepEqual(st.Parties, []string{"中国", "甲国"}) || len(st.Commitments) != 2 {
		t.Errorf("title %q, parties %v, %d commitments; want the quoted title, [中国 甲国], 2", st.Title, st.Parties, len(st.Commitments))
	}
}
