package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"sync"
	"syscall"
	"time"

	"pledge/classify"
	"pledge/lexicon"
	"pledge/track"
	"pledge/web"
)

const serveUsage = `Usage: pledge serve [--db FILE] [--addr HOST:PORT] [--read-only]

Serves the database as web pages on your own machine, to review and
correct it in the browser: the tallies (every number links to the
commitments it counts), every commitment with filters, one commitment with
its thread, a review queue that puts the least certain labels and links
first and is driven by the keyboard, and retraining the model with your
labels. Corrections are saved at once, as yours, as pledge label and
pledge link save them. The same data is JSON under /api/ for scripts.
pledge ingest may add statements meanwhile: reload a page to see them.
Ctrl-C stops it, after the requests in progress.

Flags:
` + dbFlagUsage + `  --addr HOST:PORT
                 where to listen (default 127.0.0.1:8080, this machine
                 only; port 0 picks a free one)
  --read-only    refuse every change, and leave the database as it is: a
                 database of an older pledge is refused, and commitments a
                 stopped run did not link show as not yet linked

Examples:
  pledge serve
  pledge serve --db china.db --addr 127.0.0.1:9000 --read-only
`

func runServe(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	db := dbFlag(fl)
	addr := fl.String("addr", "127.0.0.1:8080", "where to listen")
	readOnly := fl.Bool("read-only", false, "refuse every change")
	rest, err := parseFlags(fl, serveUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if err := noArgs("serve", rest); err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return usageError{fmt.Sprintf("serve: --addr %q: want HOST:PORT, such as 127.0.0.1:8080", *addr)}
	}
	var store *track.Store
	if *readOnly {
		store, err = openUnchanged(ctx, "serve --read-only", *db, std.Stderr)
	} else if store, err = openToWrite(ctx, *db, std.Stderr); err == nil {
		// A correction links what it touches again, which reads jieba's
		// dictionary (a quarter of a second): read before serving, so that
		// the first correction does not wait for it.
		lexicon.Load()
		// What the pages read kept, if another pledge left it out of date.
		if err = store.Summarise(ctx); err != nil {
			store.Close()
			err = fmt.Errorf("database %s: %w", *db, err)
		}
	}
	if err != nil {
		return err
	}
	defer store.Close()
	ln, err := net.Listen("tcp", *addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("serve: %s is in use by another program (--addr 127.0.0.1:0 picks a free port)", *addr)
	}
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	bound := ln.Addr().String()
	srv, err := web.New(store, web.Options{Addr: bound, ReadOnly: *readOnly,
		Segmenter: func() (classify.Segmenter, error) { return segmenter() }})
	if err != nil {
		ln.Close()
		return err
	}
	if host, _, _ := net.SplitHostPort(bound); !net.ParseIP(host).IsLoopback() {
		fmt.Fprintf(std.Stderr, "pledge: serving on %s: anyone who can reach this machine can read%s the database\n",
			bound, map[bool]string{false: " and change", true: ""}[*readOnly])
	}
	fmt.Fprintf(std.Stdout, "pledge serve: %s on http://%s/ (%sCtrl-C stops)\n", *db, bound, map[bool]string{false: "", true: "read-only; "}[*readOnly])
	hs := httpServer(srv, defaultServeLimits())
	done := make(chan error, 1)
	go func() { done <- hs.Serve(limitListener(ln, defaultServeLimits().conns)) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Requests in progress finish; a signal gives the program stopGrace in
	// all, so they get most of it. A connection still open then (a client
	// that sends a request slowly) is closed: the database keeps every
	// correction whole or not at all.
	shutdown, cancel := context.WithTimeout(context.Background(), stopGrace*8/10)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		hs.Close()
		fmt.Fprintln(std.Stdout, "pledge serve: stopped, closing the connections still open")
		return nil
	}
	fmt.Fprintln(std.Stdout, "pledge serve: stopped")
	return nil
}

// serveLimits bound what a client of pledge serve may hold: how long it
// may take to send a request's header and all of it, to read the answer,
// and how long a connection may stay open between requests; and how many
// connections are open at once.
type serveLimits struct {
	readHeader, read, write, idle time.Duration
	conns                         int
}

// defaultServeLimits are pledge serve's. A request is small (a PATCH body
// is at most 64 KB) and the slowest answer, labelling a large database
// again with a retrained model, takes seconds; a browser keeps a few
// connections open.
func defaultServeLimits() serveLimits {
	return serveLimits{readHeader: 10 * time.Second, read: 30 * time.Second, write: 2 * time.Minute,
		idle: 30 * time.Second, conns: 64}
}

// httpServer serves h within the limits l.
func httpServer(h http.Handler, l serveLimits) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: l.readHeader, ReadTimeout: l.read,
		WriteTimeout: l.write, IdleTimeout: l.idle, MaxHeaderBytes: 64 << 10}
}

// limitListener accepts at most n connections open at once from ln: the
// next waits until one closes.
func limitListener(ln net.Listener, n int) net.Listener {
	return &limitedListener{Listener: ln, slots: make(chan struct{}, n), done: make(chan struct{})}
}

type limitedListener struct {
	net.Listener
	slots     chan struct{} // one for each open connection
	done      chan struct{} // closed by Close
	closeOnce sync.Once
}

func (l *limitedListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitedConn{Conn: c, release: sync.OnceFunc(func() { <-l.slots })}, nil
}

func (l *limitedListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// limitedConn gives its slot back when it is closed.
type limitedConn struct {
	net.Conn
	release func()
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.release()
	return err
}
