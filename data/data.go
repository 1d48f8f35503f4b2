// Package data holds the files built into the pledge binary, so that it runs
// anywhere without a data folder beside it.
package data

import (
	"bytes"
	"compress/gzip"
	"embed"
	"errors"
	"io"
	"strings"
)

// Demo holds invented sample statements, written for pledge's demo: a web
// page, a hard-wrapped newspaper page saved as GB18030, and a news feed with
// half-width punctuation that reprints the newspaper's statement. They are
// not real documents.
//
//go:embed demo/*.txt
var Demo embed.FS

// Labelled is the default training set of the domain model:
// domain<TAB>text lines, # comments. Its bullets were written for pledge,
// in two parts (see its header and README.md).
//
//go:embed labelled.tsv
var Labelled []byte

// Model is pledge's default domain model, trained on Labelled with jieba
// and saved by classify.Model.Save. go generate ./data trains it afresh
// after Labelled, the stop words or the user dictionary change.
//
//go:generate go run ../internal/cmd/genmodel -o model.json
//go:embed model.json
var Model []byte

// UserDict lists terms of joint statements for the segmenter, one a line,
// written for pledge without the seed statements (see README.md).
//
//go:embed userdict.txt
var UserDict []byte

// StopWords lists words left out of the classifier's features, one a line.
//
//go:embed stopwords.txt
var StopWords []byte

// Generic lists words that name no policy area, one a line.
//
//go:embed generic.txt
var Generic []byte

// States is the table of state names: canonical name, abbreviation, other
// written names.
//
//go:embed states.tsv
var States []byte

// ExtractWords are the word lists of the extractor, in [sections]: the
// commitment markers, assessments, subjects, document kinds, news cues and
// the rest of GUIDE sections 1 and 2. See Sections.
//
//go:embed extract.txt
var ExtractWords []byte

// TraditionalChars is OpenCC's table of traditional characters and their
// simplified forms; see opencc/README.md for its origin and licence.
//
//go:embed opencc/TSCharacters.txt
var TraditionalChars []byte

// JiebaDict and HMMModel are jieba's dictionaries, gzip-compressed; see
// jieba/README.md for their origin and licence.
var (
	//go:embed jieba/jieba.dict.utf8.gz
	JiebaDict []byte
	//go:embed jieba/hmm_model.utf8.gz
	HMMModel []byte
)

// Sections reads a word list divided into [sections], one entry a line,
// and returns the entries of each section in file order. Lines before the
// first section, blank lines and # comments are left out.
func Sections(b []byte) map[string][]string {
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
func Lines(b []byte) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// Unzip returns the content of a gzip-compressed file built into pledge.
func Unzip(b []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(b))
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
