package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// writeOutput writes what write produces to the file path a user gave
// with -o; "-" is stdout. A regular file, or a new one, is written through a temporary
// file renamed into place, so that a failed or interrupted write leaves
// any earlier file whole. A symbolic link is followed: its target is
// written, and the link stays. A device, a pipe or a socket (-o
// /dev/stdout, -o >(gzip > x.gz)) is written straight to, never replaced.
// A folder is refused.
func writeOutput(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		return write(stdout)
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// No file there, or a link to none: the link's target is written.
		target, err := linkTarget(path)
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
		}
		return writeAtomic(path, target, write)
	case err != nil:
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	case info.IsDir():
		return fmt.Errorf("writing %s: it is a folder; give a file name in it (-o %s)", path, filepath.Join(path, "name"))
	case info.Mode().IsRegular():
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
		}
		return writeAtomic(path, target, write)
	}
	// A device, a pipe or a socket is opened by the name given: /dev/stdout
	// leads through /proc to a name that cannot be opened again.
	target := path
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// linkTarget returns where a path leads that does not exist yet: the path
// itself, or, for a symbolic link to a file not there, the file the link
// names.
func linkTarget(path string) (string, error) {
	for range 40 {
		dest, err := os.Readlink(path)
		if err != nil {
			return path, nil // not a link: the path itself
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", errors.New("too many levels of symbolic links")
}

// writeAtomic writes the regular file target (which path names) through a
// temporary file in its folder renamed over it.
func writeAtomic(path, target string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(target), ".pledge-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	// A temporary file is private; what the user asked for is theirs to
	// share, or keeps the mode it had.
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(target); err == nil {
		mode = info.Mode().Perm()
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	return nil
}
