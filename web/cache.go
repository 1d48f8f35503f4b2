package web

import (
	"context"
	"sync"

	"pledge/track"
)

// cache keeps what pages compute from the whole database (the overview's
// figures, the counts of lists) for the database's track.State it was
// computed at: the first request after a change computes a figure, the
// requests at once with it wait for that one, and those after read it.
type cache struct {
	mu      sync.Mutex
	state   track.State
	entries map[string]*entry
}

// entry is one figure, computed once.
type entry struct {
	done chan struct{} // closed when val and err are set
	val  any
	err  error
}

// cached returns the figure named key at the database's state now,
// computing it with compute if no request has yet. A figure that failed
// is computed again by the next request.
func cached[T any](ctx context.Context, s *Server, key string, compute func(context.Context) (T, error)) (T, error) {
	var zero T
	st, err := s.store.State(ctx)
	if err != nil {
		return zero, err
	}
	c := &s.cache
	c.mu.Lock()
	if c.entries == nil || c.state != st {
		c.state, c.entries = st, map[string]*entry{}
	}
	e := c.entries[key]
	if e == nil {
		e = &entry{done: make(chan struct{})}
		c.entries[key] = e
		c.mu.Unlock()
		// Computed apart from the request that asked first: the others
		// wait for it, and it must not stop when that one goes away.
		e.val, e.err = compute(context.WithoutCancel(ctx))
		close(e.done)
		if e.err != nil {
			c.mu.Lock()
			if c.entries[key] == e {
				delete(c.entries, key)
			}
			c.mu.Unlock()
		}
	} else {
		c.mu.Unlock()
	}
	select {
	case <-e.done:
	case <-ctx.Done():
		return zero, ctx.Err()
	}
	if e.err != nil {
		return zero, e.err
	}
	return e.val.(T), nil
}
