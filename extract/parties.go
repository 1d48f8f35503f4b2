package extract

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"pledge/data"
	"pledge/script"
)

// state is a state from data/states.tsv: its canonical name, the
// one-character abbreviation statements use (中方, 俄方, 中俄) and every
// name it is written with.
type state struct {
	name, abbr string
	names      []string
}

// stateTable finds states by any written name or by abbreviation.
type stateTable struct {
	byName map[string]state
	byAbbr map[string]state  // the first state in the table with that abbreviation
	names  map[rune][]string // every written name by its first character, longest first
	abbrs  []string          // every abbreviation, once
}

// states is read from the table built into pledge on first use.
var states = sync.OnceValue(func() *stateTable {
	t := &stateTable{byName: map[string]state{}, byAbbr: map[string]state{}, names: map[rune][]string{}}
	for _, line := range data.Lines(data.States()) {
		fs := strings.Split(line, "\t")
		if len(fs) < 2 {
			continue
		}
		s := state{name: fs[0], abbr: fs[1]}
		s.names = []string{s.name}
		if len(fs) > 2 {
			for _, n := range strings.Split(fs[2], ",") {
				if n = strings.TrimSpace(n); n != "" {
					s.names = append(s.names, n)
				}
			}
		}
		for _, n := range s.names {
			t.byName[n] = s
			t.names[firstRune(n)] = append(t.names[firstRune(n)], n)
		}
		if _, ok := t.byAbbr[s.abbr]; !ok {
			t.byAbbr[s.abbr] = s
			t.abbrs = append(t.abbrs, s.abbr)
		}
	}
	for r, ns := range t.names {
		t.names[r] = longestFirst(ns)
	}
	return t
})

// prefix returns the longest written name of a state s starts with.
func (t *stateTable) prefix(s string) (string, bool) {
	return hasPrefixAny(s, t.names[firstRune(s)])
}

// partySeparators join the names of the parties: 甲国和乙国, A、B和C.
const partySeparators = "和与、及同"

// findParties reads a statement's parties from the start of its title
// (中华人民共和国和俄罗斯联邦关于……的联合声明), else of its opening
// (……（以下称“双方”），声明如下), else from the visit paragraph (the
// host who invites and the state that visits), and returns them in the
// order written. It returns nil when none of these names two parties.
func findParties(title, opening, visit string) []state {
	for _, s := range []string{title, strings.TrimPrefix(opening, sectionNumber(opening)+"、")} {
		if ps := parsePartyList(s); len(ps) >= 2 {
			return ps
		}
	}
	if ps := visitParties(visit); len(ps) >= 2 {
		return ps
	}
	return nil
}

// Parties returns the parties named at the start of text, a statement's
// title or opening, as Statement.Parties gives them, or nil when it names
// fewer than two.
func Parties(text string) []string {
	if ps := parsePartyList(script.Simplify(Normalize(text))); len(ps) >= 2 {
		return names(ps)
	}
	return nil
}

// CanonicalParty returns the name Statement.Parties gives a state that a
// user writes as its full name, short name or abbreviation: 俄罗斯联邦,
// 俄罗斯 and 俄 are 俄罗斯. A name the table lacks comes back as written.
func CanonicalParty(name string) string {
	name = strings.TrimSpace(name)
	t := states()
	if s, ok := t.byName[script.Simplify(name)]; ok {
		return s.name
	}
	if s, ok := t.byAbbr[name]; ok {
		return s.name
	}
	return name
}

// parsePartyList reads names joined by separators from the start of s.
func parsePartyList(s string) []state {
	ps, _ := partyPrefix(s)
	return ps
}

// partyPrefix reads names joined by separators from the start of s, each
// with the organ that may follow it (中华人民共和国政府和丁国政府,
// 中华人民共和国主席和俄罗斯联邦总统), and returns them and the bytes read.
func partyPrefix(s string) ([]state, int) {
	var out []state
	read := 0
	for {
		found, n := nextParties(s[read:])
		if n == 0 && len(out) > 0 {
			found, n = listedParty(s[read:])
		}
		if n == 0 {
			return out, read
		}
		out = append(out, found...)
		read += n
		if w, ok := hasPrefixAny(s[read:], organs()); ok {
			read += len(w)
		}
		rest := s[read:]
		if rest == "" || !strings.ContainsRune(partySeparators, firstRune(rest)) {
			return out, read
		}
		if _, word := hasPrefixAny(rest, words().notSeparators); word || startsMarker(rest) {
			return out, read // ……政府同意以……: 同意 is the verb, not 同 and 意、以
		}
		after := rest[utf8.RuneLen(firstRune(rest)):]
		_, m := nextParties(after)
		if m == 0 {
			_, m = listedParty(after)
		}
		if m == 0 {
			return out, read // 中国和……: the separator joins something else
		}
		read += utf8.RuneLen(firstRune(rest))
	}
}

// organs are the words that may follow a party's name in a list of
// parties: its government, its foreign ministry (……外交部和……外交部
// 第五轮外交磋商纪要) or its head.
var organs = sync.OnceValue(func() []string {
	return longestFirst(append([]string{"政府", "外交部"}, words().offices...))
})

// nextParties reads the name at the start of s: a name of the table, a run
// of the table's abbreviations (中俄 is two parties), or another name that
// is plausibly a state's, kept as written. It returns the parties and the
// bytes read, 0 when s does not start with a name.
func nextParties(s string) ([]state, int) {
	t := states()
	if name, ok := t.prefix(s); ok {
		return []state{t.byName[name]}, len(name)
	}
	n := unknownName(s)
	if n == 0 {
		return nil, 0
	}
	if abbrs := splitAbbrs(s[:n]); len(abbrs) >= 2 {
		return abbrs, n
	}
	// The longest start that can be a state's whole name: 癸国 of
	// 癸国经贸磋商联合声明.
	for n > 0 && !plausibleState(s[:n]) {
		_, size := utf8.DecodeLastRuneInString(s[:n])
		n -= size
	}
	if utf8.RuneCountInString(s[:n]) < 2 {
		return nil, 0
	}
	return []state{unlisted(s[:n])}, n
}

// unlisted is a state the table lacks, by the name a statement gives it,
// its first character its abbreviation.
func unlisted(name string) state {
	return state{name: name, abbr: string(firstRune(name)), names: []string{name}}
}

// listedParty reads, after a separator in a list of parties, a name the
// table lacks that does not end as states' names do (塔米拉 of 中华人民共和国
// 和塔米拉联合公报), when a document kind or 关于 follows it at once: the
// place of a party in a title. It returns the party and the bytes read, 0
// when s holds no such name.
func listedParty(s string) ([]state, int) {
	n := unknownName(s)
	if n == 0 || utf8.RuneCountInString(s[:n]) > 6 {
		return nil, 0
	}
	rest := s[n:]
	if _, ok := words().first.kinds.of(rest); !ok && !strings.HasPrefix(rest, "关于") {
		return nil, 0
	}
	return []state{unlisted(s[:n])}, n
}

// unknownName returns the length in bytes of a name not in the table at
// the start of s: up to twelve Chinese characters, ending at a separator
// or at a word that follows the parties (关于, 在, 联合声明), with 共和国
// kept whole.
func unknownName(s string) int {
	n, runes := 0, 0
	for n < len(s) && runes < 12 {
		rest := s[n:]
		if strings.HasPrefix(rest, "共和国") {
			n += len("共和国")
			runes += 3
			continue
		}
		r := firstRune(rest)
		if !isHan(r) || strings.ContainsRune(partySeparators, r) {
			break
		}
		if _, stop := words().first.nameStops.of(rest); stop {
			break
		}
		if _, stop := words().first.kinds.of(rest); stop {
			break
		}
		n += utf8.RuneLen(r)
		runes++
	}
	if runes < 2 {
		return 0
	}
	return n
}

// plausibleState reports whether a name the table lacks can be a state's
// whole name: it ends as states' names do (甲国, 多米尼加共和国, 某某联邦),
// so that a fragment (应中华人民共和国主席习近) is never taken for one.
func plausibleState(name string) bool {
	if strings.ContainsAny(name, "两各本") && containsAny(name, []string{"两国", "各国", "本国"}) {
		return false // 主持两国……: the parties as a whole, no state
	}
	return strings.HasSuffix(name, "国") || strings.HasSuffix(name, "联邦")
}

// splitAbbrs reads 中俄 or 中俄蒙 as the states those abbreviations stand
// for, or returns nil when one of the characters is no abbreviation.
func splitAbbrs(s string) []state {
	t := states()
	var out []state
	for _, r := range s {
		st, ok := t.byAbbr[string(r)]
		if !ok {
			return nil
		}
		out = append(out, st)
	}
	return out
}

// visitStateRe is a state not in the table, named before an office in the
// visit paragraph: 甲国总统, 乙国政府.
var visitStateRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\p{Han}{1,10}?(?:国|联邦))(?:` + words().officeRe + `|政府)`)
})

// visitParties reads the states of the first sentence of the visit
// paragraph in the order written: the host who invites and the state that
// visits (应中华人民共和国主席习近平邀请，阿拉伯联合酋长国阿布扎比王储……
// 对中国进行国事访问), each once.
func visitParties(p string) []state {
	if p == "" {
		return nil
	}
	first, _, _ := strings.Cut(p, "。")
	t := states()
	var out []state
	seen := map[string]bool{}
	prev := '，'
	for i := 0; i < len(first); {
		rest := first[i:]
		var st state
		n := 0
		if name, ok := t.prefix(rest); ok {
			st, n = t.byName[name], len(name)
		} else if strings.ContainsRune("—－", prev) {
			// 中国—亥国经济贸易联合委员会: a pair's mechanism names both.
			if ps, m := nextParties(rest); m > 0 && len(ps) == 1 {
				st, n = ps[0], m
			}
		} else if strings.ContainsRune("，、和与同对及应", prev) && firstRune(rest) != '应' {
			// Names the table lacks, listed (中国、甲国、乙国、丙国外长):
			// two or more joined as parties are, each a state's.
			if ps, m := partyPrefix(rest); len(ps) >= 2 && !slices.ContainsFunc(ps, holdsState) {
				for _, p := range ps {
					if !seen[p.name] {
						seen[p.name] = true
						out = append(out, p)
					}
				}
				i += m
				prev = lastRune(rest[:m])
				continue
			}
			// A name the table lacks starts after a word that stands
			// before states: 应甲国总统邀请, 对乙国进行国事访问.
			if m := visitStateRe().FindStringSubmatch(rest); m != nil && plausibleState(m[1]) {
				// 来访的戊国外长: the name is what follows the last 的.
				name := m[1]
				if i := strings.LastIndex(name, "的"); i >= 0 {
					name = name[i+len("的"):]
				}
				if utf8.RuneCountInString(name) >= 2 {
					st, n = unlisted(name), len(m[1])
				}
			}
		}
		if n == 0 {
			prev = firstRune(rest)
			i += utf8.RuneLen(prev)
			continue
		}
		if !seen[st.name] {
			seen[st.name] = true
			out = append(out, st)
		}
		i += n
		prev = lastRune(rest[:n])
	}
	if cn := t.byName[china]; !seen[cn.name] && containsAny(first, words().chinaOffices) {
		out = append(out, cn) // 国家主席8日同来访的甲国总统举行会谈
	}
	return out
}

// names returns the parties' names.
func names(parties []state) []string {
	if len(parties) == 0 {
		return nil
	}
	out := make([]string, 0, len(parties))
	for _, p := range parties {
		if p.name == china {
			out = append(out, p.name)
		}
	}
	for _, p := range parties {
		if p.name != china {
			out = append(out, p.name)
		}
	}
	return out
}

// china is China's canonical name: first among the parties of a
// statement it makes, whatever the title's order (申国和中华人民共和国联合
// 声明 is China's with 申国), as the analysts of China's statements list
// them.
const china = "中国"

// subjectWords are the words that name the parties as the subject of a
// clause, longest first: 双方, 两国, 各方 and the other words of any
// statement, and from the parties themselves 中方, 阿方, 中阿, 中阿两国,
// 中阿元首 and each one's short name (中国, 阿联酋). The full official
// names (中华人民共和国) are left out: running text uses them for history
// (苏联解体后，中华人民共和国承认……) and titles, not for undertakings.
func subjectWords(parties []state) subjects {
	words := slices.Clone(words().subjects)
	if len(parties) >= 2 {
		joined := ""
		for _, p := range parties {
			joined += p.abbr
			words = append(words, p.abbr+"方", p.name)
			if stem := sideStem(p.name); stem != "" {
				words = append(words, stem+"方") // 巴基斯坦方, 庚申方 of 庚申国
			}
		}
		words = append(words, joined, joined+"两国", joined+"双方", joined+"三国", joined+"三方", joined+"元首", joined+"各方")
		if len(parties) == 2 {
			rev := parties[1].abbr + parties[0].abbr
			words = append(words, rev, rev+"两国", rev+"双方")
			// Both sides named, in either order: 中方和午方, 午方与中方.
			a, b := parties[0].abbr+"方", parties[1].abbr+"方"
			for _, and := range []string{"和", "与", "同"} {
				words = append(words, a+and+b, b+and+a)
			}
		}
	}
	subj := dedupLongestFirst(words)
	if len(parties) < 2 {
		subj.anyState = true // parties unknown: any states named in full
		return subj
	}
	subj.named = map[string]bool{}
	for _, p := range parties {
		subj.named[p.name] = true
	}
	return subj
}

// holdsState reports whether s, a name the table lacks, holds a name of
// the table after its start: 为深化中华人民共和国 is words before a state,
// not a state.
func holdsState(s state) bool {
	t := states()
	if _, known := t.byName[s.name]; known {
		return false
	}
	for k := range s.name {
		if _, ok := t.prefix(s.name[k:]); ok && k > 0 {
			return true
		}
	}
	return false
}

// sideStem is the name a side of state name goes by with 方 when not by
// its abbreviation: the name without 国 (庚申方 of 庚申国, 巴基斯坦方), ""
// when that leaves fewer than two characters (中方, 美方 are abbreviations).
func sideStem(name string) string {
	stem := name
	for _, kind := range []string{"共和国", "王国", "国"} {
		if s, ok := strings.CutSuffix(stem, kind); ok {
			stem = s
			break
		}
	}
	if utf8.RuneCountInString(stem) < 2 {
		return ""
	}
	return stem
}

// anyParties are the subject words of a statement whose parties are not
// known yet: the words of any statement, and 中方, 俄方, … for every state
// of the table. The structure reader counts commitments with them.
var anyParties = sync.OnceValue(func() subjects {
	w := words()
	words := slices.Clone(w.subjects)
	for _, a := range states().abbrs {
		if !slices.Contains(w.notParties, a+"方") {
			words = append(words, a+"方")
		}
	}
	subj := dedupLongestFirst(words)
	subj.anyState = true
	return subj
})

func dedupLongestFirst(words []string) subjects {
	seen := map[string]bool{}
	words = slices.DeleteFunc(words, func(w string) bool {
		dup := seen[w]
		seen[w] = true
		return dup
	})
	return newSubjects(words)
}

// count counts the sentences and list items of a paragraph where the
// parties commit: an item as an undertaking of a list, a sentence by its
// own subject and marker.
func (subj subjects) count(p text) int {
	if m, f := listMarker(p.s); f != noMarker && f != cnComma {
		if len(p.s) > len(m) && subj.itemCommits(p.s[len(m):]) {
			return 1
		}
		return 0
	}
	s := strings.TrimPrefix(p.s, sectionNumber(p.s)+"、")
	n := 0
	for _, sent := range sentenceTexts(s) {
		if subj.sentenceCommits(sent, false) {
			n++
		}
	}
	return n
}
