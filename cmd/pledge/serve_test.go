package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"pledge/extract"
	"pledge/label"
	"pledge/track"
)

// server is pledge serve running as a program.
type server struct {
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:PORT/
	stderr *bytes.Buffer
}

// startServe runs pledge serve on a free port with args, and waits until
// it says where it listens. It is killed when the test ends.
func startServe(t *testing.T, args ...string) *server {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	go io.Copy(io.Discard, stdout)
	i := strings.Index(line, "http://")
	if err != nil || i < 0 {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("serve printed %q (%v)\n%s", line, err, stderr.String())
	}
	return &server{cmd: cmd, base: strings.Fields(line[i:])[0], stderr: &stderr}
}

// stop sends Ctrl-C and waits for the program to end, at most within
// limit.
func (s *server) stop(t *testing.T, limit time.Duration) error {
	t.Helper()
	s.cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		s.cmd.Process.Kill()
		<-done
		return fmt.Errorf("still running %v after Ctrl-C", limit)
	}
}

// get fetches a page or an API answer of the server.
func (s *server) get(t *testing.T, path string) (int, string) {
	t.Helper()
	res, err := http.Get(s.base + strings.TrimPrefix(path, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// unlinkedDB is a database as a run killed between storing and linking
// leaves it: two statements stored, nothing linked.
func unlinkedDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "p.db")
	s, err := track.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	model, _ := s.RegisterModel(ctx, track.Model{Hash: "m", Variant: "multinomial", Labels: []string{"economy"}, TrainingSize: 1})
	for i, year := range []int{2019, 2021} {
		st := extract.Statement{Title: fmt.Sprint("声明", i), Parties: []string{"甲国", "乙国"},
			Date: extract.Date{Year: year, Month: 1, Day: 2}, Fingerprint: strings.Repeat(fmt.Sprint(i), 32)}
		cs := []label.Commitment{{Commitment: extract.Commitment{Ordinal: 1, Text: "双方将扩大本币结算。"},
			Sentences: [][]string{{"扩大", "本币", "结算"}}, Domain: "economy", Probability: 0.9}}
		if _, _, err := s.AddStatement(ctx, st, track.Source{Path: fmt.Sprint(i)}, cs, model); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// dbState is what a database holds: the SHA-256 of its file, and of its
// write-ahead log when that is there and holds something. SQLite leaves an
// empty log beside a database that a read-only connection read.
func dbState(t *testing.T, db string) string {
	t.Helper()
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	state := fmt.Sprintf("%x", sha256.Sum256(b))
	if wal, err := os.ReadFile(db + "-wal"); err == nil && len(wal) > 0 {
		state += fmt.Sprintf(" wal %x", sha256.Sum256(wal))
	}
	return state
}

// TestServeReadOnlyChangesNothing serves a database with commitments a
// stopped run did not link, read-only: they show as not yet linked, with a
// note, and the database is not changed by a byte. A database of an older
// pledge is refused, with how to bring it up to date, and left as it was.
func TestServeReadOnlyChangesNothing(t *testing.T) {
	db := unlinkedDB(t)
	before := dbState(t, db)
	srv := startServe(t, "--db", db, "--read-only")
	if !strings.Contains(srv.stderr.String(), "not yet linked") {
		t.Errorf("no note on stderr of the commitments not linked:\n%s", srv.stderr.String())
	}
	for _, path := range []string{"/", "/commitments", "/commitments/2", "/review?by=link"} {
		status, body := srv.get(t, path)
		if status != 200 || !strings.Contains(body, "not yet linked") || !strings.Contains(body, "pledge relink --db") {
			t.Errorf("GET %s: %d, the page does not say what is not yet linked:\n%.1500s", path, status, body)
		}
	}
	_, body := srv.get(t, "/api/commitments")
	var list struct {
		Items []struct {
			Status string `json:"status"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil || len(list.Items) != 2 || list.Items[1].Status != "unlinked" {
		t.Errorf("GET /api/commitments: %v\n%s", err, body)
	}
	if err := srv.stop(t, 5*time.Second); err != nil {
		t.Errorf("serve after Ctrl-C: %v\n%s", err, srv.stderr.String())
	}
	if after := dbState(t, db); after != before {
		t.Errorf("serve --read-only changed the database: %s, was %s", after, before)
	}

	old := olderDatabase(t, smallDB(t), 1)
	before = dbState(t, old)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, binary(t), "serve", "--db", old, "--addr", "127.0.0.1:0", "--read-only").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "older version") || !strings.Contains(string(out), "pledge relink --db "+old) {
		t.Errorf("serve --read-only of an older database: %v\n%s", err, out)
	}
	if after := dbState(t, old); after != before {
		t.Error("serve --read-only changed a database of an older pledge")
	}
}
