package extract

import (
	"fmt"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when no date
	}{
		{"二〇二一年六月二十八日", "2021-06-28"},
		{"二〇二四年五月十六日于北京", "2024-05-16"},
		{"二〇一九年十月十日", "2019-10-10"},
		{"二〇二〇年十二月三十一日", "2020-12-31"},
		{"二○二二年二月四日", "2022-02-04"}, // a circle for the zero, as some fonts print it
		{"二零二三年一月五日", "2023-01-05"},
		{"2024年5月16日", "2024-05-16"},
		{"2024 年 5 月 16 日", "2024-05-16"},
		{"２０２４年５月１６日", "2024-05-16"},
		{"于 2019 年 6 月 5 日至 7 日对俄罗斯进行国事访问", "2019-06-05"},
		{"即时 | 2021-06-29 20:23", "2021-06-29"},
		{"2023年2月30日", ""}, // no such day
		{"二〇二一年十三月一日", ""},
		{"6月5日", ""}, // no year
		{"没有日期", ""},
	}
	for _, tt := range tests {
		d, ok := ParseDate(tt.in)
		if got := d.String(); got != tt.want || ok != (tt.want != "") {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestParseDateline(t *testing.T) {
	tests := []struct {
		in         string
		month, day int
	}{
		{"（新华社莫斯科6月5日电）", 6, 5},
		{"（新华社北京6月28日电）", 6, 28},
		{"(新华社北京6月28日电)", 6, 28},
		{"（据新华社北京6月28日电）", 6, 28},
		{"新华社北京6月28日电", 6, 28},
		{"（新华社莫斯科六月五日电）", 6, 5},
		{"（新华社北京13月2日电）", 0, 0},
		{"新华社北京6月28日电 国家主席习近平28日在北京同俄罗斯总统举行会谈。", 0, 0}, // a news lead, not a dateline
	}
	for _, tt := range tests {
		m, d, ok := parseDateline(Normalize(tt.in))
		if m != tt.month || d != tt.day || ok != (tt.month != 0) {
			t.Errorf("parseDateline(%q) = %d, %d, %v; want %d, %d", tt.in, m, d, ok, tt.month, tt.day)
		}
	}
}

func TestCnNumber(t *testing.T) {
	for in, want := range map[string]int{"五": 5, "十": 10, "十六": 16, "二十": 20, "二十八": 28, "三十一": 31, "12": 12} {
		if got := cnNumber(in, false); got != want {
			t.Errorf("cnNumber(%q) = %d, want %d", in, got, want)
		}
	}
	if got := cnNumber("二〇二一", true); got != 2021 {
		t.Errorf("cnNumber(二〇二一) = %d, want 2021", got)
	}
}

func TestDateBefore(t *testing.T) {
	a, b := Date{2019, 6, 5}, Date{2019, 6, 28}
	if !a.Before(b) || b.Before(a) || a.Before(a) {
		t.Errorf("Before is wrong for %v and %v", a, b)
	}
	if (Date{}).String() != "" || !(Date{}).IsZero() {
		t.Error("the zero Date should print empty and be zero")
	}
}

// TestStatementDate checks where a statement's date comes from: the date
// line, else the dateline (year from elsewhere in the document), else the
// visit paragraph.
func TestStatementDate(t *testing.T) {
	const opening = "中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：\n双方将扩大人文交流。\n"
	tests := []struct {
		name, text, want string
	}{
		{"date line", opening + "二〇二一年六月二十八日\n", "2021-06-28"},
		{"date line with place, after signatures",
			opening + "中华人民共和国主席 某某某\n俄罗斯联邦总统 某某某\n二〇二四年五月十六日于北京\n", "2024-05-16"},
		{"date line beats dateline", opening + "二〇二一年六月二十八日\n（新华社北京6月29日电）\n", "2021-06-28"},
		{"dateline, year from the visit paragraph of the same day",
			"应邀请，某主席于2019年6月5日至7日进行国事访问。\n" + opening + "（新华社莫斯科6月5日电）\n", "2019-06-05"},
		{"dateline, year from a feed timestamp",
			"即时 | 2022-09-16 09:30\n" + opening + "（新华社莫斯科9月15日电）\n", "2022-09-15"},
		{"dateline in early January, feed stamped the year after",
			"即时 | 2023-01-02 09:30\n" + opening + "（新华社北京12月30日电）\n", "2022-12-30"},
		{"dateline only, year the statement mentions most",
			opening + "双方将于2018年互办文化年，2018年底前签署协议。\n（新华社莫斯科6月5日电）\n", "2018-06-05"},
		{"dateline only, a year only the news before the statement mentions",
			"2017年是重要的一年。\n" + opening + "（新华社莫斯科6月5日电）\n", ""},
		{"visit paragraph", "应邀请，某总统于 2024 年 5 月 16 日至 17 日进行国事访问。\n" + opening, "2024-05-16"},
		{"none", opening, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sts := Parse(tt.text)
			if len(sts) != 1 {
				t.Fatalf("Parse found %d statements, want 1", len(sts))
			}
			if got := sts[0].Date.String(); got != tt.want {
				t.Errorf("date = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDateHints checks the dates a statement whose text gives no year takes
// from a file's name or the user's --date, and that DateFrom says so.
func TestDateHints(t *testing.T) {
	const opening = "中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：\n双方将扩大人文交流。\n"
	tests := []struct {
		name, text string
		hint       DateHint
		want, from string
	}{
		{"dateline, year from the file's name", opening + "（新华社莫斯科6月5日电）\n",
			NameDate("reports/2019-06-07_talks.txt"), "2019-06-05", "the dateline, with the year from the file name"},
		{"no date at all, the file's name", opening, NameDate("20190607 talks.txt"), "2019-06-07", "the file name"},
		{"--date", opening, DateHint{Date{2020, 1, 2}, "--date"}, "2020-01-02", "--date"},
		{"the text's own date beats the hint", opening + "二〇二一年六月二十八日\n",
			NameDate("2019-06-07_talks.txt"), "2021-06-28", "the date line"},
		{"a name with no date at its start", opening, NameDate("talks-2019-06-07.txt"), "", ""},
		{"a name with an impossible date", opening, NameDate("2019-02-30.txt"), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sts := ParseDated(tt.text, tt.hint)
			if len(sts) != 1 {
				t.Fatalf("found %d statements, want 1", len(sts))
			}
			if got := sts[0].Date.String(); got != tt.want || sts[0].DateFrom != tt.from {
				t.Errorf("date %q from %q, want %q from %q", got, sts[0].DateFrom, tt.want, tt.from)
			}
		})
	}
}

// TestDateProblem says why a date is none, in words a reader checks
// against the text.
func TestDateProblem(t *testing.T) {
	for _, tt := range []struct {
		d    Date
		want string
	}{
		{Date{2024, 13, 1}, "a year has 12 months, not 13"},
		{Date{2021, 2, 30}, "February 2021 has 28 days, not 30"},
		{Date{2024, 2, 29}, ""},
		{Date{2024, 5, 0}, "no day 0 of a month"},
		{Date{1900, 5, 1}, fmt.Sprintf("its year is outside %d–%d", MinYear, MaxYear())},
	} {
		if got := tt.d.problem(); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.d, got, tt.want)
		}
	}
}
