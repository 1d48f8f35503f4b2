package track

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"pledge/extract"
	"pledge/label"
)

// TestStatementID finds a stored statement by its fingerprint.
func TestStatementID(t *testing.T) {
	ctx := context.Background()
	s, _ := reviewStore(t)
	sts, err := s.Statements(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		if id, n, ok, err := s.StatementID(ctx, st.Fingerprint); err != nil || !ok || id != st.ID || n != st.Commitments {
			t.Errorf("StatementID(%s) = %d, %d, %v, %v; want %d, %d", st.Fingerprint, id, n, ok, err, st.ID, st.Commitments)
		}
	}
	if id, _, ok, err := s.StatementID(ctx, fmt.Sprintf("%032d", 99)); err != nil || ok || id != 0 {
		t.Errorf("StatementID of no statement = %d, %v, %v; want 0, false, nil", id, ok, err)
	}
}

// TestFiles records the files statements were read from, with their sizes
// and hashes, and a copy of a file under another name: what ingest skips
// the next time.
func TestFiles(t *testing.T) {
	ctx := context.Background()
	s := testStore(t)
	model, err := s.RegisterModel(ctx, Model{Hash: "test", Variant: "multinomial", Labels: []string{"economy"}, TrainingSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	add := func(i int, source Source) int64 {
		t.Helper()
		st := extract.Statement{Title: fmt.Sprint("声明", i), Date: extract.Date{Year: 2020 + i, Month: 1, Day: 2}, Fingerprint: fmt.Sprintf("%032d", i)}
		cs := []label.Commitment{{Commitment: extract.Commitment{Ordinal: 1, Text: "双方将扩大贸易。"}, Sentences: [][]string{{"扩大", "贸易"}}, Domain: "economy", Probability: 1}}
		id, _, err := s.AddStatement(ctx, st, source, cs, model)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	a := add(1, Source{Path: "a.txt", Size: 10, Hash: "h1"})
	b := add(2, Source{Path: "b.txt", Size: 20, Hash: "h2"})
	add(3, Source{Path: "unhashed.txt"}) // a source recorded before sizes and hashes were
	if err := s.AddSource(ctx, []int64{a, b}, Source{Path: "both.txt", Size: 30, Hash: "h3"}); err != nil {
		t.Fatal(err)
	}
	// A copy of b.txt under another name holds b.txt's statement.
	if err := s.AddSource(ctx, []int64{b}, Source{Path: "copy of b.txt", Size: 20, Hash: "h2"}); err != nil {
		t.Fatal(err)
	}
	byPath, byHash, err := s.Files(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantPath := map[string]*File{
		"a.txt":         {10, "h1", []int64{a}},
		"b.txt":         {20, "h2", []int64{b}},
		"both.txt":      {30, "h3", []int64{a, b}},
		"copy of b.txt": {20, "h2", []int64{b}},
		"unhashed.txt":  {-1, "", []int64{3}}, // read again as edited
	}
	wantHash := map[string][]string{"h1": {"a.txt"}, "h2": {"b.txt", "copy of b.txt"}, "h3": {"both.txt"}}
	if !reflect.DeepEqual(byPath, wantPath) || !reflect.DeepEqual(byHash, wantHash) {
		t.Errorf("Files() = %v, %v; want %v, %v", byPath, byHash, wantPath, wantHash)
	}
	sts, err := s.Statements(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var sources [][]string
	for _, st := range sts {
		sources = append(sources, st.Sources)
	}
	if want := [][]string{{"a.txt", "both.txt"}, {"b.txt", "both.txt", "copy of b.txt"}, {"unhashed.txt"}}; !reflect.DeepEqual(sources, want) {
		t.Errorf("sources %q, want %q", sources, want)
	}
}
