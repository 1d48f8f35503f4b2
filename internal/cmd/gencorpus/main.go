// Command gencorpus writes a corpus of invented joint statements for load
// tests and benchmarks (see package gencorpus):
//
//	go run ./internal/cmd/gencorpus -n 5000 -o /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"

	"pledge/internal/gencorpus"
)

func main() {
	n := flag.Int("n", 1000, "how many statements")
	from := flag.Int("from", 0, "the number of the first statement (to add to a corpus)")
	seed := flag.Int64("seed", 1, "the corpus: the same seed gives the same statements")
	out := flag.String("o", "corpus", "the folder to write them to, a file each")
	first := flag.Int("first", 1995, "the first year the statements are dated in")
	last := flag.Int("last", 2025, "the last year (-first 2026 -last 2026: statements later than a corpus's)")
	flag.Parse()
	paths, err := gencorpus.Years{First: *first, Last: *last}.Write(*out, *seed, *from, *from+*n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Printf("%d statements written to %s\n", len(paths), *out)
}
