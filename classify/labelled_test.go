package classify

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestReadLabelled(t *testing.T) {
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("energy\t扩大油气贸易\n")
	u16 := []byte{0xFF, 0xFE}
	for _, c := range utf16.Encode([]rune("finance\t扩大本币结算\r\n")) {
		u16 = append(u16, byte(c), byte(c>>8))
	}
	tests := []struct {
		name string
		in   string
		want []Labelled
		line int
		err  error
	}{
		{"rows, comments and blank lines", "# header\n\nenergy\t扩大油气贸易\n  # indented comment\nfinance\t扩大本币结算\n",
			[]Labelled{{3, "energy", "扩大油气贸易"}, {5, "finance", "扩大本币结算"}}, 0, nil},
		{"CRLF line ends and spaces trimmed", " energy \t 扩大油气贸易 \r\n", []Labelled{{1, "energy", "扩大油气贸易"}}, 0, nil},
		{"a tab inside the text stays", "energy\t扩大\t贸易\n", []Labelled{{1, "energy", "扩大\t贸易"}}, 0, nil},
		{"any label set", "我的标签\t一段文字\n", []Labelled{{1, "我的标签", "一段文字"}}, 0, nil},
		{"GB18030", gb, []Labelled{{1, "energy", "扩大油气贸易"}}, 0, nil},
		{"UTF-16", string(u16), []Labelled{{1, "finance", "扩大本币结算"}}, 0, nil},
		{"empty file", "", nil, 0, nil},
		{"missing tab", "energy\t扩大油气贸易\nfinance 扩大本币结算\n", nil, 2, ErrNoTab},
		{"empty label", "\t扩大油气贸易\n", nil, 1, ErrEmptyLabel},
		{"empty text", "# c\nenergy\t  \n", nil, 2, ErrEmptyText},
		{"not UTF-8 nor GB18030", "energy\tok\nfinance\t\x80\x80\xff\xff\n", nil, 2, ErrEncoding},
		{"a control character in a label", "energy\x1b[31m\t扩大油气贸易\n", nil, 1, ErrControlLabel},
		{"a line past the limit", "energy\t扩大\n" + "finance\t" + strings.Repeat("贸易", maxLine/6+1) + "\n", nil, 2, errLongLine},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadLabelled([]byte(tt.in))
			if tt.err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Line != tt.line || !errors.Is(err, tt.err) {
					t.Fatalf("error %v, want %v at line %d", err, tt.err, tt.line)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ReadLabelled = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func FuzzReadLabelled(f *testing.F) {
	f.Add([]byte("energy\t扩大油气贸易\n# c\nfinance\t扩大本币结算\n"))
	f.Add([]byte("\xff\xfe\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := ReadLabelled(b)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		for _, r := range rows {
			if r.Label == "" || r.Text == "" || r.Line < 1 {
				t.Fatalf("bad row %+v", r)
			}
		}
	})
}

func TestReadHeldOut(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Labelled
		line int
		err  error
	}{
		{"rows and comments", "# statement\tdomain\ttext\nabc2024\tenergy\t扩大油气贸易\n\nabc2024\t finance \t扩大本币结算\n",
			[]Labelled{{2, "energy", "扩大油气贸易"}, {4, "finance", "扩大本币结算"}}, 0, nil},
		{"only two fields", "abc2024\tenergy\t扩大油气贸易\nenergy\t扩大油气贸易\n", nil, 2, ErrNoTab},
		{"empty label", "abc2024\t\t扩大油气贸易\n", nil, 1, ErrEmptyLabel},
		{"empty text", "abc2024\tenergy\t \n", nil, 1, ErrEmptyText},
		{"a control character in a label", "abc2024\tener\x07gy\t扩大油气贸易\n", nil, 1, ErrControlLabel},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadHeldOut([]byte(tt.in))
			if tt.err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Line != tt.line || !errors.Is(err, tt.err) {
					t.Fatalf("error %v, want %v at line %d", err, tt.err, tt.line)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ReadHeldOut = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}
