package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// A bad branding flag is a usage error that names the flag, before any
// workbook is read.
func TestBrandFlags(t *testing.T) {
	for _, tt := range []struct{ flag, value string }{
		{"--theme-colour", `red;}</style><script>`},
		{"--locale", "xx-YY"},
		{"--currency", "XYZ"},
		{"--logo", "no-such-logo.png"},
	} {
		for _, cmd := range []string{"build", "check"} {
			var out, errOut bytes.Buffer
			err := run(context.Background(), []string{cmd, tt.flag, tt.value, "../../sample-data/northvale-water.xlsx"}, &out, &errOut)
			if !errors.Is(err, errUsage) || !strings.Contains(errOut.String(), "kpireport "+cmd+": "+tt.flag) {
				t.Errorf("%s %s %q: %v\n%s", cmd, tt.flag, tt.value, err, errOut.String())
			}
		}
	}
}
