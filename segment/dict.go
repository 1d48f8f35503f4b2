package segment

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"pledge/data"
)

// jiebaPaths are the five dictionary files gojieba.NewJieba reads.
type jiebaPaths struct {
	dict, hmm, user, idf, stop string
}

func dictPaths(dir string) jiebaPaths {
	return jiebaPaths{
		dict: filepath.Join(dir, "jieba.dict.utf8"),
		hmm:  filepath.Join(dir, "hmm_model.utf8"),
		user: filepath.Join(dir, "user.dict.utf8"),
		idf:  filepath.Join(dir, "idf.utf8"),
		stop: filepath.Join(dir, "stop_words.utf8"),
	}
}

// installDicts writes the dictionaries built into pledge to a folder of the
// user's cache named by their content, once, and returns the folder. A later
// run finds it there without unpacking anything; another version of the
// dictionaries gets a folder of its own. The files are written to a
// temporary folder renamed into place, so two processes starting at once
// never see half a dictionary.
func installDicts(userTerms []string) (string, error) {
	user := userDict(userTerms)
	// The name comes from the compressed dictionaries, which hashing is
	// quick, and from every file written beside them.
	h := sha256.New()
	for _, b := range []string{data.JiebaDict(), data.HMMModel(), string(user), idfStandIn, stopStandIn} {
		fmt.Fprintf(h, "%d\n", len(b))
		io.WriteString(h, b)
	}
	name := "jieba-" + hex.EncodeToString(h.Sum(nil))[:16]
	var root, dir string
	for _, r := range cacheRoots() {
		if complete(filepath.Join(r, name)) {
			return filepath.Join(r, name), nil
		}
		if os.MkdirAll(r, 0o755) == nil && root == "" {
			root, dir = r, filepath.Join(r, name)
		}
	}
	if root == "" {
		return "", fmt.Errorf("segmenter dictionaries: no cache folder can be written (tried %s)", strings.Join(cacheRoots(), ", "))
	}
	files, err := dictFiles(user)
	if err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(root, "jieba-tmp-")
	if err != nil {
		return "", fmt.Errorf("segmenter dictionaries: %w", err)
	}
	defer os.RemoveAll(tmp)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := os.WriteFile(filepath.Join(tmp, name), files[name], 0o644); err != nil {
			return "", fmt.Errorf("segmenter dictionaries: %w", err)
		}
	}
	// The size of each file, written last: a folder with it is whole.
	var sizes strings.Builder
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(&sizes, "%s %d\n", name, len(files[name]))
	}
	if err := os.WriteFile(filepath.Join(tmp, manifest), []byte(sizes.String()), 0o644); err != nil {
		return "", fmt.Errorf("segmenter dictionaries: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil && !complete(dir) {
		return "", fmt.Errorf("segmenter dictionaries: %w", err)
	}
	return dir, nil
}

// manifest lists the files of a dictionary folder and their sizes.
const manifest = "sizes.txt"

// cacheRoots are the folders the dictionaries may go in, in order of
// preference: $PLEDGE_CACHE, pledge's folder in the user's cache, and one
// in the system's temporary folder, for a user whose home folder cannot be
// written.
func cacheRoots() []string {
	var out []string
	if d := os.Getenv("PLEDGE_CACHE"); d != "" {
		out = append(out, d)
	}
	if d, err := os.UserCacheDir(); err == nil {
		out = append(out, filepath.Join(d, "pledge"))
	}
	return append(out, filepath.Join(os.TempDir(), fmt.Sprintf("pledge-cache-%d", os.Getuid())))
}

// complete reports whether dir holds every file its manifest lists, with
// the size it lists.
func complete(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, manifest))
	if err != nil {
		return false
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		name, size, _ := strings.Cut(line, " ")
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fmt.Sprint(info.Size()) != size {
			return false
		}
	}
	return true
}

// Pledge only segments, so the keyword extractor's IDF table and stop
// words, which gojieba insists on loading, get a one-line stand-in.
const (
	idfStandIn  = "合作 1.0\n"
	stopStandIn = "的\n"
)

// userDict is the user dictionary file: one term a line.
func userDict(terms []string) []byte {
	var user strings.Builder
	for _, t := range terms {
		if t = strings.TrimSpace(t); t != "" && !strings.ContainsAny(t, " \t") {
			user.WriteString(t + "\n")
		}
	}
	if user.Len() == 0 {
		user.WriteString("一带一路\n") // gojieba wants a non-empty file
	}
	return []byte(user.String())
}

// dictFiles returns the contents of the dictionary files.
func dictFiles(user []byte) (map[string][]byte, error) {
	dict, err := data.Unzip(data.JiebaDict())
	if err != nil {
		return nil, fmt.Errorf("jieba dictionary: %w", err)
	}
	hmm, err := data.Unzip(data.HMMModel())
	if err != nil {
		return nil, fmt.Errorf("jieba HMM model: %w", err)
	}
	return map[string][]byte{
		"jieba.dict.utf8": dict,
		"hmm_model.utf8":  hmm,
		"user.dict.utf8":  user,
		"idf.utf8":        []byte(idfStandIn),
		"stop_words.utf8": []byte(stopStandIn),
	}, nil
}
