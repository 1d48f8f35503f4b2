package extract

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// page is a newspaper page written for these tests: news, a statement whose
// title is printed after it, a second statement with its title before it,
// and a commentary that uses the same words as a commitment.
const page = `本报讯 市政府将继续推进老旧小区改造。
双方商定：
——这一行不在任何声明之内。
应俄罗斯联邦总统邀请，中华人民共和国主席于2022年9月15日至16日进行国事访问。
中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：
双方将扩大两国边境地区农产品贸易。
双方认为，地区和平稳定符合各国利益。
（新华社莫斯科9月15日电）
中华人民共和国和俄罗斯联邦关于深化务实合作的联合声明
中华人民共和国和俄罗斯联邦关于加强人文交流的联合声明
中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：
双方商定：
——推动两国高校扩大人文交流。
——鼓励博物馆开展合作。
二〇二二年九月十六日于莫斯科
评论：双方将扩大两国边境地区农产品贸易，这是好消息。
`

func TestParseStructure(t *testing.T) {
	sts := Parse(page)
	var got []string
	for _, st := range sts {
		var texts []string
		for _, c := range st.Commitments {
			texts = append(texts, fmt.Sprintf("%d.%s", c.Ordinal, c.Text))
		}
		got = append(got, st.Date.String()+" "+st.Title+" "+strings.Join(texts, " "))
	}
	want := []string{
		"2022-09-15 中华人民共和国和俄罗斯联邦关于深化务实合作的联合声明 1.双方将扩大两国边境地区农产品贸易。",
		"2022-09-16 中华人民共和国和俄罗斯联邦关于加强人文交流的联合声明 1.推动两国高校扩大人文交流。 2.鼓励博物馆开展合作。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Parse:\n got %q\nwant %q", got, want)
	}
}

func TestParseNoStatement(t *testing.T) {
	for _, text := range []string{
		"本报讯 双方将继续加强合作。\n——双方商定扩大贸易。",
		"即时 | 2021-06-29 20:23\n两国元首宣布发表联合声明。",
		"",
	} {
		if sts := Parse(text); len(sts) != 0 {
			t.Errorf("Parse(%q) = %d statements, want none", text, len(sts))
		}
	}
}

func TestTitleFromDate(t *testing.T) {
	sts := Parse("中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：\n双方将加强合作。\n二〇二〇年一月二日\n")
	if len(sts) != 1 || sts[0].Title != "联合声明（2020-01-02）" {
		t.Fatalf("Parse = %+v, want one statement titled by its date", sts)
	}
}

// TestSeenDuplicates checks that a reprint (here with half-width
// punctuation, no section numerals and no title) is the same statement,
// and that the first copy keeps what only the reprint has.
func TestSeenDuplicates(t *testing.T) {
	original := "关于合作的联合声明\n中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：\n一\n双方将加强合作。\n二〇二〇年一月二日\n"
	reprint := "即时 | 2020-01-03 10:00\n中华人民共和国和俄罗斯联邦(以下称“双方”),声明如下:\n\n双方将加强合作。\n\n二〇二〇年一月二日\n"
	a, b := Parse(reprint), Parse(original)
	if len(a) != 1 || len(b) != 1 {
		t.Fatalf("want one statement in each text, have %d and %d", len(a), len(b))
	}
	if a[0].Fingerprint != b[0].Fingerprint {
		t.Fatal("a reprint has another fingerprint")
	}
	var seen Seen
	if _, dup := seen.Add("reprint.txt", 1, &a[0]); dup {
		t.Fatal("first copy reported as a duplicate")
	}
	o, dup := seen.Add("original.txt", 1, &b[0])
	if !dup || o.File != "reprint.txt" || o.Index != 1 {
		t.Fatalf("second copy: duplicate %v of %+v, want a duplicate of reprint.txt statement 1", dup, o)
	}
	if a[0].Title != "关于合作的联合声明" || a[0].Commitments[0].Section != "一" {
		t.Errorf("first copy not filled in from the second: title %q, section %q", a[0].Title, a[0].Commitments[0].Section)
	}
}

// TestDatesFromHeads dates statements whose text gives no year where it
// dates them, as GUIDE §1 orders the sources.
func TestDatesFromHeads(t *testing.T) {
	hint := DateHint{Date: Date{2024, 3, 22}, From: "the file name"}
	for _, tt := range []struct {
		name, text string
		hint       DateHint
		want       string
		parties    []string
	}{
		{"the visit's first day, in the hint's year",
			"中华人民共和国和甲国联合新闻稿\n应国务院总理邀请，甲国总理于3月20日至22日对中国进行正式访问。\n双方同意加强合作。\n双方将扩大贸易。\n",
			hint, "2024-03-20", []string{"中国", "甲国"}},
		{"a report's dateline, in the year of the visit it tells of",
			"新华社北京5月9日电 应国家主席邀请，甲国总统于2025年5月8日至11日对中国进行国事访问。\n国家主席表示，中方愿同甲方深化合作。\n会谈后，双方发表的联合声明主要内容如下：\n一、双方同意提升两国关系。\n二、甲方愿扩大自华进口。\n三、双方欢迎甲国于2026年主办论坛。\n",
			DateHint{}, "2025-05-09", []string{"中国", "甲国"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sts := ParseDated(tt.text, tt.hint)
			if len(sts) != 1 {
				t.Fatalf("found %d statements", len(sts))
			}
			if got := sts[0].Date.String(); got != tt.want || !reflect.DeepEqual(sts[0].Parties, tt.parties) {
				t.Errorf("date %s (%s), parties %v; want %s, %v", got, sts[0].DateFrom, sts[0].Parties, tt.want, tt.parties)
			}
		})
	}
}
