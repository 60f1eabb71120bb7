package scratch

import (
	"context"
	"errors"
	"io"
)

type Options struct {
	Inputs []string
	Out    string
	Log    io.Writer
}

func Build(ctx context.Context, o Options) error { return errors.New("stub") }
