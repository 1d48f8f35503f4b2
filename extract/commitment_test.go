package extract

import (
	"strings"
	"testing"
)

// The sentences below are written for these tests, in the style of GUIDE §2.

// sinoRussian reads a statement between China and Russia.
var sinoRussian = reader{subj: subjectWords([]state{
	{name: "中国", abbr: "中", names: []string{"中国"}},
	{name: "俄罗斯", abbr: "俄", names: []string{"俄罗斯"}},
})}

// plain makes texts in simplified characters, as the file wrote them.
func plain(ss ...string) []text {
	out := make([]text, len(ss))
	for i, s := range ss {
		out[i] = text{s: s, o: s}
	}
	return out
}

func TestSentenceCommits(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		// A marker after the parties as subject.
		{"双方将继续加强在经贸领域的合作。", true},
		{"双方愿意扩大人文交流。", true},
		{"两国决心深化战略互信。", true},
		{"中俄同意延长协定有效期。", true},
		{"双方商定成立联合工作组。", true},
		{"双方计划于明年举办文化年活动。", true},
		{"双方致力于维护地区和平稳定。", true},
		{"双方承诺落实已达成的共识。", true},
		{"中方保证为对方人员入境提供便利。", true},
		{"双方决定互设文化中心。", true},
		{"双方一致同意加强协调。", true},
		{"中俄元首同意对条约予以延期。", true},
		{"双方主管部门愿深化信息安全合作。", true},
		{"双方希与有关国家加强合作。", true},
		// The subject after an adverbial or another clause.
		{"根据协定，双方将定期举行会晤。", true},
		{"为此，双方商定以下事项。", true},
		{"人文交流十分重要，双方将继续给予重视。", true},
		// A marker opening a clause that follows the parties as subject.
		{"双方积极评价合作成果，愿进一步扩大合作规模。", true},
		{"双方欢迎该组织扩员，并愿共同作出努力。", true},
		// A reporting verb before the marker.
		{"双方重申将巩固在该领域的合作。", true},
		{"双方强调愿加强多边协作。", true},
		{"双方强调，该协议具有重要意义，重申将继续落实协议。", true},
		// No subject: the parties are implied.
		{"继续开展两国议会间交流。", true},
		// Agreeing after what the parties think is still the parties'.
		{"双方认为，能源合作是两国合作的重点，同意成立能源工作组。", true},
		{"双方认为，人文交流十分重要，决定互办文化年。", true},
		// One side by the name of its state without 国 (sideStem).
		{"俄罗斯方表示，愿意为中国公民提供签证便利。", true},

		// Assessments, concerns, calls on others.
		{"双方认为，维护地区和平稳定符合各国共同利益。", false},
		{"双方指出，该问题应通过对话解决。", false},
		{"双方满意地看到，两国贸易额持续增长。", false},
		{"双方对局势表示关切。", false},
		{"双方谴责一切形式的恐怖主义。", false},
		{"双方呼吁各国保持克制。", false},
		{"双方强调，有关国家将承担责任，继续履行义务。", false},
		{"双方认为，核武器国家应通过对话解决分歧，将战略风险降至最低。", false},
		{"双方认为，有关国家同意的方案值得研究。", false},
		// A marker whose subject is not the parties.
		{"美国决定退出该条约。", false},
		{"中俄关系将继续保持高水平发展。", false},
		{"条约内容没有过时，继续为两国关系提供支撑。", false},
		// 将 as the object marker after a stance verb.
		{"双方重申遵守出口管制义务，反对将出口管制政治化。", false},
		// Narrative of what has been done.
		{"双方汲取历史经验，致力于和平发展，树立了合作的典范。", false},
		// No marker at all.
		{"双方在该领域加强协调行动。", false},
		{"双方坚决捍卫自身合法权益。", false},
	}
	for _, tt := range tests {
		if got := sinoRussian.subj.sentenceCommits(tt.s, false); got != tt.want {
			t.Errorf("sentenceCommits(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestItemCommits(t *testing.T) {
	tests := []struct {
		item string
		want bool
	}{
		{"扩大双边贸易规模，优化贸易结构。", true},
		{"有效保护知识产权。", true},
		{"高度评价体育交流年成果，继续推进体育领域合作。", true},
		{"双方认为，维护地区和平稳定符合各国共同利益。", false},
		{"呼吁国际社会加强团结。", false},
	}
	for _, tt := range tests {
		if got := sinoRussian.subj.itemCommits(tt.item); got != tt.want {
			t.Errorf("itemCommits(%q) = %v, want %v", tt.item, got, tt.want)
		}
	}
}

func TestIsCommitmentHeader(t *testing.T) {
	tests := map[string]bool{
		"双方商定：": true,
		"为此，双方商定落实以下任务：":     true,
		"双方将采取以下措施：":         true,
		"双方将聚焦以下方面：":         true,
		"双方认为，当前两国关系的主要特征是：": false,
		"双方确定了以下基本原则：":       false,
	}
	for h, want := range tests {
		if got := isCommitmentHeader(h); got != want {
			t.Errorf("isCommitmentHeader(%q) = %v, want %v", h, got, want)
		}
	}
}

// TestCommitments checks list handling over a whole body: items under a
// commitment header count, items under principles do not, numbered items
// run over several paragraphs, and the list ends where running text starts.
func TestCommitments(t *testing.T) {
	body := []string{
		"一",
		"双方认为，两国关系的主要特征是：",
		"——高度的政治互信；",
		"——密切的国际协调。",
		"双方将继续坚持上述原则。",
		"二",
		"双方商定：",
		"——扩大农产品贸易。",
		"——双方认为，维护地区稳定符合各国利益。",
		"——加强口岸建设。",
		"双方强调，合作十分重要。",
		"务实合作",
		"双方将采取以下措施：",
		"（一）深化能源合作。",
		"落实已签署的能源协议。",
		"双方高度评价能源论坛的成果。",
		"（二）扩大本币结算。",
		"双方愿加强执法合作。",
	}
	var got []string
	for _, c := range sinoRussian.commitments(plain(body...)) {
		got = append(got, c.Section+" "+c.Text)
	}
	want := []string{
		"一 双方将继续坚持上述原则。",
		"二 扩大农产品贸易。",
		"二 加强口岸建设。",
		"务实合作 深化能源合作。落实已签署的能源协议。双方高度评价能源论坛的成果。",
		"务实合作 扩大本币结算。",
		"务实合作 双方愿加强执法合作。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("commitments:\n got %q\nwant %q", got, want)
	}
}

// TestFinalClauseEndsItem checks that the document's own final clause
// after the last numbered item is no part of that item.
func TestFinalClauseEndsItem(t *testing.T) {
	body := []string{"双方商定：", "（一）深化能源合作。", "（二）扩大本币结算。", "本行动计划自签署之日起生效。"}
	var got []string
	for _, c := range sinoRussian.commitments(plain(body...)) {
		got = append(got, c.Text)
	}
	if want := []string{"深化能源合作。", "扩大本币结算。"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("commitments %q, want %q", got, want)
	}
}

// TestWrappedDashItem checks that in hard-wrapped text a dash item broken
// after a full stop is joined up again, while a paragraph that opens with
// the parties after the last item is running text.
func TestWrappedDashItem(t *testing.T) {
	body := []string{
		"双方商定：",
		"——加强体育合作。",
		"在国际上反对将体育政治化。",
		"——深化档案合作。",
		"双方将继续对话。",
	}
	var got []string
	wrapped := sinoRussian
	wrapped.wrapped = true
	for _, c := range wrapped.commitments(plain(body...)) {
		got = append(got, c.Text)
	}
	want := []string{"加强体育合作。在国际上反对将体育政治化。", "深化档案合作。", "双方将继续对话。"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("commitments = %q, want %q", got, want)
	}
}
