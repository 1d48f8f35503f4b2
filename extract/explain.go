package extract

// Explanation is what the structure reader saw in a document: the role it
// gave each paragraph and why, and every candidate span with its score and
// the verdict on it. pledge extract --explain prints it, so that a user
// whose file gives nothing can see where the evidence fell short.
type Explanation struct {
	Paragraphs []ParagraphExplanation
	Spans      []SpanExplanation
	Statements []Statement
}

// ParagraphExplanation is one paragraph, its role and the cues for it.
type ParagraphExplanation struct {
	Text string // as the file wrote it, normalised
	Role Role
	Cues []Cue
}

// SpanExplanation is one candidate statement: paragraphs First to Last
// (1-based, inclusive), its score, the evidence for and against it, and
// whether it was kept.
type SpanExplanation struct {
	First, Last int
	Score       float64
	Cues        []Cue
	Kept        bool
	Verdict     string
}

// MinScore is the score a span needs to be kept as a statement.
const MinScore = minScore

// Explain tells what the structure reader saw in a document's text, and
// what ParseDated makes of it.
func Explain(text string, hint DateHint) Explanation {
	d := parseText(text, hint)
	x := Explanation{Spans: d.candidates, Statements: d.statements()}
	for _, p := range d.paras {
		x.Paragraphs = append(x.Paragraphs, ParagraphExplanation{Text: p.o, Role: p.role, Cues: p.cues})
	}
	return x
}
