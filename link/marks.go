package link

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A commitment's ordinals and anniversaries say which one of a series it
// is about: 召开工作组第二次会议 is not 召开工作组第一次会议, 庆祝建交75周年 not
// 庆祝建交70周年, 发射第二颗遥感卫星 not the first (GUIDE §4: another object).
// A target is no such number (培训1000名 for 培训500名 repeats), nor a
// year, except the year an event is held in (2026年在北京举行: #2026年).
// The tokenizer drops numbers, so Sentences keeps these as marks, words of
// their own (#第2次, #75周年, #2026年) that no vector weighs and the
// features compare.
//
// So is the one party that acts, when only one does (actorMark: #方:中).
//
// The stages a commitment names (data/link.txt [stages]) are marks too
// (#@落实), in the order the text names them: the first is its main
// action (落实 of 落实……纲要，推动……建设 against 编制 of 编制……纲要), and the
// tokenizer leaves out some stage words (落实 is a stop word of the domain
// model), which the text keeps.

// MarksVersion names how Marks finds marks, the stage words included: the
// words stored with another are brought up to date (WithMarks) when a
// database is opened.
func MarksVersion() string { return "marks-8:" + lists().marksHash }

// markPrefix begins a mark; no word the tokenizer gives begins with it.
// stagePrefix begins the mark of a stage word.
const (
	markPrefix  = "#"
	stagePrefix = markPrefix + "@"
	// ordinalPrefix begins the mark of a member of a series (#第2次,
	// #第2期), which an anniversary's (#75周年) and a year's lack.
	ordinalPrefix = markPrefix + "第"
)

var (
	ordinalMark = regexp.MustCompile(`第\s*([0-9０-９]+|[〇零一二两三四五六七八九十百千]+)\s*([次届颗所期座批轮号])`)
	// 一号线, 二期工程: a member of a series named without 第, which
	// only what follows the number tells from a count.
	memberMark = regexp.MustCompile(`([0-9０-９]+|[〇零一二两三四五六七八九十]+)\s*(号|期)(?:线|卫星|星|机组|航站楼|工程|项目)`)
	// 通信卫星2号: the number after the name.
	afterNameMark = regexp.MustCompile(`(?:卫星|星)\s*([0-9０-９]+|[〇零一二两三四五六七八九十]+)\s*(号)`)
	// 首次会议, 首届论坛: the first of a series.
	firstMark = regexp.MustCompile(`首\s*()([次届批轮期])`)
	// 第二次世界大战 is a name, not the second of a series of sessions.
	warName         = regexp.MustCompile(`第\s*[一二]\s*次世界大战`)
	anniversaryMark = regexp.MustCompile(`([0-9０-９]+|[〇零一二两三四五六七八九十百千]+)\s*(周年)`)
	// 2026年: a year, after 到 or 至 when it is a target's (eventYears).
	yearMark = regexp.MustCompile(`([到至]?)\s*(` + yearDigits + `)\s*年`)
	// 2023—2027年, （2015—2019）: the years of a plan or programme name
	// which one it is, the next plan another (#2023—2027期间).
	periodMark = regexp.MustCompile(`(` + yearDigits + `)\s*(?:年)?\s*[—–\-－~至到]+\s*(` + yearDigits + `)`)
)

// yearDigits are the digits of a year, full-width ones too.
const yearDigits = `(?:19|20|１９|２０)[0-9０-９]{2}`

// Words about a year: what an event held that year is (举行), what makes
// the year another event's (签署: 落实2019年签署的协定，举行会议), and what
// makes it a deadline (2025年底前, 2025年以前).
var (
	eventVerbs    = []string{"举行", "举办", "召开", "主办", "承办"}
	otherEvents   = []string{"签署", "签订", "通过", "发表", "达成", "建立", "成立", "启动", "实施", "完成"}
	deadlineAfter = []string{"底", "前", "内", "以前", "之前", "以来", "起"}
)

// eventYears returns the marks of the years events are held in (于2026年在
// 北京举行, 2025年在奥克兰联合举办, 于2026年内召开: #2026年): which of a series
// the event is.
// A target's year (到2025年举办100场活动), a deadline (2025年底前召开) or the
// year of another event the sentence names first is none.
func eventYears(text string) []string {
	var out []string
	for _, m := range yearMark.FindAllStringSubmatchIndex(text, -1) {
		rest := text[m[1]:]
		// 于2024年内召开 is the year's meeting; 2024年内召开, a deadline.
		within := strings.HasPrefix(rest, "内") && (strings.HasSuffix(text[:m[0]], "于") || strings.HasSuffix(text[:m[0]], "在"))
		if within {
			rest = rest[len("内"):]
		}
		if m[3] > m[2] || !within && slices.ContainsFunc(deadlineAfter, func(d string) bool { return strings.HasPrefix(rest, d) }) {
			continue
		}
		// Up to 12 characters on, within the clause.
		n, end := 0, len(rest)
		for k, r := range rest {
			if n == 12 || strings.ContainsRune("，。；、", r) {
				end = k
				break
			}
			n++
		}
		window := rest[:end]
		if within && strings.ContainsAny(window, "0123456789０１２３４５６７８９") {
			continue // 于2025年内举办100场活动: a target's year
		}
		first := func(words []string) int {
			at := -1
			for _, w := range words {
				if k := strings.Index(window, w); k >= 0 && (at < 0 || k < at) {
					at = k
				}
			}
			return at
		}
		// 落实2023年在北京举行的峰会成果: the year of a past event the
		// commitment acts on, not of one it holds.
		held := func(at int) bool {
			for _, v := range eventVerbs {
				if strings.HasPrefix(window[at:], v) {
					return !strings.HasPrefix(rest[at+len(v):], "的") // window is rest's start
				}
			}
			return false
		}
		if ev, other := first(eventVerbs), first(otherEvents); ev >= 0 && (other < 0 || other > ev) && held(ev) {
			out = append(out, markPrefix+strconv.Itoa(number(text[m[4]:m[5]]))+"年")
		}
	}
	return out
}

// actorMark is the mark of the one party that acts in a commitment, when
// only one does: #方:中 of 中方将在……设立文化中心, #方:他 of 马方将在成都设立总领
// 事馆 (the partner, whichever it is). What one party undertakes the
// other's like undertaking does not repeat (GUIDE §4: another action;
// no labelled repetition of a pair set has one party's undertaking for
// the other's).
const actorMark = markPrefix + "方:"

// subject is a party followed by a commitment marker: 中方将, 马方愿, 双方同意.
var subject = regexp.MustCompile(`(\p{Han})方(?:将|愿|同意|决定|承诺|继续|准备|计划|还将|也将|会)`)

// notParties are the characters before 方 that name no one party: both
// or all of them (双方, 各方), or another word (地方, 对方, 西方).
const notParties = "双各三四两多地对东西南北官军有"

// actor returns the actor mark of text, or "" when it names more than
// one party acting, or the parties together, or none.
func actor(text string) string {
	if !strings.Contains(text, "方") {
		return ""
	}
	one := ""
	for _, m := range subject.FindAllStringSubmatch(text, -1) {
		p := "他"
		if m[1] == "中" {
			p = "中"
		}
		if strings.Contains(notParties, m[1]) || one != "" && one != p {
			return ""
		}
		one = p
	}
	if one == "" || strings.Contains(text, "两国") {
		return ""
	}
	return actorMark + one
}

// Marks returns the marks of text, in order.
func Marks(text string) []string {
	var out []string
	if strings.Contains(text, "世界大战") {
		text = warName.ReplaceAllString(text, "世界大战")
	}
	for _, mark := range []struct {
		re   *regexp.Regexp
		cues string // a match holds one of these characters: without them, none is looked for
	}{{ordinalMark, "第"}, {memberMark, "号期"}, {afterNameMark, "星"}, {firstMark, "首"}, {anniversaryMark, "周"}} {
		re := mark.re
		if !strings.ContainsAny(text, mark.cues) {
			continue
		}
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			n := number(m[1])
			if re == firstMark {
				n = 1
			}
			if n < 0 {
				continue
			}
			prefix := ordinalPrefix
			if re == anniversaryMark {
				prefix = markPrefix
			}
			out = append(out, prefix+strconv.Itoa(n)+m[2])
		}
	}
	// The marks of years, of events and of periods, are of digits.
	digits := strings.ContainsAny(text, "0123456789０１２３４５６７８９")
	if digits {
		out = append(out, eventYears(text)...)
	}
	if a := actor(text); a != "" {
		out = append(out, a)
	}
	if digits {
		for _, m := range periodMark.FindAllStringSubmatch(text, -1) {
			out = append(out, markPrefix+strconv.Itoa(number(m[1]))+"—"+strconv.Itoa(number(m[2]))+periodUnit)
		}
	}
	return out
}

// documentName is a name in 《》: a document's stages (《……建设规划》) are
// not the commitment's.
var documentName = regexp.MustCompile(`《[^《》]*》`)

// stageMarks returns the marks of the stage words text names, in order,
// each once, the longest where two start at one place (可行性研究, not 研究).
// A stage word counts where it is a word: one of the words the tokenizer
// found in the text, or a stop word it leaves out (落实), not characters
// across two words (开工 of 召开工作组); and not where it describes
// something (modifies: 建设性, 建成后的运营, 已签署的协定).
func stageMarks(text string, words []string) []string {
	text = lists().stageNouns.Replace(documentName.ReplaceAllString(text, "》"))
	var out []string
	for i := 0; i < len(text); {
		w := ""
		r, n := utf8.DecodeRuneInString(text[i:])
		for _, c := range lists().stagesAt[r] {
			if s := c.word; len(s) > len(w) && strings.HasPrefix(text[i:], s) && !modifies(text[i+len(s):], c.stage) &&
				(lists().tokenStop[s] || slices.Contains(words, s)) {
				w = s
			}
		}
		if w == "" {
			i += n
			continue
		}
		if m := stagePrefix + w; !slices.Contains(out, m) {
			out = append(out, m)
		}
		i += len(w)
	}
	return out
}

// modifies reports whether a stage word of stage k, followed by rest,
// describes something rather than naming the commitment's act: before 性
// (建设性, an adjective), 后 (建成后的运营, a time) or 的 (已签署的协定, what is
// acted on), but for a study, which before 的 is what is done
// (完成可行性研究的各项工作).
func modifies(rest string, k int) bool {
	return strings.HasPrefix(rest, "性") || strings.HasPrefix(rest, "后") ||
		strings.HasPrefix(rest, "的") && lists().study != 1<<k
}

// stagesOf returns the stages (lines of [stages]) of a commitment's stage
// marks, as bits, and the stage of the first, -1 when it names none.
func stagesOf(marks []string) (bits uint64, first int) {
	first = -1
	for _, m := range marks {
		w, ok := strings.CutPrefix(m, stagePrefix)
		if !ok {
			continue
		}
		for k, stage := range lists().stages {
			if k < 64 && slices.Contains(stage, w) {
				bits |= 1 << k
				if first < 0 {
					first = k
				}
			}
		}
	}
	return bits, first
}

// IsMark reports whether a stored word is a mark, not a word of the text:
// what a domain is predicted from leaves marks out.
func IsMark(w string) bool { return strings.HasPrefix(w, markPrefix) }

// number reads a number in digits (full-width too) or Chinese numerals
// up to the thousands; -1 when it is neither.
func number(s string) int {
	s = strings.Map(func(r rune) rune {
		if '０' <= r && r <= '９' {
			return '0' + r - '０'
		}
		return r
	}, s)
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digit := map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	unit := map[rune]int{'十': 10, '百': 100, '千': 1000}
	total, cur := 0, -1
	for _, r := range s {
		if d, ok := digit[r]; ok {
			cur = d
			continue
		}
		u, ok := unit[r]
		if !ok {
			return -1
		}
		if cur < 0 {
			cur = 1 // 十五: one ten
		}
		total += cur * u
		cur = -1
	}
	if cur > 0 {
		total += cur
	}
	return total
}

// marksDiffer reports whether two commitments' marks name other members
// of one series: both hold marks of a unit (次, 周年, …) and share none of
// them.
func marksDiffer(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) || !unitMark(x) {
			continue
		}
		u := markUnit(x)
		shared, other := false, false
		for _, y := range b {
			if markUnit(y) == u && unitMark(y) {
				other = true
				shared = shared || slices.Contains(a, y)
			}
		}
		if other && !shared {
			return true
		}
	}
	return false
}

// memberUnits are the units of the members of a series of things built
// or launched: a project's phases, buildings, satellites (二期, 第二座,
// 第二颗, 2号). Meetings and sessions (次, 届) are not among them: a body's
// next session is held in a commitment that sets up or keeps up the body
// (sessionOf tells those apart).
const memberUnits = "期座颗号"

// nextMember reports whether the later commitment a names the second or a
// later member of a series of things (#第2期: 二期项目, the second phase)
// and the earlier b names no member of it: b's is the thing itself, or
// its first, and a's another (GUIDE §4: another object).
func nextMember(a, b []string) bool {
	for _, x := range a {
		u := markUnit(x)
		if !strings.HasPrefix(x, ordinalPrefix) || !strings.Contains(memberUnits, u) || memberNumber(x) < 2 {
			continue
		}
		if !slices.ContainsFunc(b, func(y string) bool { return strings.HasPrefix(y, ordinalPrefix) && markUnit(y) == u }) {
			return true
		}
	}
	return false
}

// memberNumber returns the number of an ordinal mark (#第2期: 2).
func memberNumber(m string) int {
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(m, ordinalPrefix), markUnit(m)))
	if err != nil {
		return -1
	}
	return n
}

// unitMark reports whether m is the mark of a number of a unit (#第2次,
// #75周年, #2026年), not of a stage, an actor or a site.
func unitMark(m string) bool {
	return !strings.HasPrefix(m, stagePrefix) && !strings.HasPrefix(m, actorMark) && !strings.HasPrefix(m, sitePrefix)
}

// actorsDiffer reports whether one party acts in each of two commitments,
// and not the same one (actorMark).
func actorsDiffer(a, b []string) bool {
	find := func(ms []string) string {
		for _, m := range ms {
			if strings.HasPrefix(m, actorMark) {
				return m
			}
		}
		return ""
	}
	x, y := find(a), find(b)
	return x != "" && y != "" && x != y
}

// periodUnit ends the mark of a period of years.
const periodUnit = "期间"

// markUnit is what a mark counts: 次 of #第2次, 周年 of #75周年.
func markUnit(m string) string {
	r := []rune(m)
	for _, u := range []string{"周年", periodUnit} {
		if strings.HasSuffix(m, u) {
			return u
		}
	}
	return string(r[len(r)-1])
}
