package track

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
)

// TestOpenNewAtOnce opens one new database from several stores at once,
// round after round, as four pledge ingest started together do: making
// the file, switching it to WAL and migrating it wait for each other as
// writes do, and none fails with "database is locked".
func TestOpenNewAtOnce(t *testing.T) {
	const rounds, stores = 200, 4
	ctx := context.Background()
	for round := range rounds {
		path := filepath.Join(t.TempDir(), "p.db")
		var wg sync.WaitGroup
		errs := make([]error, stores)
		start := make(chan struct{})
		for i := range stores {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				s, err := Open(ctx, path)
				if err != nil {
					errs[i] = err
					return
				}
				defer s.Close()
				errs[i] = s.SetAcrossParties(ctx, i%2 == 0)
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, store %d: %v", round+1, i+1, err)
			}
		}
	}
}
