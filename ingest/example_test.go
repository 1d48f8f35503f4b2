package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"pledge/classify"
	"pledge/data"
	"pledge/ingest"
	"pledge/segment"
	"pledge/track"
)

// Two statements two years apart: the second repeats one commitment of
// the first and adds one.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "pledge-example")
	defer os.RemoveAll(dir)

	store, err := track.Open(ctx, filepath.Join(dir, "pledge.db"))
	if err != nil {
		panic(err)
	}
	defer store.Close()
	seg, err := segment.NewJieba(data.Lines(data.UserDict()))
	if err != nil {
		panic(err)
	}
	defer seg.Close()
	c, err := classify.Default(seg)
	if err != nil {
		panic(err)
	}
	in, err := ingest.New(ctx, store, c)
	if err != nil {
		panic(err)
	}
	for name, text := range map[string]string{
		"2019.txt": "甲国和乙国（以下称“双方”），声明如下：\n双方将扩大本币在双边贸易结算中的使用。\n二〇一九年九月十二日\n",
		"2021.txt": "甲国和乙国（以下称“双方”），声明如下：\n双方将扩大本币结算规模。\n双方将在人工智能领域开展对话。\n二〇二一年五月二十日\n",
	} {
		if _, err := in.File(ctx, name, []byte(text)); err != nil {
			panic(err)
		}
	}
	cs, err := store.Commitments(ctx, track.Filter{Year: 2021})
	if err != nil {
		panic(err)
	}
	for _, c := range cs {
		fmt.Println(c.Domain, c.Status, c.FirstYear, c.Text)
	}
	t, err := store.Tally(ctx)
	if err != nil {
		panic(err)
	}
	for _, r := range t.Rows {
		fmt.Println(r.Year, r.Statements, r.Total().Total())
	}
	// Output:
	// finance recurring 2019 双方将扩大本币结算规模。
	// technology new 2021 双方将在人工智能领域开展对话。
	// 2019 1 1
	// 2021 1 2
}
