package classify

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
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
// run finds it there; another version of the dictionaries gets a folder of
// its own. The files are written to a temporary folder renamed into place,
// so two processes starting at once never see half a dictionary.
func installDicts(userTerms []string) (string, error) {
	files, err := dictFiles(userTerms)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(h, "%s %d\n", name, len(files[name]))
		h.Write(files[name])
	}
	name := "jieba-" + hex.EncodeToString(h.Sum(nil))[:16]
	var root, dir string
	for _, r := range cacheRoots() {
		if complete(filepath.Join(r, name), files) {
			return filepath.Join(r, name), nil
		}
		if os.MkdirAll(r, 0o755) == nil && root == "" {
			root, dir = r, filepath.Join(r, name)
		}
	}
	if root == "" {
		return "", fmt.Errorf("segmenter dictionaries: no cache folder can be written (tried %s)", strings.Join(cacheRoots(), ", "))
	}
	tmp, err := os.MkdirTemp(root, "jieba-tmp-")
	if err != nil {
		return "", fmt.Errorf("segmenter dictionaries: %w", err)
	}
	defer os.RemoveAll(tmp)
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), b, 0o644); err != nil {
			return "", fmt.Errorf("segmenter dictionaries: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil && !complete(dir, files) {
		return "", fmt.Errorf("segmenter dictionaries: %w", err)
	}
	return dir, nil
}

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

// complete reports whether dir holds every file with the right size.
func complete(dir string, files map[string][]byte) bool {
	for name, b := range files {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil || info.Size() != int64(len(b)) {
			return false
		}
	}
	return true
}

// dictFiles returns the contents of the dictionary files. Pledge only
// segments, so the keyword extractor's IDF table and stop words, which
// gojieba insists on loading, get a one-line stand-in.
func dictFiles(userTerms []string) (map[string][]byte, error) {
	dict, err := gunzip(data.JiebaDict)
	if err != nil {
		return nil, fmt.Errorf("jieba dictionary: %w", err)
	}
	hmm, err := gunzip(data.HMMModel)
	if err != nil {
		return nil, fmt.Errorf("jieba HMM model: %w", err)
	}
	var user strings.Builder
	for _, t := range userTerms {
		if t = strings.TrimSpace(t); t != "" && !strings.ContainsAny(t, " \t") {
			user.WriteString(t + "\n")
		}
	}
	if user.Len() == 0 {
		user.WriteString("一带一路\n") // gojieba wants a non-empty file
	}
	return map[string][]byte{
		"jieba.dict.utf8": dict,
		"hmm_model.utf8":  hmm,
		"user.dict.utf8":  []byte(user.String()),
		"idf.utf8":        []byte("合作 1.0\n"),
		"stop_words.utf8": []byte("的\n"),
	}, nil
}

func gunzip(b []byte) ([]byte, error) {
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
