package extract

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"pledge/data"
)

// state is a state from data/states.tsv: its canonical name and the
// one-character abbreviation statements use (中方, 俄方, 中俄).
type state struct {
	name, abbr string
}

// stateTable finds states by any written name or by abbreviation.
type stateTable struct {
	byName map[string]state
	byAbbr map[string]state // the first state in the table with that abbreviation
	names  []string         // every written name, longest first
}

// states is read from the table built into pledge on first use.
var states = sync.OnceValue(func() *stateTable {
	t := &stateTable{byName: map[string]state{}, byAbbr: map[string]state{}}
	for _, line := range data.Lines(data.States) {
		fs := strings.Split(line, "\t")
		if len(fs) < 2 {
			continue
		}
		s := state{fs[0], fs[1]}
		names := []string{s.name}
		if len(fs) > 2 {
			names = append(names, strings.Split(fs[2], ",")...)
		}
		for _, n := range names {
			if n = strings.TrimSpace(n); n != "" {
				t.byName[n] = s
				t.names = append(t.names, n)
			}
		}
		if _, ok := t.byAbbr[s.abbr]; !ok {
			t.byAbbr[s.abbr] = s
		}
	}
	slices.SortStableFunc(t.names, func(a, b string) int { return len(b) - len(a) })
	return t
})

// partySeparators join the names of the parties: 甲国和乙国, A、B和C.
const partySeparators = "和与、及同"

// findParties reads a statement's parties from the start of its title
// (中华人民共和国和俄罗斯联邦关于……的联合声明), else of its opening
// (……（以下称“双方”），声明如下), and returns them in the order written:
// canonical names for the states of the table, the written name for
// others. It returns nil when neither names two parties.
func findParties(opening, title string) []state {
	for _, s := range []string{title, opening} {
		if ps := parsePartyList(s); len(ps) >= 2 {
			return ps
		}
	}
	return nil
}

// Parties returns the parties named at the start of text, a statement's
// title or opening, as Statement.Parties gives them, or nil when it names
// fewer than two.
func Parties(text string) []string {
	if ps := parsePartyList(Normalize(text)); len(ps) >= 2 {
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
	if s, ok := t.byName[name]; ok {
		return s.name
	}
	if s, ok := t.byAbbr[name]; ok {
		return s.name
	}
	return name
}

// parsePartyList reads names joined by separators from the start of s.
func parsePartyList(s string) []state {
	var out []state
	for {
		found, n := nextParties(s)
		if n == 0 {
			return out
		}
		out = append(out, found...)
		s = s[n:]
		if s == "" || !strings.ContainsRune(partySeparators, firstRune(s)) {
			return out
		}
		s = s[utf8.RuneLen(firstRune(s)):]
	}
}

// nextParties reads the name at the start of s: a name of the table, a run
// of the table's abbreviations (中俄 is two parties), or another name, kept
// as written. It returns the parties and the bytes read, 0 when s does not
// start with a name.
func nextParties(s string) ([]state, int) {
	t := states()
	if name, ok := hasPrefixAny(s, t.names); ok {
		return []state{t.byName[name]}, len(name)
	}
	n := unknownName(s)
	if n == 0 {
		return nil, 0
	}
	if abbrs := splitAbbrs(s[:n]); len(abbrs) >= 2 {
		return abbrs, n
	}
	return []state{{name: s[:n], abbr: string(firstRune(s))}}, n
}

// unknownName returns the length in bytes of a state name not in the table
// at the start of s: up to twelve Chinese characters, ending at a
// separator or at a word that follows the parties (关于, 在, 联合声明),
// with 共和国 kept whole.
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
		if _, stop := hasPrefixAny(rest, []string{"关于", "在", "联合", "共同", "双方", "两国", "领导人", "元首", "政府", "的"}); stop {
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

// names returns the parties' names.
func names(parties []state) []string {
	if len(parties) == 0 {
		return nil
	}
	out := make([]string, len(parties))
	for i, p := range parties {
		out[i] = p.name
	}
	return out
}

// subjectWords are the words that name the parties as the subject of a
// clause, longest first: 双方 and 两国 for any statement, and from the
// parties' abbreviations 中方, 俄方, 中俄, 中俄两国, 中俄元首, with their
// names.
func subjectWords(parties []state) []string {
	words := []string{"双方", "两国", "两国元首", "各方"}
	if len(parties) > 2 {
		words = append(words, "三方", "三国", "各国元首")
	}
	if len(parties) >= 2 {
		joined := ""
		for _, p := range parties {
			joined += p.abbr
			words = append(words, p.abbr+"方", p.name)
		}
		words = append(words, joined, joined+"两国", joined+"双方", joined+"三国", joined+"三方", joined+"元首")
		if len(parties) == 2 {
			rev := parties[1].abbr + parties[0].abbr
			words = append(words, rev, rev+"两国", rev+"双方")
		}
	}
	seen := map[string]bool{}
	words = slices.DeleteFunc(words, func(w string) bool {
		dup := seen[w]
		seen[w] = true
		return dup
	})
	slices.SortStableFunc(words, func(a, b string) int { return len(b) - len(a) })
	return words
}
