package layering

import (
	"os/exec"
	"strings"
	"testing"
)

// TestJiebaAtTheEdge lists every package of the module with what it
// depends on: only package segment and the command may reach gojieba.
func TestJiebaAtTheEdge(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}} {{join .Deps " "}}`, "pledge/...").Output()
	if err != nil {
		t.Skipf("go list: %v (the go command is needed)", err)
	}
	// The command, segment itself, the generators and the tests' helper
	// that gives them one segmenter.
	allowed := map[string]bool{"pledge/segment": true, "pledge/cmd/pledge": true, "pledge/internal/cmd/genmodel": true,
		"pledge/internal/cmd/gencorpus": true, "pledge/internal/testkit": true}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, deps, _ := strings.Cut(line, " ")
		if !strings.HasPrefix(pkg, "pledge/") {
			continue
		}
		checked++
		if !allowed[pkg] && strings.Contains(" "+deps+" ", " github.com/yanyiwu/gojieba ") {
			t.Errorf("%s depends on gojieba: reach jieba through package segment's interface instead", pkg)
		}
	}
	if checked < 10 {
		t.Fatalf("go list gave %d of pledge's packages: %s", checked, out)
	}
}
