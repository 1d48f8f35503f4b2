package report

import (
	"os"
	"testing"

	"pledge/internal/needs"
)

// TestMain says which tests skip, and why, when what they need from
// outside the repository is missing (see package needs).
func TestMain(m *testing.M) { os.Exit(needs.Main(m, needs.Seeds(), needs.Chromium())) }
