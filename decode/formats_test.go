package decode

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/traditionalchinese"

	"pledge/internal/hostile"
	"pledge/script"
)

func TestBig5(t *testing.T) {
	const trad = "中華人民共和國和甲國聯合聲明：雙方將加強經貿合作，擴大兩國貿易。"
	b, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(trad))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Plain(b)
	if err != nil || got.Text != trad {
		t.Errorf("Plain(Big5) = %q, %v; want %q", got.Text, err, trad)
	}
	// And GB18030 still reads as GB18030.
	g := gb18030(t, script.Simplify(trad))
	if got, err := Plain(g); err != nil || got.Text != script.Simplify(trad) {
		t.Errorf("Plain(GB18030) = %q, %v", got.Text, err)
	}
}

func TestDOCX(t *testing.T) {
	docx := func(files map[string]string) []byte {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		for name, body := range files {
			w, _ := z.Create(name)
			w.Write([]byte(body))
		}
		z.Close()
		return b.Bytes()
	}
	const doc = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:r><w:t>中华人民共和国和甲国</w:t></w:r><w:r><w:t>联合声明</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>双方将加强</w:t></w:r><w:r><w:tab/><w:t>合作。</w:t></w:r></w:p></w:body></w:document>`
	got, err := Bytes(docx(map[string]string{"word/document.xml": doc}))
	if err != nil || got.Text != "中华人民共和国和甲国联合声明\n双方将加强 合作。\n" {
		t.Errorf("Bytes(docx) = %q, %v", got.Text, err)
	}
	if _, err := Bytes(docx(map[string]string{"word/document.xml": "<w:document><w:body>"})); !errors.Is(err, ErrDOCX) {
		t.Errorf("a broken document: error %v, want ErrDOCX", err)
	}
	if _, err := Bytes(docx(map[string]string{"xl/workbook.xml": "<workbook/>"})); !errors.Is(err, ErrOffice) {
		t.Errorf("a spreadsheet: error %v, want ErrOffice", err)
	}
	whole := docx(map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": doc})
	if _, err := Bytes(whole[:len(whole)/2]); !errors.Is(err, ErrDOCX) || !strings.Contains(err.Error(), "cut short") {
		t.Errorf("a document cut short: error %v, want ErrDOCX saying it is cut short", err)
	}
	if _, err := Bytes(hostile.ZipBomb(t)); !errors.Is(err, ErrDOCX) || !strings.Contains(err.Error(), "more than 64 MB") {
		t.Errorf("a zip bomb: error %v, want ErrDOCX naming the limit", err)
	}
}

func TestStrayBytes(t *testing.T) {
	got, err := Plain([]byte("双方将加强\x00合作。"))
	if err != nil || got.Text != "双方将加强合作。" || len(got.Problems) != 1 || got.Problems[0].String() != "byte 15: a NUL, left out" {
		t.Errorf("Plain = %+v, %v", got, err)
	}
	_, err = Plain(bytes.Repeat([]byte("合\x00"), 20))
	var e *Error
	if !errors.As(err, &e) || e.Offset != 3 || !errors.Is(err, ErrBinary) {
		t.Errorf("Plain of NUL-ridden text: error %v, want an *Error at byte 3 wrapping ErrBinary", err)
	}
}
