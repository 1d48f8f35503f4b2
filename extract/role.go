package extract

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Role is what a paragraph is in a document's structure.
type Role int

// The roles a paragraph can take.
const (
	RoleText       Role = iota // running text
	RoleTitle                  // a statement's title (over one to three lines)
	RoleSubtitle               // ——在……之际, under a title
	RoleVisit                  // 应……邀请，……进行国事访问
	RoleOpening                // ……（以下称“双方”），声明如下：
	RoleHeading                // 一, 政治合作, 一、政治领域
	RoleListHeader             // 双方商定：
	RoleListItem               // ——……, （一）……, 1.……, 一是……, 第一条……
	RoleDateLine               // 二〇二四年五月十六日于北京, 本计划于……签署
	RoleSignature              // 中华人民共和国主席 习近平
	RoleDateline               // （新华社莫斯科6月5日电）
	RoleFeedStamp              // 即时 | 2021-06-29 20:23
	RoleNews                   // 本报讯, 记者, a news lead
)

var roleNames = [...]string{"text", "title", "subtitle", "visit", "opening", "heading", "list header", "list item",
	"date line", "signature", "dateline", "feed stamp", "news"}

func (r Role) String() string { return roleNames[r] }

// closes reports whether a paragraph of this role ends a statement body.
func (r Role) closes() bool { return r == RoleDateLine || r == RoleSignature || r == RoleDateline }

// Cue is one piece of evidence about a paragraph or a span, and how much
// it weighs: for a paragraph, towards the role it names; for a span,
// towards its being a statement (negative against).
type Cue struct {
	Name   string
	Role   Role // for a paragraph cue, the role it supports
	Weight float64
}

// The weights of the paragraph cues. A role needs one strong cue, or two
// weaker ones; where cues disagree the heavier role wins.
const (
	wStrong = 4.0 // a cue that decides the role on its own
	wMedium = 2.0
	wWeak   = 1.0
)

var (
	// visitInviteRe is the invitation of the visit paragraph, in its
	// first sentence: 应……邀请 (also after 为……, as in 一、为加强……，应……邀请).
	visitInviteRe = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,3}、)?(?:(?:为|在)[^。，]{0,60}，|[^。，]{0,30}日，)?应[^。]{0,60}?邀请`)
	// visitTripRe is the trip itself: ……于……对……进行国事访问.
	visitTripRe = regexp.MustCompile(`^[^。]{0,120}?于[^。]{0,60}?(?:访问|访华|会晤|峰会|会谈|出席)`)
	// feedStampRe is a news feed's timestamp line: 即时|2021-06-29 20:23.
	feedStampRe = regexp.MustCompile(`^.{0,8}\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}`)
	// signingRe is the clause that closes an action plan or agreement:
	// 本行动计划于2024年5月20日在北京签署.
	signingRe = regexp.MustCompile(`^本\p{Han}{1,8}?于.{0,30}?(?:签署|签订|发表|通过|订立)`)
	// subtitleRe is the line under some titles that says on what occasion
	// the statement was made.
	subtitleRe = regexp.MustCompile(`^——[^。；]{2,80}(?:之际|期间|访问|会晤|峰会|会议)$`)
)

// signatureRe is a line of signatures: office, then name, once or more
// (中华人民共和国主席习近平俄罗斯联邦总统弗·弗·普京).
var signatureRe = sync.OnceValue(func() *regexp.Regexp {
	// A name is two to five characters, or a foreign name with its dots
	// (弗拉基米尔·普京): a longer run after an office is a headline
	// (……总理参观深圳科技企业).
	return regexp.MustCompile(`^(?:\p{Han}{2,24}?(?:` + words().officeRe + `)(?:\p{Han}{2,5}|\p{Han}{1,12}·[\p{Han}·]{1,24}))+$`)
})

func isSignature(p string) bool {
	if utf8.RuneCountInString(p) > 60 {
		return false
	}
	// Offices and names only: a quick test before the slow pattern.
	for _, r := range p {
		if !isHan(r) && r != '·' {
			return false
		}
	}
	return signatureRe().MatchString(p)
}

// pageFurniture reports whether p is what a web page prints around its
// text: a link or button in 【】 alone, or a line of data/extract.txt's
// [page-furniture].
func pageFurniture(p string) bool {
	if utf8.RuneCountInString(p) > 60 {
		return false
	}
	// Buttons in 【】 first, then perhaps a line of the list.
	for strings.HasPrefix(p, "【") {
		i := strings.Index(p, "】")
		if i < 0 || strings.ContainsAny(p[:i], "。，") {
			return false
		}
		p = strings.TrimSpace(p[i+len("】"):])
		if p == "" {
			return true
		}
	}
	_, ok := hasPrefixAny(strings.TrimLeft(p, "·•"), words().furniture)
	return ok
}

// weekdayRe is a weekday, which a newspaper page's date gives and a
// statement's date line does not.
var weekdayRe = regexp.MustCompile(`(?:星期|周)[一二三四五六日天]`)

func isFeedStamp(p string) bool {
	return utf8.RuneCountInString(p) <= 40 && strings.Contains(p, ":") && feedStampRe.MatchString(p)
}

// openingRe matches the openings of data/extract.txt. 以下称 and 以下简称
// count only for the parties (以下称“双方”): a body names other things so
// too (……宪章（以下简称“宪章”）).
var openingRe = sync.OnceValue(func() *regexp.Regexp {
	var alts []string
	for _, o := range words().openings {
		q := regexp.QuoteMeta(o)
		if strings.HasSuffix(o, "称") {
			q += `[“"]?(?:双方|各方|三方|四方|五方|六方|两国|三国|四国|五国|缔约各方|缔约双方|与会各方)`
		}
		alts = append(alts, q)
	}
	return regexp.MustCompile(strings.Join(alts, "|"))
})

func isOpening(p string) bool {
	// Every opening holds one of these: a quick test before the pattern.
	return (strings.Contains(p, "如下") || strings.Contains(p, "称") || strings.Contains(p, "制定本")) && openingRe().MatchString(p)
}

// announces reports whether p ends announcing the agreed text that
// follows it: 双方达成以下共识：, 公报指出：, 全文如下：.
func announces(p string) bool {
	if !strings.HasSuffix(p, "：") {
		return false
	}
	_, ok := hasSuffixAny(strings.TrimSuffix(p, "："), words().announcements)
	return ok
}

// meetingRe is a meeting held, in the first sentence of the meeting
// paragraph: ……在北京举行会谈, 共同主持……会议, ……第十次会议23日以视频方式
// 举行.
var meetingRe = sync.OnceValue(func() *regexp.Regexp {
	m := alternation(words().meetings)
	return regexp.MustCompile(`(?:举行|主持|召开|出席)[^。]{0,40}?(?:` + m + `)|(?:` + m + `)[^。]{0,40}?(?:于[^。]{0,40}?)?(?:举行|召开)`)
})

// dayRe is a day of the month, as a meeting paragraph dates the meeting
// (2023年2月20日, 14日).
var dayRe = regexp.MustCompile(`(?:\d{1,2}|[一二三四五六七八九十]{1,3})日`)

// meets reports whether the first sentence of p tells that the parties'
// officials met, and when, without committing them to anything:
// 2023年2月20日，……在北京举行会谈. A news report's lead may tell it after
// its dateline.
func meets(p string) bool {
	first, _, _ := strings.Cut(afterDateline(p), "。")
	return strings.Contains(first, "日") && dayRe.MatchString(first) && meetingRe().MatchString(first) && anyParties().count(text{s: first + "。"}) == 0
}

// opensWithParties reports whether p opens with two or more states named
// in full, or with their governments (中华人民共和国政府和丁国政府,
// 中华人民共和国和丁国): how a statement with no title line starts. A news
// report names them short (中国和丁国).
func opensWithParties(p string) bool {
	ps, n := partyPrefix(p)
	if len(ps) < 2 {
		return false
	}
	if strings.Contains(p[:n], "政府") {
		return true
	}
	// The first named by one of its longer names (中华人民共和国), not by
	// its short name (中国) or an abbreviation (中俄).
	first, _ := states().prefix(p)
	return first != "" && first != ps[0].name
}

// reportNote is the note on the reporter after a dateline: （记者某某）.
var reportNote = regexp.MustCompile(`^（[^（）]{0,30}）`)

// afterDateline returns p without the dateline that opens it, and the
// reporter's note after that.
func afterDateline(p string) string {
	if !strings.Contains(p, "日电") { // what every dateline ends in
		return p
	}
	if loc := datelinePrefixRe.FindStringIndex(p); loc != nil {
		p = p[loc[1]:]
		if loc := reportNote.FindStringIndex(p); loc != nil {
			p = p[loc[1]:]
		}
	}
	return p
}

// reportsSpeech reports whether p tells what one official said (……外交部
// 长表示，……; 国务院总理在会谈中说，……; 他说：“……”), as the framing of a
// news report does: its sentences are narrative. The parties speaking
// together (两国外长表示, 双方代表指出, 中方表示) are no such official.
func reportsSpeech(p string) bool {
	for i, c := range clauses(afterDateline(p)) {
		if i > 1 {
			break
		}
		c = stripConnective(c)
		if i == 0 && isTimePhrase(c) {
			continue // 会谈中，……表示
		}
		speaker, ok := speakerOf(c)
		if !ok || jointSpeaker(speaker) {
			return false
		}
		_, ok = hasSuffixAny(speaker, words().speakers)
		return ok
	}
	return false
}

// speakerOf returns what comes before the first verb of speech in clause
// c, without a 在……中 between them, when one comes within its first 30
// characters.
func speakerOf(c string) (string, bool) {
	for k, n := 0, 0; k < len(c) && n < 30; k, n = k+utf8.RuneLen(firstRune(c[k:])), n+1 {
		if _, ok := words().first.reportedSpeech.of(c[k:]); ok && k > 0 {
			return speakerRe.ReplaceAllString(c[:k], ""), true
		}
	}
	return "", false
}

// jointSpeaker reports whether a speaker is the parties together: 双方,
// 两国外长, 外长们, 中国和丁国.
func jointSpeaker(s string) bool {
	if _, ok := hasPrefixAny(s, anyParties().words[firstRune(s)]); ok {
		return true
	}
	ps, _ := partyPrefix(s)
	return len(ps) >= 2
}

// speakerRe is what may stand between a speaker and the verb of speech:
// 在会谈中, 在会见时.
var speakerRe = regexp.MustCompile(`在\p{Han}{1,12}?(?:中|时|上|后)$`)

// isTimePhrase reports whether a clause only says when: 会谈中, 会见时.
func isTimePhrase(c string) bool {
	n := utf8.RuneCountInString(c)
	return n > 0 && n <= 8 && (strings.HasSuffix(c, "中") || strings.HasSuffix(c, "时") || strings.HasSuffix(c, "后") || strings.HasSuffix(c, "期间"))
}

// invites reports whether p opens with the invitation of a visit.
func invites(p string) bool { return strings.Contains(p, "邀请") && visitInviteRe.MatchString(p) }

// trip reports whether p opens with the trip of a visit.
func trip(p string) bool {
	return strings.Contains(p, "于") && containsAny(p, tripWords) && visitTripRe.MatchString(p)
}

// tripWords are the words visitTripRe ends in: a paragraph without one is
// no trip, and is not read by the pattern.
var tripWords = []string{"访问", "访华", "会晤", "峰会", "会谈", "出席"}

// paragraph is one paragraph of a document with what the structure reader
// found in it.
type paragraph struct {
	text
	role Role
	cues []Cue
	// commits counts its sentences and items that would commit the parties
	// of any statement; news weighs its cues of news and commentary.
	commits int
	news    float64
	// meeting says its first sentence tells who met, and when: a news
	// report's lead may, beside its dateline.
	meeting bool
	// partiesFirst says it opens with the parties named in full, as a
	// statement with no title line may (中华人民共和国政府和丁国政府……).
	partiesFirst bool
	// wrapped says it came from hard-wrapped text.
	wrapped bool
}

// tellsOfVisit reports whether p tells of a visit (应……邀请，……进行国事访问),
// whatever role it took: a news report's lead does, beside its dateline.
func (p paragraph) tellsOfVisit() bool {
	return p.role == RoleVisit || slices.ContainsFunc(p.cues, func(c Cue) bool { return c.Role == RoleVisit })
}

// readRoles gives each paragraph its role from weighted cues. Roles that
// depend on the paragraph before (a subtitle under a title) are set in a
// second pass.
func readRoles(paras []text) []paragraph {
	out := make([]paragraph, len(paras))
	for i, p := range paras {
		out[i] = analyse(p)
	}
	for i := range out {
		p := &out[i]
		switch {
		case !strings.HasPrefix(p.s, "——") || !subtitleRe.MatchString(p.s):
		case i > 0 && out[i-1].role == RoleTitle:
			p.cues = append(p.cues, Cue{"——…之际 under a title", RoleSubtitle, wStrong + wMedium})
			p.role = RoleSubtitle
		default:
			// The occasion under a headline (——写在……访华之际): no
			// undertaking, wherever it stands.
			p.cues = append(p.cues, Cue{"——…之际, the occasion of a text", RoleSubtitle, wStrong})
			p.role = RoleSubtitle
		}
		switch p.role {
		case RoleText, RoleListItem, RoleListHeader, RoleNews, RoleOpening:
			// An opening may itself undertake (……（以下简称“两国”）……决
			// 定……建立外交关系): see bodyStart.
		default:
			// The head and the closing are no body: what looks like an
			// undertaking there (——在……访问之际) is not one.
			p.commits = 0
		}
	}
	return out
}

// analyse collects the cues of one paragraph and chooses its role.
func analyse(t text) paragraph {
	p := t.s
	w := words()
	var cues []Cue
	add := func(name string, r Role, weight float64) { cues = append(cues, Cue{name, r, weight}) }

	if isFeedStamp(p) {
		add("feed timestamp", RoleFeedStamp, wStrong+wMedium)
	}
	headline := false
	if isTitle(p) {
		add("ends in a document kind, names parties or a subject, no punctuation", RoleTitle, wStrong)
	} else if _, _, ok := w.kindAt(p); ok && utf8.RuneCountInString(p) <= 40 && !strings.ContainsAny(p, "，。；：") {
		// 读懂中丑联合声明: a headline about a statement, not its title.
		add("a headline about a statement", RoleNews, wMedium)
		headline = true
	}
	if isOpening(p) {
		add("announces the text (声明如下, 以下称“双方”)", RoleOpening, wStrong)
	} else if announces(p) {
		add("announces the agreed text that follows (达成以下共识：, 公报指出：)", RoleOpening, wStrong)
	}
	meeting := meets(p)
	if meeting {
		add("tells who met, and when (……举行会谈)", RoleVisit, wWeak)
	}
	if invites(p) {
		add("应……邀请", RoleVisit, wMedium+wWeak)
	}
	if trip(p) {
		if containsAny(p, w.visits) {
			add("于……进行国事访问", RoleVisit, wMedium)
		} else {
			add("于……访问, 出席, 会晤", RoleVisit, wWeak)
		}
	}
	switch {
	case isDateLine(p) && weekdayRe.MatchString(p):
		// 2019年6月14日　星期五: a newspaper page's date, no signing date.
		add("a page's date, with its weekday", RoleHeading, wStrong)
	case isDateLine(p):
		add("a date alone (the date line)", RoleDateLine, wStrong)
	}
	if strings.HasPrefix(p, "本") && signingRe.MatchString(p) {
		add("本……于……签署", RoleDateLine, wStrong)
	}
	if isSignature(p) {
		add("office and name (a signature)", RoleSignature, wStrong)
	}
	if isDateline(p) {
		add("news agency dateline", RoleDateline, wStrong)
	} else if datelinePrefixRe.MatchString(p) {
		add("opens with a news agency dateline", RoleNews, wMedium)
	}
	m, f := listMarker(p)
	switch {
	case headingText(p) && w.newsSet.count(p) == 0: // 本报评论员 is a byline
		add("short, without punctuation", RoleHeading, wMedium)
	case f == cnComma:
		add("numbered "+m, RoleText, wWeak)
	case f != noMarker:
		add("opens with "+m, RoleListItem, wMedium)
	}
	if strings.HasSuffix(p, "：") && utf8.RuneCountInString(p) <= 160 {
		add("ends in ：", RoleListHeader, wMedium)
	}
	if pageFurniture(p) {
		add("a web page's furniture (相关新闻, 版权所有, 【打印本页】)", RoleNews, wStrong)
	}
	news := 0.0
	if headline {
		news += wWeak
	}
	if (strings.HasPrefix(p, "□") || strings.HasPrefix(p, "■")) && utf8.RuneCountInString(p) <= 12 {
		// □ 钟和: the byline of a newspaper's article or commentary.
		add("a byline (□ and a name)", RoleNews, wStrong)
		news += wWeak
	}
	if n := w.newsSet.count(p); n > 0 {
		news += float64(n)
		add("news words", RoleNews, float64(n)*wWeak)
	}
	if n := w.referencesSet.count(p); n > 0 {
		news += 1.5 * float64(n)
		add("speaks of a statement from outside", RoleNews, 1.5*float64(n))
	}
	commits := anyParties().count(t)
	if reportsSpeech(p) {
		// What one official said in the talks is narrative, whatever its
		// words (GUIDE §1).
		add("tells what one official said", RoleNews, wMedium)
		commits = 0
	}
	if commits > 0 {
		add("reads as an undertaking of the parties", RoleText, float64(commits)*wWeak)
	}
	role := chooseRole(cues)
	return paragraph{text: t, role: role, cues: cues, commits: commits, news: news, meeting: meeting,
		partiesFirst: role == RoleText && opensWithParties(p)}
}

// chooseRole returns the role with the greatest weight of cues, text when
// there are none. A role listed earlier wins a tie.
func chooseRole(cues []Cue) Role {
	var sum [len(roleNames)]float64
	for _, c := range cues {
		sum[c.Role] += c.Weight
	}
	best := RoleText
	for _, r := range []Role{RoleFeedStamp, RoleTitle, RoleDateline, RoleDateLine, RoleSignature, RoleOpening, RoleVisit,
		RoleSubtitle, RoleHeading, RoleListItem, RoleListHeader, RoleNews} {
		if sum[r] >= wMedium && sum[r] > sum[best] {
			best = r
		}
	}
	return best
}
