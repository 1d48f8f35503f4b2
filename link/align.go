package link

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Two commitments that keep one frame and change one slot of it do two
// things: 开展玉米育种研究 and 开展大豆育种研究 share every word but the crop,
// 推进萨尔塔省光伏电站建设 and 推进胡胡伊省光伏电站建设 every word but the
// place. A rewording does the opposite: it changes the frame (verbs,
// order, adverbs) and keeps the object, or names it by a form that shares
// its characters (直航, 直飞) or by a synonym (data/link.txt [synonyms]).
// So the words of the two are aligned, and each place where both hold
// words the other lacks is a swap: of a noun (another object), of a verb
// (another action), of two things of one kind (data/link.txt [kinds],
// [places]).

// alignment is what aligning two commitments' content words finds.
type alignment struct {
	frame      float64 // the share of the shorter one's words the other holds in the same order
	nounSwap   bool    // somewhere, each side holds a noun the other lacks
	actionSwap bool    // somewhere, each side holds a verb the other lacks
	kindSwap   bool    // somewhere, each side names a thing of one kind the other lacks (kindWords), or a place
	// cleanSwap: each side holds one or two words the other lacks, in one
	// place: the rest is the same, one slot holds another thing
	cleanSwap bool
	// swapWeight: of the places where each side holds a noun the other
	// lacks, the most the lighter side's weightiest strictNoun or thing of
	// a kind (旅游 of 旅游年, a verbal noun) weighs
	swapWeight float64
}

// otherObject reports whether the two do one thing to two objects: a
// noun for a noun in one place, and nothing else of theirs differs. The
// nouns must be specific: a swap of one of the commonest nouns (项目, 技术,
// 能力, 中心, 服务, 管理: in more than about 25 of the reference's 1,442
// texts) tells less which object it is, and the model weighs such a pair
// (noun-swap) instead of ruling it out; so is a verbal noun for a verbal
// noun (strictNoun).
func (al alignment) otherObject() bool {
	return al.cleanSwap && al.nounSwap && al.swapWeight >= specificWeight
}

// specificWeight is the least weight of a specific noun: that of a word in
// about 25 of the reference corpus's 1,442 texts (weights: Reference).
const specificWeight = 5.0

// contentWords are a commitment's words that count for linking, and its
// words of one character (港, 矿), other than stock verbs, measures and numbers, in
// order, each by the first word of its synonyms: the frame and its slots.
// The parts a search cut gives before a compound (可行 研究 before
// 可行性研究) are left out, and a place's last character (省) joins the name
// before it. So does a character the cut leaves alone right after a name
// the reference corpus lacks (known: the words it has), when both can be
// parts of a name (nameParts): 普兰 雅 of 普兰—雅里口岸 is one name, and one
// name for another is one object for another, not two words unlike three.
// (The words of all are those the tokenizer keeps: a stop word or a
// comma between two is not seen.)
func contentWords(all []string, known func(string) bool) []contentWord {
	var out []contentWord
	last := -2 // where in all the last content word is
	for k, w := range all {
		if IsMark(w) || partOfNext(all, k) || !hasHan(w) || lists().stop[w] || lists().stockVerbs[w] || lists().measures[w] || numeric(w) {
			continue
		}
		one := utf8.RuneCountInString(w) == 1
		switch {
		case one && len(out) > 0 && strings.Contains(lists().places, w):
			out[len(out)-1].join(w)
		case one && strings.Contains(lists().charStop, w):
			continue
		case one && len(out) > 0 && last == k-1 && !known(out[len(out)-1].word) && nameParts(out[len(out)-1].word, w):
			out[len(out)-1].join(w)
		default:
			out = append(out, contentWord{w, lists().canonical(w), kindsOf(w)})
		}
		last = k
	}
	return out
}

// nameParts reports whether a character r can continue the name before
// it: neither is a word jieba's dictionary has for a preposition,
// conjunction, particle, pronoun, adverb, verb or locality (至 of 成都至戊都,
// 建 of 戊都建医院, 里), and the name does not end as a place's does (萨尔塔省:
// the next word is another name).
func nameParts(name, r string) bool {
	last, _ := utf8.DecodeLastRuneInString(name)
	return namePart(name) && namePart(r) && !strings.ContainsRune(lists().places, last)
}

// join adds r, a character that continues the name w, to its end.
func (w *contentWord) join(r string) {
	w.word += r
	w.canon += r
	w.kinds = kindsOf(w.word)
}

// contentWord is a word of a commitment's frame or slots, the first word
// of its synonyms, by which it is aligned, and the things of a kind it
// names.
type contentWord struct {
	word, canon string
	kinds       []kindMember
}

// partOfNext reports whether word k is part of one of the next three, as
// a search cut gives the parts of a compound before it.
func partOfNext(all []string, k int) bool {
	for _, w := range all[k+1 : min(len(all), k+4)] {
		if len(w) > len(all[k]) && strings.Contains(w, all[k]) {
			return true
		}
	}
	return false
}

// hasHan reports whether w holds a Chinese character.
func hasHan(w string) bool {
	for _, r := range w {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// numeric reports whether w is a number, a year or an ordinal (2025年,
// 第四): targets are updated from one statement to the next (300亿美元 for
// 200亿美元) and say little of which commitment one repeats.
func numeric(w string) bool {
	for _, r := range w {
		if !('0' <= r && r <= '9') && !strings.ContainsRune("〇零一二三四五六七八九十百千万亿第年月日届次座个项", r) {
			return false
		}
	}
	return true
}

// align aligns the content words of two commitments, pa and pb, by their
// longest common subsequence.
func (c *corpus) align(pa, pb *prepared) alignment {
	a, b := pa.content, pb.content
	if len(a) == 0 || len(b) == 0 {
		return alignment{}
	}
	// lcs[i*w+j] is the length of the longest common subsequence of a[i:]
	// and b[j:].
	w := len(b) + 1
	var buf [1024]int32 // most pairs fit: no allocation
	var lcs []int32
	if n := (len(a) + 1) * w; n <= len(buf) {
		lcs = buf[:n]
	} else {
		lcs = make([]int32, n)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i].canon == b[j].canon {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	al := alignment{frame: float64(lcs[0]) / float64(min(len(a), len(b)))}
	// Between two matched words (or an end), the words left over on each
	// side are one place.
	swapped, da, db := false, 0, 0 // da, db: the words each side lacks
	place := func(x, y []contentWord) {
		sx, sy := c.side(x, pb), c.side(y, pa)
		da, db = da+sx.n, db+sy.n
		al.kindSwap = al.kindSwap || otherOfKind(kindWords(x, pb), kindWords(y, pa), pa.joined, pb.joined)
		if !sx.any || !sy.any {
			return
		}
		swapped = true
		al.nounSwap = al.nounSwap || sx.noun && sy.noun
		if sx.noun && sy.noun {
			al.swapWeight = max(al.swapWeight, min(sx.weight, sy.weight))
		}
		al.actionSwap = al.actionSwap || sx.verb && sy.verb
		al.kindSwap = al.kindSwap || sx.place && sy.place
	}
	i, j, si, sj := 0, 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].canon == b[j].canon:
			place(a[si:i], b[sj:j])
			i, j = i+1, j+1
			si, sj = i, j
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	place(a[si:], b[sj:])
	al.cleanSwap = swapped && da <= 2 && db <= 2
	return al
}

// lacks reports whether the other commitment lacks w: neither most of its
// characters (so neither the word) nor a synonym is among the other's. A
// word moved elsewhere in the other (a list reordered) or named by a form
// that shares its characters (直航 and 直飞航线) is not lacking. A place is
// lacking unless the other names it whole (placeName).
func lacks(other *prepared, w string) bool {
	if name, ok := placeName(w); ok {
		return !strings.Contains(other.joined, name) && !lists().synonymIn(w, other.joined)
	}
	return !other.mostlyHas(w) && !lists().synonymIn(w, other.joined)
}

// placeName returns the name of a place without its last character (西岭
// of 西岭省), when w names one: two places differ by the characters of
// their names, however many they share (东岭省, 西岭省).
func placeName(w string) (string, bool) {
	r, size := utf8.DecodeLastRuneInString(w)
	if utf8.RuneCountInString(w) < 3 || !strings.ContainsRune(lists().places, r) {
		return "", false
	}
	return w[:len(w)-size], true
}

// kindWords returns the words naming things of a kind that the other
// commitment lacks, and those that hold such a thing inside them (水电站, which 太阳能电站 mostly holds):
// a word that is itself the thing (人文 against 文化) must be lacking.
func kindWords(words []contentWord, other *prepared) []contentWord {
	var out []contentWord
	for _, w := range words {
		if len(w.kinds) == 0 {
			continue // no thing of a kind for otherOfKind
		}
		inside := slices.ContainsFunc(w.kinds, func(k kindMember) bool { return len(k.name) < len(w.word) })
		if inside || lacks(other, w.word) {
			out = append(out, w)
		}
	}
	return out
}

// sideOf is what the words of one side of a place hold that the other
// commitment lacks (distinct words): any, a noun, a verb, a place's name
// (data/link.txt [places], after at least two characters).
type sideOf struct {
	any, noun, verb, place bool
	n                      int     // how many
	weight                 float64 // the most a distinct strictNoun or thing of a kind weighs
}

func (c *corpus) side(words []contentWord, other *prepared) sideOf {
	var s sideOf
	k := 0 // characters of the distinct words so far
	for _, w := range words {
		if !lacks(other, w.word) {
			continue
		}
		s.any = true
		s.n++
		switch x := c.model.word(w.word); x.Class {
		case 'n':
			s.noun = true
			if strictNoun(w.word) || len(w.kinds) > 0 {
				s.weight = max(s.weight, x.Weight)
			}
		case 'v':
			s.verb = true
		}
		for _, r := range w.word {
			if k >= 2 && strings.ContainsRune(lists().places, r) {
				s.place = true
			}
			k++
		}
	}
	return s
}

// otherOfKind reports whether xs and ys, words of one place of two
// commitments (aAll, bAll run together), name two things of one kind of
// data/link.txt [kinds], each absent from the other commitment, by itself
// or a synonym (光伏 for 太阳能), though its word may not be (水电站 in
// 太阳能电站).
func otherOfKind(xs, ys []contentWord, aAll, bAll string) bool {
	for _, x := range xs {
		for _, mx := range x.kinds {
			if strings.Contains(bAll, mx.name) || lists().synonymIn(mx.name, bAll) {
				continue
			}
			for _, y := range ys {
				for _, my := range y.kinds {
					if mx.kind == my.kind && !strings.Contains(aAll, my.name) && !lists().synonymIn(my.name, aAll) &&
						!strings.Contains(mx.name, my.name) && !strings.Contains(my.name, mx.name) {
						return true
					}
				}
			}
		}
	}
	return false
}

// kindMember is a thing of a kind of data/link.txt [kinds].
type kindMember struct {
	kind int
	name string
}

// kindsOf returns the things of a kind that w names, as the whole word or
// a part of it (铜 of 铜矿).
func kindsOf(w string) []kindMember {
	var out []kindMember
	rs := []rune(w)
	for i := range rs {
		for j := i + 1; j <= len(rs); j++ {
			part := string(rs[i:j])
			for _, k := range lists().kindOf[part] {
				out = append(out, kindMember{k, part})
			}
		}
	}
	return out
}

// b2f is 1 for true, 0 for false.
func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
