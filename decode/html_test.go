package decode

import (
	"slices"
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>x</title><style>p{color:red}</style>
<script>var s = "双方将不被计入。";</script></head><body>
<h1>中华人民共和国和俄罗斯联邦关于合作的联合声明</h1>
<p>双方将扩大<b>人文</b>交流&nbsp;。</p><!-- 双方将不被计入 --><p>二〇二二年三月一日于北京</p></body></html>`
	got, err := Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for l := range strings.Lines(got.Text) {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	// The page's title, each block on its own line, tags, the script, the
	// style and the comment gone, references decoded.
	want := []string{"x", "中华人民共和国和俄罗斯联邦关于合作的联合声明", "双方将扩大人文交流 。", "二〇二二年三月一日于北京"}
	if !slices.Equal(lines, want) {
		t.Errorf("Bytes(page) lines = %q, want %q", lines, want)
	}
	if looksLikeHTML("双方将 <b>加强</b> 合作") {
		t.Error("text with a tag in it taken for a web page")
	}
}
