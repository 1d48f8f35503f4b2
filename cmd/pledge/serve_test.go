package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
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
	stderr *syncBuffer
}

// syncBuffer is a buffer that a program writes to while a test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs pledge serve on a free port with args, and waits until
// it says where it listens. It is killed when the test ends.
func startServe(t *testing.T, args ...string) *server {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
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
	return &server{cmd: cmd, base: strings.Fields(line[i:])[0], stderr: stderr}
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
	waitFor(t, "a note on stderr of the commitments not yet linked", func() bool { return strings.Contains(srv.stderr.String(), "not yet linked") })
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

// TestServeLimits checks the limits pledge serve sets, and that each one
// holds, with the limits made short: a request whose body trickles in and
// a connection left idle are closed, and connections past the limit wait
// until one closes.
func TestServeLimits(t *testing.T) {
	l := defaultServeLimits()
	for _, tt := range []struct {
		name    string
		d, most time.Duration
	}{
		{"header", l.readHeader, 15 * time.Second},
		{"request", l.read, 40 * time.Second},
		{"answer", l.write, 5 * time.Minute},
		{"idle", l.idle, 40 * time.Second},
	} {
		if tt.d <= 0 || tt.d > tt.most {
			t.Errorf("%s timeout %v, want one of at most %v", tt.name, tt.d, tt.most)
		}
	}
	if l.conns <= 0 || l.conns > 1000 {
		t.Errorf("at most %d connections at once, want a limit", l.conns)
	}

	serve := func(l serveLimits) string {
		t.Helper()
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		hs := httpServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			fmt.Fprint(w, "ok")
		}), l)
		go hs.Serve(limitListener(ln, l.conns))
		t.Cleanup(func() { hs.Close() })
		return ln.Addr().String()
	}
	// closedWithin reports whether the server closes c within d.
	closedWithin := func(c net.Conn, d time.Duration) bool {
		c.SetReadDeadline(time.Now().Add(d))
		_, err := io.Copy(io.Discard, c)
		// A close or a reset is the server's doing; only a timeout is ours
		// (a reset comes when the server closes with our bytes unread).
		var ne net.Error
		return !errors.As(err, &ne) || !ne.Timeout()
	}
	short := serveLimits{readHeader: 200 * time.Millisecond, read: 300 * time.Millisecond, write: time.Second, idle: 300 * time.Millisecond, conns: 2}
	addr := serve(short)

	slow, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	fmt.Fprint(slow, "PATCH /api/commitments/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
	go func() {
		for range 40 {
			time.Sleep(50 * time.Millisecond)
			if _, err := slow.Write([]byte(" ")); err != nil {
				return
			}
		}
	}()
	if !closedWithin(slow, 3*time.Second) {
		t.Error("a request whose body trickles in is not cut off")
	}

	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	fmt.Fprint(idle, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	if !closedWithin(idle, 3*time.Second) {
		t.Error("an idle keep-alive connection is not closed")
	}

	long := short
	long.readHeader, long.read, long.idle = 10*time.Second, 10*time.Second, 10*time.Second
	addr = serve(long)
	var held []net.Conn
	for range long.conns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		held = append(held, c)
	}
	next, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close()
	fmt.Fprint(next, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	next.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	if n, _ := next.Read(make([]byte, 1)); n > 0 {
		t.Errorf("a connection past the limit of %d was served", long.conns)
	}
	held[0].Close()
	next.SetReadDeadline(time.Now().Add(3 * time.Second))
	if b, _ := io.ReadAll(next); !bytes.Contains(b, []byte("200 OK")) {
		t.Errorf("the connection that waited is not served once one closes: %q", b)
	}
}

// TestServeStopsWithSlowClient sends Ctrl-C to pledge serve while a client
// is still sending its request: it stops within a second, and cleanly.
func TestServeStopsWithSlowClient(t *testing.T) {
	srv := startServe(t, "--db", smallDB(t))
	addr := strings.TrimSuffix(strings.TrimPrefix(srv.base, "http://"), "/")
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "PATCH /api/commitments/1 HTTP/1.1\r\nHost: %s\r\nContent-Length: 100\r\n\r\n{", addr)
	// The server has read the header once the request is in progress.
	waitFor(t, "the server to answer", func() bool {
		_, body := srv.get(t, "/api/tally")
		return strings.Contains(body, "domains")
	})
	start := time.Now()
	if err := srv.stop(t, 3*time.Second); err != nil {
		t.Errorf("serve after Ctrl-C with a client still sending: %v\n%s", err, srv.stderr.String())
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("serve took %v to stop, want about a second", d)
	}
}

// waitFor waits until ok, for at most ten seconds, for what it says.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("waited ten seconds for %s", what)
		}
	}
}
