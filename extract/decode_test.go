package extract

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
			got, err := Decode(tt.in)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Decode error = %v, want %v", err, tt.err)
			}
			if got != tt.want {
				t.Errorf("Decode = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDocumentSameInEveryEncoding(t *testing.T) {
	text := "中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：\n双方将扩大人文交流。\n二〇二二年三月一日于北京\n"
	want := Parse(text)
	if len(want) != 1 || len(want[0].Commitments) != 1 {
		t.Fatalf("Parse = %+v, want one statement with one commitment", want)
	}
	for name, data := range map[string][]byte{
		"gb18030": gb18030(t, text),
		"utf-16":  utf16Bytes(text, false),
	} {
		got, err := Document(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != 1 || got[0].Fingerprint != want[0].Fingerprint || got[0].Date != want[0].Date {
			t.Errorf("%s: Document = %+v, want %+v", name, got, want)
		}
	}
}
