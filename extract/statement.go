package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Statement is one joint statement found in a document.
type Statement struct {
	// Title is the statement's own title (……联合声明), wherever the page
	// printed it, or one made from the date when none was found.
	Title string
	// Date is the signing date: from the date line, else the dateline, else
	// the visit paragraph. It is zero when the text gives none.
	Date Date
	// Commitments are in the order of the body.
	Commitments []Commitment
	// Fingerprint identifies the statement's text: two copies of one
	// statement, from a PDF and from a web page, have the same fingerprint.
	Fingerprint string
}

// Document decodes a file's bytes and returns the statements in it, in the
// order they appear. A file that is not text is an error; a text without a
// statement is not.
func Document(data []byte) ([]Statement, error) {
	text, err := Decode(data)
	if err != nil {
		return nil, err
	}
	return Parse(text), nil
}

// Parse returns the statements in decoded text, in the order they appear.
// Nothing outside a statement's body (news around it, commentary, another
// article) yields a commitment.
func Parse(text string) []Statement {
	paras, wrapped := paragraphs(text)
	bodies := findBodies(paras)
	titles := assignTitles(paras, bodies)
	var out []Statement
	for i, b := range bodies {
		st := Statement{
			Date:        bodyDate(paras, b),
			Commitments: commitments(paras[b.open+1:b.end], wrapped),
			Fingerprint: fingerprint(paras[b.open:b.end]),
		}
		st.Title = titles[i]
		if st.Title == "" {
			st.Title = dateTitle(st.Date)
		}
		out = append(out, st)
	}
	return out
}

// dateTitle names a statement that has no title of its own.
func dateTitle(d Date) string {
	if d.IsZero() {
		return "联合声明（无标题，无日期）"
	}
	return "联合声明（" + d.String() + "）"
}

// fingerprint hashes a body's letters, digits and Chinese characters only,
// leaving out section numerals and headings, which some reprints drop, and
// punctuation and spacing, which differ between sources.
func fingerprint(body []string) string {
	h := sha256.New()
	for _, p := range body {
		if isSectionNumeral(p) || isHeading(p) {
			continue
		}
		var b strings.Builder
		for _, r := range p {
			if isHan(r) || isLatin(r) || isDigit(r) {
				b.WriteRune(r)
			}
		}
		h.Write([]byte(b.String()))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
