// Package validate checks a podcast feed against RSS 2.0, Apple's and
// Spotify's requirements and the Podcasting 2.0 namespace in one streaming
// pass, and reports positioned findings with stable rule codes.
//
// It must not print, choose exit codes or import the CLI.
package validate

import "fmt"

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
