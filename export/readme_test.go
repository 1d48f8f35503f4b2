package export

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEColumns checks that the README's table of the commitments'
// columns (in section "### The CSV and the workbook", the table after
// "The columns of the commitments") names exactly the columns of Columns,
// in their order.
func TestREADMEColumns(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n### The CSV and the workbook\n")
	if !ok {
		t.Fatal(`README.md has no section "### The CSV and the workbook"`)
	}
	section, _, _ = strings.Cut(section, "\n#")
	if _, section, ok = strings.Cut(section, "The columns of the commitments"); !ok {
		t.Fatal(`README.md's section "### The CSV and the workbook" has no "The columns of the commitments"`)
	}
	// The table's rows after its header and the line under it; the first
	// cell of each names one or more columns, in backquotes.
	name := regexp.MustCompile("`([^`]+)`")
	var listed []string
	rows := 0
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "|") {
			if rows > 0 {
				break
			}
			continue
		}
		if rows++; rows <= 2 {
			continue
		}
		first := strings.Split(line, "|")[1]
		for _, m := range name.FindAllStringSubmatch(first, -1) {
			listed = append(listed, m[1])
		}
	}
	var want []string
	for _, c := range Columns() {
		want = append(want, c.Name)
	}
	if !reflect.DeepEqual(listed, want) {
		t.Errorf("the README's table of the CSV lists the columns\n%q\nwant those of Columns:\n%q", listed, want)
	}
}
