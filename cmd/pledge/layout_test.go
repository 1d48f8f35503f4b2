package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"pledge/extract"
	"pledge/internal/golden"
	"pledge/internal/needs"
)

// layouts is the folder of documents written for pledge in the layouts of
// GUIDE §1, each with a golden file labelled by hand.
const layouts = "../../testdata/layouts"

// TestPDF reads a PDF that LibreOffice made from one of the layout
// documents through pdftotext, as ingest and extract do, and checks that it
// gives the same statement as the text copy's golden file.
func TestPDF(t *testing.T) {
	needs.Pdftotext().Get(t)
	in := diskInput(filepath.Join(layouts, "communique_positions.pdf"), defaultMaxSize)
	got, err := readStatements(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	want, err := golden.Read(filepath.Join(layouts, "communique_positions.golden"))
	if err != nil {
		t.Fatal(err)
	}
	r := golden.Compare(want, got)
	for _, p := range r.Problems {
		t.Error(p)
	}
	if r.Precision() < 0.95 || r.Recall() < 0.95 {
		t.Errorf("precision %.3f, recall %.3f (wrong %q, missed %q); want both at least 0.95", r.Precision(), r.Recall(), r.Wrong, r.Missed)
	}
}

// TestPDFWithoutPdftotext checks that a PDF without pdftotext to read it
// fails with a message that says how to get it.
func TestPDFWithoutPdftotext(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, stderr, err := run(t, "extract", filepath.Join(layouts, "communique_positions.pdf"))
	if err == nil || !strings.Contains(stderr, "apt-get install poppler-utils") {
		t.Errorf("error %v, stderr %q; want a failure that says how to install pdftotext", err, stderr)
	}
}

// TestOldWordFile checks that an old .doc file gets a message that says
// what to do with it.
func TestOldWordFile(t *testing.T) {
	p := writeFile(t, t.TempDir(), "statement.doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00rest"))
	_, stderr, err := run(t, "extract", p)
	if err == nil || !strings.Contains(stderr, "save it as .docx") {
		t.Errorf("error %v, stderr %q; want a message to save it as .docx", err, stderr)
	}
}

// TestExtractNoStatement checks that a file without a statement fails the
// command, and that both the message and --explain say why.
func TestExtractNoStatement(t *testing.T) {
	p := filepath.Join(layouts, "news_only.txt")
	out, _, err := run(t, "extract", p)
	if err == nil || !strings.Contains(err.Error(), "without a statement") || !strings.Contains(out, "--explain") {
		t.Errorf("error %v, output %q; want a failure that points to --explain", err, out)
	}
	out, _, err = run(t, "extract", "--explain", p)
	if err == nil {
		t.Error("extract --explain of a file without a statement succeeded")
	}
	for _, want := range []string{"Paragraphs (role", "feed stamp", "news words", "Candidate statements", "dropped: below", "0 statements found"} {
		if !strings.Contains(out, want) {
			t.Errorf("extract --explain lacks %q:\n%s", want, out)
		}
	}
}

// TestExplain checks that --explain shows the role of each paragraph and
// the span kept, for a statement that opens with its visit paragraph.
func TestExplain(t *testing.T) {
	out, _, err := run(t, "extract", "--explain", filepath.Join(layouts, "visit_dash_list.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title", "visit", "heading", "list item", "date line", "kept", "1 statement found"} {
		if !strings.Contains(out, want) {
			t.Errorf("extract --explain lacks %q:\n%s", want, out)
		}
	}
	if x := extract.Explain("本报讯 今日天气晴。", extract.DateHint{}); len(x.Statements) != 0 || len(x.Paragraphs) != 1 {
		t.Errorf("Explain of plain news: %+v", x)
	}
}
