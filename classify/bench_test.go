package classify

import (
	"testing"
	"time"

	"pledge/data"
)

// The benchmarks run on the texts of the built-in labelled data, which
// read like commitments and are there on every machine.

func benchSetup(b *testing.B) ([]string, *Classifier) {
	b.Helper()
	rows, err := ReadLabelled([]byte(data.Labelled()))
	if err != nil {
		b.Fatal(err)
	}
	texts := make([]string, len(rows))
	for i, r := range rows {
		texts[i] = r.Text
	}
	c, err := Default(testJieba(b))
	if err != nil {
		b.Fatal(err)
	}
	return texts, c
}

func reportRate(b *testing.B, n int) {
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "commitments/s")
}

// BenchmarkSegment is jieba alone.
func BenchmarkSegment(b *testing.B) {
	texts, c := benchSetup(b)
	seg := c.Tokenizer.seg
	b.ResetTimer()
	for range b.N {
		for _, t := range texts {
			seg.Cut(t)
		}
	}
	reportRate(b, len(texts))
}

// BenchmarkSegmentAndClassify is what labelling a commitment costs: jieba,
// the tokenizer and the model.
func BenchmarkSegmentAndClassify(b *testing.B) {
	texts, c := benchSetup(b)
	b.ResetTimer()
	for range b.N {
		for _, t := range texts {
			c.Classify(t)
		}
	}
	reportRate(b, len(texts))
}

// BenchmarkClassifyOverSegment times both on the same texts in each
// iteration and reports their ratio: how much classifying adds to jieba's
// own cost (1.0 would be nothing).
func BenchmarkClassifyOverSegment(b *testing.B) {
	texts, c := benchSetup(b)
	seg := c.Tokenizer.seg
	var segTime, allTime time.Duration
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		for _, t := range texts {
			seg.Cut(t)
		}
		t1 := time.Now()
		for _, t := range texts {
			c.Classify(t)
		}
		segTime += t1.Sub(t0)
		allTime += time.Since(t1)
	}
	b.ReportMetric(float64(allTime)/float64(segTime), "ratio")
}
