package track

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	"pledge/extract"
)

// TestLinkFromTails links statements dated after all of their group's from
// the tails of their words: it reads only the commitments those name, and
// the database holds what one that read every statement at once does;
// after a statement is removed, the tails are made again from the group.
func TestLinkFromTails(t *testing.T) {
	ctx := context.Background()
	var docs []doc
	for k := range 12 {
		docs = append(docs, doc{fmt.Sprintf("甲乙联合声明%d", k), extract.Date{Year: 2001 + k, Month: 3, Day: 1}, pair, []string{
			fmt.Sprintf("扩大 本币 结算 规模 项目%d", k), fmt.Sprintf("深化 油气 管道 合作 园区%d", k), fmt.Sprintf("推进 核电 项目 工程%d", k)}})
	}
	// The last repeats one of the fourth's commitments and adds one whose
	// words no commitment holds.
	docs = append(docs, doc{"甲乙联合公报", extract.Date{Year: 2020, Month: 1, Day: 1}, pair, []string{"继续 深化 油气 管道 合作 园区3", "开展 极地 科考"}})
	// Stored as extract stores them: fingerprints of one length.
	store := func(f *folder, path string, docs ...doc) Linked {
		t.Helper()
		for _, d := range docs {
			st := d.statement()
			sum := sha256.Sum256([]byte(st.Fingerprint))
			st.Fingerprint = hex.EncodeToString(sum[:])
			if _, err := f.s.StoreStatement(ctx, st, Source{Path: path, Size: 1, Hash: path}, f.labelled(st), f.model); err != nil {
				t.Fatal(err)
			}
		}
		d, err := f.s.LinkPending(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	whole := newFolder(t)
	store(whole, "all.txt", docs...)
	f := newFolder(t)
	for k, d := range docs[:len(docs)-1] {
		store(f, fmt.Sprintf("%d.txt", k), d)
	}
	d := store(f, "last.txt", docs[len(docs)-1])
	if d.Commitments != 38 || d.Read >= 20 {
		t.Errorf("the last statement linked reading %d of %d commitments; want fewer than 20", d.Read, d.Commitments)
	}
	if got, want := f.snapshot(), whole.snapshot(); got != want {
		t.Errorf("linked from the tails:\n%s\nfrom all at once:\n%s", got, want)
	}
	var n int
	if err := f.s.db.QueryRow(`SELECT n FROM link_tail_groups`).Scan(&n); err != nil || n != 38 {
		t.Errorf("the tails hold %d commitments (%v), want 38", n, err)
	}
	// A statement removed: no tails, until the group is read whole again.
	if _, err := f.s.db.Exec(`DELETE FROM statements WHERE title = ?`, docs[5].title); err != nil {
		t.Fatal(err)
	}
	if err := f.s.db.QueryRow(`SELECT count(*) FROM link_tail_groups`).Scan(&n); err != nil || n != 0 {
		t.Errorf("after a statement was removed, %d groups' tails (%v), want none", n, err)
	}
}
