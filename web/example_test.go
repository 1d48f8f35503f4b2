package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"pledge/classify"
	"pledge/extract"
	"pledge/label"
	"pledge/track"
	"pledge/web"
)

// Example serves a database with one statement of invented states and
// corrects a commitment's domain through the JSON API, as a script would
// (a domain the database knows: one of its model's labels).
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "pledge")
	defer os.RemoveAll(dir)
	store, err := track.Open(ctx, filepath.Join(dir, "pledge.db"))
	if err != nil {
		panic(err)
	}
	defer store.Close()
	m, _ := classify.Train([]classify.Example{
		{Label: "finance", Tokens: []string{"本币", "结算"}},
		{Label: "energy", Tokens: []string{"油气", "管道"}},
	}, classify.Options{})
	model, _ := store.RegisterModel(ctx, track.ModelOf(m))
	st := extract.Statement{Title: "甲国和乙国联合声明", Parties: []string{"甲国", "乙国"},
		Date: extract.Date{Year: 2024, Month: 5, Day: 16}, Fingerprint: strings.Repeat("0", 32)}
	c := []label.Commitment{{Commitment: extract.Commitment{Ordinal: 1, Text: "双方将深化油气合作。"},
		Sentences: [][]string{{"深化", "油气", "合作"}}, Domain: "energy", Probability: 0.9}}
	store.AddStatement(ctx, st, track.Source{Path: "2024.txt"}, c, model)
	store.LinkPending(ctx)

	srv, err := web.New(store, web.Options{})
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	req, _ := http.NewRequest("PATCH", ts.URL+"/api/commitments/1", strings.NewReader(`{"domain": "finance"}`))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	fmt.Println(res.StatusCode, strings.Contains(string(body), `"domain":"finance","probability":1,"label_source":"person"`))
	// Output:
	// 200 true
}
