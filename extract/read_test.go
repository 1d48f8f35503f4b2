package extract

import "pledge/decode"

// readBytes reads a file's bytes as pledge does: decoded, then parsed.
func readBytes(data []byte) ([]Statement, error) { return readFile("", data) }

// readFile reads a file's bytes as pledge does: decoded, then parsed with
// the date its name may start with.
func readFile(name string, data []byte) ([]Statement, error) {
	t, err := decode.Bytes(data)
	if err != nil {
		return nil, err
	}
	return ParseDated(t.Text, NameDate(name)), nil
}

// Document and ReadFile are readBytes and readFile, for the tests outside
// the package.
var (
	Document = readBytes
	ReadFile = readFile
)
