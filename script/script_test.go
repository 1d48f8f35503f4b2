package script

import "testing"

func TestSimplify(t *testing.T) {
	for in, want := range map[string]string{
		"雙方將加強兩國關係。": "双方将加强两国关系。",
		"双方将加强两国关系。": "双方将加强两国关系。",
		"於2024年簽署":   "于2024年签署",
		"":           "",
	} {
		got := Simplify(in)
		if got != want || len(got) != len(in) {
			t.Errorf("Simplify(%q) = %q, want %q of the same length", in, got, want)
		}
	}
}
