package track

import (
	"context"
	"reflect"
	"testing"

	"pledge/classify"
)

// TestDomains offers the domains in use and every label of the models
// that labelled commitments.
func TestDomains(t *testing.T) {
	ctx := context.Background()
	s, ids := reviewStore(t)
	domains := func() map[string]bool {
		t.Helper()
		d, err := s.Domains(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if got, want := domains(), map[string]bool{"energy": true, "finance": true}; !reflect.DeepEqual(got, want) {
		t.Errorf("the small model's: %v, want %v", got, want)
	}
	if err := s.Label(ctx, ids["2019深化油气管道合作"], "my own"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RegisterModel(ctx, Model{Hash: "other", Variant: "multinomial", Labels: []string{"culture", "finance"}, TrainingSize: 2}); err != nil {
		t.Fatal(err)
	}
	if got, want := domains(), map[string]bool{"energy": true, "finance": true, "my own": true, "culture": true}; !reflect.DeepEqual(got, want) {
		t.Errorf("with a person's label and another model's: %v, want %v", got, want)
	}
}

// TestPersonLabels gives a person's labels as training rows, in the order
// of the commitments' ids, and only while they are a person's.
func TestPersonLabels(t *testing.T) {
	ctx := context.Background()
	s, ids := reviewStore(t)
	if rows, err := s.PersonLabels(ctx); err != nil || len(rows) != 0 {
		t.Fatalf("before any label: %v, %v", rows, err)
	}
	pipes, grid, share := ids["2019深化油气管道合作"], ids["2024加强电网互联"], ids["2021扩大本币结算份额"]
	for id, d := range map[int64]string{grid: "technology", pipes: "security", share: "economy"} {
		if err := s.Label(ctx, id, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Unlabel(ctx, share); err != nil {
		t.Fatal(err)
	}
	rows, err := s.PersonLabels(ctx)
	want := []classify.Labelled{{Label: "security", Text: "2019深化油气管道合作"}, {Label: "technology", Text: "2024加强电网互联"}}
	if pipes > grid {
		want[0], want[1] = want[1], want[0]
	}
	if err != nil || !reflect.DeepEqual(rows, want) {
		t.Errorf("PersonLabels() = %+v, %v; want %+v", rows, err, want)
	}
}
