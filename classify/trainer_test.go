package classify

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

// TestTrainerNoUsableWords trains on texts with no feature in them: the
// model would label everything by its prior, so training refuses.
func TestTrainerNoUsableWords(t *testing.T) {
	tr, err := NewTrainer(Options{})
	if err != nil {
		t.Fatal(err)
	}
	tr.Add("economy", nil)
	tr.Add("energy", []string{})
	if _, err := tr.Model(); err == nil || !strings.Contains(err.Error(), "no usable words") {
		t.Errorf("Model() = %v, want no usable words", err)
	}
}

// TestLoadRefusesMalformed changes a saved model the way no training
// would and gives it a matching hash: Load must still refuse it, since a
// hash anyone can compute proves nothing about the content.
func TestLoadRefusesMalformed(t *testing.T) {
	tests := []struct {
		name   string
		change func(m *Model)
	}{
		{"negative count", func(m *Model) { m.Counts[0]["Chinese"] = -3 }},
		{"empty word", func(m *Model) { m.Counts[0][""] = 1 }},
		{"empty label", func(m *Model) { m.Labels[0] = "" }},
		{"label with a line break", func(m *Model) { m.Labels[0] = "Ch\nina" }},
		{"a label twice", func(m *Model) { m.Labels[1] = m.Labels[0] }},
		{"one label", func(m *Model) { m.Labels, m.Docs, m.Counts = m.Labels[:1], m.Docs[:1], m.Counts[:1] }},
		{"counts missing", func(m *Model) { m.Counts = m.Counts[:1] }},
		{"negative examples", func(m *Model) { m.Docs[0] = -1 }},
		{"no examples", func(m *Model) { m.Docs[0], m.Docs[1] = 0, 0 }},
		{"zero smoothing", func(m *Model) { m.Alpha = 0 }},
		{"unknown variant", func(m *Model) { m.Variant = "bernoulli" }},
		{"negative temperature", func(m *Model) { m.Temperature = -1 }},
		{"length exponent above 1", func(m *Model) { m.Temperature, m.LengthExponent = 1, 2 }},
		{"length exponent without a temperature", func(m *Model) { m.LengthExponent = 0.5 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Train(textbook, Options{})
			if err != nil {
				t.Fatal(err)
			}
			tt.change(m)
			m.Hash = m.contentHash()
			var b bytes.Buffer
			if err := m.Save(&b); err != nil {
				t.Fatal(err)
			}
			if _, err := Load(&b); err == nil || !strings.Contains(err.Error(), "malformed") {
				t.Errorf("Load = %v, want a malformed model", err)
			}
		})
	}
	// NaN and infinity are no JSON numbers: the file is refused as it is
	// read.
	m, _ := Train(textbook, Options{})
	var b bytes.Buffer
	m.Save(&b)
	for _, alpha := range []string{"NaN", `"NaN"`, "1e999"} {
		bad := strings.Replace(b.String(), `"alpha": 1`, `"alpha": `+alpha, 1)
		if _, err := Load(strings.NewReader(bad)); err == nil {
			t.Errorf("a model with smoothing %s loads", alpha)
		}
	}
}

// TestTrainerStreams trains on half a million rows read as a stream: the
// memory held afterwards is that of the words, which are few, not of the
// rows, which the stream never holds at once. Calibrated, it also holds the
// counts of each fold, and a sample of at most calibrationSample rows.
func TestTrainerStreams(t *testing.T) {
	const rows = 500_000
	words := []string{"贸易", "能源", "投资", "文化", "安全", "卫生", "教育", "气候"}
	for _, opt := range []Options{{}, {Calibrate: true}} {
		t.Run(fmt.Sprintf("calibrate=%v", opt.Calibrate), func(t *testing.T) {
			r, w := io.Pipe()
			go func() {
				for i := range rows {
					fmt.Fprintf(w, "%s\t%s %s %s 第%d号\n", words[i%2], words[i%8], words[(i/8)%8], words[(i/64)%8], i%100)
				}
				w.Close()
			}()
			tr, err := NewTrainer(opt)
			if err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			n := 0
			err = EachLabelled(r, func(l Labelled) error {
				n++
				tr.Add(l.Label, strings.Fields(l.Text))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			m, err := tr.Model()
			if err != nil {
				t.Fatal(err)
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			// The rows are some 20 MB of text; the counts of a few dozen
			// words take kilobytes, and the sample of 10,000 rows a
			// megabyte or two.
			if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); n != rows || m.TrainingSize() != rows || grew > 4<<20 {
				t.Errorf("%d rows read, %d trained; the heap grew by %d bytes, want the rows not held", n, m.TrainingSize(), grew)
			}
			if opt.Calibrate && m.Temperature == 0 {
				t.Error("not calibrated")
			}
			runtime.KeepAlive(tr)
		})
	}
}
