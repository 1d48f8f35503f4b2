package link

import (
	"strings"

	"pledge/lexicon"
)

// What the linker asks of jieba's dictionary (lexicon.Lookup) about a
// word, each question in one place: its class for the model, whether it
// names a thing, whether it can be part of a name, whether it is a name or
// a plain word.

// wordClass is a word's class by jieba's dictionary: n for nouns, names
// and terms (and a word the dictionary lacks, which is most often one), v
// for verbs, o for the rest.
func wordClass(w string) byte {
	x, ok := lexicon.Lookup(w)
	switch {
	case !ok, strings.HasPrefix(x.Tag, "n"), x.Tag == "vn", x.Tag == "l", x.Tag == "j":
		return 'n'
	case x.Tag == "v" || x.Tag == "vd":
		return 'v'
	}
	return 'o'
}

// strictNoun reports whether w names a thing by jieba's dictionary: a
// noun, a name or an abbreviation, or a word it lacks (a name its HMM
// made up), but not a verbal noun (调查, 培训) or a verb: one of those for
// another rewords an action, and is no other object.
func strictNoun(w string) bool {
	x, ok := lexicon.Lookup(w)
	return !ok || strings.HasPrefix(x.Tag, "n") || x.Tag == "j"
}

// namePart reports whether w can be part of a name: jieba's dictionary
// has it for no preposition, conjunction, particle, pronoun, adverb, verb
// or locality (nameParts).
func namePart(w string) bool {
	x, _ := lexicon.Lookup(w)
	return x.Tag == "" || !strings.Contains("pcurdvf", x.Tag[:1])
}

// nameWord reports whether jieba's dictionary lacks w (a name its HMM made
// up) or has it for a place's or a person's name (ns, nr, nrt, nz: it tags
// 吉隆坡 and 阿克拉 as persons', and where something is set up no person
// is meant), other than a term of pledge's policy vocabulary (碳市场, a
// field). An organisation's (nt: 在联合国设立基金) is a framework, no place.
func nameWord(w string) bool {
	x, ok := lexicon.Lookup(w)
	return !ok || x.Tag != "n" && x.Tag != "nt" && strings.HasPrefix(x.Tag, "n") && !lexicon.UserTerm(w)
}

// plainWord reports whether jieba's dictionary has w for a word that is
// neither a name (nameWord) nor a locality (f: 北部): what a field ends in
// (碳市场, 基础设施), not a site.
func plainWord(w string) bool {
	x, ok := lexicon.Lookup(w)
	return ok && x.Tag != "f" && !nameWord(w)
}
