//go:build !race

package testkit

// Race says whether the tests run under the race detector (go test
// -race), where the fitting of models on every labelled set takes ten
// times as long: those tests run without it.
const Race = false
