// Package classify labels commitments with their policy domain: a naive
// Bayes model over words that jieba cuts from the text.
//
// The path through it: a Segmenter cuts text into words (NewJieba in
// pledge; anything with a Cut method in tests); a Tokenizer keeps the words
// that carry meaning; Train counts them per label into a Model, and with
// Options.Calibrate fits by cross-validation how much to trust its scores,
// which Predict turns into probabilities (see Model.Temperature). A
// Classifier ties a Tokenizer to a Model, and Default is the one pledge
// ships, trained on the labelled commitments in data/labelled.tsv.
// ReadLabelled and ReadHeldOut read such files, and CrossValidate and
// Evaluate say how good a model is: its accuracy, macro-F1 and expected
// calibration error, with a reliability table.
//
// Only Jieba needs cgo; the rest is plain Go.
package classify
