package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"pledge/decode"
	"pledge/extract"
	"pledge/ingest"
)

// explainAll prints, for each input, what the structure reader saw in it.
func explainAll(ctx context.Context, inputs []input, std IO) error {
	failed, empty := 0, 0
	for k, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if k > 0 {
			fmt.Fprintln(std.Stdout)
		}
		data, err := in.read()
		var t decode.Text
		if err == nil {
			t, err = ingest.Decode(ctx, data, in.limit)
		}
		if err != nil {
			fmt.Fprintf(std.Stderr, "pledge: extract %s: %v\n", shown(in.name), explainHint(in.name, unwrapPath(err)))
			failed++
			continue
		}
		x := extract.Explain(t.Text, in.hint())
		if len(x.Statements) == 0 {
			empty++
		}
		if err := printExplanation(std.Stdout, in.name, x); err != nil {
			return err
		}
	}
	if failed+empty > 0 {
		return fmt.Errorf("%s read, %d failed, %d without a statement", plural(len(inputs)-failed, "file"), failed, empty)
	}
	return nil
}

// printExplanation prints one file's explanation: each paragraph with its
// role and cues, then each candidate span with its score, evidence and
// verdict, then the statements kept.
func printExplanation(w io.Writer, name string, x extract.Explanation) error {
	ew := &errWriter{w: w}
	ew.printf("%s: %s\n\nParagraphs (role, then the cues for it):\n", shown(name), plural(len(x.Paragraphs), "paragraph"))
	for i, p := range x.Paragraphs {
		ew.printf("  ¶%-4d %-11s %s\n", i+1, p.Role, clip(p.Text, 40))
		for _, c := range p.Cues {
			ew.printf("          %-11s %+5.1f  %s\n", c.Role, c.Weight, c.Name)
		}
	}
	ew.printf("\nCandidate statements (a statement needs a score of %.1f):\n", extract.MinScore)
	if len(x.Spans) == 0 {
		ew.printf("  none: no title, visit paragraph, opening or sentence where the parties commit\n")
	}
	for _, s := range x.Spans {
		ew.printf("  ¶%d–¶%d  score %.2f  %s\n", s.First, s.Last, s.Score, s.Verdict)
		for _, c := range s.Cues {
			ew.printf("          %+6.2f  %s\n", c.Weight, c.Name)
		}
	}
	ew.printf("\n%s found", plural(len(x.Statements), "statement"))
	if len(x.Statements) == 0 {
		ew.printf("\n")
	} else {
		ew.printf(":\n")
	}
	for i, st := range x.Statements {
		ew.printf("  %d. %s  %s  %s", i+1, dateOrUnknown(st.Date), st.Title, plural(len(st.Commitments), "commitment"))
		if len(st.Parties) > 0 {
			ew.printf("  [%s]", strings.Join(st.Parties, ", "))
		}
		ew.printf("\n")
		if st.DateFrom != "" {
			ew.printf("       dated by %s\n", st.DateFrom)
		}
	}
	return ew.err
}

// explainHint adds to "no joint statement found" how to see why.
func explainHint(name string, err error) error {
	var heavy *ingest.TooHeavyError
	switch {
	case errors.Is(err, extract.ErrNoStatement):
		return fmt.Errorf("%w (pledge extract --explain %s shows what pledge saw in it)", err, shown(name))
	case errors.As(err, &heavy):
		return fmt.Errorf("%w (--max-size %d reads it)", err, (heavy.Weight+1<<20-1)>>20)
	}
	return err
}

// clip shortens s to n characters, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
