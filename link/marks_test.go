package link

import (
	"reflect"
	"testing"
)

// TestMarks reads ordinals and anniversaries in digits and in Chinese
// numerals, and leaves targets, years and articles alone.
func TestMarks(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"双方将召开工作组第二次会议。", []string{"#第2次"}},
		{"联委会第25次会议于2019年在北京举行。", []string{"#第25次"}},
		{"庆祝两国建交七十五周年和第十五届博览会。", []string{"#第15届", "#75周年"}},
		{"庆祝建交７０周年。", []string{"#70周年"}},
		{"中方将为对方培训1000名技术人员。", nil},
		{"根据条约第二十五条予以延期。", nil},
	} {
		if got := Marks(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Marks(%s) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestMarksDiffer: two members of one series differ; a shared member, or
// marks of other units, do not.
func TestMarksDiffer(t *testing.T) {
	for _, tc := range []struct {
		a, b []string
		want bool
	}{
		{[]string{"#第2次"}, []string{"#第1次"}, true},
		{[]string{"#75周年"}, []string{"#70周年"}, true},
		{[]string{"#第2次", "#70周年"}, []string{"#第2次"}, false},
		{[]string{"#第2次"}, []string{"#70周年"}, false},
		{[]string{"#第2颗"}, nil, false},
	} {
		if got := marksDiffer(tc.a, tc.b); got != tc.want {
			t.Errorf("marksDiffer(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestWithMarks puts the marks after the last sentence, in place of those
// it held, so stored words are brought up to date as Sentences makes them.
func TestWithMarks(t *testing.T) {
	got := WithMarks("召开第二次会议。举行活动。", [][]string{{"召开", "会议"}, {"举行", "活动", "#第1次"}})
	want := [][]string{{"召开", "会议"}, {"举行", "活动", "#第2次"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("WithMarks = %q, want %q", got, want)
	}
}
