package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"pledge/track"
)

// TestEveryCommandHelp asks each command for its help.
func TestEveryCommandHelp(t *testing.T) {
	for _, c := range commands {
		out, _, err := run(t, c.name, "--help")
		if err != nil || !strings.Contains(out, "Usage: pledge "+c.name) {
			t.Errorf("pledge %s --help: %v\n%s", c.name, err, out)
		}
	}
}

// demoDB makes the demo database and returns its path and the id of a
// recurring commitment and of the one it recurs from.
func demoDB(t *testing.T) (db string, recurring, previous int64) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "demo.db")
	if _, errOut, err := run(t, "demo", "--db", db); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	s, err := track.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cs, err := s.Commitments(context.Background(), track.Filter{Status: "recurring"})
	if err != nil || len(cs) == 0 {
		t.Fatalf("no recurring commitment in the demo: %v", err)
	}
	return db, cs[0].ID, cs[0].Previous
}

// TestLinkCommand marks a recurring commitment new, links it back by hand,
// and gives the decision back to the linker; the export says who decided.
func TestLinkCommand(t *testing.T) {
	db, id, previous := demoDB(t)
	sid, sprev := fmt.Sprint(id), fmt.Sprint(previous)
	out, _, err := run(t, "link", "--db", db, sid, "--new")
	if err != nil || !strings.Contains(out, "commitment "+sid+" is new (your judgement)") {
		t.Errorf("link --new: %v\n%s", err, out)
	}
	if out, _, _ := run(t, "show", "--db", db, sid); !strings.Contains(out, "status      new, thread since") || !strings.Contains(out, "(linked by person)") {
		t.Errorf("show after link --new:\n%s", out)
	}
	linkSource := func() string {
		out, _, err := run(t, "export", "--db", db, "--no-bom")
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs[1:] {
			if r[0] == sid {
				return r[9] + " " + r[len(r)-1]
			}
		}
		return ""
	}
	if got := linkSource(); got != "new person" {
		t.Errorf("export after link --new: %q, want new person", got)
	}
	if out, _, err := run(t, "link", "--db", db, sid, "--to", sprev); err != nil || !strings.Contains(out, "recurs from "+sprev) {
		t.Errorf("link --to: %v\n%s", err, out)
	}
	if got := linkSource(); got != "recurring person" {
		t.Errorf("export after link --to: %q, want recurring person", got)
	}
	if out, _, err := run(t, "link", "--db", db, sid, "--undo"); err != nil || !strings.Contains(out, "the linker's judgement") {
		t.Errorf("link --undo: %v\n%s", err, out)
	}
	if got := linkSource(); got != "recurring model" {
		t.Errorf("export after link --undo: %q, want recurring model", got)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{sprev, "--to", sid}, "is not earlier"},
		{[]string{"99999", "--new"}, "no such commitment"},
	} {
		if _, _, err := run(t, append([]string{"link", "--db", db}, tt.args...)...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("link %v: %v, want %q", tt.args, err, tt.want)
		}
	}
	for _, args := range [][]string{{sid}, {sid, "--new", "--undo"}, {"x", "--new"}, {sid, sprev, "--new"}} {
		var u usageError
		if _, _, err := run(t, append([]string{"link", "--db", db}, args...)...); !errors.As(err, &u) {
			t.Errorf("link %v: %v, want a usage error", args, err)
		}
	}
}

// TestLabelUndo gives a label and takes it back.
func TestLabelUndo(t *testing.T) {
	db, id, _ := demoDB(t)
	sid := fmt.Sprint(id)
	before, _, _ := run(t, "show", "--db", db, sid)
	if _, _, err := run(t, "label", "--db", db, sid, "security"); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, "label", "--db", db, "--undo", sid)
	if err != nil || !strings.Contains(out, "again, by the model") {
		t.Errorf("label --undo: %v\n%s", err, out)
	}
	if after, _, _ := run(t, "show", "--db", db, sid); after != before {
		t.Errorf("show after label and undo:\n%s\nbefore:\n%s", after, before)
	}
	var u usageError
	if _, _, err := run(t, "label", "--db", db, "--undo", sid, "security"); !errors.As(err, &u) {
		t.Errorf("label --undo with a domain: %v, want a usage error", err)
	}
}

// TestServe runs pledge serve as a program: it prints where it listens,
// answers pages and corrections, shows what an ingest adds meanwhile, and
// stops cleanly at Ctrl-C. Read-only, it refuses changes.
func TestServe(t *testing.T) {
	bin := binary(t)
	db, id, _ := demoDB(t)
	start := func(args ...string) (*exec.Cmd, string) {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, args...)...)
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(stdout).ReadString('\n')
		go io.Copy(io.Discard, stdout)
		i := strings.Index(line, "http://")
		if err != nil || i < 0 {
			cmd.Process.Kill()
			t.Fatalf("serve printed %q (%v)", line, err)
		}
		return cmd, strings.Fields(line[i:])[0]
	}
	get := func(url string) (int, string) {
		t.Helper()
		res, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	patch := func(url, body string) int {
		t.Helper()
		req, _ := http.NewRequest("PATCH", url, strings.NewReader(body))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}

	cmd, base := start()
	if status, body := get(base); status != 200 || !strings.Contains(body, "4 statements") {
		t.Errorf("GET /: %d\n%.500s", status, body)
	}
	if status := patch(fmt.Sprintf("%sapi/commitments/%d", base, id), `{"domain": "security"}`); status != 200 {
		t.Errorf("PATCH: %d", status)
	}
	f := writeFile(t, t.TempDir(), "2024.txt", []byte(statement("二〇二四年三月一日", "双方将扩大本币结算规模。")))
	if out, err := exec.Command(bin, "ingest", "--db", db, f).CombinedOutput(); err != nil {
		t.Errorf("ingest while serving: %v\n%s", err, out)
	}
	if _, body := get(base); !strings.Contains(body, "5 statements") {
		t.Error("the overview does not show the statement ingested meanwhile")
	}
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after Ctrl-C: %v, want a clean stop", err)
		}
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		t.Error("serve did not stop at Ctrl-C")
	}

	cmd, base = start("--read-only")
	defer cmd.Process.Kill()
	if status := patch(fmt.Sprintf("%sapi/commitments/%d", base, id), `{"domain": "energy"}`); status != 403 {
		t.Errorf("PATCH, read-only: %d, want 403", status)
	}
	s, err := track.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if c, _ := s.Commitment(context.Background(), id); c.Domain != "security" || c.LabelSource != "person" {
		t.Errorf("after the corrections: %s by %s, want security by a person", c.Domain, c.LabelSource)
	}

	if _, _, err := run(t, "serve", "--db", filepath.Join(t.TempDir(), "none.db")); err == nil || !strings.Contains(err.Error(), "pledge ingest makes one") {
		t.Errorf("serve of no database: %v", err)
	}
}

// TestIngestWithDatabaseModel labels what ingest adds with the model the
// database was labelled with last, not silently with the built-in one.
func TestIngestWithDatabaseModel(t *testing.T) {
	db, _, _ := demoDB(t)
	model := filepath.Join(t.TempDir(), "m.json")
	if _, _, err := run(t, "train", "--data", filepath.Join("..", "..", "data", "labelled.tsv"), "--alpha", "0.5", "-o", model); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, "reclassify", "--db", db, "--model", model); err != nil {
		t.Fatal(err)
	}
	f := writeFile(t, t.TempDir(), "2024.txt", []byte(statement("二〇二四年三月一日", "双方将扩大本币结算规模。")))
	_, errOut, err := run(t, "ingest", "--db", db, f)
	if err != nil || !strings.Contains(errOut, "labelling with the model the database was last labelled with") {
		t.Errorf("ingest after reclassify: %v\n%s", err, errOut)
	}
	s, err := track.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, currentID, err := s.CurrentModel(context.Background())
	if err != nil || currentID == 0 {
		t.Fatalf("current model: %d, %v", currentID, err)
	}
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n, other int
	conn.QueryRow(`SELECT count(*), count(*) FILTER (WHERE model_id != ?) FROM commitments c JOIN statements s ON s.id = c.statement_id
		WHERE s.year = 2024`, currentID).Scan(&n, &other)
	if n == 0 || other != 0 {
		t.Errorf("%d of the %d commitments ingested are labelled by another model than the database's", other, n)
	}
}
