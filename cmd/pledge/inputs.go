package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"pledge/extract"
	"pledge/ingest"
)

// input is one file to read: a path on disk, or a file built into pledge.
type input struct {
	name string
	read func() ([]byte, error)
	date extract.Date // given with --date, or zero
	// err is why the input cannot be read, when that is known before
	// reading it (a path that does not exist), which read returns.
	err error
	// limit bounds the weight of its text (see ingest.Weight); 0 for none.
	limit int64
}

// hint is the date hint for the input's statements (see ingest.Hint).
func (in input) hint() extract.DateHint { return ingest.Hint(in.name, in.date) }

func failedInput(path string, err error) input {
	return input{name: path, read: func() ([]byte, error) { return nil, err }, err: err}
}

// errNoFiles is a folder given that holds no file to read.
var errNoFiles = errors.New("the folder holds no file to read")

// withoutEmptyFolders takes the folders that hold no file to read out of
// inputs, reporting each on its own line: they are no file that failed.
// It returns the other inputs and how many folders it took out.
func withoutEmptyFolders(command string, inputs []input, stderr io.Writer) ([]input, int) {
	var out []input
	empty := 0
	for _, in := range inputs {
		if errors.Is(in.err, errNoFiles) {
			fmt.Fprintf(stderr, "pledge: %s %s: %v\n", command, shown(in.name), in.err)
			empty++
			continue
		}
		out = append(out, in)
	}
	return out, empty
}

// readable reports whether any input may be read: not all of them are
// known to fail before they are read.
func readable(inputs []input) bool {
	for _, in := range inputs {
		if in.err == nil {
			return true
		}
	}
	return false
}

func diskInput(path string, limit int64) input {
	return input{name: path, read: func() ([]byte, error) { return readLimited(path, limit) }, limit: limit}
}

// shown is a file name as a message prints it: as it is, or, when it
// holds a line break, another control character or bytes that are not
// UTF-8, quoted as Go quotes a string ("a\nb.txt"), so that a message
// stays one line. Files are stored under their names as they are.
func shown(name string) string {
	// A file under the current folder is named from it, as it was most
	// likely given: pledge knows files by their absolute paths.
	if wd, err := os.Getwd(); err == nil && filepath.IsAbs(name) {
		if rel, err := filepath.Rel(wd, name); err == nil && !strings.HasPrefix(rel, "..") {
			name = rel
		}
	}
	if utf8.ValidString(name) && strings.IndexFunc(name, unicode.IsControl) < 0 {
		return name
	}
	return strconv.Quote(name)
}

// errNotRegular is a path that is neither a file nor a folder: reading a
// pipe would wait for a writer forever, and a device never ends.
var errNotRegular = errors.New("not a regular file (a pipe, a device or a socket): pledge reads files and folders")

// expand turns a command-line path into the files to read: the file itself,
// or the files under a folder that accept takes (every file when accept is
// nil), in name order. Symbolic links are followed, each file and folder
// read once; a link that loops back is reported. skip is told of each
// entry of a folder left out, and why: hidden ones and those accept
// refused, which are plainly not statements (a README, an image, a
// database), and those already read through another link and those that
// are no files, which are worth a word. A path that cannot be listed
// becomes an input that fails when read, so it is reported with the
// others.
func expand(path string, limit int64, accept func(name string) bool, skip func(s skipped)) []input {
	path = filepath.Clean(path)
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return []input{failedInput(path, err)}
	case info.Mode().IsRegular():
		return []input{diskInput(path, limit)}
	case !info.IsDir():
		return []input{failedInput(path, errNotRegular)}
	}
	w := walker{limit: limit, accept: accept, skip: skip, seen: map[string]string{}}
	w.walk(path)
	if len(w.out) == 0 {
		w.out = append(w.out, failedInput(path, errNoFiles))
	}
	return w.out
}

// walker lists the files under a folder.
type walker struct {
	limit  int64
	accept func(name string) bool
	skip   func(s skipped)
	// seen maps the real path of each file and folder read to the path it
	// was read by.
	seen map[string]string
	out  []input
}

func (w *walker) walk(dir string) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		w.out = append(w.out, failedInput(dir, err))
		return
	}
	if first, ok := w.seen[real]; ok {
		w.out = append(w.out, failedInput(dir, fmt.Errorf("a link back to %s, read already: the folders loop", shown(first))))
		return
	}
	w.seen[real] = dir
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.out = append(w.out, failedInput(dir, err))
		return
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if strings.HasPrefix(e.Name(), ".") {
			w.skipped(skipped{p, "hidden", true})
			continue
		}
		info, err := os.Stat(p) // follows links
		switch {
		case err != nil && e.Type()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist):
			w.skipped(skipped{p, "a link to nothing", false})
		case err != nil:
			w.out = append(w.out, failedInput(p, err))
		case info.IsDir():
			w.walk(p)
		case !info.Mode().IsRegular():
			w.skipped(skipped{p, "not a regular file (a pipe, a device or a socket)", false})
		case w.accept != nil && !w.accept(e.Name()):
			w.skipped(skipped{p, "not a .txt, .html, .pdf or .docx file", true})
		default:
			real, err := filepath.EvalSymlinks(p)
			if err != nil {
				w.out = append(w.out, failedInput(p, err))
				continue
			}
			if first, ok := w.seen[real]; ok {
				w.skipped(skipped{p, "the same file as " + shown(first) + ", read already", false})
				continue
			}
			w.seen[real] = p
			w.out = append(w.out, diskInput(p, w.limit))
		}
	}
}

func (w *walker) skipped(s skipped) {
	if w.skip != nil {
		w.skip(s)
	}
}

// skipped is an entry of a folder left out, and why. Plain is true when it
// is plainly not a statement: a hidden file, or one whose name ends in
// neither .txt, .html, .pdf nor .docx.
type skipped struct {
	path, why string
	plain     bool
}

// skipper reports each file a folder's listing leaves out on its own line.
func skipper(stderr io.Writer) func(s skipped) {
	return func(s skipped) { fmt.Fprintf(stderr, "pledge: skipped %s: %s\n", shown(s.path), s.why) }
}

// quietSkipper reports on its own line each file a folder's listing leaves
// out that is worth a word, and the files plainly not statements only when
// verbose; it counts those in others, for the line at the end of the run:
// a README or a picture in the folder is no news on every run.
func quietSkipper(stderr io.Writer, verbose bool, others *int) func(s skipped) {
	loud := skipper(stderr)
	return func(s skipped) {
		if s.plain {
			*others++
			if !verbose {
				return
			}
		}
		loud(s)
	}
}

// defaultMaxSize bounds the files pledge reads, and the weight of their
// text (see ingest.Weight): reading takes up to about twelve times the
// weight in memory, and a statement is rarely over 1 MB, so a larger file
// is more likely a mistake than a statement.
const defaultMaxSize = 32 << 20

const maxSizeUsage = `  --max-size MB  refuse files larger than this (default 32), or whose text
                 weighs more: its size and 40 bytes for each line, list
                 item and sentence; reading takes up to twelve times that
`

// maxSizeFlag registers --max-size on fl, in megabytes.
func maxSizeFlag(fl *flag.FlagSet) *int64 {
	return fl.Int64("max-size", defaultMaxSize>>20, "refuse files larger than this many megabytes")
}

// sizeLimit is --max-size in bytes, or a usage error for a size that is
// no size.
func sizeLimit(command string, mb int64) (int64, error) {
	if mb < 1 || mb > 1<<20 {
		return 0, usageError{fmt.Sprintf("%s: --max-size %d: want a number of megabytes from 1 to %d", command, mb, 1<<20)}
	}
	return mb << 20, nil
}

// readLimited reads a regular file of at most limit bytes. A larger one is
// refused before it is read, with the size and how to raise the limit; a
// pipe or a device is refused before it is opened, which could wait
// forever.
func readLimited(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errNotRegular
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	tooLarge := func(size int64) error {
		return fmt.Errorf("file is %d MB, larger than the %d MB limit (--max-size %d reads it)",
			(size+1<<20-1)>>20, limit>>20, (size+1<<20-1)>>20)
	}
	if info.Size() > limit {
		return nil, tooLarge(info.Size())
	}
	// The file may grow while it is read: read no more than the limit.
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(b)) > limit {
		return nil, tooLarge(int64(len(b)))
	}
	return b, err
}

const dateUsage = `  --date YYYY-MM-DD
                 the date of the one file given, for a statement whose
                 text gives no year (a dateline such as 新华社北京3月5日电);
                 without it, a file whose name starts with a date
                 (2019-03-05_talks.txt, 20190305.txt) is dated by its name
`

// dateFlag registers --date on fl.
func dateFlag(fl *flag.FlagSet) *string {
	return fl.String("date", "", "the date of the one file given, for a statement whose text gives no year")
}

// givenDate checks --date: a real date in YYYY-MM-DD form, for one file.
func givenDate(command, value string, inputs []input) (extract.Date, error) {
	if value == "" {
		return extract.Date{}, nil
	}
	d, ok := extract.ParseISODate(value)
	if !ok {
		return d, usageError{fmt.Sprintf("%s: --date %q: want a date such as 2023-03-05 (YYYY-MM-DD), from %d to next year", command, value, extract.MinYear)}
	}
	if len(inputs) != 1 {
		return d, usageError{fmt.Sprintf("%s: --date dates one file, and %d are given: run pledge %s FILE --date %s for each", command, len(inputs), command, value)}
	}
	return d, nil
}
