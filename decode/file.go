// Package decode turns the files analysts have (text in any of the
// encodings Chinese text comes in, saved web pages, Word documents, PDFs)
// into the text they hold, and says what it had to leave out to read it.
// It knows nothing of statements: package extract starts from its text.
package decode

import (
	"bytes"
	"context"
	"errors"
	"fmt"
)

// Text is the text a file holds, and what was wrong with the file but
// did not stop it being read.
type Text struct {
	Text     string
	Problems []Problem
}

// Problem is a byte of a file left out to read it as text.
type Problem struct {
	Offset int    // from the start of the file
	What   string // a NUL, 0x80, not UTF-8
}

func (p Problem) String() string { return fmt.Sprintf("byte %d: %s, left out", p.Offset, p.What) }

// Error is a file that is not text, with the offset of the first byte
// that shows it. It wraps ErrBinary or ErrEncoding.
type Error struct {
	Offset int
	Err    error
}

func (e *Error) Error() string {
	if errors.Is(e.Err, ErrBinary) {
		return fmt.Sprintf("%v: NUL bytes, the first at byte %d", e.Err, e.Offset)
	}
	return fmt.Sprintf("%v (the first byte that is none of them is at %d)", e.Err, e.Offset)
}

func (e *Error) Unwrap() error { return e.Err }

// Bytes returns the text of a file that is read without help from another
// program: a Word document (.docx) as the text of its paragraphs, a saved
// web page as the text it shows, anything else as text in the encoding
// Plain detects. A PDF is ErrPDF: File reads it.
func Bytes(data []byte) (Text, error) {
	if bytes.HasPrefix(data, zipMagic) {
		s, err := docxText(data)
		if !errors.Is(err, errNotWord) {
			return Text{Text: s}, err
		}
	}
	t, err := Plain(data)
	if err != nil {
		return Text{}, err
	}
	if looksLikeHTML(t.Text) {
		t.Text = htmlText(t.Text)
	}
	return t, nil
}

// File returns the text of any file Bytes reads, and of a PDF through
// poppler's pdftotext (see PDF).
func File(ctx context.Context, data []byte) (Text, error) {
	if IsPDF(data) {
		out, err := PDF(ctx, data)
		if err != nil {
			return Text{}, err
		}
		data = out
	}
	return Bytes(data)
}
