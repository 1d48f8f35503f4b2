package main

import "runtime/debug"

// releaseVersion is the version make release gives pledge, with
// -ldflags "-X main.releaseVersion=…" (git describe: a tag, or the commit,
// -dirty with changes not committed). Only the linker sets it: Go stamps
// no version from git in a linked worktree, where pledge is developed.
var releaseVersion string

// version is the version of this pledge: the one make release gave it, or
// the module version go build stamps from the repository, or the commit
// alone, or (devel) for go run and go build in a worktree.
func version() string {
	if releaseVersion != "" {
		return releaseVersion
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "(devel)"
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				v = "commit " + s.Value[:min(12, len(s.Value))]
			}
		}
	}
	return v
}
