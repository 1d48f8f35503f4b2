package decode

import (
	"errors"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const sample = "双方将继续加强务实合作，推动两国关系发展。"

func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestDecode(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
	controls := []byte("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11 text")
	tests := []struct {
		name string
		in   []byte
		want string
		err  error
	}{
		{"utf-8", []byte(sample), sample, nil},
		{"utf-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, sample...), sample, nil},
		{"utf-16 little-endian with BOM", utf16Bytes(sample, false), sample, nil},
		{"utf-16 big-endian with BOM", utf16Bytes(sample, true), sample, nil},
		{"utf-16 with an odd byte", append(utf16Bytes(sample, false), 'x'), "", ErrEncoding},
		{"gb18030", gb18030(t, sample), sample, nil},
		// GBK is a subset of GB18030: a file saved as GBK on Windows reads too.
		{"gbk", []byte{0xCB, 0xAB, 0xB7, 0xBD}, "双方", nil},
		{"gb18030 four-byte character", gb18030(t, "㐀双方"), "㐀双方", nil},
		{"binary", png, "", ErrBinary},
		{"PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "", ErrPDF},
		{"Word document", []byte("PK\x03\x04\x14\x00\x06\x00word/document.xml"), "", ErrOffice},
		{"control characters", controls, "", ErrBinary},
		{"invalid in every encoding", []byte{0x80, 0x80, 0xFF, 0xFF, 0x81}, "", ErrEncoding},
		{"empty", nil, "", ErrEmpty},
		{"only whitespace", []byte(" \n\t\r\n"), "", ErrEmpty},
		{"BOM only", []byte{0xEF, 0xBB, 0xBF}, "", ErrEmpty},
		{"utf-16 BOM only", []byte{0xFF, 0xFE}, "", ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Plain(tt.in)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Plain error = %v, want %v", err, tt.err)
			}
			if got.Text != tt.want {
				t.Errorf("Plain = %q, want %q", got.Text, tt.want)
			}
		})
	}
}
