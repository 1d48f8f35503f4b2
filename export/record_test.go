package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"pledge/track"
)

// TestRecordJSON writes a commitment as pledge export --format json does:
// the columns' names as keys, in order, unknown numbers null and no
// parties [].
func TestRecordJSON(t *testing.T) {
	tests := []struct {
		name string
		c    track.Commitment
		want string
	}{
		{
			"recurring",
			track.Commitment{ID: 125, StatementID: 4, Statement: "甲国和乙国联合声明", Fingerprint: "f", Date: "2024-05-16", Year: 2024,
				Parties: []string{"甲国", "乙国"}, Ordinal: 3, Section: "三", Text: "提升本币份额。", Domain: "finance", Probability: 0.98765,
				LabelSource: "model", Status: "recurring", LinkSource: "person", FirstYear: 2019, Previous: 15, Similarity: 0.29},
			`{"id":125,"statement":"甲国和乙国联合声明","date":"2024-05-16","year":2024,"ordinal":3,"section":"三","domain":"finance",` +
				`"probability":0.98765,"label_source":"model","status":"recurring","first_year":2019,"previous_id":15,"text":"提升本币份额。",` +
				`"parties":["甲国","乙国"],"link_source":"person"}`,
		},
		{
			"new, undated, without parties",
			track.Commitment{ID: 7, Statement: "声明", Ordinal: 1, Text: "扩大贸易。", Domain: "economy", Probability: 1,
				LabelSource: "person", Status: "new", LinkSource: "model", Previous: 3, Similarity: 0.1},
			`{"id":7,"statement":"声明","date":"","year":null,"ordinal":1,"section":"","domain":"economy","probability":1,` +
				`"label_source":"person","status":"new","first_year":null,"previous_id":null,"text":"扩大贸易。","parties":[],"link_source":"model"}`,
		},
	}
	for _, tt := range tests {
		b, err := json.Marshal(RecordOf(tt.c))
		if err != nil || string(b) != tt.want {
			t.Errorf("%s:\n%s (%v)\nwant\n%s", tt.name, b, err, tt.want)
		}
	}
}

// TestRecordValues checks that a Record writes every kind of value as
// encoding/json does, names and strings that need escaping too, and that
// HTML is escaped only by an encoder told to.
func TestRecordValues(t *testing.T) {
	n := int64(-42)
	values := []any{
		"", "plain", "中文，标点。", "<b>&</b>", `a "quoted" word`, `back\slash`, "line\nbreak\ttab\r", "\x00\x1f\x7f",
		"bad \xff byte", "\u2028line\u2029paragraph", "\ufffd", "emoji 🙂",
		int64(0), int64(1 << 62), &n, (*int64)(nil), 0.1, 1e-7, 1e21, 123456789.0, 0.00003547618102357414,
		[]string{}, []string{"中国", `"q"`}, nil, true, map[string]int{"b": 1, "a": 2},
	}
	names := []string{"id", "with space", `with"quote`, "中文"}
	// want is what encoding/json writes, told not to escape HTML.
	want := func(v any) string {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		return strings.TrimSuffix(b.String(), "\n")
	}
	for _, name := range names {
		for _, v := range values {
			r := Record{{"first", int64(1)}, {name, v}}
			got, err := r.MarshalJSON()
			if w := `{"first":1,` + want(name) + ":" + want(v) + "}"; err != nil || string(got) != w {
				t.Errorf("%q: %#v: %s (%v), want %s", name, v, got, err, w)
			}
		}
	}
	escaped, err := json.Marshal(Record{{"html", "<b>&</b>"}})
	if want := `{"html":"\u003cb\u003e\u0026\u003c/b\u003e"}`; err != nil || string(escaped) != want {
		t.Errorf("json.Marshal: %s (%v), want %s", escaped, err, want)
	}
}
