package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteAllKeepsModeAndLinks(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.go")
	b := filepath.Join(dir, "b.go")
	writeFile(t, a, "old a", 0o640)
	writeFile(t, b, "old b", 0o600)
	link := filepath.Join(dir, "link.go")
	if err := os.Symlink("b.go", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteAll([]Change{{a, []byte("new a")}, {link, []byte("new b")}}); err != nil {
		t.Fatal(err)
	}
	checkFile(t, a, "new a", 0o640)
	checkFile(t, b, "new b", 0o600)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.go is no longer a symbolic link (%v)", err)
	}
	checkNoTemps(t, dir)
}

func TestWriteAllAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.go")
	ro := filepath.Join(dir, "ro.go")
	writeFile(t, a, "old a", 0o644)
	writeFile(t, ro, "old ro", 0o444)
	missing := filepath.Join(dir, "gone", "c.go")
	err := WriteAll([]Change{{a, []byte("new a")}, {ro, []byte("new ro")}, {missing, []byte("x")}})
	if err == nil {
		t.Fatal("WriteAll succeeded with a read-only file and a missing one")
	}
	for _, want := range []string{"cannot write " + ro + ": file is read-only", "cannot write " + missing} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	checkFile(t, a, "old a", 0o644)
	checkFile(t, ro, "old ro", 0o444)
	checkNoTemps(t, dir)
}

func writeFile(t *testing.T, name, data string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(name, mode); err != nil { // beyond the umask
		t.Fatal(err)
	}
}

func checkFile(t *testing.T, name, data string, mode os.FileMode) {
	t.Helper()
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != data {
		t.Errorf("%s = %q, want %q", name, got, data)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != mode {
		t.Errorf("%s mode = %v, want %v", name, fi.Mode().Perm(), mode)
	}
}

func checkNoTemps(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".retrylint-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}
