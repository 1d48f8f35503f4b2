package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"pledge/internal/seeds"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// run runs pledge with args and returns what it printed and its error.
func run(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return runWithInput(t, "", args...)
}

// runWithInput runs pledge with args and input on its standard input.
func runWithInput(t *testing.T, input string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = Run(context.Background(), args, IO{strings.NewReader(input), &out, &errOut})
	return out.String(), errOut.String(), err
}

func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "Commands:"},
		{[]string{"--help"}, "Commands:"},
		{[]string{"help"}, "Commands:"},
		{[]string{"extract", "--help"}, "Examples:"},
		{[]string{"extract", "-h"}, "Examples:"},
		{[]string{"help", "extract"}, "Usage: pledge extract"},
		{[]string{"demo", "--help"}, "Usage: pledge demo"},
	}
	for _, tt := range tests {
		out, _, err := run(t, tt.args...)
		if err != nil || !strings.Contains(out, tt.want) {
			t.Errorf("pledge %v: error %v, output lacks %q:\n%s", tt.args, err, tt.want, out)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"bogus"}, {"extract"}, {"extract", "--jsn", "a.txt"}, {"demo", "extra"}} {
		_, _, err := run(t, args...)
		var u usageError
		if !errors.As(err, &u) || strings.Contains(err.Error(), "\n") {
			t.Errorf("pledge %v: error %v, want a one-line usage error", args, err)
		}
	}
}

// statement is a small statement written for these tests.
func statement(date, commitment string) string {
	return "中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：\n" +
		"双方认为，两国关系处于历史最好水平。\n" + commitment + "\n" + date + "\n"
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// testFolder writes a folder of files in several encodings, one of them a
// copy of another's statement, and two that are not statements at all.
func testFolder(t *testing.T) string {
	dir := t.TempDir()
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(statement("二〇二一年三月一日于北京", "双方将扩大人文交流。"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "a_gb18030.txt", []byte(gb))
	u := []byte{0xFF, 0xFE}
	for _, c := range utf16.Encode([]rune(statement("二〇二二年四月二日", "双方愿深化能源合作。\n双方商定：\n——加强口岸建设。"))) {
		u = append(u, byte(c), byte(c>>8))
	}
	writeFile(t, dir, "b_utf16.txt", u)
	writeFile(t, dir, "c_copy.txt", []byte("转载：\n"+statement("二〇二一年三月一日于北京", "双方将扩大人文交流。")))
	writeFile(t, dir, "d_image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	writeFile(t, dir, "e_empty.txt", nil)
	return dir
}

func TestExtractText(t *testing.T) {
	dir := testFolder(t)
	out, errOut, err := run(t, "extract", dir)
	if err == nil || err.Error() != "3 files read, 2 failed" {
		t.Errorf("error = %v, want 3 files read, 2 failed", err)
	}
	wantErr := []string{
		"pledge: extract " + filepath.Join(dir, "d_image.png") + ": not a text file (binary data): NUL bytes, the first at byte 8",
		"pledge: extract " + filepath.Join(dir, "e_empty.txt") + ": file is empty",
	}
	if got := strings.Split(strings.TrimSpace(errOut), "\n"); !reflect.DeepEqual(got, wantErr) {
		t.Errorf("stderr:\n%s\nwant one line per unreadable file:\n%s", errOut, strings.Join(wantErr, "\n"))
	}
	for _, want := range []string{
		"a_gb18030.txt: 1 statement\n  1. 2021-03-01  联合声明（2021-03-01）  1 commitment  [中国, 俄罗斯]\n",
		"     1. 双方将扩大人文交流。\n",
		"b_utf16.txt: 1 statement\n  1. 2022-04-02  联合声明（2022-04-02）  2 commitments  [中国, 俄罗斯]\n",
		"     2. 加强口岸建设。\n",
		"c_copy.txt: 1 statement\n  1. 2021-03-01  联合声明（2021-03-01）  1 commitment  [中国, 俄罗斯]  (duplicate of " + filepath.Join(dir, "a_gb18030.txt") + " statement 1)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "双方将扩大人文交流") != 1 {
		t.Errorf("the duplicate's commitments are printed again:\n%s", out)
	}
}

func TestExtractJSON(t *testing.T) {
	dir := testFolder(t)
	// The flag may follow the files.
	out, _, _ := run(t, "extract", filepath.Join(dir, "a_gb18030.txt"), filepath.Join(dir, "b_utf16.txt"), filepath.Join(dir, "c_copy.txt"), "--json")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 lines, one per commitment of the two distinct statements:\n%s", out)
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range first {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if want := []string{"date", "file", "ordinal", "parties", "section", "statement", "text", "year"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("keys = %v, want %v", keys, want)
	}
	if first["date"] != "2021-03-01" || first["year"] != 2021.0 || first["ordinal"] != 1.0 || first["text"] != "双方将扩大人文交流。" {
		t.Errorf("first line = %v", first)
	}
}

func TestExtractMissingFile(t *testing.T) {
	out, errOut, err := run(t, "extract", "/no/such/file.txt")
	if err == nil || out != "" || errOut != "pledge: extract /no/such/file.txt: no such file or directory\n" {
		t.Errorf("stdout %q, stderr %q, error %v", out, errOut, err)
	}
}

func TestDemo(t *testing.T) {
	out, errOut, err := run(t, "demo")
	if err != nil || errOut != "" {
		t.Fatalf("demo: %v\n%s", err, errOut)
	}
	for _, want := range []string{"stored  2019-09-12", "already stored  2021-05-20", "Commitments per domain and year, new/recurring:",
		"New policy areas in 2023", "人工智能", "New commitments in 2023",
		"Commitments per domain and partner of 甲国:", "stored  2022-06-15  甲国和丙国", "New policy areas per partner", "甲国 to 丙国, 乙国"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
}

// TestExtractSeeds runs pledge extract --json on the seed files, in two
// orders, and counts the distinct statements.
func TestExtractSeeds(t *testing.T) {
	names := seeds.Paths(t)
	for _, order := range [][]string{names, reversed(names)} {
		out, _, err := run(t, append([]string{"extract", "--json"}, order...)...)
		if err != nil {
			t.Fatal(err)
		}
		statements := map[string]bool{}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var c jsonCommitment
			if err := json.Unmarshal([]byte(l), &c); err != nil {
				t.Fatal(err)
			}
			statements[c.Date+" "+c.Statement] = true
		}
		if len(statements) != 4 {
			t.Errorf("files %v: %d distinct statements, want 4: %v", order, len(statements), statements)
		}
	}
}

func reversed(s []string) []string {
	r := append([]string{}, s...)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return r
}
