package main

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// usageParts splits a command's --help into the flags its usage line
// names and the flags its Flags section describes, and returns the lines
// of the section.
func usageParts(help string) (usage, described []string, section []string) {
	flagName := regexp.MustCompile(`(?:^|[\s\[(|])(--?[a-z][a-z-]*)`)
	lines := strings.Split(help, "\n")
	for i, l := range lines {
		// The usage line, and the lines that go on from it (indented) or
		// give another form (pledge label --undo).
		if i > 0 && l == "" {
			break
		}
		for _, m := range flagName.FindAllStringSubmatch(l, -1) {
			usage = append(usage, strings.TrimLeft(m[1], "-"))
		}
		if strings.Contains(l, "[model flags]") {
			usage = append(usage, "variant", "alpha", "bigrams", "calibrate")
		}
	}
	in := false
	for _, l := range lines {
		switch {
		case l == "Flags:":
			in = true
		case in && l == "":
			return usage, described, section
		case in:
			section = append(section, l)
			if m := regexp.MustCompile(`^  (--?[a-z][a-z-]*)`).FindStringSubmatch(l); m != nil {
				described = append(described, strings.TrimLeft(m[1], "-"))
			}
		}
	}
	return usage, described, section
}

// TestCommandHelp runs --help of every command and checks its flags: each
// flag of the usage line is described under Flags, and each described is
// in the usage line; each is a flag the command takes; and the
// descriptions stand in one column, at the 18th character, as the
// continuation lines do.
func TestCommandHelp(t *testing.T) {
	for _, c := range commands {
		help, _, err := run(t, c.name, "--help")
		if err != nil {
			t.Errorf("pledge %s --help: %v", c.name, err)
			continue
		}
		usage, described, section := usageParts(help)
		if len(described) == 0 {
			t.Errorf("pledge %s --help has no Flags section:\n%s", c.name, help)
			continue
		}
		for _, f := range usage {
			if !slices.Contains(described, f) {
				t.Errorf("pledge %s: the usage line names --%s, which Flags does not describe", c.name, f)
			}
		}
		for _, f := range described {
			if !slices.Contains(usage, f) {
				t.Errorf("pledge %s: Flags describes --%s, which the usage line leaves out", c.name, f)
			}
			// A value of 0 is one every flag of pledge parses, so that
			// only a flag the command lacks is refused.
			if _, _, err := run(t, c.name, "--"+f+"=0", "--help"); err != nil {
				t.Errorf("pledge %s: --%s is described but refused: %v", c.name, f, err)
			}
		}
		const column = 17 // the descriptions start after 17 characters
		for _, l := range section {
			flag, desc, ok := strings.Cut(strings.TrimPrefix(l, "  "), "  ")
			switch {
			case strings.HasPrefix(l, "   "):
				if len(l) <= column || strings.TrimSpace(l[:column]) != "" || l[column] == ' ' {
					t.Errorf("pledge %s: a line under Flags does not start at the column of the descriptions:\n%s", c.name, l)
				}
			case ok && strings.TrimSpace(desc) != "":
				if at := strings.Index(l, strings.TrimSpace(desc)); at != column {
					t.Errorf("pledge %s: the description of %s starts at %d, not %d:\n%s", c.name, flag, at, column, l)
				}
			}
		}
	}
}

// TestFlagMistakes checks that a mistyped flag is named as the user typed
// it, with the flag they likely meant, and no words of Go's flag package.
func TestFlagMistakes(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"tally", "--statuz"}, "tally: unknown flag --statuz; did you mean --status? (pledge tally --help lists the flags)"},
		{[]string{"tally", "-statuz"}, "tally: unknown flag --statuz; did you mean --status?"},
		{[]string{"list", "--serch", "本币"}, "list: unknown flag --serch; did you mean --search?"},
		{[]string{"report", "--al"}, "report: unknown flag --al; did you mean --all?"},
		{[]string{"tally", "--zzzzzz"}, "tally: unknown flag --zzzzzz (pledge tally --help lists the flags)"},
		{[]string{"export", "-o"}, "export: -o needs a value (pledge export --help lists the flags)"},
		{[]string{"new", "--year"}, "new: --year needs a value: a whole number"},
		{[]string{"new", "--year", "二〇二一"}, "new: --year 二〇二一: want a whole number"},
		{[]string{"tally", "--csv=maybe"}, "tally: --csv=maybe: want true or false"},
		{[]string{"tally", "--with="}, `tally: --with "": empty party name`},
		{[]string{"relink", "--threshold", "high"}, "relink: --threshold high: want a number"},
		{[]string{"ingset", "x"}, `unknown command "ingset"; did you mean ingest?`},
		{[]string{"frobnicate"}, `unknown command "frobnicate" (pledge --help lists the commands)`},
	}
	for _, tt := range tests {
		_, _, err := run(t, tt.args...)
		var u usageError
		if !errors.As(err, &u) || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "provided but not defined") || strings.Contains(err.Error(), "parse error") {
			t.Errorf("pledge %s: %v, want a usage error starting %q", strings.Join(tt.args, " "), err, tt.want)
		}
	}
}

// TestVersion checks that pledge --version names pledge's version, the
// built-in model's hash and the linker's method.
func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		out, _, err := run(t, arg)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if err != nil || len(lines) != 3 || !strings.HasPrefix(lines[0], "pledge ") ||
			!regexp.MustCompile(`^model  [0-9a-f]{12}  built in: complement naive Bayes, 10 labels`).MatchString(lines[1]) ||
			!strings.HasPrefix(lines[2], "linker pairs-") {
			t.Errorf("pledge %s: %v\n%s", arg, err, out)
		}
	}
}
