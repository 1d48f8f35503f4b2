package extract

import (
	"bytes"
	"errors"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Errors returned by Decode. Callers wrap them with the file name. A PDF
// or an office file is ErrBinary too, with a hint of what to do.
var (
	ErrEmpty          = errors.New("file is empty")
	ErrBinary         = errors.New("not a text file (binary data)")
	ErrEncoding       = errors.New("not text in UTF-8, UTF-16 or GB18030")
	ErrPDF      error = binaryKind("a PDF file; convert it to text first, for example with pdftotext")
	ErrOffice   error = binaryKind("a Word, Excel or zip file; save it as text (.txt) first")
)

// binaryKind is a kind of binary file, with a hint of what to do with it.
type binaryKind string

func (e binaryKind) Error() string        { return string(e) }
func (e binaryKind) Is(target error) bool { return target == ErrBinary }

// signatures are the first bytes of binary files an analyst may have
// downloaded in place of text.
var signatures = []struct {
	magic string
	err   error
}{
	{"%PDF-", ErrPDF},
	{"PK\x03\x04", ErrOffice},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ErrOffice}, // an old .doc or .xls
}

// Decode turns the bytes of a text file into a string. It accepts UTF-8 with
// or without a byte-order mark, UTF-16 with a byte-order mark, and GB18030
// (a superset of GBK and GB2312), which is what Chinese editions of Windows
// save by default. The encoding is detected, never asked for: analysts get
// files from many sources and rarely know how each was saved.
func Decode(b []byte) (string, error) {
	for _, sig := range signatures {
		if bytes.HasPrefix(b, []byte(sig.magic)) {
			return "", sig.err
		}
	}
	switch {
	case len(bytes.TrimSpace(b)) == 0:
		return "", ErrEmpty
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
		if !utf8.Valid(b) {
			return "", ErrEncoding
		}
		return checkText(string(b))
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeUTF16(b[2:], false)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeUTF16(b[2:], true)
	case bytes.IndexByte(b, 0) >= 0:
		// NUL never occurs in UTF-8 or GB18030 text.
		return "", ErrBinary
	case utf8.Valid(b):
		return checkText(string(b))
	}
	s, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(s, utf8.RuneError) {
		return "", ErrEncoding
	}
	return checkText(string(s))
}

func decodeUTF16(b []byte, bigEndian bool) (string, error) {
	if len(b)%2 != 0 {
		return "", ErrEncoding
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	s := string(utf16.Decode(u))
	if len(s) == 0 {
		return "", ErrEmpty
	}
	if bytes.ContainsRune([]byte(s), utf8.RuneError) {
		return "", ErrEncoding
	}
	return checkText(s)
}

// checkText rejects decoded text that holds control characters: a valid
// encoding of garbage (an image that happens to be valid GB18030) is still
// not a statement.
func checkText(s string) (string, error) {
	bad, total := 0, 0
	for _, r := range s {
		total++
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != '\v' {
			bad++
		}
	}
	// A stray control character in a scraped page is common; many are not.
	if bad > 0 && bad*100 > total {
		return "", ErrBinary
	}
	if len(bytes.TrimSpace([]byte(s))) == 0 {
		return "", ErrEmpty
	}
	return s, nil
}
