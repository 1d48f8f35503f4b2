package export

import "pledge/track"

// Column is one column of an export: its name, which is the CSV header and
// the JSON key (the README's table of the CSV lists the names, in the same
// order); what it holds; and its value for a commitment.
type Column struct {
	Name        string
	Description string
	// Value is the column's value as JSON writes it: a string, an int64,
	// a *int64 (nil for a number unknown: null in JSON, empty in CSV), a
	// float64 (four decimals in CSV) or a []string (joined by ; in CSV).
	Value func(track.Commitment) any
	// Text says the value is text from a statement or a person, which a
	// spreadsheet could take for a formula (see Options.Raw).
	Text bool
}

// Columns are the columns of an export, in order. parties and link_source
// came after the others, so they are last, where they move no column a
// spreadsheet already refers to.
func Columns() []Column {
	return []Column{
		{"id", "the commitment's id (pledge show ID)", func(c track.Commitment) any { return c.ID }, false},
		{"statement", "its statement's title", func(c track.Commitment) any { return c.Statement }, true},
		{"date", "its statement's signing date, YYYY-MM-DD; empty when unknown", func(c track.Commitment) any { return c.Date }, false},
		{"year", "the year of its statement's signing date", func(c track.Commitment) any { return optional(int64(c.Year)) }, false},
		{"ordinal", "its place in the statement: 1 for the first commitment", func(c track.Commitment) any { return int64(c.Ordinal) }, false},
		{"section", "the section of the statement it is in", func(c track.Commitment) any { return c.Section }, true},
		{"domain", "its label: the policy domain", func(c track.Commitment) any { return c.Domain }, true},
		{"probability", "the model's probability of the label; 1 for a person's", func(c track.Commitment) any { return c.Probability }, false},
		{"label_source", "whether a model or a person gave the label: model or person", func(c track.Commitment) any { return c.LabelSource }, false},
		{"status", "new or recurring", func(c track.Commitment) any { return c.Status }, false},
		{"first_year", "the year its thread began", func(c track.Commitment) any { return optional(int64(c.FirstYear)) }, false},
		{"previous_id", "the commitment it recurs from; empty for a new one", previousID, false},
		{"text", "the commitment", func(c track.Commitment) any { return c.Text }, true},
		{"parties", "its statement's parties, in the order of the title; joined by ; in CSV (中国;俄罗斯)", parties, true},
		{"link_source", "whether the linker or a person decided status and previous_id: model or person", func(c track.Commitment) any { return c.LinkSource }, false},
	}
}

// previousID is the commitment c recurs from: its best earlier match,
// when that is close enough to make it recurring.
func previousID(c track.Commitment) any {
	if c.Status == "recurring" {
		return optional(c.Previous)
	}
	return (*int64)(nil)
}

// parties are c's statement's parties: [] in JSON when there are none.
func parties(c track.Commitment) any {
	if c.Parties == nil {
		return []string{}
	}
	return c.Parties
}

// optional is n, or nil when it is 0: a number unknown.
func optional(n int64) *int64 {
	if n == 0 {
		return nil
	}
	return &n
}
