package main

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"pledge/internal/needs"
)

// The tests in this file run pledge as users do, as a program of its own,
// to interrupt, kill and race it.

var binDir string

func TestMain(m *testing.M) {
	code := needs.Main(m, needs.Seeds(), needs.Pdftotext())
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// pledgeBinary builds pledge once for the package's tests.
var pledgeBinary = sync.OnceValues(func() (string, error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return "", err
	}
	if binDir, err = os.MkdirTemp("", "pledge-bin-"); err != nil {
		return "", err
	}
	bin := filepath.Join(binDir, "pledge")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the built program; skipped with -short")
	}
	bin, err := pledgeBinary()
	if err != nil {
		t.Skipf("cannot build pledge: %v", err)
	}
	return bin
}

// statementFiles writes n statements, each with commitmentsPer
// commitments, a file each, dated a year apart from 1990; the statements
// were written for these tests.
func statementFiles(t *testing.T, dir string, n int) []string {
	t.Helper()
	topics := []string{"扩大双边贸易规模", "加强能源合作", "扩大本币结算", "加强口岸建设", "扩大互派留学生",
		"加强执法安全合作", "推动人工智能对话", "加强北极航道合作", "深化环保合作", "加强联合国协调"}
	var paths []string
	for i := range n {
		var b strings.Builder
		b.WriteString("甲国和乙国（以下称“双方”），声明如下：\n")
		for k := range commitmentsPer {
			fmt.Fprintf(&b, "双方将%s，推动第%d号项目第%d期工作。\n", topics[(i+k)%len(topics)], i, k)
		}
		fmt.Fprintf(&b, "%d年%d月%d日\n", 1990+i, 1+i%12, 1+i%28)
		p := filepath.Join(dir, fmt.Sprintf("s%04d.txt", i))
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

const commitmentsPer = 8

// checkDatabase opens db read-only and checks that SQLite finds it whole
// and that every statement has all its commitments. It returns the number
// of statements.
func checkDatabase(t *testing.T, db string) int {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var ok string
	if err := conn.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q, %v", ok, err)
	}
	var statements, partial, distinct int
	if err := conn.QueryRow(`SELECT count(*), count(DISTINCT fingerprint) FROM statements`).Scan(&statements, &distinct); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow(`SELECT count(*) FROM statements s
		WHERE (SELECT count(*) FROM commitments WHERE statement_id = s.id) != ?`, commitmentsPer).Scan(&partial); err != nil {
		t.Fatal(err)
	}
	if partial > 0 {
		t.Errorf("%d of %d statements are stored in part", partial, statements)
	}
	if distinct != statements {
		t.Errorf("%d statements stored, %d distinct", statements, distinct)
	}
	return statements
}
