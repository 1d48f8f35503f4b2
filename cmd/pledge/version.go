package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"pledge/classify"
	"pledge/link"
)

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

// printVersion prints pledge's version and those of the built-in model and
// of the linker, which together decide what a database holds.
func printVersion(w io.Writer) error {
	m, err := classify.DefaultModel()
	if err != nil {
		return fmt.Errorf("the built-in model: %w", err)
	}
	calibrated := "calibrated"
	if m.Temperature == 0 {
		calibrated = "uncalibrated"
	}
	linker, err := link.DefaultModel()
	if err != nil {
		return fmt.Errorf("the built-in linker: %w", err)
	}
	_, err = fmt.Fprintf(w, "pledge %s (%s, %s/%s)\nmodel  %.12s  built in: %s naive Bayes, %d labels, trained on %d examples, %s\nlinker %s  threshold %g\n",
		version(), runtime.Version(), runtime.GOOS, runtime.GOARCH,
		m.Hash, m.Variant, len(m.Labels), m.TrainingSize(), calibrated, linker.Version(), linker.Threshold)
	return err
}
