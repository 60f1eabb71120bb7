package scorecard

import (
	"fmt"
	"strings"

	"kpireport/report/locale"
)

// Brand is branding given on the command line (--logo, --theme-colour,
// --locale, --currency); each field set wins over its Settings row.
type Brand struct {
	Logo        string // a PNG, JPEG or SVG file, named from the current folder
	ThemeColour string // #rrggbb or #rgb
	Locale      string // a language tag such as de-DE
	Currency    string // an ISO 4217 code such as EUR

	checked  bool
	colour   string
	logoType string
	logoData []byte
}

// Check reads b's values: each error names its flag. A low-contrast colour
// is no error; Check returns it as a warning.
func (b *Brand) Check() (warning string, err error) {
	b.checked = true
	if v := strings.TrimSpace(b.ThemeColour); v != "" {
		c, err := parseColour(v)
		if err != nil {
			return "", fmt.Errorf("--theme-colour %q %v", b.ThemeColour, err)
		}
		b.colour = c
		if ratio := contrastWithWhite(c); ratio < 4.5 {
			warning = fmt.Sprintf("--theme-colour %s on white, and white on it, has a contrast of %.1f:1, under the 4.5:1 that text needs to be read easily; choose a darker colour", c, ratio)
		}
	}
	if v := strings.TrimSpace(b.Locale); v != "" {
		if _, err := locale.Tag(v); err != nil {
			return "", fmt.Errorf("--locale %q %v", b.Locale, err)
		}
	}
	if v := strings.TrimSpace(b.Currency); v != "" {
		if _, err := locale.Currency(v); err != nil {
			return "", fmt.Errorf("--currency %q %v", b.Currency, err)
		}
	}
	if v := strings.TrimSpace(b.Logo); v != "" {
		data, err := readSmallFile(v, maxLogoBytes)
		if err != nil {
			return "", fmt.Errorf("--logo: %v", err)
		}
		t := logoType(data)
		if t == "" {
			return "", fmt.Errorf("--logo %q is not a PNG, JPEG or SVG image", b.Logo)
		}
		b.logoType, b.logoData = t, data
	}
	return warning, nil
}

// Apply puts b's values into s, over what the Settings sheet said.
func (b *Brand) Apply(s *Settings) error {
	if !b.checked {
		if _, err := b.Check(); err != nil {
			return err
		}
	}
	if b.colour != "" {
		s.ThemeColour = b.colour
	}
	if v := strings.TrimSpace(b.Locale); v != "" {
		s.Locale = v
	}
	if v := strings.TrimSpace(b.Currency); v != "" {
		s.Currency = v
	}
	if b.logoType != "" {
		s.Logo, s.LogoType, s.LogoData = b.Logo, b.logoType, b.logoData
	}
	return nil
}

// logoType is the media type of a logo's bytes: image/png, image/jpeg or
// image/svg+xml, or "" for anything else.
func logoType(data []byte) string {
	switch head := string(data[:min(len(data), 512)]); {
	case strings.HasPrefix(head, "\x89PNG\r\n\x1a\n"):
		return "image/png"
	case strings.HasPrefix(head, "\xff\xd8\xff"):
		return "image/jpeg"
	case strings.Contains(head, "<svg"):
		return "image/svg+xml"
	}
	return ""
}
