package extract

import (
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

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
		got, err := readBytes(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != 1 || got[0].Fingerprint != want[0].Fingerprint || got[0].Date != want[0].Date {
			t.Errorf("%s: Document = %+v, want %+v", name, got, want)
		}
	}
}
