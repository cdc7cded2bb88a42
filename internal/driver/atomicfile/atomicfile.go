// Package atomicfile replaces a set of existing files so that each one is
// written whole or not at all, and none is touched when any of them cannot be
// prepared: the last step of -fix.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Change is the new content of an existing file.
type Change struct {
	Path string
	Data []byte
}

// WriteAll replaces every file with its new content. It first writes each
// new content to a temporary file in the same directory (so the final rename
// stays on one file system and is atomic) with the old file's permissions;
// if any of that fails, or a file is read-only, it removes the temporary
// files and changes nothing. Then it renames each temporary file over its
// target. The error names every file that could not be written.
func WriteAll(changes []Change) error {
	temps := make([]string, len(changes))
	targets := make([]string, len(changes))
	cleanup := func() {
		for _, t := range temps {
			if t != "" {
				os.Remove(t)
			}
		}
	}
	var errs []error
	for i, c := range changes {
		target, tmp, err := prepare(c)
		if err != nil {
			errs = append(errs, fmt.Errorf("cannot write %s: %w", c.Path, err))
			continue
		}
		targets[i], temps[i] = target, tmp
	}
	if len(errs) > 0 {
		cleanup()
		return errors.Join(errs...)
	}
	var written []string
	for i, c := range changes {
		if err := os.Rename(temps[i], targets[i]); err != nil {
			cleanup()
			return fmt.Errorf("cannot write %s: %w (already written: %v)", c.Path, err, written)
		}
		temps[i] = ""
		written = append(written, c.Path)
	}
	return nil
}

// prepare writes c's content to a temporary file beside the file it will
// replace, and returns the real path of that file (symbolic links are
// followed, so the link stays a link) and the temporary file's name.
func prepare(c Change) (target, tmp string, err error) {
	target, err = filepath.EvalSymlinks(c.Path)
	if err != nil {
		return "", "", err
	}
	info, err := os.Stat(target)
	if err != nil {
		return "", "", err
	}
	if !info.Mode().IsRegular() {
		return "", "", errors.New("not a regular file")
	}
	// A file without any write permission bit is one its owner chose to
	// protect; rename would replace it anyway (and root may write
	// anything), so refuse explicitly.
	if info.Mode().Perm()&0o222 == 0 {
		return "", "", errors.New("file is read-only")
	}
	// Opening for writing, without truncating, checks permission the way
	// the system sees it.
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return "", "", err
	}
	f.Close()

	t, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".retrylint-*")
	if err != nil {
		return "", "", err
	}
	_, err = t.Write(c.Data)
	if err == nil {
		err = t.Sync()
	}
	if err == nil {
		err = t.Chmod(info.Mode().Perm())
	}
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(t.Name())
		return "", "", err
	}
	return target, t.Name(), nil
}
