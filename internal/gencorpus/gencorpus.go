// Package gencorpus writes invented joint statements for benchmarks and
// load tests: any number of distinct statements between China and the
// partners of data/states.tsv, over three decades, in the layouts the
// extractor reads (an opening with sections and a —— list, a visit
// paragraph, a communiqué of numbered paragraphs), where some commitments
// recur from a partner's earlier statements, reworded, and the rest are
// new. The texts are made from word lists written for it; they are not
// real statements.
package gencorpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"pledge/data"
)

// partner is a state a statement is made with.
type partner struct {
	name, full, abbr string
}

// partners reads the states of data/states.tsv other than China.
func partners() []partner {
	var out []partner
	for _, line := range data.Lines(data.States()) {
		fs := strings.Split(line, "\t")
		if len(fs) < 2 || fs[0] == "中国" {
			continue
		}
		p := partner{name: fs[0], full: fs[0], abbr: fs[1]}
		if len(fs) > 2 {
			if n, _, _ := strings.Cut(fs[2], ","); n != "" {
				p.full = n
			}
		}
		out = append(out, p)
	}
	return out
}

// The word lists the commitments are made of.
var (
	markers = []string{"将", "愿", "同意", "决定", "计划", "致力于", "商定"}
	verbs   = []string{"加强", "深化", "扩大", "推动", "开展", "完善", "拓展", "促进"}
	tails   = []string{"，推动两国关系不断向前发展", "，造福两国人民", "，提升合作水平", "，为地区繁荣作出贡献", "", ""}
	topics  = [][]string{
		{"高层交往", "政党交流", "议会交往", "治国理政经验交流", "外交部门磋商", "地方政府交往", "领事合作", "涉及彼此核心利益问题上的相互支持"},
		{"执法安全合作", "反恐合作", "打击跨国有组织犯罪", "禁毒合作", "网络安全合作", "防务交流", "边境管理合作", "应急管理合作"},
		{"双边贸易", "相互投资", "电子商务合作", "农产品贸易", "海关合作", "产业园区建设", "知识产权保护", "服务贸易"},
		{"油气合作", "可再生能源合作", "电力合作", "和平利用核能合作", "氢能技术交流", "煤炭清洁利用", "能源基础设施建设", "液化天然气贸易"},
		{"本币结算", "金融监管合作", "银行间合作", "保险市场合作", "支付系统互联互通", "资本市场合作", "反洗钱合作", "投资基金合作"},
		{"科技创新合作", "人工智能交流", "数字经济合作", "卫星导航合作", "信息通信技术合作", "航天合作", "联合实验室建设", "开源技术交流"},
		{"铁路建设合作", "航空运输合作", "港口合作", "跨境物流", "口岸基础设施建设", "国际道路运输", "航运合作", "交通走廊建设"},
		{"应对气候变化合作", "生态保护合作", "生物多样性保护", "海洋环境保护", "跨界水资源合作", "污染防治合作", "荒漠化防治", "绿色发展合作"},
		{"教育合作", "留学生交流", "文化交流", "旅游合作", "体育交流", "青年交流", "卫生合作", "媒体合作"},
		{"在联合国的协调配合", "在二十国集团框架内的合作", "在金砖国家机制内的协作", "在世界贸易组织改革问题上的沟通", "在上海合作组织框架内的合作", "在亚太经合组织的协调", "全球治理改革", "多边主义"},
	}
	assessments = []string{
		"双方认为，两国关系发展符合两国人民的根本利益。",
		"双方满意地看到，两国各领域合作取得积极进展。",
		"双方高度评价两国建交以来双边关系取得的成就。",
		"双方呼吁国际社会加强团结，共同应对全球性挑战。",
		"双方强调，维护地区和平稳定符合各国共同利益。",
	}
	cities = []string{"北京", "上海", "西安", "成都", "广州", "杭州", "昆明", "乌鲁木齐"}
)

// standing are the commitments a partner makes again and again: drawn once
// per partner, and reworded when they recur.
type standing struct {
	domain, topic int
}

// Statement returns the text of the i-th statement of a corpus made with
// seed: its layout, partner, date and commitments follow from (seed, i)
// alone, so a corpus can be written in parts. Its year is one of
// Years.
func Statement(seed int64, i int) string { return Years{1995, 2025}.Statement(seed, i) }

// Years are the years a corpus's statements are dated in, first to last:
// Years{2026, 2026} are statements later than every one of a corpus of
// Statement's, as a folder grows with the news.
type Years struct{ First, Last int }

// Statement is Statement, dated in y.
func (y Years) Statement(seed int64, i int) string {
	ps := partners()
	r := rand.New(rand.NewPCG(uint64(seed), uint64(i)))
	// A few partners make many statements, most make few.
	p := ps[min(len(ps)-1, int(r.ExpFloat64()*20))]
	year := y.First + r.IntN(y.Last-y.First+1)
	month, day := 1+r.IntN(12), 1+r.IntN(28)
	pr := rand.New(rand.NewPCG(uint64(seed), uint64(len(p.name))*7919+uint64(p.abbr[0])))
	var pool []standing
	for range 12 {
		pool = append(pool, standing{pr.IntN(len(topics)), pr.IntN(8)})
	}
	subjects := []string{"双方", "两国", "中方", p.abbr + "方"}
	commitment := func(s standing) string {
		return subjects[r.IntN(len(subjects))] + markers[r.IntN(len(markers))] +
			verbs[r.IntN(len(verbs))] + topics[s.domain][s.topic] + tails[r.IntN(len(tails))] + "。"
	}
	var sentences []string
	n := 16 + r.IntN(24)
	for k := range n {
		var s standing
		if r.IntN(3) == 0 {
			s = pool[r.IntN(len(pool))] // a commitment that recurs
		} else {
			s = standing{r.IntN(len(topics)), r.IntN(8)}
		}
		sentences = append(sentences, commitment(s))
		if k%5 == 4 {
			sentences = append(sentences, assessments[r.IntN(len(assessments))])
		}
	}
	// One commitment no other statement has keeps the statements distinct.
	sentences = append(sentences, fmt.Sprintf("双方商定于%d年在%s举行第%d次%s合作论坛。", year+1, cities[r.IntN(len(cities))], i+1, topics[r.IntN(len(topics))][r.IntN(8)]))
	title := fmt.Sprintf("中华人民共和国和%s关于深化%s的联合声明", p.full, topics[r.IntN(len(topics))][r.IntN(8)])
	date := fmt.Sprintf("%d年%d月%d日于北京", year, month, day)
	var b strings.Builder
	switch r.IntN(3) {
	case 0: // an opening, sections, a —— list
		fmt.Fprintf(&b, "%s\n\n中华人民共和国和%s（以下称“双方”），声明如下：\n\n", title, p.full)
		third := len(sentences) / 3
		for k, s := range sentences {
			switch k {
			case 0:
				b.WriteString("一\n\n")
			case third:
				b.WriteString("二\n\n双方商定：\n\n")
			case 2 * third:
				b.WriteString("三\n\n")
			}
			if k >= third && k < 2*third && !strings.HasPrefix(s, "双方认为") {
				s = "——" + s
			}
			b.WriteString(s + "\n\n")
		}
	case 1: // the visit paragraph and running text
		fmt.Fprintf(&b, "%s\n\n应中华人民共和国主席邀请，%s总统于%d年%d月%d日对中国进行国事访问。两国元首举行会谈。\n\n", title, p.full, year, month, day)
		for _, s := range sentences {
			b.WriteString(s + "\n\n")
		}
	default: // a communiqué of numbered paragraphs
		title = fmt.Sprintf("中华人民共和国和%s联合公报", p.full)
		fmt.Fprintf(&b, "%s\n\n一、应%s总理邀请，中华人民共和国国务院总理于%d年%d月%d日对%s进行正式访问。\n\n", title, p.full, year, month, day, p.name)
		for k := 0; k < len(sentences); k += 2 {
			para := strings.Join(sentences[k:min(k+2, len(sentences))], "")
			fmt.Fprintf(&b, "%s、%s\n\n", numeral(k/2+2), para)
		}
	}
	b.WriteString(date + "\n")
	return b.String()
}

// numeral writes 1 to 99 in Chinese numerals.
func numeral(n int) string {
	const d = "〇一二三四五六七八九"
	digit := func(k int) string { return string([]rune(d)[k]) }
	switch {
	case n < 10:
		return digit(n)
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digit(n-10)
	case n%10 == 0:
		return digit(n/10) + "十"
	}
	return digit(n/10) + "十" + digit(n%10)
}

// Write writes statements from..to-1 of the corpus made with seed to dir,
// a file each, and returns their paths.
func Write(dir string, seed int64, from, to int) ([]string, error) {
	return Years{1995, 2025}.Write(dir, seed, from, to)
}

// Write is Write, the statements dated in y.
func (y Years) Write(dir string, seed int64, from, to int) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var out []string
	for i := from; i < to; i++ {
		p := filepath.Join(dir, fmt.Sprintf("%06d.txt", i))
		if err := os.WriteFile(p, []byte(y.Statement(seed, i)), 0o644); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
