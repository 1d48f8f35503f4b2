package extract

import (
	"fmt"
	"strings"
	"testing"
)

// manyStatements is one file holding n statements of fictional states, as
// a collection of statements copied from a news site into one page is.
func manyStatements(n int) []byte {
	syllables := []rune("阿贝卡德埃弗加赫伊科拉马纳奥帕拉萨塔乌瓦")
	name := func(i int) string {
		return string([]rune{syllables[i%len(syllables)], syllables[(i/len(syllables))%len(syllables)], '尼'}) + "国"
	}
	var b strings.Builder
	for i := range n {
		a, c := name(2*i), name(2*i+1)
		year, month := 1990+i%30, 1+i%12
		fmt.Fprintf(&b, "%s和%s关于深化全面合作的联合声明\n", a, c)
		fmt.Fprintf(&b, "应%s总统邀请，%s总统于%d年%d月3日至5日对%s进行国事访问。\n", a, c, year, month, a)
		fmt.Fprintf(&b, "%s和%s（以下称“双方”），声明如下：\n", a, c)
		for j, what := range []string{"扩大两国贸易规模", "加强能源领域合作", "深化人文交流", "推进基础设施互联互通", "加强在联合国等多边机制中的协调"} {
			fmt.Fprintf(&b, "%d. 双方将%s，第%d项。\n", j+1, what, i)
		}
		fmt.Fprintf(&b, "%d年%d月5日于%s首都\n\n", year, month, a)
	}
	return []byte(b.String())
}

// TestManyStatementsInOneFile reads a file of a thousand statements: each
// is found, with its five undertakings.
func TestManyStatementsInOneFile(t *testing.T) {
	sts, err := readBytes(manyStatements(1000))
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 1000 {
		t.Fatalf("%d statements, want 1000", len(sts))
	}
	for i, st := range sts {
		if len(st.Commitments) != 5 || st.Date.IsZero() {
			t.Fatalf("statement %d (%s): %d commitments, date %v; want 5 and a date", i, st.Title, len(st.Commitments), st.Date)
		}
	}
}

// BenchmarkStatementsInOneFile extracts files of 25 to 1,000 statements:
// the time per statement must stay about the same as the file grows
// (compare ns/op divided by the size).
func BenchmarkStatementsInOneFile(b *testing.B) {
	for _, n := range []int{25, 100, 400, 1000} {
		data := manyStatements(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := readBytes(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
