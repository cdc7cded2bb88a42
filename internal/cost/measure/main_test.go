package main

import "testing"

func TestParseTime(t *testing.T) {
	s, err := parseTime("Command exited with non-zero status 3\n12.50 734208 9.80 1.20\n")
	if err != nil {
		t.Fatal(err)
	}
	if s.seconds != 12.5 || s.kb != 734208 || s.cpu != 11 {
		t.Errorf("parseTime = %+v, want 12.5 s, 734208 KiB, 11 s CPU", s)
	}
	if _, err := parseTime("12.50 734208\n"); err == nil {
		t.Error("parseTime accepted a line without CPU times")
	}
}

func TestMedian(t *testing.T) {
	if got := median([]float64{3, 1, 2}); got != 2 {
		t.Errorf("median of 3 = %v, want 2", got)
	}
	if got := median([]int{4, 1, 3, 2}); got != 2 {
		t.Errorf("median of 4 = %v, want the lower middle 2", got)
	}
}

func TestShortName(t *testing.T) {
	dirs := []string{"/c/restic__restic", "/c/etcd-io__etcd/server"}
	for dir, want := range map[string]string{
		"/c/restic__restic":       "restic__restic",
		"/c/etcd-io__etcd/server": "etcd-io__etcd/server",
	} {
		if got := shortName(dirs, dir); got != want {
			t.Errorf("shortName(%s) = %s, want %s", dir, got, want)
		}
	}
}
