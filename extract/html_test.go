package extract

import (
	"strings"
	"testing"
)

func TestHTMLDocument(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>x</title><style>p{color:red}</style>
<script>var s = "双方将不被计入。";</script></head><body>
<h1>中华人民共和国和俄罗斯联邦关于合作的联合声明</h1>
<p>中华人民共和国和俄罗斯联邦（以下称&ldquo;双方&rdquo;），声明如下：</p>
<p>双方将扩大<b>人文</b>交流&nbsp;。</p><!-- 双方将不被计入 --><p>二〇二二年三月一日于北京</p></body></html>`
	sts, err := Document([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 1 || sts[0].Title != "中华人民共和国和俄罗斯联邦关于合作的联合声明" || sts[0].Date.String() != "2022-03-01" {
		t.Fatalf("Document = %+v", sts)
	}
	var texts []string
	for _, c := range sts[0].Commitments {
		texts = append(texts, c.Text)
	}
	if strings.Join(texts, "|") != "双方将扩大人文交流。" {
		t.Errorf("commitments %q", texts)
	}
	if looksLikeHTML("双方将 <b>加强</b> 合作") {
		t.Error("text with a tag in it taken for a web page")
	}
}
