// Package data holds the files built into the pledge binary, so that it runs
// anywhere without a data folder beside it.
package data

import (
	"compress/gzip"
	"embed"
	"errors"
	"io"
	"io/fs"
	"strings"
)

// The files are embedded in unexported variables, which only this package
// could change, and given out by functions: a string cannot be changed, so
// no caller can change what another reads.

//go:embed demo/*.txt
var demo embed.FS

// Demo holds invented sample statements, written for pledge's demo, in
// demo/: a web page, a hard-wrapped newspaper page saved as GB18030, and a
// news feed with half-width punctuation that reprints the newspaper's
// statement. They are not real documents.
func Demo() fs.FS { return demo }

//go:embed labelled.tsv
var labelled string

// Labelled is the default training set of the domain model:
// domain<TAB>text lines, # comments. Its bullets were written for pledge,
// in two parts (see its header and README.md).
func Labelled() string { return labelled }

//go:generate go run ../internal/cmd/genmodel -o model.json
//go:embed model.json
var model string

// Model is pledge's default domain model, trained on Labelled with jieba
// and saved by classify.Model.Save. go generate ./data trains it afresh
// after Labelled, the stop words or the user dictionary change.
func Model() string { return model }

//go:embed userdict.txt
var userDict string

// UserDict lists terms of joint statements for the segmenter, one a line,
// written for pledge without the seed statements (see README.md).
func UserDict() string { return userDict }

//go:embed stopwords.txt
var stopWords string

// StopWords lists words left out of the classifier's features, one a line.
func StopWords() string { return stopWords }

//go:embed generic.txt
var generic string

// Generic lists words that name no policy area, one a line.
func Generic() string { return generic }

//go:embed states.tsv
var states string

// States is the table of state names: canonical name, abbreviation, other
// written names.
func States() string { return states }

//go:embed extract.txt
var extractWords string

// ExtractWords are the word lists of the extractor, in [sections]: the
// commitment markers, assessments, subjects, document kinds, news cues and
// the rest of GUIDE sections 1 and 2. See Sections.
func ExtractWords() string { return extractWords }

//go:embed link.txt
var linkWords string

// LinkWords are the word lists of the linker, in [sections]: words that
// tell nothing, stock verbs, the stages of an undertaking. See Sections.
func LinkWords() string { return linkWords }

//go:generate go run ../internal/cmd/genmodel -link linker.json -pairs ../testdata/pairs/dev,../testdata/pairs/dev2,../testdata/pairs/test,../testdata/pairs/test2,../testdata/pairs/test3,../testdata/pairs/test4,../testdata/pairs/test5,../testdata/pairs/test6,../testdata/pairs/test7,../testdata/pairs/test8,../testdata/pairs/test9,../testdata/pairs/test10,../testdata/pairs/test11,../testdata/pairs/test12 -seeds ../../shared/seeds -seedpairs ../testdata/pairs/seeds.tsv
//go:embed linker.json
var linker string

// Linker is pledge's default linker: the weights of the words of its
// reference corpus (Labelled) and a logistic model of whether two
// commitments hold the same action on the same object, fitted on the
// labelled pairs of testdata/pairs/dev and of the seed statements
// (testdata/pairs/seeds.tsv). go generate ./data fits it afresh; it
// needs the seeds beside the repository.
func Linker() string { return linker }

//go:embed opencc/TSCharacters.txt
var traditionalChars string

// TraditionalChars is OpenCC's table of traditional characters and their
// simplified forms; see opencc/README.md for its origin and licence.
func TraditionalChars() string { return traditionalChars }

var (
	//go:embed jieba/jieba.dict.utf8.gz
	jiebaDict string
	//go:embed jieba/hmm_model.utf8.gz
	hmmModel string
)

// JiebaDict is jieba's dictionary, gzip-compressed; see jieba/README.md
// for its origin and licence.
func JiebaDict() string { return jiebaDict }

// HMMModel is jieba's model of words its dictionary lacks, gzip-compressed;
// see jieba/README.md for its origin and licence.
func HMMModel() string { return hmmModel }

// Sections reads a word list divided into [sections], one entry a line,
// and returns the entries of each section in file order. Lines before the
// first section, blank lines and # comments are left out.
func Sections(b string) map[string][]string {
	out := map[string][]string{}
	section := ""
	for _, l := range Lines(b) {
		if strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]") {
			section = l[1 : len(l)-1]
			if _, ok := out[section]; !ok {
				out[section] = nil
			}
			continue
		}
		if section != "" {
			out[section] = append(out[section], l)
		}
	}
	return out
}

// Lines returns the lines of a word list, leaving out blank lines and
// # comments.
func Lines(b string) []string {
	var out []string
	for _, l := range strings.Split(b, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// Unzip returns the content of a gzip-compressed file built into pledge.
func Unzip(b string) ([]byte, error) {
	r, err := gzip.NewReader(strings.NewReader(b))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errors.New("empty")
	}
	return out, nil
}
