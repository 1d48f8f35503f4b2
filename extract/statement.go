package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
)

// Statement is one joint statement found in a document.
type Statement struct {
	// Title is the statement's own title (……联合声明), wherever the page
	// printed it, or one made from the date when none was found.
	Title string
	// Untitled says the Title was made from the date.
	Untitled bool
	// Date is the signing date: from the date line, else the dateline, else
	// the visit paragraph. It is zero when the text gives none.
	Date Date
	// Parties are the states that made the statement, in the order its
	// title (else its opening) names them: canonical names from
	// data/states.tsv (中国, 俄罗斯), the written name for a state not in
	// the table. It is nil when the text does not name two parties.
	Parties []string
	// Commitments are in the order of the body.
	Commitments []Commitment
	// Fingerprint identifies the statement's text: two copies of one
	// statement, from a PDF and from a web page, have the same fingerprint.
	Fingerprint string
}

// ErrNoStatement says a text holds no joint statement, and what was looked
// for.
var ErrNoStatement = errors.New("no joint statement found (looked for an opening such as “……声明如下” or “（以下称“双方”）”)")

// Document decodes a file's bytes and returns the statements in it, in the
// order they appear. A saved web page is read as the text it shows. A file
// that is not text is an error; a text without a statement is not.
func Document(data []byte) ([]Statement, error) {
	text, err := Decode(data)
	if err != nil {
		return nil, err
	}
	if looksLikeHTML(text) {
		text = htmlText(text)
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
		parties := findParties(paras[b.open], titles[i])
		r := reader{subjectWords(parties), wrapped}
		st := Statement{
			Title:       titles[i],
			Date:        bodyDate(paras, b),
			Parties:     names(parties),
			Commitments: r.commitments(paras[b.open+1 : b.end]),
			Fingerprint: fingerprint(paras[b.open:b.end]),
		}
		if st.Title == "" {
			st.Title, st.Untitled = dateTitle(st.Date), true
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
