package driver

import "testing"

func TestOutsideMainModules(t *testing.T) {
	tests := []struct {
		u    vetUnit
		want bool
	}{
		{vetUnit{ImportPath: "fmt"}, true},
		{vetUnit{ImportPath: "vendor/golang.org/x/net/http2/hpack"}, true},
		{vetUnit{ImportPath: "github.com/x/dep", ModulePath: "github.com/x/dep", ModuleVersion: "v1.2.0"}, true},
		{vetUnit{ImportPath: "example.com/m/a", ModulePath: "example.com/m"}, false},
		{vetUnit{ImportPath: "example.com/gopath/a"}, false}, // GOPATH mode: every package is analysed
	}
	for _, tt := range tests {
		if got := tt.u.outsideMainModules(); got != tt.want {
			t.Errorf("%+v: outsideMainModules() = %v, want %v", tt.u, got, tt.want)
		}
	}
}
