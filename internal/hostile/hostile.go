// Package hostile makes files for tests that a careful adversary would
// give pledge.
package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"strings"
	"testing"
)

// ZipBomb returns a Word document of under a megabyte whose text unpacks to
// 80 MB, its size in the archive given truly.
func ZipBomb(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	z.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	w, err := z.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	para := strings.Repeat("<w:p><w:r><w:t>双方将加强合作。</w:t></w:r></w:p>", 1000)
	for written := 0; written < 80<<20; written += len(para) {
		io.WriteString(w, para)
	}
	io.WriteString(w, `</w:body></w:document>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
