package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDocument feeds arbitrary bytes to Document. It must not panic, and
// what it returns must be well formed. The seed corpus is in
// testdata/fuzz/FuzzDocument, and every document of ../testdata/layouts (one
// for each layout of GUIDE §1); run go test ./extract -fuzz FuzzDocument to
// search further.
func FuzzDocument(f *testing.F) {
	f.Add([]byte(page))
	layouts, _ := filepath.Glob("../testdata/layouts/*")
	for _, p := range layouts {
		if strings.HasSuffix(p, ".golden") || strings.HasSuffix(p, ".pdf") {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：\n（一）\n——\n二〇二一年六月二十八日"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sts, err := readBytes(data)
		if err != nil {
			return
		}
		for _, st := range sts {
			if st.Title == "" || len(st.Fingerprint) != 32 {
				t.Fatalf("statement without title or fingerprint: %+v", st)
			}
			if !st.Date.IsZero() && !st.Date.valid() {
				t.Fatalf("invalid date %v", st.Date)
			}
			for i, c := range st.Commitments {
				if c.Ordinal != i+1 || c.Text == "" || !utf8.ValidString(c.Text) {
					t.Fatalf("commitment %d malformed: %+v", i, c)
				}
			}
		}
	})
}
