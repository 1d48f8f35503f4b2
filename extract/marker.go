package extract

import "strings"

// The word lists below follow GUIDE section 2. They are matched at the start
// of a clause, after its subject: only the parties' own predicate decides,
// so 决定 in 美国决定退出 does not count.

// agentSuffixes name an organ of the parties that can act for them
// (双方主管部门愿……, 两国政府将……).
var agentSuffixes = []string{"主管部门", "有关部门", "相关部门", "部门", "机构", "政府", "领导人", "外长", "议会"}

// notSubject follows a party word when it is part of a noun (中俄关系,
// 两国人民, 双方的), not the subject of the clause.
var notSubject = []string{"关系", "合作", "人民", "经济", "务实", "安全", "人文", "友好", "边境", "边界", "地方", "贸易",
	"各界", "之间", "间", "的", "金融", "投资", "能源", "科技", "文化", "民间", "青年", "利益", "战略", "全面", "新时代", "睦邻", "友谊", "双边", "国家"}

// markers are the commitment markers of GUIDE section 2, longest first, and
// 希与 (wish to … with), which states the same intent as 愿与.
var markers = []string{"愿意", "决心", "同意", "商定", "计划", "致力于", "承诺", "继续", "保证", "决定",
	"希望与", "希望同", "希与", "希同", "将", "愿"}

// fillers may stand between the subject and its marker: adverbs and the
// reporting verbs that take a commitment as their object (双方重申将……).
var fillers = []string{"进一步", "一致", "共同", "再次", "重申", "强调", "表示", "坚定", "坚决", "积极", "一道", "携手",
	"正式", "同时", "特别", "还", "也", "均", "都", "亦", "又", "并"}

// assessments are the verbs of assessment, concern and calls on others. A
// clause that is only such a verb introduces what the parties think, not
// what they will do (双方认为，……).
var assessments = []string{"认为", "指出", "强调", "注意到", "满意地看到", "满意地指出", "高兴地指出", "看到", "表示", "欢迎",
	"回顾", "重申", "关切", "表示关切", "谴责", "呼吁", "敦促", "建议", "倡导", "相信", "确认", "赞赏", "肯定",
	"高度评价", "积极评价", "赞同", "一致认为", "特别指出"}

// stances are verbs whose object may run over several clauses
// (反对……，将……政治化，……): what follows them is what is opposed or called
// for, not an act of the parties.
var stances = []string{"反对", "支持", "呼吁", "主张", "谴责", "敦促", "要求", "倡导", "鼓励"}

// reporting verbs put the parties back as subject after a clause about
// something else (双方强调，……，重申将……).
var reporting = []string{"重申", "表示", "强调", "再次"}

// connectives open a clause before its subject (为此，双方商定).
var connectives = []string{"为此", "此外", "同时", "因此", "鉴此", "另外", "对此", "据此", "今后", "并且", "并", "而且", "还"}

// hasPrefixAny returns the first of words that s starts with.
func hasPrefixAny(s string, words []string) (string, bool) {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return w, true
		}
	}
	return "", false
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// subjects are the words that name a statement's parties (双方, 中方, 中俄,
// 甲乙两国), longest first; see subjectWords.
type subjects []string

// strip strips the parties as the subject of a clause and reports whether
// they were there.
func (subj subjects) strip(c string) (rest string, ok bool) {
	w, ok := hasPrefixAny(c, subj)
	if !ok {
		return c, false
	}
	rest = c[len(w):]
	if a, ok := hasPrefixAny(rest, agentSuffixes); ok {
		return rest[len(a):], true
	}
	// A short qualifier before an organ: 中俄金融监管部门.
	rs := []rune(rest)
	for n := 1; n <= 6 && n < len(rs); n++ {
		if a, ok := hasPrefixAny(string(rs[n:]), agentSuffixes); ok && onlyHan(string(rs[:n])) {
			return string(rs[n:])[len(a):], true
		}
	}
	if _, bad := hasPrefixAny(rest, notSubject); bad {
		return c, false
	}
	return rest, true
}

// skipFillers strips adverbs and reporting verbs before a predicate.
func skipFillers(s string) string {
	for {
		f, ok := hasPrefixAny(s, fillers)
		if !ok {
			return s
		}
		s = s[len(f):]
	}
}

// startsMarker reports whether a predicate opens with a commitment marker.
// 继续 counts only when an action follows it.
func startsMarker(p string) bool {
	m, ok := hasPrefixAny(p, markers)
	if !ok {
		return false
	}
	return m != "继续" || len(p) > len(m)
}

// isAssessment reports whether a predicate is only a verb of assessment,
// with what is assessed following in the next clause.
func isAssessment(p string) bool {
	for _, a := range assessments {
		if p == a {
			return true
		}
	}
	return false
}

// opensWithAssessment reports whether a clause's predicate starts with a verb
// of assessment, concern or a call on others.
func (subj subjects) opensWithAssessment(c string) bool {
	c = stripConnective(c)
	if rest, ok := subj.strip(c); ok {
		c = rest
	}
	for _, f := range []string{"一致", "再次", "特别", "坚决", "强烈"} {
		c = strings.TrimPrefix(c, f)
	}
	_, ok := hasPrefixAny(c, assessments)
	return ok
}

// opensWithStance reports whether a predicate starts with a stance verb.
func opensWithStance(p string) bool {
	_, ok := hasPrefixAny(p, stances)
	return ok
}

// reports reports whether a clause opens with a reporting verb.
func reports(c string) bool {
	_, ok := hasPrefixAny(c, reporting)
	return ok
}

func stripConnective(c string) string {
	if w, ok := hasPrefixAny(c, connectives); ok {
		return c[len(w):]
	}
	return c
}

func onlyHan(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return s != ""
}
