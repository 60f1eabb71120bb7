package main

import (
	"bytes"
	"context"
	"errors"
	"runtime/debug"
	"strings"
	"testing"
)

func TestHelp(t *testing.T) {
	for _, cmd := range commands() {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), []string{"help", cmd}, &out, &errOut); err != nil {
			t.Fatalf("help %s: %v", cmd, err)
		}
		if !strings.HasPrefix(out.String(), "Usage: kpireport "+cmd) || !strings.Contains(out.String(), "Example") {
			t.Errorf("help %s has no usage or examples:\n%s", cmd, out.String())
		}
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"help"}, &out, &errOut); err != nil || !strings.Contains(out.String(), "Examples:") {
		t.Errorf("help: %v\n%s", err, out.String())
	}
}

// TestCommandH prints a command's help and then its flags.
func TestCommandH(t *testing.T) {
	for _, cmd := range []string{"build", "check", "inspect", "init"} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), []string{cmd, "-h"}, &out, &errOut); err != nil {
			t.Errorf("%s -h: %v", cmd, err)
		}
		if !strings.HasPrefix(errOut.String(), commandHelp[cmd]) {
			t.Errorf("%s -h:\n%s", cmd, errOut.String())
		}
	}
}

func TestDidYouMean(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"biuld"}, `kpireport: unknown command "biuld"; did you mean build?`},
		{[]string{"chek", "x.xlsx"}, `kpireport: unknown command "chek"; did you mean check?`},
		{[]string{"help", "inti"}, `kpireport help: unknown command "inti"; did you mean init?`},
		{[]string{"check", "x.xlsx", "--fromat", "json"}, "kpireport check: unknown flag -fromat; did you mean --format?"},
		{[]string{"build", "x.xlsx", "--no-pack"}, "kpireport build: unknown flag -no-pack; did you mean --no-packs?"},
	} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), tc.args, &out, &errOut); !errors.Is(err, errUsage) {
			t.Errorf("run(%q) = %v, want a usage error", tc.args, err)
		}
		if !strings.Contains(errOut.String(), tc.want+"\n") {
			t.Errorf("run(%q) does not say %q:\n%s", tc.args, tc.want, errOut.String())
		}
	}
	if got := didYouMean("frobnicate", commands(), ""); got != "" {
		t.Errorf("frobnicate is close to nothing, got %q", got)
	}
}

func TestVersionText(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "kpireport", Version: "v1.2.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "1a2b3c4d5e6f7a8b9c0d"}, {Key: "vcs.modified", Value: "true"}}}
	if got, want := versionText(info), "kpireport v1.2.0 (revision 1a2b3c4d5e6f, modified) go1.26.8\n"; got != want {
		t.Errorf("versionText = %q, want %q", got, want)
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"version"}, &out, &errOut); err != nil || !strings.HasPrefix(out.String(), "kpireport ") {
		t.Errorf("version: %v %q", err, out.String())
	}
}
