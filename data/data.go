// Package data holds the files built into the pledge binary, so that it runs
// anywhere without a data folder beside it.
package data

import "embed"

// Demo holds invented sample statements, written for pledge's demo: a web
// page, a hard-wrapped newspaper page saved as GB18030, and a news feed with
// half-width punctuation that reprints the newspaper's statement. They are
// not real documents.
//
//go:embed demo/*.txt
var Demo embed.FS
