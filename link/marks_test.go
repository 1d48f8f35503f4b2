package link

import (
	"reflect"
	"strings"
	"testing"
)

// TestMarks reads ordinals and anniversaries in digits and in Chinese
// numerals, the year an event is held in and the years of a plan, and
// leaves targets, other years and articles alone.
func TestMarks(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"双方将召开工作组第二次会议。", []string{"#第2次"}},
		{"联委会第25次会议于2019年在北京举行。", []string{"#第25次", "#2019年"}},
		{"双方同意2025年在奥克兰联合举办商业峰会。", []string{"#2025年"}},
		{"力争到2025年双边贸易额达到500亿美元。", nil},
		{"双方将签署《2023—2027年文化交流执行计划》，落实合作规划（2015-2019）。", []string{"#2023—2027期间", "#2015—2019期间"}},
		{"双方将落实2019年签署的协定，举行联委会会议。", nil},
		{"双方将落实2023年在北京举行的峰会成果。", nil},
		{"双方将落实2019年签署的协定并举行联委会会议。", nil},
		{"力争到2025年举办100场文化活动。", nil},
		{"双方同意于2025年底前召开工作组第一次会议。", []string{"#第1次"}},
		{"双方同意于2024年内在加德满都召开联委会会议。", []string{"#2024年"}},
		{"双方同意2024年内召开联委会会议。", nil},
		{"力争于2025年内举办100场文化活动。", nil},
		{"双方将于2025年内完成谈判并举行签字仪式。", nil},
		{"双方同意于２０２６年在北京举行下一次会议，落实２０２３—２０２７年合作规划。", []string{"#2026年", "#2023—2027期间"}},
		{"庆祝两国建交七十五周年和第十五届博览会。", []string{"#第15届", "#75周年"}},
		{"庆祝建交７０周年。", []string{"#70周年"}},
		{"中方将为对方培训1000名技术人员。", []string{"#方:中"}},
		{"马方将在成都设立总领事馆。", []string{"#方:他"}},
		{"中方愿提供奖学金，双方将加强交流。", nil},
		{"中方将提供援助，巴方将做好配合。", nil},
		{"中方将与两国企业一道推进项目。", nil},
		{"地方将加强合作。", nil},
		{"双方将共同纪念第二次世界大战胜利80周年。", []string{"#80周年"}},
		{"根据条约第二十五条予以延期。", nil},
		{"双方将参与地铁二号线和二期工程建设。", []string{"#第2号", "#第2期"}},
		{"统一号召，分两期完成。", nil},
		{"举行首次会议，推进通信卫星2号研制。", []string{"#第2号", "#第1次"}},
	} {
		if got := Marks(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Marks(%s) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestStageMarks reads the stages a text names in order, each once, where
// they are words: the tokenizer's or a stop word it leaves out.
func TestStageMarks(t *testing.T) {
	for _, tc := range []struct {
		text, words string
		want        []string
	}{
		{"双方将研究修建跨境公路，并建设口岸。", "研究 修建 跨境 公路 建设 口岸", []string{"#@研究", "#@修建", "#@建设"}},
		{"双方将开展可行性研究。", "开展 可行性 研究 可行性研究", []string{"#@可行性研究"}},
		{"双方将落实《经济走廊建设规划纲要》。", "经济走廊 建设 规划 纲要", []string{"#@落实"}},
		{"双方将召开工作组第二次会议。", "召开 工作组 会议", nil},
		{"双方将发挥建设性作用。", "发挥 建设 建设性 作用", nil},
		{"双方将开展联合研究，培养研究生。", "开展 联合 研究 培养 研究生", nil},
		{"双方将做好公路建成后的运营和养护。", "做好 公路 建成 运营 养护", []string{"#@运营", "#@养护"}},
		{"双方将全面落实已签署的航空运输协定。", "全面 签署 航空运输 协定", []string{"#@落实"}},
		{"双方将完成可行性研究的各项工作。", "完成 可行性 研究 可行性研究 各项 工作", []string{"#@可行性研究"}},
		{"双方将开展交流探讨。", "开展 交流 探讨", nil},
	} {
		if got := stageMarks(tc.text, strings.Fields(tc.words)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("stageMarks(%s) = %q, want %q", tc.text, got, tc.want)
		}
	}
	_, build := stagesOf([]string{"#@建设"})
	if _, first := stagesOf([]string{"#第2次", "#@修建", "#@研究"}); first != build || build < 0 {
		t.Errorf("first stage of 修建, 研究 = %d, want that of 建设 (%d)", first, build)
	}
}

// TestMarksDiffer: two members of one series differ; a shared member, or
// marks of other units, do not.
func TestMarksDiffer(t *testing.T) {
	for _, tc := range []struct {
		a, b []string
		want bool
	}{
		{[]string{"#第2次"}, []string{"#第1次"}, true},
		{[]string{"#75周年"}, []string{"#70周年"}, true},
		{[]string{"#第2次", "#70周年"}, []string{"#第2次"}, false},
		{[]string{"#第2次"}, []string{"#70周年"}, false},
		{[]string{"#第2颗"}, nil, false},
		{[]string{"#2023—2027期间"}, []string{"#2018—2022期间"}, true},
		{[]string{"#2023—2027期间", "#2023年"}, []string{"#2023—2027期间"}, false},
	} {
		if got := marksDiffer(tc.a, tc.b); got != tc.want {
			t.Errorf("marksDiffer(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestSessionOf tells a session of a body from setting the body up, in
// either order, and not when one commitment does both; and, in short
// commitments, a session from a body's meetings named with no session.
func TestSessionOf(t *testing.T) {
	for _, tc := range []struct {
		a, b []string
		long bool
		want bool
	}{
		{[]string{"#第1次"}, []string{"#@建立"}, true, true},
		{[]string{"#@成立"}, []string{"#第3届"}, true, true},
		{[]string{"#第1次", "#@建立"}, []string{"#@建立"}, false, false},
		{[]string{"#第1次"}, []string{"#第1次"}, false, false},
		{[]string{"#第2号"}, []string{"#@建立"}, false, false},
		{nil, []string{"#@建立"}, false, false},
		{[]string{"#第8次"}, []string{"#@举办"}, false, true},
		{[]string{"#第8次"}, nil, true, false},
		{[]string{"#2025年"}, nil, false, true},
		{[]string{"#2025年"}, []string{"#2021年"}, false, false},
		{[]string{"#2025年"}, nil, true, false},
		{[]string{"#2025年", "#50周年"}, []string{"#50周年"}, false, false},
		{[]string{"#第1届", "#@建立"}, []string{"#@成立"}, true, false},
	} {
		a, b := prepared{marks: tc.a}, prepared{marks: tc.b}
		a.stages, _ = stagesOf(tc.a)
		b.stages, _ = stagesOf(tc.b)
		if tc.long {
			a.content = make([]contentWord, shortWords+1)
		}
		if got := sessionOf(&a, &b); got != tc.want {
			t.Errorf("sessionOf(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestStudyOf: studying something against doing it, in short
// commitments; both studying, or a long one, is no such pair.
func TestStudyOf(t *testing.T) {
	for _, tc := range []struct {
		a, b []string
		long bool
		want bool
	}{
		{[]string{"#@研究", "#@建立"}, []string{"#@建立"}, false, true},
		{nil, []string{"#@可行性研究"}, false, true},
		{[]string{"#@研究"}, []string{"#@论证"}, false, false},
		{[]string{"#@研究"}, nil, true, false},
		{[]string{"#@制定"}, nil, false, false},
	} {
		a, b := prepared{marks: tc.a}, prepared{marks: tc.b}
		a.stages, _ = stagesOf(tc.a)
		b.stages, _ = stagesOf(tc.b)
		if tc.long {
			b.content = make([]contentWord, shortWords+1)
		}
		if got := studyOf(&a, &b); got != tc.want {
			t.Errorf("studyOf(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestNextMember: a later phase, building or satellite against the thing
// named with no member; not the other way, not the first, not a session,
// not when both name members (marksDiffer's).
func TestNextMember(t *testing.T) {
	for _, tc := range []struct {
		later, earlier string
		want           bool
	}{
		{"推进甲港集装箱码头二期项目建设。", "推进甲港集装箱码头项目建设。", true},
		{"中方将援建第二座乙城体育馆。", "中方将援建乙城体育馆。", true},
		{"双方将合作研制并发射第三颗遥感卫星。", "双方将合作研制遥感卫星。", true},
		{"推进甲港集装箱码头项目建设。", "推进甲港集装箱码头二期项目建设。", false},
		{"推进甲港集装箱码头一期项目建设。", "推进甲港集装箱码头项目建设。", false},
		{"推进甲港集装箱码头二期项目建设。", "推进甲港集装箱码头二期工程建设。", false},
		{"推进甲港集装箱码头三期项目建设。", "推进甲港集装箱码头二期项目建设。", false},
		{"举行联委会第二次会议。", "建立联合委员会。", false},
	} {
		if got := nextMember(Marks(tc.later), Marks(tc.earlier)); got != tc.want {
			t.Errorf("nextMember(%s, %s) = %v, want %v", tc.later, tc.earlier, got, tc.want)
		}
	}
}

// TestActorsDiffer: one party's undertaking against the other's.
func TestActorsDiffer(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"中方将在吉隆坡设立文化中心。", "马方将在北京设立文化中心。", true},
		{"中方将在吉隆坡设立文化中心。", "中方将在吉隆坡开设文化中心。", false},
		{"中方将在吉隆坡设立文化中心。", "双方将互设文化中心。", false},
		{"马方将派团参展。", "伊方将派团参展。", false},
	} {
		if got := actorsDiffer(Marks(tc.a), Marks(tc.b)); got != tc.want {
			t.Errorf("actorsDiffer(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestWithMarks puts the marks after the last sentence, in place of those
// it held, so stored words are brought up to date as Sentences makes them.
func TestWithMarks(t *testing.T) {
	got := WithMarks("召开第二次会议。举行活动。", [][]string{{"召开", "会议"}, {"举行", "活动", "#第1次"}})
	want := [][]string{{"召开", "会议"}, {"举行", "活动", "#第2次"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("WithMarks = %q, want %q", got, want)
	}
}
