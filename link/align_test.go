package link

import "testing"

// TestAlign checks what aligning two commitments finds: a thing of one
// kind, a place or an object swapped in one frame is a swap, and when
// nothing else differs, an object swap (the pair is ruled out); a list
// reordered, a synonym, a form sharing characters or a measure (规模 for
// 份额) is none; two of the commonest nouns (技术 for 设施) are a swap but
// no object swap, nor are two verbal nouns; two places that share
// characters (东坡省, 西坡省) are two, and so are two names the cut leaves
// in characters.
func TestAlign(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	c := testClassifier(t)
	for _, tc := range []struct {
		later, earlier     string
		kind, noun, object bool
	}{
		{"双方将在铜矿勘探开发领域开展合作。", "双方将在锂矿勘探开发领域开展合作。", true, true, true},
		{"中方将派遣篮球教练赴戊国执教。", "中方将派遣足球教练赴戊国执教。", true, true, true},
		{"中方将支持戊国扩建戊都机场。", "中方将支持戊国扩建戊都港。", true, true, true},
		{"双方将推进北原省光伏电站建设。", "双方将推进南川省光伏电站建设。", true, true, true},
		{"双方同意于2020年互办旅游年。", "双方同意于2017年互办文化年。", true, true, true},
		{"双方将扩大戊国牛肉、大豆等农产品对华出口。", "双方将扩大大豆、牛肉等戊国农产品对华出口。", false, false, false},
		{"两国元首将保持密切交往。", "两国领导人将保持密切交往。", false, false, false},
		{"双方将在戊国推广中文教学。", "双方将在戊国推广汉语教学。", false, false, false},
		{"双方将开通直飞航班。", "双方将开通直航航班。", false, false, false},
		{"双方将扩大本币结算份额。", "双方将扩大本币结算规模。", false, false, false},
		{"戊方将在戊都大学开设中医专业。", "戊方将在戊都大学开设中文专业。", false, true, true},
		{"双方将在戊国东坡省共建职业培训中心。", "双方将在戊国西坡省共建职业培训中心。", true, true, true},
		{"双方将加强戊国电力技术合作。", "双方将加强戊国电力设施合作。", false, true, false},
		{"双方将推动戊国农产品通过跨境电商进入中国市场，扩大电子商务合作。", "双方将推动戊国牛肉进入中国市场。", false, true, false},
		// A name cut into characters is one name; 至 is no part of one.
		{"双方同意尽快开放丙岭—热索口岸为国际性口岸。", "双方同意尽快开放乙川—雅里口岸为国际性口岸。", false, true, true},
		{"双方同意开通昆明至戊都的直航航线。", "双方同意开通成都至戊都的直航航线。", false, true, true},
		// A function word, a verb or a place's end stops a name.
		{"双方同意开通乌兰巴托至丙都的直航航线。", "双方同意开通乌兰巴托至乙都的直航航线。", false, true, true},
		{"中方将在东坡省内建医院。", "中方将在东坡省内建学校。", true, true, true},
		// A kind inside a word the other mostly holds; a kind's synonym;
		// 人文 holds 文化, no other kind.
		{"双方将加强人文交流。", "双方将加强文化交流。", false, false, false},
		{"中方鼓励中国企业参与戊国太阳能电站项目的建设。", "中方鼓励中国企业参与戊国水电站项目的建设。", true, false, false},
		{"双方将推动两国企业在戊国共同开发光伏电站。", "双方将推动两国企业在戊国共同开发太阳能电站。", false, false, false},
		// Verbal nouns for one another reword the action.
		{"双方将开展鱿鱼资源联合科学考察。", "双方将开展鱿鱼资源联合调查。", false, true, false},
	} {
		items := []Item{
			{ID: 1, Group: "g", Date: "2020-01-01", Order: "2", Sentences: [][]string{c.Tokenizer.Tokens(tc.later)}},
			{ID: 2, Group: "g", Date: "2010-01-01", Order: "1", Sentences: [][]string{c.Tokenizer.Tokens(tc.earlier)}},
		}
		co := m.newCorpus(items, false)
		al := co.align(co.detail(1), co.detail(0))
		object := al.otherObject()
		if al.kindSwap != tc.kind || al.nounSwap != tc.noun || object != tc.object {
			t.Errorf("%s | %s: kind swap %v, noun swap %v, object swap %v; want %v, %v, %v", tc.later, tc.earlier, al.kindSwap, al.nounSwap, object, tc.kind, tc.noun, tc.object)
		}
	}
}
