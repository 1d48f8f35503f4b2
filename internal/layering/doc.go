// Package layering holds no code: its test checks that cgo's jieba stays
// at the edge, imported by package segment and the command alone, so that
// the extractor, the model, the store and everything that reads it build
// and test without it.
package layering
