package extract

import "pledge/decode"

// readBytes reads a file's bytes as pledge does: decoded, then parsed.
func readBytes(data []byte) ([]Statement, error) {
	t, err := decode.Bytes(data)
	if err != nil {
		return nil, err
	}
	return Parse(t.Text), nil
}

// Document is readBytes, for the tests outside the package.
var Document = readBytes
