package report

import (
	"testing"

	"pledge/figures"
)

func TestShortTitle(t *testing.T) {
	tests := []struct{ title, want string }{
		{"中华人民共和国和俄罗斯联邦关于发展新时代全面战略协作伙伴关系的联合声明", "关于发展新时代全面战略协作伙伴关系的联合声明"},
		{"中华人民共和国和俄罗斯联邦关于加强当代全球战略稳定的联合声明", "关于加强当代全球战略稳定的联合声明"},
		{"中华人民共和国和俄罗斯联邦在两国建交75周年之际关于深化新时代全面战略协作伙伴关系的联合声明", "关于深化新时代全面战略协作伙伴关系的联合声明"},
		{"中华人民共和国和哈萨克斯坦共和国联合声明", "中华人民共和国和哈萨克斯坦共和国联合声明"},
		{"关于", "关于"},
		{"联合声明（2021-03-01）", "联合声明（2021-03-01）"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ShortTitle(tt.title); got != tt.want {
			t.Errorf("ShortTitle(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

// TestChartLabels draws the chart of a tally with a tall bar of many
// small segments and checks what the reader sees: the chart as wide as
// the page's column, a count inside every segment tall enough for one,
// white on the dark colours, and the names beside the last bar apart.
func TestChartLabels(t *testing.T) {
	var counts []figures.Count[int]
	for i, d := range []string{"politics", "security", "economy", "energy", "finance", "technology", "transport", "environment", "culture", "multilateral"} {
		counts = append(counts, figures.Count[int]{Row: 2019, Domain: d, N: 1 + i%3}, figures.Count[int]{Row: 2024, Domain: d, N: 1 + 5*(i%2)})
	}
	tally := figures.NewTally(counts, map[int]int{2019: 2, 2024: 1})
	for _, c := range []Chart{DomainChart(tally, DomainsOf(tally.Domains)), StatusChart(tally)} {
		if c.Width < chartWidth {
			t.Errorf("a chart %.0f wide, want %.0f or more", c.Width, chartWidth)
		}
		for _, b := range c.Bars {
			for _, s := range b.Segments {
				if s.Labelled != (s.Height >= countHeight) {
					t.Errorf("%s %s: %d commitments %.1f high, labelled %v", b.Label, s.Series, s.Count, s.Height, s.Labelled)
				}
			}
		}
		last := c.Bars[len(c.Bars)-1]
		if len(c.Names) != len(last.Segments) {
			t.Fatalf("%d names for the %d segments of the last bar", len(c.Names), len(last.Segments))
		}
		for i := 1; i < len(c.Names); i++ {
			if c.Names[i].TextY-c.Names[i-1].TextY < nameGap-1e-9 {
				t.Errorf("names %q and %q are %.1f apart, want %.0f", c.Names[i-1].Text, c.Names[i].Text, c.Names[i].TextY-c.Names[i-1].TextY, nameGap)
			}
		}
	}
	tests := []struct {
		color string
		dark  bool
	}{{"#4e79a7", true}, {"#edc948", false}, {"#ff9da7", false}, {"#e15759", true}, {"grey", false}}
	for _, tt := range tests {
		if got := dark(tt.color); got != tt.dark {
			t.Errorf("dark(%s) = %v, want %v", tt.color, got, tt.dark)
		}
	}
}
