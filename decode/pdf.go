package decode

// A PDF's text comes from poppler's pdftotext, which analysts' PDFs of
// statements (ministry pages, newspaper pages) need: their text comes out
// in reading order, a line for each printed line, and pledge joins the
// lines back into paragraphs.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// ErrNoPdftotext says pdftotext is not installed, and how to install it.
var ErrNoPdftotext = errors.New("a PDF file, and poppler's pdftotext is not installed to read it " +
	"(Debian and Ubuntu: apt-get install poppler-utils; macOS: brew install poppler; " +
	"or convert the PDF to text first)")

// IsPDF reports whether data is a PDF file.
func IsPDF(data []byte) bool { return bytes.HasPrefix(data, []byte("%PDF-")) }

// PDF returns the text of the PDF data, as UTF-8, laid out as printed
// (pdftotext -layout), so that indented paragraph starts stay visible.
func PDF(ctx context.Context, data []byte) ([]byte, error) {
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, ErrNoPdftotext
	}
	cmd := exec.CommandContext(ctx, path, "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		msg := strings.Join(strings.Fields(stderr.String()), " ")
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("pdftotext could not read the PDF: %s", msg)
	}
	if len(bytes.TrimSpace(out.Bytes())) == 0 {
		return nil, errors.New("the PDF holds no text (a scanned image?); pledge needs text it can read, not a picture of it")
	}
	return out.Bytes(), nil
}
