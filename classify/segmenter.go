package classify

// Segmenter splits Chinese text into words. The model and its tests depend
// only on this, not on jieba (package segment), which needs cgo and 20 MB
// of dictionaries.
type Segmenter interface {
	// Cut returns the words of text in a new slice, which the caller owns.
	// It may be called from several goroutines at once.
	Cut(text string) []string
}
