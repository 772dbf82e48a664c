package validate

import (
	"strings"

	"golang.org/x/net/html/charset"
)

// ruleXmlEncodingNotUtf8 compares the declared encoding, the byte-order
// mark and the HTTP charset (an unknown encoding is reported by the engine).
func ruleXmlEncodingNotUtf8() *Rule {
	return &Rule{
		Code:     "xml-encoding-not-utf8",
		Title:    "Feed should be UTF-8",
		Severity: Warning,
		Profiles: []Profile{ProfileApple, ProfileRSS},
		Source:   "APG, FV (NotUTF8)",
		Since:    "v0.1.0",
		Doc:      "Apple asks for feeds in UTF-8. A feed declared as ISO-8859-1, Windows-1252 or UTF-16 is readable by podfeed, but some apps mis-decode it, and the declared encoding, the byte-order mark and the HTTP charset must agree or apps guess differently. An unknown encoding name is an error: the bytes cannot be decoded reliably.",
		Hint:     "Convert the feed to UTF-8 and declare `encoding=\"UTF-8\"` (and `charset=utf-8` in the HTTP Content-Type).",
		Bad:      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
		Good:     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
		Refs:     []string{"https://github.com/Podcastindex-org/podcast-namespace/blob/main/itunes_reference.md", "https://www.w3.org/TR/xml/#charencoding"},
		Finish:   checkEncodingNotUTF8,
	}
}

func checkEncodingNotUTF8(p *Pass) {
	d := p.Doc
	declared := normEncoding(d.DeclaredEncoding)
	if enc, _ := charset.Lookup(declared); enc == nil && declared != "" {
		return // an unknown label: the engine reports it
	}
	pos := d.DeclPos
	if !d.HasDeclaration {
		pos = Pos{Line: 1, Col: 1}
	}
	switch {
	case declared != "" && declared != "utf-8" && declared != "us-ascii" && !strings.HasPrefix(declared, "utf-16"):
		p.Reportf(pos, "the feed is encoded as %q; Apple asks for UTF-8", d.DeclaredEncoding)
	case strings.HasPrefix(declared, "utf-16"):
		p.Reportf(pos, "the feed is encoded as %q; Apple asks for UTF-8", d.DeclaredEncoding)
	}
	if hc := normEncoding(d.HTTPCharset); hc != "" {
		eff := declared
		if eff == "" || eff == "us-ascii" {
			eff = "utf-8"
		}
		if hc == "us-ascii" {
			hc = "utf-8"
		}
		if hc != eff && !(strings.HasPrefix(hc, "utf-16") && strings.HasPrefix(eff, "utf-16")) {
			p.Reportf(pos, "the HTTP charset %q disagrees with the encoding %q the document declares; apps will guess differently", d.HTTPCharset, orDefault(d.DeclaredEncoding, "UTF-8 (default)"))
		}
	}
}

// normEncoding lower-cases an encoding label and folds common aliases.
func normEncoding(s string) string {
	s = strings.ToLower(trimSpace(s))
	switch s {
	case "utf8":
		return "utf-8"
	case "ascii":
		return "us-ascii"
	case "latin1", "latin-1", "iso8859-1":
		return "iso-8859-1"
	}
	return s
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
