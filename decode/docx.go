package decode

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrDOCX says a Word document could not be read.
var ErrDOCX = errors.New("not a readable Word document (.docx)")

// maxDOCXText bounds the text pledge unpacks from a Word document: a
// statement is far smaller, and a zip that unpacks to more is broken or
// hostile (a zip bomb).
const maxDOCXText = 64 << 20

// zipMagic starts every zip archive, and so every Word document.
var zipMagic = []byte("PK\x03\x04")

// errNotWord is a zip archive that holds no Word document.
var errNotWord = errors.New("a zip archive without word/document.xml")

// docxText returns the text of a Word document's body, a line for each
// paragraph, as Word shows it: the text of its runs, tabs as spaces, line
// breaks as line breaks. A zip archive that is no Word document is
// errNotWord; one cut short (a download that stopped) is ErrDOCX when what
// is there names a Word document's parts.
func docxText(data []byte) (string, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if bytes.Contains(data[:min(len(data), 1<<16)], []byte("word/")) {
			return "", fmt.Errorf("%w: a Word document cut short or damaged (%v); download or save it again", ErrDOCX, err)
		}
		return "", errNotWord
	}
	var doc *zip.File
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			doc = f
		}
	}
	if doc == nil {
		return "", errNotWord
	}
	tooLarge := fmt.Errorf("%w: its text (word/document.xml) unpacks to more than %d MB, which no statement needs: a broken or hostile file, not read", ErrDOCX, maxDOCXText>>20)
	if doc.UncompressedSize64 > maxDOCXText {
		return "", tooLarge
	}
	rc, err := doc.Open()
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrDOCX, err)
	}
	defer rc.Close()
	// The size in the archive may lie: no more than the limit is read.
	limited := &io.LimitedReader{R: rc, N: maxDOCXText + 1}
	dec := xml.NewDecoder(limited)
	var b strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if limited.N <= 0 {
			return "", tooLarge
		}
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrDOCX, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				b.WriteByte(' ')
			case "br", "cr":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
	}
	if strings.TrimSpace(b.String()) == "" {
		return "", ErrEmpty
	}
	return b.String(), nil
}
